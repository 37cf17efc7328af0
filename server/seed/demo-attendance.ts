import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { LeaveKind, LeaveType, LocationProvider } from '../../shared/attendance-vocabulary';
import { type Crs, convertPoint, haversineMetres, type LatLng } from '../../shared/geo';
import type { Tx } from '../db/client';
import {
  checkins,
  dispatches,
  geofences,
  institutions,
  leaveRequests,
  presenceJustifications,
  punchCorrections,
  regions,
  staff,
} from '../db/schema';
import { datesBetween, dayInfo, type WorkCalendar } from '../modules/attendance/calendar.rules';
import { loadWorkCalendar } from '../modules/attendance/calendar.service';
import { recomputeDays } from '../modules/attendance/daily.service';
import { prefectureOf } from '../modules/pairing/pairing.overview';
import { shanghaiDate } from '../platform/clock';
import { type DataKeys, encrypt } from '../platform/crypto';

/**
 * The demo's attendance (issue 7 item 8): for each person on duty today (王建华 under P07 and
 * 刘芳 under P06 in 昭觉, 陈俊 under P06 in 喜德), punches from arrival to `now` with the
 * approvals and lapses a real stay has — leave, a business trip, a 补卡, two 外勤 punches, a
 * few unexcused absences, and for 王建华 months short of on-site days — then the daily
 * statuses computed, so the board and the calendars are alive right after start. All dates
 * are relative to `now`; the variety comes from a seeded PRNG, so a demo made on the same day
 * is the same. No devices are bound and no location consent is recorded: the demo's phone
 * journey starts from a first use.
 */

/** mulberry32: small, fast and deterministic. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T,
  };
}
type Rng = ReturnType<typeof prng>;

const pad = (n: number) => String(n).padStart(2, '0');
const at = (date: string, minutes: number) =>
  new Date(`${date}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:00+08:00`);
const minutesOf = (d: Date) => {
  const s = new Date(d.getTime() + 8 * 3_600_000);
  return s.getUTCHours() * 60 + s.getUTCMinutes();
};
const round2 = (x: number) => Math.round(x * 100) / 100;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A point `metres` from `centre` on `bearing` (degrees), WGS-84. */
function offset(centre: LatLng, metres: number, bearing: number): LatLng {
  const rad = (bearing * Math.PI) / 180;
  return {
    lat: centre.lat + (metres * Math.cos(rad)) / 111_195,
    lng: centre.lng + (metres * Math.sin(rad)) / (111_195 * Math.cos((centre.lat * Math.PI) / 180)),
  };
}

interface OnDuty {
  dispatchId: string;
  staffId: string;
  name: string;
  userId: string | null;
  arrivedOn: string;
  presenceRule: string | null;
  recipientId: string;
  recipientName: string;
  prefecture: string;
}

interface Fence {
  id: string;
  centre: LatLng;
  radiusM: number;
}

/** A place the person went on 外勤 or a trip: name and where, WGS-84 (plausible, not surveyed). */
const FIELD_TRIPS: Readonly<Record<string, readonly { place: string; reason: string; at: LatLng }[]>> = {
  昭觉县人民医院: [
    {
      place: '竹核镇中心卫生院',
      reason: '赴竹核镇中心卫生院开展巡回医疗及疑难病例会诊',
      at: { lat: 28.0872, lng: 102.7342 },
    },
    {
      place: '四开镇卫生院',
      reason: '随县卫生健康局到四开镇卫生院开展基层医疗质量督导',
      at: { lat: 27.956, lng: 102.896 },
    },
  ],
  喜德县人民医院: [
    {
      place: '光明镇卫生院',
      reason: '赴光明镇卫生院开展义诊及基层医生带教',
      at: { lat: 28.3391, lng: 102.4702 },
    },
  ],
};

interface Plan {
  /** date → minutes of the morning and evening punch (null: none) */
  punches: Map<string, { morning: number | null; evening: number | null; fieldTrip?: number }>;
  leaves: {
    kind: LeaveKind;
    leaveType: LeaveType | null;
    from: string;
    to: string;
    reason: string;
    destination?: string;
  }[];
  correction?: { date: string; minutes: number; reason: string };
  /** P07 months short of on-site days, the first of which has a pending justification */
  shortMonths: string[];
}

const morning = (rng: Rng) => rng.int(8 * 60, 8 * 60 + 50);
const evening = (rng: Rng) => rng.int(17 * 60 + 30, 18 * 60 + 30);

/**
 * P06 (刘芳, 陈俊): on site nearly every working day; approved leave, a trip, unexcused
 * absences and 外勤 punches placed among the last ~60 working days, before today.
 */
function fullTimePlan(
  rng: Rng,
  working: string[],
  today: string,
  opts: { correction: boolean; absences: number },
): Plan {
  const plan: Plan = { punches: new Map(), leaves: [], shortMonths: [] };
  const past = working.filter((d) => d < today);
  const n = past.length;
  const taken = new Set<number>();
  const claim = (from: number, len: number) => {
    for (let i = from; i < from + len; i++) taken.add(i);
    return past.slice(from, from + len);
  };
  const freeSpot = (lo: number, hi: number, len: number) => {
    for (let tries = 0; tries < 50; tries++) {
      const i = rng.int(Math.max(0, n - hi), Math.max(0, n - lo - len));
      if (Array.from({ length: len + 2 }, (_, k) => i - 1 + k).every((k) => !taken.has(k))) return i;
    }
    return -1;
  };
  // Leave: two consecutive working days, 8–25 working days back (so the current month or the last).
  const leaveAt = freeSpot(8, 25, 2);
  if (leaveAt >= 0) {
    const days = claim(leaveAt, 2);
    const leaveType = rng.pick(['personal', 'sick'] as const);
    plan.leaves.push({
      kind: 'leave',
      leaveType,
      from: days[0]!,
      to: days[1]!,
      reason:
        leaveType === 'sick'
          ? '急性胃肠炎，经受援单位门诊诊治，医嘱休息两天'
          : '家中老人住院手术，需回成都陪护',
    });
  }
  const tripAt = freeSpot(26, 50, 3);
  if (tripAt >= 0) {
    const days = claim(tripAt, 3);
    plan.leaves.push({
      kind: 'trip',
      leaveType: null,
      from: days[0]!,
      to: days[2]!,
      destination: '西昌市',
      reason: '参加凉山州卫生健康委员会组织的基层急诊急救能力提升培训',
    });
  }
  // unexcused absences: working days without any punch
  for (let k = 0; k < opts.absences; k++) {
    const i = freeSpot(3 + k * 20, 22 + k * 20, 1);
    if (i >= 0) claim(i, 1);
  }
  if (opts.correction) {
    const i = freeSpot(4, 18, 1);
    if (i >= 0) {
      const [date] = claim(i, 1);
      plan.correction = {
        date: date!,
        minutes: 8 * 60 + 20,
        reason: '早班到岗后抢救急诊患者，未及时打卡，科室主任可证明',
      };
    }
  }
  const fieldDays: string[] = [];
  for (let k = 0; k < 2; k++) {
    const i = freeSpot(2 + k * 12, 14 + k * 12, 1);
    if (i >= 0) fieldDays.push(...claim(i, 1));
  }
  for (const [i, date] of past.entries()) {
    if (taken.has(i) && !fieldDays.includes(date)) continue;
    // now and then the evening punch is forgotten: the day is still on site
    plan.punches.set(date, {
      morning: morning(rng),
      evening: rng.next() < 0.06 ? null : evening(rng),
      ...(fieldDays.includes(date) ? { fieldTrip: rng.int(10 * 60, 11 * 60 + 30) } : {}),
    });
  }
  return plan;
}

/**
 * P07 (王建华): one or two stays a month of consecutive working days, 6–10 on-site days in
 * a month; the months at offsets 1 and the last complete one are short (4 days). No punch
 * today: his phone journey starts the day.
 */
function flexiblePlan(rng: Rng, working: string[], today: string): Plan {
  const plan: Plan = { punches: new Map(), leaves: [], shortMonths: [] };
  const past = working.filter((d) => d < today);
  const months = [...new Set(past.map((d) => d.slice(0, 7)))];
  const current = today.slice(0, 7);
  const complete = months.filter((m) => m < current);
  const short = new Set([complete[1], complete[complete.length - 1]].filter((m) => m !== undefined));
  for (const month of months) {
    const days = past.filter((d) => d.startsWith(month));
    const want = short.has(month)
      ? 4
      : month === current
        ? Math.min(days.length, rng.int(3, 6))
        : Math.min(days.length, rng.int(6, 10));
    if (short.has(month)) plan.shortMonths.push(month);
    // a stay of `want` consecutive working days, at a random place in the month
    const start = rng.int(0, Math.max(0, days.length - want));
    for (const date of days.slice(start, start + want))
      plan.punches.set(date, { morning: morning(rng), evening: rng.next() < 0.1 ? null : evening(rng) });
  }
  return plan;
}

async function onDutyDispatches(tx: Tx, today: string): Promise<OnDuty[]> {
  const rows = await tx
    .select({
      dispatchId: dispatches.id,
      staffId: staff.id,
      name: staff.name,
      userId: staff.userId,
      arrivedOn: dispatches.arrivedOn,
      presenceRule: dispatches.presenceRule,
      recipientId: institutions.id,
      recipientName: institutions.name,
      regionPath: regions.path,
    })
    .from(dispatches)
    .innerJoin(staff, eq(staff.id, dispatches.staffId))
    .innerJoin(institutions, eq(institutions.id, dispatches.recipientInstitutionId))
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(eq(dispatches.status, 'on_duty'));
  return rows
    .filter((r) => r.arrivedOn !== null && r.arrivedOn <= today)
    .map((r) => ({ ...r, arrivedOn: r.arrivedOn!, prefecture: prefectureOf(r.regionPath) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/** A stable seed per person, so one person's days do not change when another's plan does. */
const seedOf = (name: string) =>
  [...name].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16_777_619), 2_166_136_261);

export async function seedDemoAttendance(tx: Tx, now: Date, keys: DataKeys): Promise<void> {
  const today = shanghaiDate(now);
  const nowMinutes = minutesOf(now);
  const people = await onDutyDispatches(tx, today);
  if (!people.length) return;
  const from = [today, ...people.map((p) => p.arrivedOn)].sort()[0]!;
  const calendar: WorkCalendar = await loadWorkCalendar(tx, from, today);
  const fenceRows = await tx
    .select({
      id: geofences.id,
      institutionId: geofences.institutionId,
      lat: geofences.latWgs84,
      lng: geofences.lngWgs84,
      radiusM: geofences.radiusM,
    })
    .from(geofences)
    .where(
      inArray(
        geofences.institutionId,
        people.map((p) => p.recipientId),
      ),
    );

  const punchRows: (typeof checkins.$inferInsert)[] = [];
  const leaveRows: (typeof leaveRequests.$inferInsert)[] = [];
  const correctionRows: (typeof punchCorrections.$inferInsert)[] = [];
  const justificationRows: (typeof presenceJustifications.$inferInsert)[] = [];

  for (const p of people) {
    const rng = prng(seedOf(p.name));
    const row = fenceRows.find((f) => f.institutionId === p.recipientId);
    if (!row) throw new Error(`演示数据：${p.recipientName}没有打卡范围`);
    const fence: Fence = { id: row.id, centre: { lat: row.lat, lng: row.lng }, radiusM: row.radiusM };
    const working = datesBetween(p.arrivedOn, today).filter(
      (d) => dayInfo(calendar, d, p.prefecture).working,
    );
    const p07 = p.presenceRule === 'P07';
    const plan = p07
      ? flexiblePlan(rng, working, today)
      : fullTimePlan(rng, working, today, { correction: p.name === '陈俊', absences: 2 });
    // P06 staff punch this morning too, once the morning is past (the board shows them on site).
    if (!p07 && working.at(-1) === today) {
      const m = morning(rng);
      if (m <= nowMinutes) plan.punches.set(today, { morning: m, evening: null });
    }
    // DingTalk for most; a few use the browser page (the same person keeps to one, mostly).
    const usual: LocationProvider = p.name === '陈俊' ? 'browser' : 'dingtalk';
    const punch = (date: string, minutes: number, where: 'inside' | { place: LatLng; reason: string }) => {
      const provider: LocationProvider =
        rng.next() < 0.9 ? usual : usual === 'browser' ? 'dingtalk' : 'browser';
      const crs: Crs = provider === 'browser' ? 'wgs84' : 'gcj02';
      const wgs =
        where === 'inside'
          ? offset(fence.centre, rng.int(15, Math.min(280, Math.floor(fence.radiusM * 0.6))), rng.int(0, 359))
          : offset(where.place, rng.int(10, 80), rng.int(0, 359));
      const sent = convertPoint(wgs, 'wgs84', crs);
      const distance = Math.round(haversineMetres(wgs, fence.centre));
      const punchedAt = at(date, minutes);
      punchRows.push({
        id: randomUUID(),
        staffId: p.staffId,
        dispatchId: p.dispatchId,
        source: 'app',
        punchedAt,
        localDate: date,
        receivedAt: new Date(punchedAt.getTime() + rng.int(300, 3000)),
        provider,
        crs,
        locationEnc: encrypt(keys, `${round6(sent.lat)},${round6(sent.lng)}`),
        latRounded: round2(wgs.lat),
        lngRounded: round2(wgs.lng),
        accuracyM: rng.int(10, 40),
        distanceM: distance,
        fenceId: fence.id,
        inside: where === 'inside',
        outsideReason: where === 'inside' ? null : where.reason,
        userId: p.userId,
      });
    };
    const trips = FIELD_TRIPS[p.recipientName] ?? [];
    let fieldTrips = 0;
    for (const [date, day] of plan.punches) {
      if (day.fieldTrip !== undefined && trips.length) {
        const trip = trips[fieldTrips++ % trips.length]!;
        if (day.morning !== null) punch(date, day.morning, 'inside');
        punch(date, day.fieldTrip, { place: trip.at, reason: trip.reason });
        punch(date, rng.int(16 * 60 + 30, 17 * 60 + 50), 'inside');
        continue;
      }
      if (day.morning !== null && (date < today || day.morning <= nowMinutes))
        punch(date, day.morning, 'inside');
      if (day.evening !== null && (date < today || day.evening <= nowMinutes))
        punch(date, day.evening, 'inside');
    }

    // Approved the working day before they start, at 16:00 (entered as approved: no passage, like the demo's dispatches).
    const decided = (date: string) => {
      const before = working.filter((d) => d < date).at(-1) ?? date;
      return at(before, 16 * 60);
    };
    for (const l of plan.leaves) {
      const decidedAt = decided(l.from);
      leaveRows.push({
        staffId: p.staffId,
        dispatchId: p.dispatchId,
        kind: l.kind,
        leaveType: l.leaveType,
        startDate: l.from,
        endDate: l.to,
        destination: l.destination ?? null,
        reason: l.reason,
        status: 'approved',
        createdBy: p.userId,
        createdAt: new Date(decidedAt.getTime() - 5 * 3_600_000),
        decidedAt,
      });
    }
    if (plan.correction) {
      const c = plan.correction;
      const correctionId = randomUUID();
      const checkinId = randomUUID();
      const decidedAt = at(c.date, 17 * 60 + 40);
      correctionRows.push({
        id: correctionId,
        staffId: p.staffId,
        dispatchId: p.dispatchId,
        date: c.date,
        time: `${pad(Math.floor(c.minutes / 60))}:${pad(c.minutes % 60)}`,
        reason: c.reason,
        status: 'approved',
        checkinId,
        createdBy: p.userId,
        createdAt: at(c.date, 12 * 60 + 10),
        decidedAt,
      });
      punchRows.push({
        id: checkinId,
        staffId: p.staffId,
        dispatchId: p.dispatchId,
        source: 'correction',
        punchedAt: at(c.date, c.minutes),
        localDate: c.date,
        receivedAt: decidedAt,
        inside: true,
        fenceId: fence.id,
        correctionId,
        userId: p.userId,
      });
    }
    const [firstShort] = plan.shortMonths;
    if (firstShort) {
      const [y, m] = firstShort.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
      justificationRows.push({
        dispatchId: p.dispatchId,
        staffId: p.staffId,
        rule: 'P07',
        fromDate: `${firstShort}-01`,
        toDate: last,
        cause: 'work',
        text: `${y}年${m}月按派出单位安排回院参加省级质控检查及科室重点专科评审，驻点时间减少；其间通过远程会诊指导受援科室疑难病例 6 例。`,
        status: 'pending',
        createdBy: p.userId,
        createdAt: new Date(Math.min(at(addMonthStart(firstShort), 9 * 60 + 30).getTime(), now.getTime())),
      });
    }
  }

  for (let i = 0; i < punchRows.length; i += 500)
    await tx.insert(checkins).values(punchRows.slice(i, i + 500));
  if (leaveRows.length) await tx.insert(leaveRequests).values(leaveRows);
  if (correctionRows.length) await tx.insert(punchCorrections).values(correctionRows);
  if (justificationRows.length) await tx.insert(presenceJustifications).values(justificationRows);

  for (const p of people) await recomputeDays(tx, p.staffId, p.arrivedOn, today, now);
}

/** The second day of the month after `month` (YYYY-MM): when a short month is explained. */
function addMonthStart(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-02` : `${y}-${pad(m + 1)}-02`;
}
