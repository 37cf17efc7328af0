import { and, count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportJobDto, XLSX_MIME } from '../../../shared/contracts/imports';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import { auditEvents, institutions, pairings, workflowInstances } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import { importsSettled } from '../excel/imports.service';

let t: TestApp;
let office: string;
let programmeId: string;
const PROGRAMME = '结对导入测试项目';
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
  // A programme of this file's own, so the demo's pairings do not count toward P02.
  const res = await t.request({
    method: 'POST',
    url: '/api/programmes',
    cookie: office,
    payload: {
      code: 'test-pairing-import',
      name: PROGRAMME,
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
      pack: SICHUAN_2017_172,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  programmeId = res.json().id;
  // A recipient outside every poverty county: P01 (mandatory) refuses it.
  await t.database.db.insert(institutions).values({
    name: '成都市武侯区人民医院（导入测试）',
    category: 'medical',
    tier: 'county',
    role: 'recipient',
    regionCode: '510107',
  });
});
afterAll(() => importsSettled());

async function template(): Promise<ExcelJS.Workbook> {
  const res = await t.request({ method: 'GET', url: '/api/import-templates/pairings', cookie: office });
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return book;
}

const HEADERS = ['项目', '支援机构', '受援机构', '帮扶模式', '所包科室', '开始日期', '结束日期', '例外理由'];

/** A file from the template with these rows from row 3 (row 2 keeps the example, which is skipped). */
async function file(rows: Record<string, string | Date | null>[]): Promise<Buffer> {
  const book = await template();
  const ws = book.getWorksheet('结对关系')!;
  rows.forEach((row, i) => {
    for (const [header, value] of Object.entries(row))
      ws.getRow(3 + i).getCell(HEADERS.indexOf(header) + 1).value = value;
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const pairing = (supporter: string, recipient: string, extra: Record<string, string | Date | null> = {}) => ({
  项目: PROGRAMME,
  支援机构: supporter,
  受援机构: recipient,
  帮扶模式: '一对一',
  开始日期: new Date(Date.UTC(2018, 0, 1)),
  结束日期: '2020-12-31',
  ...extra,
});

async function check(buf: Buffer): Promise<ImportJobDto> {
  const res = await t.request({
    method: 'POST',
    url: `/api/imports/pairings?fileName=${encodeURIComponent('结对导入.xlsx')}`,
    cookie: office,
    headers: { 'content-type': XLSX_MIME },
    payload: buf,
  });
  expect(res.statusCode, res.body).toBe(202);
  await importsSettled();
  return (await t.request({ method: 'GET', url: `/api/imports/${res.json().id}`, cookie: office })).json();
}

async function commit(id: string): Promise<ImportJobDto> {
  const res = await t.request({ method: 'POST', url: `/api/imports/${id}/commit`, cookie: office });
  expect(res.statusCode, res.body).toBe(202);
  await importsSettled();
  return (await t.request({ method: 'GET', url: `/api/imports/${id}`, cookie: office })).json();
}

const pairingCount = async () =>
  (await t.database.db.select({ n: count() }).from(pairings).where(eq(pairings.programmeId, programmeId)))[0]!
    .n;

describe('importing pairings through the pairing service', () => {
  it('reports every bad cell and every refused row in Chinese, and the dry run saves nothing', async () => {
    const job = await check(
      await file([
        pairing('四川省人民医院', '凉山彝族自治州第一人民医院'),
        // row 4: a second one-to-one medical supporter (P02) without a reason
        pairing('四川大学华西医院', '凉山彝族自治州第一人民医院'),
        // row 5: cells the form would refuse
        pairing('不存在的医院', '凉山彝族自治州第一人民医院', {
          项目: '不存在的项目',
          帮扶模式: '包干',
          开始日期: '2018-02-30',
        }),
        // row 6: 以院包科 without departments
        pairing('四川省人民医院', '昭觉县人民医院', { 帮扶模式: '以院包科' }),
        // row 7: a recipient outside P01's scope (mandatory): the whole row refused
        pairing('四川省人民医院', '成都市武侯区人民医院（导入测试）'),
      ]),
    );
    expect(job).toMatchObject({ status: 'invalid', totalRows: 5, processedRows: 5, summary: null });
    const at = (row: number) => job.issues.filter((i) => i.row === row);
    expect(at(3)).toEqual([]);
    expect(at(4)).toEqual([
      {
        sheet: '结对关系',
        row: 4,
        column: '例外理由',
        cell: 'H4',
        message: expect.stringMatching(/^P02：.*2 家.*请在“例外理由”列填写理由/),
      },
    ]);
    expect(at(5).map((i) => i.cell)).toEqual(['A5', 'B5', 'D5', 'F5']);
    expect(at(5).map((i) => i.message)).toEqual([
      '项目“不存在的项目”不存在',
      '机构“不存在的医院”未登记，请填写系统中已有机构的全称',
      expect.stringContaining('“包干”不是有效的帮扶模式'),
      '“开始日期”不是有效的日期，请填写如 2026-03-02',
    ]);
    expect(at(6)).toEqual([
      expect.objectContaining({ column: '所包科室', message: '以院包科须列明所包科室' }),
    ]);
    expect(at(7)).toEqual([
      expect.objectContaining({ column: null, cell: null, message: expect.stringContaining('P01') }),
    ]);
    expect(await pairingCount()).toBe(0);
  });

  it('commits a pairing that deviates from P02 with a reason as an exception pending approval', async () => {
    const reason = '州医院创建三甲，经省办同意增加支援医院';
    const job = await check(
      await file([
        pairing('四川省人民医院', '凉山彝族自治州第一人民医院'),
        pairing('四川大学华西医院', '凉山彝族自治州第一人民医院', { 例外理由: reason }),
        pairing('四川省人民医院', '昭觉县人民医院', { 帮扶模式: '以院包科', 所包科室: '内科、儿科' }),
      ]),
    );
    expect(job.issues).toEqual([]);
    expect(job).toMatchObject({
      status: 'ready',
      summary: { created: 3, bySheet: { 结对关系: { created: 3, updated: 0 } } },
    });
    expect(await pairingCount()).toBe(0);

    const done = await commit(job.id);
    expect(done.status).toBe('committed');
    const rows = await t.database.db.select().from(pairings).where(eq(pairings.programmeId, programmeId));
    expect(rows).toHaveLength(3);
    const exception = rows.find((r) => r.exceptionStatus !== 'none');
    expect(exception).toMatchObject({
      exceptionStatus: 'pending',
      exceptionReason: reason,
      deviations: ['P02'],
    });
    expect(rows.find((r) => r.mode === 'hospital_department')?.departments).toEqual(['内科', '儿科']);
    // the exception goes to approval as one made in the form does
    const instances = await t.database.db
      .select()
      .from(workflowInstances)
      .where(
        and(eq(workflowInstances.docId, exception!.id), eq(workflowInstances.docType, 'pairing_exception')),
      );
    expect(instances).toHaveLength(1);
    const imported = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, job.id));
    expect(imported.map((e) => e.action)).toEqual(['import.commit']);
  });

  it('refuses the same file again: each row is now a duplicate of a saved pairing', async () => {
    const job = await check(await file([pairing('四川省人民医院', '凉山彝族自治州第一人民医院')]));
    expect(job.status).toBe('invalid');
    expect(job.issues[0]?.message).toContain('已有结对关系');
    expect(await pairingCount()).toBe(3);
  });
});
