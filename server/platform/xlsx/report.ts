import type { ImportIssue } from '../../../shared/contracts/imports';
import { type CellValue, columnNumber, setText } from './cells';
import { addSheet, columnWidth, FILL, newWorkbook, styleHeaderCell, textWidth, toBuffer } from './layout';
import type { ReadSheet } from './read';

export const REPORT_ISSUES_SHEET = '校验结果';
export const REPORT_NOTE_HEADER = '错误说明';

const A1 = /^[A-Z]{1,3}[1-9]\d{0,6}$/;
const ISSUE_HEADERS = ['工作表', '行号', '列', '单元格', '问题说明'];

/** A row's message in the '错误说明' column: the column it concerns, then what is wrong. */
const rowMessage = (issue: ImportIssue) =>
  issue.column ? `${issue.column}：${issue.message}` : issue.message;

function addIssuesSheet(workbook: ReturnType<typeof newWorkbook>, issues: ImportIssue[]): void {
  const ws = addSheet(workbook, REPORT_ISSUES_SHEET);
  ISSUE_HEADERS.forEach((header, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = header;
    styleHeaderCell(cell);
  });
  if (!issues.length) setText(ws.getCell('A2'), '未发现问题');
  issues.forEach((issue, r) => {
    const row = ws.getRow(r + 2);
    setText(row.getCell(1), issue.sheet);
    if (issue.row > 0) row.getCell(2).value = issue.row;
    if (issue.column) setText(row.getCell(3), issue.column);
    if (issue.cell) setText(row.getCell(4), issue.cell);
    setText(row.getCell(5), issue.message);
  });
  [14, 8, 18, 10, 60].forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ISSUE_HEADERS.length } };
}

/** The uploaded sheet again, each value at its original cell so the issue list's references still match. */
function addAnnotatedSheet(
  workbook: ReturnType<typeof newWorkbook>,
  sheet: ReadSheet,
  issues: ImportIssue[],
): void {
  const ws = addSheet(workbook, sheet.name);
  // a header without a column letter (not from readWorkbook) is placed after the known ones
  const known = sheet.headers.filter((h) => sheet.columnOf[h]);
  const place = new Map(known.map((h) => [h, columnNumber(sheet.columnOf[h]!)]));
  let next = Math.max(0, ...place.values());
  for (const h of sheet.headers) if (!place.has(h)) place.set(h, ++next);
  const at = (header: string) => place.get(header)!;
  const lastCol = next;
  const noteCol = lastCol + 1;

  for (const header of sheet.headers) {
    const cell = ws.getCell(1, at(header));
    setText(cell, header);
    styleHeaderCell(cell);
  }
  const noteHeader = ws.getCell(1, noteCol);
  noteHeader.value = REPORT_NOTE_HEADER;
  styleHeaderCell(noteHeader, FILL.bad);

  for (const { row, values } of sheet.rows) {
    for (const header of sheet.headers) {
      const value = values[header];
      if (value === null || value === undefined) continue;
      const cell = ws.getCell(row, at(header));
      if (typeof value === 'string') setText(cell, value);
      else cell.value = value;
    }
  }

  const byCell = new Map<string, string[]>();
  const byRow = new Map<number, string[]>();
  for (const issue of issues) {
    if (issue.row < 2) continue; // a header or whole-sheet problem: listed on the first sheet only
    if (issue.cell && A1.test(issue.cell))
      byCell.set(issue.cell, [...(byCell.get(issue.cell) ?? []), issue.message]);
    byRow.set(issue.row, [...(byRow.get(issue.row) ?? []), rowMessage(issue)]);
  }
  for (const [ref, messages] of byCell) {
    const cell = ws.getCell(ref);
    cell.fill = FILL.bad;
    cell.note = messages.join('\n');
  }
  for (const [row, messages] of byRow) {
    const cell = ws.getCell(row, noteCol);
    setText(cell, messages.join('；'));
    cell.fill = FILL.bad;
    cell.alignment = { wrapText: true, vertical: 'top' };
  }

  for (const header of sheet.headers) {
    const sample: CellValue[] = sheet.rows.slice(0, 500).map((r) => r.values[header] ?? null);
    ws.getColumn(at(header)).width = columnWidth({ header }, sample);
  }
  ws.getColumn(noteCol).width = Math.min(
    80,
    Math.max(20, ...[...byRow.values()].map((m) => textWidth(m.join('；')) + 2)),
  );
}

/**
 * The dry-run report as .xlsx: a first sheet '校验结果' listing every issue (工作表, 行号, 列, 单元格,
 * 问题说明), then a copy of each uploaded sheet with every bad cell filled light red with a note holding
 * its message(s), and a last column '错误说明' per row joining the row's messages.
 */
export async function buildAnnotatedReport(
  sheets: Record<string, ReadSheet>,
  issues: ImportIssue[],
): Promise<Buffer> {
  const workbook = newWorkbook();
  addIssuesSheet(workbook, issues);
  for (const sheet of Object.values(sheets)) {
    addAnnotatedSheet(
      workbook,
      sheet,
      issues.filter((issue) => issue.sheet === sheet.name),
    );
  }
  return toBuffer(workbook);
}
