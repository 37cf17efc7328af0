import ExcelJS from 'exceljs';
import type { CellValue, ColumnType } from './cells';

export interface Column<R = Record<string, unknown>> {
  header: string;
  key: string;
  /** default text */
  type?: ColumnType;
  width?: number;
  /** template: a data-validation dropdown (long lists on a hidden sheet, not inline) */
  list?: readonly string[];
  /** template: header shown with '*' and highlighted */
  required?: boolean;
  /** template: header cell note explaining the column */
  note?: string;
  /** export: how to get the value (default row[key]) */
  value?: (row: R) => unknown;
}

export const solid = (argb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb },
});

export const FILL = {
  header: solid('FFDDEBF7'),
  required: solid('FFFCE4D6'),
  bad: solid('FFFFC7CE'),
};

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };

export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '对口支援信息管理平台';
  return workbook;
}

/** A sheet whose row 1 stays in view. */
export function addSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  return workbook.addWorksheet(uniqueSheetName(workbook, name), {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
}

/** Excel sheet names: at most 31 characters, none of `[]:*?/\`, unique regardless of case. */
export function uniqueSheetName(workbook: ExcelJS.Workbook, wanted: string): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'|'$/g, '')
      .slice(0, 31) || 'Sheet';
  const taken = new Set(workbook.worksheets.map((ws) => ws.name.toLowerCase()));
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - `(${n})`.length)}(${n})`;
  return name;
}

/** Row 1 as a header: bold on a light fill, thin border, wrapped and centred. */
export function styleHeaderCell(cell: ExcelJS.Cell, fill: ExcelJS.Fill = FILL.header): void {
  cell.font = { bold: true };
  cell.fill = fill;
  cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
}

/** Display width of a text in Excel column units: CJK characters count double. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return width;
}

const TYPE_WIDTH: Partial<Record<ColumnType, number>> = {
  date: 12,
  datetime: 17,
  money: 14,
  bool: 8,
  int: 10,
};

/** A column width from the header and a sample of the values, within 8–50. */
export function columnWidth(
  column: Pick<Column, 'header' | 'type' | 'width'>,
  sample: readonly CellValue[] = [],
) {
  if (column.width) return column.width;
  const header = textWidth(column.header) + 4; // bold text and the filter button
  const fixed = TYPE_WIDTH[column.type ?? 'text'];
  const content = fixed ?? Math.max(0, ...sample.map((v) => (v === null ? 0 : textWidth(String(v)) + 2)));
  return Math.min(50, Math.max(8, header, content));
}

export async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
