import { z } from 'zod';
import type { PolicyPack } from '../policy/schema';
import { IsoDate, PageQuery } from './common';

export const PROGRAMME_STATUS_LABELS = { draft: '草稿', active: '实施中', closed: '已结束' } as const;
export const ProgrammeStatus = z.enum(['draft', 'active', 'closed']);

export const ProgrammeDto = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  periodStart: z.string(),
  periodEnd: z.string().nullable(),
  status: ProgrammeStatus,
  description: z.string().nullable(),
  /** the newest pack version (not necessarily the one in force today) */
  latestPolicyVersion: z.number().int().nullable(),
  /** the name of the newest pack version */
  policyName: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type ProgrammeDto = z.infer<typeof ProgrammeDto>;

export const ProgrammeListQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  status: ProgrammeStatus.optional(),
});

const code = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, '项目代码只能由小写字母、数字和连字符组成')
  .max(40, '项目代码不能超过40个字符');

/**
 * A new programme and its first policy pack version: a shipped pack by its code
 * (`packCode`) or a full pack (`pack`), exactly one of the two.
 */
export const CreateProgrammeBody = z
  .strictObject({
    code,
    name: z.string().trim().min(1, '请输入项目名称').max(100),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, '行政区划代码应为6位数字')
      .default('510000'),
    periodStart: IsoDate,
    periodEnd: IsoDate.nullable().default(null),
    description: z.string().trim().max(2000).nullable().optional(),
    packCode: z.string().trim().max(60).optional(),
    /** validated by parsePolicyPack in the service, so its errors come back with their paths */
    pack: z.unknown().optional(),
    /** when the first version takes effect; default the programme's start */
    effectiveFrom: IsoDate.optional(),
    note: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.periodEnd === null || b.periodEnd >= b.periodStart, {
    error: '项目结束日期不能早于开始日期',
    path: ['periodEnd'],
  })
  .refine((b) => (b.packCode === undefined) !== (b.pack === undefined), {
    error: '请选择一个内置政策包，或提供完整的政策包（二者选一）',
    path: ['packCode'],
  });
export type CreateProgrammeBody = z.input<typeof CreateProgrammeBody>;

const PolicyVersionFields = z.object({
  version: z.number().int(),
  effectiveFrom: z.string(),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  note: z.string().nullable(),
});

/**
 * A pack version as stored: effective-dated, never edited after it is written. The pack is
 * sent as stored (validated when it was written), so an old version stays readable even
 * after the pack schema has grown.
 */
export const PolicyVersionDto = PolicyVersionFields.extend({
  pack: z.looseObject({ code: z.string(), name: z.string(), source: z.string(), rules: z.looseObject({}) }),
});
export type PolicyVersionDto = z.infer<typeof PolicyVersionFields> & { pack: PolicyPack };

export const PolicyVersionSummaryDto = PolicyVersionFields.extend({
  packCode: z.string(),
  packName: z.string(),
});
export type PolicyVersionSummaryDto = z.infer<typeof PolicyVersionSummaryDto>;

/** `?on=YYYY-MM-DD` (default today, Asia/Shanghai) or `?version=N`. */
export const PolicyQuery = z
  .strictObject({
    on: IsoDate.optional(),
    version: z.coerce.number().int().min(1).optional(),
  })
  .refine((q) => !(q.on && q.version), { error: '请只指定日期或版本号之一', path: ['version'] });

/** A new version N+1: the full pack, when it takes effect, why; `baseVersion` is the one edited (S29). */
export const PublishPolicyBody = z.strictObject({
  pack: z.unknown(),
  effectiveFrom: IsoDate,
  note: z.string().trim().min(1, '请填写修订说明').max(500),
  baseVersion: z.number().int().min(1),
});
export type PublishPolicyBody = z.infer<typeof PublishPolicyBody>;

/** The packs shipped with the platform, to start a programme from. */
export const ShippedPackDto = z.object({ code: z.string(), name: z.string(), source: z.string() });
export type ShippedPackDto = z.infer<typeof ShippedPackDto>;
