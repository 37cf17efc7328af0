import { and, asc, count, eq, exists, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { StaffListQuery } from '../../../shared/contracts/staff';
import type { Executor } from '../../db/client';
import { dispatches, institutions, regions, staff, users } from '../../db/schema';

/**
 * Queries over `staff` with the home institution, its region and the linked account joined.
 * Lists read only the masked columns; the ciphertexts are read by `sealedValues` alone (S15).
 */

export type StaffInsert = typeof staff.$inferInsert;

const staffColumns = {
  id: staff.id,
  side: staff.side,
  name: staff.name,
  gender: staff.gender,
  birthDate: staff.birthDate,
  idNumberMasked: staff.idNumberMasked,
  phoneMasked: staff.phoneMasked,
  institution: {
    id: institutions.id,
    name: institutions.name,
    regionCode: institutions.regionCode,
    regionName: regions.name,
  },
  department: staff.department,
  specialty: staff.specialty,
  title: staff.title,
  titleSeries: staff.titleSeries,
  postType: staff.postType,
  workStartedOn: staff.workStartedOn,
  qualificationType: staff.qualificationType,
  qualificationNumber: staff.qualificationNumber,
  backbone: staff.backbone,
  username: users.username,
  createdAt: staff.createdAt,
  updatedAt: staff.updatedAt,
  version: staff.version,
};

const fromJoined = (db: Executor) =>
  db
    .select(staffColumns)
    .from(staff)
    .innerJoin(institutions, eq(institutions.id, staff.institutionId))
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .leftJoin(users, eq(users.id, staff.userId));

export type StaffRow = Awaited<ReturnType<typeof fromJoined>>[number];

/** The scope filter's columns: a staff member is owned by the home institution (S07). */
export const staffScopeColumns = { regionCode: institutions.regionCode, institutionId: institutions.id };

/** The recipient a staff member is stationed with, for the read scope below. */
const stationedAt = alias(institutions, 'stationed_at');
export const stationedScopeColumns = { regionCode: stationedAt.regionCode, institutionId: stationedAt.id };

/** Dispatches that put a person at the recipient (approved, on duty or served there). */
const STATIONED_STATUSES = ['approved', 'on_duty', 'completed'] as const;

/**
 * Read scope (S07): the home institution in scope, or a dispatch of the person to a recipient
 * in scope, so a recipient sees who is stationed with it (still masked). Writes and reveals keep
 * the home scope alone.
 */
export function readScope(db: Executor, home: SQL, recipient: SQL): SQL {
  const stationed = exists(
    db
      .select({ one: sql`1` })
      .from(dispatches)
      .innerJoin(stationedAt, eq(stationedAt.id, dispatches.recipientInstitutionId))
      .where(
        and(eq(dispatches.staffId, staff.id), inArray(dispatches.status, [...STATIONED_STATUSES]), recipient),
      ),
  );
  return or(home, stationed) as SQL;
}

export interface StaffFilter extends StaffListQuery {
  /** the region's path when `region` is given (null: unknown region, nothing matches) */
  regionPath?: string | null;
  /** the blind index of `q` when it is a full ID number or phone */
  qIndex?: { kind: 'idNumber' | 'phone'; value: string };
}

export async function listStaff(
  db: Executor,
  scope: SQL,
  q: StaffFilter,
): Promise<{ items: StaffRow[]; total: number }> {
  const search = q.qIndex
    ? q.qIndex.kind === 'idNumber'
      ? eq(staff.idNumberIndex, q.qIndex.value)
      : eq(staff.phoneIndex, q.qIndex.value)
    : q.q
      ? ilike(staff.name, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
      : undefined;
  const where = and(
    scope,
    q.side ? eq(staff.side, q.side) : undefined,
    q.institutionId ? eq(staff.institutionId, q.institutionId) : undefined,
    q.region ? like(regions.path, `${q.regionPath ?? '/none/'}%`) : undefined,
    q.title ? eq(staff.title, q.title) : undefined,
    search,
  );
  const [items, [total]] = await Promise.all([
    fromJoined(db)
      .where(where)
      .orderBy(asc(institutions.name), asc(staff.name), asc(staff.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(staff)
      .innerJoin(institutions, eq(institutions.id, staff.institutionId))
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One staff member if the scope covers the home institution; otherwise undefined (404). */
export async function findInScope(db: Executor, scope: SQL, id: string): Promise<StaffRow | undefined> {
  const [row] = await fromJoined(db).where(and(scope, eq(staff.id, id)));
  return row;
}

/** The fields an update starts from, including the side (never changed) and the raw institution id. */
export async function editable(db: Executor, id: string) {
  const [row] = await db.select().from(staff).where(eq(staff.id, id));
  return row;
}

/** The ciphertexts of one staff member, for a reveal (S16). */
export async function sealedValues(db: Executor, id: string) {
  const [row] = await db
    .select({ idNumberEnc: staff.idNumberEnc, phoneEnc: staff.phoneEnc })
    .from(staff)
    .where(eq(staff.id, id));
  return row;
}

/** Insert one staff member; returns the id. A duplicate ID number fails on `staff_id_number`. */
export async function insertOne(db: Executor, values: StaffInsert): Promise<string> {
  const [row] = await db.insert(staff).values(values).returning({ id: staff.id });
  return row!.id;
}

/**
 * Insert a batch of rows built by `staffRowFrom` (the importer's commit, the demo seed), in
 * the caller's transaction. Returns the new ids in input order.
 */
export async function insertStaff(db: Executor, rows: StaffInsert[]): Promise<string[]> {
  if (!rows.length) return [];
  const out = await db.insert(staff).values(rows).returning({ id: staff.id });
  return out.map((r) => r.id);
}

/**
 * Which of these ID-number blind indexes are already registered, and where: index → the
 * staff id and home institution. The caller decides how much of it to show (scope).
 */
export async function existingIdIndexes(
  db: Executor,
  indexes: string[],
): Promise<Map<string, { staffId: string; institutionId: string; institutionName: string }>> {
  if (!indexes.length) return new Map();
  const rows = await db
    .select({
      index: staff.idNumberIndex,
      staffId: staff.id,
      institutionId: staff.institutionId,
      institutionName: institutions.name,
    })
    .from(staff)
    .innerJoin(institutions, eq(institutions.id, staff.institutionId))
    .where(inArray(staff.idNumberIndex, [...new Set(indexes)]));
  return new Map(rows.map(({ index, ...rest }) => [index, rest]));
}

/** Update only if the version is the one the editor loaded (S29); returns whether it was. */
export async function updateVersioned(
  db: Executor,
  id: string,
  version: number,
  set: Partial<StaffInsert>,
): Promise<boolean> {
  const rows = await db
    .update(staff)
    .set({ ...set, version: sql`${staff.version} + 1` })
    .where(and(eq(staff.id, id), eq(staff.version, version)))
    .returning({ id: staff.id });
  return rows.length > 0;
}

/** Link an account to a staff member (the demo seed; later the account pages). */
export async function linkUser(db: Executor, staffId: string, userId: string): Promise<void> {
  await db.update(staff).set({ userId }).where(eq(staff.id, staffId));
}

/** Whether a database error is the unique index on the ID number's blind index. */
export function isDuplicateIdNumber(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const o = e as { code?: string; constraint?: string; constraint_name?: string; message?: string };
    if (
      o.code === '23505' &&
      (o.constraint ?? o.constraint_name ?? o.message ?? '').includes('staff_id_number')
    )
      return true;
  }
  return false;
}

/** Scope-free lookup of an institution the form names (role decides which side it can hold). */
export async function institutionForStaff(db: Executor, id: string) {
  const [row] = await db
    .select({ id: institutions.id, name: institutions.name, role: institutions.role })
    .from(institutions)
    .where(eq(institutions.id, id));
  return row;
}

/** Institution in scope? (the creator may only register staff of institutions they see). */
export async function institutionInScope(db: Executor, scope: SQL, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(and(scope, eq(institutions.id, id)));
  return Boolean(row);
}
