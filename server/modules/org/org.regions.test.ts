import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, countyFlags, users } from '../../db/schema';
import type { Ctx, SessionUser } from '../../platform/context';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { type TestApp, testApp } from '../../test/app';
import * as service from './org.service';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
});

const detail = async (code: string, cookie = office) =>
  (await t.request({ method: 'GET', url: `/api/regions/${code}`, cookie })).json();
const addFlag = (code: string, body: unknown, cookie = office) =>
  t.request({ method: 'POST', url: `/api/regions/${code}/flags`, cookie, payload: body as object });
const withdraw = (code: string, id: string, reason: unknown, cookie = office) =>
  t.request({
    method: 'POST',
    url: `/api/regions/${code}/flags/${id}/withdraw`,
    cookie,
    payload: { reason } as object,
  });

describe('GET /api/regions/:code', () => {
  it('shows 昭觉县 with its example flags, its contacts and no code changes', async () => {
    const z = await detail('513431');
    expect(z).toMatchObject({
      code: '513431',
      name: '昭觉县',
      level: 'county',
      validTo: null,
      codeHistory: [],
    });
    expect(z.ancestors.map((a: { name: string }) => a.name)).toEqual([
      '中华人民共和国',
      '四川省',
      '凉山彝族自治州',
    ]);
    expect(z.flags.find((f: { flag: string }) => f.flag === 'deep_poverty')).toMatchObject({
      example: true,
      withdrawnAt: null,
      createdByName: null,
    });
    const kinds = z.contacts.map((c: { kind: string; userName: string | null }) => [c.kind, c.userName]);
    expect(kinds).toEqual([
      ['contact_leader', '省对口支援办 张伟'],
      ['liaison', '昭觉县驻点负责人 王强'],
    ]);
    expect(z.contactsVersion).toMatch(/^[0-9a-f]{32}$/);
  });

  it('shows the code history of 会理 from both ends', async () => {
    const old = await detail('513425');
    expect(old.validTo).not.toBeNull();
    expect(old.codeHistory).toEqual([
      expect.objectContaining({ oldCode: '513425', oldName: '会理县', newCode: '513402', newName: '会理市' }),
    ]);
    expect((await detail('513402')).codeHistory).toEqual(old.codeHistory);
  });

  it('answers 404 for an unknown code, and is readable by a county liaison', async () => {
    const res = await t.request({ method: 'GET', url: '/api/regions/519999', cookie: office });
    expect(res.statusCode).toBe(404);
    expect((await detail('513431', await t.loginAs('county_liaison'))).name).toBe('昭觉县');
  });
});

describe('county flags: add and withdraw, history kept', () => {
  it('adds a flag, refuses an overlapping one, withdraws with a reason and keeps it listed', async () => {
    const added = await addFlag('513431', {
      flag: 'provincial_poverty',
      validFrom: '2016-01-01',
      validTo: '2019-12-31',
      source: '川府函〔2016〕示例',
    });
    expect(added.statusCode, added.body).toBe(201);
    const flag = added.json();
    expect(flag).toMatchObject({
      flag: 'provincial_poverty',
      example: false,
      createdByName: '省对口支援办 张伟',
      withdrawnAt: null,
    });

    const overlapping = await addFlag('513431', { flag: 'provincial_poverty', validFrom: '2019-06-01' });
    expect(overlapping.statusCode).toBe(409);
    expect(overlapping.json().error.message).toBe(
      '与已有的“省级贫困县”（2016-01-01 至 2019-12-31）有效期重叠；如原记录有误，请先撤回',
    );

    const done = await withdraw('513431', flag.id, '录入错误：昭觉县为国家级贫困县');
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      id: flag.id,
      withdrawnAt: expect.stringMatching(/^2026-03-02T01:/),
      withdrawnReason: '录入错误：昭觉县为国家级贫困县',
    });
    expect(done.json().withdrawnByName).toContain('张伟');

    // History: the withdrawn flag stays in the detail, and leaves the list's tags.
    const z = await detail('513431');
    expect(z.flags.find((f: { id: string }) => f.id === flag.id)).toMatchObject({
      withdrawnReason: '录入错误：昭觉县为国家级贫困县',
    });
    const list = (
      await t.request({ method: 'GET', url: '/api/regions?parentCode=513400&pageSize=100', cookie: office })
    ).json();
    const row = list.items.find((r: { code: string }) => r.code === '513431');
    expect(row.flags.map((f: { id: string }) => f.id)).not.toContain(flag.id);

    // Once withdrawn, the period is free again (with another start date: the key is flag + start).
    expect(
      (await addFlag('513431', { flag: 'provincial_poverty', validFrom: '2019-06-01' })).statusCode,
    ).toBe(201);
    const again = await addFlag('513431', {
      flag: 'provincial_poverty',
      validFrom: '2016-01-01',
      validTo: '2016-12-31',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('（已撤回）');

    expect((await withdraw('513431', flag.id, '再次撤回')).statusCode).toBe(409);

    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.objectType, 'county_flag'), eq(auditEvents.objectId, flag.id)));
    expect(events.map((e) => e.action)).toEqual(['org.flag.add', 'org.flag.withdraw']);
    const [stored] = await t.database.db.select().from(countyFlags).where(eq(countyFlags.id, flag.id));
    expect(stored!.withdrawnAt).not.toBeNull();
  });

  it.each([
    [
      'an end before the start',
      { flag: 'ethnic', validFrom: '2020-01-01', validTo: '2019-01-01' },
      /结束日期不能早于开始日期/,
    ],
    ['an unknown flag', { flag: 'rich', validFrom: '2020-01-01' }, /提交的数据有误/],
    ['a malformed date', { flag: 'ethnic', validFrom: '2020-13-01' }, /提交的数据有误/],
    [
      'a mass-assigned example mark',
      { flag: 'ethnic', validFrom: '2030-01-01', example: true },
      /提交的数据有误/,
    ],
    [
      'a mass-assigned creator',
      { flag: 'ethnic', validFrom: '2030-01-01', createdBy: null },
      /提交的数据有误/,
    ],
  ])('refuses %s (400)', async (_, body, message) => {
    const res = await addFlag('513431', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(message);
  });

  it('sets flags on counties only, and refuses a withdrawal without a reason', async () => {
    const pref = await addFlag('513400', { flag: 'ethnic', validFrom: '2030-01-01' });
    expect(pref.statusCode).toBe(400);
    expect(pref.json().error.code).toBe('NOT_A_COUNTY');
    const retired = await addFlag('513425', { flag: 'ethnic', validFrom: '2030-01-01' });
    expect(retired.json().error.code).toBe('REGION_RETIRED');
    const z = await detail('513431');
    const ethnic = z.flags.find((f: { flag: string }) => f.flag === 'ethnic');
    const res = await withdraw('513431', ethnic.id, ' ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('请填写撤回原因');
    // The flag must belong to the county in the path.
    expect((await withdraw('513429', ethnic.id, '不属于布拖')).statusCode).toBe(404);
  });

  it('is for the province office only (403)', async () => {
    const cookie = await t.loginAs('county_liaison');
    expect((await addFlag('513431', { flag: 'ethnic', validFrom: '2030-01-01' }, cookie)).statusCode).toBe(
      403,
    );
  });
});

describe('county contacts', () => {
  const put = (code: string, body: unknown) =>
    t.request({
      method: 'PUT',
      url: `/api/regions/${code}/contacts`,
      cookie: office,
      payload: body as object,
    });

  it('replaces the list under its version, and refuses a stale version (409)', async () => {
    const before = await detail('513431');
    const [liaison] = await t.database.db.select().from(users).where(eq(users.role, 'county_liaison'));
    const contacts = [
      {
        kind: 'contact_leader',
        name: '张伟',
        title: '省对口支援管理办公室',
        validFrom: '2018-03-01',
        validTo: '2025-12-31',
      },
      { kind: 'contact_leader', name: '刘建国', title: '省卫生健康委员会副主任', validFrom: '2026-01-01' },
      { kind: 'liaison', name: '王强', title: '监督执法总队', userId: liaison!.id, validFrom: '2018-03-01' },
    ];
    const res = await put('513431', { contacts, version: before.contactsVersion });
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res.json().items.map((c: { name: string; validTo: string | null }) => [c.name, c.validTo]),
    ).toEqual([
      ['张伟', '2025-12-31'],
      ['刘建国', null],
      ['王强', null],
    ]);
    const stale = await put('513431', { contacts: [], version: before.contactsVersion });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.message).toBe('该县的联系人已被他人修改，请刷新后重试');
    expect((await detail('513431')).contacts).toHaveLength(3);

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'org.contacts.update'), eq(auditEvents.objectId, '513431')));
    expect(event!.details).toMatchObject({ regionName: '昭觉县' });
  });

  it('refuses an account of the wrong role for the kind of contact', async () => {
    const before = await detail('513436');
    const [liaison] = await t.database.db.select().from(users).where(eq(users.role, 'county_liaison'));
    const res = await put('513436', {
      contacts: [{ kind: 'contact_leader', name: '王强', userId: liaison!.id, validFrom: '2026-01-01' }],
      version: before.contactsVersion,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('第1行：定点联系领导应为省对口支援管理办公室的账号');
  });

  it('offers liaison accounts as liaison candidates', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/org/contact-candidates?kind=liaison',
      cookie: office,
    });
    expect(res.json().items.map((u: { username: string }) => u.username)).toEqual(['zhaojue_liaison']);
  });
});

describe("editing is limited to the editor's region scope", () => {
  /** A province-office user whose scope is 甘孜 only, calling the service directly (the matrix skips admins with MFA). */
  function garzeEditor(): Ctx {
    const user: SessionUser = {
      id: '0190f0e0-0000-7000-8000-0000000000aa',
      username: 'garze_office',
      displayName: '甘孜编辑',
      role: 'province_office',
      institutionId: null,
      institutionName: null,
      scope: [
        {
          kind: 'region',
          regionCode: '513300',
          regionPath: '/000000/510000/513300/',
          institutionId: null,
          name: '甘孜',
        },
      ],
      sessionId: 'x',
      passwordExpired: false,
      mfaEnrolled: true,
    };
    return {
      db: t.database.db,
      database: t.database,
      config: t.config,
      clock: t.clock,
      keys: deriveKeys(staticKeyProvider(t.config.encryptionKey!)),
      user,
      ip: '127.0.0.1',
      userAgent: null,
      log: t.app.log,
    };
  }

  it('refuses flags and institutions outside the scope, allows them inside', async () => {
    const ctx = garzeEditor();
    await expect(
      service.addCountyFlag(ctx, '513431', {
        flag: 'ethnic',
        validFrom: '2031-01-01',
        validTo: null,
        source: null,
      }),
    ).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      service.addCountyFlag(ctx, '513332', {
        flag: 'provincial_poverty',
        validFrom: '2031-01-01',
        validTo: null,
        source: null,
      }),
    ).resolves.toMatchObject({ flag: 'provincial_poverty' });
    const body = {
      name: '甘孜范围测试',
      creditCode: null,
      category: 'medical' as const,
      tier: 'township' as const,
      grade: 'none' as const,
      role: 'recipient' as const,
      address: null,
      departments: [],
      geofences: [],
    };
    await expect(service.createInstitution(ctx, { ...body, regionCode: '513431' })).rejects.toMatchObject({
      statusCode: 403,
    });
    const inside = await service.createInstitution(ctx, { ...body, regionCode: '513332' });
    expect(inside.regionName).toBe('石渠县');
    // An institution outside the scope is not found, and cannot be updated into it either.
    const [zhaojue] = (
      await service.listInstitutions(
        {
          ...ctx,
          user: {
            ...ctx.user!,
            scope: [{ kind: 'all', regionCode: null, regionPath: null, institutionId: null, name: '全部' }],
          },
        },
        { q: '昭觉县人民医院', page: 1, pageSize: 1 },
      )
    ).items;
    await expect(service.getInstitution(ctx, zhaojue!.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(
      service.updateInstitution(ctx, zhaojue!.id, {
        ...body,
        name: '昭觉县人民医院',
        regionCode: '513332',
        version: 1,
      }),
    ).rejects.toMatchObject({ statusCode: 404 });
  });
});
