import { and, asc, count, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/enums';
import type { Executor } from '../../db/client';
import { institutions, regions, type USER_STATUSES, userScopes, users } from '../../db/schema';

export interface UserFilter {
  q?: string;
  role?: Role;
  status?: (typeof USER_STATUSES)[number];
  lockedAt?: { now: Date; locked: boolean };
  page: number;
  pageSize: number;
}

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  institutionId: users.institutionId,
  institutionName: institutions.name,
  status: users.status,
  lockedUntil: users.lockedUntil,
  mfaEnrolled: sql<boolean>`${users.totpSecret} is not null`,
  createdAt: users.createdAt,
  passwordChangedAt: users.passwordChangedAt,
  version: users.version,
};

export type UserRow = Awaited<ReturnType<typeof listUsers>>['items'][number];

export async function listUsers(db: Executor, f: UserFilter) {
  const where = and(
    f.q ? or(ilike(users.username, `%${f.q}%`), ilike(users.displayName, `%${f.q}%`)) : undefined,
    f.role ? eq(users.role, f.role) : undefined,
    f.status ? eq(users.status, f.status) : undefined,
    f.lockedAt
      ? f.lockedAt.locked
        ? gt(users.lockedUntil, f.lockedAt.now)
        : or(isNull(users.lockedUntil), sql`${users.lockedUntil} <= ${f.lockedAt.now}`)
      : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select(userColumns)
      .from(users)
      .leftJoin(institutions, eq(institutions.id, users.institutionId))
      .where(where)
      .orderBy(asc(users.role), asc(users.username))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export async function findUser(db: Executor, id: string) {
  const [row] = await db
    .select(userColumns)
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, id));
  return row;
}

/** Scope rows of several users at once, with the display name of each node. */
export async function scopesOf(db: Executor, userIds: string[]) {
  if (!userIds.length) return [];
  return db
    .select({
      userId: userScopes.userId,
      kind: userScopes.kind,
      regionCode: userScopes.regionCode,
      institutionId: userScopes.institutionId,
      regionName: regions.name,
      institutionName: institutions.name,
    })
    .from(userScopes)
    .leftJoin(regions, eq(regions.code, userScopes.regionCode))
    .leftJoin(institutions, eq(institutions.id, userScopes.institutionId))
    .where(inArray(userScopes.userId, userIds))
    .orderBy(asc(userScopes.kind));
}

export async function usernameTaken(db: Executor, username: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return Boolean(row);
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<string> {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  return row!.id;
}

/** Update only if the version is the one the editor loaded (S29); returns whether it was. */
export async function updateUserVersioned(
  db: Executor,
  id: string,
  version: number,
  set: Partial<typeof users.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1` })
    .where(and(eq(users.id, id), eq(users.version, version)))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function updateUser(db: Executor, id: string, set: Partial<typeof users.$inferInsert>) {
  await db
    .update(users)
    .set({ ...set, version: sql`${users.version} + 1` })
    .where(eq(users.id, id));
}

export async function replaceScope(
  db: Executor,
  userId: string,
  nodes: {
    kind: (typeof userScopes.$inferInsert)['kind'];
    regionCode: string | null;
    institutionId: string | null;
  }[],
) {
  await db.delete(userScopes).where(eq(userScopes.userId, userId));
  if (nodes.length) await db.insert(userScopes).values(nodes.map((n) => ({ ...n, userId })));
}

export async function existingRegions(db: Executor, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(inArray(regions.code, codes), isNull(regions.validTo)));
  return new Set(rows.map((r) => r.code));
}

export async function existingInstitutions(db: Executor, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: institutions.id })
    .from(institutions)
    .where(inArray(institutions.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Pickers of the user form: names only, across the whole province (no scope: these are not personal data). */
export async function lookupInstitutions(db: Executor, q: string | undefined) {
  return db
    .select({ id: institutions.id, name: institutions.name, regionName: regions.name })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(q ? ilike(institutions.name, `%${q}%`) : undefined)
    .orderBy(asc(institutions.name))
    .limit(50);
}

export async function lookupRegions(db: Executor, q: string | undefined, parentCode: string | undefined) {
  const where: SQL | undefined = and(
    isNull(regions.validTo),
    parentCode ? eq(regions.parentCode, parentCode) : undefined,
    q ? or(ilike(regions.name, `%${q}%`), ilike(regions.code, `${q}%`)) : undefined,
    // Without a parent or a search, the top of the home province: it and its prefectures.
    !parentCode && !q ? or(eq(regions.code, '510000'), eq(regions.parentCode, '510000')) : undefined,
  );
  return db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(where)
    .orderBy(asc(regions.code))
    .limit(50);
}
