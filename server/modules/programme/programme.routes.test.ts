import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import { auditEvents, programmes, users } from '../../db/schema';
import { demoUsername } from '../../seed/demo';
import { type TestApp, testApp } from '../../test/app';
import { packInForce } from './programme.service';

let t: TestApp;
let office: string;
let county: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
  county = await t.loginAs('county_authority');
});

const create = (body: Record<string, unknown>, cookie = office) =>
  t.request({ method: 'POST', url: '/api/programmes', cookie, payload: body });

const publish = (id: string, body: Record<string, unknown>, cookie = office) =>
  t.request({ method: 'POST', url: `/api/programmes/${id}/policy`, cookie, payload: body });

const withParam = (path: [string, string], value: unknown) => {
  const pack = structuredClone(SICHUAN_2017_172) as unknown as {
    rules: Record<string, { params: Record<string, unknown> }>;
  };
  pack.rules[path[0]]!.params[path[1]] = value;
  return pack;
};

describe('programmes: reference data for every programme.read holder', () => {
  it('lists the demo programmes with their newest pack version', async () => {
    const res = await t.request({ method: 'GET', url: '/api/programmes', cookie: county });
    expect(res.statusCode).toBe(200);
    const codes = res.json().items.map((p: { code: string }) => p.code);
    expect(codes).toEqual(expect.arrayContaining(['sichuan-cbd-2018', 'sichuan-team-2022']));
    const cbd = res.json().items.find((p: { code: string }) => p.code === 'sichuan-cbd-2018');
    expect(cbd).toMatchObject({
      name: '四川省城乡医疗卫生对口支援“传帮带”工程',
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
      regionName: '四川省',
      latestPolicyVersion: 1,
    });
  });

  it('refuses roles without programme.read, and writes without programme.manage', async () => {
    const staff = await t.loginAs('support_staff');
    expect((await t.request({ method: 'GET', url: '/api/programmes', cookie: staff })).statusCode).toBe(403);
    const res = await create(
      { code: 'x-1', name: '某项目', periodStart: '2026-01-01', packCode: 'sichuan-2017-172' },
      county,
    );
    expect(res.statusCode).toBe(403);
  });

  it('lists the shipped packs', async () => {
    const res = await t.request({ method: 'GET', url: '/api/policy-packs', cookie: county });
    expect(res.json().items.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining(['sichuan-2017-172', 'shanyang-2024', 'tacheng-2020']),
    );
  });
});

describe('creating a programme and publishing pack versions', () => {
  let id: string;

  it('creates a programme from a shipped pack, version 1 effective from its start, audited', async () => {
    const res = await create({
      code: 'test-cbd',
      name: '测试“传帮带”项目',
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
      packCode: 'sichuan-2017-172',
    });
    expect(res.statusCode).toBe(201);
    id = res.json().id;
    expect(res.json()).toMatchObject({
      code: 'test-cbd',
      regionCode: '510000',
      latestPolicyVersion: 1,
      status: 'active',
    });
    const policy = await t.request({
      method: 'GET',
      url: `/api/programmes/${id}/policy?on=2018-01-01`,
      cookie: county,
    });
    expect(policy.statusCode).toBe(200);
    expect(policy.json()).toMatchObject({
      version: 1,
      effectiveFrom: '2018-01-01',
      pack: { code: 'sichuan-2017-172' },
    });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'programme.create'), eq(auditEvents.objectId, id)));
    expect(events).toHaveLength(1);
  });

  it('refuses a taken code (409) and an unknown pack code (400)', async () => {
    const base = { name: '重复', periodStart: '2018-01-01', packCode: 'sichuan-2017-172' };
    expect((await create({ ...base, code: 'test-cbd' })).statusCode).toBe(409);
    const unknown = await create({ ...base, code: 'test-unknown', packCode: 'nowhere-2000' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toContain('nowhere-2000');
  });

  it('creates a programme from a full pack, and refuses an invalid one with Chinese errors and paths', async () => {
    const ok = await create({
      code: 'test-full',
      name: '完整政策包项目',
      periodStart: '2024-01-01',
      pack: SICHUAN_2017_172,
    });
    expect(ok.statusCode).toBe(201);
    const { P02: _, ...rules } = SICHUAN_2017_172.rules;
    const bad = await create({
      code: 'test-bad',
      name: '缺规则项目',
      periodStart: '2024-01-01',
      pack: { ...SICHUAN_2017_172, rules },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_POLICY_PACK');
    expect(bad.json().error.message).toMatch(/缺少规则 P02/);
    expect(bad.json().error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'rules.P02' })]),
    );
  });

  it('refuses a body with both a pack code and a pack, or neither', async () => {
    const res = await create({ code: 'test-both', name: '两者', periodStart: '2024-01-01' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/二者选一/);
  });

  it('publishes version N+1 from a full pack; version N stays readable and in force before the new date', async () => {
    const res = await publish(id, {
      pack: withParam(['P02', 'maxOneToOnePerCategory'], 2),
      effectiveFrom: '2019-01-01',
      note: '放宽一对一上限（测试）',
      baseVersion: 1,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      version: 2,
      effectiveFrom: '2019-01-01',
      note: '放宽一对一上限（测试）',
    });
    const [office] = await t.database.db
      .select()
      .from(users)
      .where(eq(users.username, demoUsername('province_office')));
    expect(res.json().createdByName).toBe(office!.displayName);

    const get = (q: string) =>
      t.request({ method: 'GET', url: `/api/programmes/${id}/policy?${q}`, cookie: county });
    expect((await get('on=2018-12-31')).json()).toMatchObject({ version: 1 });
    expect((await get('on=2018-12-31')).json().pack.rules.P02.params.maxOneToOnePerCategory).toBe(1);
    expect((await get('on=2019-01-01')).json()).toMatchObject({ version: 2 });
    expect((await get('on=2019-01-01')).json().pack.rules.P02.params.maxOneToOnePerCategory).toBe(2);
    expect((await get('version=1')).json().pack.rules.P02.params.maxOneToOnePerCategory).toBe(1);
    // no date: today in Asia/Shanghai (the test clock says 2026-03-02)
    expect((await get('')).json()).toMatchObject({ version: 2 });
    expect((await get('on=2017-12-31')).statusCode).toBe(404);
    expect((await get('version=9')).statusCode).toBe(404);

    const versions = await t.request({
      method: 'GET',
      url: `/api/programmes/${id}/policy/versions`,
      cookie: county,
    });
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    expect(await packInForce(t.database.db, id, '2018-06-30')).toMatchObject({ version: 1 });
    expect(
      (await packInForce(t.database.db, id, '2020-06-30')).pack.rules.P02.params.maxOneToOnePerCategory,
    ).toBe(2);
  });

  it('refuses a stale base version (409) and a version effective before the newest (400)', async () => {
    const stale = await publish(id, {
      pack: SICHUAN_2017_172,
      effectiveFrom: '2020-01-01',
      note: '过时',
      baseVersion: 1,
    });
    expect(stale.statusCode).toBe(409);
    const early = await publish(id, {
      pack: SICHUAN_2017_172,
      effectiveFrom: '2018-06-01',
      note: '倒签',
      baseVersion: 2,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.message).toContain('不能早于');
  });

  it('refuses an invalid pack with the Chinese message and its path, creating no version', async () => {
    const res = await publish(id, {
      pack: withParam(['P02', 'deepPovertyMaxPerCategory'], 0),
      effectiveFrom: '2020-01-01',
      note: '无效',
      baseVersion: 2,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_POLICY_PACK');
    expect(res.json().error.message).toMatch(/^政策包校验未通过：P02「深度贫困县每类帮扶机构上限」：/);
    expect(res.json().error.message).not.toContain('rules.');
    expect(res.json().error.details[0]).toMatchObject({ path: 'rules.P02.params.deepPovertyMaxPerCategory' });
    const versions = await t.request({
      method: 'GET',
      url: `/api/programmes/${id}/policy/versions`,
      cookie: office,
    });
    expect(versions.json().total).toBe(2);
  });

  it('refuses unknown fields (S21) and publishing by a reader (403)', async () => {
    const extra = await publish(id, {
      pack: SICHUAN_2017_172,
      effectiveFrom: '2020-01-01',
      note: 'x',
      baseVersion: 2,
      version: 7,
    });
    expect(extra.statusCode).toBe(400);
    const reader = await publish(
      id,
      { pack: SICHUAN_2017_172, effectiveFrom: '2020-01-01', note: 'x', baseVersion: 2 },
      county,
    );
    expect(reader.statusCode).toBe(403);
  });

  it('answers 404 for an unknown programme', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/programmes/0190f0e0-0000-7000-8000-000000000000',
      cookie: county,
    });
    expect(res.statusCode).toBe(404);
  });

  it('audits each publication', async () => {
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'programme.policy.publish'), eq(auditEvents.objectId, id)));
    expect(events).toHaveLength(1);
    expect(events[0]!.details).toMatchObject({ version: 2, changed: ['P02'] });
    const [row] = await t.database.db.select().from(programmes).where(eq(programmes.id, id));
    expect(row).toBeDefined();
  });
});
