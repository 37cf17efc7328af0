import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Role } from '../../../shared/enums';
import type { Executor } from '../../db/client';
import { institutions, loginTickets, sessions, type USER_STATUSES, users } from '../../db/schema';
import type { ScopeNode } from '../../platform/context';

export async function findUserByUsername(db: Executor, username: string) {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${username.toLowerCase()}`);
  return row;
}

/** The row behind a session: the user, their institution and scope, and the session's times. */
export interface SessionRow {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  status: (typeof USER_STATUSES)[number];
  institutionId: string | null;
  institutionName: string | null;
  scope: ScopeNode[];
  passwordChangedAt: Date;
  mustChangePassword: boolean;
  mfaEnrolled: boolean;
  lastSeenAt: Date;
  expiresAt: Date;
}

/**
 * Every authenticated request resolves its session: two small prepared statements
 * (planned once per connection, built once per database) rather than one large query
 * that PostgreSQL would re-plan every time.
 */
interface ScopeJson {
  kind: SessionRow['scope'][number]['kind'];
  regionCode: string | null;
  regionPath: string | null;
  regionName: string | null;
  institutionId: string | null;
  institutionName: string | null;
}

/**
 * The session, its user and the user's data scope in one prepared statement: every signed-in
 * request runs it, so one round trip instead of two (the scope as a JSON array).
 */
function prepareSessionQuery(db: Executor) {
  return db
    .select({
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      status: users.status,
      institutionId: users.institutionId,
      institutionName: institutions.name,
      passwordChangedAt: users.passwordChangedAt,
      mustChangePassword: users.mustChangePassword,
      mfaEnrolled: sql<boolean>`${users.totpSecret} is not null`,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      scope: sql<ScopeJson[]>`(
        select coalesce(json_agg(json_build_object(
            'kind', us.kind, 'regionCode', us.region_code, 'regionPath', r.path, 'regionName', r.name,
            'institutionId', us.institution_id, 'institutionName', si.name)
          order by us.kind, us.region_code, us.institution_id), '[]'::json)
        from user_scopes us
        left join regions r on r.code = us.region_code
        left join institutions si on si.id = us.institution_id
        where us.user_id = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(institutions, eq(institutions.id, users.institutionId))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt)))
    .prepare('session_row');
}

const preparedFor = new WeakMap<Executor, ReturnType<typeof prepareSessionQuery>>();

export async function findSessionRow(db: Executor, sessionId: string): Promise<SessionRow | undefined> {
  let q = preparedFor.get(db);
  if (!q) {
    q = prepareSessionQuery(db);
    preparedFor.set(db, q);
  }
  const [row] = await q.execute({ id: sessionId });
  if (!row) return undefined;
  // PGlite hands json back parsed, node-postgres too; a string would mean a driver change.
  const scope = (typeof row.scope === 'string' ? JSON.parse(row.scope) : row.scope) as ScopeJson[];
  return {
    ...row,
    scope: scope.map((r) => ({
      kind: r.kind,
      regionCode: r.regionCode,
      regionPath: r.regionPath,
      institutionId: r.institutionId,
      name: r.regionName ?? r.institutionName ?? (r.kind === 'all' ? ALL_SCOPE_NAME : SELF_SCOPE_NAME),
    })),
  };
}

const ALL_SCOPE_NAME = '全省及全部机构';
const SELF_SCOPE_NAME = '本人';

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

export async function findUserById(db: Executor, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Count a failed password atomically; returns the new count. */
export async function countFailedLogin(db: Executor, userId: string): Promise<number> {
  const [row] = await db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, userId))
    .returning({ n: users.failedLogins });
  return row?.n ?? 0;
}

export async function lockUser(db: Executor, userId: string, until: Date) {
  await db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, userId));
}

export async function clearFailedLogins(db: Executor, userId: string) {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

export async function setPassword(
  db: Executor,
  userId: string,
  hash: string,
  now: Date,
  mustChange: boolean,
) {
  await db
    .update(users)
    .set({
      passwordHash: hash,
      passwordChangedAt: now,
      mustChangePassword: mustChange,
      updatedAt: now,
      version: sql`${users.version} + 1`,
    })
    .where(eq(users.id, userId));
}

/** Revoke every live session of a user, except one (the caller's own, after a password change). */
export async function revokeUserSessions(db: Executor, userId: string, now: Date, except?: string) {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except ? sql`${sessions.id} <> ${except}` : undefined,
      ),
    );
}

export async function insertTicket(db: Executor, row: typeof loginTickets.$inferInsert) {
  await db.insert(loginTickets).values(row);
}

export async function findTicket(db: Executor, id: string) {
  const [row] = await db.select().from(loginTickets).where(eq(loginTickets.id, id));
  return row;
}

export async function updateTicket(db: Executor, id: string, set: Partial<typeof loginTickets.$inferInsert>) {
  await db.update(loginTickets).set(set).where(eq(loginTickets.id, id));
}

/** Count a wrong code; returns the new count. */
export async function countTicketAttempt(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .update(loginTickets)
    .set({ attempts: sql`${loginTickets.attempts} + 1` })
    .where(eq(loginTickets.id, id))
    .returning({ n: loginTickets.attempts });
  return row?.n ?? 0;
}

/** Enrol or use TOTP: store the secret (encrypted) and the time step just used. */
export async function setTotp(db: Executor, userId: string, secret: string | null, step: number | null) {
  await db.update(users).set({ totpSecret: secret, totpLastStep: step }).where(eq(users.id, userId));
}

/** Accept a TOTP step only if it is later than the last one used (no replay), atomically. */
export async function advanceTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), sql`coalesce(${users.totpLastStep}, -1) < ${step}`))
    .returning({ id: users.id });
  return rows.length > 0;
}
