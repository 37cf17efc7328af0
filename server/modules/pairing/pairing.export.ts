import {
  EXCEPTION_STATUS_LABELS,
  PAIRING_MODE_LABELS,
  PAIRING_STATUS_LABELS,
  type PairingListQuery,
} from '../../../shared/contracts/pairing';
import { InstitutionCategory } from '../../../shared/enums';
import type { Ctx } from '../../platform/context';
import {
  EXPORT_ROW_CAP,
  filterList,
  type ListExport,
  programmeFilterName,
  refuseLargeExport,
} from '../excel/exports';
import * as org from '../org/org.facts';
import { PAIRING_COLUMNS, SHEET } from './pairing.import';
import { listPairings } from './pairing.service';

/** The pairings list's filters, without paging. */
export type PairingExportQuery = Omit<PairingListQuery, 'page' | 'pageSize'>;

async function describeFilters(ctx: Ctx, q: PairingExportQuery) {
  const regions = q.region ? await org.regionNames(ctx.db, [q.region]) : new Map<string, string>();
  const programme = await programmeFilterName(ctx, q.programmeId);
  return filterList([
    ['项目', programme],
    ['地区', q.region && `${regions.get(q.region) ?? '未知地区'}（${q.region}）`],
    ['支援机构类别', q.category && InstitutionCategory.label(q.category)],
    ['帮扶模式', q.mode && PAIRING_MODE_LABELS[q.mode]],
    ['状态', q.status && PAIRING_STATUS_LABELS[q.status]],
    ['例外状态', q.exceptionStatus && EXCEPTION_STATUS_LABELS[q.exceptionStatus]],
    ['机构名称包含', q.q],
  ]);
}

/** 结对关系: the list's pairings (either side in scope, the user's filters), in the import template's columns. */
export async function pairingExport(ctx: Ctx, q: PairingExportQuery): Promise<ListExport> {
  refuseLargeExport('结对关系', (await listPairings(ctx, { ...q, page: 1, pageSize: 1 })).total);
  const { items } = await listPairings(ctx, { ...q, page: 1, pageSize: EXPORT_ROW_CAP });
  return {
    title: '结对关系',
    rows: items.length,
    filters: await describeFilters(ctx, q),
    query: q,
    sheets: [{ name: SHEET, columns: PAIRING_COLUMNS, rows: items }],
  };
}
