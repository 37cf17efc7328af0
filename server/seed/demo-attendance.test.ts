import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Crs, convertPoint, haversineMetres } from '../../shared/geo';
import {
  attendanceDays,
  checkins,
  dispatches,
  geofences,
  leaveRequests,
  presenceJustifications,
  punchCorrections,
  staff,
} from '../db/schema';
import { datesBetween } from '../modules/attendance/calendar.rules';
import { decrypt, deriveKeys, staticKeyProvider } from '../platform/crypto';
import type { TestDatabase } from '../test/db';
import { testDatabase } from '../test/db';
import { seedDemoAttendance } from './demo-attendance';

/**
 * The demo's attendance, as seeded into the test template (demo made 2026-01-05 09:00
 * Shanghai): the people on duty, their punches inside the fences, the approvals and the
 * lapses the brief asks for, the computed days — and the same plan again from the same day.
 */

const NOW = new Date('2026-01-05T09:00:00+08:00');
const TODAY = '2026-01-05';
const keys = deriveKeys(staticKeyProvider(Buffer.from('0123456789abcdef'.repeat(4), 'hex')));

let db: TestDatabase['database']['db'];
let people: { id: string; name: string; dispatchId: string; from: string; rule: string | null }[];

beforeAll(async () => {
  db = (await testDatabase()).database.db;
  const rows = await db
    .select({
      id: staff.id,
      name: staff.name,
      dispatchId: dispatches.id,
      from: dispatches.arrivedOn,
      rule: dispatches.presenceRule,
    })
    .from(dispatches)
    .innerJoin(staff, eq(staff.id, dispatches.staffId))
    .where(eq(dispatches.status, 'on_duty'));
  people = rows.map((r) => ({ ...r, from: r.from! }));
});

const person = (name: string) => {
  const p = people.find((x) => x.name === name);
  if (!p) throw new Error(`no ${name} on duty`);
  return p;
};

const daysOf = (staffId: string) =>
  db
    .select({ date: attendanceDays.date, status: attendanceDays.status, reason: attendanceDays.reason })
    .from(attendanceDays)
    .where(eq(attendanceDays.staffId, staffId))
    .orderBy(attendanceDays.date);

describe('seedDemoAttendance', () => {
  it('covers the three people on duty, 王建华 under P07, 刘芳 and 陈俊 under P06', () => {
    expect(people.map((p) => `${p.name} ${p.rule}`).sort()).toEqual(
      ['刘芳 P06', '王建华 P07', '陈俊 P06'].sort(),
    );
  });

  it('computes every day from arrival to today for each of them', async () => {
    for (const p of people) {
      const days = await daysOf(p.id);
      expect(days.map((d) => d.date)).toEqual(datesBetween(p.from, TODAY));
    }
  });

  it('puts every phone punch inside the fence, encrypted in the coordinate system its provider sends', async () => {
    const fences = await db.select().from(geofences);
    const punches = await db
      .select()
      .from(checkins)
      .where(
        and(
          inArray(
            checkins.staffId,
            people.map((p) => p.id),
          ),
          eq(checkins.source, 'app'),
        ),
      );
    expect(punches.length).toBeGreaterThan(200);
    for (const c of punches) {
      expect(c.crs).toBe(c.provider === 'browser' ? 'wgs84' : 'gcj02');
      const [lat, lng] = decrypt(keys, c.locationEnc!).split(',').map(Number) as [number, number];
      const wgs = convertPoint({ lat, lng }, c.crs as Crs, 'wgs84');
      expect(c.latRounded).toBe(Math.round(wgs.lat * 100) / 100);
      expect(c.lngRounded).toBe(Math.round(wgs.lng * 100) / 100);
      const fence = fences.find((f) => f.id === c.fenceId)!;
      const distance = haversineMetres(wgs, { lat: fence.latWgs84, lng: fence.lngWgs84 });
      expect(Math.abs(distance - c.distanceM!)).toBeLessThanOrEqual(2);
      expect(c.inside).toBe(distance <= fence.radiusM);
      expect(c.inside || c.outsideReason !== null).toBe(true);
      expect(c.accuracyM).toBeGreaterThanOrEqual(10);
      expect(c.accuracyM).toBeLessThanOrEqual(40);
      expect(c.localDate >= person(people.find((p) => p.id === c.staffId)!.name).from).toBe(true);
      expect(c.punchedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    }
    // Morning punches 08:00–08:50, evening ones 17:30–18:30 (Shanghai), 外勤 in between.
    const minutes = punches.map((c) => {
      const s = new Date(c.punchedAt.getTime() + 8 * 3_600_000);
      return s.getUTCHours() * 60 + s.getUTCMinutes();
    });
    expect(Math.min(...minutes)).toBeGreaterThanOrEqual(8 * 60);
    expect(Math.max(...minutes)).toBeLessThanOrEqual(18 * 60 + 30);
  });

  it('gives 刘芳 two approved leave days, a three-day trip, two absences and two 外勤 punches', async () => {
    const liu = person('刘芳');
    const requests = await db.select().from(leaveRequests).where(eq(leaveRequests.staffId, liu.id));
    expect(requests.map((r) => [r.kind, r.status, r.decidedAt !== null]).sort()).toEqual([
      ['leave', 'approved', true],
      ['trip', 'approved', true],
    ]);
    const days = await daysOf(liu.id);
    const count = (status: string) => days.filter((d) => d.status === status).length;
    expect(count('leave')).toBe(2);
    expect(count('trip')).toBe(3);
    expect(count('absent')).toBe(2);
    const leaveDay = days.find((d) => d.status === 'leave')!;
    expect(leaveDay.reason.requestId).toBe(requests.find((r) => r.kind === 'leave')!.id);
    expect(String(leaveDay.reason.text)).toMatch(/^经批准请假（(事假|病假)）/);
    const outside = await db
      .select()
      .from(checkins)
      .where(and(eq(checkins.staffId, liu.id), eq(checkins.inside, false)));
    expect(outside).toHaveLength(2);
    // A 外勤 day is still on site: she punched inside the fence before and after.
    for (const c of outside) expect(days.find((d) => d.date === c.localDate)?.status).toBe('on_site');
  });

  it('gives 陈俊 an approved 补卡 whose punch makes the day on site', async () => {
    const chen = person('陈俊');
    const [correction, ...more] = await db
      .select()
      .from(punchCorrections)
      .where(eq(punchCorrections.staffId, chen.id));
    expect(more).toHaveLength(0);
    expect(correction).toMatchObject({ status: 'approved' });
    const [punch] = await db.select().from(checkins).where(eq(checkins.id, correction!.checkinId!));
    expect(punch).toMatchObject({ source: 'correction', correctionId: correction!.id, inside: true });
    const day = (await daysOf(chen.id)).find((d) => d.date === correction!.date)!;
    expect(day.status).toBe('on_site');
    expect(day.reason.requestId).toBe(correction!.id);
  });

  it('gives 王建华 6–10 on-site days a month except two short months of 4, the first explained and pending', async () => {
    const wang = person('王建华');
    const days = await daysOf(wang.id);
    const months = [...new Set(days.map((d) => d.date.slice(0, 7)))].filter((m) => m < TODAY.slice(0, 7));
    const onSite = months.map(
      (m) => days.filter((d) => d.date.startsWith(m) && d.status === 'on_site').length,
    );
    const short = months.filter((_, i) => onSite[i] === 4);
    expect(short).toHaveLength(Math.min(2, months.length - 1));
    for (const [i, n] of onSite.entries())
      if (!short.includes(months[i]!)) expect(n).toBeGreaterThanOrEqual(6);
    for (const n of onSite) expect(n).toBeLessThanOrEqual(10);
    expect(days.some((d) => d.status === 'absent')).toBe(false);
    const justifications = await db
      .select()
      .from(presenceJustifications)
      .where(eq(presenceJustifications.staffId, wang.id));
    expect(justifications.map((j) => [j.rule, j.fromDate.slice(0, 7), j.status])).toEqual([
      ['P07', short[0], 'pending'],
    ]);
    // No punch today: his phone journey makes the day's first.
    expect(days.at(-1)).toMatchObject({ date: TODAY });
    expect(days.at(-1)!.status).not.toBe('on_site');
  });

  it('makes the same punches again from the same day (seeded PRNG)', async () => {
    const snapshot = async () =>
      (
        await db
          .select({
            staffId: checkins.staffId,
            at: checkins.punchedAt,
            inside: checkins.inside,
            lat: checkins.latRounded,
            source: checkins.source,
          })
          .from(checkins)
      )
        .map((c) => `${c.staffId} ${c.at.toISOString()} ${c.inside} ${c.lat} ${c.source}`)
        .sort();
    const before = await snapshot();
    await db.transaction(async (tx) => {
      await tx.delete(attendanceDays);
      await tx.delete(presenceJustifications);
      await tx.delete(punchCorrections);
      await tx.delete(leaveRequests);
      await tx.delete(checkins);
      await seedDemoAttendance(tx, NOW, keys);
    });
    expect(await snapshot()).toEqual(before);
  });
});
