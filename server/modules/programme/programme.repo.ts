import { and, asc, count, desc, eq, ilike, lte, or, sql } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/contracts/common';
import type { Executor } from '../../db/client';
import { policyPackVersions, programmes, regions, users } from '../../db/schema';

type Status = (typeof programmes.$inferSelect)['status'];

/** The newest version number and pack name of each programme. */
const latest = {
  latestPolicyVersion: sql<
    number | null
  >`(select max(v.version) from ${policyPackVersions} v where v.programme_id = ${programmes.id})`,
  policyName: sql<
    string | null
  >`(select v.pack->>'name' from ${policyPackVersions} v where v.programme_id = ${programmes.id} order by v.version desc limit 1)`,
};

const programmeColumns = {
  id: programmes.id,
  code: programmes.code,
  name: programmes.name,
  regionCode: programmes.regionCode,
  regionName: regions.name,
  periodStart: programmes.periodStart,
  periodEnd: programmes.periodEnd,
  status: programmes.status,
  description: programmes.description,
  createdAt: programmes.createdAt,
  version: programmes.version,
  ...latest,
};

export type ProgrammeRow = NonNullable<Awaited<ReturnType<typeof findProgramme>>>;

export async function listProgrammes(db: Executor, q: PageQuery & { q?: string; status?: Status }) {
  const where = and(
    q.q ? or(ilike(programmes.name, `%${q.q}%`), ilike(programmes.code, `%${q.q}%`)) : undefined,
    q.status ? eq(programmes.status, q.status) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select(programmeColumns)
      .from(programmes)
      .innerJoin(regions, eq(regions.code, programmes.regionCode))
      .where(where)
      .orderBy(desc(programmes.periodStart), asc(programmes.code))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(programmes).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findProgramme(db: Executor, id: string) {
  const [row] = await db
    .select(programmeColumns)
    .from(programmes)
    .innerJoin(regions, eq(regions.code, programmes.regionCode))
    .where(eq(programmes.id, id));
  return row;
}

/** Lock the programme row for the rest of the transaction: versions are numbered one at a time. */
export async function lockProgramme(db: Executor, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: programmes.id })
    .from(programmes)
    .where(eq(programmes.id, id))
    .for('update');
  return rows.length > 0;
}

export async function codeTaken(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.code, code));
  return Boolean(row);
}

export async function regionExists(db: Executor, code: string): Promise<boolean> {
  const [row] = await db.select({ code: regions.code }).from(regions).where(eq(regions.code, code));
  return Boolean(row);
}

export async function insertProgramme(db: Executor, values: typeof programmes.$inferInsert): Promise<string> {
  const [row] = await db.insert(programmes).values(values).returning({ id: programmes.id });
  return row!.id;
}

export async function insertVersion(db: Executor, values: typeof policyPackVersions.$inferInsert) {
  await db.insert(policyPackVersions).values(values);
}

const versionColumns = {
  version: policyPackVersions.version,
  effectiveFrom: policyPackVersions.effectiveFrom,
  pack: policyPackVersions.pack,
  note: policyPackVersions.note,
  createdAt: policyPackVersions.createdAt,
  createdByName: users.displayName,
};

export type VersionRow = NonNullable<Awaited<ReturnType<typeof versionByNumber>>>;

/** The version in force on a date: the latest effective date on or before it, then the highest number. */
export async function versionInForce(db: Executor, programmeId: string, on: string) {
  const [row] = await db
    .select(versionColumns)
    .from(policyPackVersions)
    .leftJoin(users, eq(users.id, policyPackVersions.createdBy))
    .where(and(eq(policyPackVersions.programmeId, programmeId), lte(policyPackVersions.effectiveFrom, on)))
    .orderBy(desc(policyPackVersions.effectiveFrom), desc(policyPackVersions.version))
    .limit(1);
  return row;
}

export async function versionByNumber(db: Executor, programmeId: string, version: number) {
  const [row] = await db
    .select(versionColumns)
    .from(policyPackVersions)
    .leftJoin(users, eq(users.id, policyPackVersions.createdBy))
    .where(and(eq(policyPackVersions.programmeId, programmeId), eq(policyPackVersions.version, version)));
  return row;
}

export async function latestVersion(db: Executor, programmeId: string) {
  const [row] = await db
    .select(versionColumns)
    .from(policyPackVersions)
    .leftJoin(users, eq(users.id, policyPackVersions.createdBy))
    .where(eq(policyPackVersions.programmeId, programmeId))
    .orderBy(desc(policyPackVersions.version))
    .limit(1);
  return row;
}

export async function listVersions(db: Executor, programmeId: string) {
  return db
    .select({
      version: policyPackVersions.version,
      effectiveFrom: policyPackVersions.effectiveFrom,
      note: policyPackVersions.note,
      createdAt: policyPackVersions.createdAt,
      createdByName: users.displayName,
      packCode: sql<string>`${policyPackVersions.pack}->>'code'`,
      packName: sql<string>`${policyPackVersions.pack}->>'name'`,
    })
    .from(policyPackVersions)
    .leftJoin(users, eq(users.id, policyPackVersions.createdBy))
    .where(eq(policyPackVersions.programmeId, programmeId))
    .orderBy(desc(policyPackVersions.version));
}
