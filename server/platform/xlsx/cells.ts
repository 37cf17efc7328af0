import type ExcelJS from 'exceljs';

/** What a read cell becomes: dates as 'YYYY-MM-DD', everything else plain. */
export type CellValue = string | number | boolean | null;
export type ColumnType = 'text' | 'int' | 'number' | 'date' | 'datetime' | 'money' | 'bool';

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let letters = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  }
  return letters;
}

/** A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * ExcelJS turns a date serial into a Date whose UTC fields are what Excel shows, so UTC getters give the
 * calendar date (no time zone shift). A time of day, when there is one, is kept as ' HH:mm[:ss]'.
 */
export function excelDateText(date: Date): string | null {
  const ms = Math.round(date.getTime() / 1000) * 1000; // serials carry float noise below a second
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const day = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ''}`;
}

const emptyToNull = (text: string): string | null => {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
};

/** Whether a number format shows a time of day (after dropping its quoted text and [..] parts). */
export function showsTime(numFmt: string): boolean {
  return /[hs]|AM\/PM|A\/P|上午\/下午/i.test(numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));
}

/**
 * An ExcelJS cell value as plain data: rich text and hyperlinks as their text, formulas as their cached
 * result (never evaluated). A date shows its time only when its format does (as Excel shows it).
 */
export function plainValue(value: ExcelJS.CellValue | undefined, numFmt?: string): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return emptyToNull(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (value instanceof Date) {
    const text = excelDateText(value);
    return text && numFmt && !showsTime(numFmt) ? text.slice(0, 10) : text;
  }
  if (typeof value !== 'object') return null;
  if ('richText' in value && Array.isArray(value.richText)) {
    return emptyToNull(value.richText.map((run) => run.text ?? '').join(''));
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return plainValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue | undefined, numFmt);
  }
  if ('hyperlink' in value)
    return plainValue((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
  if ('error' in value) return (value as ExcelJS.CellErrorValue).error;
  return null;
}

const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A date cell as 'YYYY-MM-DD', or null when it is not a valid calendar date. Accepts what people type:
 * a real Excel date (already 'YYYY-MM-DD' from readWorkbook), 2026-3-2, 2026/3/2, 2026.3.2, 2026年3月2日,
 * 20260302, and a bare date serial (a date typed into a column formatted as a number).
 */
export function toIsoDate(value: CellValue): string | null {
  if (typeof value === 'number') {
    // 61 = 1900-03-01 (before it Excel counts a 29 February 1900) … 2958465 = 9999-12-31
    if (!Number.isInteger(value) || value < 61 || value > 2_958_465) return null;
    return excelDateText(new Date(SERIAL_EPOCH + value * DAY_MS));
  }
  if (typeof value !== 'string') return null;
  const m =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value.trim()) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
}

/**
 * S25 — a text that Excel or WPS would take for a formula when the cell is edited (also after leading
 * spaces), the same rule as server/platform/csv.ts.
 */
export const FORMULA_START = /^(?:[\t\r]| *[=+\-@])/;

export const NUM_FMT: Record<ColumnType, string | undefined> = {
  text: '@',
  int: '0',
  number: undefined,
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  money: '#,##0.00',
  bool: undefined,
};

/** Asia/Shanghai has had no daylight saving since 1991: a fixed +08:00. */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date for Excel: ExcelJS writes a Date's UTC fields, so the day is put at UTC midnight. */
export function excelDate(value: unknown): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') {
    const m = isoDay.exec(value);
    if (m) return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }
  const instant = excelInstant(value);
  if (!instant) return null;
  // an instant (or a date-time string): its calendar day in Asia/Shanghai
  return new Date(Math.floor(instant.getTime() / DAY_MS) * DAY_MS);
}

/** A wall-clock text 'YYYY-MM-DD HH:mm[:ss]' (as a cell shows it) in UTC fields for ExcelJS. */
export function excelWallClock(value: unknown): Date | null {
  const m =
    typeof value === 'string'
      ? /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(value)
      : null;
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((part) => Number(part ?? 0)) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d!, h, mi, s));
}

/** An instant as the wall clock of Asia/Shanghai, expressed in UTC fields for ExcelJS. */
export function excelInstant(value: unknown): Date | null {
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'string' || typeof value === 'number') ms = new Date(value).getTime();
  else return null;
  return Number.isFinite(ms) ? new Date(ms + SHANGHAI_OFFSET_MS) : null;
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : null;
  if (Array.isArray(value)) return value.map((v) => toText(v) ?? '').join('、');
  if (typeof value === 'boolean') return value ? '是' : '否';
  return String(value);
}

/** A string cell: never a formula; formula-like text also gets the text format so an edit keeps it text (S25). */
export function setText(cell: ExcelJS.Cell, text: string): void {
  cell.value = text;
  if (FORMULA_START.test(text)) cell.numFmt = '@';
}

/**
 * Writes one value as its column type: real dates and numbers with their format, money (integer fen)
 * in yuan, bool as 是/否. A value that does not fit its type is written as text rather than dropped.
 */
export function setTyped(cell: ExcelJS.Cell, value: unknown, type: ColumnType = 'text'): void {
  if (value === null || value === undefined || value === '') return;
  let typed: Date | number | string | null = null;
  switch (type) {
    case 'date':
      typed = excelDate(value);
      break;
    case 'datetime':
      typed = excelInstant(value);
      break;
    case 'money': {
      const fen = toNumber(value);
      typed = fen === null ? null : fen / 100;
      break;
    }
    case 'int':
    case 'number':
      typed = toNumber(value);
      break;
    case 'bool':
      typed = typeof value === 'boolean' ? (value ? '是' : '否') : null;
      break;
    case 'text':
      break;
  }
  if (typed === null || type === 'text') {
    const text = toText(value);
    if (text !== null) setText(cell, text);
    return;
  }
  if (typeof typed === 'string') {
    setText(cell, typed);
    return;
  }
  cell.value = typed;
  const format = NUM_FMT[type];
  if (format) cell.numFmt = format;
}
