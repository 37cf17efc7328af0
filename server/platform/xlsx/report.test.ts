import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../../shared/contracts/imports';
import type { ReadSheet } from './read';
import { buildAnnotatedReport, REPORT_ISSUES_SHEET, REPORT_NOTE_HEADER } from './report';
import { readZip } from './test-zip';

/** As readWorkbook returns it: 名称 in A, 编码 in C (B was an empty column), a blank row 4 skipped. */
const institutions: ReadSheet = {
  name: '机构',
  headers: ['名称', '编码'],
  columnOf: { 名称: 'A', 编码: 'C' },
  rows: [
    { row: 2, values: { 名称: '成都市第一人民医院', 编码: '001' } },
    { row: 3, values: { 名称: '=HYPERLINK("http://x","y")', 编码: null } },
    { row: 5, values: { 名称: '某县医院', 编码: 12 } },
  ],
};
const departments: ReadSheet = {
  name: '科室',
  headers: ['科室名称'],
  columnOf: { 科室名称: 'A' },
  rows: [{ row: 2, values: { 科室名称: '内科' } }],
};

const issues: ImportIssue[] = [
  { sheet: '机构', row: 3, column: '编码', cell: 'C3', message: '不能为空' },
  { sheet: '机构', row: 5, column: '编码', cell: 'C5', message: '应为文本，不能是数字' },
  { sheet: '机构', row: 5, column: '编码', cell: 'C5', message: '与第 2 行重复' },
  { sheet: '机构', row: 3, column: null, cell: null, message: '该行与已有机构冲突' },
  { sheet: '机构', row: 1, column: '等级', cell: null, message: '缺少列“等级”' },
];

const fillOf = (cell: ExcelJS.Cell) => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const noteOf = (cell: ExcelJS.Cell) => {
  const note = cell.note;
  return typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
};

describe('buildAnnotatedReport', () => {
  let buf: Buffer;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    buf = await buildAnnotatedReport({ 机构: institutions, 科室: departments }, issues);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  });

  it('lists every issue on the first sheet 校验结果', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual([REPORT_ISSUES_SHEET, '机构', '科室']);
    const ws = workbook.getWorksheet(REPORT_ISSUES_SHEET)!;
    const listed: unknown[][] = [];
    ws.eachRow((row) => {
      listed.push(Array.from((row.values as ExcelJS.CellValue[]).slice(1, 6), (v) => v ?? null)); // fill the holes
    });
    expect(listed).toEqual([
      ['工作表', '行号', '列', '单元格', '问题说明'],
      ['机构', 3, '编码', 'C3', '不能为空'],
      ['机构', 5, '编码', 'C5', '应为文本，不能是数字'],
      ['机构', 5, '编码', 'C5', '与第 2 行重复'],
      ['机构', 3, null, null, '该行与已有机构冲突'],
      ['机构', 1, '等级', null, '缺少列“等级”'],
    ]);
  });

  it('copies each sheet at the original cells, with bad cells filled red and noted', () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getCell('A1').value).toBe('名称');
    expect(ws.getCell('C1').value).toBe('编码');
    expect(ws.getCell('A2').value).toBe('成都市第一人民医院');
    expect(ws.getCell('C5').value).toBe(12);

    expect(fillOf(ws.getCell('C3'))).toBe('FFFFC7CE');
    expect(noteOf(ws.getCell('C3'))).toBe('不能为空');
    expect(fillOf(ws.getCell('C5'))).toBe('FFFFC7CE');
    expect(noteOf(ws.getCell('C5'))).toBe('应为文本，不能是数字\n与第 2 行重复');
    expect(fillOf(ws.getCell('C2'))).toBeUndefined();
    expect(ws.getCell('C2').note).toBeUndefined();
  });

  it("adds a last column 错误说明 joining each row's messages", () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getCell('D1').value).toBe(REPORT_NOTE_HEADER);
    expect(ws.getCell('D2').value).toBeNull();
    expect(ws.getCell('D3').value).toBe('编码：不能为空；该行与已有机构冲突');
    expect(ws.getCell('D5').value).toBe('编码：应为文本，不能是数字；编码：与第 2 行重复');
    expect(workbook.getWorksheet('科室')!.getCell('B1').value).toBe(REPORT_NOTE_HEADER);
  });

  it('writes uploaded formula-like text back as text, never as a formula (S25)', async () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getCell('A3').value).toBe('=HYPERLINK("http://x","y")');
    expect(ws.getCell('A3').numFmt).toBe('@');
    for (const [name, xml] of await readZip(buf)) {
      if (name.startsWith('xl/worksheets/')) expect(xml.toString('utf8')).not.toMatch(/<f[\s>/]/);
    }
  });

  it('says so when there is nothing wrong', async () => {
    const clean = new ExcelJS.Workbook();
    await clean.xlsx.load(
      (await buildAnnotatedReport({ 科室: departments }, [])) as unknown as ExcelJS.Buffer,
    );
    expect(clean.getWorksheet(REPORT_ISSUES_SHEET)!.getCell('A2').value).toBe('未发现问题');
  });
});
