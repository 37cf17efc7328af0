import { z } from 'zod';
import { DISPATCH_KINDS, DISPATCH_ROLES, DISPATCH_STATUSES, MANAGEMENT_POSTS } from '../dispatch-vocabulary';
import { TITLES } from '../policy/schema';
import { IsoDate, PageQuery } from './common';
import { ViolationDto } from './pairing';

/** Dispatches (选派/派驻) of support staff to a pairing's recipient, and their eligibility. */

export const ConflictDto = z.object({
  code: z.string(),
  message: z.string(),
  inputs: z.record(z.string(), z.unknown()),
});
export type ConflictDto = z.infer<typeof ConflictDto>;

/** The eligibility judgement: policy violations (with rule, level, source) and conflicts (always blocking). */
export const EligibilityDto = z.object({
  violations: z.array(ViolationDto),
  conflicts: z.array(ConflictDto),
  /** the pack version judged by */
  policyVersion: z.number().int().nullable(),
});
export type EligibilityDto = z.infer<typeof EligibilityDto>;

const Ref = z.object({ id: z.uuid(), name: z.string() });

export const DispatchDto = z.object({
  id: z.uuid(),
  staffId: z.uuid(),
  staff: z.object({ id: z.uuid(), name: z.string(), title: z.enum(TITLES), institution: Ref }),
  pairingId: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  recipientInstitutionId: z.uuid(),
  recipient: Ref.extend({ regionCode: z.string(), regionName: z.string() }),
  batch: z.string(),
  kind: z.enum(DISPATCH_KINDS),
  role: z.enum(DISPATCH_ROLES),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  arrivedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  status: z.enum(DISPATCH_STATUSES),
  judgement: EligibilityDto,
  justification: z.string().nullable(),
  approvedAt: z.string().nullable(),
  /** P05: counts as grass-roots service (approved by the province) */
  countsAsService: z.boolean(),
  titleAtApproval: z.enum(TITLES).nullable(),
  presenceRule: z.enum(['P06', 'P07']).nullable(),
  endReason: z.string().nullable(),
  replacedBy: z.uuid().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type DispatchDto = z.infer<typeof DispatchDto>;

export const DispatchListQuery = PageQuery.extend({
  programmeId: z.uuid().optional(),
  pairingId: z.uuid().optional(),
  staffId: z.uuid().optional(),
  recipientInstitutionId: z.uuid().optional(),
  /** the recipient in this region's subtree */
  region: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
  batch: z.string().trim().max(50).optional(),
  status: z.enum(DISPATCH_STATUSES).optional(),
  /** part of the staff member's name */
  q: z.string().trim().max(50).optional(),
});
export type DispatchListQuery = z.infer<typeof DispatchListQuery>;

const reason = (what: string) => z.string().trim().min(1, `请填写${what}`).max(1000);

const DispatchFields = z.strictObject({
  staffId: z.uuid({ error: '请选择支援人员' }),
  pairingId: z.uuid({ error: '请选择结对关系' }),
  batch: z.string().trim().min(1, '请填写批次，如 2019年第一批').max(50),
  kind: z.enum(DISPATCH_KINDS, { error: '请选择派驻方式' }),
  role: z.enum(DISPATCH_ROLES, { error: '请选择岗位' }),
  plannedStart: IsoDate,
  plannedEnd: IsoDate,
});

/** Judge a proposed dispatch without saving it (the form shows the result as the user fills it). */
export const CheckDispatchBody = DispatchFields.refine((b) => b.plannedEnd >= b.plannedStart, {
  error: '结束日期不能早于开始日期',
  path: ['plannedEnd'],
});
export type CheckDispatchBody = z.infer<typeof CheckDispatchBody>;

export const CreateDispatchBody = CheckDispatchBody;
export type CreateDispatchBody = z.infer<typeof CreateDispatchBody>;

/** Send to the province: a deviation from an "in principle" rule (P04) needs the justification. */
export const SubmitDispatchBody = z.strictObject({
  justification: reason('偏离原则上规定的理由').optional(),
  version: z.number().int().min(1),
});
export type SubmitDispatchBody = z.infer<typeof SubmitDispatchBody>;

/** The recipient confirms the person arrived (approved → on_duty). */
export const ConfirmArrivalBody = z.strictObject({ arrivedOn: IsoDate, version: z.number().int().min(1) });
export type ConfirmArrivalBody = z.infer<typeof ConfirmArrivalBody>;

/** on_duty → completed (at the planned end) or ended_early (P06: with a reason). */
export const EndDispatchBody = z.strictObject({
  outcome: z.enum(['completed', 'ended_early']),
  endedOn: IsoDate,
  reason: z.string().trim().max(1000).optional(),
  version: z.number().int().min(1),
});
export type EndDispatchBody = z.infer<typeof EndDispatchBody>;

// ─── P13 management posts and replacing a dispatch ───

/** P13: a post the dispatched person holds (兼任) at the recipient during the dispatch. */
export const ManagementPostDto = z.object({
  id: z.uuid(),
  dispatchId: z.uuid(),
  post: z.enum(MANAGEMENT_POSTS),
  department: z.string().nullable(),
  startsOn: z.string(),
  /** null: held until the dispatch ends */
  endsOn: z.string().nullable(),
  createdAt: z.string(),
});
export type ManagementPostDto = z.infer<typeof ManagementPostDto>;

const DEPARTMENT_POSTS: readonly string[] = ['department_head', 'deputy_department_head'];

/** The recipient appoints: a department post names its department; the dates lie inside the dispatch. */
export const CreateManagementPostBody = z
  .strictObject({
    post: z.enum(MANAGEMENT_POSTS, { error: '请选择职务' }),
    department: z.string().trim().max(100).optional(),
    startsOn: IsoDate,
    endsOn: IsoDate.optional(),
  })
  .refine((b) => !DEPARTMENT_POSTS.includes(b.post) || Boolean(b.department), {
    error: '科室职务须填写科室名称',
    path: ['department'],
  })
  .refine((b) => b.endsOn === undefined || b.endsOn >= b.startsOn, {
    error: '任职结束日期不能早于开始日期',
    path: ['endsOn'],
  });
export type CreateManagementPostBody = z.infer<typeof CreateManagementPostBody>;

/**
 * The home side replaces the person (approved or on duty → replaced). P06: no replacement
 * without a recorded special reason. The replacement is proposed from the day after `endedOn`.
 */
export const ReplaceDispatchBody = z.strictObject({
  staffId: z.uuid({ error: '请选择接替人员' }),
  endedOn: IsoDate,
  reason: reason('更换人员的原因（无特殊情况或事由不得中途换人）'),
  version: z.number().int().min(1),
});
export type ReplaceDispatchBody = z.infer<typeof ReplaceDispatchBody>;

export const ReplaceDispatchResultDto = z.object({ replaced: DispatchDto, replacement: DispatchDto });
export type ReplaceDispatchResultDto = z.infer<typeof ReplaceDispatchResultDto>;
