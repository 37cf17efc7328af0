import type { StaffDto, StaffListQuery } from '../../../shared/contracts/staff';
import { StaffSide } from '../../../shared/enums';
import { TITLE_LABELS } from '../../../shared/policy/labels';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { Column } from '../../platform/xlsx';
import { filterList, type ListExport } from '../excel/exports';
import { PI_EXPORT_APPROVAL_ROWS } from '../excel/users.export';
import { institutionFacts, regionNames } from '../org/org.facts';
import { SHEET, STAFF_COLUMNS } from './staff.import';
import { listStaff } from './staff.service';

/** The staff list's filters, without paging. */
export type StaffExportQuery = Omit<StaffListQuery, 'page' | 'pageSize'>;

/**
 * The template's columns (ID numbers and phones masked, as in every response: S16), then
 * what the registry derives. A masked export cannot be re-imported, and is not meant to be.
 */
const COLUMNS: Column<StaffDto>[] = [
  ...STAFF_COLUMNS,
  { header: '出生日期', key: 'birthDate', type: 'date' },
  { header: '工龄（年）', key: 'serviceYears', type: 'int' },
  { header: '所在地区', key: 'region', width: 14, value: (s) => s.institution.regionName },
];

async function describeFilters(ctx: Ctx, q: StaffExportQuery) {
  const institution = q.institutionId
    ? (await institutionFacts(ctx.db, [q.institutionId])).get(q.institutionId)
    : undefined;
  const region = q.region ? (await regionNames(ctx.db, [q.region])).get(q.region) : undefined;
  return filterList([
    ['人员类别', q.side && StaffSide.label(q.side)],
    ['工作单位', q.institutionId && (institution?.name ?? '（不存在的机构）')],
    ['地区', q.region && `${region ?? '未知地区'}（${q.region}）`],
    ['职称', q.title && TITLE_LABELS[q.title]],
    // a full ID number or phone searched for is not repeated on the sheet or in the audit trail
    ['关键词', q.q && (/\d{7}/.test(q.q) ? '（身份证号或手机号，不显示）' : q.q)],
  ]);
}

/**
 * 人员名录: the staff list with its filters and the caller's scope, masked, recorded as
 * personal-information processing (S13); above the threshold it needs an approval (S18).
 */
export async function staffExport(ctx: Ctx, q: StaffExportQuery): Promise<ListExport> {
  const { total } = await listStaff(ctx, { ...q, page: 1, pageSize: 1 });
  if (total > PI_EXPORT_APPROVAL_ROWS)
    throw new AppError(
      403,
      'EXPORT_NEEDS_APPROVAL',
      `符合条件的人员有 ${total} 名。一次导出超过 ${PI_EXPORT_APPROVAL_ROWS} 条个人信息须经审批，目前请缩小筛选范围（如按工作单位、地区）后导出`,
      { total, threshold: PI_EXPORT_APPROVAL_ROWS },
    );
  const { items } = await listStaff(ctx, { ...q, page: 1, pageSize: PI_EXPORT_APPROVAL_ROWS });
  const { q: search, ...rest } = q;
  return {
    title: '人员名录',
    rows: items.length,
    filters: await describeFilters(ctx, q),
    // the audit trail never holds a full ID number (S14)
    query: search && /\d{7}/.test(search) ? { ...rest, q: '（证件号或手机号）' } : q,
    sheets: [{ name: SHEET, columns: COLUMNS, rows: items }],
    action: 'pi.export',
  };
}
