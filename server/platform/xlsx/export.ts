import type ExcelJS from 'exceljs';
import { type CellValue, setText, setTyped } from './cells';
import {
  addSheet,
  type Column,
  columnWidth,
  newWorkbook,
  styleHeaderCell,
  toBuffer,
  uniqueSheetName,
} from './layout';

export interface ExportSheet<R = Record<string, unknown>> {
  name: string;
  columns: Column<R>[];
  rows: R[];
}

export const EXPORT_INFO_SHEET = '导出说明';
/** Widths are judged on the first rows only: measuring 100,000 rows buys nothing. */
const WIDTH_SAMPLE = 500;

function cellSource<R>(column: Column<R>, row: R): unknown {
  return column.value ? column.value(row) : (row as Record<string, unknown>)[column.key];
}

function addDataSheet<R>(workbook: ExcelJS.Workbook, sheet: ExportSheet<R>): void {
  const ws = addSheet(workbook, sheet.name);
  const { columns } = sheet;
  columns.forEach((column, i) => {
    const cell = ws.getCell(1, i + 1);
    setText(cell, column.header);
    styleHeaderCell(cell);
  });
  sheet.rows.forEach((row, r) => {
    const excelRow = ws.getRow(r + 2);
    columns.forEach((column, i) => {
      setTyped(excelRow.getCell(i + 1), cellSource(column, row), column.type);
    });
  });
  columns.forEach((column, i) => {
    const sample = sheet.rows.slice(0, WIDTH_SAMPLE).map((row) => {
      const value = cellSource(column, row);
      return value === null || value === undefined ? null : (String(value) as CellValue);
    });
    ws.getColumn(i + 1).width = columnWidth(column, sample);
  });
  if (columns.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

function addInfoSheet(workbook: ExcelJS.Workbook, title: string, meta: [string, string][]): void {
  const ws = workbook.addWorksheet(uniqueSheetName(workbook, EXPORT_INFO_SHEET));
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 70;
  const titleCell = ws.getCell('A1');
  setText(titleCell, title);
  titleCell.font = { bold: true, size: 14 };
  meta.forEach(([label, value], i) => {
    const row = ws.getRow(i + 3);
    setText(row.getCell(1), label);
    row.getCell(1).font = { bold: true };
    // filter texts come from users: written as text like everything else (S25)
    setText(row.getCell(2), value);
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
  });
}

/**
 * An export: data sheets with header row 1 (so an export can be edited and re-imported where the layout
 * matches a template), frozen header, autofilter, widths; dates as real dates (yyyy-mm-dd), date-times
 * yyyy-mm-dd hh:mm in Asia/Shanghai, money given in integer fen shown in yuan '#,##0.00', bool as 是/否;
 * then a last sheet '导出说明' with the title and the `meta` lines (导出人, 导出时间, 筛选条件, 行数).
 *
 * S25: every string is a string cell, never a formula; one starting with = + - @, tab or CR also gets
 * the text format '@' so editing the cell in Excel or WPS keeps it text. (ExcelJS 4.4 cannot write the
 * `quotePrefix` style attribute: its style writer has no such field, see lib/xlsx/xform/style/style-xform.js.)
 */
export async function buildExport(opts: {
  title: string;
  meta: [string, string][];
  // biome-ignore lint/suspicious/noExplicitAny: each sheet has its own row type
  sheets: ExportSheet<any>[];
}): Promise<Buffer> {
  const workbook = newWorkbook();
  for (const sheet of opts.sheets) addDataSheet(workbook, sheet);
  addInfoSheet(workbook, opts.title, opts.meta);
  return toBuffer(workbook);
}
