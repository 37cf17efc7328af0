import type ExcelJS from 'exceljs';
import {
  type CellValue,
  type ColumnType,
  columnLetter,
  excelDate,
  excelWallClock,
  NUM_FMT,
  setText,
} from './cells';
import {
  addSheet,
  type Column,
  columnWidth,
  FILL,
  newWorkbook,
  styleHeaderCell,
  textWidth,
  toBuffer,
} from './layout';

export interface TemplateSheet {
  name: string;
  columns: Column[];
  /** the example row, by column key (or header), as the cell shows it: money in yuan, dates 'YYYY-MM-DD' */
  example?: Record<string, CellValue>;
}

/** Validations and text formats reach this row: enough for any import we accept in one go. */
export const TEMPLATE_LAST_ROW = 5000;
export const INSTRUCTIONS_SHEET = '填写说明';
export const LISTS_SHEET = '下拉选项';
/** Excel's limit for an inline list (`"a,b,c"`) is 255 characters. */
const INLINE_LIST_MAX = 255;

const TYPE_LABEL: Record<ColumnType, string> = {
  text: '文本',
  int: '整数',
  number: '数字',
  date: '日期（如 2026-03-02）',
  datetime: '日期时间（如 2026-03-02 09:30）',
  money: '金额（元，最多两位小数）',
  bool: '是/否',
};

/** The column notes table of 填写说明: header and width. */
const INSTRUCTION_COLUMNS: [string, number][] = [
  ['工作表', 14],
  ['列名', 24],
  ['是否必填', 10],
  ['格式', 26],
  ['说明', 60],
];
const MERGED_WIDTH = INSTRUCTION_COLUMNS.reduce((sum, [, width]) => sum + width, 0);

const GREY_ITALIC: Partial<ExcelJS.Font> = { italic: true, color: { argb: 'FF808080' } };

/** ExcelJS 4.4 has `worksheet.dataValidations.add(range, rule)` but its typings leave it out. */
const validations = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: { add(range: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;

function listOf(column: Column): readonly string[] | undefined {
  return column.list ?? (column.type === 'bool' ? ['是', '否'] : undefined);
}

/** Lists too long or awkward for an inline formula go to one column each of a hidden last sheet. */
class ListSheet {
  private readonly lists: (readonly string[])[] = [];

  formula(list: readonly string[]): string {
    const inline = list.join(',');
    if (inline.length <= INLINE_LIST_MAX && !list.some((item) => /[,"]/.test(item))) return `"${inline}"`;
    this.lists.push(list);
    const letter = columnLetter(this.lists.length);
    return `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${list.length}`;
  }

  /** After the data sheets, so it is the last one. */
  write(workbook: ExcelJS.Workbook): void {
    if (!this.lists.length) return;
    const ws = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' });
    this.lists.forEach((list, col) => {
      list.forEach((item, row) => {
        setText(ws.getCell(row + 1, col + 1), item);
      });
    });
  }
}

function addInstructions(
  workbook: ExcelJS.Workbook,
  title: string,
  instructions: string[],
  sheets: TemplateSheet[],
): void {
  const ws = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  INSTRUCTION_COLUMNS.forEach(([, width], i) => {
    ws.getColumn(i + 1).width = width;
  });
  const titleCell = ws.getCell('A1');
  setText(titleCell, title);
  titleCell.font = { bold: true, size: 16 };

  const steps = [
    ...instructions,
    '带 * 且标色的列为必填项；有下拉箭头的列请从下拉列表中选择。',
    '各数据表第 2 行（灰色斜体）为填写示例，可改为实际数据，或删除该行。',
    '请勿修改工作表名称和第 1 行表头，也不要插入合并单元格。',
  ];
  let r = 3;
  for (const [i, step] of steps.entries()) {
    ws.mergeCells(r, 1, r, INSTRUCTION_COLUMNS.length);
    const cell = ws.getCell(r, 1);
    const text = `${i + 1}. ${step}`;
    setText(cell, text);
    cell.alignment = { wrapText: true, vertical: 'top' };
    // Excel does not grow a merged row to fit wrapped text: give it the lines it needs
    ws.getRow(r).height = Math.ceil(textWidth(text) / (MERGED_WIDTH - 4)) * 16;
    r++;
  }

  r++;
  const header = ws.getRow(r);
  INSTRUCTION_COLUMNS.forEach(([text], i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    styleHeaderCell(cell);
  });
  for (const sheet of sheets) {
    for (const column of sheet.columns) {
      r++;
      const list = listOf(column);
      const listText = list && (list.length <= 20 ? `可选：${list.join('、')}` : '从下拉列表中选择');
      const row = ws.getRow(r);
      setText(row.getCell(1), sheet.name);
      setText(row.getCell(2), column.header);
      row.getCell(3).value = column.required ? '必填' : '选填';
      row.getCell(4).value = TYPE_LABEL[column.type ?? 'text'];
      setText(row.getCell(5), [column.note, listText].filter(Boolean).join('；'));
      row.getCell(5).alignment = { wrapText: true, vertical: 'top' };
    }
  }
}

function exampleCell(cell: ExcelJS.Cell, value: CellValue | undefined, type: ColumnType): void {
  if (value === null || value === undefined) return;
  const date = type === 'date' ? excelDate(value) : type === 'datetime' ? excelWallClock(value) : null;
  if (date) cell.value = date;
  else if (typeof value === 'string') setText(cell, value);
  else if (typeof value === 'boolean') cell.value = value ? '是' : '否';
  else cell.value = type === 'text' ? String(value) : value; // a code typed as a number keeps its digits
  cell.font = GREY_ITALIC;
}

/**
 * A template: a first sheet '填写说明' (title + numbered instructions + the column notes), then each data
 * sheet with header row 1 (bold, fill, frozen, required marked), an example row 2 (grey italic), list
 * validations down to TEMPLATE_LAST_ROW, and column formats ('@' for text so codes keep leading zeros).
 */
export async function buildTemplate(opts: {
  title: string;
  instructions: string[];
  sheets: TemplateSheet[];
}): Promise<Buffer> {
  const workbook = newWorkbook();
  addInstructions(workbook, opts.title, opts.instructions, opts.sheets);
  const lists = new ListSheet();

  for (const sheet of opts.sheets) {
    const ws = addSheet(workbook, sheet.name);
    ws.getRow(1).height = 30;
    sheet.columns.forEach((column, i) => {
      const type = column.type ?? 'text';
      const col = ws.getColumn(i + 1);
      col.width = columnWidth({ ...column, header: `${column.header}*` });
      // the column format is what Excel applies to the cells people type into
      const format = NUM_FMT[type];
      if (format) col.numFmt = format;

      const header = ws.getCell(1, i + 1);
      header.value = column.required ? `${column.header}*` : column.header;
      styleHeaderCell(header, column.required ? FILL.required : FILL.header);
      if (column.note) header.note = column.note;

      exampleCell(ws.getCell(2, i + 1), sheet.example?.[column.key] ?? sheet.example?.[column.header], type);

      const list = listOf(column);
      if (list?.length) {
        const letter = columnLetter(i + 1);
        validations(ws).add(`${letter}2:${letter}${TEMPLATE_LAST_ROW}`, {
          type: 'list',
          allowBlank: true,
          formulae: [lists.formula(list)],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: '输入有误',
          error: `“${column.header}”请从下拉列表中选择`,
        });
      }
    });
  }
  lists.write(workbook);
  return toBuffer(workbook);
}
