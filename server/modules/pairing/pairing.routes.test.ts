import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import { auditEvents, institutions, pairings, programmes, regions, userScopes, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
});

const idOf = async (name: string) => {
  const [row] = await t.database.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, name));
  if (!row) throw new Error(`no institution ${name}`);
  return row.id;
};
const programmeId = async (code: string) =>
  (await t.database.db.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, code)))[0]!
    .id;

const list = (cookie: string, query = '') =>
  t.request({ method: 'GET', url: `/api/pairings?pageSize=1000${query}`, cookie });
const create = (body: Record<string, unknown>, cookie = office) =>
  t.request({ method: 'POST', url: '/api/pairings', cookie, payload: body });
const update = (id: string, body: Record<string, unknown>, cookie = office) =>
  t.request({ method: 'PUT', url: `/api/pairings/${id}`, cookie, payload: body });
const end = (id: string, body: Record<string, unknown>, cookie = office) =>
  t.request({ method: 'POST', url: `/api/pairings/${id}/end`, cookie, payload: body });
const history = (id: string, cookie = office) =>
  t.request({ method: 'GET', url: `/api/pairings/${id}/history`, cookie });

/** A programme of this file's own, so the demo's pairings do not move the numbers. */
async function newProgramme(code: string, pack: unknown, periodStart: string, periodEnd: string | null) {
  const res = await t.request({
    method: 'POST',
    url: '/api/programmes',
    cookie: office,
    payload: { code, name: `测试项目${code}`, periodStart, periodEnd, pack },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** Pairings whose supporting or recipient institution lies under a region path: the expected count of a scope. */
async function countUnder(path: string): Promise<number> {
  const s = alias(institutions, 's');
  const r = alias(institutions, 'r');
  const sr = alias(regions, 'sr');
  const rr = alias(regions, 'rr');
  const [row] = await t.database.db
    .select({ n: sql<number>`count(*)::int` })
    .from(pairings)
    .innerJoin(s, eq(s.id, pairings.supportingInstitutionId))
    .innerJoin(r, eq(r.id, pairings.recipientInstitutionId))
    .innerJoin(sr, eq(sr.code, s.regionCode))
    .innerJoin(rr, eq(rr.code, r.regionCode))
    .where(or(like(sr.path, `${path}%`), like(rr.path, `${path}%`)));
  return row!.n;
}

describe('GET /api/pairings: two-sided scope in the query (S07)', () => {
  it('shows the province office every pairing', async () => {
    const [all] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(pairings);
    const body = (await list(office)).json();
    expect(all!.n).toBeGreaterThan(80);
    expect(body.total).toBe(all!.n);
    expect(body.items).toHaveLength(all!.n);
  });

  it('shows a prefecture authority the pairings with either side in its prefecture', async () => {
    const cookie = await t.loginAs('prefecture_authority');
    const body = (await list(cookie)).json();
    expect(body.total).toBe(await countUnder('/000000/510000/513400/'));
    for (const p of body.items) {
      const sides = [p.supporting.regionCode, p.recipient.regionCode];
      expect(sides.some((c: string) => c.startsWith('5134'))).toBe(true);
    }
  });

  it('shows a supporting institution its own pairings, wherever the recipient is (counterpart side)', async () => {
    const cookie = await t.loginAs('supporting_admin');
    const spph = await idOf('四川省人民医院');
    const body = (await list(cookie)).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((p: { supporting: { id: string } }) => p.supporting.id === spph)).toBe(true);
    expect(body.items.map((p: { recipient: { name: string } }) => p.recipient.name)).toContain(
      '康定市人民医院',
    );
  });

  it('shows a recipient institution the pairings that support it', async () => {
    const cookie = await t.loginAs('recipient_admin');
    const body = (await list(cookie)).json();
    const names = new Set(body.items.map((p: { recipient: { name: string } }) => p.recipient.name));
    expect([...names]).toEqual(['昭觉县人民医院']);
    expect(body.items.map((p: { supporting: { name: string } }) => p.supporting.name)).toEqual(
      expect.arrayContaining(['四川省人民医院', '四川大学华西医院', '四川大学华西口腔医院']),
    );
  });

  it('answers 404 for a pairing outside the scope, without telling whether it exists', async () => {
    const [kangding] = (await list(office, '&q=康定市人民医院')).json().items;
    const cookie = await t.loginAs('recipient_admin');
    const res = await t.request({ method: 'GET', url: `/api/pairings/${kangding.id}`, cookie });
    expect(res.statusCode).toBe(404);
    expect((await history(kangding.id, cookie)).statusCode).toBe(404);
  });

  it('filters by programme, region (either side), supporter category, mode, status, exception and name', async () => {
    const cbd = await programmeId('sichuan-cbd-2018');
    const team = await programmeId('sichuan-team-2022');
    const byProgramme = (await list(office, `&programmeId=${team}`)).json();
    expect(byProgramme.total).toBe(10); // 8 of 2022—2024 and 2 of the round from 2025
    expect((await list(office, `&programmeId=${cbd}`)).json().total).toBeGreaterThan(80);

    const garze = (await list(office, '&region=513300')).json();
    expect(garze.total).toBe(await countUnder('/000000/510000/513300/'));

    const tcm = (await list(office, '&category=tcm')).json();
    expect(tcm.total).toBeGreaterThan(5);
    expect(
      tcm.items.every((p: { supporting: { category: string } }) => p.supporting.category === 'tcm'),
    ).toBe(true);

    const hd = (await list(office, '&mode=hospital_department')).json();
    expect(hd.items.map((p: { departments: string[] }) => p.departments)).toEqual(
      expect.arrayContaining([['口腔科'], ['肿瘤科', '病理科']]),
    );

    // The demo's exceptions: three still under approval (one returned), one approved.
    const pending = (await list(office, '&exceptionStatus=pending')).json();
    expect(pending.total).toBe(3);
    const zheyi = pending.items.find(
      (p: { supporting: { name: string } }) => p.supporting.name === '浙江大学医学院附属第一医院',
    );
    expect(zheyi).toMatchObject({ recipient: { name: '凉山彝族自治州第一人民医院' }, deviations: ['P02'] });
    expect(zheyi.exceptionReason).toContain('东西部扶贫协作');
    const approved = (await list(office, '&exceptionStatus=approved')).json();
    expect(approved.items.map((p: { recipient: { name: string } }) => p.recipient.name)).toEqual([
      '凉山彝族自治州妇幼保健计划生育服务中心',
    ]);

    expect((await list(office, '&status=ended')).json().total).toBe(0);
    const q = (await list(office, '&q=华西口腔')).json();
    expect(q.total).toBe(1);
  });

  it('pages: items of a page plus the total of all pages', async () => {
    const all = (await list(office)).json();
    const page2 = (
      await t.request({ method: 'GET', url: '/api/pairings?page=2&pageSize=10', cookie: office })
    ).json();
    expect(page2.total).toBe(all.total);
    expect(page2.items.map((i: { id: string }) => i.id)).toEqual(
      all.items.slice(10, 20).map((i: { id: string }) => i.id),
    );
  });
});

describe('creating pairings: P01 blocks, P02 needs an exception with a reason', () => {
  let cbd: string;
  const base = async (supporter: string, recipient: string, extra: Record<string, unknown> = {}) => ({
    programmeId: cbd,
    supportingInstitutionId: await idOf(supporter),
    recipientInstitutionId: await idOf(recipient),
    mode: 'one_to_one',
    periodStart: '2018-01-01',
    periodEnd: '2020-12-31',
    ...extra,
  });

  beforeAll(async () => {
    cbd = await newProgramme('test-create', SICHUAN_2017_172, '2018-01-01', '2020-12-31');
    await t.database.db.insert(institutions).values({
      name: '成都市武侯区人民医院（测试）',
      category: 'medical',
      tier: 'county',
      role: 'recipient',
      regionCode: '510107',
    });
  });

  it('creates a one-to-one pairing, with its history and audit event', async () => {
    const res = await create(await base('四川省人民医院', '凉山彝族自治州第一人民医院'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      mode: 'one_to_one',
      status: 'active',
      exceptionStatus: 'none',
      deviations: [],
      supporting: { name: '四川省人民医院', category: 'medical', tier: 'province' },
      recipient: { name: '凉山彝族自治州第一人民医院', regionName: '凉山彝族自治州' },
      version: 1,
    });
    const h = (await history(res.json().id)).json();
    expect(h.items).toHaveLength(1);
    expect(h.items[0]).toMatchObject({ kind: 'create', policyVersion: 1, violations: [] });
    expect(h.items[0].diff.supportingInstitution).toEqual({ from: null, to: '四川省人民医院' });
    const events = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'pairing.create'), eq(auditEvents.objectId, res.json().id)));
    expect(events).toHaveLength(1);
  });

  it('stops a second one-to-one medical supporter of a non-deep-poverty recipient with 422 and the P02 reason in Chinese', async () => {
    const res = await create(await base('四川大学华西医院', '凉山彝族自治州第一人民医院'));
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('NEEDS_EXCEPTION');
    expect(error.details.violations).toHaveLength(1);
    expect(error.details.violations[0]).toMatchObject({
      rule: 'P02',
      level: 'in_principle',
      inputs: { limit: 1, count: 2 },
    });
    expect(error.details.violations[0].message).toBe(
      '受援机构凉山彝族自治州第一人民医院原则上最多由 1 家医疗类机构一对一帮扶，现已有 1 家（四川省人民医院），再增加四川大学华西医院将达到 2 家',
    );
    expect(error.message).toContain('保存为例外');
    expect((await list(office, `&programmeId=${cbd}`)).json().total).toBe(1);
  });

  it('saves it as an exception pending approval when a reason is given', async () => {
    const res = await create(
      await base('四川大学华西医院', '凉山彝族自治州第一人民医院', {
        exceptionReason: '州医院创建三甲，经省办同意增加支援医院',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      exceptionStatus: 'pending',
      exceptionReason: '州医院创建三甲，经省办同意增加支援医院',
      deviations: ['P02'],
    });
    const h = (await history(res.json().id)).json();
    expect(h.items[0].violations.map((v: { rule: string }) => v.rule)).toEqual(['P02']);
    expect(h.items[0].reason).toBe('州医院创建三甲，经省办同意增加支援医院');
  });

  it('allows two one-to-one medical supporters in a deep-poverty county, not three; a team adds', async () => {
    expect((await create(await base('四川省人民医院', '布拖县人民医院'))).statusCode).toBe(201);
    expect((await create(await base('成都市第一人民医院', '布拖县人民医院'))).statusCode).toBe(201);
    const third = await create(await base('成都市第二人民医院', '布拖县人民医院'));
    expect(third.statusCode).toBe(422);
    expect(third.json().error.details.violations[0].message).toContain(
      '深度贫困县的受援机构布拖县人民医院原则上最多由 2 家',
    );
    expect(
      (await create(await base('四川大学华西医院', '布拖县人民医院', { mode: 'team' }))).statusCode,
    ).toBe(201);
    // another category is counted on its own
    expect((await create(await base('四川省妇幼保健院', '布拖县人民医院'))).statusCode).toBe(201);
  });

  it('blocks a recipient outside the programme scope (P01, mandatory) even with a reason', async () => {
    const res = await create(
      await base('四川省人民医院', '成都市武侯区人民医院（测试）', { exceptionReason: '试图以例外保存' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('RULE_VIOLATION');
    expect(res.json().error.details.violations[0]).toMatchObject({ rule: 'P01', level: 'mandatory' });
    expect(res.json().error.message).toContain('成都市武侯区人民医院（测试）不在本项目实施范围内');
  });

  it('refuses a period outside the programme, a duplicate, the same institution twice, wrong roles', async () => {
    const outside = await create(await base('四川省人民医院', '昭觉县人民医院', { periodEnd: '2021-06-30' }));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe('OUTSIDE_PROGRAMME');
    const dup = await create(await base('四川省人民医院', '布拖县人民医院'));
    expect(dup.statusCode).toBe(409);
    const same = await create(await base('昭觉县人民医院', '昭觉县人民医院'));
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toContain('不能是同一机构');
    const wrong = await create(await base('昭觉县人民医院', '布拖县人民医院'));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('NOT_A_SUPPORTER');
  });

  it('requires the departments of a 以院包科 pairing, in Chinese', async () => {
    const res = await create(
      await base('四川大学华西口腔医院', '美姑县人民医院', { mode: 'hospital_department' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('以院包科须列明所包科室');
    const ok = await create(
      await base('四川大学华西口腔医院', '美姑县人民医院', {
        mode: 'hospital_department',
        departments: ['口腔科'],
      }),
    );
    expect(ok.statusCode).toBe(201);
    expect(ok.json().departments).toEqual(['口腔科']);
  });

  it('accepts no status, exception status or version from the body (S08)', async () => {
    for (const extra of [{ status: 'ended' }, { exceptionStatus: 'approved' }, { version: 3 }]) {
      const res = await create(await base('成都市第三人民医院', '喜德县人民医院', extra));
      expect(res.statusCode).toBe(400);
    }
  });

  it('refuses roles without pairing.manage (403)', async () => {
    const res = await create(
      await base('成都市第三人民医院', '喜德县人民医院'),
      await t.loginAs('prefecture_authority'),
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('P01 judged on the pairing start: a flag valid that day or expired the day before', () => {
  let open: string;
  beforeAll(async () => {
    const pack = structuredClone(SICHUAN_2017_172);
    pack.rules.P01.params.periodEnd = null;
    open = await newProgramme('test-open-flags', pack, '2018-01-01', null);
  });

  const body = async (periodStart: string) => ({
    programmeId: open,
    supportingInstitutionId: await idOf('四川省人民医院'),
    recipientInstitutionId: await idOf('越西县人民医院'),
    mode: 'one_to_one',
    periodStart,
    periodEnd: null,
  });

  it('refuses a start the day after the deep-poverty and national flags expired', async () => {
    const res = await create(await body('2021-01-01'));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.violations[0].inputs).toMatchObject({ on: '2021-01-01' });
  });

  it('accepts a start on the last day the flags are valid', async () => {
    expect((await create(await body('2020-12-31'))).statusCode).toBe(201);
  });
});

describe('changing and ending a pairing', () => {
  let programme: string;
  let pairing: { id: string; version: number };
  const reason = '原支援医院承担援外任务，经协商调整';

  beforeAll(async () => {
    // A programme running today (the test clock is 2026-03-02), so changes fall inside the period.
    const pack = structuredClone(SICHUAN_2017_172);
    pack.rules.P01.params.periodEnd = null;
    pack.rules.P01.params.recipientFlags = ['key_revitalisation', 'lifted_poverty'];
    programme = await newProgramme('test-change', pack, '2025-01-01', null);
    const res = await create({
      programmeId: programme,
      supportingInstitutionId: await idOf('四川省人民医院'),
      recipientInstitutionId: await idOf('金阳县人民医院'),
      mode: 'one_to_one',
      periodStart: '2025-01-01',
      periodEnd: '2027-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    pairing = res.json();
  });

  const state = async (extra: Record<string, unknown> = {}) => ({
    supportingInstitutionId: await idOf('四川省人民医院'),
    recipientInstitutionId: await idOf('金阳县人民医院'),
    mode: 'one_to_one',
    periodStart: '2025-01-01',
    periodEnd: '2027-12-31',
    reason,
    version: pairing.version,
    ...extra,
  });

  it('requires a reason for a change (400)', async () => {
    const { reason: _, ...noReason } = await state({ periodEnd: '2026-12-31' });
    const res = await update(pairing.id, noReason);
    expect(res.statusCode).toBe(400);
  });

  it('needs an exception to change the supporter inside the period (P02 fixed for the period)', async () => {
    const change = await state({ supportingInstitutionId: await idOf('成都市第一人民医院') });
    const res = await update(pairing.id, change);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.violations[0].message).toContain(
      '支援机构由四川省人民医院改为成都市第一人民医院',
    );
    const saved = await update(pairing.id, { ...change, exceptionReason: '原支援医院承担援外任务' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      supporting: { name: '成都市第一人民医院' },
      exceptionStatus: 'pending',
      deviations: ['P02'],
      version: 2,
    });
    pairing = saved.json();
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const res = await update(pairing.id, await state({ version: 1, periodEnd: '2026-12-31' }));
    expect(res.statusCode).toBe(409);
    expect(
      (await t.request({ method: 'GET', url: `/api/pairings/${pairing.id}`, cookie: office })).json().version,
    ).toBe(2);
  });

  it('keeps the exception on record through a later change of dates, and records the diff with its reason', async () => {
    const res = await update(
      pairing.id,
      await state({
        supportingInstitutionId: await idOf('成都市第一人民医院'),
        periodEnd: '2026-12-31',
        reason: '缩短期限',
      }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ periodEnd: '2026-12-31', exceptionStatus: 'pending', version: 3 });
    pairing = res.json();
    const h = (await history(pairing.id)).json();
    expect(h.items.map((c: { kind: string }) => c.kind)).toEqual(['update', 'update', 'create']);
    expect(h.items[0]).toMatchObject({
      reason: '缩短期限',
      diff: { periodEnd: { from: '2027-12-31', to: '2026-12-31' } },
    });
    expect(h.items[1].diff.supportingInstitution).toEqual({
      from: '四川省人民医院',
      to: '成都市第一人民医院',
    });
    expect(h.items[1].reason).toBe(reason);
  });

  it('refuses a change that changes nothing', async () => {
    const res = await update(
      pairing.id,
      await state({ supportingInstitutionId: await idOf('成都市第一人民医院'), periodEnd: '2026-12-31' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NO_CHANGE');
  });

  it('takes a partial change and checks the merged state', async () => {
    const res = await update(pairing.id, {
      mode: 'hospital_department',
      reason: '改为以院包科',
      version: pairing.version,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('以院包科须列明所包科室');
    const ok = await update(pairing.id, {
      mode: 'hospital_department',
      departments: ['心血管内科'],
      reason: '改为以院包科',
      version: pairing.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      mode: 'hospital_department',
      departments: ['心血管内科'],
      periodEnd: '2026-12-31',
    });
    pairing = ok.json();
  });

  it('ends a pairing with a date and a reason; a stale or repeated end is refused', async () => {
    expect((await end(pairing.id, { endDate: '2026-03-31', reason: '测试', version: 1 })).statusCode).toBe(
      409,
    );
    const early = await end(pairing.id, { endDate: '2024-12-31', reason: '测试', version: pairing.version });
    expect(early.statusCode).toBe(400);
    const res = await end(pairing.id, {
      endDate: '2026-03-31',
      reason: '受援医院已达标',
      version: pairing.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ended', periodEnd: '2026-03-31', version: 5 });
    expect((await end(pairing.id, { endDate: '2026-03-31', reason: '再次', version: 5 })).statusCode).toBe(
      409,
    );
    expect((await update(pairing.id, await state({ version: 5 }))).statusCode).toBe(409);
    const h = (await history(pairing.id)).json();
    expect(h.items[0]).toMatchObject({
      kind: 'end',
      reason: '受援医院已达标',
      diff: { status: { from: 'active', to: 'ended' }, periodEnd: { from: '2026-12-31', to: '2026-03-31' } },
    });
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.objectId, pairing.id),
          inArray(auditEvents.action, ['pairing.update', 'pairing.end']),
        ),
      );
    expect(events.map((e) => e.action).sort()).toEqual([
      'pairing.end',
      'pairing.update',
      'pairing.update',
      'pairing.update',
    ]);
  });
});

describe('writes stay inside the writer scope', () => {
  it('answers 404 for a change outside the scope and 403 for a pairing between institutions outside it', async () => {
    // The signed-in office account (the demo has two province-office accounts).
    const [me] = await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'province'));
    const [kangding] = (await list(office, '&q=康定市人民医院')).json().items;
    // A contact leader's scope: one prefecture (S10: read on the next request).
    await t.database.db.delete(userScopes).where(eq(userScopes.userId, me!.id));
    await t.database.db.insert(userScopes).values({ userId: me!.id, kind: 'region', regionCode: '513400' });
    try {
      const res = await end(kangding.id, {
        endDate: '2020-06-30',
        reason: '越权',
        version: kangding.version,
      });
      expect(res.statusCode).toBe(404);
      const outside = await create({
        programmeId: await programmeId('sichuan-cbd-2018'),
        supportingInstitutionId: await idOf('甘孜藏族自治州人民医院'),
        recipientInstitutionId: await idOf('稻城县人民医院'),
        mode: 'one_to_one',
        periodStart: '2018-01-01',
        periodEnd: '2020-12-31',
      });
      expect(outside.statusCode).toBe(403);
    } finally {
      await t.database.db.delete(userScopes).where(eq(userScopes.userId, me!.id));
      await t.database.db.insert(userScopes).values({ userId: me!.id, kind: 'all' });
    }
    expect((await list(office, '&q=稻城县人民医院')).json().total).toBe(0);
  });
});

describe('GET /api/pairings/overview', () => {
  type Overview = {
    on: string;
    prefectures: {
      code: string;
      name: string;
      recipients: number;
      covered: number;
      coveredByCategory: Record<string, number>;
      recipientList: { name: string; deepPoverty: boolean; supporters: { name: string; mode: string }[] }[];
    }[];
    totals: { recipients: number; covered: number };
  };
  const overview = async (cookie: string, query = '') =>
    (await t.request({ method: 'GET', url: `/api/pairings/overview${query}`, cookie })).json() as Overview;

  it('counts per prefecture the recipients of poverty counties, the covered ones per category, and who supports them', async () => {
    const cbd = await programmeId('sichuan-cbd-2018');
    const body = await overview(office, `?prefecture=513300&programmeId=${cbd}`);
    expect(body.prefectures.map((p) => p.code)).toEqual(['513300']);
    const [garze] = body.prefectures;
    expect(garze!.name).toBe('甘孜藏族自治州');
    const uncovered = garze!.recipientList.filter((r) => !r.supporters.length).map((r) => r.name);
    expect(uncovered).toEqual(expect.arrayContaining(['稻城县人民医院', '得荣县人民医院']));
    expect(garze!.covered).toBe(garze!.recipients - uncovered.length);
    expect(garze!.coveredByCategory.medical).toBeGreaterThan(10);
    const dege = garze!.recipientList.find((r) => r.name === '德格县人民医院')!;
    expect(dege.deepPoverty).toBe(true);
    expect(dege.supporters.map((s) => `${s.name}/${s.mode}`).sort()).toEqual(
      ['四川大学华西医院/team', '甘孜藏族自治州人民医院/one_to_one'].sort(),
    );
  });

  it('judges one day: today by default, a finished programme at its last day', async () => {
    const cbd = await programmeId('sichuan-cbd-2018');
    const atEnd = await overview(office, `?programmeId=${cbd}`);
    expect(atEnd.on).toBe('2020-12-31');
    const now = await overview(office, `?programmeId=${cbd}&on=2026-03-02`);
    expect(now.on).toBe('2026-03-02');
    expect(now.totals.covered).toBeLessThan(atEnd.totals.covered);
    const beforeStart = await overview(office, `?programmeId=${cbd}&on=2017-12-31`);
    expect(beforeStart.totals.covered).toBe(0);
    expect((await overview(office)).on).toBe('2026-03-02');
  });

  it("counts as recipients what the programme's pack (P01) names", async () => {
    const pack = structuredClone(SICHUAN_2017_172);
    pack.rules.P01.params.recipientFlags = ['key_revitalisation'];
    const id = await newProgramme('overview-p01', pack, '2025-01-01', null);
    const narrow = await overview(office, `?programmeId=${id}`);
    const keyCounties = await t.database.db
      .select({ code: regions.code })
      .from(regions)
      .where(
        sql`${regions.code} in (select region_code from county_flags where flag = 'key_revitalisation')`,
      );
    const codes = new Set(keyCounties.map((r) => r.code));
    expect(codes.size).toBeGreaterThan(0);
    const listed = narrow.prefectures.flatMap((p) => p.recipientList);
    expect(listed.length).toBeGreaterThan(0);
    const recipientRegions = await t.database.db
      .select({ name: institutions.name, regionCode: institutions.regionCode })
      .from(institutions)
      .where(
        inArray(
          institutions.name,
          listed.map((r) => r.name),
        ),
      );
    for (const r of recipientRegions) expect(codes.has(r.regionCode), r.name).toBe(true);
    const broad = await overview(office, `?on=${narrow.on}`);
    expect(broad.totals.recipients).toBeGreaterThan(narrow.totals.recipients);
  });

  it('shows the demo covering most recipients of the deep-poverty counties', async () => {
    const body = await overview(office, `?programmeId=${await programmeId('sichuan-cbd-2018')}`);
    expect(body.totals.recipients).toBeGreaterThan(80);
    expect(body.totals.covered / body.totals.recipients).toBeGreaterThan(0.8);
    expect(body.totals.covered).toBeLessThan(body.totals.recipients);
  });

  it('lists every prefecture with recipients for "all", and refuses an unknown code', async () => {
    const body = await overview(office);
    expect(body.prefectures.map((p) => p.code)).toEqual(
      expect.arrayContaining(['511100', '513200', '513300', '513400']),
    );
    expect(body.totals.recipients).toBe(body.prefectures.reduce((n, p) => n + p.recipients, 0));
    const res = await t.request({
      method: 'GET',
      url: '/api/pairings/overview?prefecture=519999',
      cookie: office,
    });
    expect(res.statusCode).toBe(400);
  });

  it('shows a recipient institution only itself and its supporters', async () => {
    const body = await overview(await t.loginAs('recipient_admin'));
    expect(body.prefectures.flatMap((p) => p.recipientList.map((r) => r.name))).toEqual(['昭觉县人民医院']);
  });
});

describe('P02 exceptions are decided through the approval workflow', () => {
  let programme: string;
  let lead: string;
  const LIANGSHAN_FIRST = '凉山彝族自治州第一人民医院';

  beforeAll(async () => {
    programme = await newProgramme('test-exception-flow', SICHUAN_2017_172, '2018-01-01', '2020-12-31');
    lead = await t.loginUser('province_lead');
    const first = await create({
      programmeId: programme,
      supportingInstitutionId: await idOf('四川省人民医院'),
      recipientInstitutionId: await idOf(LIANGSHAN_FIRST),
      mode: 'one_to_one',
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
    });
    expect(first.statusCode, first.body).toBe(201);
  });

  const saveException = async (supporter: string, recipient: string, reason: string) => {
    const res = await create({
      programmeId: programme,
      supportingInstitutionId: await idOf(supporter),
      recipientInstitutionId: await idOf(recipient),
      mode: 'one_to_one',
      periodStart: '2018-01-01',
      periodEnd: '2020-12-31',
      exceptionReason: reason,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().exceptionStatus).toBe('pending');
    return res.json() as { id: string; version: number };
  };
  type Instance = {
    id: string;
    status: string;
    title: string;
    currentStep: number;
    version: number;
    steps: { label: string; role: string }[];
    payload: { reason: string; violations: { rule: string }[] };
    institution: { name: string };
    counterpart: { name: string };
    history: { action: string; actor: { displayName: string }; comment: string | null }[];
  };
  const passages = async (pairingId: string, cookie = office) =>
    (
      await t.request({
        method: 'GET',
        url: `/api/workflow/instances?docType=pairing_exception&docId=${pairingId}`,
        cookie,
      })
    ).json().items as Instance[];
  const todos = async (cookie: string) =>
    (await t.request({ method: 'GET', url: '/api/todos', cookie })).json().items as {
      id: string;
      kind: string;
      title: string;
      link: string;
    }[];
  const decide = (cookie: string, id: string, action: string, payload: Record<string, unknown>) =>
    t.request({ method: 'POST', url: `/api/workflow/instances/${id}/${action}`, cookie, payload });
  const pairingOf = async (id: string) =>
    (await t.request({ method: 'GET', url: `/api/pairings/${id}`, cookie: office })).json();

  it('journey: the office saves a deviating pairing with a reason, a colleague approves it from the to-do list, and the exception is approved', async () => {
    const reason = '州医院创建胸痛中心，经州卫健委申请增加支援医院';
    const pairing = await saveException('四川大学华西医院', LIANGSHAN_FIRST, reason);
    const [passage] = await passages(pairing.id);
    expect(passage).toMatchObject({
      status: 'pending',
      title: `四川大学华西医院 — ${LIANGSHAN_FIRST} 结对例外（P02）`,
      institution: { name: LIANGSHAN_FIRST },
      counterpart: { name: '四川大学华西医院' },
      payload: { reason },
    });
    expect(passage!.steps.map((s) => s.label)).toEqual(['省对口支援办审批']);
    expect(passage!.payload.violations.map((v) => v.rule)).toEqual(['P02']);

    // S09: the office account that saved it neither sees it as a to-do nor may approve it.
    expect((await todos(office)).map((i) => i.id)).not.toContain(passage!.id);
    expect((await decide(office, passage!.id, 'approve', { version: 1 })).statusCode).toBe(403);

    const todo = (await todos(lead)).find((i) => i.id === passage!.id);
    expect(todo).toMatchObject({ kind: 'approve', link: `/pairings?pairingId=${pairing.id}` });
    const res = await decide(lead, passage!.id, 'approve', { version: 1, comment: '同意增加，注意分工' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('approved');

    const after = await pairingOf(pairing.id);
    expect(after).toMatchObject({ exceptionStatus: 'approved', exceptionReason: reason, version: 2 });
    const h = (await history(pairing.id)).json();
    expect(h.items[0]).toMatchObject({
      kind: 'update',
      actorName: '省对口支援办 处长 陈刚',
      reason: '例外审批通过：同意增加，注意分工',
      diff: { exceptionStatus: { from: 'pending', to: 'approved' } },
    });
    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, pairing.id))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual(['pairing.create', 'pairing.update']);
    expect((await todos(lead)).map((i) => i.id)).not.toContain(passage!.id);
  });

  it('asks the TCM bureau to countersign when a TCM institution is involved', async () => {
    expect(
      (
        await create({
          programmeId: programme,
          supportingInstitutionId: await idOf('四川省中医医院（成都中医药大学附属医院）'),
          recipientInstitutionId: await idOf('甘孜藏族自治州藏医院'),
          mode: 'one_to_one',
          periodStart: '2018-01-01',
          periodEnd: '2020-12-31',
        })
      ).statusCode,
    ).toBe(201);
    const pairing = await saveException(
      '四川省第二中医医院',
      '甘孜藏族自治州藏医院',
      '藏医院创建三甲，增加中医支援',
    );
    const [passage] = await passages(pairing.id);
    expect(passage!.steps.map((s) => s.role)).toEqual(['province_office', 'tcm_bureau']);
    expect((await decide(lead, passage!.id, 'approve', { version: 1 })).statusCode).toBe(200);
    expect((await pairingOf(pairing.id)).exceptionStatus).toBe('pending');
    const tcm = await t.loginAs('tcm_bureau');
    expect((await todos(tcm)).map((i) => i.id)).toContain(passage!.id);
    expect((await decide(tcm, passage!.id, 'approve', { version: 2 })).statusCode).toBe(200);
    expect((await pairingOf(pairing.id)).exceptionStatus).toBe('approved');
  });

  it('a return lets the office resubmit with a new reason; a rejection marks the exception rejected', async () => {
    const pairing = await saveException('成都市第一人民医院', LIANGSHAN_FIRST, '增加急诊支援');
    const [passage] = await passages(pairing.id);
    const returned = await decide(lead, passage!.id, 'return', {
      version: 1,
      comment: '请说明与现有支援医院的分工',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect((await pairingOf(pairing.id)).exceptionStatus).toBe('pending');
    expect((await todos(office)).find((i) => i.id === passage!.id)).toMatchObject({ kind: 'resubmit' });

    const newReason = '成都市第一人民医院负责急诊、重症医学科，与其他支援医院分工明确';
    const again = await decide(office, passage!.id, 'resubmit', { version: 2, comment: newReason });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending', currentStep: 0, payload: { reason: newReason } });
    expect((await pairingOf(pairing.id)).exceptionReason).toBe(newReason);
    expect((await history(pairing.id)).json().items[0].diff.exceptionReason).toEqual({
      from: '增加急诊支援',
      to: newReason,
    });

    const rejected = await decide(lead, passage!.id, 'reject', {
      version: 3,
      comment: '一对一支援医院已足够',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    const after = await pairingOf(pairing.id);
    expect(after.exceptionStatus).toBe('rejected');
    expect((await history(pairing.id)).json().items[0]).toMatchObject({
      reason: '例外审批未通过：一对一支援医院已足够',
      diff: { exceptionStatus: { from: 'pending', to: 'rejected' } },
    });
  });

  it('replaces a pending passage when the pairing is saved with a new reason, and closes it when the pairing ends', async () => {
    const pairing = await saveException('成都市第二人民医院', LIANGSHAN_FIRST, '原理由');
    const [first] = await passages(pairing.id);
    // An exception cannot be withdrawn on its own: it must be decided, or the pairing changed or ended.
    const withdraw = await decide(office, first!.id, 'withdraw', { version: 1 });
    expect(withdraw.statusCode).toBe(400);
    expect(withdraw.json().error.code).toBe('CANNOT_WITHDRAW');

    const changed = await update(pairing.id, {
      exceptionReason: '新的理由',
      reason: '补充例外理由',
      version: 1,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const both = await passages(pairing.id);
    expect(both.map((p) => [p.status, p.payload.reason]).sort()).toEqual(
      [
        ['pending', '新的理由'],
        ['withdrawn', '原理由'],
      ].sort(),
    );
    const open = both.find((p) => p.status === 'pending')!;
    expect((await todos(lead)).map((i) => i.id)).toEqual(expect.arrayContaining([open.id]));
    expect((await todos(lead)).map((i) => i.id)).not.toContain(first!.id);

    const ended = await end(pairing.id, { endDate: '2019-12-31', reason: '调整支援关系', version: 2 });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await passages(pairing.id)).map((p) => p.status)).toEqual(['withdrawn', 'withdrawn']);
    expect((await todos(lead)).map((i) => i.id)).not.toContain(open.id);
  });
});
