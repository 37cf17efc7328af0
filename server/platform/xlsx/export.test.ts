import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExport, EXPORT_INFO_SHEET } from './export';
import { contentDisposition } from './index';
import type { Column } from './layout';
import { readWorkbook } from './read';
import { readZip } from './test-zip';

interface Institution {
  name: string;
  code: string;
  foundedOn: string | null;
  updatedAt: Date;
  budgetFen: number;
  active: boolean;
  beds: number;
  region: { name: string };
}

const FORMULA_LIKE = ['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(A1)', '\tx', ' =1+1'];

const columns: Column<Institution>[] = [
  { header: '名称', key: 'name' },
  { header: '编码', key: 'code' },
  { header: '成立日期', key: 'foundedOn', type: 'date' },
  { header: '更新时间', key: 'updatedAt', type: 'datetime' },
  { header: '年度经费（元）', key: 'budgetFen', type: 'money' },
  { header: '是否有效', key: 'active', type: 'bool' },
  { header: '床位数', key: 'beds', type: 'int' },
  { header: '所属地区', key: 'region', value: (row) => row.region.name },
];

const rows: Institution[] = [
  {
    name: '成都市第一人民医院',
    code: '007',
    foundedOn: '1950-05-01',
    // 2026-03-02 01:30 UTC is 09:30 in Beijing
    updatedAt: new Date('2026-03-02T01:30:00Z'),
    budgetFen: 123_456_789,
    active: true,
    beds: 1200,
    region: { name: '成都市' },
  },
  ...FORMULA_LIKE.map((text, i) => ({
    name: text,
    code: String(i),
    foundedOn: null,
    // late evening UTC: already the next day in Beijing
    updatedAt: new Date('2026-03-01T20:05:00Z'),
    budgetFen: 5,
    active: false,
    beds: i,
    region: { name: text },
  })),
];

async function load(buf: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('buildExport', () => {
  let buf: Buffer;
  let workbook: ExcelJS.Workbook;
  beforeAll(async () => {
    buf = await buildExport({
      title: '机构名录',
      meta: [
        ['导出人', '省卫健委 张三'],
        ['导出时间', '2026-03-02 09:00'],
        ['筛选条件', '=地区:成都市'],
        ['行数', String(rows.length)],
      ],
      sheets: [{ name: '机构', columns, rows }],
    });
    workbook = await load(buf);
  });

  it('writes a header row that is bold, frozen and filtered, then one row per record', () => {
    const ws = workbook.getWorksheet('机构')!;
    expect((ws.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(columns.map((c) => c.header));
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // The filter spans the header row, first to last column.
    expect(String(ws.autoFilter)).toBe(`A1:${String.fromCharCode(64 + columns.length)}1`);
    expect(ws.rowCount).toBe(rows.length + 1);
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(8);
  });

  it('writes dates, date-times (Beijing time), money in yuan and bool as 是/否 with office formats', () => {
    const ws = workbook.getWorksheet('机构')!;
    expect(ws.getCell('C2').value).toEqual(new Date(Date.UTC(1950, 4, 1)));
    expect(ws.getCell('C2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('D2').value).toEqual(new Date(Date.UTC(2026, 2, 2, 9, 30)));
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('D3').value).toEqual(new Date(Date.UTC(2026, 2, 2, 4, 5)));
    expect(ws.getCell('E2').value).toBe(1_234_567.89);
    expect(ws.getCell('E2').numFmt).toBe('#,##0.00');
    expect(ws.getCell('E3').value).toBe(0.05);
    expect(ws.getCell('F2').value).toBe('是');
    expect(ws.getCell('F3').value).toBe('否');
    expect(ws.getCell('G2').value).toBe(1200);
    expect(ws.getCell('B2').value).toBe('007');
    expect(ws.getCell('H2').value).toBe('成都市');
    expect(ws.getCell('C3').value).toBeNull();
  });

  it('never writes a formula (S25): formula-like text is a string cell, marked as text', async () => {
    const sheetXml = (await readZip(buf)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    expect(sheetXml).toContain('<c r="A3"');
    expect(sheetXml).not.toMatch(/<f[\s>/]/);
    const infoXml = (await readZip(buf)).get('xl/worksheets/sheet2.xml')!.toString('utf8');
    expect(infoXml).not.toMatch(/<f[\s>/]/);

    const ws = workbook.getWorksheet('机构')!;
    FORMULA_LIKE.forEach((text, i) => {
      const cell = ws.getCell(`A${i + 3}`);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(text);
      expect(cell.numFmt).toBe('@');
      expect(ws.getCell(`H${i + 3}`).value).toBe(text);
    });
    expect(ws.getCell('A2').numFmt).not.toBe('@'); // ordinary text keeps the general format
  });

  it('ends with 导出说明 holding the title and the meta lines', () => {
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['机构', EXPORT_INFO_SHEET]);
    const info = workbook.getWorksheet(EXPORT_INFO_SHEET)!;
    expect(info.getCell('A1').value).toBe('机构名录');
    const lines: string[][] = [];
    info.eachRow((row, n) => {
      if (n > 1) lines.push([String(row.getCell(1).value), String(row.getCell(2).value)]);
    });
    expect(lines).toEqual([
      ['导出人', '省卫健委 张三'],
      ['导出时间', '2026-03-02 09:00'],
      ['筛选条件', '=地区:成都市'],
      ['行数', String(rows.length)],
    ]);
    expect(info.getCell('B5').numFmt).toBe('@');
  });

  it('can be read back like an upload: same headers, dates as days, text as written', async () => {
    const sheets = await readWorkbook(buf, [{ sheet: '机构', headers: columns.map((c) => c.header) }]);
    const read = sheets.机构!.rows;
    expect(read).toHaveLength(rows.length);
    expect(read[0]!.values).toEqual({
      名称: '成都市第一人民医院',
      编码: '007',
      成立日期: '1950-05-01',
      更新时间: '2026-03-02 09:30',
      '年度经费（元）': 1_234_567.89,
      是否有效: '是',
      床位数: 1200,
      所属地区: '成都市',
    });
    // the reader trims, so ' =1+1' and '\tx' come back trimmed; the rest are exact
    expect(read.slice(1).map((r) => r.values.名称)).toEqual(FORMULA_LIKE.map((t) => t.trim()));
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name that decodes back', () => {
    const header = contentDisposition('机构导入模板.xlsx');
    expect(header).toMatch(/^attachment; filename="download\.xlsx"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe('机构导入模板.xlsx');
  });

  it('keeps the ASCII part of a mixed name and drops quotes from the fallback', () => {
    expect(contentDisposition('Export 2026 机构"名录".xlsx')).toContain('filename="Export 2026.xlsx"');
    const header = contentDisposition('a"b\\c.xlsx');
    expect(header).toContain('filename="abc.xlsx"');
    expect(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)![1]!)).toBe('a"b\\c.xlsx');
  });
});
