import type { AuditAction } from '../../../shared/audit-actions';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { buildExport, type ExportSheet } from '../../platform/xlsx';
import { getProgramme } from '../programme/programme.service';

/**
 * List exports (S11, S25): the rows of a list with the user's filters and scope, as .xlsx
 * with Chinese headers and a 导出说明 sheet (who, when, which filters, how many rows), each
 * export one audit event. Modules describe their list as a ListExport; this renders it.
 */

/** One export holds at most this many rows; more must be narrowed by the filters. */
export const EXPORT_ROW_CAP = 50_000;

export interface ListExport {
  /** the list's name, also the file's: 机构名录 → 机构名录_20260302.xlsx */
  title: string;
  // biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
  sheets: ExportSheet<any>[];
  /** rows of the main sheet */
  rows: number;
  /** the filters as the user chose them, each `[label, value]` in Chinese (empty ones left out) */
  filters: [string, string][];
  /** the query as sent, for the audit trail */
  query: Record<string, unknown>;
  /** `pi.export` for personal information (kept 3 years, S13) */
  action?: AuditAction;
}

/** Refuse an export beyond the cap before loading it. */
export function refuseLargeExport(what: string, total: number): void {
  if (total > EXPORT_ROW_CAP)
    throw new AppError(
      400,
      'EXPORT_TOO_LARGE',
      `符合条件的${what}有 ${total} 条，超过单次导出上限 ${EXPORT_ROW_CAP} 条，请缩小筛选范围后分批导出`,
      { total, cap: EXPORT_ROW_CAP },
    );
}

/** Drop the filters left empty. */
export const filterList = (pairs: [string, string | null | undefined][]): [string, string][] =>
  pairs.filter((p): p is [string, string] => !!p[1]);

/** `2026-03-02 09:00:00` in Beijing time. */
/** A programme filter as the 筛选条件 line shows it: its name, or a note when it does not exist. */
export async function programmeFilterName(ctx: Ctx, id: string | undefined): Promise<string | null> {
  if (!id) return null;
  return getProgramme(ctx, id).then(
    (p) => p.name,
    (err: unknown) => {
      if (err instanceof AppError && err.statusCode === 404) return `（不存在的项目 ${id}）`;
      throw err;
    },
  );
}

export function beijingTime(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

export async function renderExport(
  ctx: Ctx,
  list: ListExport,
): Promise<{ fileName: string; buffer: Buffer }> {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const buffer = await buildExport({
    title: list.title,
    meta: [
      ['导出人', `${user.displayName}（${user.username}）`],
      ['导出时间', `${beijingTime(now)}（北京时间）`],
      ['数据范围', user.scope.map((s) => s.name).join('、') || '—'],
      ['筛选条件', list.filters.map(([k, v]) => `${k}：${v}`).join('；') || '无（全部）'],
      ['行数', String(list.rows)],
    ],
    sheets: list.sheets,
  });
  await audit(ctx, list.action ?? 'export.list', {
    objectType: 'list',
    objectId: list.title,
    details: { list: list.title, filters: list.query, rows: list.rows },
  });
  return { fileName: `${list.title}_${shanghaiDate(now).replaceAll('-', '')}.xlsx`, buffer };
}
