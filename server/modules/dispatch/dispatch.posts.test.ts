import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DispatchDto, ManagementPostDto } from '../../../shared/contracts/dispatch';
import type { DispatchStatus } from '../../../shared/dispatch-vocabulary';
import { auditEvents, dispatches, institutions, staff, userScopes, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';

/**
 * P13 management posts (the recipient appoints) and replacing a dispatch (the home side),
 * on the demo dispatches: 王建华 and 刘芳 on duty at 昭觉县人民医院 in the current 组团式 batch
 * (their 2020 dispatches there completed), 陈俊 on duty at 喜德县人民医院 in the same batch and
 * still proposed for 昭觉 2020-07-01 … 2020-12-31. The current batch's dates follow the demo's
 * clock, so they are read from the dispatch under test.
 */

let t: TestApp;
let spph: string;
let zhaojueHosp: string;

const SPPH = '四川省人民医院';

const post = (url: string, payload: unknown, cookie: string) =>
  t.request({ method: 'POST', url, cookie, payload: payload as object });
const get = (url: string, cookie: string) => t.request({ method: 'GET', url, cookie });

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
/** The demo's one dispatch of `name` in `status`. */
const dispatchOf = async (name: string, status: DispatchStatus): Promise<DispatchDto> => {
  const rows = await t.database.db
    .select({ id: dispatches.id })
    .from(dispatches)
    .where(and(eq(dispatches.staffId, await staffId(name)), eq(dispatches.status, status)));
  expect(rows).toHaveLength(1);
  return (await get(`/api/dispatches/${rows[0]!.id}`, spph)).json() as DispatchDto;
};

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** An admin of `role` whose scope is the one institution: to test each side's own actions. */
async function adminAt(institution: string, role: 'supporting_admin' | 'recipient_admin') {
  const username = `posts_admin_${Math.random().toString(36).slice(2, 8)}`;
  const [template] = await t.database.db
    .select({ hash: users.passwordHash })
    .from(users)
    .where(eq(users.username, 'spph_admin'));
  const [u] = await t.database.db
    .insert(users)
    .values({
      username,
      displayName: '测试管理员',
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

beforeAll(async () => {
  t = await testApp();
  spph = await t.loginAs('supporting_admin');
  zhaojueHosp = await t.loginAs('recipient_admin');
});

describe('P13 management posts', () => {
  it('the recipient appoints within the dispatch; dates outside it, a missing department or the home side are refused', async () => {
    const d = await dispatchOf('王建华', 'on_duty');
    expect(d).toMatchObject({ recipient: { name: '昭觉县人民医院' }, arrivedOn: d.plannedStart });
    const url = `/api/dispatches/${d.id}/posts`;
    const deputyFrom = addDays(d.plannedStart, 30);

    // One day past the planned end, or one day before the start, is outside the dispatch.
    const outside = await post(
      url,
      { post: 'deputy_head', startsOn: deputyFrom, endsOn: addDays(d.plannedEnd, 1) },
      zhaojueHosp,
    );
    expect(outside.statusCode, outside.body).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'POST_CONFLICT' });
    expect(outside.json().error.message).toContain(`超出其派驻期（${d.plannedStart} 至 ${d.plannedEnd}）`);
    const before = await post(
      url,
      { post: 'deputy_head', startsOn: addDays(d.plannedStart, -1) },
      zhaojueHosp,
    );
    expect(before.statusCode).toBe(400);
    expect(before.json().error).toMatchObject({ code: 'POST_CONFLICT' });

    const noDepartment = await post(url, { post: 'department_head', startsOn: deputyFrom }, zhaojueHosp);
    expect(noDepartment.statusCode).toBe(400);
    expect(noDepartment.body).toContain('科室职务须填写科室名称');

    // The home side may not appoint: not by permission (dispatch.confirm is the recipient's), nor
    // by scope (a recipient admin holding only the home side); elsewhere it is not visible.
    const ok = { post: 'deputy_head', startsOn: deputyFrom };
    expect((await post(url, ok, spph)).statusCode).toBe(403);
    const homeSide = await adminAt(await institutionId(SPPH), 'recipient_admin');
    expect((await get(url, homeSide)).statusCode).toBe(200);
    const refused = await post(url, ok, homeSide);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.message).toContain('只有受援单位');
    const elsewhere = await adminAt(await institutionId('布拖县人民医院'), 'recipient_admin');
    expect((await post(url, ok, elsewhere)).statusCode).toBe(404);
    expect((await get(url, elsewhere)).statusCode).toBe(404);

    const made = await post(url, { post: 'deputy_head', startsOn: deputyFrom }, zhaojueHosp);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      dispatchId: d.id,
      post: 'deputy_head',
      department: null,
      startsOn: deputyFrom,
      endsOn: null,
    });
    // The dispatch's first and last days are inside it.
    const dept = await post(
      url,
      { post: 'department_head', department: '普外科', startsOn: d.plannedStart, endsOn: d.plannedEnd },
      zhaojueHosp,
    );
    expect(dept.statusCode, dept.body).toBe(201);

    // Both sides read them, by start date.
    for (const cookie of [spph, zhaojueHosp]) {
      const list = await get(url, cookie);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().total).toBe(2);
      expect(list.json().items.map((p: ManagementPostDto) => [p.post, p.department])).toEqual([
        ['department_head', '普外科'],
        ['deputy_head', null],
      ]);
    }

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dispatch.post'), eq(auditEvents.objectId, d.id)));
    expect(event?.details).toMatchObject({ staff: '王建华', post: 'deputy_head', startsOn: deputyFrom });
  });

  it('is only for approved or on-duty dispatches', async () => {
    const proposed = await dispatchOf('陈俊', 'proposed');
    expect(proposed).toMatchObject({ recipient: { name: '昭觉县人民医院' }, plannedStart: '2020-07-01' });
    const res = await post(
      `/api/dispatches/${proposed.id}/posts`,
      { post: 'deputy_head', startsOn: '2020-07-01' },
      zhaojueHosp,
    );
    expect(res.statusCode).toBe(409);
    // nor for a completed one: 王建华's 2020 dispatch in 昭觉
    const completed = await dispatchOf('王建华', 'completed');
    expect(completed).toMatchObject({ recipient: { name: '昭觉县人民医院' }, plannedStart: '2020-01-01' });
    const late = await post(
      `/api/dispatches/${completed.id}/posts`,
      { post: 'deputy_head', startsOn: '2020-03-01' },
      zhaojueHosp,
    );
    expect(late.statusCode, late.body).toBe(409);
  });
});

describe('replacing a dispatch', () => {
  it('needs a reason, is the home side’s, and proposes the replacement with its own judgement', async () => {
    const d = await dispatchOf('刘芳', 'on_duty');
    expect(d).toMatchObject({ recipient: { name: '昭觉县人民医院' }, arrivedOn: d.plannedStart });
    const arrivedOn = d.arrivedOn!;
    const url = `/api/dispatches/${d.id}/replace`;
    const endedOn = addDays(arrivedOn, 120);
    const body = {
      staffId: await staffId('黄丽'),
      endedOn,
      reason: '家中老人病重，需回原单位',
      version: d.version,
    };

    // P06: no replacement without a recorded reason.
    const noReason = await post(url, { ...body, reason: '  ' }, spph);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写更换人员的原因');
    const { reason: _, ...withoutReason } = body;
    expect((await post(url, withoutReason, spph)).statusCode).toBe(400);

    // The recipient may not replace the home side's staff member: not by permission, nor by
    // scope (a supporting admin holding only the recipient side).
    expect((await post(url, body, zhaojueHosp)).statusCode).toBe(403);
    const recipientSide = await adminAt(await institutionId('昭觉县人民医院'), 'supporting_admin');
    const refused = await post(url, body, recipientSide);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.message).toContain('只有派出单位');

    // Dates: not before arrival, and before the planned end.
    const early = await post(url, { ...body, endedOn: addDays(arrivedOn, -1) }, spph);
    expect(early.statusCode, early.body).toBe(400);
    expect(early.json().error.code).toBe('INVALID_REPLACEMENT');
    const atEnd = await post(url, { ...body, endedOn: d.plannedEnd }, spph);
    expect(atEnd.statusCode, atEnd.body).toBe(400);
    expect(atEnd.json().error.code).toBe('INVALID_REPLACEMENT');

    // The replacement's own conflicts block: 陈俊 is on duty in 喜德 over the same period.
    const chen = await dispatchOf('陈俊', 'on_duty');
    expect(chen).toMatchObject({ recipient: { name: '喜德县人民医院' }, plannedEnd: d.plannedEnd });
    const clash = await post(url, { ...body, staffId: await staffId('陈俊') }, spph);
    expect(clash.statusCode, clash.body).toBe(400);
    expect(clash.json().error.code).toBe('DISPATCH_CONFLICT');
    expect(await dispatchOf('刘芳', 'on_duty')).toMatchObject({ id: d.id, version: d.version }); // rolled back

    const res = await post(url, body, spph);
    expect(res.statusCode, res.body).toBe(200);
    const { replaced, replacement } = res.json() as { replaced: DispatchDto; replacement: DispatchDto };
    expect(replaced).toMatchObject({
      id: d.id,
      status: 'replaced',
      endedOn,
      endReason: '家中老人病重，需回原单位',
      replacedBy: replacement.id,
      version: d.version + 1,
    });
    expect(replacement).toMatchObject({
      status: 'proposed',
      staff: { name: '黄丽' },
      pairingId: d.pairingId,
      batch: d.batch,
      kind: d.kind,
      role: d.role,
      plannedStart: addDays(endedOn, 1),
      plannedEnd: d.plannedEnd,
      approvedAt: null,
      countsAsService: false,
      judgement: { violations: [], conflicts: [], policyVersion: 1 },
    });

    // Replaced once: again is a state conflict.
    expect((await post(url, { ...body, version: replaced.version }, spph)).statusCode).toBe(409);

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'dispatch.replace'), eq(auditEvents.objectId, d.id)));
    expect(event?.details).toMatchObject({
      staff: '刘芳',
      reason: '家中老人病重，需回原单位',
      replacement: { id: replacement.id, staff: '黄丽', period: [addDays(endedOn, 1), d.plannedEnd] },
    });
  });

  it('a proposed dispatch cannot be replaced', async () => {
    const d = await dispatchOf('陈俊', 'proposed');
    const res = await post(
      `/api/dispatches/${d.id}/replace`,
      { staffId: await staffId('赵磊'), endedOn: '2020-09-30', reason: '调整', version: d.version },
      spph,
    );
    expect(res.statusCode).toBe(409);
  });
});
