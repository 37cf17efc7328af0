import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DispatchDto } from '../../../shared/contracts/dispatch';
import type { WorkflowInstanceDto } from '../../../shared/contracts/workflow';
import { auditEvents, institutions, pairings, programmes, staff, userScopes, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';

let t: TestApp;
let office: string;
let lead: string;
let spph: string;
let zhaojueHosp: string;
let pairingId: string;

const SPPH = '四川省人民医院';
const ZHAOJUE = '昭觉县人民医院';

const institutionId = async (name: string) =>
  (
    await t.database.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name))
  )[0]!.id;
const staffId = async (name: string) =>
  (
    await t.database.db
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.name, name), eq(staff.institutionId, await institutionId(SPPH))))
  )[0]!.id;

beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
  lead = await t.loginUser('province_lead');
  spph = await t.loginAs('supporting_admin');
  zhaojueHosp = await t.loginAs('recipient_admin');
  const [programme] = await t.database.db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.code, 'sichuan-cbd-2018'));
  const [pairing] = await t.database.db
    .select({ id: pairings.id })
    .from(pairings)
    .where(
      and(
        eq(pairings.programmeId, programme!.id),
        eq(pairings.supportingInstitutionId, await institutionId(SPPH)),
        eq(pairings.recipientInstitutionId, await institutionId(ZHAOJUE)),
      ),
    );
  pairingId = pairing!.id;
});

const body = async (name: string, extra: Record<string, unknown> = {}) => ({
  staffId: await staffId(name),
  pairingId,
  batch: '2019年第一批',
  kind: 'resident',
  role: 'clinical',
  plannedStart: '2019-01-01',
  plannedEnd: '2019-12-31',
  ...extra,
});
const post = (url: string, payload: unknown, cookie = spph) =>
  t.request({ method: 'POST', url, cookie, payload: payload as object });
const get = (url: string, cookie = spph) => t.request({ method: 'GET', url, cookie });
const create = async (payload: unknown, cookie = spph) => {
  const res = await post('/api/dispatches', payload, cookie);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as DispatchDto;
};
const dispatchOf = async (id: string, cookie = office) =>
  (await get(`/api/dispatches/${id}`, cookie)).json() as DispatchDto;
const passageOf = async (id: string) => {
  const res = await get(`/api/workflow/instances?docType=dispatch&docId=${id}`, office);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as WorkflowInstanceDto[];
};
const decide = (cookie: string, instanceId: string, action: string, payload: Record<string, unknown>) =>
  post(`/api/workflow/instances/${instanceId}/${action}`, payload, cookie);

/** County, prefecture and province approve in turn (the default chain for a county recipient). */
async function approveAll(instanceId: string) {
  const deciders = [await t.loginAs('county_authority'), await t.loginAs('prefecture_authority'), lead];
  for (const [i, cookie] of deciders.entries()) {
    const res = await decide(cookie, instanceId, 'approve', { version: i + 1 });
    expect(res.statusCode, res.body).toBe(200);
  }
}

describe('dispatches', () => {
  it('journey: propose → submit → county, prefecture and province approve → arrival → ended early with a reason', async () => {
    const check = await post('/api/dispatches/check', await body('王建华'));
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json()).toMatchObject({ violations: [], conflicts: [], policyVersion: 1 });

    const proposed = await create(await body('王建华'));
    expect(proposed).toMatchObject({
      status: 'proposed',
      staff: { name: '王建华', title: 'deputy_senior', institution: { name: SPPH } },
      recipient: { name: ZHAOJUE },
      recipientInstitutionId: await institutionId(ZHAOJUE),
      programmeName: expect.any(String),
      countsAsService: false, // P05: never approved, so no service
      approvedAt: null,
      presenceRule: null,
      version: 1,
    });

    // The recipient sees it (stationed with it) but may not propose or submit.
    const seen = (await get('/api/dispatches?pageSize=1000', zhaojueHosp)).json();
    expect(seen.items.map((d: DispatchDto) => d.id)).toContain(proposed.id);
    expect(
      (await post(`/api/dispatches/${proposed.id}/submit`, { version: 1 }, zhaojueHosp)).statusCode,
    ).toBe(403);
    expect((await post('/api/dispatches', await body('王建华'), zhaojueHosp)).statusCode).toBe(403);

    // Not approved: arrival cannot be confirmed.
    expect(
      (
        await post(
          `/api/dispatches/${proposed.id}/arrive`,
          { arrivedOn: '2019-01-01', version: 1 },
          zhaojueHosp,
        )
      ).statusCode,
    ).toBe(409);

    const submitted = await post(`/api/dispatches/${proposed.id}/submit`, { version: 1 });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ status: 'submitted', countsAsService: false, version: 2 });
    const [passage] = await passageOf(proposed.id);
    expect(passage).toMatchObject({
      status: 'pending',
      title: `王建华 → ${ZHAOJUE}（2019年第一批）`,
      institution: { name: ZHAOJUE },
      counterpart: { name: SPPH },
      tcm: false,
      link: `/dispatches?dispatchId=${proposed.id}`,
    });
    expect(passage!.steps.map((s) => s.role)).toEqual([
      'county_authority',
      'prefecture_authority',
      'province_office',
    ]);

    await approveAll(passage!.id);
    const approved = await dispatchOf(proposed.id);
    expect(approved).toMatchObject({
      status: 'approved',
      countsAsService: true,
      titleAtApproval: 'deputy_senior',
      presenceRule: 'P07', // 副高: flexible presence
      approvedAt: t.clock.now().toISOString(),
    });

    // The supporting admin may not confirm arrival (dispatch.confirm is the recipient's).
    expect(
      (
        await post(`/api/dispatches/${proposed.id}/arrive`, {
          arrivedOn: '2019-01-01',
          version: approved.version,
        })
      ).statusCode,
    ).toBe(403);
    // Long before the planned start: refused.
    expect(
      (
        await post(
          `/api/dispatches/${proposed.id}/arrive`,
          { arrivedOn: '2018-11-01', version: approved.version },
          zhaojueHosp,
        )
      ).statusCode,
    ).toBe(400);
    const arrived = await post(
      `/api/dispatches/${proposed.id}/arrive`,
      { arrivedOn: '2019-01-02', version: approved.version },
      zhaojueHosp,
    );
    expect(arrived.statusCode, arrived.body).toBe(200);
    expect(arrived.json()).toMatchObject({
      status: 'on_duty',
      arrivedOn: '2019-01-02',
      countsAsService: true,
    });

    const v = arrived.json().version as number;
    const endUrl = `/api/dispatches/${proposed.id}/end`;
    // Before the planned end it cannot be "completed", and ending early needs a reason.
    const early = { outcome: 'completed', endedOn: '2019-10-31', version: v };
    expect((await post(endUrl, early, zhaojueHosp)).statusCode).toBe(400);
    const noReason = await post(endUrl, { ...early, outcome: 'ended_early' }, zhaojueHosp);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('须填写原因');
    // Stale version: 409.
    expect(
      (
        await post(
          endUrl,
          { ...early, outcome: 'ended_early', reason: '家中变故', version: v - 1 },
          zhaojueHosp,
        )
      ).statusCode,
    ).toBe(409);
    const ended = await post(
      endUrl,
      { ...early, outcome: 'ended_early', reason: '家中变故，经批准提前返回' },
      zhaojueHosp,
    );
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({
      status: 'ended_early',
      endedOn: '2019-10-31',
      endReason: '家中变故，经批准提前返回',
      countsAsService: true,
    });

    const events = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, proposed.id))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual([
      'dispatch.create',
      'dispatch.submit',
      'dispatch.arrive',
      'dispatch.end',
    ]);
  });

  it('blocks an overlapping dispatch of the same person (conflict, 400) but not an adjacent one', async () => {
    await create(await body('张志强', { plannedStart: '2018-03-01', plannedEnd: '2018-12-31' }));
    const res = await post(
      '/api/dispatches',
      await body('张志强', { plannedStart: '2018-12-31', plannedEnd: '2019-06-30', batch: '2018年第二批' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'DISPATCH_CONFLICT' });
    expect(res.json().error.message).toContain('时间重叠');
    expect(res.json().error.details.conflicts.map((c: { code: string }) => c.code)).toEqual([
      'overlapping_dispatch',
    ]);
    await create(await body('张志强', { plannedStart: '2019-01-01', plannedEnd: '2019-06-30' }));
    // Outside the pairing (ends 2020-12-31): conflict too.
    const outside = await post(
      '/api/dispatches/check',
      await body('张志强', { plannedStart: '2020-06-01', plannedEnd: '2021-05-31' }),
    );
    expect(outside.json().conflicts.map((c: { code: string }) => c.code)).toEqual(['outside_pairing_period']);
  });

  it('blocks a mandatory violation (P06: an intermediate title is not stationed flexibly)', async () => {
    const res = await post('/api/dispatches', await body('陈俊', { kind: 'flexible_resident' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(res.json().error.details.violations.map((v: { rule: string }) => v.rule)).toEqual(['P06']);
    expect(res.json().error.message).toContain('依据');
  });

  it('P04 in principle: a junior title needs a justification to submit, which the approval carries', async () => {
    const id = await staffId('黄丽');
    await t.database.db.update(staff).set({ title: 'junior' }).where(eq(staff.id, id));
    const check = (await post('/api/dispatches/check', await body('黄丽'))).json();
    expect(check.violations).toMatchObject([{ rule: 'P04', level: 'in_principle' }]);
    expect(check.violations[0].message).toContain('原则上应为中级及以上职称');
    expect(check.violations[0].inputs.source).toEqual(expect.any(String));

    const proposed = await create(await body('黄丽'));
    expect(proposed.judgement.violations.map((v) => v.rule)).toEqual(['P04']);
    const without = await post(`/api/dispatches/${proposed.id}/submit`, { version: 1 });
    expect(without.statusCode).toBe(422);
    expect(without.json().error).toMatchObject({ code: 'NEEDS_JUSTIFICATION' });
    expect((await dispatchOf(proposed.id)).status).toBe('proposed');

    const justification = '检验科急需，本人已在科室独立工作五年';
    const res = await post(`/api/dispatches/${proposed.id}/submit`, { version: 1, justification });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', justification });
    const [passage] = await passageOf(proposed.id);
    expect(passage!.payload).toMatchObject({ justification });
    expect((passage!.payload.violations as { rule: string }[]).map((v) => v.rule)).toEqual(['P04']);

    // Rejected at the county: back to proposed, resubmittable; the workflow keeps the rejection.
    const county = await t.loginAs('county_authority');
    expect(
      (await decide(county, passage!.id, 'reject', { version: 1, comment: '理由不充分' })).statusCode,
    ).toBe(200);
    const back = await dispatchOf(proposed.id);
    expect(back).toMatchObject({ status: 'proposed', countsAsService: false });
    const again = await post(`/api/dispatches/${proposed.id}/submit`, {
      version: back.version,
      justification: '检验科急需，已取得主管检验师考试资格',
    });
    expect(again.statusCode, again.body).toBe(200);
    const passages = await passageOf(proposed.id);
    expect(passages.map((p) => p.status).sort()).toEqual(['pending', 'rejected']);
  });

  it('scope: another hospital cannot see or propose; the recipient sees what is stationed with it', async () => {
    const proposed = await create(await body('杨雪'));
    // A supporting admin of another hospital (华西): 404 on the dispatch, 403 on proposing SPPH staff.
    const [wch] = await t.database.db
      .select({ id: institutions.id })
      .from(institutions)
      .where(eq(institutions.name, '四川大学华西医院'));
    const other = await otherAdmin(wch!.id);
    expect((await get(`/api/dispatches/${proposed.id}`, other)).statusCode).toBe(404);
    expect((await get('/api/dispatches?pageSize=1000', other)).json().items).toEqual([]);
    expect(
      (
        await post(
          '/api/dispatches',
          await body('杨雪', { plannedStart: '2020-03-01', plannedEnd: '2020-12-31' }),
          other,
        )
      ).statusCode,
    ).toBe(403);
    expect((await post(`/api/dispatches/${proposed.id}/submit`, { version: 1 }, other)).statusCode).toBe(404);

    expect((await get(`/api/dispatches/${proposed.id}`, zhaojueHosp)).statusCode).toBe(200);
    const list = (await get(`/api/dispatches?pageSize=1000&staffId=${proposed.staffId}`, spph)).json();
    expect(list.items.map((d: DispatchDto) => d.id)).toEqual([proposed.id]);
    expect(list.total).toBe(1);
  });

  it('arrival and end: only the recipient in scope (404 elsewhere, 403 for the home side)', async () => {
    const proposed = await create(await body('赵磊'));
    await post(`/api/dispatches/${proposed.id}/submit`, { version: 1 });
    const [passage] = await passageOf(proposed.id);
    await approveAll(passage!.id);
    const { version } = await dispatchOf(proposed.id);
    const arrive = { arrivedOn: '2019-01-01', version };
    // The recipient admin of another county hospital: not visible.
    const elsewhere = await otherAdmin(await institutionId('布拖县人民医院'), 'recipient_admin');
    expect((await post(`/api/dispatches/${proposed.id}/arrive`, arrive, elsewhere)).statusCode).toBe(404);
    // A recipient admin whose scope holds only the home side sees it but may not confirm.
    const homeSide = await otherAdmin(await institutionId(SPPH), 'recipient_admin');
    expect((await get(`/api/dispatches/${proposed.id}`, homeSide)).statusCode).toBe(200);
    expect((await post(`/api/dispatches/${proposed.id}/arrive`, arrive, homeSide)).statusCode).toBe(403);
    const res = await post(`/api/dispatches/${proposed.id}/arrive`, arrive, office);
    expect(res.statusCode, res.body).toBe(200);
    const end = { outcome: 'completed', endedOn: '2019-12-31', version: res.json().version };
    expect((await post(`/api/dispatches/${proposed.id}/end`, end, homeSide)).statusCode).toBe(403);
    const done = await post(`/api/dispatches/${proposed.id}/end`, end, zhaojueHosp);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'completed',
      endReason: null,
      countsAsService: true,
      presenceRule: 'P06',
    });
  });

  it('the demo: 王建华 on duty in 昭觉, seen by the recipient; only approved dispatches count as service (P05)', async () => {
    // On duty in 昭觉 now: the current 组团式 batch (dates follow the demo's clock).
    const res = await get(
      `/api/dispatches?pageSize=1000&recipientInstitutionId=${await institutionId(ZHAOJUE)}&status=on_duty`,
      zhaojueHosp,
    );
    expect(res.statusCode, res.body).toBe(200);
    const demo = res.json().items as DispatchDto[];
    expect(demo.map((d) => d.staff.name).sort()).toEqual(['刘芳', '王建华'].sort());
    const wang = demo.find((d) => d.staff.name === '王建华')!;
    expect(wang).toMatchObject({
      kind: 'flexible_resident',
      countsAsService: true,
      presenceRule: 'P07',
      arrivedOn: wang.plannedStart,
    });
    expect(wang.plannedStart <= '2026-03-02' && '2026-03-02' <= wang.plannedEnd).toBe(true);
    expect(demo.find((d) => d.staff.name === '刘芳')).toMatchObject({
      kind: 'resident',
      batch: wang.batch,
      pairingId: wang.pairingId,
      plannedStart: wang.plannedStart,
      plannedEnd: wang.plannedEnd,
      countsAsService: true,
      presenceRule: 'P06',
    });
    // The batch filter finds the same two; their 2020 batch there is completed and still counts.
    const batch = await get(
      `/api/dispatches?pageSize=1000&recipientInstitutionId=${await institutionId(ZHAOJUE)}&batch=${encodeURIComponent(wang.batch)}`,
      zhaojueHosp,
    );
    expect(
      batch
        .json()
        .items.map((d: DispatchDto) => d.id)
        .sort(),
    ).toEqual(demo.map((d) => d.id).sort());
    const past = (
      await get(
        `/api/dispatches?pageSize=1000&recipientInstitutionId=${await institutionId(ZHAOJUE)}&batch=2020年第一批`,
        zhaojueHosp,
      )
    ).json().items as DispatchDto[];
    expect(past.map((d) => [d.staff.name, d.status, d.endedOn, d.countsAsService]).sort()).toEqual([
      ['刘芳', 'completed', '2020-12-31', true],
      ['王建华', 'completed', '2020-12-31', true],
    ]);
    const proposed = (await get('/api/dispatches?pageSize=1000&status=proposed&q=陈俊', spph)).json();
    expect(proposed.items.map((d: DispatchDto) => [d.staff.name, d.countsAsService])).toContainEqual([
      '陈俊',
      false,
    ]);

    // The demo's on-duty dispatch blocks an overlapping one, even by its last day…
    const addDays = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const codes = async (extra: Record<string, unknown>) => {
      const check = await post('/api/dispatches/check', await body('王建华', extra));
      expect(check.statusCode, check.body).toBe(200);
      return check.json().conflicts.map((c: { code: string }) => c.code) as string[];
    };
    const inTeam = { pairingId: wang.pairingId, batch: wang.batch };
    expect(await codes({ ...inTeam, plannedStart: wang.plannedStart, plannedEnd: wang.plannedEnd })).toEqual([
      'overlapping_dispatch',
    ]);
    expect(
      await codes({ ...inTeam, plannedStart: wang.plannedEnd, plannedEnd: addDays(wang.plannedEnd, 180) }),
    ).toEqual(['overlapping_dispatch']);
    // …but not from the day after it ends.
    expect(
      await codes({
        ...inTeam,
        plannedStart: addDays(wang.plannedEnd, 1),
        plannedEnd: addDays(wang.plannedEnd, 365),
      }),
    ).toEqual([]);
    // Under the 传帮带 pairing (ended 2020-12-31) the same dates clash twice.
    expect(await codes({ plannedStart: wang.plannedStart, plannedEnd: wang.plannedEnd })).toEqual([
      'overlapping_dispatch',
      'outside_pairing_period',
    ]);
    // A completed dispatch holds no place: 2020 in 昭觉 again raises no conflict.
    expect(await codes({ plannedStart: '2020-06-01', plannedEnd: '2020-12-31' })).toEqual([]);
  });

  it('stale version on submit: 409', async () => {
    const proposed = await create(await body('李晓梅'));
    expect((await post(`/api/dispatches/${proposed.id}/submit`, { version: 7 })).statusCode).toBe(409);
    expect((await dispatchOf(proposed.id)).status).toBe('proposed');
  });
});

/** An admin of another institution, signed in. */
async function otherAdmin(
  institution: string,
  role: 'supporting_admin' | 'recipient_admin' = 'supporting_admin',
) {
  const username = `other_admin_${Math.random().toString(36).slice(2, 8)}`;
  const [template] = await t.database.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.username, 'spph_admin'));
  const [u] = await t.database.db
    .insert(users)
    .values({
      username,
      displayName: '其他单位管理员 测试',
      role,
      passwordHash: template!.hash,
      institutionId: institution,
    })
    .returning({ id: users.id });
  await t.database.db
    .insert(userScopes)
    .values({ userId: u!.id, kind: 'institution', institutionId: institution });
  return t.loginUser(username);
}
