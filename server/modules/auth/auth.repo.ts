import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { institutions, regions, sessions, userScopes, users } from '../../db/schema';
import type { ScopeNode } from '../../platform/context';

export async function findUserByUsername(db: Executor, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return row;
}

export async function findUserProfile(db: Executor, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      status: users.status,
      institutionId: users.institutionId,
      institutionName: institutions.name,
    })
    .from(users)
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(eq(users.id, userId));
  return row;
}

export async function findScope(db: Executor, userId: string): Promise<ScopeNode[]> {
  const rows = await db
    .select({
      kind: userScopes.kind,
      regionCode: userScopes.regionCode,
      regionPath: regions.path,
      regionName: regions.name,
      institutionId: userScopes.institutionId,
      institutionName: institutions.name,
    })
    .from(userScopes)
    .leftJoin(regions, eq(regions.code, userScopes.regionCode))
    .leftJoin(institutions, eq(institutions.id, userScopes.institutionId))
    .where(eq(userScopes.userId, userId));
  return rows.map((r) => ({
    kind: r.kind,
    regionCode: r.regionCode,
    regionPath: r.regionPath,
    institutionId: r.institutionId,
    name: r.regionName ?? r.institutionName ?? (r.kind === 'all' ? '全省及全部机构' : '本人'),
  }));
}

export async function insertSession(
  db: Executor,
  row: { id: string; userId: string; expiresAt: Date; ip: string; userAgent: string | null; now: Date },
) {
  await db.insert(sessions).values({
    id: row.id,
    userId: row.userId,
    expiresAt: row.expiresAt,
    ip: row.ip,
    userAgent: row.userAgent,
    createdAt: row.now,
    lastSeenAt: row.now,
  });
}

export async function findLiveSession(db: Executor, id: string) {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
  return row;
}

export async function touchSession(db: Executor, id: string, now: Date) {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function revokeSession(db: Executor, id: string, now: Date) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
}

/** Sessions that can never be used again: revoked, expired, or idle past the limit. */
export async function deleteDeadSessions(db: Executor, now: Date, idleMs: number) {
  const deleted = await db
    .delete(sessions)
    .where(
      or(
        lt(sessions.expiresAt, now),
        lt(sessions.lastSeenAt, new Date(now.getTime() - idleMs)),
        sql`${sessions.revokedAt} is not null`,
      ),
    )
    .returning({ id: sessions.id });
  return deleted.length;
}
