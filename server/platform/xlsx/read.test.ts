import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { showsTime, toIsoDate } from './cells';
import { readWorkbook } from './read';
import { readZip, rezip } from './test-zip';

const toBuffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());

const FORMULA_LIKE = ['=HYPERLINK("http://x","y")', '+1', '-1+2', '@SUM(A1)'];

/** One sheet '机构' with a header row and the given rows (arrays by column, from A). */
async function workbookOf(header: string[], rows: ExcelJS.CellValue[][], name = '机构'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet(name);
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return toBuffer(workbook);
}

describe('readWorkbook: values', () => {
  it('reads text that looks like a formula as the literal string, and a formula as its cached result', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('机构');
    ws.addRow(['值']);
    for (const text of FORMULA_LIKE) ws.addRow([text]);
    // the cached result is deliberately not what the formula computes: it must not be evaluated
    ws.addRow([{ formula: '1+1', result: 5 }]);
    ws.addRow([{ formula: 'A2', result: '缓存文本' }]);
    ws.addRow([{ formula: 'NOW()' }]); // no cached result
    const sheets = await readWorkbook(await toBuffer(workbook), [{ sheet: '机构', headers: ['值'] }]);

    expect(sheets.机构!.rows.map((r) => r.values.值)).toEqual([...FORMULA_LIKE, 5, '缓存文本']);
  });

  it('reads a date-time as its day when the format shows no time, as Excel shows it', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('机构');
    ws.addRow(['日期', '时间', '公式日期']);
    ws.addRow([new Date(Date.UTC(2026, 2, 2, 9, 30)), new Date(Date.UTC(2026, 2, 2, 9, 30)), null]);
    ws.getCell('A2').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('B2').numFmt = 'yyyy-mm-dd hh:mm';
    ws.getCell('C2').value = { formula: 'NOW()', result: new Date(Date.UTC(2026, 2, 2, 17, 45)) };
    ws.getCell('C2').numFmt = 'yyyy-mm-dd';
    const sheet = (
      await readWorkbook(await toBuffer(workbook), [{ sheet: '机构', headers: ['日期', '时间'] }])
    ).机构!;
    expect(sheet.rows[0]!.values).toEqual({
      日期: '2026-03-02',
      时间: '2026-03-02 09:30',
      公式日期: '2026-03-02',
    });
  });

  it.each([
    ['yyyy-mm-dd', false],
    ['mm-dd-yy', false],
    ['yyyy"年"m"月"d"日"', false],
    ['[$-F800]dddd, mmmm dd, yyyy', false],
    ['yyyy-mm-dd hh:mm', true],
    ['h:mm AM/PM', true],
    ['[h]:mm:ss', true],
    ['上午/下午h"时"mm"分"', true],
  ])('the format %j shows a time: %s', (format, shows) => {
    expect(showsTime(format)).toBe(shows);
  });

  it('reads dates as the calendar day shown, rich text and hyperlinks as text, trims strings, blank as null', async () => {
    const buf = await workbookOf(
      ['日期', '文本', '链接', '数字', '布尔', '空白'],
      [
        [
          new Date(Date.UTC(2026, 2, 2)),
          { richText: [{ text: '  成都' }, { text: '市 ', font: { bold: true } }] },
          { text: '官网', hyperlink: 'https://example.org' },
          42.5,
          true,
          '   ',
        ],
      ],
    );
    const sheet = (
      await readWorkbook(buf, [{ sheet: '机构', headers: ['日期', '文本', '链接', '数字', '布尔', '空白'] }])
    ).机构!;
    expect(sheet.rows).toEqual([
      {
        row: 2,
        values: {
          日期: '2026-03-02',
          文本: '成都市',
          链接: '官网',
          数字: 42.5,
          布尔: true,
          空白: null,
        },
      },
    ]);
  });

  it('keeps Excel row numbers, skips blank rows, maps headers to column letters and drops the required mark', async () => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('机构');
    ws.getCell('A1').value = ' 名称* ';
    ws.getCell('C1').value = '编码＊';
    ws.getCell('D1').value = '备注';
    ws.getCell('A2').value = '甲医院';
    ws.getCell('C2').value = '001';
    ws.getCell('A3').value = '  '; // blank after trimming: the row is skipped
    ws.getCell('C5').value = '003';
    const sheet = (
      await readWorkbook(await toBuffer(workbook), [{ sheet: '机构', headers: ['名称', '编码'] }])
    ).机构!;

    expect(sheet.headers).toEqual(['名称', '编码', '备注']);
    expect(sheet.columnOf).toEqual({ 名称: 'A', 编码: 'C', 备注: 'D' });
    expect(sheet.rows).toEqual([
      { row: 2, values: { 名称: '甲医院', 编码: '001', 备注: null } },
      { row: 5, values: { 名称: null, 编码: '003', 备注: null } },
    ]);
  });
});

describe('readWorkbook: template checks', () => {
  it('names every missing sheet and header in one BAD_TEMPLATE error', async () => {
    const buf = await workbookOf(['名称'], [['甲医院']]);
    await expect(
      readWorkbook(buf, [
        { sheet: '机构', headers: ['名称', '编码', '备注'], requiredHeaders: ['名称', '编码'] },
        { sheet: '科室', headers: ['科室名称'] },
        { sheet: '地理围栏', headers: ['经度'], optional: true },
      ]),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'BAD_TEMPLATE',
      message: expect.stringMatching(/缺少工作表“科室”.*工作表“机构”缺少列“编码”/),
      details: { missingSheets: ['科室'], missingHeaders: { 机构: ['编码'] } },
    });
  });

  it('leaves out an optional sheet that is absent and requires every header by default', async () => {
    const buf = await workbookOf(['名称', '编码'], [['甲医院', '001']]);
    const sheets = await readWorkbook(buf, [
      { sheet: '机构', headers: ['名称', '编码'] },
      { sheet: '地理围栏', headers: ['经度'], optional: true },
    ]);
    expect(Object.keys(sheets)).toEqual(['机构']);
    await expect(readWorkbook(buf, [{ sheet: '机构', headers: ['名称', '等级'] }])).rejects.toMatchObject({
      code: 'BAD_TEMPLATE',
      details: { missingHeaders: { 机构: ['等级'] } },
    });
  });

  it('refuses an expected header that appears twice', async () => {
    const buf = await workbookOf(['名称', '名称*'], [['甲', '乙']]);
    await expect(readWorkbook(buf, [{ sheet: '机构', headers: ['名称'] }])).rejects.toMatchObject({
      code: 'BAD_TEMPLATE',
      details: { duplicateHeaders: { 机构: ['名称'] } },
    });
  });

  it('refuses more data rows than maxRows', async () => {
    const buf = await workbookOf(['名称'], [['甲'], ['乙'], ['丙']]);
    await expect(
      readWorkbook(buf, [{ sheet: '机构', headers: ['名称'] }], { maxRows: 3 }),
    ).resolves.toBeDefined();
    await expect(
      readWorkbook(buf, [{ sheet: '机构', headers: ['名称'] }], { maxRows: 2 }),
    ).rejects.toMatchObject({
      statusCode: 400,
      code: 'TOO_MANY_ROWS',
      details: { sheet: '机构', rows: 3, maxRows: 2 },
    });
  });

  it('refuses a zip that passes the guard but is not a workbook ExcelJS can read', async () => {
    const buf = await workbookOf(['名称'], [['甲']]);
    const broken = await rezip(buf, { 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r=' });
    await expect(readWorkbook(broken, [{ sheet: '机构', headers: ['名称'] }])).rejects.toMatchObject({
      code: 'BAD_FILE',
      details: { reason: 'unreadable' },
    });
  });

  it('ignores merges and validations over the whole sheet, which ExcelJS would expand cell by cell', async () => {
    const buf = await workbookOf(['名称'], [['甲']]);
    const sheetXml = (await readZip(buf)).get('xl/worksheets/sheet1.xml')!.toString('utf8');
    const hostile = sheetXml.replace(
      '</sheetData>',
      '</sheetData><mergeCells count="1"><mergeCell ref="B3:XFD1048576"/></mergeCells>' +
        '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a"</formula1></dataValidation></dataValidations>',
    );
    expect(hostile).not.toBe(sheetXml);
    const started = performance.now();
    const sheets = await readWorkbook(await rezip(buf, { 'xl/worksheets/sheet1.xml': hostile }), [
      { sheet: '机构', headers: ['名称'] },
    ]);
    expect(sheets.机构!.rows).toEqual([{ row: 2, values: { 名称: '甲' } }]);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('readWorkbook: 10,000 rows', () => {
  it('reads a 10,000-row × 10-column workbook', async () => {
    const headers = Array.from({ length: 10 }, (_, i) => `列${i + 1}`);
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('机构');
    ws.addRow(headers);
    for (let r = 0; r < 10_000; r++) {
      ws.addRow([
        `机构${r}`,
        String(r).padStart(6, '0'),
        r,
        r * 1.5,
        new Date(Date.UTC(2026, 0, 1 + (r % 365))),
        r % 2 === 0,
        `备注 ${r}`,
        `=${r}`,
        '四川省',
        null,
      ]);
    }
    const buf = await toBuffer(workbook);

    const started = performance.now();
    const sheets = await readWorkbook(buf, [{ sheet: '机构', headers }]);
    const ms = Math.round(performance.now() - started);
    console.log(`[xlsx] read 10,000 rows in ${ms} ms (${(buf.length / 1024).toFixed(0)} KB file)`);

    const rows = sheets.机构!.rows;
    expect(rows).toHaveLength(10_000);
    expect(rows[0]).toEqual({
      row: 2,
      values: {
        列1: '机构0',
        列2: '000000',
        列3: 0,
        列4: 0,
        列5: '2026-01-01',
        列6: true,
        列7: '备注 0',
        列8: '=0',
        列9: '四川省',
        列10: null,
      },
    });
    expect(rows[9_999]!.row).toBe(10_001);
    expect(rows[9_999]!.values).toMatchObject({
      列1: '机构9999',
      列2: '009999',
      列4: 14_998.5,
      列5: '2026-05-25',
    });
  });
});

describe('toIsoDate', () => {
  it.each([
    ['2026-03-02', '2026-03-02'],
    ['2026-3-2', '2026-03-02'],
    ['2026/3/2', '2026-03-02'],
    ['2026.03.02', '2026-03-02'],
    ['2026年3月2日', '2026-03-02'],
    ['20260302', '2026-03-02'],
    [46083, '2026-03-02'], // a date typed into a number-formatted cell
    ['2026-02-29', null], // not a leap year
    ['2026-13-01', null],
    ['3/2/2026', null],
    [46083.5, null],
    [true, null],
    [null, null],
  ])('%j → %j', (value, expected) => {
    expect(toIsoDate(value)).toBe(expected);
  });
});
