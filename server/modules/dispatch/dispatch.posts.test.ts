import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DispatchDto, ManagementPostDto } from '../../../shared/contracts/dispatch';
import { auditEvents, dispatches, institutions, staff, userScopes, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';

/**
 * P13 management posts (the recipient appoints) and replacing a dispatch (the home side),
 * on the demo dispatches: 王建华 and 刘芳 on duty at 昭觉县人民医院 in 2020, 陈俊 proposed
 * for 2020-07-01 … 2020-12-31.
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
const dispatchOf = async (name: string): Promise<DispatchDto> => {
  const [row] = await t.database.db
    .select({ id: dispatches.id })
    .from(dispatches)
    .where(eq(dispatches.staffId, await staffId(name)));
  return (await get(`/api/dispatches/${row!.id}`, spph)).json() as DispatchDto;
};

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
    const d = await dispatchOf('王建华');
    expect(d).toMatchObject({ status: 'on_duty', plannedStart: '2020-01-01', plannedEnd: '2020-12-31' });
    const url = `/api/dispatches/${d.id}/posts`;

    const outside = await post(
      url,
      { post: 'deputy_head', startsOn: '2020-03-01', endsOn: '2021-02-28' },
      zhaojueHosp,
    );
    expect(outside.statusCode, outside.body).toBe(400);
    expect(outside.json().error).toMatchObject({ code: 'POST_CONFLICT' });
    expect(outside.json().error.message).toContain('超出其派驻期（2020-01-01 至 2020-12-31）');
    const before = await post(url, { post: 'deputy_head', startsOn: '2019-12-01' }, zhaojueHosp);
    expect(before.statusCode).toBe(400);

    const noDepartment = await post(url, { post: 'department_head', startsOn: '2020-03-01' }, zhaojueHosp);
    expect(noDepartment.statusCode).toBe(400);
    expect(noDepartment.body).toContain('科室职务须填写科室名称');

    // The home side may not appoint: not by permission (dispatch.confirm is the recipient's), nor
    // by scope (a recipient admin holding only the home side); elsewhere it is not visible.
    const ok = { post: 'deputy_head', startsOn: '2020-03-01' };
    expect((await post(url, ok, spph)).statusCode).toBe(403);
    const homeSide = await adminAt(await institutionId(SPPH), 'recipient_admin');
    expect((await get(url, homeSide)).statusCode).toBe(200);
    const refused = await post(url, ok, homeSide);
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error.message).toContain('只有受援单位');
    const elsewhere = await adminAt(await institutionId('布拖县人民医院'), 'recipient_admin');
    expect((await post(url, ok, elsewhere)).statusCode).toBe(404);
    expect((await get(url, elsewhere)).statusCode).toBe(404);

    const made = await post(url, { post: 'deputy_head', startsOn: '2020-03-01' }, zhaojueHosp);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({
      dispatchId: d.id,
      post: 'deputy_head',
      department: null,
      startsOn: '2020-03-01',
      endsOn: null,
    });
    const dept = await post(
      url,
      { post: 'department_head', department: '普外科', startsOn: '2020-02-01', endsOn: '2020-06-30' },
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
    expect(event?.details).toMatchObject({ staff: '王建华', post: 'deputy_head', startsOn: '2020-03-01' });
  });

  it('is only for approved or on-duty dispatches', async () => {
    const proposed = await dispatchOf('陈俊');
    expect(proposed.status).toBe('proposed');
    const res = await post(
      `/api/dispatches/${proposed.id}/posts`,
      { post: 'deputy_head', startsOn: '2020-07-01' },
      zhaojueHosp,
    );
    expect(res.statusCode).toBe(409);
  });
});

describe('replacing a dispatch', () => {
  it('needs a reason, is the home side’s, and proposes the replacement with its own judgement', async () => {
    const d = await dispatchOf('刘芳');
    expect(d).toMatchObject({ status: 'on_duty', arrivedOn: '2020-01-02', plannedEnd: '2020-12-31' });
    const url = `/api/dispatches/${d.id}/replace`;
    const body = {
      staffId: await staffId('黄丽'),
      endedOn: '2020-06-30',
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
    expect((await post(url, { ...body, endedOn: '2019-12-31' }, spph)).statusCode).toBe(400);
    expect((await post(url, { ...body, endedOn: '2020-12-31' }, spph)).statusCode).toBe(400);

    // The replacement's own conflicts block: 陈俊 is already proposed for 2020-07-01 on.
    const clash = await post(url, { ...body, staffId: await staffId('陈俊') }, spph);
    expect(clash.statusCode, clash.body).toBe(400);
    expect(clash.json().error.code).toBe('DISPATCH_CONFLICT');
    expect((await dispatchOf('刘芳')).status).toBe('on_duty'); // rolled back

    const res = await post(url, body, spph);
    expect(res.statusCode, res.body).toBe(200);
    const { replaced, replacement } = res.json() as { replaced: DispatchDto; replacement: DispatchDto };
    expect(replaced).toMatchObject({
      id: d.id,
      status: 'replaced',
      endedOn: '2020-06-30',
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
      plannedStart: '2020-07-01',
      plannedEnd: '2020-12-31',
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
      replacement: { id: replacement.id, staff: '黄丽', period: ['2020-07-01', '2020-12-31'] },
    });
  });

  it('a proposed dispatch cannot be replaced', async () => {
    const d = await dispatchOf('陈俊');
    const res = await post(
      `/api/dispatches/${d.id}/replace`,
      { staffId: await staffId('赵磊'), endedOn: '2020-09-30', reason: '调整', version: d.version },
      spph,
    );
    expect(res.statusCode).toBe(409);
  });
});
