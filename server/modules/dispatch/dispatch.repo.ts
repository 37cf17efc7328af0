import { and, asc, count, desc, eq, ilike, like, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DispatchListQuery } from '../../../shared/contracts/dispatch';
import type { Executor } from '../../db/client';
import {
  dispatches,
  institutions,
  managementPosts,
  pairings,
  programmes,
  regions,
  staff,
} from '../../db/schema';

/**
 * Queries over `dispatches` with the staff member, their home institution, the recipient
 * and the programme joined. Both institutions are joined under their own names so the
 * scope filter can name either side (S07).
 */
export const home = alias(institutions, 'home');
export const rec = alias(institutions, 'rec');
const recRegion = alias(regions, 'rec_region');

export type DispatchInsert = typeof dispatches.$inferInsert;

const dispatchColumns = {
  id: dispatches.id,
  staffId: dispatches.staffId,
  staff: { id: staff.id, name: staff.name, title: staff.title, workStartedOn: staff.workStartedOn },
  home: { id: home.id, name: home.name, category: home.category },
  pairingId: dispatches.pairingId,
  programmeId: pairings.programmeId,
  programmeName: programmes.name,
  recipientInstitutionId: dispatches.recipientInstitutionId,
  recipient: {
    id: rec.id,
    name: rec.name,
    category: rec.category,
    regionCode: rec.regionCode,
    regionName: recRegion.name,
  },
  batch: dispatches.batch,
  kind: dispatches.kind,
  role: dispatches.role,
  plannedStart: dispatches.plannedStart,
  plannedEnd: dispatches.plannedEnd,
  arrivedOn: dispatches.arrivedOn,
  endedOn: dispatches.endedOn,
  status: dispatches.status,
  judgement: dispatches.judgement,
  justification: dispatches.justification,
  approvedAt: dispatches.approvedAt,
  titleAtApproval: dispatches.titleAtApproval,
  presenceRule: dispatches.presenceRule,
  endReason: dispatches.endReason,
  replacedBy: dispatches.replacedBy,
  createdAt: dispatches.createdAt,
  updatedAt: dispatches.updatedAt,
  version: dispatches.version,
};

const fromJoined = (db: Executor) =>
  db
    .select(dispatchColumns)
    .from(dispatches)
    .innerJoin(staff, eq(staff.id, dispatches.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .innerJoin(recRegion, eq(recRegion.code, rec.regionCode))
    .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
    .innerJoin(programmes, eq(programmes.id, pairings.programmeId));

export type DispatchRow = Awaited<ReturnType<typeof fromJoined>>[number];

/** The scope columns of both sides: the staff member's home institution and the recipient. */
export const homeSide = { regionCode: home.regionCode, institutionId: home.id };
export const recipientSide = { regionCode: rec.regionCode, institutionId: rec.id };

export async function listDispatches(
  db: Executor,
  scope: SQL,
  q: DispatchListQuery & { regionPath?: string | null },
): Promise<{ items: DispatchRow[]; total: number }> {
  const where = and(
    scope,
    q.programmeId ? eq(pairings.programmeId, q.programmeId) : undefined,
    q.pairingId ? eq(dispatches.pairingId, q.pairingId) : undefined,
    q.staffId ? eq(dispatches.staffId, q.staffId) : undefined,
    q.recipientInstitutionId ? eq(dispatches.recipientInstitutionId, q.recipientInstitutionId) : undefined,
    q.region ? like(recRegion.path, `${q.regionPath ?? '/none/'}%`) : undefined,
    q.batch ? eq(dispatches.batch, q.batch) : undefined,
    q.status ? eq(dispatches.status, q.status) : undefined,
    q.q ? ilike(staff.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
  );
  const [items, [total]] = await Promise.all([
    fromJoined(db)
      .where(where)
      .orderBy(desc(dispatches.plannedStart), asc(staff.name), asc(dispatches.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(dispatches)
      .innerJoin(staff, eq(staff.id, dispatches.staffId))
      .innerJoin(home, eq(home.id, staff.institutionId))
      .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
      .innerJoin(recRegion, eq(recRegion.code, rec.regionCode))
      .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One dispatch if the scope covers either side; otherwise undefined (the caller answers 404). */
export async function findInScope(db: Executor, scope: SQL, id: string): Promise<DispatchRow | undefined> {
  const [row] = await fromJoined(db).where(and(scope, eq(dispatches.id, id)));
  return row;
}

/** The same person's other dispatches, any status, for the overlap check. */
export async function otherDispatchesOf(db: Executor, staffId: string, excludeId?: string) {
  return db
    .select({
      recipientName: rec.name,
      start: dispatches.plannedStart,
      end: dispatches.plannedEnd,
      status: dispatches.status,
    })
    .from(dispatches)
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .where(and(eq(dispatches.staffId, staffId), excludeId ? ne(dispatches.id, excludeId) : undefined))
    .orderBy(asc(dispatches.plannedStart));
}

export async function insertDispatch(db: Executor, values: DispatchInsert): Promise<string> {
  const [row] = await db.insert(dispatches).values(values).returning({ id: dispatches.id });
  return row!.id;
}

/** Update only if the version is the one the editor loaded (S29); returns whether it was. */
export async function updateVersioned(
  db: Executor,
  id: string,
  version: number,
  set: Partial<DispatchInsert>,
): Promise<boolean> {
  const rows = await db
    .update(dispatches)
    .set({ ...set, version: sql`${dispatches.version} + 1` })
    .where(and(eq(dispatches.id, id), eq(dispatches.version, version)))
    .returning({ id: dispatches.id });
  return rows.length > 0;
}

// ─── P13 management posts ───

export type ManagementPostRow = typeof managementPosts.$inferSelect;

export async function listPosts(db: Executor, dispatchId: string): Promise<ManagementPostRow[]> {
  return db
    .select()
    .from(managementPosts)
    .where(eq(managementPosts.dispatchId, dispatchId))
    .orderBy(asc(managementPosts.startsOn), asc(managementPosts.createdAt), asc(managementPosts.id));
}

export async function insertPost(
  db: Executor,
  values: typeof managementPosts.$inferInsert,
): Promise<ManagementPostRow> {
  const [row] = await db.insert(managementPosts).values(values).returning();
  return row!;
}
