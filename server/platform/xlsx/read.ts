import ExcelJS from 'exceljs';
import { AppError } from '../errors';
import { type CellValue, columnLetter, plainValue } from './cells';
import { DEFAULT_XLSX_LIMITS, guardXlsx, type XlsxLimits } from './guard';

export interface SheetRow {
  /** the Excel row number */
  row: number;
  /** by header */
  values: Record<string, CellValue>;
}
export interface ReadSheet {
  name: string;
  /** header row (row 1) texts, trimmed; a trailing '*' (required mark) removed */
  headers: string[];
  /** header -> column letter, for A1 refs ('C') */
  columnOf: Record<string, string>;
  /** data rows from row 2, entirely blank rows skipped */
  rows: SheetRow[];
}
export interface ExpectedSheet {
  sheet: string;
  headers: string[];
  /** headers that must be present; default: all of `headers` */
  requiredHeaders?: string[];
  optional?: boolean;
}

export const DEFAULT_MAX_ROWS = 50_000;

/**
 * Worksheet parts ExcelJS would expand cell by cell (a merge or a validation over A1:XFD1048576 is a few
 * bytes that take minutes and gigabytes) and that an import never needs.
 */
const IGNORED_NODES = ['mergeCells', 'dataValidations', 'conditionalFormatting', 'extLst'];

/** A header as written, without the template's required mark. */
export function headerText(value: CellValue): string {
  return String(value ?? '')
    .trim()
    .replace(/\s*[*＊]$/, '')
    .trim();
}

/**
 * S24 guard first, then ExcelJS; all in memory (S20: no temporary file — ExcelJS's streaming
 * WorkbookReader would write some through `tmp`, its in-memory `load` does not).
 */
export async function loadWorkbook(buf: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS) {
  guardXlsx(buf, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's own typings ask for its Buffer type; ours is Node's.
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer, { ignoreNodes: IGNORED_NODES });
  } catch {
    // the parser's message may quote the file: it is not passed on
    throw new AppError(
      400,
      'BAD_FILE',
      '文件无法读取，可能已损坏，请用 Excel 或 WPS 打开后另存为 .xlsx 再上传',
      {
        reason: 'unreadable',
      },
    );
  }
  return workbook;
}

function findSheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return (
    workbook.worksheets.find((ws) => ws.name === name) ??
    workbook.worksheets.find((ws) => ws.name.trim() === name)
  );
}

function readHeaders(ws: ExcelJS.Worksheet) {
  const columns: { header: string; col: number }[] = [];
  ws.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => {
    const header = headerText(plainValue(cell.value));
    if (header) columns.push({ header, col });
  });
  return columns;
}

function readRows(ws: ExcelJS.Worksheet, columns: { header: string; col: number }[]): SheetRow[] {
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber < 2) return;
    const cells = row.values as ExcelJS.CellValue[];
    const values: Record<string, CellValue> = {};
    let blank = true;
    for (const { header, col } of columns) {
      const raw = cells[col];
      // the format only matters for a date: whether it shows a time
      const value = plainValue(raw, isDateLike(raw) ? row.getCell(col).numFmt : undefined);
      values[header] = value;
      if (value !== null) blank = false;
    }
    if (!blank) rows.push({ row: rowNumber, values });
  });
  return rows;
}

const isDateLike = (value: ExcelJS.CellValue | undefined) =>
  value instanceof Date ||
  (typeof value === 'object' && value !== null && 'result' in value && value.result instanceof Date);

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join('、');

/**
 * guardXlsx, then ExcelJS. Missing sheets / required headers (or a header twice) -> AppError(400,
 * 'BAD_TEMPLATE'); more than maxRows data rows in a sheet -> AppError(400, 'TOO_MANY_ROWS').
 * A sheet that is optional and absent is left out of the result.
 */
export async function readWorkbook(
  buf: Buffer,
  expect: ExpectedSheet[],
  opts: { maxRows?: number; limits?: XlsxLimits } = {},
): Promise<Record<string, ReadSheet>> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  const workbook = await loadWorkbook(buf, opts.limits);

  const missingSheets: string[] = [];
  const missingHeaders: Record<string, string[]> = {};
  const duplicateHeaders: Record<string, string[]> = {};
  const found: {
    expected: ExpectedSheet;
    ws: ExcelJS.Worksheet;
    columns: { header: string; col: number }[];
  }[] = [];
  for (const expected of expect) {
    const ws = findSheet(workbook, expected.sheet);
    if (!ws) {
      if (!expected.optional) missingSheets.push(expected.sheet);
      continue;
    }
    const all = readHeaders(ws);
    // a header we expect may appear once; of an unknown one (a note column) the first is kept
    const twice = [
      ...new Set(
        all.filter((c, i) => all.findIndex((o) => o.header === c.header) !== i).map((c) => c.header),
      ),
    ];
    const ambiguous = twice.filter((h) => expected.headers.includes(h));
    const columns = all.filter((c, i) => all.findIndex((o) => o.header === c.header) === i);
    const present = new Set(columns.map((c) => c.header));
    const missing = (expected.requiredHeaders ?? expected.headers).filter((h) => !present.has(h));
    if (missing.length) missingHeaders[expected.sheet] = missing;
    if (ambiguous.length) duplicateHeaders[expected.sheet] = ambiguous;
    found.push({ expected, ws, columns });
  }

  const problems = [
    ...(missingSheets.length ? [`缺少工作表${quoted(missingSheets)}`] : []),
    ...Object.entries(missingHeaders).map(([sheet, headers]) => `工作表“${sheet}”缺少列${quoted(headers)}`),
    ...Object.entries(duplicateHeaders).map(
      ([sheet, headers]) => `工作表“${sheet}”的列${quoted(headers)}重复`,
    ),
  ];
  if (problems.length) {
    throw new AppError(
      400,
      'BAD_TEMPLATE',
      `文件与导入模板不符：${problems.join('；')}。请下载最新模板填写后再上传`,
      {
        missingSheets,
        missingHeaders,
        duplicateHeaders,
      },
    );
  }

  const result: Record<string, ReadSheet> = {};
  for (const { expected, ws, columns } of found) {
    const rows = readRows(ws, columns);
    if (rows.length > maxRows) {
      throw new AppError(
        400,
        'TOO_MANY_ROWS',
        `工作表“${expected.sheet}”有 ${rows.length} 行数据，超过单次导入上限 ${maxRows} 行，请拆分后分批导入`,
        { sheet: expected.sheet, rows: rows.length, maxRows },
      );
    }
    result[expected.sheet] = {
      name: expected.sheet,
      headers: columns.map((c) => c.header),
      columnOf: Object.fromEntries(columns.map((c) => [c.header, columnLetter(c.col)])),
      rows,
    };
  }
  return result;
}
