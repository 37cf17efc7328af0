import { and, asc, count, desc, eq, gte, ilike, isNull, like, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PairingListQuery } from '../../../shared/contracts/pairing';
import type { Executor } from '../../db/client';
import { institutions, pairingChanges, pairings, programmes, regions, users } from '../../db/schema';

/** The two sides of a pairing, joined under their own names so the scope filter can name both (S07). */
export const sup = alias(institutions, 'sup');
export const rec = alias(institutions, 'rec');
const supRegion = alias(regions, 'sup_region');
const recRegion = alias(regions, 'rec_region');

const pairingColumns = {
  id: pairings.id,
  programmeId: pairings.programmeId,
  programmeName: programmes.name,
  supporting: {
    id: sup.id,
    name: sup.name,
    category: sup.category,
    tier: sup.tier,
    regionCode: sup.regionCode,
    regionName: supRegion.name,
  },
  recipient: {
    id: rec.id,
    name: rec.name,
    category: rec.category,
    tier: rec.tier,
    regionCode: rec.regionCode,
    regionName: recRegion.name,
  },
  recipientRegionPath: recRegion.path,
  mode: pairings.mode,
  departments: pairings.departments,
  periodStart: pairings.periodStart,
  periodEnd: pairings.periodEnd,
  status: pairings.status,
  exceptionStatus: pairings.exceptionStatus,
  exceptionReason: pairings.exceptionReason,
  deviations: pairings.deviations,
  createdAt: pairings.createdAt,
  updatedAt: pairings.updatedAt,
  version: pairings.version,
};

/** A select over pairings with both institutions, their regions and the programme joined. */
const fromJoined = (db: Executor) =>
  db
    .select(pairingColumns)
    .from(pairings)
    .innerJoin(programmes, eq(programmes.id, pairings.programmeId))
    .innerJoin(sup, eq(sup.id, pairings.supportingInstitutionId))
    .innerJoin(rec, eq(rec.id, pairings.recipientInstitutionId))
    .innerJoin(supRegion, eq(supRegion.code, sup.regionCode))
    .innerJoin(recRegion, eq(recRegion.code, rec.regionCode));

export type PairingRow = Awaited<ReturnType<typeof fromJoined>>[number];

export async function listPairings(
  db: Executor,
  scope: SQL,
  q: PairingListQuery & { regionPath?: string | null },
): Promise<{ items: PairingRow[]; total: number }> {
  const where = and(
    scope,
    q.programmeId ? eq(pairings.programmeId, q.programmeId) : undefined,
    q.region
      ? or(
          like(supRegion.path, `${q.regionPath ?? '/none/'}%`),
          like(recRegion.path, `${q.regionPath ?? '/none/'}%`),
        )
      : undefined,
    q.category ? eq(sup.category, q.category) : undefined,
    q.mode ? eq(pairings.mode, q.mode) : undefined,
    q.status ? eq(pairings.status, q.status) : undefined,
    q.exceptionStatus ? eq(pairings.exceptionStatus, q.exceptionStatus) : undefined,
    q.q ? or(ilike(sup.name, `%${q.q}%`), ilike(rec.name, `%${q.q}%`)) : undefined,
  );
  const [items, [total]] = await Promise.all([
    fromJoined(db)
      .where(where)
      .orderBy(asc(recRegion.path), asc(rec.name), asc(sup.name), asc(pairings.periodStart))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(pairings)
      .innerJoin(sup, eq(sup.id, pairings.supportingInstitutionId))
      .innerJoin(rec, eq(rec.id, pairings.recipientInstitutionId))
      .innerJoin(supRegion, eq(supRegion.code, sup.regionCode))
      .innerJoin(recRegion, eq(recRegion.code, rec.regionCode))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One pairing if the caller's scope covers either side; otherwise undefined (the caller answers 404). */
export async function findInScope(db: Executor, scope: SQL, id: string): Promise<PairingRow | undefined> {
  const [row] = await fromJoined(db).where(and(scope, eq(pairings.id, id)));
  return row;
}

/** The visible pairings in force on a day, for the overview (optionally of one programme). */
export async function activeInScope(
  db: Executor,
  scope: SQL,
  on: string,
  programmeId?: string,
): Promise<PairingRow[]> {
  return fromJoined(db)
    .where(
      and(
        scope,
        eq(pairings.status, 'active'),
        lte(pairings.periodStart, on),
        or(isNull(pairings.periodEnd), gte(pairings.periodEnd, on)),
        programmeId ? eq(pairings.programmeId, programmeId) : undefined,
      ),
    )
    .orderBy(asc(sup.name));
}

const overlaps = (start: string, end: string | null) =>
  and(
    end === null ? undefined : lte(pairings.periodStart, end),
    or(isNull(pairings.periodEnd), gte(pairings.periodEnd, start)),
  );

/** The recipient's other active pairings in the programme whose period overlaps the given one (P02). */
export async function activePairingsOfRecipient(
  db: Executor,
  opts: { programmeId: string; recipientId: string; start: string; end: string | null; excludeId?: string },
) {
  return db
    .select({
      id: pairings.id,
      supportingInstitutionId: pairings.supportingInstitutionId,
      supportingName: sup.name,
      category: sup.category,
      mode: pairings.mode,
    })
    .from(pairings)
    .innerJoin(sup, eq(sup.id, pairings.supportingInstitutionId))
    .where(
      and(
        eq(pairings.programmeId, opts.programmeId),
        eq(pairings.recipientInstitutionId, opts.recipientId),
        eq(pairings.status, 'active'),
        overlaps(opts.start, opts.end),
        opts.excludeId ? ne(pairings.id, opts.excludeId) : undefined,
      ),
    )
    .orderBy(asc(pairings.createdAt));
}

export async function insertPairing(db: Executor, values: typeof pairings.$inferInsert): Promise<string> {
  const [row] = await db.insert(pairings).values(values).returning({ id: pairings.id });
  return row!.id;
}

/** Update only if the version is the one the editor loaded (S29); returns whether it was. */
export async function updatePairingVersioned(
  db: Executor,
  id: string,
  version: number,
  set: Partial<typeof pairings.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(pairings)
    .set({ ...set, version: sql`${pairings.version} + 1` })
    .where(and(eq(pairings.id, id), eq(pairings.version, version)))
    .returning({ id: pairings.id });
  return rows.length > 0;
}

export async function insertChange(db: Executor, values: typeof pairingChanges.$inferInsert) {
  await db.insert(pairingChanges).values(values);
}

export async function listChanges(db: Executor, pairingId: string) {
  return db
    .select({
      id: pairingChanges.id,
      at: pairingChanges.at,
      actorName: users.displayName,
      change: pairingChanges.change,
      reason: pairingChanges.reason,
    })
    .from(pairingChanges)
    .leftJoin(users, eq(users.id, pairingChanges.actorId))
    .where(eq(pairingChanges.pairingId, pairingId))
    .orderBy(desc(pairingChanges.at), desc(pairingChanges.id));
}
