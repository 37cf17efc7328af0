import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  FileDto,
  LeaveRequestDto,
  PunchCorrectionDto,
  RequestApprovalDto,
} from '../../../shared/contracts/leave';
import type { WorkflowInstanceDto } from '../../../shared/contracts/workflow';
import {
  attendanceDirty,
  checkins,
  dispatches,
  files,
  pairings,
  policyPackVersions,
  staff,
  users,
} from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import { packInForce } from '../programme/programme.service';

/**
 * Leave, trips, compensatory rest and 补卡 through the API, on the demo: 王建华 (doctor_wang)
 * is on duty at 昭觉县人民医院 on the test clock's day (2026-03-02 09:00). The `leave` chain is
 * the recipient (zhaojue_hosp) then the sending hospital (spph_admin); `punch_correction`
 * is the recipient alone. P23's numbers are read from the pack in force, never assumed.
 */

let t: TestApp;
let wang: string;
let spph: string;
let zhaojue: string;
let office: string;
let wangStaffId: string;
let wangUserId: string;
let dispatch: { id: string; plannedStart: string; plannedEnd: string; programmeId: string };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

beforeAll(async () => {
  t = await testApp();
  [wang, spph, zhaojue, office] = await Promise.all([
    t.loginAs('support_staff'),
    t.loginAs('supporting_admin'),
    t.loginAs('recipient_admin'),
    t.loginAs('province_office'),
  ]);
  const [user] = await t.database.db.select().from(users).where(eq(users.username, 'doctor_wang'));
  wangUserId = user!.id;
  const [person] = await t.database.db.select().from(staff).where(eq(staff.userId, wangUserId));
  wangStaffId = person!.id;
  const inForce = await t.database.db
    .select({
      id: dispatches.id,
      plannedStart: dispatches.plannedStart,
      plannedEnd: dispatches.plannedEnd,
      programmeId: pairings.programmeId,
    })
    .from(dispatches)
    .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
    .where(and(eq(dispatches.staffId, wangStaffId), inArray(dispatches.status, ['approved', 'on_duty'])));
  const current = inForce.find((d) => d.plannedStart <= '2026-03-02' && '2026-03-02' <= d.plannedEnd);
  if (!current) throw new Error('the demo should have 王建华 on duty on 2026-03-02');
  dispatch = current;
});

const post = (cookie: string, url: string, payload: unknown) =>
  t.request({ method: 'POST', url, cookie, payload: payload as object });
const get = (cookie: string, url: string) => t.request({ method: 'GET', url, cookie });

async function upload(cookie: string, fileName: string, content: Buffer, type = 'application/octet-stream') {
  return t.request({
    method: 'POST',
    url: `/api/files?fileName=${encodeURIComponent(fileName)}`,
    cookie,
    headers: { 'content-type': type },
    payload: content,
  });
}

async function fileLeave(payload: Record<string, unknown>) {
  const res = await post(wang, '/api/leave-requests', { reason: '家中有事', ...payload });
  return res;
}

/** The open passage of a document, as the approvers see it. */
async function instanceOf(cookie: string, docId: string): Promise<WorkflowInstanceDto> {
  const res = await get(cookie, `/api/workflow/instances?docId=${docId}`);
  expect(res.statusCode, res.body).toBe(200);
  const [latest] = res.json().items as WorkflowInstanceDto[];
  if (!latest) throw new Error(`no passage for ${docId}`);
  return (await get(cookie, `/api/workflow/instances/${latest.id}`)).json();
}

async function decide(
  cookie: string,
  docId: string,
  action: 'approve' | 'reject' | 'return',
  comment?: string,
) {
  const inst = await instanceOf(cookie, docId);
  const res = await post(cookie, `/api/workflow/instances/${inst.id}/${action}`, {
    version: inst.version,
    ...(comment ? { comment } : {}),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as WorkflowInstanceDto;
}

const dirtyDays = async () =>
  (
    await t.database.db
      .select({ date: attendanceDirty.date })
      .from(attendanceDirty)
      .where(eq(attendanceDirty.staffId, wangStaffId))
  )
    .map((r) => r.date)
    .sort();

const clearDirty = () =>
  t.database.db.delete(attendanceDirty).where(eq(attendanceDirty.staffId, wangStaffId));

describe('leave through its approval passage', () => {
  it('a leave with a photo goes to the recipient, then the sending hospital, and excuses its days', async () => {
    const photo = await upload(wang, '病假条.png', PNG, 'image/png');
    expect(photo.statusCode, photo.body).toBe(201);
    const file = photo.json() as FileDto;
    expect(file).toMatchObject({ fileName: '病假条.png', size: PNG.length, mime: 'image/png' });

    const res = await fileLeave({
      kind: 'leave',
      leaveType: 'personal',
      startDate: '2026-03-05',
      endDate: '2026-03-06',
      attachments: [file.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const leave = res.json() as LeaveRequestDto;
    expect(leave).toMatchObject({
      staffId: wangStaffId,
      staffName: '王建华',
      dispatchId: dispatch.id,
      kind: 'leave',
      leaveType: 'personal',
      days: 2,
      status: 'pending',
      recipient: { name: '昭觉县人民医院' },
      home: { name: '四川省人民医院' },
      decidedAt: null,
    });
    expect(leave.attachments.map((a) => a.id)).toEqual([file.id]);

    const inst = await instanceOf(zhaojue, leave.id);
    expect(inst.title).toBe('王建华 请假（事假）2026-03-05—2026-03-06');
    expect(inst.docType).toBe('leave');
    expect(inst.steps.map((s) => s.role)).toEqual(['recipient_admin', 'supporting_admin']);

    await clearDirty();
    await decide(zhaojue, leave.id, 'approve');
    expect((await get(wang, `/api/leave-requests/${leave.id}`)).json().status).toBe('pending');
    expect(await dirtyDays()).toEqual([]);

    await decide(spph, leave.id, 'approve', '同意');
    const done = (await get(wang, `/api/leave-requests/${leave.id}`)).json() as LeaveRequestDto;
    expect(done.status).toBe('approved');
    expect(done.decidedAt).toBe(t.clock.now().toISOString());
    expect(await dirtyDays()).toEqual(['2026-03-05', '2026-03-06']);
  });

  it('a trip needs its destination; compensatory rest takes no leave type', async () => {
    const noPlace = await fileLeave({ kind: 'trip', startDate: '2026-03-10', endDate: '2026-03-10' });
    expect(noPlace.statusCode).toBe(400);
    expect(noPlace.json().error.message).toContain('请填写出差地点');
    const noType = await fileLeave({ kind: 'leave', startDate: '2026-03-10', endDate: '2026-03-10' });
    expect(noType.statusCode).toBe(400);
    expect(noType.json().error.message).toContain('请选择请假类别');
    const typed = await fileLeave({
      kind: 'comp_rest',
      leaveType: 'sick',
      startDate: '2026-03-10',
      endDate: '2026-03-10',
    });
    expect(typed.statusCode).toBe(400);

    const trip = await fileLeave({
      kind: 'trip',
      destination: '成都',
      startDate: '2026-03-10',
      endDate: '2026-03-11',
      reason: '参加省级培训',
    });
    expect(trip.statusCode, trip.body).toBe(201);
    expect(trip.json()).toMatchObject({ kind: 'trip', destination: '成都', leaveType: null, days: 2 });
    expect((await instanceOf(zhaojue, trip.json().id)).title).toBe(
      '王建华 出差（成都）2026-03-10—2026-03-11',
    );
  });

  it('refuses days outside the dispatch and days another request holds', async () => {
    const after = await fileLeave({
      kind: 'leave',
      leaveType: 'annual',
      startDate: dispatch.plannedEnd,
      endDate: '2030-01-01',
    });
    expect(after.statusCode).toBe(400);
    expect(after.json().error.code).toBe('OUTSIDE_DISPATCH');
    expect(after.json().error.message).toContain(`${dispatch.plannedStart} 至 ${dispatch.plannedEnd}`);

    // 2026-03-05—06 is approved above, 03-10—11 pending: any shared day is refused.
    for (const [startDate, endDate] of [
      ['2026-03-06', '2026-03-08'],
      ['2026-03-01', '2026-03-05'],
      ['2026-03-11', '2026-03-11'],
    ]) {
      const res = await fileLeave({ kind: 'comp_rest', startDate, endDate });
      expect(res.statusCode, `${startDate}—${endDate}`).toBe(409);
      expect(res.json().error.code).toBe('LEAVE_OVERLAP');
    }
    const between = await fileLeave({ kind: 'comp_rest', startDate: '2026-03-07', endDate: '2026-03-09' });
    expect(between.statusCode, between.body).toBe(201);
    expect((await instanceOf(zhaojue, between.json().id)).title).toBe(
      '王建华 值班补休 2026-03-07—2026-03-09',
    );
  });

  it('the applicant withdraws a pending request, which frees its days; not an approved one', async () => {
    const res = await fileLeave({
      kind: 'leave',
      leaveType: 'sick',
      startDate: '2026-03-16',
      endDate: '2026-03-16',
    });
    const leave = res.json() as LeaveRequestDto;
    const stale = await post(wang, `/api/leave-requests/${leave.id}/withdraw`, {
      version: leave.version + 1,
    });
    expect(stale.statusCode).toBe(409);
    const ok = await post(wang, `/api/leave-requests/${leave.id}/withdraw`, { version: leave.version });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().status).toBe('withdrawn');
    expect((await instanceOf(zhaojue, leave.id)).status).toBe('withdrawn');
    const again = await fileLeave({
      kind: 'leave',
      leaveType: 'sick',
      startDate: '2026-03-16',
      endDate: '2026-03-16',
    });
    expect(again.statusCode, again.body).toBe(201);

    const [approved] = (await get(wang, '/api/leave-requests?status=approved&from=2026-03-01')).json()
      .items as LeaveRequestDto[];
    const late = await post(wang, `/api/leave-requests/${approved!.id}/withdraw`, {
      version: approved!.version,
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('已批准');
  });

  it('follows rejection and return; a returned request comes back pending when resubmitted', async () => {
    const a = (
      await fileLeave({ kind: 'leave', leaveType: 'other', startDate: '2026-04-01', endDate: '2026-04-01' })
    ).json() as LeaveRequestDto;
    await decide(zhaojue, a.id, 'reject', '科室人手不足');
    expect((await get(wang, `/api/leave-requests/${a.id}`)).json().status).toBe('rejected');

    const b = (
      await fileLeave({ kind: 'leave', leaveType: 'other', startDate: '2026-04-02', endDate: '2026-04-02' })
    ).json() as LeaveRequestDto;
    await decide(zhaojue, b.id, 'return', '请补充证明材料');
    expect((await get(wang, `/api/leave-requests/${b.id}`)).json().status).toBe('returned');
    // a returned request still holds its day
    const clash = await fileLeave({ kind: 'comp_rest', startDate: '2026-04-02', endDate: '2026-04-02' });
    expect(clash.statusCode).toBe(409);
    // the applicant reads why (support staff have no approvals page) and resubmits
    const approval = (await get(wang, `/api/leave-requests/${b.id}/approval`)).json() as RequestApprovalDto;
    expect(approval.instance?.status).toBe('returned');
    expect(approval.instance?.history.map((h) => [h.action, h.comment])).toEqual([
      ['submit', null],
      ['return', '请补充证明材料'],
    ]);
    const returned = (await get(wang, `/api/leave-requests/${b.id}`)).json() as LeaveRequestDto;
    expect(
      (await post(spph, `/api/leave-requests/${b.id}/resubmit`, { version: returned.version })).statusCode,
    ).toBe(403);
    const resubmit = await post(wang, `/api/leave-requests/${b.id}/resubmit`, {
      version: returned.version,
      comment: '已补充',
    });
    expect(resubmit.statusCode, resubmit.body).toBe(200);
    expect(resubmit.json().status).toBe('pending');
    expect((await instanceOf(zhaojue, b.id)).status).toBe('pending');
    const again = await post(wang, `/api/leave-requests/${b.id}/resubmit`, {
      version: resubmit.json().version,
    });
    expect(again.statusCode).toBe(409);
  });

  it('only staff file requests, for themselves', async () => {
    const res = await post(spph, '/api/leave-requests', {
      kind: 'comp_rest',
      startDate: '2026-05-01',
      endDate: '2026-05-01',
      reason: '值班',
    });
    expect(res.statusCode).toBe(403);
    expect(
      (await post(office, '/api/punch-corrections', { date: '2026-03-01', time: '08:00', reason: '忘打卡' }))
        .statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url: '/api/leave-requests' })).statusCode).toBe(401);
  });
});

describe('lists and attachments, in scope', () => {
  it('the person sees their own; the sending and the receiving hospital see them too', async () => {
    const own = (await get(wang, '/api/leave-requests?pageSize=100')).json() as {
      items: LeaveRequestDto[];
      total: number;
    };
    expect(own.total).toBe(own.items.length);
    expect(own.items.length).toBeGreaterThanOrEqual(6);
    expect(new Set(own.items.map((i) => i.staffId))).toEqual(new Set([wangStaffId]));
    for (const cookie of [spph, zhaojue, office]) {
      const res = await get(cookie, `/api/leave-requests?staffId=${wangStaffId}&pageSize=100`);
      expect(res.statusCode).toBe(200);
      expect((res.json().items as LeaveRequestDto[]).map((i) => i.id)).toEqual(own.items.map((i) => i.id));
    }
    const trips = (await get(spph, `/api/leave-requests?kind=trip&staffId=${wangStaffId}`)).json() as {
      items: LeaveRequestDto[];
    };
    expect(trips.items.map((i) => [i.startDate, i.destination])).toEqual([['2026-03-10', '成都']]);
    const march = (
      await get(spph, `/api/leave-requests?from=2026-03-06&to=2026-03-10&staffId=${wangStaffId}&pageSize=100`)
    ).json() as { items: LeaveRequestDto[] };
    expect(march.items.map((i) => i.startDate).sort()).toEqual(['2026-03-05', '2026-03-07', '2026-03-10']);
  });

  it('serves an attachment only through a request that holds it, as a download', async () => {
    const [withFile] = (
      await get(zhaojue, `/api/leave-requests?from=2026-03-05&to=2026-03-05&staffId=${wangStaffId}`)
    ).json().items as LeaveRequestDto[];
    const file = withFile!.attachments[0]!;
    const res = await get(zhaojue, `/api/leave-requests/${withFile!.id}/attachments/${file.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-disposition'])).toMatch(
      /^attachment; filename=".*\.png"; filename\*=UTF-8''/,
    );
    expect(res.rawPayload.equals(PNG)).toBe(true);

    const [other] = (await get(zhaojue, `/api/leave-requests?kind=trip&staffId=${wangStaffId}`)).json()
      .items as LeaveRequestDto[];
    expect((await get(zhaojue, `/api/leave-requests/${other!.id}/attachments/${file.id}`)).statusCode).toBe(
      404,
    );
  });

  it("refuses to attach someone else's upload", async () => {
    // The demo has one staff account: another uploader is simulated by changing the file's uploader.
    const up = (await upload(wang, 'a.png', PNG)).json() as FileDto;
    const [other] = await t.database.db.select().from(users).where(eq(users.username, 'province'));
    await t.database.db.update(files).set({ uploadedBy: other!.id }).where(eq(files.id, up.id));
    const res = await fileLeave({
      kind: 'comp_rest',
      startDate: '2026-05-04',
      endDate: '2026-05-04',
      attachments: [up.id],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('INVALID_ATTACHMENT');
  });
});

describe('补卡 (P23)', () => {
  let perMonth: number;
  let deadlineDays: number;
  const fileCorrection = (date: string, time: string, extra: Record<string, unknown> = {}) =>
    post(wang, '/api/punch-corrections', { date, time, reason: '手机没电未能打卡', ...extra });

  beforeAll(async () => {
    const { pack } = await packInForce(t.database.db, dispatch.programmeId, '2026-03-01');
    perMonth = pack.rules.P23.params.correctionsPerMonth;
    deadlineDays = pack.rules.P23.params.correctionDeadlineDays;
    expect(pack.rules.P23.enabled).toBe(true);
  });

  const daysBefore = (n: number) =>
    new Date(Date.parse('2026-03-02T00:00:00Z') - n * 86_400_000).toISOString().slice(0, 10);

  it('accepts a day exactly at the deadline, refuses the day before it and the future', async () => {
    const atDeadline = await fileCorrection(daysBefore(deadlineDays), '08:30');
    expect(atDeadline.statusCode, atDeadline.body).toBe(201);
    const tooLate = await fileCorrection(daysBefore(deadlineDays + 1), '08:30');
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.json().error).toMatchObject({ code: 'CORRECTION_TOO_LATE' });
    expect(tooLate.json().error.message).toContain(`${deadlineDays} 天内`);
    expect(tooLate.json().error.message).toContain('P23');
    // the clock says 09:00 on 2026-03-02
    expect((await fileCorrection('2026-03-02', '09:01')).statusCode).toBe(400);
    expect((await fileCorrection('2026-03-03', '08:00')).statusCode).toBe(400);
    const now = await fileCorrection('2026-03-02', '09:00');
    expect(now.statusCode, now.body).toBe(201);
    // the same punch twice
    expect((await fileCorrection('2026-03-02', '09:00')).statusCode).toBe(409);
    // withdraw both so the month's count below starts at zero
    for (const res of [atDeadline, now]) {
      const c = res.json() as PunchCorrectionDto;
      const w = await post(wang, `/api/punch-corrections/${c.id}/withdraw`, { version: c.version });
      expect(w.statusCode, w.body).toBe(200);
      expect(w.json().status).toBe('withdrawn');
    }
  });

  it('allows exactly the monthly limit and refuses one more with the rule named', async () => {
    const filed: PunchCorrectionDto[] = [];
    for (let i = 0; i < perMonth; i++) {
      const time = `0${i % 9}:1${i % 6}`.slice(-5);
      const res = await fileCorrection(i % 2 ? '2026-03-01' : '2026-03-02', time);
      expect(res.statusCode, `${i + 1} of ${perMonth}: ${res.body}`).toBe(201);
      filed.push(res.json());
    }
    const over = await fileCorrection('2026-03-01', '08:59');
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('CORRECTION_LIMIT');
    expect(over.json().error.message).toContain(`每月 ${perMonth} 次的上限（P23）`);
    expect(over.json().error.message).toContain('2026年3月');

    // a rejected one frees its place
    await decide(zhaojue, filed[0]!.id, 'reject', '当日有排班记录，无需补卡');
    const freed = await fileCorrection('2026-03-01', '08:59');
    expect(freed.statusCode, freed.body).toBe(201);
  });

  it('when approved writes the punch it stands for', async () => {
    const [pending] = (
      await get(wang, '/api/punch-corrections?status=pending&from=2026-03-01&to=2026-03-01')
    ).json().items as PunchCorrectionDto[];
    const inst = await instanceOf(zhaojue, pending!.id);
    expect(inst.title).toBe(`王建华 补卡 ${pending!.date} ${pending!.time}`);
    expect(inst.steps.map((s) => s.role)).toEqual(['recipient_admin']);
    await clearDirty();
    await decide(zhaojue, pending!.id, 'approve');
    const done = (await get(spph, `/api/punch-corrections/${pending!.id}`)).json() as PunchCorrectionDto;
    expect(done.status).toBe('approved');
    expect(done.checkinId).not.toBeNull();
    const [punch] = await t.database.db.select().from(checkins).where(eq(checkins.id, done.checkinId!));
    expect(punch).toMatchObject({
      staffId: wangStaffId,
      dispatchId: dispatch.id,
      source: 'correction',
      correctionId: done.id,
      inside: true,
      localDate: pending!.date,
      locationEnc: null,
      userId: wangUserId,
    });
    expect(punch!.punchedAt.toISOString()).toBe(
      new Date(`${pending!.date}T${pending!.time}:00+08:00`).toISOString(),
    );
    expect(await dirtyDays()).toEqual([pending!.date]);
  });

  it('reads the limit from the pack version in force: a stricter version applies at once', async () => {
    const { version, pack } = await packInForce(t.database.db, dispatch.programmeId, '2026-03-02');
    const stricter = structuredClone(pack);
    stricter.rules.P23.params.correctionsPerMonth = 1;
    stricter.rules.P23.params.correctionDeadlineDays = 0;
    await t.database.db.insert(policyPackVersions).values({
      programmeId: dispatch.programmeId,
      version: version + 100,
      effectiveFrom: '2026-03-02',
      pack: stricter,
    });
    // 2026-03-01 is judged by the version in force that day: still the old numbers
    const before = await fileCorrection('2026-03-01', '07:07');
    expect(before.statusCode).toBe(409);
    expect(before.json().error.message).toContain(`每月 ${perMonth} 次的上限（P23）`);
    // 2026-03-02 by the new one: one a month, so the month's corrections already exceed it
    const after = await fileCorrection('2026-03-02', '07:07');
    expect(after.statusCode).toBe(409);
    expect(after.json().error.message).toContain('每月 1 次的上限（P23）');
  });
});
