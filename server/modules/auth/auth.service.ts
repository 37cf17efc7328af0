import { createHash, randomBytes } from 'node:crypto';
import type { LoginBody, LoginResult, MeDto } from '../../../shared/contracts/auth';
import { Role } from '../../../shared/enums';
import { hasPermission, PERMISSIONS, type Permission } from '../../../shared/permissions';
import type { Ctx, SessionUser } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { dummyHash, verifyPassword } from '../../platform/passwords';
import * as repo from './auth.repo';

/** Only a digest of the cookie token is stored, so a database leak yields no usable session. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');

/** Verify the password and open a new session; the caller sets the returned token as the cookie (S05). */
export async function login(ctx: Ctx, body: LoginBody): Promise<{ token: string; result: LoginResult }> {
  const user = await repo.findUserByUsername(ctx.db, body.username);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
  if (!user || !ok) throw invalidCredentials();
  if (user.status !== 'active') throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');

  // A fresh random token on every login: the session id is rotated (S05).
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  await repo.insertSession(ctx.db, {
    id: sessionIdOf(token),
    userId: user.id,
    expiresAt: new Date(now.getTime() + ctx.config.sessionMaxMs),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    now,
  });
  const sessionUser = await loadSessionUser(ctx, user.id, sessionIdOf(token));
  return { token, result: { mfaRequired: false, me: toMe(sessionUser!) } };
}

/** Resolve a cookie token to its user, enforcing idle and absolute lifetimes (S03). */
export async function resolveSession(ctx: Ctx, token: string): Promise<SessionUser | null> {
  const id = sessionIdOf(token);
  const session = await repo.findLiveSession(ctx.db, id);
  if (!session) return null;
  const now = ctx.clock.now();
  const idle = now.getTime() - session.lastSeenAt.getTime() > ctx.config.sessionIdleMs;
  if (idle || session.expiresAt <= now) {
    await repo.revokeSession(ctx.db, id, now);
    return null;
  }
  const user = await loadSessionUser(ctx, session.userId, id);
  if (!user) {
    await repo.revokeSession(ctx.db, id, now);
    return null;
  }
  // Writing on every request would double the load of reads; a minute's precision is enough.
  if (now.getTime() - session.lastSeenAt.getTime() > 60_000) await repo.touchSession(ctx.db, id, now);
  return user;
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  await repo.revokeSession(ctx.db, sessionIdOf(token), ctx.clock.now());
}

async function loadSessionUser(ctx: Ctx, userId: string, sessionId: string): Promise<SessionUser | null> {
  const profile = await repo.findUserProfile(ctx.db, userId);
  if (profile?.status !== 'active') return null;
  return {
    id: profile.id,
    username: profile.username,
    displayName: profile.displayName,
    role: profile.role,
    institutionId: profile.institutionId,
    institutionName: profile.institutionName,
    scope: await repo.findScope(ctx.db, userId),
    sessionId,
  };
}

export function toMe(user: SessionUser): MeDto {
  return {
    user: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      role: user.role,
      roleLabel: Role.label(user.role),
      institutionId: user.institutionId,
      institutionName: user.institutionName,
    },
    scope: user.scope.map((n) => ({ kind: n.kind, ref: n.regionCode ?? n.institutionId, name: n.name })),
    permissions: (Object.keys(PERMISSIONS) as Permission[]).filter((p) => hasPermission(user.role, p)),
  };
}
