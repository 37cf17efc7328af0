import { count, desc, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportJobDto, XLSX_MIME } from '../../../shared/contracts/imports';
import type { StaffDto } from '../../../shared/contracts/staff';
import { Role } from '../../../shared/enums';
import { idCheckChar, maskIdNumber } from '../../../shared/id-number';
import { hasPermission, type Permission } from '../../../shared/permissions';
import { auditEvents, institutions, staff } from '../../db/schema';
import { decrypt, deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { type TestApp, testApp } from '../../test/app';
import { importsSettled } from '../excel/imports.service';
import { insertStaff } from './staff.repo';
import { staffRowFrom } from './staff.service';

let t: TestApp;
let office: string;
let supportingAdmin: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
  supportingAdmin = await t.loginAs('supporting_admin');
});
afterAll(() => importsSettled());

// The demo accounts' institutions: supporting_admin works at SPPH, recipient_admin at ZHAOJUE.
const SPPH = '四川省人民医院';
const ZHAOJUE = '昭觉县人民医院';
const WEST_CHINA = '四川大学华西医院';

let serial = 0;
/** A name the name rule accepts (no digits): 测试一二 for 12. */
const nameOf = (prefix: string) =>
  prefix + [...String(++serial)].map((d) => '零一二三四五六七八九'[Number(d)]).join('');
/** A valid ID number born in 昭觉 on 1985-03-15, different each call, of the given gender. */
function idNumber(gender: 'male' | 'female' = 'male'): string {
  const seq = String((++serial * 2 + (gender === 'male' ? 1 : 0)) % 1000).padStart(3, '0');
  const first17 = `51343119850315${seq}`;
  return first17 + idCheckChar(first17);
}
const wrongCheck = (id: string) => id.slice(0, 17) + (id.endsWith('0') ? '1' : '0');

/** One row of the 人员 sheet, by header; a support doctor at SPPH unless patched. */
const person = (patch: Record<string, string | number | null> = {}) => ({
  人员类别: '支援人员',
  姓名: nameOf('导入测试'),
  性别: '男',
  身份证号: idNumber('male'),
  手机号: '13812345678',
  工作单位: SPPH,
  科室: '心内科',
  专业: '心血管内科',
  职称: '副高',
  职称系列: '医',
  岗位类型: '专业技术岗',
  参加工作时间: '2010-07-01',
  执业证书类型: '医师执业证书',
  执业证书编号: '2010510A001',
  业务骨干: null,
  ...patch,
});

async function template(cookie = office) {
  const res = await t.request({ method: 'GET', url: '/api/import-templates/staff', cookie });
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return { res, book };
}

const headers = (ws: ExcelJS.Worksheet) =>
  (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));

/** The template with rows written by header from row 3 on (row 2 keeps the example, which is skipped). */
async function file(rows: Record<string, string | number | null>[]): Promise<Buffer> {
  const { book } = await template();
  const ws = book.getWorksheet('人员')!;
  const cols = headers(ws).map((h) => h.replace(/\*$/, ''));
  rows.forEach((values, i) => {
    for (const [header, value] of Object.entries(values)) {
      const col = cols.indexOf(header);
      if (col < 0) throw new Error(`no column ${header}`);
      ws.getRow(3 + i).getCell(col + 1).value = value;
    }
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function settled(id: string, cookie: string): Promise<ImportJobDto> {
  await importsSettled();
  const res = await t.request({ method: 'GET', url: `/api/imports/${id}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function checked(rows: Record<string, string | number | null>[], cookie = office) {
  const res = await t.request({
    method: 'POST',
    url: `/api/imports/staff?fileName=${encodeURIComponent('人员导入.xlsx')}`,
    cookie,
    headers: { 'content-type': XLSX_MIME },
    payload: await file(rows),
  });
  expect(res.statusCode, res.body).toBe(202);
  return settled(res.json().id, cookie);
}

async function commit(id: string, cookie = office) {
  const res = await t.request({ method: 'POST', url: `/api/imports/${id}/commit`, cookie });
  expect(res.statusCode, res.body).toBe(202);
  return settled(id, cookie);
}

const staffCount = async () => (await t.database.db.select({ n: count() }).from(staff))[0]!.n;
const cells = (job: ImportJobDto) => job.issues.map((i) => `${i.cell ?? `row${i.row}`}: ${i.message}`);

/** A staff member stored directly, as the form would build it (the registry's existing people). */
async function stored(institutionName: string, id: string) {
  const [inst] = await t.database.db
    .select({ id: institutions.id, name: institutions.name, role: institutions.role })
    .from(institutions)
    .where(eq(institutions.name, institutionName));
  const built = staffRowFrom(
    { keys: deriveKeys(staticKeyProvider(t.config.encryptionKey!)), today: '2026-03-02', institution: inst },
    {
      side: 'support',
      name: nameOf('已登记'),
      gender: 'male',
      idNumber: id,
      institutionId: inst!.id,
      title: 'senior',
      postType: 'professional',
    },
  );
  if (!built.row) throw new Error(JSON.stringify(built.problems));
  const now = t.clock.now();
  await insertStaff(t.database.db, [{ ...built.row, createdAt: now, updatedAt: now }]);
}

async function list(cookie: string, query = ''): Promise<{ items: StaffDto[]; total: number }> {
  const res = await t.request({ method: 'GET', url: `/api/staff?pageSize=100${query}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function download(url: string, cookie: string) {
  const res = await t.request({ method: 'GET', url, cookie });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const ws = book.getWorksheet('人员')!;
  const header = headers(ws);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  const text = book.worksheets
    .flatMap((w) => w.getSheetValues().flat())
    .map((v) => String(v ?? ''))
    .join('\n');
  return {
    rows,
    text,
    fileName: decodeURIComponent(String(res.headers['content-disposition']).split("''")[1] ?? ''),
  };
}

const lastEvent = async (action: string) =>
  (
    await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, action))
      .orderBy(desc(auditEvents.id))
      .limit(1)
  )[0];

describe('the staff import template', () => {
  it('has the columns, the dropdowns from the labels, text-formatted ID and phone columns and an example', async () => {
    const { res, book } = await template();
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1] ?? '')).toBe(
      '人员导入模板.xlsx',
    );
    expect(book.worksheets.map((w) => w.name).slice(0, 2)).toEqual(['填写说明', '人员']);
    const ws = book.getWorksheet('人员')!;
    expect(headers(ws)).toEqual([
      '人员类别*',
      '姓名*',
      '性别*',
      '身份证号*',
      '手机号',
      '工作单位*',
      '科室',
      '专业',
      '职称*',
      '职称系列',
      '岗位类型*',
      '参加工作时间',
      '执业证书类型',
      '执业证书编号',
      '业务骨干',
    ]);
    const list = (cell: string) => ws.getCell(cell).dataValidation?.formulae;
    expect(list('A3')).toEqual(['"支援人员,受援人员"']);
    expect(list('C3')).toEqual(['"男,女"']);
    expect(list('I3')).toEqual(['"无职称,初级,中级,副高,正高"']);
    expect(list('J3')).toEqual(['"医,护,药,技,公卫"']);
    expect(list('K3')).toEqual(['"专业技术岗,管理岗"']);
    expect(list('O3')).toEqual(['"是,否"']);
    expect(list('D3')).toBeUndefined();
    // text columns: an ID number keeps its 18 digits, a phone its leading digits
    expect(ws.getColumn(4).numFmt).toBe('@');
    expect(ws.getColumn(5).numFmt).toBe('@');
    expect(ws.getCell('L2').numFmt).toBe('yyyy-mm-dd');
    const example = ws.getCell('D2').value;
    expect(typeof example).toBe('string');
    expect(String(example)).toMatch(/^\d{17}[\dX]$/);
    expect(ws.getCell('B2').value).toBe('阿说·木呷');
  });
});

describe('the staff import', () => {
  it('lists every bad cell of a file and saves nothing', async () => {
    const kept = idNumber();
    const registeredHere = idNumber();
    await stored(SPPH, registeredHere);
    const before = await staffCount();
    const job = await checked([
      person({ 身份证号: kept }), // 3: fine
      person({ 身份证号: wrongCheck(idNumber()) }), // 4
      person({ 工作单位: '不存在的医院' }), // 5
      person({ 身份证号: kept }), // 6: again in the file
      person({ 身份证号: registeredHere }), // 7: already registered
      person({ 身份证号: idNumber('female') }), // 8: 性别 says 男
      person({ 工作单位: ZHAOJUE }), // 9: support staff at a recipient institution
      person({ 业务骨干: '是' }), // 10: backbone of a support staff member
      person({ 手机号: '1381234' }), // 11
      person({ 姓名: '=HYPERLINK("http://x","点我")' }), // 12: a formula-like name
      person({ 人员类别: '进修人员', 职称: '主任医师' }), // 13
      person({ 人员类别: '受援人员', 工作单位: WEST_CHINA, 身份证号: ` ${idNumber().toLowerCase()} ` }), // 14
      person({ 身份证号: 513431198503150000 }), // 15: typed as a number, its last digits lost
      // 16: a row with several bad cells has each of them listed
      person({ 性别: null, 身份证号: wrongCheck(idNumber()), 工作单位: ZHAOJUE, 业务骨干: '是' }),
    ]);
    expect(job.status).toBe('invalid');
    expect(cells(job)).toEqual([
      'D4: 身份证号校验位不正确，请核对后重新填写',
      'F5: 工作单位“不存在的医院”未登记，请填写已登记机构的全称',
      'D6: 与第 3 行身份证号重复',
      `D7: 该身份证号已登记（${SPPH}），导入只新增人员，请在人员页面修改`,
      'C8: 所填性别（男）与身份证号显示的性别（女）不一致',
      `F9: ${ZHAOJUE}是受援机构，不能登记支援人员`,
      'O10: 只有受援人员可以标记为业务骨干',
      'E11: 手机号应为11位数字',
      'B12: 姓名只能包含文字、间隔号“·”和空格',
      'A13: “进修人员”不是有效的人员类别，请从下拉列表中选择（支援人员、受援人员）',
      'I13: “主任医师”不是有效的职称，请从下拉列表中选择（无职称、初级、中级、副高、正高）',
      `F14: ${WEST_CHINA}是支援机构，不能登记受援人员`,
      'D15: 身份证号被存为数字，末几位已丢失；请将该列设为文本格式后重新填写',
      'C16: 请填写“性别”',
      'D16: 身份证号校验位不正确，请核对后重新填写',
      `F16: ${ZHAOJUE}是受援机构，不能登记支援人员`,
      'O16: 只有受援人员可以标记为业务骨干',
    ]);
    expect(await staffCount()).toBe(before);
    // the issues name rows, never the ID numbers
    expect(JSON.stringify(job.issues)).not.toMatch(/\d{17}[\dXx]/);
  });

  it("keeps a supporting admin to its own institution and does not say where someone else's staff work", async () => {
    const elsewhere = idNumber();
    await stored(WEST_CHINA, elsewhere);
    const job = await checked(
      [person({ 工作单位: WEST_CHINA }), person({ 身份证号: elsewhere }), person()],
      supportingAdmin,
    );
    expect(cells(job)).toEqual([
      `F3: 工作单位“${WEST_CHINA}”不在您的数据范围内`,
      'D4: 该身份证号已登记，导入只新增人员',
    ]);
  });

  it('commits the corrected file in one go: stored encrypted, shown masked, audited without ID numbers', async () => {
    const people = [
      person({ 姓名: '依火·拉哈', 身份证号: idNumber() }),
      person({ 姓名: '泽仁·央宗', 性别: '女', 身份证号: idNumber('female'), 手机号: '13900001111' }),
      person({
        人员类别: '受援人员',
        姓名: '沙马·阿牛',
        性别: '女',
        身份证号: idNumber('female'),
        工作单位: ZHAOJUE,
        职称: '无职称',
        职称系列: null,
        岗位类型: '管理岗',
        业务骨干: '是',
        手机号: null,
      }),
    ];
    const before = await staffCount();
    const job = await checked(people);
    expect(cells(job)).toEqual([]);
    expect(job.status).toBe('ready');
    expect(job.summary).toMatchObject({ created: 3, updated: 0 });
    const done = await commit(job.id);
    expect(done.status, JSON.stringify(done)).toBe('committed');
    expect(await staffCount()).toBe(before + 3);

    const mu = (await list(office, `&q=${encodeURIComponent('依火·拉哈')}`)).items[0]!;
    expect(mu).toMatchObject({
      side: 'support',
      gender: 'male',
      birthDate: '1985-03-15',
      idNumber: maskIdNumber(people[0]!.身份证号 as string),
      phone: '138****5678',
      institution: { name: SPPH },
      title: 'deputy_senior',
      titleSeries: 'medicine',
      workStartedOn: '2010-07-01',
      serviceYears: 15,
      backbone: false,
    });
    expect(mu.idNumber).toMatch(/^513431\*{8}\d{3}[\dX]$/);
    expect((await list(office, `&q=${encodeURIComponent('沙马·阿牛')}`)).items).toMatchObject([
      {
        side: 'recipient',
        title: 'none',
        postType: 'management',
        backbone: true,
        phone: null,
      },
    ]);

    // at rest: ciphertexts, a blind index and the masked form; no plain number anywhere in the rows
    const rows = await t.database.db
      .select()
      .from(staff)
      .where(
        inArray(
          staff.name,
          people.map((p) => p.姓名),
        ),
      );
    expect(rows).toHaveLength(3);
    for (const p of people) {
      const row = rows.find((r) => r.name === p.姓名)!;
      expect(row.idNumberEnc).not.toBe(p.身份证号);
      expect(row.idNumberEnc).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain(p.身份证号 as string);
      if (p.手机号) expect(JSON.stringify(row)).not.toContain(p.手机号 as string);
    }

    // one import.commit event, and no ID number anywhere in the audit trail
    const event = await lastEvent('import.commit');
    expect(event).toMatchObject({ objectId: job.id, details: { entity: 'staff', created: 3 } });
    const trail = JSON.stringify(await t.database.db.select().from(auditEvents));
    for (const p of people) expect(trail).not.toContain(p.身份证号 as string);

    // all or nothing: a second upload of the same people is refused row by row
    const again = await checked([people[0]!]);
    expect(cells(again)).toEqual([`D3: 该身份证号已登记（${SPPH}），导入只新增人员，请在人员页面修改`]);
  });
});

describe('GET /api/staff/export', () => {
  it('exports masked ID numbers and phones within the caller scope, audited as personal information', async () => {
    const all = await download('/api/staff/export', office);
    expect(all.fileName).toBe('人员名录_20260302.xlsx');
    const total = (await list(office)).total;
    expect(total).toBeGreaterThan(0);
    expect(all.rows).toHaveLength(total);
    const mu = all.rows.find((r) => r.姓名 === '依火·拉哈');
    expect(mu).toMatchObject({
      人员类别: '支援人员',
      性别: '男',
      工作单位: SPPH,
      职称: '副高',
      手机号: '138****5678',
    });
    expect(String(mu!.身份证号)).toMatch(/^513431\*{8}\d{3}[\dX]$/);
    // no full ID number or phone anywhere in the workbook
    expect(all.text).not.toMatch(/\d{17}[\dX]/);
    const keys = deriveKeys(staticKeyProvider(t.config.encryptionKey!));
    const sealed = await t.database.db.select({ id: staff.idNumberEnc, phone: staff.phoneEnc }).from(staff);
    for (const row of sealed) {
      expect(all.text).not.toContain(decrypt(keys, row.id));
      if (row.phone) expect(all.text).not.toContain(decrypt(keys, row.phone));
    }
    const event = await lastEvent('pi.export');
    expect(event!.details).toMatchObject({ list: '人员名录', rows: total });

    // a supporting admin: only its own institution's staff, as its list shows them
    const own = await download('/api/staff/export', supportingAdmin);
    const ownList = await list(supportingAdmin);
    expect(own.rows).toHaveLength(ownList.total);
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.length).toBeLessThan(all.rows.length);
    expect(new Set(own.rows.map((r) => r.工作单位))).toEqual(new Set([SPPH]));
    expect(own.rows.some((r) => r.姓名 === '沙马·阿牛')).toBe(false);

    // the list's filters apply
    const recipients = await download('/api/staff/export?side=recipient', office);
    expect(recipients.rows.length).toBeGreaterThan(0);
    expect(recipients.rows.every((r) => r.人员类别 === '受援人员')).toBe(true);
  });

  it('never writes a searched-for ID number into the audit trail', async () => {
    const id = idNumber();
    await stored(SPPH, id);
    const found = await download(`/api/staff/export?q=${id}`, office);
    expect(found.rows).toHaveLength(1);
    const event = await lastEvent('pi.export');
    expect(JSON.stringify(event)).not.toContain(id);
  });
});

describe('who may use the staff Excel routes', () => {
  const ROUTES: { method: 'GET' | 'POST'; url: string; permission: Permission }[] = [
    { method: 'GET', url: '/api/import-templates/staff', permission: 'staff.manage' },
    { method: 'POST', url: '/api/imports/staff?fileName=a.xlsx', permission: 'staff.manage' },
    { method: 'GET', url: '/api/staff/export', permission: 'staff.read' },
  ];

  it('refuses every role without the permission (403) and anyone signed out (401)', async () => {
    for (const role of Role.values) {
      const cookie = await t.loginAs(role);
      for (const r of ROUTES) {
        const res = await t.request({
          method: r.method,
          url: r.url,
          cookie,
          headers: { 'content-type': XLSX_MIME },
          payload: r.method === 'POST' ? Buffer.from('x') : undefined,
        });
        if (hasPermission(role, r.permission)) expect(res.statusCode, `${role} ${r.url}`).not.toBe(403);
        else expect(res.statusCode, `${role} ${r.url}`).toBe(403);
      }
    }
    for (const r of ROUTES) {
      const res = await t.request({ method: r.method, url: r.url });
      expect(res.statusCode, r.url).toBe(401);
    }
  });
});
