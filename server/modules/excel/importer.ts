import type { ImportEntity, ImportIssue, ImportSummary } from '../../../shared/contracts/imports';
import type { Permission } from '../../../shared/permissions';
import type { Ctx } from '../../platform/context';
import {
  type CellValue,
  type ExpectedSheet,
  type ReadSheet,
  type SheetRow,
  toIsoDate,
} from '../../platform/xlsx';

/**
 * What an entity's importer provides to the import framework (imports.service.ts): its
 * template, the sheets it reads, a dry run and a commit. Both report every bad cell as an
 * ImportIssue; the framework keeps the job, the progress, the transaction and the audit.
 */

export type Sheets = Record<string, ReadSheet>;

export interface ImportOutcome {
  issues: ImportIssue[];
  /** what the commit will do (dry run) or did (commit) */
  summary: ImportSummary;
}

/** Told how many rows are done; the framework writes it to the job at most every PROGRESS_STEP rows. */
export type Progress = (processed: number) => Promise<void>;

export interface Importer {
  entity: ImportEntity;
  /** who may download the template, upload and commit */
  permission: Permission;
  templateName: string;
  expected: ExpectedSheet[];
  /** per sheet, the template's example row (by header): skipped when row 2 still holds it */
  examples: Record<string, Record<string, CellValue>>;
  template(ctx: Ctx): Promise<Buffer>;
  /** the dry run: nothing is written (or everything written is rolled back) */
  check(ctx: Ctx, sheets: Sheets, progress: Progress): Promise<ImportOutcome>;
  /**
   * Inside the commit's transaction (`ctx.db` is it): check every row again, as the data may
   * have changed since the dry run, and write. With any issue the framework rolls back.
   */
  commit(ctx: Ctx, sheets: Sheets, progress: Progress): Promise<ImportOutcome>;
}

export const summaryOf = (bySheet: ImportSummary['bySheet']): ImportSummary => ({
  created: Object.values(bySheet).reduce((n, s) => n + s.created, 0),
  updated: Object.values(bySheet).reduce((n, s) => n + s.updated, 0),
  bySheet,
});

/** Whether row 2 of a sheet is still the template's example, unchanged. */
export function isExampleRow(row: SheetRow, example: Record<string, CellValue> | undefined): boolean {
  if (!example || row.row !== 2) return false;
  const text = (v: CellValue | undefined) => (v === null || v === undefined ? '' : String(v).trim());
  const headers = new Set([...Object.keys(example), ...Object.keys(row.values)]);
  return [...headers].every((h) => text(row.values[h]) === text(example[h]));
}

/** An issue about one cell (or, without a header, the whole row) of a sheet. */
export function cellIssue(
  sheet: ReadSheet,
  row: number,
  header: string | null,
  message: string,
): ImportIssue {
  const letter = header ? sheet.columnOf[header] : undefined;
  return { sheet: sheet.name, row, column: header, cell: letter ? `${letter}${row}` : null, message };
}

interface TextRule {
  required?: boolean;
  min?: number;
  max?: number;
}

/**
 * Reads one data row's cells as typed values, recording an issue for each bad cell and
 * carrying on, so every problem of the row is reported, not only the first.
 */
export class RowReader {
  private count = 0;

  constructor(
    readonly sheet: ReadSheet,
    readonly row: SheetRow,
    private readonly issues: ImportIssue[],
  ) {}

  /** whether any cell of this row had a problem */
  get bad(): boolean {
    return this.count > 0;
  }

  problem(header: string | null, message: string): void {
    this.count++;
    this.issues.push(cellIssue(this.sheet, this.row.row, header, message));
  }

  private raw(header: string): CellValue {
    return this.row.values[header] ?? null;
  }

  /** A text cell, trimmed; numbers keep their digits (a code typed into a number cell). */
  text(header: string, rule: TextRule = {}): string | null {
    const value = this.raw(header);
    const text =
      value === null ? '' : typeof value === 'boolean' ? (value ? '是' : '否') : String(value).trim();
    if (!text) {
      if (rule.required) this.problem(header, `请填写“${header}”`);
      return null;
    }
    if (rule.min !== undefined && [...text].length < rule.min) {
      this.problem(header, `“${header}”至少${rule.min}个字`);
      return null;
    }
    if (rule.max !== undefined && [...text].length > rule.max) {
      this.problem(header, `“${header}”最多${rule.max}个字，实为${[...text].length}个字`);
      return null;
    }
    return text;
  }

  /** One of a list, given by its Chinese label (as in the template's dropdown) or its code. */
  choice<T extends string>(
    header: string,
    labels: Record<T, string>,
    opts: { required?: boolean; aliases?: Record<string, T> } = {},
  ): T | null {
    const text = this.text(header, { required: opts.required });
    if (text === null) return null;
    const entries = Object.entries(labels) as [T, string][];
    const found =
      entries.find(([, label]) => label === text)?.[0] ??
      entries.find(([code]) => code === text)?.[0] ??
      opts.aliases?.[normaliseAlias(text)];
    if (found) return found;
    const choices = Object.values<string>(labels).join('、');
    this.problem(header, `“${text}”不是有效的${header}，请从下拉列表中选择（${choices}）`);
    return null;
  }

  /** 是/否; blank is the default. */
  yesNo(header: string, fallback: boolean): boolean {
    const value = this.raw(header);
    if (value === null) return fallback;
    if (typeof value === 'boolean') return value;
    const text = String(value).trim();
    if (['是', 'Y', 'y', 'yes', '1', 'TRUE', 'true'].includes(text)) return true;
    if (['否', 'N', 'n', 'no', '0', 'FALSE', 'false'].includes(text)) return false;
    this.problem(header, `“${header}”请填写“是”或“否”`);
    return fallback;
  }

  /** A number within a range; `int` refuses fractions. */
  number(
    header: string,
    opts: { required?: boolean; min: number; max: number; int?: boolean; unit?: string },
  ): number | null {
    const value = this.raw(header);
    if (value === null) {
      if (opts.required) this.problem(header, `请填写“${header}”`);
      return null;
    }
    const n = typeof value === 'number' ? value : Number(String(value).trim());
    if (typeof value === 'boolean' || !Number.isFinite(n)) {
      this.problem(header, `“${header}”应为数字，实为“${String(value)}”`);
      return null;
    }
    if (opts.int && !Number.isInteger(n)) {
      this.problem(header, `“${header}”应为整数`);
      return null;
    }
    if (n < opts.min || n > opts.max) {
      this.problem(header, `“${header}”应在 ${opts.min} 至 ${opts.max}${opts.unit ?? ''} 之间，实为 ${n}`);
      return null;
    }
    return n;
  }

  /** A calendar date, `YYYY-MM-DD`; a real Excel date or a typed 2026-3-2, 2026/3/2, 2026年3月2日. */
  date(header: string, opts: { required?: boolean } = {}): string | null {
    const value = this.raw(header);
    if (value === null) {
      if (opts.required) this.problem(header, `请填写“${header}”`);
      return null;
    }
    const date = toIsoDate(value);
    if (!date) this.problem(header, `“${header}”不是有效的日期，请填写如 2026-03-02`);
    return date;
  }
}

/** How a label typed by hand is compared with the aliases: no case, blanks, dashes or brackets. */
export function normaliseAlias(text: string): string {
  return text
    .replace(/[（(].*$/, '')
    .replace(/[\s\-_]/g, '')
    .toUpperCase();
}

/** Items in chunks, for `in (…)` lists and batched inserts that stay within the driver's parameter limit. */
export function chunks<T>(items: readonly T[], size = 1000): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
