import type { z } from 'zod';
import {
  PROGRAMME_STATUS_LABELS,
  type ProgrammeDto,
  type ProgrammeListQuery,
} from '../../../shared/contracts/programme';
import { shanghaiDate } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Column } from '../../platform/xlsx';
import { EXPORT_ROW_CAP, filterList, type ListExport, refuseLargeExport } from '../excel/exports';
import * as repo from './programme.repo';
import { listProgrammes } from './programme.service';

/** The programmes list's filters, without paging. */
export type ProgrammeExportQuery = Omit<z.infer<typeof ProgrammeListQuery>, 'page' | 'pageSize'>;

type Row = ProgrammeDto & {
  /** the pack version in force on the export day, if any */
  inForce: { version: number; effectiveFrom: string; name: string } | null;
};

const COLUMNS: Column<Row>[] = [
  { header: '项目代码', key: 'code', width: 22 },
  { header: '项目名称', key: 'name', width: 40 },
  { header: '实施地区', key: 'regionName', width: 14 },
  { header: '开始日期', key: 'periodStart', type: 'date' },
  { header: '结束日期', key: 'periodEnd', type: 'date' },
  { header: '状态', key: 'status', value: (p) => PROGRAMME_STATUS_LABELS[p.status] },
  { header: '现行政策包', key: 'inForceName', width: 40, value: (p) => p.inForce?.name },
  { header: '现行版本', key: 'inForceVersion', type: 'int', value: (p) => p.inForce?.version },
  { header: '现行版本生效日期', key: 'inForceFrom', type: 'date', value: (p) => p.inForce?.effectiveFrom },
  { header: '最新版本', key: 'latestPolicyVersion', type: 'int' },
  { header: '项目说明', key: 'description', width: 50 },
  { header: '创建时间', key: 'createdAt', type: 'datetime' },
];

/**
 * 项目: the programmes of the list (reference data: the same for every programme.read holder),
 * each with the policy pack version in force on the export day — not necessarily the newest,
 * which may take effect later.
 */
export async function programmeExport(ctx: Ctx, q: ProgrammeExportQuery): Promise<ListExport> {
  refuseLargeExport('项目', (await listProgrammes(ctx, { ...q, page: 1, pageSize: 1 })).total);
  const { items } = await listProgrammes(ctx, { ...q, page: 1, pageSize: EXPORT_ROW_CAP });
  const today = shanghaiDate(ctx.clock.now());
  // Programmes are few (a handful per province): one look-up each keeps the rule in one place.
  const rows: Row[] = [];
  for (const p of items) {
    const version = await repo.versionInForce(ctx.db, p.id, today);
    const name = (version?.pack as { name?: unknown } | undefined)?.name;
    rows.push({
      ...p,
      inForce: version
        ? {
            version: version.version,
            effectiveFrom: version.effectiveFrom,
            name: typeof name === 'string' ? name : '',
          }
        : null,
    });
  }
  return {
    title: '项目列表',
    rows: rows.length,
    filters: filterList([
      ['名称或代码包含', q.q],
      ['状态', q.status && PROGRAMME_STATUS_LABELS[q.status]],
    ]),
    query: q,
    sheets: [{ name: '项目', columns: COLUMNS, rows }],
  };
}
