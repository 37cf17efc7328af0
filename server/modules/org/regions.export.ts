import type { z } from 'zod';
import type { RegionDto, RegionListQuery } from '../../../shared/contracts/org';
import { CountyFlag, RegionLevel } from '../../../shared/enums';
import { shanghaiDate } from '../../platform/clock';
import type { Ctx } from '../../platform/context';
import type { Column } from '../../platform/xlsx';
import { EXPORT_ROW_CAP, filterList, type ListExport, refuseLargeExport } from '../excel/exports';
import * as repo from './org.repo';
import { listRegions } from './org.service';

/** The regions list's filters, without paging. */
export type RegionExportQuery = Omit<z.infer<typeof RegionListQuery>, 'page' | 'pageSize'>;

type Flag = RegionDto['flags'][number];
type FlagRow = Flag & { regionCode: string; regionName: string; inForce: boolean };

/** Flags are validity-dated: a county may have left one list and joined another. */
export const flagInForce = (flag: Pick<Flag, 'validFrom' | 'validTo'>, today: string): boolean =>
  flag.validFrom <= today && (flag.validTo === null || flag.validTo >= today);

const flagText = (f: Flag) => `${CountyFlag.label(f.flag)}${f.example ? '（示例）' : ''}`;

const regionColumns = (today: string): Column<RegionDto>[] => [
  { header: '区划代码', key: 'code', width: 10 },
  { header: '名称', key: 'name', width: 24 },
  { header: '级别', key: 'level', value: (r) => RegionLevel.label(r.level) },
  { header: '上级区划代码', key: 'parentCode', width: 14 },
  { header: '上级区划', key: 'parentName', width: 24 },
  {
    header: '现行县域标识',
    key: 'flagsInForce',
    width: 40,
    value: (r) =>
      r.flags
        .filter((f) => flagInForce(f, today))
        .map(flagText)
        .join('、'),
  },
];

const FLAG_COLUMNS: Column<FlagRow>[] = [
  { header: '区划代码', key: 'regionCode', width: 10 },
  { header: '区划名称', key: 'regionName', width: 24 },
  { header: '县域标识', key: 'flag', width: 26, value: (f) => CountyFlag.label(f.flag) },
  { header: '生效日期', key: 'validFrom', type: 'date' },
  { header: '失效日期', key: 'validTo', type: 'date' },
  { header: '示例数据', key: 'example', type: 'bool' },
  { header: '当前有效', key: 'inForce', type: 'bool' },
];

/**
 * 行政区划: the regions of the list (reference data, the same for every org.read holder), with
 * the county flags in force on the export day, and every recorded flag (withdrawn ones left
 * out, as the list leaves them out) with its validity dates on a second sheet. County contacts
 * are not in the list and not exported: they name people (S13).
 */
export async function regionExport(ctx: Ctx, q: RegionExportQuery): Promise<ListExport> {
  refuseLargeExport('行政区划', (await listRegions(ctx, { ...q, page: 1, pageSize: 1 })).total);
  const { items } = await listRegions(ctx, { ...q, page: 1, pageSize: EXPORT_ROW_CAP });
  const today = shanghaiDate(ctx.clock.now());
  const flags: FlagRow[] = items.flatMap((r) =>
    r.flags.map((f) => ({ ...f, regionCode: r.code, regionName: r.name, inForce: flagInForce(f, today) })),
  );
  const [parent] = q.parentCode ? await repo.regionNames(ctx.db, [q.parentCode]) : [];
  return {
    title: '行政区划',
    rows: items.length,
    filters: filterList([
      ['上级区划', q.parentCode && `${parent?.name ?? '未知地区'}（${q.parentCode}）`],
      ['名称或代码', q.q],
    ]),
    query: q,
    sheets: [
      { name: '行政区划', columns: regionColumns(today), rows: items },
      { name: '县域标识', columns: FLAG_COLUMNS, rows: flags },
    ],
  };
}
