import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../shared/id-number';
import { auditEvents, institutions, staff } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import * as repo from './staff.repo';

let t: TestApp;
let office: string;
let spphAdmin: string;
let zhaojueAdmin: string;
beforeAll(async () => {
  t = await testApp();
  [office, spphAdmin, zhaojueAdmin] = await Promise.all([
    t.loginAs('province_office'),
    t.loginAs('supporting_admin'),
    t.loginAs('recipient_admin'),
  ]);
});

const idOf = async (name: string) => {
  const [row] = await t.database.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, name));
  if (!row) throw new Error(`no institution ${name}`);
  return row.id;
};

let serial = 0;
/** A valid ID number of this file's own: region, birth date, a sequence of the gender's parity. */
function newIdNumber(gender: 'male' | 'female', region = '510107', birth = '19820315') {
  serial++;
  const seq = String(200 + serial * 2 + (gender === 'male' ? 1 : 0)).padStart(3, '0');
  const first17 = `${region}${birth}${seq}`;
  return first17 + idCheckChar(first17);
}
const newPhone = () => `1380000${String(1000 + serial).slice(-4)}`;

async function supportBody(overrides: Record<string, unknown> = {}) {
  return {
    side: 'support',
    name: '测试医生',
    gender: 'male',
    idNumber: newIdNumber('male'),
    phone: newPhone(),
    institutionId: await idOf('四川省人民医院'),
    department: '普外科',
    specialty: '胃肠外科',
    title: 'deputy_senior',
    titleSeries: 'medicine',
    postType: 'professional',
    workStartedOn: '2005-09-01',
    qualificationType: '医师执业证书',
    qualificationNumber: '110510000012345',
    ...overrides,
  };
}

const create = (body: unknown, cookie = office) =>
  t.request({ method: 'POST', url: '/api/staff', cookie, payload: body as object });
const update = (id: string, body: unknown, cookie = office) =>
  t.request({ method: 'PUT', url: `/api/staff/${id}`, cookie, payload: body as object });
const get = (id: string, cookie = office) => t.request({ method: 'GET', url: `/api/staff/${id}`, cookie });
const list = (query: string, cookie = office) =>
  t.request({ method: 'GET', url: `/api/staff?pageSize=1000&${query}`, cookie });
const reveal = (id: string, body: unknown, cookie = office) =>
  t.request({ method: 'POST', url: `/api/staff/${id}/reveal`, cookie, payload: body as object });

async function created(body: Record<string, unknown>, cookie = office) {
  const res = await create(body, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

describe('POST /api/staff, GET, PUT: masked in every answer (S15, S16)', () => {
  it('creates a staff member with derived birth date and service years, masked', async () => {
    const body = await supportBody({ name: '阿说·木呷测试' });
    const res = await create(body);
    expect(res.statusCode, res.body).toBe(201);
    const dto = res.json();
    expect(dto).toMatchObject({
      side: 'support',
      name: '阿说·木呷测试',
      birthDate: '1982-03-15',
      idNumber: `${body.idNumber.slice(0, 6)}********${body.idNumber.slice(-4)}`,
      phone: `${body.phone.slice(0, 3)}****${body.phone.slice(-4)}`,
      institution: { name: '四川省人民医院', regionCode: '510000' },
      // 2005-09-01 to 2026-03-02: 20 whole years
      serviceYears: 20,
      username: null,
      version: 1,
    });
    expect(res.body).not.toContain(body.idNumber);
    expect(res.body).not.toContain(body.phone);

    const one = await get(dto.id);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toEqual(dto);
    expect(one.body).not.toContain(body.idNumber);

    const [event] = await t.database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.create'), eq(auditEvents.objectId, dto.id)));
    expect(event?.details).toMatchObject({ name: '阿说·木呷测试', idNumber: dto.idNumber });
    expect(JSON.stringify(event?.details)).not.toContain(body.idNumber);
  });

  it('lists by part of the name, masked', async () => {
    const dto = await created(await supportBody({ name: '欧阳列表测试' }));
    const res = await list(`q=${encodeURIComponent('列表测')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ items: [dto], total: 1 });
  });

  it('updates with the version, and refuses a stale one (409)', async () => {
    const dto = await created(await supportBody());
    const res = await update(dto.id, { department: '肝胆外科', workStartedOn: '2010-03-03', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    // 2010-03-03 to 2026-03-02: one day short of 16 years
    expect(res.json()).toMatchObject({ department: '肝胆外科', serviceYears: 15, version: 2 });
    expect(res.json().idNumber).toBe(dto.idNumber);

    const stale = await update(dto.id, { department: '急诊科', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toContain('已被他人修改');

    const [event] = await t.database.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'staff.update'), eq(auditEvents.objectId, dto.id)));
    expect(event?.details).toMatchObject({ diff: { department: { from: '普外科', to: '肝胆外科' } } });
  });

  it('changes the ID number and phone: stored anew, answered masked', async () => {
    const dto = await created(await supportBody());
    const idNumber = newIdNumber('male', '510104', '19800101');
    const res = await update(dto.id, { idNumber, phone: null, version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ idNumber: `510104********${idNumber.slice(-4)}`, phone: null });
    expect(res.json().birthDate).toBe('1980-01-01');
    expect((await list(`q=${idNumber}`)).json().items.map((s: { id: string }) => s.id)).toEqual([dto.id]);
  });

  it('refuses a bad check character, in Chinese', async () => {
    const good = newIdNumber('male');
    const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await create(await supportBody({ idNumber: bad }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('身份证号校验位不正确');
    expect(res.json().error.details).toEqual([
      { path: 'idNumber', message: expect.stringContaining('校验位') },
    ]);
  });

  it('refuses a gender that contradicts the ID number', async () => {
    const res = await create(await supportBody({ idNumber: newIdNumber('female') }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'gender', message: '所填性别（男）与身份证号显示的性别（女）不一致' },
    ]);
    // …also on an update of the gender alone, against the stored number
    const dto = await created(await supportBody());
    const change = await update(dto.id, { gender: 'female', version: 1 });
    expect(change.statusCode).toBe(400);
    expect(change.json().error.details[0].path).toBe('gender');
  });

  it('refuses a birth date in the future', async () => {
    const res = await create(await supportBody({ idNumber: newIdNumber('male', '510107', '20270101') }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('晚于今天');
  });

  it('keeps each side at its kind of institution, and backbone to recipient staff', async () => {
    const zhaojue = await idOf('昭觉县人民医院');
    const wrongSide = await create(await supportBody({ institutionId: zhaojue }));
    expect(wrongSide.statusCode).toBe(400);
    expect(wrongSide.json().error.message).toContain('昭觉县人民医院是受援机构，不能登记支援人员');

    const recipientAtSupporter = await create(await supportBody({ side: 'recipient' }));
    expect(recipientAtSupporter.statusCode).toBe(400);
    expect(recipientAtSupporter.json().error.message).toContain('是支援机构，不能登记受援人员');

    const backbone = await create(await supportBody({ backbone: true }));
    expect(backbone.statusCode).toBe(400);
    expect(backbone.json().error.details[0]).toEqual({
      path: 'backbone',
      message: '只有受援人员可以标记为业务骨干',
    });

    const ok = await created(
      await supportBody({ side: 'recipient', institutionId: zhaojue, backbone: true, name: '吉克阿呷' }),
    );
    expect(ok).toMatchObject({ side: 'recipient', backbone: true, institution: { name: '昭觉县人民医院' } });
    // An institution that is both supports and receives: either side may work there.
    const both = await idOf('凉山彝族自治州第一人民医院');
    await created(await supportBody({ institutionId: both }));
    await created(await supportBody({ side: 'recipient', institutionId: both }));
  });

  it('refuses a home institution outside the creator’s scope (403)', async () => {
    const res = await create(
      await supportBody({ side: 'recipient', institutionId: await idOf('昭觉县人民医院') }),
      spphAdmin,
    );
    expect(res.statusCode).toBe(403);
  });

  it('refuses fields nobody may send (S08): strict bodies', async () => {
    const dto = await created(await supportBody());
    for (const extra of [
      { idNumberEnc: 'v1:xxx' },
      { userId: dto.id },
      { side: 'recipient' },
      { birthDate: '1990-01-01' },
    ]) {
      const res = await update(dto.id, { ...extra, version: 1 });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    const withUser = await create({ ...(await supportBody()), userId: dto.id });
    expect(withUser.statusCode).toBe(400);
    expect((await get(dto.id)).json()).toMatchObject({ side: 'support', version: 1, username: null });
  });
});

describe('duplicate ID numbers (blind index)', () => {
  it('answers 409 naming the institution the caller may see', async () => {
    const body = await supportBody();
    await created(body);
    const again = await create({ ...body, name: '另一个人' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该身份证号已登记（四川省人民医院）');
  });

  it('says only "registered" to a caller who cannot see where', async () => {
    const body = await supportBody({ side: 'recipient', institutionId: await idOf('昭觉县人民医院') });
    await created(body, zhaojueAdmin);
    const again = await create(
      { ...body, side: 'support', institutionId: await idOf('四川省人民医院') },
      spphAdmin,
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toBe('该身份证号已登记');
    expect(again.body).not.toContain('昭觉');
  });

  it('lets one of two concurrent identical submissions through: 201 and 409 (unique index)', async () => {
    const body = await supportBody();
    const results = await Promise.all([create(body), create(body)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const conflict = results.find((r) => r.statusCode === 409)!;
    expect(conflict.json().error.message).toContain('该身份证号已登记');
    expect((await list(`q=${body.idNumber}`)).json().total).toBe(1);
  });
});

describe('the unique index itself', () => {
  it('refuses a second row with the same blind index, recognised as a duplicate ID number', async () => {
    const dto = await created(await supportBody());
    const [row] = await t.database.db.select().from(staff).where(eq(staff.id, dto.id));
    const { id: _, userId: __, ...copy } = row!;
    const err = await repo.insertOne(t.database.db, copy).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    expect(repo.isDuplicateIdNumber(err)).toBe(true);
    expect(repo.isDuplicateIdNumber(new Error('other'))).toBe(false);
  });
});

describe('GET /api/staff: exact search by full ID number or phone', () => {
  it('finds by the full ID number and by the phone, not by a fragment', async () => {
    const body = await supportBody({ name: '精确查找' });
    const dto = await created(body);
    await created(await supportBody({ name: '精确查找二' }));
    for (const q of [body.idNumber, body.idNumber.toLowerCase(), body.phone]) {
      const res = await list(`q=${q}`);
      expect(res.json(), q).toEqual({ items: [dto], total: 1 });
    }
    expect((await list(`q=${body.idNumber.slice(0, 12)}`)).json().total).toBe(0);
    expect((await list(`q=${body.phone.slice(0, 7)}`)).json().total).toBe(0);
  });

  it('shows the linked demo accounts', async () => {
    const wang = (await list(`q=${encodeURIComponent('王建华')}`)).json();
    expect(wang.items).toEqual([
      expect.objectContaining({
        username: 'doctor_wang',
        side: 'support',
        institution: expect.objectContaining({ name: '四川省人民医院' }),
      }),
    ]);
    const axi = (await list(`q=${encodeURIComponent('阿西拉作')}`)).json();
    expect(axi.items).toEqual([
      expect.objectContaining({
        username: 'zhaojue_staff',
        side: 'recipient',
        institution: expect.objectContaining({ name: '昭觉县人民医院' }),
      }),
    ]);
  });
});

describe('POST /api/staff/:id/reveal (S16)', () => {
  it('needs the permission and a reason, answers the full value and audits without it', async () => {
    const body = await supportBody();
    const dto = await created(body);

    const county = await t.loginAs('county_authority');
    expect((await reveal(dto.id, { field: 'idNumber', reason: '核对身份' }, county)).statusCode).toBe(403);
    expect((await reveal(dto.id, { field: 'idNumber' })).statusCode).toBe(400);
    expect((await reveal(dto.id, { field: 'idNumber', reason: ' ' })).statusCode).toBe(400);

    const res = await reveal(dto.id, { field: 'idNumber', reason: '核对派驻人员身份' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ field: 'idNumber', value: body.idNumber });
    const phone = await reveal(dto.id, { field: 'phone', reason: '联系本人' }, spphAdmin);
    expect(phone.json()).toEqual({ field: 'phone', value: body.phone });

    const events = await t.database.db
      .select({ details: auditEvents.details, actorRole: auditEvents.actorRole })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pi.staff.reveal'), eq(auditEvents.objectId, dto.id)));
    expect(events).toEqual([
      {
        actorRole: 'province_office',
        details: expect.objectContaining({ field: 'idNumber', reason: '核对派驻人员身份' }),
      },
      {
        actorRole: 'supporting_admin',
        details: expect.objectContaining({ field: 'phone', reason: '联系本人' }),
      },
    ]);
    const [leak] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(
        sql`${auditEvents.details}::text like ${`%${body.idNumber}%`} or ${auditEvents.details}::text like ${`%${body.phone}%`}`,
      );
    expect(leak?.n).toBe(0);
  });

  it('reveals the demo staff (seeded with the key the app runs with)', async () => {
    const [wang] = (await list(`q=${encodeURIComponent('王建华')}`)).json().items;
    const res = await reveal(wang.id, { field: 'idNumber', reason: '核对演示数据' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().value).toMatch(/^\d{17}[\dX]$/);
    expect(res.json().value.slice(-4)).toBe(wang.idNumber.slice(-4));
  });
});

describe('scope: a supporting admin sees only its own staff (S07)', () => {
  it('lists, gets, updates and reveals only staff of its institution', async () => {
    const spph = await idOf('四川省人民医院');
    const mine = await created(await supportBody());
    const theirs = await created(await supportBody({ institutionId: await idOf('四川大学华西医院') }));

    const res = await list('', spphAdmin);
    const [expected] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(staff)
      .where(eq(staff.institutionId, spph));
    expect(res.json().total).toBe(expected!.n);
    expect(res.json().items.length).toBeGreaterThan(1);
    expect(res.json().items.every((s: { institution: { id: string } }) => s.institution.id === spph)).toBe(
      true,
    );
    expect(res.json().items.map((s: { id: string }) => s.id)).toContain(mine.id);

    expect((await get(mine.id, spphAdmin)).statusCode).toBe(200);
    expect((await get(theirs.id, spphAdmin)).statusCode).toBe(404);
    expect((await update(theirs.id, { department: '急诊科', version: 1 }, spphAdmin)).statusCode).toBe(404);
    expect((await reveal(theirs.id, { field: 'idNumber', reason: '试探' }, spphAdmin)).statusCode).toBe(404);
    // …and cannot move its own staff to another institution
    expect(
      (await update(mine.id, { institutionId: theirs.institution.id, version: 1 }, spphAdmin)).statusCode,
    ).toBe(403);
    // The province office sees both.
    expect((await get(theirs.id)).statusCode).toBe(200);
  });
});

describe('scope: a recipient sees the staff stationed with it, read-only (S07)', () => {
  it('lists and gets 王建华 (on duty in 昭觉) masked, but may not reveal or update him', async () => {
    const spph = await idOf('四川省人民医院');
    const [wang] = await t.database.db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.name, '王建华'), eq(staff.institutionId, spph)));

    const res = await list(`q=${encodeURIComponent('王建华')}`, zhaojueAdmin);
    expect(res.statusCode).toBe(200);
    const item = res.json().items.find((s: { id: string }) => s.id === wang!.id);
    expect(item?.institution.name).toBe('四川省人民医院');
    expect(item?.idNumber).toMatch(/^\d{6}\*+[\dX]{4}$/);
    expect(item?.phone).toMatch(/\*{4}/);

    const detail = await get(wang!.id, zhaojueAdmin);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().idNumber).toContain('*');

    // a proposed dispatch does not station anyone: 陈俊 (proposed for 昭觉) stays out of sight
    const whole = (await list('', zhaojueAdmin)).json();
    const names = whole.items.map((s: { name: string }) => s.name);
    expect(names).toContain('王建华');
    expect(names).not.toContain('陈俊');
    // and nobody of SPPH without a dispatch there (the list is the home side plus the stationed)
    const spphSeen = whole.items.filter((s: { institution: { id: string } }) => s.institution.id === spph);
    expect(spphSeen.map((s: { name: string }) => s.name).sort()).toEqual(['刘芳', '张志强', '王建华']);

    const version = detail.json().version;
    expect([403, 404]).toContain(
      (await reveal(wang!.id, { field: 'idNumber', reason: '核对' }, zhaojueAdmin)).statusCode,
    );
    expect([403, 404]).toContain(
      (await update(wang!.id, { department: '急诊科', version }, zhaojueAdmin)).statusCode,
    );
    expect((await get(wang!.id)).json().department).not.toBe('急诊科');
  });
});

describe('S15: no plain ID number or phone at rest', () => {
  it('finds neither in a dump of the database, but does find the name stored beside them', async () => {
    const name = '落盘检查专用姓名';
    const body = await supportBody({ name });
    const dto = await created(body);
    // The audit trail and the ciphertexts are in the same files; the name shows the data is there.
    const haystack = await databaseBytes();
    expect(haystack.includes(Buffer.from(name))).toBe(true);
    expect(haystack.includes(Buffer.from('四川省人民医院'))).toBe(true);
    expect(haystack.includes(Buffer.from(dto.idNumber))).toBe(true);
    expect(haystack.includes(Buffer.from(body.idNumber))).toBe(false);
    expect(haystack.includes(Buffer.from(body.phone))).toBe(false);
  });
});

/** The whole database as bytes: a `pg_dump` on PostgreSQL, the data directory's tarball on PGlite. */
async function databaseBytes(): Promise<Buffer> {
  if (t.config.database.kind === 'postgres') {
    return execFileSync(pgDump(), ['--no-owner', t.config.database.url], { maxBuffer: 1 << 30 });
  }
  await t.database.query('checkpoint');
  const client = (t.database.db as unknown as { $client: PGlite }).$client;
  const dump = Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer());
  return dump[0] === 0x1f && dump[1] === 0x8b ? gunzipSync(dump) : dump;
}

function pgDump(): string {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql').sort().reverse()
    : [];
  const found = versions.map((v) => `/usr/lib/postgresql/${v}/bin/pg_dump`).find(existsSync);
  return found ?? '/usr/bin/pg_dump';
}
