import { and, desc, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DispatchDto } from '../../../shared/contracts/dispatch';
import { XLSX_MIME } from '../../../shared/contracts/imports';
import { DISPATCH_STATUS_LABELS } from '../../../shared/dispatch-vocabulary';
import { TITLE_LABELS } from '../../../shared/policy/labels';
import { auditEvents, institutions, userScopes, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import { importsSettled } from '../excel/imports.service';

let t: TestApp;
let office: string;
let spph: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
  spph = await t.loginAs('supporting_admin');
});
afterAll(() => importsSettled());

const HEADERS = [
  '姓名',
  '职称',
  '派出单位',
  '受援单位',
  '所在地区',
  '项目',
  '批次',
  '派驻方式',
  '岗位',
  '计划开始',
  '计划结束',
  '到岗日期',
  '结束日期',
  '状态',
  '计入基层服务',
  '批准时间',
];

async function download(url: string, cookie: string) {
  const res = await t.request({ method: 'GET', url, cookie });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const fileName = decodeURIComponent(String(res.headers['content-disposition']).split("''")[1] ?? '');
  return { book, fileName };
}

function sheet(book: ExcelJS.Workbook) {
  const ws = book.getWorksheet('派驻人员');
  if (!ws) throw new Error('no sheet 派驻人员');
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return { header, rows };
}

function meta(book: ExcelJS.Workbook): Record<string, string> {
  const ws = book.getWorksheet('导出说明')!;
  const out: Record<string, string> = {};
  ws.eachRow((row) => {
    const [label, value] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    if (label && value) out[label] = value;
  });
  return out;
}

const list = async (url: string, cookie: string): Promise<DispatchDto[]> => {
  const res = await t.request({ method: 'GET', url, cookie });
  expect(res.statusCode).toBe(200);
  return res.json().items;
};

/** An admin of 四川大学华西医院 (no dispatches of its own in the demo), signed in. */
async function otherHospitalAdmin() {
  const [wch] = await t.database.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, '四川大学华西医院'));
  const [template] = await t.database.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.username, 'spph_admin'));
  const username = 'wch_admin_export';
  const [u] = await t.database.db
    .insert(users)
    .values({
      username,
      displayName: '华西医院管理员 测试',
      role: 'supporting_admin',
      passwordHash: template!.hash,
      institutionId: wch!.id,
    })
    .returning({ id: users.id });
  await t.database.db
    .insert(userScopes)
    .values({ userId: u!.id, kind: 'institution', institutionId: wch!.id });
  return t.loginUser(username);
}

describe('GET /api/dispatches/export', () => {
  it('exports the list as the office sees it, with Chinese labels, dates and 是/否', async () => {
    const expected = await list('/api/dispatches?pageSize=1000', office);
    expect(expected.length).toBeGreaterThan(0);
    const { book, fileName } = await download('/api/dispatches/export', office);
    expect(fileName).toBe('派驻人员_20260302.xlsx');
    const { header, rows } = sheet(book);
    expect(header).toEqual(HEADERS);
    expect(rows.map((r) => r.姓名)).toEqual(expected.map((d) => d.staff.name));

    // 王建华's current dispatch (弹性驻点 in 昭觉); the rows are in the list's order.
    const at = expected.findIndex((d) => d.staff.name === '王建华' && d.status === 'on_duty');
    const wang = expected[at]!;
    expect(wang).toMatchObject({ kind: 'flexible_resident', role: 'clinical', endedOn: null });
    const row = rows[at]!;
    const day = (date: string | null) => new Date(`${date}T00:00:00Z`);
    expect(row.姓名).toBe('王建华');
    expect(row.职称).toBe(TITLE_LABELS[wang.staff.title]);
    expect(row.派出单位).toBe('四川省人民医院');
    expect(row.受援单位).toBe('昭觉县人民医院');
    expect(row.所在地区).toBe(wang.recipient.regionName);
    expect(row.项目).toBe(wang.programmeName);
    expect(row.批次).toBe(wang.batch);
    expect(row.派驻方式).toBe('弹性驻点');
    expect(row.岗位).toBe('临床业务');
    expect(row.状态).toBe('在岗');
    expect(row.计入基层服务).toBe('是');
    expect(row.计划开始).toEqual(day(wang.plannedStart));
    expect(row.计划结束).toEqual(day(wang.plannedEnd));
    expect(row.到岗日期).toEqual(day(wang.arrivedOn));
    expect(row.结束日期).toBeNull();
    expect(row.批准时间).toBeInstanceOf(Date);
    // his 2020 dispatch there: completed, with its end date
    const done = expected.findIndex((d) => d.staff.name === '王建华' && d.status === 'completed');
    expect(rows[done]).toMatchObject({
      姓名: '王建华',
      批次: '2020年第一批',
      派驻方式: '驻点',
      状态: DISPATCH_STATUS_LABELS.completed,
      计入基层服务: '是',
      到岗日期: new Date(Date.UTC(2020, 0, 2)),
      结束日期: new Date(Date.UTC(2020, 11, 31)),
    });
    // the proposed one: not approved, never counts
    const proposed = rows.find((r) => r.状态 === DISPATCH_STATUS_LABELS.proposed)!;
    expect(proposed.计入基层服务).toBe('否');
    expect(proposed.批准时间).toBeNull();
  });

  it("scope: another hospital's admin gets only its own (none), the home hospital all of its own", async () => {
    const other = await otherHospitalAdmin();
    const { book } = await download('/api/dispatches/export', other);
    expect(sheet(book).rows).toEqual([]);
    expect(meta(book).行数).toBe('0');

    const own = await list('/api/dispatches?pageSize=1000', spph);
    expect(own.length).toBeGreaterThan(0);
    const { rows } = sheet((await download('/api/dispatches/export', spph)).book);
    expect(rows.map((r) => r.姓名).sort()).toEqual(own.map((d) => d.staff.name).sort());
    expect(new Set(rows.map((r) => r.派出单位))).toEqual(new Set(['四川省人民医院']));
  });

  it('applies the filters (status), names them on 导出说明 and records the export as PI processing', async () => {
    const onDuty = await list('/api/dispatches?pageSize=1000&status=on_duty', office);
    const all = await list('/api/dispatches?pageSize=1000', office);
    expect(onDuty.length).toBeGreaterThan(0);
    expect(onDuty.length).toBeLessThan(all.length);

    const { book } = await download('/api/dispatches/export?status=on_duty&page=2', office);
    const { rows } = sheet(book);
    expect(rows.map((r) => r.姓名).sort()).toEqual(onDuty.map((d) => d.staff.name).sort());
    expect(new Set(rows.map((r) => r.状态))).toEqual(new Set(['在岗']));
    expect(meta(book).筛选条件).toBe('状态：在岗');
    expect(meta(book).行数).toBe(String(onDuty.length));

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pi.export'), eq(auditEvents.objectId, '派驻人员')))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(event?.details).toMatchObject({
      list: '派驻人员',
      filters: { status: 'on_duty' },
      rows: onDuty.length,
    });
  });

  it('refuses without dispatch.read and rejects an unknown status', async () => {
    const staffMember = await t.loginAs('support_staff');
    const denied = await t.request({ method: 'GET', url: '/api/dispatches/export', cookie: staffMember });
    expect(denied.statusCode).toBe(403);
    const bad = await t.request({ method: 'GET', url: '/api/dispatches/export?status=nope', cookie: office });
    expect(bad.statusCode).toBe(400);
  });
});
