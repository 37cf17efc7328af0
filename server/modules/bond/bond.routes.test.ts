import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BondDto } from '../../../shared/contracts/bond';
import { type ImportJobDto, XLSX_MIME } from '../../../shared/contracts/imports';
import { idCheckChar } from '../../../shared/id-number';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import { auditEvents, institutions, notifications, serviceBonds, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import { importsSettled } from '../excel/imports.service';

let t: TestApp;
let office: string;
let zhaojueHosp: string;
let county: string;
beforeAll(async () => {
  t = await testApp();
  [office, zhaojueHosp, county] = await Promise.all([
    t.loginAs('province_office'),
    t.loginAs('recipient_admin'),
    t.loginAs('county_authority'),
  ]);
});
afterAll(() => importsSettled());

const idOf = async (name: string) => {
  const [row] = await t.database.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, name));
  if (!row) throw new Error(`no institution ${name}`);
  return row.id;
};

let serial = 0;
function newIdNumber() {
  serial++;
  const first17 = `51343119880412${String(500 + serial * 2 + 1).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** A recipient staff member registered by the office; returns its id and ID number. */
async function recipient(institution: string, name: string, side: 'recipient' | 'support' = 'recipient') {
  const idNumber = newIdNumber();
  const res = await t.request({
    method: 'POST',
    url: '/api/staff',
    cookie: office,
    payload: {
      side,
      name,
      gender: 'male',
      idNumber,
      institutionId: await idOf(institution),
      title: 'intermediate',
      postType: 'professional',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json().id as string, idNumber, name };
}

async function newProgramme(code: string, pack: unknown) {
  const res = await t.request({
    method: 'POST',
    url: '/api/programmes',
    cookie: office,
    payload: { code, name: `测试项目${code}`, periodStart: '2015-01-01', periodEnd: null, pack },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const createBond = (payload: object, cookie = office) =>
  t.request({ method: 'POST', url: '/api/bonds', cookie, payload });
const breach = (id: string, payload: object, cookie = office) =>
  t.request({ method: 'POST', url: `/api/bonds/${id}/breaches`, cookie, payload });

// A pack whose bond is 3 years, not the shipped 5: the period must come from the pack.
const YEARS = 3;
let threeYears: string;
let p20Off: string;
let person: { id: string; idNumber: string; name: string };
beforeAll(async () => {
  const pack = structuredClone(SICHUAN_2017_172);
  pack.rules.P20.params.bondYears = YEARS;
  threeYears = await newProgramme('test-bond-3y', pack);
  const off = structuredClone(SICHUAN_2017_172);
  off.rules.P20.enabled = false;
  p20Off = await newProgramme('test-bond-off', off);
  person = await recipient('昭觉县人民医院', '吉克阿呷');
});

describe('POST /api/bonds: the period from the pack (P20)', () => {
  it('ends the day before the Nth anniversary, N read from the pack, and records the pack version', async () => {
    const res = await createBond(
      {
        staffId: person.id,
        programmeId: threeYears,
        trigger: 'mentoring_passed',
        eventOn: '2024-07-01',
        source: '师带徒考核合格（普外科）',
      },
      zhaojueHosp,
    );
    expect(res.statusCode, res.body).toBe(201);
    const bond: BondDto = res.json();
    expect(bond).toMatchObject({
      startsOn: '2024-07-01',
      endsOn: `${2024 + YEARS}-06-30`,
      trigger: 'mentoring_passed',
      policyVersion: 1,
      inForce: true,
      staff: { id: person.id, institution: { name: '昭觉县人民医院' } },
      breaches: [],
    });
    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'bond.create'), eq(auditEvents.objectId, bond.id)));
    expect(event).toBeDefined();
  });

  it('refuses in Chinese when the pack has P20 off, or the trigger is not one of the pack', async () => {
    const off = await createBond({
      staffId: person.id,
      programmeId: p20Off,
      trigger: 'promotion',
      eventOn: '2024-07-01',
    });
    expect(off.statusCode).toBe(400);
    expect(off.json().error.message).toContain('未启用服务年限约定');

    const pack = structuredClone(SICHUAN_2017_172);
    pack.rules.P20.params.triggers = ['mentoring_passed'];
    const narrow = await newProgramme('test-bond-narrow', pack);
    const notTrigger = await createBond({
      staffId: person.id,
      programmeId: narrow,
      trigger: 'further_study',
      eventOn: '2024-07-01',
    });
    expect(notTrigger.statusCode).toBe(400);
    expect(notTrigger.json().error.message).toContain('不是本项目政策包规定的服务年限约定起算事项');
  });

  it('refuses support staff, and staff outside the scope (404)', async () => {
    const supporter = await recipient('四川省人民医院', '王测试', 'support');
    const res = await createBond({
      staffId: supporter.id,
      programmeId: threeYears,
      trigger: 'promotion',
      eventOn: '2024-07-01',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不是受援人员');

    const elsewhere = await recipient('越西县人民医院', '曲比阿呷');
    const out = await createBond(
      { staffId: elsewhere.id, programmeId: threeYears, trigger: 'promotion', eventOn: '2024-07-01' },
      zhaojueHosp,
    );
    expect(out.statusCode).toBe(404);
  });
});

describe('POST /api/bonds/:id/breaches: the last bound day vs the day after', () => {
  let bond: BondDto;
  beforeAll(async () => {
    const res = await createBond({
      staffId: person.id,
      programmeId: threeYears,
      trigger: 'practising_qualification',
      eventOn: '2020-03-02',
    });
    expect(res.statusCode, res.body).toBe(201);
    bond = res.json();
    expect(bond.endsOn).toBe(`${2020 + YEARS}-03-01`);
  });

  it('refuses a movement the day after the bond ended', async () => {
    const res = await breach(bond.id, {
      movement: 'transfer',
      movedOn: `${2020 + YEARS}-03-02`,
      destination: '西昌市人民医院',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('不在服务年限约定期内');
  });

  it('records a loan on the last day as a mandatory breach, approved or not, audited and alerted', async () => {
    const res = await breach(bond.id, {
      movement: 'loan',
      movedOn: `${2020 + YEARS}-03-01`,
      destination: '西昌市人民医院',
      approvedBy: '院长',
    });
    expect(res.statusCode, res.body).toBe(201);
    const after: BondDto = res.json();
    expect(after.breaches).toHaveLength(1);
    expect(after.breaches[0]!.violations[0]).toMatchObject({ rule: 'P20', level: 'mandatory' });
    expect(after.breaches[0]!.violations[0]!.message).toContain('虽经院长同意');

    const audited = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'bond.breach'), eq(auditEvents.objectId, bond.id)));
    expect(audited).toHaveLength(1);

    const alerts = await t.database.db
      .select({ userId: notifications.userId, link: notifications.link, title: notifications.title })
      .from(notifications)
      .where(and(eq(notifications.kind, 'bond.breach'), eq(notifications.link, `/bonds?bondId=${bond.id}`)));
    const office = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'province_office'), eq(users.status, 'active')));
    const [zhaojue] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'zhaojue'));
    const alerted = new Set(alerts.map((a) => a.userId));
    expect(office.length).toBeGreaterThanOrEqual(2);
    for (const u of office) expect(alerted.has(u.id)).toBe(true);
    expect(alerted.has(zhaojue!.id)).toBe(true);
    // Nobody else: no supporting admin, no recipient admin.
    expect(alerted.size).toBe(office.length + 1);
    expect(alerts[0]!.title).toContain('吉克阿呷');

    const breached = await t.request({ method: 'GET', url: '/api/bonds?state=breached', cookie: county });
    expect(breached.statusCode).toBe(200);
    expect(breached.json().items.map((b: BondDto) => b.id)).toContain(bond.id);
  });
});

describe('scope: a bond is owned by the staff member’s home institution', () => {
  it('hides another hospital’s bonds from the recipient admin (404, and not listed)', async () => {
    const elsewhere = await recipient('越西县人民医院', '沙马拉且');
    const res = await createBond({
      staffId: elsewhere.id,
      programmeId: threeYears,
      trigger: 'promotion',
      eventOn: '2025-01-10',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as string;
    expect(
      (await t.request({ method: 'GET', url: `/api/bonds/${id}`, cookie: zhaojueHosp })).statusCode,
    ).toBe(404);
    expect((await t.request({ method: 'GET', url: `/api/bonds/${id}`, cookie: office })).statusCode).toBe(
      200,
    );
    expect(
      (await breach(id, { movement: 'transfer', movedOn: '2025-02-01', destination: '某医院' }, zhaojueHosp))
        .statusCode,
    ).toBe(404);
    const list = await t.request({ method: 'GET', url: '/api/bonds?pageSize=100', cookie: zhaojueHosp });
    const items: BondDto[] = list.json().items;
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((b) => b.staff.institution.name === '昭觉县人民医院')).toBe(true);
  });

  it('filters by state: in force today vs ended', async () => {
    const ended = await t.request({
      method: 'GET',
      url: '/api/bonds?state=ended&pageSize=100',
      cookie: office,
    });
    const inForce = await t.request({
      method: 'GET',
      url: '/api/bonds?state=in_force&pageSize=100',
      cookie: office,
    });
    const e: BondDto[] = ended.json().items;
    const f: BondDto[] = inForce.json().items;
    expect(e.length).toBeGreaterThan(0);
    expect(f.length).toBeGreaterThan(0);
    expect(e.every((b) => b.endsOn < '2026-03-02' && !b.inForce)).toBe(true);
    expect(f.every((b) => b.inForce)).toBe(true);
  });
});

describe('the bonds import (sheet 服务年限约定)', () => {
  const headersOf = (ws: ExcelJS.Worksheet) =>
    (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? '').replace(/\*$/, ''));

  async function file(rows: Record<string, string | null>[]) {
    const res = await t.request({ method: 'GET', url: '/api/import-templates/bonds', cookie: zhaojueHosp });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const ws = book.getWorksheet('服务年限约定')!;
    const cols = headersOf(ws);
    expect(cols).toEqual(['身份证号', '姓名', '项目', '约定起算事项', '起算日期', '事由']);
    rows.forEach((values, i) => {
      for (const [h, v] of Object.entries(values)) ws.getRow(3 + i).getCell(cols.indexOf(h) + 1).value = v;
    });
    return Buffer.from(await book.xlsx.writeBuffer());
  }

  async function settled(id: string): Promise<ImportJobDto> {
    await importsSettled();
    const res = await t.request({ method: 'GET', url: `/api/imports/${id}`, cookie: zhaojueHosp });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function checked(rows: Record<string, string | null>[]) {
    const res = await t.request({
      method: 'POST',
      url: `/api/imports/bonds?fileName=${encodeURIComponent('约定.xlsx')}`,
      cookie: zhaojueHosp,
      headers: { 'content-type': XLSX_MIME },
      payload: await file(rows),
    });
    expect(res.statusCode, res.body).toBe(202);
    return settled(res.json().id);
  }

  const row = (p: { idNumber: string; name: string }, patch: Record<string, string | null> = {}) => ({
    身份证号: p.idNumber,
    姓名: p.name,
    项目: 'test-bond-3y',
    约定起算事项: '职称晋升',
    起算日期: '2025-05-20',
    事由: '晋升主治医师',
    ...patch,
  });

  it('reports every bad cell without echoing the ID number, and imports nothing', async () => {
    const elsewhere = await recipient('越西县人民医院', '阿来木呷');
    const before = await t.database.db.select({ id: serviceBonds.id }).from(serviceBonds);
    const job = await checked([
      row(person, { 姓名: '别人' }),
      row(elsewhere),
      row(person, { 项目: '没有的项目', 约定起算事项: '出国' }),
      row(person, { 项目: 'test-bond-off' }),
      row(person, { 起算日期: '不是日期' }),
    ]);
    const cells = job.issues.map((i) => `${i.cell}: ${i.message}`);
    expect(cells).toEqual([
      expect.stringMatching(/^B3: 姓名“别人”与该身份证号登记的姓名不一致/),
      expect.stringMatching(/^A4: 未找到该身份证号的人员/),
      expect.stringMatching(/^C5: 项目“没有的项目”不存在/),
      expect.stringMatching(/^D5: “出国”不是有效的约定起算事项/),
      expect.stringMatching(/^D6: .*未启用服务年限约定/),
      expect.stringMatching(/^E7: “起算日期”不是有效的日期/),
    ]);
    for (const m of cells) {
      expect(m).not.toContain(person.idNumber);
      expect(m).not.toContain(elsewhere.idNumber);
    }
    const commit = await t.request({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      cookie: zhaojueHosp,
    });
    expect(commit.statusCode).not.toBe(202);
    const after = await t.database.db.select({ id: serviceBonds.id }).from(serviceBonds);
    expect(after.length).toBe(before.length);
  });

  it('commits clean rows with the period from the pack', async () => {
    const second = await recipient('昭觉县人民医院', '俄木日哈');
    const job = await checked([
      row(person),
      row(second, { 约定起算事项: '派出进修学习', 起算日期: '2024-02-29' }),
    ]);
    expect(job.issues).toEqual([]);
    const res = await t.request({
      method: 'POST',
      url: `/api/imports/${job.id}/commit`,
      cookie: zhaojueHosp,
    });
    expect(res.statusCode, res.body).toBe(202);
    const done = await settled(job.id);
    expect(done.status).toBe('committed');
    const bonds = await t.database.db
      .select()
      .from(serviceBonds)
      .where(inArray(serviceBonds.staffId, [person.id, second.id]));
    const imported = bonds.filter((b) => b.source === '晋升主治医师' || b.trigger === 'further_study');
    expect(imported.map((b) => [b.trigger, b.startsOn, b.endsOn]).sort()).toEqual(
      [
        ['promotion', '2025-05-20', `${2025 + YEARS}-05-19`],
        ['further_study', '2024-02-29', `${2024 + YEARS}-02-27`],
      ].sort(),
    );
  });
});
