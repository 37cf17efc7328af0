import { auditActionLabel } from '../../../shared/audit-actions';
import {
  AUDIT_RESULT_LABELS,
  type AuditEventDto,
  type AuditExportQuery,
  type AuditQuery,
  type AuditVerifyDto,
} from '../../../shared/contracts/audit';
import { Role } from '../../../shared/enums';
import { audit, verifyAudit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import { toCsv } from '../../platform/csv';
import { AppError } from '../../platform/errors';
import * as repo from './audit.repo';

/** One export holds at most this many rows; more must be split by date. */
export const EXPORT_CAP = 50_000;

const SHANGHAI_MS = 8 * 3_600_000;

/** An instant as ISO 8601 in Asia/Shanghai: `2026-03-02T09:00:00.000+08:00`. */
export function shanghaiIso(d: Date): string {
  return new Date(d.getTime() + SHANGHAI_MS).toISOString().replace('Z', '+08:00');
}

function toDto(row: repo.AuditEventRow): AuditEventDto {
  return {
    id: row.id,
    at: shanghaiIso(row.at),
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    actionLabel: auditActionLabel(row.action),
    objectType: row.objectType,
    objectId: row.objectId,
    result: row.result,
    ip: row.ip,
    details: row.details ?? null,
  };
}

export async function listAuditEvents(ctx: Ctx, query: AuditQuery) {
  const { page, pageSize, ...filter } = query;
  const { items, total } = await repo.listEvents(ctx.db, filter, { page, pageSize });
  return { items: items.map(toDto), total };
}

const roleLabel = (role: string | null) =>
  role === null ? '' : Object.hasOwn(Role.labels, role) ? Role.label(role as Role) : role;

const CSV_HEADER = [
  '编号',
  '时间（北京时间）',
  '操作人',
  '角色',
  '操作',
  '操作代码',
  '对象类型',
  '对象编号',
  '结果',
  'IP 地址',
  '详情',
];

function csvRow(row: repo.AuditEventRow): string[] {
  return [
    String(row.id),
    shanghaiIso(row.at).slice(0, 19).replace('T', ' '),
    row.actorName ?? '',
    roleLabel(row.actorRole),
    auditActionLabel(row.action),
    row.action,
    row.objectType ?? '',
    row.objectId ?? '',
    AUDIT_RESULT_LABELS[row.result],
    row.ip ?? '',
    row.details ? JSON.stringify(row.details) : '',
  ];
}

/** The filtered trail as CSV (S25), newest first; the export is itself audited (S11). */
export async function exportAuditEvents(ctx: Ctx, filter: AuditExportQuery) {
  const total = await repo.countEvents(ctx.db, filter);
  if (total > EXPORT_CAP) {
    throw new AppError(
      400,
      'EXPORT_TOO_LARGE',
      `符合条件的审计记录有 ${total} 条，超过单次导出上限 ${EXPORT_CAP} 条，请缩小时间范围后分批导出`,
    );
  }
  const rows = await repo.allEvents(ctx.db, filter, EXPORT_CAP);
  await audit(ctx, 'audit.export', { details: { filter, rows: rows.length } });
  const day = shanghaiDate(ctx.clock.now()).replaceAll('-', '');
  return {
    filename: `审计日志_${day}.csv`,
    fallbackName: `audit-${day}.csv`,
    csv: toCsv([CSV_HEADER, ...rows.map(csvRow)]),
  };
}

/** Walk the chain (S12); the check is itself audited, failed when the chain is broken. */
export async function verifyAuditTrail(ctx: Ctx): Promise<AuditVerifyDto> {
  const result = await verifyAudit(ctx.db, ctx.keys);
  await audit(ctx, 'audit.verify', {
    result: result.ok ? 'ok' : 'failed',
    details: { checked: result.checked, firstBroken: result.firstBroken ?? null },
  });
  return result;
}
