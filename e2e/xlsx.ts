import ExcelJS from 'exceljs';
import type { Download } from 'playwright-core';
import { expect } from 'vitest';

/** Workbooks in journeys: read what the browser downloaded, fill a template by header. */

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function readBook(download: Download): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  return book;
}

export function sheetOf(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const sheet = book.getWorksheet(name);
  if (!sheet) throw new Error(`no sheet ${name} in ${book.worksheets.map((s) => s.name).join(', ')}`);
  return sheet;
}

/** Row 1's texts, without the `*` that marks a required column. */
export function headersOf(sheet: ExcelJS.Worksheet): string[] {
  const row = sheet.getRow(1);
  return Array.from({ length: row.cellCount }, (_, i) =>
    row
      .getCell(i + 1)
      .text.replace(/\s*\*\s*$/, '')
      .trim(),
  );
}

/** The column number of a header, for writing cells by header. */
export function columnOf(sheet: ExcelJS.Worksheet, header: string): number {
  const index = headersOf(sheet).indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${sheet.name}: ${headersOf(sheet).join(', ')}`);
  return index + 1;
}

/** The values a cell's dropdown offers: an inline list, a range on a (hidden) sheet, or a defined name. */
export function dropdownOf(
  book: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  row: number,
  header: string,
): string[] {
  const validation = sheet.getRow(row).getCell(columnOf(sheet, header)).dataValidation;
  expect(validation?.type, `${sheet.name}!${header} has a dropdown`).toBe('list');
  let formula = String(validation.formulae?.[0] ?? '').replace(/^=/, '');
  if (formula.startsWith('"')) return formula.slice(1, -1).split(',');
  if (!formula.includes('!')) formula = book.definedNames.getRanges(formula).ranges[0] ?? formula;
  const match = /^'?(.+?)'?!\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(formula);
  if (!match) throw new Error(`unexpected list formula ${formula}`);
  const [, listSheet, fromCol, fromRow, toCol = fromCol, toRow = fromRow] = match;
  const source = sheetOf(book, listSheet!);
  const values: string[] = [];
  const cols = source.getColumn(fromCol!).number;
  const lastCol = source.getColumn(toCol!).number;
  for (let r = Number(fromRow); r <= Number(toRow); r++)
    for (let c = cols; c <= lastCol; c++) {
      const text = source.getRow(r).getCell(c).text.trim();
      if (text) values.push(text);
    }
  return values;
}

/** Write one row of a sheet by header. */
export function fillRow(
  sheet: ExcelJS.Worksheet,
  row: number,
  values: Record<string, string | number | null>,
) {
  for (const [header, value] of Object.entries(values))
    sheet.getRow(row).getCell(columnOf(sheet, header)).value = value;
}
