import { z } from 'zod';
import { InstitutionCategory, InstitutionTier } from '../enums';
import { RULE_IDS, RuleLevel } from '../policy/schema';
import { IsoDate, PageQuery } from './common';

export const PAIRING_MODES = ['one_to_one', 'team', 'hospital_department', 'school_hospital'] as const;
export const PairingMode = z.enum(PAIRING_MODES);
export type PairingMode = z.infer<typeof PairingMode>;
export const PAIRING_MODE_LABELS: Record<PairingMode, string> = {
  one_to_one: '一对一',
  team: '组团式',
  hospital_department: '以院包科',
  school_hospital: '以校包院',
};
/** Modes in which the supporter comes as a team: they may add supporters by design (P02). */
export const TEAM_MODES: readonly PairingMode[] = ['team', 'hospital_department', 'school_hospital'];

export const PairingStatus = z.enum(['active', 'ended']);
export type PairingStatus = z.infer<typeof PairingStatus>;
export const PAIRING_STATUS_LABELS: Record<PairingStatus, string> = { active: '执行中', ended: '已终止' };

export const ExceptionStatus = z.enum(['none', 'pending', 'approved', 'rejected']);
export type ExceptionStatus = z.infer<typeof ExceptionStatus>;
export const EXCEPTION_STATUS_LABELS: Record<ExceptionStatus, string> = {
  none: '无',
  pending: '例外待审批',
  approved: '例外已批准',
  rejected: '例外未批准',
};

/** A broken rule: its id and level, a Chinese message naming the institutions and numbers, and its inputs. */
export const ViolationDto = z.object({
  rule: z.enum(RULE_IDS),
  level: RuleLevel,
  message: z.string(),
  inputs: z.record(z.string(), z.unknown()),
});
export type Violation = z.infer<typeof ViolationDto>;

export const PairingSideDto = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.enum(InstitutionCategory.values),
  tier: z.enum(InstitutionTier.values),
  regionCode: z.string(),
  regionName: z.string(),
});
export type PairingSideDto = z.infer<typeof PairingSideDto>;

export const PairingDto = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  supporting: PairingSideDto,
  recipient: PairingSideDto,
  mode: PairingMode,
  departments: z.array(z.string()),
  periodStart: z.string(),
  periodEnd: z.string().nullable(),
  status: PairingStatus,
  exceptionStatus: ExceptionStatus,
  exceptionReason: z.string().nullable(),
  /** the rule ids the pairing deviates from, as judged when it was last saved */
  deviations: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type PairingDto = z.infer<typeof PairingDto>;

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');

export const PairingListQuery = PageQuery.extend({
  programmeId: z.uuid().optional(),
  /** either side in this region's subtree */
  region: regionCode.optional(),
  /** the supporting institution's category */
  category: z.enum(InstitutionCategory.values).optional(),
  mode: PairingMode.optional(),
  status: PairingStatus.optional(),
  exceptionStatus: ExceptionStatus.optional(),
  /** part of either institution's name */
  q: z.string().trim().max(50).optional(),
});
export type PairingListQuery = z.infer<typeof PairingListQuery>;

const reason = (what: string) => z.string().trim().min(1, `请填写${what}`).max(1000);
const departments = z.array(z.string().trim().min(1, '科室名称不能为空').max(50)).max(50);

/** Fields a pairing is made of; programme, status and exception status are never taken from a body (S08). */
const PairingFields = z.strictObject({
  supportingInstitutionId: z.uuid(),
  recipientInstitutionId: z.uuid(),
  mode: PairingMode,
  /** 以院包科: the recipient's departments the supporter takes on (required for that mode) */
  departments: departments.default([]),
  periodStart: IsoDate,
  periodEnd: IsoDate.nullable(),
  /** a reason to save a deviation from an "in principle" rule as an exception (P02) */
  exceptionReason: z.string().trim().min(1, '请填写例外理由').max(1000).optional(),
});

type Shape = { supportingInstitutionId: string; recipientInstitutionId: string; periodStart: string };
const shapeChecks = <
  T extends z.ZodType<Shape & { periodEnd: string | null; mode: PairingMode; departments: string[] }>,
>(
  schema: T,
) =>
  schema
    .refine((b) => b.supportingInstitutionId !== b.recipientInstitutionId, {
      error: '支援机构与受援机构不能是同一机构',
      path: ['recipientInstitutionId'],
    })
    .refine((b) => b.periodEnd === null || b.periodEnd >= b.periodStart, {
      error: '结束日期不能早于开始日期',
      path: ['periodEnd'],
    })
    .refine((b) => b.mode !== 'hospital_department' || b.departments.length > 0, {
      error: '以院包科须列明所包科室',
      path: ['departments'],
    });

export const CreatePairingBody = shapeChecks(PairingFields.extend({ programmeId: z.uuid() }));
export type CreatePairingBody = z.input<typeof CreatePairingBody>;

/**
 * A change: the fields that change (absent ones stay as they are), why, and the version it
 * was made from (S29). The merged state is checked like a new pairing's.
 */
export const UpdatePairingBody = z.strictObject({
  supportingInstitutionId: z.uuid().optional(),
  recipientInstitutionId: z.uuid().optional(),
  mode: PairingMode.optional(),
  departments: departments.optional(),
  periodStart: IsoDate.optional(),
  periodEnd: IsoDate.nullable().optional(),
  exceptionReason: z.string().trim().min(1, '请填写例外理由').max(1000).optional(),
  reason: reason('变更理由'),
  version: z.number().int().min(1),
});
export type UpdatePairingBody = z.input<typeof UpdatePairingBody>;

export const EndPairingBody = z.strictObject({
  endDate: IsoDate,
  reason: reason('终止理由'),
  version: z.number().int().min(1),
});
export type EndPairingBody = z.infer<typeof EndPairingBody>;

export const PairingChangeKind = z.enum(['create', 'update', 'end']);
export const PAIRING_CHANGE_LABELS: Record<z.infer<typeof PairingChangeKind>, string> = {
  create: '建立结对',
  update: '变更',
  end: '终止',
};

export const PairingChangeDto = z.object({
  id: z.uuid(),
  at: z.string(),
  actorName: z.string().nullable(),
  kind: PairingChangeKind,
  /** field → { from, to }, with institution ids resolved to names */
  diff: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  reason: z.string().nullable(),
  /** the policy pack version the change was judged by */
  policyVersion: z.number().int().nullable(),
  violations: z.array(ViolationDto),
});
export type PairingChangeDto = z.infer<typeof PairingChangeDto>;

export const PAIRING_FIELD_LABELS: Record<string, string> = {
  supportingInstitution: '支援机构',
  recipientInstitution: '受援机构',
  mode: '模式',
  departments: '所包科室',
  periodStart: '开始日期',
  periodEnd: '结束日期',
  status: '状态',
  exceptionStatus: '例外状态',
  exceptionReason: '例外理由',
  deviations: '偏离规则',
};

export const OverviewQuery = z.strictObject({
  /** a prefecture's code, or `all` (default) */
  prefecture: z.union([z.literal('all'), regionCode]).default('all'),
  programmeId: z.uuid().optional(),
  /** the day judged: pairings in force that day count; default today, or a finished programme's last day */
  on: IsoDate.optional(),
});

export const OverviewSupporterDto = z.object({
  pairingId: z.uuid(),
  institutionId: z.uuid(),
  name: z.string(),
  category: z.enum(InstitutionCategory.values),
  mode: PairingMode,
  programmeName: z.string(),
});

export const OverviewRecipientDto = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.enum(InstitutionCategory.values),
  tier: z.enum(InstitutionTier.values),
  regionCode: z.string(),
  regionName: z.string(),
  deepPoverty: z.boolean(),
  supporters: z.array(OverviewSupporterDto),
});
export type OverviewRecipientDto = z.infer<typeof OverviewRecipientDto>;

export const OverviewPrefectureDto = z.object({
  code: z.string(),
  name: z.string(),
  recipients: z.number().int(),
  covered: z.number().int(),
  /** recipients with at least one active supporter of each category */
  coveredByCategory: z.record(z.string(), z.number().int()),
  recipientList: z.array(OverviewRecipientDto),
});
export type OverviewPrefectureDto = z.infer<typeof OverviewPrefectureDto>;

export const PairingOverviewDto = z.object({
  /** the day judged */
  on: IsoDate,
  prefectures: z.array(OverviewPrefectureDto),
  totals: z.object({ recipients: z.number().int(), covered: z.number().int() }),
});
export type PairingOverviewDto = z.infer<typeof PairingOverviewDto>;
