import { and, asc, eq, gte, inArray, isNotNull, like, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DayStatus, JustificationStatus } from '../../../shared/attendance-vocabulary';
import { APPROVED_DISPATCH_STATUSES } from '../../../shared/dispatch-vocabulary';
import type { Executor } from '../../db/client';
import {
  attendanceDays,
  checkins,
  dispatches,
  institutions,
  leaveRequests,
  pairings,
  presenceJustifications,
  regions,
  staff,
  users,
} from '../../db/schema';

/**
 * Queries of the daily status (attendance_days), its inputs (punches, approved requests,
 * dispatches), the recomputation marks (attendance_dirty) and presence justifications.
 * Scope: the person's home institution or the dispatch's recipient (S07); `self` nodes
 * see the caller's own records only.
 */

export const home = alias(institutions, 'home');
export const rec = alias(institutions, 'rec');
const recRegion = alias(regions, 'rec_region');

export const homeSide = { regionCode: home.regionCode, institutionId: home.id };
export const recipientSide = { regionCode: rec.regionCode, institutionId: rec.id };
/** For the `self` scope node: the caller's own records. */
export const staffUserId = staff.userId;

/** A dispatch's effective first day: an arrival confirmed before the planned start starts the stay. */
const effectiveStart = sql<string>`least(${dispatches.plannedStart}, coalesce(${dispatches.arrivedOn}, ${dispatches.plannedStart}))`;
const effectiveEnd = sql<string>`coalesce(${dispatches.endedOn}, ${dispatches.plannedEnd})`;

/** P05: approved through the province, so the dispatch has days at all. */
const approved = and(
  inArray(dispatches.status, [...APPROVED_DISPATCH_STATUSES]),
  isNotNull(dispatches.approvedAt),
);

const dispatchFacts = {
  id: dispatches.id,
  staffId: dispatches.staffId,
  programmeId: pairings.programmeId,
  plannedStart: dispatches.plannedStart,
  plannedEnd: dispatches.plannedEnd,
  arrivedOn: dispatches.arrivedOn,
  endedOn: dispatches.endedOn,
  status: dispatches.status,
  presenceRule: dispatches.presenceRule,
  titleAtApproval: dispatches.titleAtApproval,
  recipientId: rec.id,
  recipientName: rec.name,
  recipientRegionPath: recRegion.path,
};

export type DispatchFacts = Awaited<ReturnType<typeof approvedDispatchesOf>>[number];

/** The person's approved dispatches whose days meet `from`–`to`. */
export async function approvedDispatchesOf(db: Executor, staffId: string, from: string, to: string) {
  return db
    .select(dispatchFacts)
    .from(dispatches)
    .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .innerJoin(recRegion, eq(recRegion.code, rec.regionCode))
    .where(
      and(
        eq(dispatches.staffId, staffId),
        approved,
        sql`${effectiveStart} <= ${to}`,
        sql`${effectiveEnd} >= ${from}`,
      ),
    )
    .orderBy(asc(dispatches.plannedStart));
}

/** One approved dispatch with the person and both institutions, if the scope covers it. */
export async function dispatchInScope(db: Executor, scope: SQL, id: string) {
  const [row] = await db
    .select({
      ...dispatchFacts,
      staffName: staff.name,
      staffUserId: staff.userId,
      homeId: home.id,
    })
    .from(dispatches)
    .innerJoin(staff, eq(staff.id, dispatches.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .innerJoin(recRegion, eq(recRegion.code, rec.regionCode))
    .where(and(scope, eq(dispatches.id, id)));
  return row;
}

/** Whether the scope covers the person: their home institution or one of their dispatches' recipients. */
export async function staffVisible(db: Executor, scope: SQL, staffId: string): Promise<boolean> {
  const rows = await db
    .select({ id: staff.id })
    .from(staff)
    .innerJoin(home, eq(home.id, staff.institutionId))
    .leftJoin(dispatches, eq(dispatches.staffId, staff.id))
    .leftJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .where(and(eq(staff.id, staffId), scope))
    .limit(1);
  return rows.length > 0;
}

// ─── inputs of the daily status ───

export async function punchesOf(db: Executor, staffId: string, from: string, to: string) {
  return db
    .select({
      id: checkins.id,
      dispatchId: checkins.dispatchId,
      source: checkins.source,
      punchedAt: checkins.punchedAt,
      localDate: checkins.localDate,
      inside: checkins.inside,
      distanceM: checkins.distanceM,
      outsideReason: checkins.outsideReason,
      lateSynced: checkins.lateSynced,
      correctionId: checkins.correctionId,
    })
    .from(checkins)
    .where(and(eq(checkins.staffId, staffId), gte(checkins.localDate, from), lte(checkins.localDate, to)))
    .orderBy(asc(checkins.punchedAt));
}

export async function approvedExcusesOf(db: Executor, staffId: string, from: string, to: string) {
  return db
    .select({
      id: leaveRequests.id,
      dispatchId: leaveRequests.dispatchId,
      kind: leaveRequests.kind,
      leaveType: leaveRequests.leaveType,
      startDate: leaveRequests.startDate,
      endDate: leaveRequests.endDate,
    })
    .from(leaveRequests)
    .where(
      and(
        eq(leaveRequests.staffId, staffId),
        eq(leaveRequests.status, 'approved'),
        lte(leaveRequests.startDate, to),
        gte(leaveRequests.endDate, from),
      ),
    );
}

// ─── attendance_days ───

export type DayRowInsert = typeof attendanceDays.$inferInsert;

/**
 * Replace the person's days in `from`–`to` by `rows` (run in the caller's transaction): the
 * range is deleted and written again, so a day no longer in a dispatch disappears.
 */
export async function replaceDays(
  db: Executor,
  staffId: string,
  from: string,
  to: string,
  rows: DayRowInsert[],
): Promise<void> {
  await db
    .delete(attendanceDays)
    .where(
      and(eq(attendanceDays.staffId, staffId), gte(attendanceDays.date, from), lte(attendanceDays.date, to)),
    );
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(attendanceDays)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: [attendanceDays.dispatchId, attendanceDays.date],
        set: {
          staffId: sql`excluded.staff_id`,
          status: sql`excluded.status`,
          workingDay: sql`excluded.working_day`,
          reason: sql`excluded.reason`,
          policyVersion: sql`excluded.policy_version`,
          computedAt: sql`excluded.computed_at`,
        },
      });
  }
}

export async function daysOf(db: Executor, scope: SQL, staffId: string, from: string, to: string) {
  return db
    .select({
      date: attendanceDays.date,
      dispatchId: attendanceDays.dispatchId,
      staffId: attendanceDays.staffId,
      status: attendanceDays.status,
      workingDay: attendanceDays.workingDay,
      reason: attendanceDays.reason,
      policyVersion: attendanceDays.policyVersion,
    })
    .from(attendanceDays)
    .innerJoin(dispatches, eq(dispatches.id, attendanceDays.dispatchId))
    .innerJoin(staff, eq(staff.id, attendanceDays.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .where(
      and(
        scope,
        eq(attendanceDays.staffId, staffId),
        gte(attendanceDays.date, from),
        lte(attendanceDays.date, to),
      ),
    )
    .orderBy(asc(attendanceDays.date), asc(attendanceDays.dispatchId));
}

export async function daysOfDispatch(db: Executor, dispatchId: string) {
  return db
    .select({
      date: attendanceDays.date,
      status: attendanceDays.status,
      workingDay: attendanceDays.workingDay,
      policyVersion: attendanceDays.policyVersion,
    })
    .from(attendanceDays)
    .where(eq(attendanceDays.dispatchId, dispatchId))
    .orderBy(asc(attendanceDays.date));
}

/**
 * The people among `staffIds` whose days in `from`–`to` need computing before a read: a
 * day of an approved dispatch (up to today) without a row, a past day still `pending`, or a
 * row the dispatch no longer covers (ended or replaced earlier, no longer approved).
 */
export async function staffWithGaps(
  db: Executor,
  staffIds: string[],
  from: string,
  to: string,
): Promise<string[]> {
  if (!staffIds.length) return [];
  const rows = await db.execute<{ staff_id: string }>(sql`
    with d as (
      select d.id, d.staff_id,
             greatest(least(d.planned_start, coalesce(d.arrived_on, d.planned_start)), ${from}::date) as f,
             least(coalesce(d.ended_on, d.planned_end), ${to}::date) as t
      from dispatches d
      where d.staff_id in (${list(staffIds)})
        and d.status in ('approved', 'on_duty', 'completed', 'ended_early', 'replaced')
        and d.approved_at is not null
    )
    select distinct d.staff_id from d
    where d.f <= d.t and (
      (select count(*) from attendance_days a where a.dispatch_id = d.id and a.date between d.f and d.t)
        < (d.t - d.f + 1)
      or exists (select 1 from attendance_days a where a.dispatch_id = d.id and a.date between d.f and d.t
                   and a.status = 'pending' and a.date < ${to}::date)
    )
    union
    select distinct a.staff_id from attendance_days a
    join dispatches d on d.id = a.dispatch_id
    where a.staff_id in (${list(staffIds)}) and a.date between ${from}::date and ${to}::date
      and (d.approved_at is null
           or d.status not in ('approved', 'on_duty', 'completed', 'ended_early', 'replaced')
           or a.date < least(d.planned_start, coalesce(d.arrived_on, d.planned_start))
           or a.date > coalesce(d.ended_on, d.planned_end))`);
  return rowsOf<{ staff_id: string }>(rows).map((r) => r.staff_id);
}

const list = (ids: string[]) =>
  sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );

/** Rows of `db.execute` on either driver (node-postgres gives `{ rows }`, PGlite an array or `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

// ─── attendance_dirty ───

/** Take up to `limit` marks no other drainer holds (`for update skip locked`), oldest first. */
/**
 * Take up to `limit` marks off the queue inside the caller's transaction: deleted and
 * returned, so a rollback (a failed recomputation) puts them back. A second instance
 * draining at the same time waits for the first one's rows and then finds them gone — no
 * `skip locked`, which PGlite (one backend, exclusive transactions) does not need and which
 * failed there with an internal buffer error.
 */
export async function takeDirty(db: Executor, limit: number, staffIds?: string[]) {
  const rows = await db.execute<{ staff_id: string; date: string }>(sql`
    delete from attendance_dirty where (staff_id, date) in (
      select staff_id, date from attendance_dirty
      ${staffIds ? sql`where staff_id in (${list(staffIds)})` : sql``}
      order by marked_at, staff_id, date
      limit ${limit})
    returning staff_id, to_char(date, 'YYYY-MM-DD') as date`);
  return rowsOf<{ staff_id: string; date: string }>(rows).map((r) => ({ staffId: r.staff_id, date: r.date }));
}

/** People with an approved dispatch whose days meet `from`–`to` (the nightly recomputation). */
export async function staffInForce(db: Executor, from: string, to: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ staffId: dispatches.staffId })
    .from(dispatches)
    .where(and(approved, sql`${effectiveStart} <= ${to}`, sql`${effectiveEnd} >= ${from}`));
  return rows.map((r) => r.staffId);
}

// ─── the on-duty board ───

export interface BoardFilter {
  date: string;
  regionPath?: string | null;
  region?: string;
  recipientInstitutionId?: string;
}

/** Approved dispatches in force on `date` in the scope, with the person and both institutions. */
export async function dispatchesOnDate(db: Executor, scope: SQL, f: BoardFilter) {
  return db
    .select({
      dispatchId: dispatches.id,
      staffId: staff.id,
      staffName: staff.name,
      staffTitle: staff.title,
      homeId: home.id,
      homeName: home.name,
      recipientId: rec.id,
      recipientName: rec.name,
      regionName: recRegion.name,
      presenceRule: dispatches.presenceRule,
    })
    .from(dispatches)
    .innerJoin(staff, eq(staff.id, dispatches.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .innerJoin(recRegion, eq(recRegion.code, rec.regionCode))
    .where(
      and(
        scope,
        approved,
        sql`${effectiveStart} <= ${f.date}`,
        sql`${effectiveEnd} >= ${f.date}`,
        f.region ? like(recRegion.path, `${f.regionPath ?? '/none/'}%`) : undefined,
        f.recipientInstitutionId ? eq(rec.id, f.recipientInstitutionId) : undefined,
      ),
    )
    .orderBy(asc(rec.name), asc(staff.name), asc(dispatches.id));
}

export async function daysOnDate(db: Executor, dispatchIds: string[], date: string) {
  if (!dispatchIds.length) return [];
  return db
    .select({
      dispatchId: attendanceDays.dispatchId,
      status: attendanceDays.status,
      workingDay: attendanceDays.workingDay,
      reason: attendanceDays.reason,
    })
    .from(attendanceDays)
    .where(and(inArray(attendanceDays.dispatchId, dispatchIds), eq(attendanceDays.date, date)));
}

/** The punches of the day of these people (time order). */
export async function punchesOnDate(db: Executor, staffIds: string[], date: string) {
  if (!staffIds.length) return [];
  return db
    .select({
      staffId: checkins.staffId,
      dispatchId: checkins.dispatchId,
      source: checkins.source,
      punchedAt: checkins.punchedAt,
      inside: checkins.inside,
    })
    .from(checkins)
    .where(and(inArray(checkins.staffId, staffIds), eq(checkins.localDate, date)))
    .orderBy(asc(checkins.punchedAt));
}

// ─── presence justifications ───

const reviewer = alias(users, 'reviewer');

const justificationColumns = {
  id: presenceJustifications.id,
  dispatchId: presenceJustifications.dispatchId,
  staffId: presenceJustifications.staffId,
  staffName: staff.name,
  rule: presenceJustifications.rule,
  fromDate: presenceJustifications.fromDate,
  toDate: presenceJustifications.toDate,
  cause: presenceJustifications.cause,
  text: presenceJustifications.text,
  status: presenceJustifications.status,
  reviewedBy: reviewer.displayName,
  reviewedAt: presenceJustifications.reviewedAt,
  reviewComment: presenceJustifications.reviewComment,
  createdAt: presenceJustifications.createdAt,
  version: presenceJustifications.version,
};

const justificationsJoined = (db: Executor) =>
  db
    .select(justificationColumns)
    .from(presenceJustifications)
    .innerJoin(dispatches, eq(dispatches.id, presenceJustifications.dispatchId))
    .innerJoin(staff, eq(staff.id, presenceJustifications.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .leftJoin(reviewer, eq(reviewer.id, presenceJustifications.reviewedBy));

export type JustificationRow = Awaited<ReturnType<typeof justificationsJoined>>[number];

export async function listJustifications(
  db: Executor,
  scope: SQL,
  q: { dispatchId?: string; status?: JustificationStatus; page: number; pageSize: number },
) {
  const where = and(
    scope,
    q.dispatchId ? eq(presenceJustifications.dispatchId, q.dispatchId) : undefined,
    q.status ? eq(presenceJustifications.status, q.status) : undefined,
  );
  const [items, [total]] = await Promise.all([
    justificationsJoined(db)
      .where(where)
      .orderBy(sql`${presenceJustifications.createdAt} desc`, asc(presenceJustifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(presenceJustifications)
      .innerJoin(dispatches, eq(dispatches.id, presenceJustifications.dispatchId))
      .innerJoin(staff, eq(staff.id, presenceJustifications.staffId))
      .innerJoin(home, eq(home.id, staff.institutionId))
      .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
      .where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

export async function justificationsOfDispatch(db: Executor, dispatchId: string) {
  return justificationsJoined(db)
    .where(eq(presenceJustifications.dispatchId, dispatchId))
    .orderBy(asc(presenceJustifications.fromDate), asc(presenceJustifications.createdAt));
}

export async function findJustification(db: Executor, scope: SQL, id: string) {
  const [row] = await justificationsJoined(db).where(and(scope, eq(presenceJustifications.id, id)));
  return row;
}

export async function insertJustification(
  db: Executor,
  values: typeof presenceJustifications.$inferInsert,
): Promise<string> {
  const [row] = await db
    .insert(presenceJustifications)
    .values(values)
    .returning({ id: presenceJustifications.id });
  return row!.id;
}

/** Decide a pending justification if the version is the one the reviewer loaded (S29). */
export async function decideJustification(
  db: Executor,
  id: string,
  version: number,
  set: {
    status: JustificationStatus;
    reviewedBy: string;
    reviewedAt: Date;
    reviewComment: string | null;
  },
): Promise<boolean> {
  const rows = await db
    .update(presenceJustifications)
    .set({ ...set, version: sql`${presenceJustifications.version} + 1` })
    .where(
      and(
        eq(presenceJustifications.id, id),
        eq(presenceJustifications.version, version),
        eq(presenceJustifications.status, 'pending'),
      ),
    )
    .returning({ id: presenceJustifications.id });
  return rows.length > 0;
}

export type { DayStatus };
