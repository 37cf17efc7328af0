import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  BoardDto,
  DailyStatusDto,
  JustificationDto,
  PresenceDto,
} from '../../../shared/contracts/attendance';
import { Role } from '../../../shared/enums';
import { idCheckChar } from '../../../shared/id-number';
import { hasPermission } from '../../../shared/permissions';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { Title } from '../../../shared/policy/schema';
import {
  attendanceDays,
  attendanceDirty,
  auditEvents,
  calendarDays,
  checkins,
  dispatches,
  institutions,
  leaveRequests,
  pairings,
  staff,
  userScopes,
  users,
} from '../../db/schema';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY, type TestApp, testApp } from '../../test/app';
import * as staffRepo from '../staff/staff.repo';
import { staffRowFrom } from '../staff/staff.service';
import { attendanceJobs } from './daily.jobs';
import { drainDirty, NIGHTLY_DAYS_BACK, recomputeDays } from './daily.service';
import { markDirty } from './dirty';

/**
 * Daily status, presence, justifications and the board through the API, on people of our
 * own (the demo's punches may change): 四川省人民医院 staff stationed in 昭觉县人民医院 with
 * their own support-staff accounts. The test clock reads 2026-03-02 (Monday) 09:00.
 */

let t: TestApp;
let zhaojueHosp: string;
let county: string;
let spph: string;
let wang: string;
let office: string;
const keys = deriveKeys(staticKeyProvider(Buffer.from(TEST_KEY, 'hex')));

const idOf = async (name: string) => {
  const [row] = await t.database.db
    .select({ id: institutions.id })
    .from(institutions)
    .where(eq(institutions.name, name));
  if (!row) throw new Error(`no institution ${name}`);
  return row.id;
};

let serial = 0;
interface Person {
  staffId: string;
  dispatchId: string;
  cookie: string;
  name: string;
}

/** A 四川省人民医院 person with a sign-in, approved and on duty in 昭觉 from `start`. */
async function person(name: string, title: Title, start: string, status: 'on_duty' | 'proposed' = 'on_duty') {
  serial++;
  const home = await idOf('四川省人民医院');
  const recipient = await idOf('昭觉县人民医院');
  const first17 = `51010719${70 + serial}0315${String(611 + serial * 2).padStart(3, '0')}`;
  const built = staffRowFrom(
    { keys, today: '2026-03-02', institution: { id: home, name: '四川省人民医院', role: 'supporting' } },
    {
      side: 'support',
      name,
      gender: 'male',
      idNumber: first17 + idCheckChar(first17),
      institutionId: home,
      title,
      postType: 'professional',
    },
  );
  if (built.problems) throw new Error(JSON.stringify(built.problems));
  const staffId = await staffRepo.insertOne(t.database.db, built.row);
  const [template] = await t.database.db.select({ hash: users.passwordHash }).from(users).limit(1);
  const username = `att_${serial}_${Math.random().toString(36).slice(2, 8)}`;
  const [user] = await t.database.db
    .insert(users)
    .values({
      username,
      displayName: name,
      role: 'support_staff',
      passwordHash: template!.hash,
      institutionId: home,
    })
    .returning({ id: users.id });
  await t.database.db.insert(userScopes).values({ userId: user!.id, kind: 'self' });
  await t.database.db.update(staff).set({ userId: user!.id }).where(eq(staff.id, staffId));
  const [pairing] = await t.database.db
    .select({ id: pairings.id })
    .from(pairings)
    .where(and(eq(pairings.supportingInstitutionId, home), eq(pairings.recipientInstitutionId, recipient)))
    .orderBy(desc(pairings.periodStart))
    .limit(1);
  const approved = status === 'on_duty';
  const [d] = await t.database.db
    .insert(dispatches)
    .values({
      staffId,
      pairingId: pairing!.id,
      recipientInstitutionId: recipient,
      batch: '2026年第一批',
      kind: title === 'deputy_senior' ? 'flexible_resident' : 'resident',
      role: 'clinical',
      plannedStart: start,
      plannedEnd: '2026-12-31',
      arrivedOn: approved ? start : null,
      status,
      approvedAt: approved ? new Date('2025-12-20T10:00:00+08:00') : null,
      titleAtApproval: approved ? title : null,
      presenceRule: approved ? (title === 'deputy_senior' ? 'P07' : 'P06') : null,
    })
    .returning({ id: dispatches.id });
  return { staffId, dispatchId: d!.id, cookie: await t.loginUser(username), name } satisfies Person;
}

/** A punch as the check-in service records it, with its dirty mark. */
async function punch(p: Person, date: string, time: string, inside = true, distanceM = 120) {
  const id = randomUUID();
  await t.database.db.insert(checkins).values({
    id,
    staffId: p.staffId,
    dispatchId: p.dispatchId,
    source: 'app',
    punchedAt: new Date(`${date}T${time}:00+08:00`),
    localDate: date,
    receivedAt: new Date(`${date}T${time}:05+08:00`),
    provider: 'browser',
    crs: 'wgs84',
    locationEnc: 'test',
    latRounded: 28.01,
    lngRounded: 102.85,
    accuracyM: 15,
    distanceM,
    inside,
    outsideReason: inside ? null : '到乡镇卫生院巡诊',
  });
  await markDirty(t.database.db, p.staffId, date);
  return id;
}

async function approvedLeave(p: Person, from: string, to: string) {
  const [row] = await t.database.db
    .insert(leaveRequests)
    .values({
      staffId: p.staffId,
      dispatchId: p.dispatchId,
      kind: 'leave',
      leaveType: 'sick',
      startDate: from,
      endDate: to,
      reason: '急性支气管炎，遵医嘱休息',
      status: 'approved',
      decidedAt: new Date(`${from}T08:00:00+08:00`),
    })
    .returning({ id: leaveRequests.id });
  await markDirty(t.database.db, p.staffId, from, to);
  return row!.id;
}

const daily = async (p: Person, from: string, to: string, cookie = zhaojueHosp) => {
  const res = await t.request({
    method: 'GET',
    url: `/api/attendance/daily?staffId=${p.staffId}&from=${from}&to=${to}`,
    cookie,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as DailyStatusDto[];
};
const presence = async (p: Person, cookie = zhaojueHosp) => {
  const res = await t.request({
    method: 'GET',
    url: `/api/attendance/presence?dispatchId=${p.dispatchId}`,
    cookie,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as PresenceDto;
};

let liu: Person; // 中级, P06, from 2026-02-24
let zhou: Person; // 副高, P07, from 2026-01-20
let outsidePunch: string;
let firstPunch: string;
let leaveId: string;

beforeAll(async () => {
  t = await testApp();
  [zhaojueHosp, county, spph, wang, office] = await Promise.all([
    t.loginAs('recipient_admin'),
    t.loginAs('county_authority'),
    t.loginAs('supporting_admin'),
    t.loginAs('support_staff'),
    t.loginAs('province_office'),
  ]);
  // 2026-02-28 (Saturday) is the 春节 make-up working day, whatever the seeded calendar says.
  await t.database.db
    .insert(calendarDays)
    .values({ date: '2026-02-28', kind: 'workday', name: '春节', source: 'manual' })
    .onConflictDoUpdate({ target: calendarDays.date, set: { kind: 'workday', name: '春节' } });
  liu = await person('刘晓燕', 'intermediate', '2026-02-24');
  zhou = await person('周明远', 'deputy_senior', '2026-01-20');
  firstPunch = await punch(liu, '2026-02-24', '08:52');
  outsidePunch = await punch(liu, '2026-02-25', '09:10', false, 2400);
  leaveId = await approvedLeave(liu, '2026-02-26', '2026-02-26');
  await punch(liu, '2026-02-28', '08:31');
  // 周明远: January from the 20th needs ceil(5×12/31) = 2 (has 2); February needs 5 (has 4).
  for (const d of ['2026-01-21', '2026-01-22', '2026-02-03', '2026-02-04', '2026-02-05', '2026-02-06'])
    await punch(zhou, d, '08:45');
});

describe('GET /api/attendance/daily: one row per day with its status and reason', () => {
  it('gives each day of the dispatch in range its status, by precedence, with the reason', async () => {
    const days = await daily(liu, '2026-02-20', '2026-03-05');
    expect(days.map((d) => [d.date, d.status, d.workingDay])).toEqual([
      ['2026-02-24', 'on_site', true],
      ['2026-02-25', 'absent', true],
      ['2026-02-26', 'leave', true],
      ['2026-02-27', 'absent', true],
      ['2026-02-28', 'on_site', true],
      ['2026-03-01', 'rest_day', false],
      ['2026-03-02', 'pending', true],
    ]);
    const [onSite, outside, leave, absent] = days;
    expect(onSite!.reason).toEqual({
      text: '08:52 在昭觉县人民医院围栏内打卡（距中心 120 米）',
      rule: null,
      checkinIds: [firstPunch],
      requestId: null,
      holiday: null,
    });
    expect(outside!.reason.rule).toBe('P06');
    expect(outside!.reason.checkinIds).toEqual([outsidePunch]);
    expect(outside!.reason.text).toContain(
      '09:10 在昭觉县人民医院围栏外打卡（距中心 2.4 公里，外勤说明：到乡镇卫生院巡诊）',
    );
    expect(leave!.reason).toMatchObject({ requestId: leaveId, text: '经批准请假（病假），2026-02-26' });
    expect(absent!.reason.text).toBe(
      '工作日无有效打卡，且无经批准的请假、出差或值班补休，按擅自离岗计（P06）',
    );
    expect(days[4]!.reason.holiday).toBe('春节');
    expect(days.every((d) => d.policyVersion !== null && d.dispatchId === liu.dispatchId)).toBe(true);
  });

  it('recomputes a day when its input changes (a punch marks it dirty) and drains the mark', async () => {
    await punch(liu, '2026-03-02', '08:40');
    const [today] = await daily(liu, '2026-03-02', '2026-03-02');
    expect(today!.status).toBe('on_site');
    const marks = await t.database.db
      .select()
      .from(attendanceDirty)
      .where(eq(attendanceDirty.staffId, liu.staffId));
    expect(marks).toEqual([]);
  });

  it('is idempotent: recomputing gives the same rows; the drain takes only marked days', async () => {
    const before = await t.database.db
      .select({ date: attendanceDays.date, status: attendanceDays.status, reason: attendanceDays.reason })
      .from(attendanceDays)
      .where(eq(attendanceDays.staffId, liu.staffId))
      .orderBy(attendanceDays.date);
    expect(await recomputeDays(t.database.db, liu.staffId, '2026-02-01', '2026-03-31', t.clock.now())).toBe(
      7,
    );
    const after = await t.database.db
      .select({ date: attendanceDays.date, status: attendanceDays.status, reason: attendanceDays.reason })
      .from(attendanceDays)
      .where(eq(attendanceDays.staffId, liu.staffId))
      .orderBy(attendanceDays.date);
    expect(after).toEqual(before);
    await markDirty(t.database.db, liu.staffId, '2026-02-27');
    await t.database.db.insert(checkins).values({
      id: randomUUID(),
      staffId: liu.staffId,
      dispatchId: liu.dispatchId,
      source: 'dingtalk',
      punchedAt: new Date('2026-02-27T08:58:00+08:00'),
      localDate: '2026-02-27',
      receivedAt: new Date('2026-02-27T09:00:00+08:00'),
      inside: true,
      externalId: 'ding-1',
    });
    expect(await drainDirty(t.database.db, 100, t.clock.now())).toBeGreaterThanOrEqual(1);
    const [row] = await t.database.db
      .select({ status: attendanceDays.status, reason: attendanceDays.reason })
      .from(attendanceDays)
      .where(and(eq(attendanceDays.dispatchId, liu.dispatchId), eq(attendanceDays.date, '2026-02-27')));
    expect(row).toMatchObject({ status: 'on_site', reason: { text: '08:58 钉钉打卡（考勤结果正常）' } });
  });

  it('the jobs drain the marks and recompute the recent days of everyone on duty', async () => {
    const jobs = attendanceJobs(t.database.db);
    expect(jobs.map((j) => j.name)).toEqual(['attendance.drain-dirty', 'attendance.recompute-nightly']);
    await t.database.db
      .delete(attendanceDays)
      .where(and(eq(attendanceDays.dispatchId, liu.dispatchId), eq(attendanceDays.date, '2026-02-25')));
    await markDirty(t.database.db, liu.staffId, '2026-02-24', '2026-02-25');
    await jobs[0]!.run(t.clock.now());
    expect(await t.database.db.select().from(attendanceDirty)).toEqual([]);
    const [again] = await t.database.db
      .select({ status: attendanceDays.status })
      .from(attendanceDays)
      .where(and(eq(attendanceDays.dispatchId, liu.dispatchId), eq(attendanceDays.date, '2026-02-25')));
    expect(again).toEqual({ status: 'absent' });
    await t.database.db.delete(attendanceDays).where(eq(attendanceDays.dispatchId, zhou.dispatchId));
    await jobs[1]!.run(t.clock.now());
    const recent = await t.database.db
      .select({ date: attendanceDays.date })
      .from(attendanceDays)
      .where(eq(attendanceDays.dispatchId, zhou.dispatchId))
      .orderBy(attendanceDays.date);
    expect(NIGHTLY_DAYS_BACK).toBe(7);
    expect(recent.map((r) => r.date)).toEqual([
      '2026-02-23',
      '2026-02-24',
      '2026-02-25',
      '2026-02-26',
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });

  it('drops the days a dispatch no longer covers when it ends earlier', async () => {
    const ended = await person('吴建国', 'intermediate', '2026-02-23');
    expect((await daily(ended, '2026-02-23', '2026-03-02')).length).toBe(8);
    await t.database.db
      .update(dispatches)
      .set({ status: 'ended_early', endedOn: '2026-02-26', endReason: '家中突发变故，经批准提前结束' })
      .where(eq(dispatches.id, ended.dispatchId));
    const days = await daily(ended, '2026-02-23', '2026-03-02');
    expect([days[0]!.date, days.at(-1)!.date, days.length]).toEqual(['2026-02-23', '2026-02-26', 4]);
  });

  it('a never-approved dispatch has no days (P05)', async () => {
    const proposed = await person('郑海波', 'intermediate', '2026-02-02', 'proposed');
    expect(await daily(proposed, '2026-02-02', '2026-03-02', spph)).toEqual([]);
  });

  it('is scoped: both sides and the person see it; another support staff member does not', async () => {
    for (const cookie of [zhaojueHosp, county, spph, office, liu.cookie])
      expect((await daily(liu, '2026-02-24', '2026-02-24', cookie)).map((d) => d.status)).toEqual([
        'on_site',
      ]);
    const other = await t.request({
      method: 'GET',
      url: `/api/attendance/daily?staffId=${liu.staffId}&from=2026-02-24&to=2026-02-24`,
      cookie: wang,
    });
    expect(other.statusCode).toBe(404);
  });

  it('refuses a reversed or too long range', async () => {
    const url = (from: string, to: string) =>
      `/api/attendance/daily?staffId=${liu.staffId}&from=${from}&to=${to}`;
    const reversed = await t.request({ method: 'GET', url: url('2026-03-02', '2026-03-01'), cookie: office });
    expect([reversed.statusCode, reversed.json().error.message]).toEqual([400, '结束日期不能早于开始日期']);
    const long = await t.request({ method: 'GET', url: url('2025-01-01', '2026-03-01'), cookie: office });
    expect([long.statusCode, long.json().error.message]).toEqual([400, '一次最多查询 400 天']);
  });
});

describe('GET /api/attendance/presence', () => {
  it('P06: required days, on-site days, rate and one violation per absence, numbers from the pack', async () => {
    const p = await presence(liu);
    // 02-24 … 03-02 so far: 02-24, 02-27 (DingTalk), 02-28 on site, 02-25 absent, 02-26 leave, today on site.
    expect(p).toMatchObject({
      rule: 'P06',
      policyVersion: 1,
      from: '2026-02-24',
      to: '2026-03-02',
      requiredDays: 5,
      onSiteRequiredDays: 4,
      attendanceRatePct: 80,
      absentDates: ['2026-02-25'],
      months: [],
      minTotalDays: null,
    });
    expect(p.counts).toMatchObject({ on_site: 4, absent: 1, leave: 1, rest_day: 1, pending: 0 });
    expect(p.violations).toEqual([
      {
        rule: 'P06',
        level: SICHUAN_2017_172.rules.P06.level,
        message:
          '2026-02-25 为工作日，无有效打卡，且无经批准的请假、出差或值班补休，属擅自离岗（除法定节假日外须在岗履职）',
        inputs: { date: '2026-02-25', justified: false, source: SICHUAN_2017_172.rules.P06.source },
      },
    ]);
  });

  it('P07: months pro-rated, the current month as progress, the total not judged before the end', async () => {
    const p = await presence(zhou);
    expect(p.rule).toBe('P07');
    expect(p.months).toEqual([
      { month: '2026-01', coveredDays: 12, required: 2, onSiteDays: 2, remoteGuidance: null, met: true },
      { month: '2026-02', coveredDays: 28, required: 5, onSiteDays: 4, remoteGuidance: null, met: false },
      { month: '2026-03', coveredDays: 31, required: 5, onSiteDays: 0, remoteGuidance: null, met: false },
    ]);
    expect([p.onSiteDays, p.minTotalDays]).toEqual([6, SICHUAN_2017_172.rules.P07.params.minTotalDays]);
    expect(p.violations.map((v) => [v.rule, v.level, v.inputs.month, v.inputs.justified])).toEqual([
      ['P07', 'in_principle', '2026-02', false],
    ]);
    expect(p.counts.off_site).toBeGreaterThan(0);
  });

  it('is 404 out of scope', async () => {
    const res = await t.request({
      method: 'GET',
      url: `/api/attendance/presence?dispatchId=${liu.dispatchId}`,
      cookie: wang,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('justifications: filed for an actual violation, reviewed by the recipient side, accepted ones stay visible', () => {
  const file = (p: Person, body: object, cookie = p.cookie) =>
    t.request({ method: 'POST', url: '/api/attendance/justifications', cookie, payload: body });
  const review = (id: string, body: object, cookie = zhaojueHosp) =>
    t.request({ method: 'POST', url: `/api/attendance/justifications/${id}/review`, cookie, payload: body });
  const feb = {
    rule: 'P07',
    fromDate: '2026-02-01',
    toDate: '2026-02-28',
    cause: 'work',
    text: '2月上旬起参加省卫健委组织的包虫病防治培训，驻点天数不足',
  };
  let filed: JustificationDto;

  it('refuses dates without a violation, the other rule, and someone else’s dispatch', async () => {
    const jan = await file(zhou, {
      ...feb,
      dispatchId: zhou.dispatchId,
      fromDate: '2026-01-20',
      toDate: '2026-01-31',
    });
    expect([jan.statusCode, jan.json().error.code]).toEqual([400, 'NO_SUCH_VIOLATION']);
    expect(jan.json().error.message).toContain('2026年1月的驻点天数未被判定为不足');
    const p06 = await file(zhou, { ...feb, dispatchId: zhou.dispatchId, rule: 'P06' });
    expect(p06.json().error.message).toContain('该选派适用 P07');
    const notMine = await file(liu, { ...feb, dispatchId: zhou.dispatchId });
    expect(notMine.statusCode).toBe(404);
    const noAbsence = await file(liu, {
      ...feb,
      rule: 'P06',
      dispatchId: liu.dispatchId,
      fromDate: '2026-02-26',
      toDate: '2026-02-26',
    });
    expect(noAbsence.json().error.message).toBe(
      '2026-02-26 至 2026-02-26 期间没有擅自离岗（缺勤）的工作日，无需说明',
    );
  });

  it('files one for a short month (audited), once', async () => {
    const res = await file(zhou, { ...feb, dispatchId: zhou.dispatchId });
    expect(res.statusCode, res.body).toBe(201);
    filed = res.json();
    expect(filed).toMatchObject({
      dispatchId: zhou.dispatchId,
      staffName: '周明远',
      rule: 'P07',
      status: 'pending',
      reviewedBy: null,
      version: 1,
    });
    const again = await file(zhou, { ...feb, dispatchId: zhou.dispatchId });
    expect([again.statusCode, again.json().error.message]).toEqual([
      409,
      '2026-02-01 至 2026-02-28 已有待审核的情况说明，不能重复提交',
    ]);
    const events = await t.database.db
      .select({ action: auditEvents.action, details: auditEvents.details })
      .from(auditEvents)
      .where(eq(auditEvents.objectId, filed.id));
    expect(events.map((e) => e.action)).toEqual(['attendance.justification.create']);
  });

  it('only reviewers with the recipient in scope decide it, with the version', async () => {
    for (const role of Role.values.filter((r) => !hasPermission(r, 'attendance.review'))) {
      const res = await review(filed.id, { decision: 'accepted', version: 1 }, await t.loginAs(role));
      expect(res.statusCode, role).toBe(403);
    }
    for (const role of Role.values.filter((r) => !hasPermission(r, 'attendance.request'))) {
      const res = await file(zhou, { ...feb, dispatchId: zhou.dispatchId }, await t.loginAs(role));
      expect(res.statusCode, role).toBe(403);
    }
    const stale = await review(filed.id, { decision: 'accepted', version: 2 });
    expect(stale.statusCode).toBe(409);
    const ok = await review(filed.id, { decision: 'accepted', comment: '情况属实', version: 1 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      status: 'accepted',
      reviewComment: '情况属实',
      reviewedBy: '昭觉县人民医院医务科 马海英',
      version: 2,
    });
    const twice = await review(filed.id, { decision: 'rejected', version: 2 }, county);
    expect([twice.statusCode, twice.json().error.message]).toEqual([409, '该情况说明已审核，不能重复审核']);
  });

  it('the violation stays, marked justified, and the justification is listed with the presence', async () => {
    const p = await presence(zhou);
    expect(p.violations.map((v) => [v.inputs.month, v.inputs.justified])).toEqual([['2026-02', true]]);
    expect(p.justifications.map((j) => [j.id, j.status])).toEqual([[filed.id, 'accepted']]);
    const list = await t.request({
      method: 'GET',
      url: `/api/attendance/justifications?dispatchId=${zhou.dispatchId}`,
      cookie: county,
    });
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: filed.id, status: 'accepted' }] });
    const own = await t.request({ method: 'GET', url: '/api/attendance/justifications', cookie: wang });
    expect(own.json().items.map((j: JustificationDto) => j.id)).not.toContain(filed.id);
  });
});

describe('GET /api/attendance/board: today on duty, missing by the hour', () => {
  const board = async (query: string, cookie = zhaojueHosp) => {
    const res = await t.request({
      method: 'GET',
      url: `/api/attendance/board?pageSize=1000${query}`,
      cookie,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as BoardDto;
  };
  const row = (b: BoardDto, p: Person) => b.items.find((i) => i.dispatchId === p.dispatchId);

  it('lists every dispatch in force today with its status and first punch; before 10:00 nobody is missing', async () => {
    const b = await board('');
    expect([b.date, b.by]).toEqual(['2026-03-02', '10:00']);
    expect(row(b, liu)).toMatchObject({
      staff: { id: liu.staffId, name: '刘晓燕', title: 'intermediate' },
      home: { name: '四川省人民医院' },
      recipient: { name: '昭觉县人民医院' },
      rule: 'P06',
      status: 'on_site',
      firstPunch: '08:40',
      missing: false,
    });
    expect(row(b, zhou)).toMatchObject({ rule: 'P07', status: 'pending', firstPunch: null, missing: false });
    expect(b.totals.missing).toBe(0);
    expect(b.totals.dispatched).toBe(b.total);
  });

  it('filters by recipient and region; the home side sees its staff; a never-approved dispatch is not on it', async () => {
    const recipient = await idOf('昭觉县人民医院');
    const byRecipient = await board(`&recipientInstitutionId=${recipient}`, office);
    expect(byRecipient.items.every((i) => i.recipient.id === recipient)).toBe(true);
    expect(row(byRecipient, liu)).toBeDefined();
    const xide = await board('&region=513432', office);
    expect(row(xide, liu)).toBeUndefined();
    const home = await board('', spph);
    expect(row(home, zhou)).toBeDefined();
    const rows = await t.database.db
      .select({ id: dispatches.id })
      .from(dispatches)
      .where(and(eq(dispatches.status, 'proposed'), inArray(dispatches.recipientInstitutionId, [recipient])));
    expect(home.items.filter((i) => rows.some((r) => r.id === i.dispatchId))).toEqual([]);
  });

  it('refuses a future date', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/attendance/board?date=2026-03-03',
      cookie: office,
    });
    expect([res.statusCode, res.json().error.message]).toEqual([400, '不能查看今天以后的在岗情况']);
  });
  it('an earlier hour than the first punch makes it missing; after the hour those without a punch are', async () => {
    const early = await board('&by=08:30');
    expect(row(early, liu)!.missing).toBe(true);
    // Last in the file: sessions idle since 09:00 have expired by 10:30, so sign in again.
    t.clock.set('2026-03-02T10:30:00+08:00');
    try {
      const late = await board('&missing=true', await t.loginAs('recipient_admin'));
      expect(row(late, zhou)!.missing).toBe(true);
      expect(row(late, liu)).toBeUndefined();
      expect(late.items.every((i) => i.missing)).toBe(true);
      expect(late.total).toBe(late.totals.missing);
    } finally {
      t.clock.set('2026-03-02T09:00:00+08:00');
    }
  });
});
