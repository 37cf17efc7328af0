import { z } from 'zod';
import { PageQuery } from './common';

export const AUDIT_RESULTS = ['ok', 'denied', 'failed'] as const;
export const AUDIT_RESULT_LABELS = { ok: '成功', denied: '拒绝', failed: '失败' } as const;

/** One event of the tamper-evident audit trail (S11, S12). */
export const AuditEventDto = z.object({
  id: z.number().int(),
  /** ISO instant with zone (+08:00) */
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  /** zh-CN label of the action */
  actionLabel: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const AuditQuery = PageQuery.extend({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  /** username or display name, partial */
  actor: z.string().trim().max(64).optional(),
  /** an exact action code, or a family ending in a dot (`auth.`) */
  action: z.string().trim().max(64).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** The filters of the list, without paging: the export takes them all (up to a cap). */
export const AuditExportQuery = AuditQuery.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AuditVerifyDto = z.object({
  ok: z.boolean(),
  /** rows whose hash was recomputed */
  checked: z.number().int(),
  /** the first row that does not fit the chain or the anchor, when broken */
  firstBroken: z.object({ id: z.number().int().nullable(), reason: z.string() }).optional(),
});
export type AuditVerifyDto = z.infer<typeof AuditVerifyDto>;
