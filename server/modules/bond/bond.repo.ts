import {
  and,
  asc,
  count,
  desc,
  eq,
  exists,
  gte,
  inArray,
  like,
  lt,
  lte,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { BondListQuery } from '../../../shared/contracts/bond';
import type { Executor } from '../../db/client';
import {
  bondBreaches,
  institutions,
  programmes,
  regions,
  serviceBonds,
  staff,
  userScopes,
  users,
} from '../../db/schema';
import { chunks } from '../excel/importer';

/**
 * Queries over service bonds with the staff member, the home institution and its region, and
 * the programme joined. A bond is owned by the staff member's home institution (S07).
 */

export type BondInsert = typeof serviceBonds.$inferInsert;
export type BreachInsert = typeof bondBreaches.$inferInsert;

const bondColumns = {
  id: serviceBonds.id,
  staffId: staff.id,
  staffName: staff.name,
  institution: { id: institutions.id, name: institutions.name, regionName: regions.name },
  regionPath: regions.path,
  programmeId: serviceBonds.programmeId,
  programmeName: programmes.name,
  trigger: serviceBonds.trigger,
  source: serviceBonds.source,
  startsOn: serviceBonds.startsOn,
  endsOn: serviceBonds.endsOn,
  policyVersion: serviceBonds.policyVersion,
  createdAt: serviceBonds.createdAt,
  version: serviceBonds.version,
};

const fromJoined = (db: Executor) =>
  db
    .select(bondColumns)
    .from(serviceBonds)
    .innerJoin(staff, eq(staff.id, serviceBonds.staffId))
    .innerJoin(institutions, eq(institutions.id, staff.institutionId))
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .innerJoin(programmes, eq(programmes.id, serviceBonds.programmeId));

export type BondRow = Awaited<ReturnType<typeof fromJoined>>[number];

export interface BondFilter extends BondListQuery {
  today: string;
  /** the region's path when `region` is given (null: unknown region, nothing matches) */
  regionPath?: string | null;
}

const breached = (db: Executor) =>
  exists(db.select({ one: sql`1` }).from(bondBreaches).where(eq(bondBreaches.bondId, serviceBonds.id)));

export async function listBonds(db: Executor, scope: SQL, q: BondFilter) {
  const state =
    q.state === 'in_force'
      ? and(lte(serviceBonds.startsOn, q.today), gte(serviceBonds.endsOn, q.today))
      : q.state === 'ended'
        ? lt(serviceBonds.endsOn, q.today)
        : q.state === 'breached'
          ? breached(db)
          : undefined;
  const where = and(
    scope,
    q.staffId ? eq(serviceBonds.staffId, q.staffId) : undefined,
    q.institutionId ? eq(staff.institutionId, q.institutionId) : undefined,
    q.region ? like(regions.path, `${q.regionPath ?? '/none/'}%`) : undefined,
    q.trigger ? eq(serviceBonds.trigger, q.trigger) : undefined,
    q.q
      ? or(
          sql`${staff.name} ilike ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
          sql`${serviceBonds.source} ilike ${`%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`,
        )
      : undefined,
    state,
  );
  const [items, [total]] = await Promise.all([
    fromJoined(db)
      .where(where)
      .orderBy(desc(serviceBonds.startsOn), asc(staff.name), asc(serviceBonds.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(serviceBonds)
      .innerJoin(staff, eq(staff.id, serviceBonds.staffId))
      .innerJoin(institutions, eq(institutions.id, staff.institutionId))
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findInScope(db: Executor, scope: SQL, id: string): Promise<BondRow | undefined> {
  const [row] = await fromJoined(db).where(and(scope, eq(serviceBonds.id, id)));
  return row;
}

export async function breachesOf(db: Executor, bondIds: string[]) {
  if (!bondIds.length) return [];
  return db
    .select({
      id: bondBreaches.id,
      bondId: bondBreaches.bondId,
      movement: bondBreaches.movement,
      movedOn: bondBreaches.movedOn,
      destination: bondBreaches.destination,
      approvedBy: bondBreaches.approvedBy,
      note: bondBreaches.note,
      judgement: bondBreaches.judgement,
      recordedBy: users.displayName,
      createdAt: bondBreaches.createdAt,
    })
    .from(bondBreaches)
    .leftJoin(users, eq(users.id, bondBreaches.recordedBy))
    .where(inArray(bondBreaches.bondId, bondIds))
    .orderBy(asc(bondBreaches.movedOn), asc(bondBreaches.id));
}

export async function insertBonds(db: Executor, rows: BondInsert[]): Promise<string[]> {
  const ids: string[] = [];
  for (const part of chunks(rows, 500))
    ids.push(
      ...(await db.insert(serviceBonds).values(part).returning({ id: serviceBonds.id })).map((r) => r.id),
    );
  return ids;
}

export async function insertBreach(db: Executor, row: BreachInsert): Promise<string> {
  const [r] = await db.insert(bondBreaches).values(row).returning({ id: bondBreaches.id });
  return r!.id;
}

/** Recipient-side staff found by their ID numbers' blind indexes, with whether the scope covers them. */
export async function staffByIdIndexes(db: Executor, scope: SQL, indexes: string[]) {
  const out = [];
  for (const part of chunks([...new Set(indexes)], 5000))
    out.push(
      ...(await db
        .select({
          index: staff.idNumberIndex,
          id: staff.id,
          name: staff.name,
          side: staff.side,
          inScope: sql<boolean>`coalesce(${scope}, false)`,
        })
        .from(staff)
        .innerJoin(institutions, eq(institutions.id, staff.institutionId))
        .where(inArray(staff.idNumberIndex, part))),
    );
  return out;
}

/** Programmes by name or code (项目). */
export async function programmesByName(db: Executor, names: string[]) {
  if (!names.length) return [];
  const unique = [...new Set(names)];
  return db
    .select({ id: programmes.id, name: programmes.name, code: programmes.code })
    .from(programmes)
    .where(or(inArray(programmes.name, unique), inArray(programmes.code, unique)));
}

/**
 * Who is alerted of a breach: every active province-office account, and the active county
 * authorities whose scope covers the institution (everything, its region or an ancestor, or it).
 */
export async function breachAlertees(db: Executor, institutionId: string, regionPath: string) {
  const covering = exists(
    db
      .select({ one: sql`1` })
      .from(userScopes)
      .leftJoin(regions, eq(regions.code, userScopes.regionCode))
      .where(
        and(
          eq(userScopes.userId, users.id),
          or(
            eq(userScopes.kind, 'all'),
            and(eq(userScopes.kind, 'region'), sql`${regionPath} like ${regions.path} || '%'`),
            and(eq(userScopes.kind, 'institution'), eq(userScopes.institutionId, institutionId)),
          ),
        ),
      ),
  );
  return db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.status, 'active'),
        or(eq(users.role, 'province_office'), and(eq(users.role, 'county_authority'), covering)),
      ),
    );
}

/** A staff member if the scope covers the home institution (the bond's owner). */
export async function staffInScope(db: Executor, scope: SQL, id: string) {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, side: staff.side })
    .from(staff)
    .innerJoin(institutions, eq(institutions.id, staff.institutionId))
    .where(and(scope, eq(staff.id, id)));
  return row;
}
