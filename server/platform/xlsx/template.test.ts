import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Column } from './layout';
import { readWorkbook } from './read';
import { buildTemplate, LISTS_SHEET, TEMPLATE_LAST_ROW } from './template';

const LEVELS = ['三级甲等', '三级乙等', '二级甲等'];
const MANY = Array.from({ length: 120 }, (_, i) => `四川省某县人民医院${i + 1}`);

const institutionColumns: Column[] = [
  { header: '统一社会信用代码', key: 'creditCode', required: true, note: '18 位，含字母请大写' },
  { header: '名称', key: 'name', required: true },
  { header: '等级', key: 'level', list: LEVELS },
  { header: '上级机构', key: 'parent', list: MANY },
  { header: '成立日期', key: 'foundedOn', type: 'date' },
  { header: '床位数', key: 'beds', type: 'int' },
  { header: '是否有效', key: 'active', type: 'bool' },
  { header: '年度经费', key: 'budget', type: 'money' },
  { header: '核定时间', key: 'checkedAt', type: 'datetime' },
];

async function load(buf: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return workbook;
}

type Validations = { model: Record<string, ExcelJS.DataValidation | undefined> };
const validationsOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { dataValidations: Validations }).dataValidations;

describe('buildTemplate', () => {
  let buf: Buffer;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    buf = await buildTemplate({
      title: '机构导入模板',
      instructions: ['每个机构一行。', '统一社会信用代码用于识别已有机构：已存在则更新，否则新建。'],
      sheets: [
        {
          name: '机构',
          columns: institutionColumns,
          example: {
            creditCode: '0123456789ABCDEFGH',
            name: '成都市第一人民医院',
            level: '三级甲等',
            foundedOn: '1950-05-01',
            beds: 1200,
            active: '是',
            budget: 1234.5,
            核定时间: '2026-03-02 09:30', // by header works as well as by key
          },
        },
        { name: '科室', columns: [{ header: '科室名称', key: 'name', required: true }] },
      ],
    });
    workbook = await load(buf);
  });

  it('starts with 填写说明, then the data sheets, with the long lists on a hidden last sheet', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['填写说明', '机构', '科室', LISTS_SHEET]);
    expect(workbook.getWorksheet(LISTS_SHEET)!.state).toBe('veryHidden');
    expect(workbook.getWorksheet('机构')!.state).toBe('visible');
  });

  it('puts the title, numbered instructions and the column notes on 填写说明', () => {
    const ws = workbook.getWorksheet('填写说明')!;
    expect(ws.getCell('A1').value).toBe('机构导入模板');
    expect(ws.getCell('A3').value).toBe('1. 每个机构一行。');
    expect(ws.getCell('A4').value).toBe('2. 统一社会信用代码用于识别已有机构：已存在则更新，否则新建。');
    expect(ws.getCell('A5').value).toMatch(/^3\. 带 \* /);
    // merged rows do not grow in Excel: a long instruction gets more height than a short one
    expect(ws.getRow(4).height).toBeGreaterThanOrEqual(ws.getRow(3).height);
    expect(ws.getRow(3).height).toBeGreaterThan(0);
    const texts: string[] = [];
    ws.eachRow((row) => {
      texts.push((row.values as ExcelJS.CellValue[]).filter(Boolean).join('|'));
    });
    expect(texts).toContain('机构|统一社会信用代码|必填|文本|18 位，含字母请大写');
    expect(texts).toContain('机构|等级|选填|文本|可选：三级甲等、三级乙等、二级甲等');
    expect(texts).toContain('机构|是否有效|选填|是/否|可选：是、否');
    expect(texts).toContain('科室|科室名称|必填|文本');
  });

  it('marks required headers with * and a fill, notes the header, freezes row 1', () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getCell('A1').value).toBe('统一社会信用代码*');
    expect(ws.getCell('B1').value).toBe('名称*');
    expect(ws.getCell('C1').value).toBe('等级');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    const fill = (ref: string) => (ws.getCell(ref).fill as ExcelJS.FillPattern).fgColor?.argb;
    expect(fill('A1')).toBe('FFFCE4D6');
    expect(fill('C1')).not.toBe(fill('A1'));
    const note = ws.getCell('A1').note;
    const noteText = typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('');
    expect(noteText).toBe('18 位，含字母请大写');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes the example as row 2 in grey italic', () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getCell('A2').value).toBe('0123456789ABCDEFGH');
    expect(ws.getCell('B2').value).toBe('成都市第一人民医院');
    expect(ws.getCell('E2').value).toEqual(new Date(Date.UTC(1950, 4, 1)));
    expect(ws.getCell('I2').value).toEqual(new Date(Date.UTC(2026, 2, 2, 9, 30)));
    expect(ws.getCell('B2').font).toMatchObject({ italic: true, color: { argb: 'FF808080' } });
    expect(ws.getCell('A3').value).toBeNull();
  });

  it('adds list validations from row 2 down, inline for short lists and from the hidden sheet for long ones', () => {
    const dv = validationsOf(workbook.getWorksheet('机构')!).model;
    expect(dv.C2).toMatchObject({
      type: 'list',
      formulae: ['"三级甲等,三级乙等,二级甲等"'],
      showErrorMessage: true,
    });
    expect(dv[`C${TEMPLATE_LAST_ROW}`]?.formulae).toEqual(dv.C2?.formulae);
    expect(dv.C1).toBeUndefined();
    expect(dv.D2?.formulae).toEqual([`'${LISTS_SHEET}'!$A$1:$A$120`]);
    expect(dv.G2?.formulae).toEqual(['"是,否"']);
    const lists = workbook.getWorksheet(LISTS_SHEET)!;
    expect(lists.getCell('A1').value).toBe(MANY[0]);
    expect(lists.getCell('A120').value).toBe(MANY[119]);
  });

  it('formats text columns as text (@) so codes keep leading zeros, and typed columns by type', () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getColumn(1).numFmt).toBe('@');
    expect(ws.getColumn(2).numFmt).toBe('@');
    expect(ws.getColumn(5).numFmt).toBe('yyyy-mm-dd');
    expect(ws.getColumn(6).numFmt).toBe('0');
    expect(ws.getColumn(8).numFmt).toBe('#,##0.00');
    expect(ws.getColumn(9).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('A2').numFmt).toBe('@');
  });

  it('reads back through readWorkbook: headers without the mark, the example as the only row', async () => {
    const sheets = await readWorkbook(buf, [
      { sheet: '机构', headers: institutionColumns.map((c) => c.header) },
      { sheet: '科室', headers: ['科室名称'] },
    ]);
    expect(sheets.机构!.headers).toEqual(institutionColumns.map((c) => c.header));
    expect(sheets.机构!.rows).toEqual([
      {
        row: 2,
        values: {
          统一社会信用代码: '0123456789ABCDEFGH',
          名称: '成都市第一人民医院',
          等级: '三级甲等',
          上级机构: null,
          成立日期: '1950-05-01',
          床位数: 1200,
          是否有效: '是',
          年度经费: 1234.5,
          核定时间: '2026-03-02 09:30',
        },
      },
    ]);
    expect(sheets.科室!.rows).toEqual([]);
  });
});
