import type { z } from 'zod';
import type { InstitutionMapQuery } from '../../../shared/contracts/org';
import { InstitutionCategory, InstitutionRole, InstitutionTier } from '../../../shared/enums';
import { institutions } from '../../db/schema';
import { type Ctx, requireUser } from '../../platform/context';
import { institutionScope } from '../../platform/scope';
import {
  EXPORT_ROW_CAP,
  filterList,
  type ListExport,
  programmeFilterName,
  refuseLargeExport,
} from '../excel/exports';
import { DEPARTMENT_COLUMNS, GEOFENCE_COLUMNS, INSTITUTION_COLUMNS, SHEET } from './org.import';
import * as repo from './org.repo';

/** The institutions list's filters, without paging. */
export type InstitutionExportQuery = z.infer<typeof InstitutionMapQuery>;

async function describeFilters(ctx: Ctx, q: InstitutionExportQuery) {
  const [region] = q.regionCode ? await repo.regionNames(ctx.db, [q.regionCode]) : [];
  const programme = await programmeFilterName(ctx, q.programmeId);
  return filterList([
    ['地区', q.regionCode && `${region?.name ?? '未知地区'}（${q.regionCode}）`],
    ['类别', q.category && InstitutionCategory.label(q.category)],
    ['层级', q.tier && InstitutionTier.label(q.tier)],
    ['机构角色', q.role && InstitutionRole.label(q.role)],
    ['名称包含', q.q],
    ['参与项目', programme],
  ]);
}

/**
 * 机构名录: the institutions of the list (the caller's scope and filters, in the query), with
 * their departments and geofences, in the import template's sheets and columns.
 */
export async function institutionExport(ctx: Ctx, q: InstitutionExportQuery): Promise<ListExport> {
  const scope = institutionScope(requireUser(ctx), {
    regionCode: institutions.regionCode,
    institutionId: institutions.id,
  });
  const rows = await repo.institutionsForExport(ctx.db, scope, q, EXPORT_ROW_CAP + 1);
  if (rows.length > EXPORT_ROW_CAP)
    refuseLargeExport(
      '机构',
      (await repo.listInstitutions(ctx.db, scope, { ...q, page: 1, pageSize: 1 })).total,
    );
  const children = await repo.childrenForExport(ctx.db, scope, q);
  return {
    title: '机构名录',
    rows: rows.length,
    filters: await describeFilters(ctx, q),
    query: q,
    sheets: [
      { name: SHEET.institutions, columns: INSTITUTION_COLUMNS, rows },
      { name: SHEET.departments, columns: DEPARTMENT_COLUMNS, rows: children.departments },
      { name: SHEET.geofences, columns: GEOFENCE_COLUMNS, rows: children.geofences },
    ],
  };
}
