import { and, eq, inArray, like } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocType, WorkflowInstanceDto } from '../../../shared/contracts/workflow';
import { auditEvents, notifications, programmes, workflowActions } from '../../db/schema';
import { fixedClock } from '../../platform/clock';
import { type TestApp, testApp } from '../../test/app';
import {
  ctxAs,
  type HandlerCall,
  idOfInstitution,
  idOfUser,
  makeUser,
  recordingHandler,
  submitAs,
} from './workflow.fixtures';
import { shanghaiHour, workflowJobs } from './workflow.jobs';
import { remindOverdue, todosFor } from './workflow.service';

let t: TestApp;
const handlers: Record<string, { calls: HandlerCall[]; restore: () => void }> = {};
const cookies: Record<string, string> = {};
const as = async (username: string) => {
  cookies[username] ??= await t.loginUser(username);
  return cookies[username];
};

let zhaojueHospital: string;
let zhaojueTcm: string;
let butuoHospital: string;
let spph: string;

beforeAll(async () => {
  t = await testApp();
  for (const docType of ['dispatch', 'plan', 'leave'] as DocType[])
    handlers[docType] = recordingHandler(docType);
  zhaojueHospital = await idOfInstitution(t, '昭觉县人民医院');
  zhaojueTcm = await idOfInstitution(t, '昭觉县中医医院');
  butuoHospital = await idOfInstitution(t, '布拖县人民医院');
  spph = await idOfInstitution(t, '四川省人民医院');
  // An outsider: the county authority of 布拖, a sibling county of 昭觉.
  await makeUser(t, {
    username: 'butuo',
    displayName: '布拖县卫生健康局 吉木子洛',
    role: 'county_authority',
    scope: { kind: 'region', regionCode: '513429' },
  });
  // A contact leader (定点联系领导): a province-office user whose scope is one county.
  await makeUser(t, {
    username: 'contact_leader',
    displayName: '省卫健委 定点联系领导 杨帆',
    role: 'province_office',
    scope: { kind: 'region', regionCode: '513431' },
  });
});
afterAll(() => {
  for (const h of Object.values(handlers)) h.restore();
});

const dispatchOf = (institutionId: string, extra: { tcm?: boolean; programmeId?: string | null } = {}) => ({
  docType: 'dispatch' as const,
  docId: uuidv7(),
  programmeId: extra.programmeId ?? null,
  title: '王建华 选派至昭觉县人民医院（测试）',
  institutionId,
  counterpartInstitutionId: spph,
  tcm: extra.tcm ?? false,
  payload: { staff: '王建华' },
});

const get = async (username: string, id: string) =>
  t.request({ method: 'GET', url: `/api/workflow/instances/${id}`, cookie: await as(username) });
const act = async (username: string, id: string, action: string, payload: Record<string, unknown>) =>
  t.request({
    method: 'POST',
    url: `/api/workflow/instances/${id}/${action}`,
    cookie: await as(username),
    payload,
  });
const todos = async (username: string) =>
  (await t.request({ method: 'GET', url: '/api/todos', cookie: await as(username) })).json() as {
    items: { id: string; kind: string; onBehalfOf: { displayName: string } | null; stepLabel: string }[];
    total: number;
  };
const todoIds = async (username: string) => (await todos(username)).items.map((i) => i.id);

/** Approve as a user with the instance's current version; expects success. */
async function approveAs(username: string, id: string, comment?: string) {
  const before = (await get(username, id)).json() as WorkflowInstanceDto;
  const res = await act(username, id, 'approve', {
    version: before.version,
    ...(comment ? { comment } : {}),
  });
  expect(res.statusCode, `${username}: ${res.body}`).toBe(200);
  return res.json() as WorkflowInstanceDto;
}

describe('a dispatch through county → prefecture → province', () => {
  let id: string;
  let docId: string;

  beforeAll(async () => {
    const input = dispatchOf(zhaojueHospital);
    docId = input.docId;
    id = await submitAs(t, 'spph_admin', input);
  });

  it('copies the applicable steps and sets the first deadline', async () => {
    const res = await get('spph_admin', id);
    expect(res.statusCode, res.body).toBe(200);
    const dto = res.json() as WorkflowInstanceDto;
    expect(dto.steps.map((s) => s.role)).toEqual([
      'county_authority',
      'prefecture_authority',
      'province_office',
    ]);
    expect(dto).toMatchObject({
      status: 'pending',
      currentStep: 0,
      institution: { name: '昭觉县人民医院' },
      counterpart: { name: '四川省人民医院' },
      submittedBy: { displayName: '四川省人民医院对口支援办 刘洋' },
      link: `/test/dispatch/${docId}`,
      overdue: false,
      can: { decide: false, resubmit: false, withdraw: true },
      version: 1,
    });
    // 5 calendar days from Monday 2026-03-02, to the end of Saturday (Asia/Shanghai).
    expect(dto.dueAt).toBe(new Date('2026-03-07T23:59:59.999+08:00').toISOString());
    expect(dto.history.map((h) => [h.action, h.actor.displayName])).toEqual([
      ['submit', '四川省人民医院对口支援办 刘洋'],
    ]);
  });

  it('waits in the to-do list of the county authority only', async () => {
    expect(await todoIds('zhaojue')).toContain(id);
    for (const other of ['liangshan', 'province', 'province_lead', 'butuo', 'spph_admin'])
      expect(await todoIds(other), other).not.toContain(id);
    expect((await get('zhaojue', id)).json().can.decide).toBe(true);
  });

  it('refuses the prefecture before its step (403) and an outsider (404)', async () => {
    expect((await act('liangshan', id, 'approve', { version: 1 })).statusCode).toBe(403);
    expect((await act('butuo', id, 'approve', { version: 1 })).statusCode).toBe(404);
    expect((await get('butuo', id)).statusCode).toBe(404);
  });

  it('moves step by step, each decider notified in turn, and ends approved with the handler called once', async () => {
    const afterCounty = await approveAs('zhaojue', id, '人员资质符合要求');
    expect(afterCounty).toMatchObject({ status: 'pending', currentStep: 1, version: 2 });
    expect(await todoIds('zhaojue')).not.toContain(id);
    expect(await todoIds('liangshan')).toContain(id);
    await approveAs('liangshan', id);
    expect(await todoIds('province')).toContain(id);
    expect(await todoIds('province_lead')).toContain(id);
    expect(handlers.dispatch!.calls.filter((c) => c.docId === docId)).toEqual([]);
    const done = await approveAs('province_lead', id, '同意选派');
    expect(done).toMatchObject({
      status: 'approved',
      currentStep: 2,
      dueAt: null,
      can: { decide: false, withdraw: false },
    });
    expect(done.decidedAt).not.toBeNull();
    expect(done.history.map((h) => [h.action, h.stepLabel, h.actor.displayName, h.comment])).toEqual([
      ['submit', '县卫生健康局审核', '四川省人民医院对口支援办 刘洋', null],
      ['approve', '县卫生健康局审核', '昭觉县卫生健康局 沙马阿果', '人员资质符合要求'],
      ['approve', '市(州)卫生健康委审核', '凉山州卫生健康委员会 吉克曲布', null],
      ['approve', '省对口支援办审批', '省对口支援办 处长 陈刚', '同意选派'],
    ]);
    expect(handlers.dispatch!.calls.filter((c) => c.docId === docId)).toEqual([
      { event: 'approved', docId, comment: '同意选派', onBehalfOf: null },
    ]);
    expect(await todoIds('province')).not.toContain(id);
  });

  it('notified each decider when their step came, and the submitter of the outcome', async () => {
    const rows = await t.database.db
      .select({ userId: notifications.userId, kind: notifications.kind, title: notifications.title })
      .from(notifications)
      .where(like(notifications.title, '%王建华 选派至昭觉县人民医院（测试）'));
    const of = async (username: string) => {
      const uid = await idOfUser(t, username);
      return rows.filter((r) => r.userId === uid).map((r) => r.kind);
    };
    expect(await of('zhaojue')).toContain('workflow.todo');
    expect(await of('liangshan')).toContain('workflow.todo');
    expect(await of('province')).toContain('workflow.todo');
    expect(await of('butuo')).toEqual([]);
    expect(await of('spph_admin')).toEqual(['workflow.approved']);
  });

  it('audits the submission and every decision (S11)', async () => {
    const events = await t.database.db
      .select({ action: auditEvents.action, actorName: auditEvents.actorName })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, id))
      .orderBy(auditEvents.id);
    expect(events.map((e) => e.action)).toEqual([
      'workflow.submit',
      'workflow.approve',
      'workflow.approve',
      'workflow.approve',
    ]);
  });

  it('refuses a decision on a finished passage with 409', async () => {
    expect((await act('province', id, 'approve', { version: 4 })).statusCode).toBe(409);
  });
});

describe('TCM documents add the TCM bureau; others do not', () => {
  it('sends a TCM hospital dispatch on to the TCM bureau after the province', async () => {
    const input = dispatchOf(zhaojueTcm, { tcm: true });
    const id = await submitAs(t, 'spph_admin', input);
    const first = (await get('spph_admin', id)).json() as WorkflowInstanceDto;
    expect(first.steps.map((s) => s.role)).toEqual([
      'county_authority',
      'prefecture_authority',
      'province_office',
      'tcm_bureau',
    ]);
    expect(first.tcm).toBe(true);
    await approveAs('zhaojue', id);
    await approveAs('liangshan', id);
    const atTcm = await approveAs('province', id);
    expect(atTcm).toMatchObject({ status: 'pending', currentStep: 3 });
    expect(await todoIds('tcm')).toContain(id);
    expect((await approveAs('tcm', id, '会签同意')).status).toBe('approved');
  });

  it('skips the county step for a prefecture-level recipient', async () => {
    const id = await submitAs(
      t,
      'spph_admin',
      dispatchOf(await idOfInstitution(t, '凉山彝族自治州第一人民医院')),
    );
    const dto = (await get('spph_admin', id)).json() as WorkflowInstanceDto;
    expect(dto.steps.map((s) => s.role)).toEqual(['prefecture_authority', 'province_office']);
    expect(await todoIds('liangshan')).toContain(id);
  });
});

describe('return → resubmit → approve; reject', () => {
  it('returns with a required comment, resubmits from the first step, and approves', async () => {
    const input = { ...dispatchOf(zhaojueHospital), title: '退回测试：李明 选派至昭觉县人民医院' };
    const id = await submitAs(t, 'spph_admin', input);
    await approveAs('zhaojue', id);
    expect((await act('liangshan', id, 'return', { version: 2 })).statusCode).toBe(400);
    const noReason = await act('liangshan', id, 'return', { version: 2, comment: ' ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.message).toContain('请填写意见');
    const returned = await act('liangshan', id, 'return', { version: 2, comment: '请补充职称证书复印件' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', currentStep: 1, dueAt: null });
    expect(handlers.dispatch!.calls.filter((c) => c.docId === input.docId).map((c) => c.event)).toEqual([
      'returned',
    ]);

    const submitterTodos = await todos('spph_admin');
    expect(submitterTodos.items.find((i) => i.id === id)).toMatchObject({ kind: 'resubmit' });
    expect(await todoIds('liangshan')).not.toContain(id);
    expect((await get('spph_admin', id)).json().can).toMatchObject({ resubmit: true, decide: false });

    // Only the submitter resubmits; deciders may not decide a returned document.
    expect((await act('zhaojue', id, 'resubmit', { version: 3 })).statusCode).toBe(403);
    expect((await act('liangshan', id, 'approve', { version: 3 })).statusCode).toBe(409);
    const again = await act('spph_admin', id, 'resubmit', { version: 3, comment: '已补充职称证书' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ status: 'pending', currentStep: 0, version: 4 });
    expect(await todoIds('zhaojue')).toContain(id);
    await approveAs('zhaojue', id);
    await approveAs('liangshan', id);
    const done = await approveAs('province_lead', id);
    expect(done.status).toBe('approved');
    expect(done.history.map((h) => h.action)).toEqual([
      'submit',
      'approve',
      'return',
      'resubmit',
      'approve',
      'approve',
      'approve',
    ]);
    expect(handlers.dispatch!.calls.filter((c) => c.docId === input.docId).map((c) => c.event)).toEqual([
      'returned',
      'resubmitted',
      'approved',
    ]);
  });

  it('rejects with a required comment; the handler and the submitter are told', async () => {
    const input = { ...dispatchOf(zhaojueHospital), title: '驳回测试：张三 选派至昭觉县人民医院' };
    const id = await submitAs(t, 'spph_admin', input);
    expect((await act('zhaojue', id, 'reject', { version: 1, comment: '  ' })).statusCode).toBe(400);
    const res = await act('zhaojue', id, 'reject', { version: 1, comment: '拟派人员为初级职称，不符合P04' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'rejected',
      can: { decide: false, resubmit: false, withdraw: false },
    });
    expect(handlers.dispatch!.calls.filter((c) => c.docId === input.docId)).toEqual([
      { event: 'rejected', docId: input.docId, comment: '拟派人员为初级职称，不符合P04', onBehalfOf: null },
    ]);
    const [note] = await t.database.db
      .select()
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, await idOfUser(t, 'spph_admin')),
          eq(notifications.kind, 'workflow.rejected'),
        ),
      );
    expect(note).toMatchObject({ title: `未通过：${input.title}` });
    expect(note!.body).toContain('拟派人员为初级职称');
  });

  it('lets the submitter withdraw while open, nobody else', async () => {
    const input = dispatchOf(zhaojueHospital);
    const id = await submitAs(t, 'spph_admin', input);
    expect((await act('zhaojue', id, 'withdraw', { version: 1 })).statusCode).toBe(403);
    const res = await act('spph_admin', id, 'withdraw', { version: 1, comment: '人员调整' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('withdrawn');
    expect(await todoIds('zhaojue')).not.toContain(id);
    expect(handlers.dispatch!.calls.filter((c) => c.docId === input.docId).map((c) => c.event)).toEqual([
      'withdrawn',
    ]);
  });
});

describe('S09: nobody approves their own submission', () => {
  let id: string;
  beforeAll(async () => {
    // A plan the province office itself submits: only a province-office colleague may approve it.
    id = await submitAs(t, 'province', {
      docType: 'plan',
      docId: uuidv7(),
      programmeId: null,
      title: 'S09测试：2026年度实施计划',
      institutionId: zhaojueHospital,
      counterpartInstitutionId: spph,
      tcm: false,
      payload: {},
    });
  });

  it('refuses the submitter with 403, shows no decision and no to-do', async () => {
    const dto = (await get('province', id)).json() as WorkflowInstanceDto;
    expect(dto.can.decide).toBe(false);
    const res = await act('province', id, 'approve', { version: 1 });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toContain('不能审批本人提交的事项');
    expect(await todoIds('province')).not.toContain(id);
    expect(await todoIds('province_lead')).toContain(id);
  });

  it('still refuses the submitter when a colleague delegated to them', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/workflow/delegations',
      cookie: await as('province_lead'),
      payload: {
        toUserId: await idOfUser(t, 'province'),
        startsOn: '2026-03-02',
        endsOn: '2026-03-03',
        reason: '出差',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    try {
      expect((await act('province', id, 'approve', { version: 1 })).statusCode).toBe(403);
      expect((await get('province', id)).json().can).toMatchObject({ decide: false, onBehalfOf: null });
      expect(await todoIds('province')).not.toContain(id);
    } finally {
      await t.request({
        method: 'POST',
        url: `/api/workflow/delegations/${res.json().id}/revoke`,
        cookie: await as('province_lead'),
      });
    }
    expect((await act('province_lead', id, 'approve', { version: 1 })).statusCode).toBe(200);
  });
});

describe('delegation (代理审批)', () => {
  let id: string;
  let delegationId: string;

  beforeAll(async () => {
    // A dispatch to 布拖 at the province step: outside the contact leader's own scope (昭觉).
    id = await submitAs(t, 'spph_admin', {
      ...dispatchOf(butuoHospital),
      title: '代理测试：选派至布拖县人民医院',
    });
    await approveAs('butuo', id);
    await approveAs('liangshan', id);
  });

  it('lists colleagues of the same role and unit as candidates, without oneself', async () => {
    const lead = (
      await t.request({ method: 'GET', url: '/api/workflow/delegates', cookie: await as('province_lead') })
    ).json();
    expect(lead.items.map((u: { displayName: string }) => u.displayName).sort()).toEqual(
      ['省对口支援办 张伟', '省卫健委 定点联系领导 杨帆'].sort(),
    );
    expect(Object.keys(lead.items[0]).sort()).toEqual(['displayName', 'id']);
    const county = (
      await t.request({ method: 'GET', url: '/api/workflow/delegates?q=沙马', cookie: await as('butuo') })
    ).json();
    expect(county.total).toBe(0);
  });

  it('refuses a delegate who is no colleague, a past start, and an overlapping delegation', async () => {
    const post = async (payload: Record<string, unknown>) =>
      t.request({
        method: 'POST',
        url: '/api/workflow/delegations',
        cookie: await as('province_lead'),
        payload,
      });
    const base = {
      toUserId: await idOfUser(t, 'contact_leader'),
      startsOn: '2026-03-02',
      endsOn: '2026-03-02',
      reason: '外出督导',
    };
    expect((await post({ ...base, toUserId: await idOfUser(t, 'zhaojue') })).statusCode).toBe(400);
    expect((await post({ ...base, startsOn: '2026-03-01' })).statusCode).toBe(400);
    expect((await post({ ...base, endsOn: '2026-03-01' })).statusCode).toBe(400);
    const ok = await post(base);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({
      from: { displayName: '省对口支援办 处长 陈刚' },
      to: { displayName: '省卫健委 定点联系领导 杨帆' },
      revoked: false,
    });
    delegationId = ok.json().id;
    expect((await post(base)).statusCode).toBe(409);
    const mine = (
      await t.request({ method: 'GET', url: '/api/workflow/delegations', cookie: await as('contact_leader') })
    ).json();
    expect(mine.items.map((d: { id: string }) => d.id)).toContain(delegationId);
  });

  it('lets the delegate see the to-do marked with the delegator and decide in their name', async () => {
    const item = (await todos('contact_leader')).items.find((i) => i.id === id);
    expect(item).toMatchObject({ kind: 'approve', onBehalfOf: { displayName: '省对口支援办 处长 陈刚' } });
    const dto = (await get('contact_leader', id)).json() as WorkflowInstanceDto;
    expect(dto.can).toMatchObject({ decide: true, onBehalfOf: { displayName: '省对口支援办 处长 陈刚' } });
    const done = await approveAs('contact_leader', id, '代为审批：同意');
    expect(done.status).toBe('approved');
    expect(done.history.at(-1)).toMatchObject({
      action: 'approve',
      actor: { displayName: '省卫健委 定点联系领导 杨帆' },
      onBehalfOf: { displayName: '省对口支援办 处长 陈刚' },
    });
    const [row] = await t.database.db
      .select()
      .from(workflowActions)
      .where(and(eq(workflowActions.instanceId, id), eq(workflowActions.step, 2)));
    expect(row).toMatchObject({
      actorId: await idOfUser(t, 'contact_leader'),
      onBehalfOf: await idOfUser(t, 'province_lead'),
    });
  });

  it('stops after revocation: only the delegator revokes, once', async () => {
    const next = await submitAs(t, 'spph_admin', {
      ...dispatchOf(butuoHospital),
      title: '代理测试二：选派至布拖县人民医院',
    });
    await approveAs('butuo', next);
    await approveAs('liangshan', next);
    expect(await todoIds('contact_leader')).toContain(next);
    const revoke = async (username: string) =>
      t.request({
        method: 'POST',
        url: `/api/workflow/delegations/${delegationId}/revoke`,
        cookie: await as(username),
      });
    expect((await revoke('contact_leader')).statusCode).toBe(404);
    const res = await revoke('province_lead');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().revoked).toBe(true);
    expect((await revoke('province_lead')).statusCode).toBe(409);
    expect(await todoIds('contact_leader')).not.toContain(next);
    expect((await act('contact_leader', next, 'approve', { version: 3 })).statusCode).toBe(404);
  });

  it('stops after the last day (expiry)', async () => {
    const ctx = await ctxAs(t, 'province_lead');
    const { createDelegation } = await import('./workflow.service');
    await createDelegation(ctx, {
      toUserId: await idOfUser(t, 'contact_leader'),
      startsOn: '2026-03-02',
      endsOn: '2026-03-02',
      reason: '参加会议',
    });
    const next = await submitAs(t, 'spph_admin', {
      ...dispatchOf(butuoHospital),
      title: '代理测试三：选派至布拖县人民医院',
    });
    await approveAs('butuo', next);
    await approveAs('liangshan', next);
    const today = await todosFor(await ctxAs(t, 'contact_leader'));
    expect(today.items.map((i) => i.id)).toContain(next);
    const tomorrow = await todosFor(
      await ctxAs(t, 'contact_leader', fixedClock('2026-03-03T08:00:00+08:00')),
    );
    expect(tomorrow.items.map((i) => i.id)).not.toContain(next);
  });
});

describe('stale versions (S29)', () => {
  it('answers 409 to the second of two decisions made on the same version', async () => {
    const id = await submitAs(t, 'spph_admin', dispatchOf(zhaojueHospital));
    await approveAs('zhaojue', id);
    const first = await act('liangshan', id, 'approve', { version: 2 });
    expect(first.statusCode).toBe(200);
    const second = await act('province', id, 'approve', { version: 2 });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toContain('请刷新后重试');
    expect((await get('province', id)).json()).toMatchObject({ currentStep: 2, version: 3 });
  });
});

describe('deadlines and the overdue reminder job', () => {
  it('reminds the deciders of an overdue step once, and again at the next step', async () => {
    const title = '超期测试：选派至昭觉县人民医院';
    const id = await submitAs(t, 'spph_admin', { ...dispatchOf(zhaojueHospital), title });
    const zhaojue = await idOfUser(t, 'zhaojue');
    const overdueNotes = async (userId: string) =>
      t.database.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            eq(notifications.kind, 'workflow.overdue'),
            like(notifications.title, `%${title}`),
          ),
        );

    await remindOverdue(t.database.db, t.config, new Date('2026-03-07T23:00:00+08:00'));
    expect(await overdueNotes(zhaojue)).toHaveLength(0);
    const late = fixedClock('2026-03-08T01:00:00+08:00');
    const before = await todosFor(await ctxAs(t, 'zhaojue', late));
    expect(before.items.find((i) => i.id === id)).toMatchObject({ overdue: true });

    await remindOverdue(t.database.db, t.config, late.now());
    const [note] = await overdueNotes(zhaojue);
    expect(note).toMatchObject({ title: `审批已超期：${title}`, link: `/todos?open=${id}` });
    expect(note!.body).toContain('2026-03-07');
    // Once per step: running again adds nothing.
    await remindOverdue(t.database.db, t.config, new Date('2026-03-08T02:00:00+08:00'));
    expect(await overdueNotes(zhaojue)).toHaveLength(1);

    // The next step gets its own deadline (5 days from the decision) and its own reminder.
    const ctx = await ctxAs(t, 'zhaojue', late);
    const { approve } = await import('./workflow.service');
    const moved = await approve(ctx, id, { version: 1 });
    expect(moved.dueAt).toBe(new Date('2026-03-13T23:59:59.999+08:00').toISOString());
    await remindOverdue(t.database.db, t.config, new Date('2026-03-14T09:00:00+08:00'));
    expect(await overdueNotes(await idOfUser(t, 'liangshan'))).toHaveLength(1);
  });

  it('runs hourly, one period per hour', () => {
    const [job] = workflowJobs(t.database.db, t.config);
    expect(job!.name).toBe('workflow.remind-overdue');
    expect(job!.periodOf(new Date('2026-03-02T09:05:00+08:00'))).toBe('2026-03-02T09');
    expect(shanghaiHour(new Date('2026-03-02T23:59:00+08:00'))).toBe('2026-03-02T23');
  });
});

describe('GET /api/workflow/instances: scope, filters and pages', () => {
  it('shows the submitter their submissions, deciders what they decided, filters by status, type and document', async () => {
    const input = dispatchOf(zhaojueHospital);
    const id = await submitAs(t, 'spph_admin', input);
    const list = async (username: string, query: string) =>
      (
        await t.request({
          method: 'GET',
          url: `/api/workflow/instances?pageSize=1000${query}`,
          cookie: await as(username),
        })
      ).json() as { items: WorkflowInstanceDto[]; total: number };
    const byDoc = await list('spph_admin', `&docId=${input.docId}`);
    expect(byDoc.items.map((i) => i.id)).toEqual([id]);
    const mine = await list('spph_admin', '&mine=submitted&docType=dispatch');
    expect(mine.items.every((i) => i.submittedBy.displayName === '四川省人民医院对口支援办 刘洋')).toBe(true);
    expect(mine.total).toBe(mine.items.length);
    const decided = await list('zhaojue', '&mine=decided');
    expect(decided.total).toBeGreaterThan(0);
    expect(
      decided.items.every((i) => i.history.some((h) => h.actor.displayName === '昭觉县卫生健康局 沙马阿果')),
    ).toBe(true);
    const rejected = await list('zhaojue', '&status=rejected');
    expect(rejected.items.every((i) => i.status === 'rejected')).toBe(true);
    expect(rejected.total).toBeGreaterThan(0);
    const page = (
      await t.request({
        method: 'GET',
        url: '/api/workflow/instances?page=2&pageSize=2',
        cookie: await as('province'),
      })
    ).json();
    const all = await list('province', '');
    expect(page.total).toBe(all.total);
    expect(page.items.map((i: { id: string }) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    // 布拖's authority sees nothing of 昭觉's.
    expect((await list('butuo', `&docId=${input.docId}`)).total).toBe(0);
  });

  it('refuses roles without workflow.act (403)', async () => {
    for (const username of ['inspector', 'doctor_wang']) {
      const res = await t.request({
        method: 'GET',
        url: '/api/workflow/instances',
        cookie: await as(username),
      });
      expect(res.statusCode, username).toBe(403);
    }
  });
});

describe('approval chains', () => {
  let programmeId: string;
  beforeAll(async () => {
    const [p] = await t.database.db
      .insert(programmes)
      .values({
        code: 'wf-chain-test',
        name: '审批流程测试项目',
        regionCode: '510000',
        periodStart: '2026-01-01',
      })
      .returning({ id: programmes.id });
    programmeId = p!.id;
  });
  const put = async (payload: Record<string, unknown>, username = 'province') =>
    t.request({ method: 'PUT', url: '/api/workflow/chains', cookie: await as(username), payload });
  const chains = async (username = 'province') =>
    (await t.request({ method: 'GET', url: '/api/workflow/chains', cookie: await as(username) })).json() as {
      items: { id: string; docType: string; programmeId: string | null; version: number; steps: unknown[] }[];
    };

  it('lists a default chain for every document type, readable by deciders', async () => {
    const body = await chains('zhaojue');
    const defaults = body.items.filter((c) => c.programmeId === null).map((c) => c.docType);
    expect(defaults.sort()).toEqual([
      'device_binding',
      'dispatch',
      'leave',
      'pairing_exception',
      'plan',
      'punch_correction',
      'workload_table',
    ]);
  });

  it('gives a programme its own chain, used for documents submitted after; those under way keep their steps', async () => {
    const underWay = await submitAs(t, 'spph_admin', dispatchOf(zhaojueHospital, { programmeId }));
    const steps = [{ role: 'province_office', label: '省对口支援办直接审批', deadlineDays: 3 }];
    expect((await put({ docType: 'dispatch', programmeId, steps }, 'zhaojue')).statusCode).toBe(403);
    const res = await put({ docType: 'dispatch', programmeId, steps });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      programmeName: '审批流程测试项目',
      steps: [{ role: 'province_office', label: '省对口支援办直接审批', deadlineDays: 3, tcmOnly: false }],
      version: 1,
    });
    const chainId = res.json().id;
    const fresh = await submitAs(t, 'spph_admin', dispatchOf(zhaojueHospital, { programmeId }));
    expect(
      ((await get('spph_admin', fresh)).json() as WorkflowInstanceDto).steps.map((s) => s.label),
    ).toEqual(['省对口支援办直接审批']);
    expect(((await get('spph_admin', underWay)).json() as WorkflowInstanceDto).steps).toHaveLength(3);

    // S29 on chains: an edit needs the version it was made from.
    expect((await put({ docType: 'dispatch', programmeId, steps })).statusCode).toBe(409);
    const edited = await put({ docType: 'dispatch', programmeId, steps, version: 1 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(2);
    expect((await put({ docType: 'dispatch', programmeId, steps, version: 1 })).statusCode).toBe(409);

    const del = await t.request({
      method: 'DELETE',
      url: `/api/workflow/chains/${chainId}`,
      cookie: await as('province'),
    });
    expect(del.statusCode).toBe(204);
    const fallback = await submitAs(t, 'spph_admin', dispatchOf(zhaojueHospital, { programmeId }));
    expect(((await get('spph_admin', fallback)).json() as WorkflowInstanceDto).steps).toHaveLength(3);
    const audited = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(inArray(auditEvents.action, ['workflow.chain.update', 'workflow.chain.delete']))
      .orderBy(auditEvents.id);
    expect(audited.map((a) => a.action)).toEqual([
      'workflow.chain.update',
      'workflow.chain.update',
      'workflow.chain.delete',
    ]);
  });

  it('refuses an unusable chain, an unknown programme, and deleting a default', async () => {
    const onlyTcm = await put({
      docType: 'plan',
      programmeId,
      steps: [{ role: 'tcm_bureau', label: '省中医药管理局会审', deadlineDays: 5, tcmOnly: true }],
    });
    expect(onlyTcm.statusCode).toBe(400);
    expect(onlyTcm.json().error.message).toContain('非仅中医类');
    expect((await put({ docType: 'plan', programmeId, steps: [] })).statusCode).toBe(400);
    const unknown = await put({
      docType: 'plan',
      programmeId: uuidv7(),
      steps: [{ role: 'province_office', label: '审核', deadlineDays: 5 }],
    });
    expect(unknown.statusCode).toBe(400);
    const plan = (await chains()).items.find((c) => c.docType === 'plan' && c.programmeId === null)!;
    const del = await t.request({
      method: 'DELETE',
      url: `/api/workflow/chains/${plan.id}`,
      cookie: await as('province'),
    });
    expect(del.statusCode).toBe(400);
  });
});
