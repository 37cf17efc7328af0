import { auditActionLabel } from '../../../shared/audit-actions';
import { AUDIT_RESULT_LABELS, type AuditExportQuery } from '../../../shared/contracts/audit';
import { Role } from '../../../shared/enums';
import type { Ctx } from '../../platform/context';
import type { Column } from '../../platform/xlsx';
import { EXPORT_ROW_CAP, filterList, type ListExport, refuseLargeExport } from '../excel/exports';
import * as repo from './audit.repo';

const roleLabel = (role: string | null) =>
  role === null ? null : Object.hasOwn(Role.labels, role) ? Role.label(role as Role) : role;

const COLUMNS: Column<repo.AuditEventRow>[] = [
  { header: '编号', key: 'id', type: 'int' },
  // a real date-time (Beijing time); the cell keeps the seconds, shown in the formula bar
  { header: '时间（北京时间）', key: 'at', type: 'datetime' },
  { header: '操作人', key: 'actorName', width: 20 },
  { header: '角色', key: 'actorRole', width: 20, value: (e) => roleLabel(e.actorRole) },
  { header: '操作', key: 'actionLabel', width: 22, value: (e) => auditActionLabel(e.action) },
  { header: '操作代码', key: 'action', width: 22 },
  { header: '对象类型', key: 'objectType', width: 14 },
  { header: '对象编号', key: 'objectId', width: 38 },
  { header: '结果', key: 'result', value: (e) => AUDIT_RESULT_LABELS[e.result] },
  { header: 'IP 地址', key: 'ip', width: 16 },
  { header: '详情', key: 'details', width: 60, value: (e) => (e.details ? JSON.stringify(e.details) : null) },
];

/**
 * 审计日志 as .xlsx: the CSV export's rows, filters and cap, newest first; recorded as the
 * same `audit.export` event (S11). User-typed texts (names, details) stay text cells (S25).
 */
export async function auditExport(ctx: Ctx, q: AuditExportQuery): Promise<ListExport> {
  refuseLargeExport('审计记录', await repo.countEvents(ctx.db, q));
  const rows = await repo.allEvents(ctx.db, q, EXPORT_ROW_CAP);
  return {
    title: '审计日志',
    rows: rows.length,
    filters: filterList([
      ['开始日期', q.from],
      ['结束日期', q.to],
      ['操作人包含', q.actor],
      // a family (`auth.`) is every code starting so
      [
        '操作',
        q.action &&
          (q.action.endsWith('.') ? `${q.action}*（全部）` : `${auditActionLabel(q.action)}（${q.action}）`),
      ],
      ['结果', q.result && AUDIT_RESULT_LABELS[q.result]],
    ]),
    query: q,
    sheets: [{ name: '审计日志', columns: COLUMNS, rows }],
    action: 'audit.export',
  };
}
