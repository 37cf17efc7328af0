import type { DispatchDto, DispatchListQuery } from '../../../shared/contracts/dispatch';
import {
  DISPATCH_KIND_LABELS,
  DISPATCH_ROLE_LABELS,
  DISPATCH_STATUS_LABELS,
} from '../../../shared/dispatch-vocabulary';
import { TITLE_LABELS } from '../../../shared/policy/labels';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Column } from '../../platform/xlsx';
import { filterList, type ListExport, programmeFilterName } from '../excel/exports';
import { PI_EXPORT_APPROVAL_ROWS } from '../excel/users.export';
import * as org from '../org/org.facts';
import { listDispatches } from './dispatch.service';

/** The dispatches list's filters, without paging. */
export type DispatchExportQuery = Omit<DispatchListQuery, 'page' | 'pageSize'>;

const SHEET = '派驻人员';

const COLUMNS: Column<DispatchDto>[] = [
  { header: '姓名', key: 'staffName', width: 12, value: (d) => d.staff.name },
  { header: '职称', key: 'title', width: 14, value: (d) => TITLE_LABELS[d.staff.title] },
  { header: '派出单位', key: 'home', width: 28, value: (d) => d.staff.institution.name },
  { header: '受援单位', key: 'recipient', width: 28, value: (d) => d.recipient.name },
  { header: '所在地区', key: 'region', width: 14, value: (d) => d.recipient.regionName },
  { header: '项目', key: 'programmeName', width: 30 },
  { header: '批次', key: 'batch', width: 16 },
  { header: '派驻方式', key: 'kind', value: (d) => DISPATCH_KIND_LABELS[d.kind] },
  { header: '岗位', key: 'role', value: (d) => DISPATCH_ROLE_LABELS[d.role] },
  { header: '计划开始', key: 'plannedStart', type: 'date' },
  { header: '计划结束', key: 'plannedEnd', type: 'date' },
  { header: '到岗日期', key: 'arrivedOn', type: 'date' },
  { header: '结束日期', key: 'endedOn', type: 'date' },
  { header: '状态', key: 'status', value: (d) => DISPATCH_STATUS_LABELS[d.status] },
  { header: '计入基层服务', key: 'countsAsService', type: 'bool' },
  { header: '批准时间', key: 'approvedAt', type: 'datetime' },
];

async function describeFilters(ctx: Ctx, q: DispatchExportQuery) {
  const ids = q.recipientInstitutionId ? [q.recipientInstitutionId] : [];
  const recipient = (await org.institutionFacts(ctx.db, ids)).get(q.recipientInstitutionId ?? '');
  const region = q.region ? (await org.regionNames(ctx.db, [q.region])).get(q.region) : undefined;
  return filterList([
    ['项目', await programmeFilterName(ctx, q.programmeId)],
    ['受援单位', q.recipientInstitutionId && (recipient?.name ?? '（不存在的机构）')],
    ['地区', q.region && `${region ?? '未知地区'}（${q.region}）`],
    ['批次', q.batch],
    ['状态', q.status && DISPATCH_STATUS_LABELS[q.status]],
    ['结对关系', q.pairingId && '指定结对关系'],
    ['人员', q.staffId && '指定人员'],
    ['姓名包含', q.q],
  ]);
}

/**
 * 派驻人员: who is stationed where (the list's filters, either side in scope as on the list).
 * Names with workplaces are personal information: recorded as such (S13), and above the
 * threshold an export needs an approval (S18), as for the staff list.
 */
export async function dispatchExport(ctx: Ctx, q: DispatchExportQuery): Promise<ListExport> {
  const { total } = await listDispatches(ctx, { ...q, page: 1, pageSize: 1 });
  if (total > PI_EXPORT_APPROVAL_ROWS)
    throw new AppError(
      403,
      'EXPORT_NEEDS_APPROVAL',
      `符合条件的派驻记录有 ${total} 条。一次导出超过 ${PI_EXPORT_APPROVAL_ROWS} 条个人信息须经审批，目前请缩小筛选范围（如按项目、批次、地区）后导出`,
      { total, threshold: PI_EXPORT_APPROVAL_ROWS },
    );
  const { items } = await listDispatches(ctx, { ...q, page: 1, pageSize: PI_EXPORT_APPROVAL_ROWS });
  return {
    title: '派驻人员',
    rows: items.length,
    filters: await describeFilters(ctx, q),
    query: q,
    sheets: [{ name: SHEET, columns: COLUMNS, rows: items }],
    action: 'pi.export',
  };
}
