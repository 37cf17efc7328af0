import { and, asc, count, desc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { RequestStatus } from '../../../shared/attendance-vocabulary';
import type { CorrectionListQuery, LeaveListQuery } from '../../../shared/contracts/leave';
import type { Executor } from '../../db/client';
import {
  checkins,
  dispatches,
  institutions,
  leaveRequests,
  pairings,
  punchCorrections,
  staff,
} from '../../db/schema';

/**
 * Queries over `leave_requests` and `punch_corrections`, each joined with the person, their
 * home institution and the recipient of the dispatch, so the scope filter can name either
 * side (S07) or the person's own account.
 */
export const home = alias(institutions, 'home');
export const rec = alias(institutions, 'rec');

/** The scope columns of both sides, and the person's account (a `self` scope). */
export const homeSide = { regionCode: home.regionCode, institutionId: home.id };
export const recipientSide = { regionCode: rec.regionCode, institutionId: rec.id };
export const staffUser = staff.userId;

const party = {
  staffId: staff.id,
  staffName: staff.name,
  home: { id: home.id, name: home.name },
  recipient: { id: rec.id, name: rec.name },
};

// ─── the person and their dispatches ───

/** The staff record of a user account (a support staff member signs in as themselves). */
export async function staffOfUser(db: Executor, userId: string) {
  const [row] = await db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(eq(staff.userId, userId));
  return row;
}

/**
 * Serialise one person's requests (S30 alongside the checks): the overlap and the monthly
 * limit are judged on what committed before, so two requests sent at once cannot both pass.
 */
export async function lockStaff(db: Executor, staffId: string): Promise<void> {
  await db.execute(sql`select 1 from ${staff} where ${staff.id} = ${staffId} for update`);
}

/** The person's dispatches in force (approved or on duty), with both sides and the programme. */
export async function dispatchesInForce(db: Executor, staffId: string) {
  return db
    .select({
      id: dispatches.id,
      plannedStart: dispatches.plannedStart,
      plannedEnd: dispatches.plannedEnd,
      programmeId: pairings.programmeId,
      recipientName: rec.name,
      recipient: { id: rec.id, name: rec.name, category: rec.category },
      home: { id: home.id, name: home.name, category: home.category },
    })
    .from(dispatches)
    .innerJoin(staff, eq(staff.id, dispatches.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
    .where(and(eq(dispatches.staffId, staffId), inArray(dispatches.status, ['approved', 'on_duty'])))
    .orderBy(asc(dispatches.plannedStart));
}
export type DispatchInForce = Awaited<ReturnType<typeof dispatchesInForce>>[number];

// ─── leave, trips, compensatory rest ───

const leaveColumns = {
  id: leaveRequests.id,
  ...party,
  dispatchId: leaveRequests.dispatchId,
  kind: leaveRequests.kind,
  leaveType: leaveRequests.leaveType,
  startDate: leaveRequests.startDate,
  endDate: leaveRequests.endDate,
  destination: leaveRequests.destination,
  reason: leaveRequests.reason,
  attachments: leaveRequests.attachments,
  status: leaveRequests.status,
  createdBy: leaveRequests.createdBy,
  createdAt: leaveRequests.createdAt,
  decidedAt: leaveRequests.decidedAt,
  version: leaveRequests.version,
};

const leavesJoined = (db: Executor) =>
  db
    .select(leaveColumns)
    .from(leaveRequests)
    .innerJoin(staff, eq(staff.id, leaveRequests.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(dispatches, eq(dispatches.id, leaveRequests.dispatchId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId));

const countLeaves = (db: Executor) =>
  db
    .select({ n: count() })
    .from(leaveRequests)
    .innerJoin(staff, eq(staff.id, leaveRequests.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(dispatches, eq(dispatches.id, leaveRequests.dispatchId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId));

export type LeaveRow = NonNullable<Awaited<ReturnType<typeof findLeave>>>;

export async function listLeaves(db: Executor, scope: SQL, q: LeaveListQuery) {
  const where = and(
    scope,
    q.kind ? eq(leaveRequests.kind, q.kind) : undefined,
    q.status ? eq(leaveRequests.status, q.status) : undefined,
    q.staffId ? eq(leaveRequests.staffId, q.staffId) : undefined,
    q.to ? lte(leaveRequests.startDate, q.to) : undefined,
    q.from ? gte(leaveRequests.endDate, q.from) : undefined,
  );
  const [items, [total]] = await Promise.all([
    leavesJoined(db)
      .where(where)
      .orderBy(desc(leaveRequests.startDate), desc(leaveRequests.createdAt), asc(leaveRequests.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    countLeaves(db).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One request if the scope covers it; otherwise undefined (the caller answers 404). */
export async function findLeave(db: Executor, scope: SQL, id: string) {
  const [row] = await leavesJoined(db).where(and(scope, eq(leaveRequests.id, id)));
  return row;
}

/** The person's requests, for the overlap check. */
export async function leavesOf(db: Executor, staffId: string) {
  return db
    .select({
      id: leaveRequests.id,
      kind: leaveRequests.kind,
      startDate: leaveRequests.startDate,
      endDate: leaveRequests.endDate,
      status: leaveRequests.status,
    })
    .from(leaveRequests)
    .where(eq(leaveRequests.staffId, staffId))
    .orderBy(asc(leaveRequests.startDate));
}

export async function insertLeave(db: Executor, values: typeof leaveRequests.$inferInsert): Promise<string> {
  const [row] = await db.insert(leaveRequests).values(values).returning({ id: leaveRequests.id });
  return row!.id;
}

/** Update only if the version is the one loaded (S29); returns whether it was. */
export async function updateLeave(
  db: Executor,
  id: string,
  version: number,
  set: { status: RequestStatus; decidedAt?: Date | null },
): Promise<boolean> {
  const rows = await db
    .update(leaveRequests)
    .set({ ...set, version: sql`${leaveRequests.version} + 1` })
    .where(and(eq(leaveRequests.id, id), eq(leaveRequests.version, version)))
    .returning({ id: leaveRequests.id });
  return rows.length > 0;
}

// ─── 补卡 ───

const correctionColumns = {
  id: punchCorrections.id,
  ...party,
  dispatchId: punchCorrections.dispatchId,
  date: punchCorrections.date,
  time: punchCorrections.time,
  reason: punchCorrections.reason,
  attachments: punchCorrections.attachments,
  status: punchCorrections.status,
  checkinId: punchCorrections.checkinId,
  createdBy: punchCorrections.createdBy,
  createdAt: punchCorrections.createdAt,
  decidedAt: punchCorrections.decidedAt,
  version: punchCorrections.version,
};

const correctionsJoined = (db: Executor) =>
  db
    .select(correctionColumns)
    .from(punchCorrections)
    .innerJoin(staff, eq(staff.id, punchCorrections.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(dispatches, eq(dispatches.id, punchCorrections.dispatchId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId));

const countCorrections = (db: Executor) =>
  db
    .select({ n: count() })
    .from(punchCorrections)
    .innerJoin(staff, eq(staff.id, punchCorrections.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(dispatches, eq(dispatches.id, punchCorrections.dispatchId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId));

export type CorrectionRow = NonNullable<Awaited<ReturnType<typeof findCorrection>>>;

export async function listCorrections(db: Executor, scope: SQL, q: CorrectionListQuery) {
  const where = and(
    scope,
    q.status ? eq(punchCorrections.status, q.status) : undefined,
    q.staffId ? eq(punchCorrections.staffId, q.staffId) : undefined,
    q.from ? gte(punchCorrections.date, q.from) : undefined,
    q.to ? lte(punchCorrections.date, q.to) : undefined,
  );
  const [items, [total]] = await Promise.all([
    correctionsJoined(db)
      .where(where)
      .orderBy(desc(punchCorrections.date), desc(punchCorrections.time), asc(punchCorrections.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    countCorrections(db).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findCorrection(db: Executor, scope: SQL, id: string) {
  const [row] = await correctionsJoined(db).where(and(scope, eq(punchCorrections.id, id)));
  return row;
}

/** The person's pending, returned and approved 补卡 in a calendar month (P23 limit). */
export async function correctionsInMonth(
  db: Executor,
  staffId: string,
  month: string,
  statuses: readonly RequestStatus[],
) {
  return db
    .select({ id: punchCorrections.id, date: punchCorrections.date, time: punchCorrections.time })
    .from(punchCorrections)
    .where(
      and(
        eq(punchCorrections.staffId, staffId),
        inArray(punchCorrections.status, [...statuses]),
        sql`to_char(${punchCorrections.date}, 'YYYY-MM') = ${month}`,
      ),
    );
}

export async function insertCorrection(
  db: Executor,
  values: typeof punchCorrections.$inferInsert,
): Promise<string> {
  const [row] = await db.insert(punchCorrections).values(values).returning({ id: punchCorrections.id });
  return row!.id;
}

export async function updateCorrection(
  db: Executor,
  id: string,
  version: number,
  set: { status: RequestStatus; decidedAt?: Date | null; checkinId?: string },
): Promise<boolean> {
  const rows = await db
    .update(punchCorrections)
    .set({ ...set, version: sql`${punchCorrections.version} + 1` })
    .where(and(eq(punchCorrections.id, id), eq(punchCorrections.version, version)))
    .returning({ id: punchCorrections.id });
  return rows.length > 0;
}

/** The punch an approved 补卡 stands for (source `correction`, inside by definition, no location). */
export async function insertCorrectionCheckin(db: Executor, values: typeof checkins.$inferInsert) {
  await db.insert(checkins).values(values);
}
