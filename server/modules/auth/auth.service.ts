import { createHash, randomBytes } from 'node:crypto';
import type {
  ChangePasswordBody,
  LoginBody,
  LoginResult,
  MeDto,
  MfaBody,
  MfaEnrolmentDto,
  PasswordPolicyDto,
} from '../../../shared/contracts/auth';
import { MFA_ROLES, Role } from '../../../shared/enums';
import { hasPermission, PERMISSIONS, type Permission } from '../../../shared/permissions';
import { actorLabel, audit } from '../../platform/audit';
import type { Ctx, SessionUser } from '../../platform/context';
import { decrypt, encrypt } from '../../platform/crypto';
import { AppError } from '../../platform/errors';
import { checkPassword, describePolicy, isPasswordExpired } from '../../platform/password-policy';
import { dummyHash, hashPassword, verifyPassword } from '../../platform/passwords';
import { RateWindow } from '../../platform/rate-window';
import { acceptedStep, enrolmentOf, newTotpSecret } from '../../platform/totp';
import * as repo from './auth.repo';

/** Only a digest of a cookie token or login ticket is stored, so a database leak yields nothing usable. */
export const digestOf = (token: string) => createHash('sha256').update(token).digest('hex');

const TICKET_TTL_MS = 5 * 60_000;
/** S26: per account, whatever the IP — slows guessing spread over many addresses. */
const perAccount = new RateWindow(20, 60_000);
const TICKET_MAX_ATTEMPTS = 5;

const invalidCredentials = () => new AppError(401, 'INVALID_CREDENTIALS', '用户名或密码错误');
const ticketExpired = () => new AppError(410, 'TICKET_EXPIRED', '登录已超时，请重新输入用户名和密码');

/** Beijing time of day for messages, e.g. 14:35 */
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

type LoginOutcome = { token: string | null; result: LoginResult };

/**
 * First step: the password. Locked accounts are refused even with the right password
 * (S03); repeated failures lock the account; admins continue to a second factor (S04).
 */
export async function login(ctx: Ctx, body: LoginBody): Promise<LoginOutcome> {
  if (!perAccount.hit(body.username.toLowerCase(), ctx.clock.now().getTime())) {
    throw new AppError(429, 'RATE_LIMITED', '该账号登录尝试过于频繁，请一分钟后再试');
  }
  const user = await repo.findUserByUsername(ctx.db, body.username);
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), body.password);
  const now = ctx.clock.now();
  if (!user) {
    await audit(ctx, 'auth.login.failed', {
      result: 'failed',
      actorName: body.username,
      details: { reason: 'unknown_user' },
    });
    throw invalidCredentials();
  }
  const actor = { actorId: user.id, actorName: actorLabel(user), actorRole: user.role };
  if (user.lockedUntil && user.lockedUntil > now) {
    await audit(ctx, 'auth.login.failed', { ...actor, result: 'denied', details: { reason: 'locked' } });
    throw locked(user.lockedUntil);
  }
  if (!ok) {
    const failures = await repo.countFailedLogin(ctx.db, user.id);
    if (failures >= ctx.config.lockout.threshold) {
      const until = new Date(now.getTime() + ctx.config.lockout.durationMs);
      await repo.lockUser(ctx.db, user.id, until);
      await audit(ctx, 'auth.lockout', {
        ...actor,
        result: 'denied',
        objectType: 'user',
        objectId: user.id,
        details: { username: user.username, failures, until: until.toISOString() },
      });
      throw locked(until, failures);
    }
    await audit(ctx, 'auth.login.failed', {
      ...actor,
      result: 'failed',
      details: { reason: 'password', failures },
    });
    throw invalidCredentials();
  }
  if (user.status !== 'active') {
    await audit(ctx, 'auth.login.failed', { ...actor, result: 'denied', details: { reason: 'disabled' } });
    throw new AppError(403, 'ACCOUNT_DISABLED', '账号已停用，请联系系统管理员');
  }
  await repo.clearFailedLogins(ctx.db, user.id);

  const enrolled = user.totpSecret !== null;
  const needsMfa = MFA_ROLES.includes(user.role) && (ctx.config.adminMfa === 'required' || enrolled);
  if (needsMfa) {
    const ticket = randomBytes(32).toString('base64url');
    await repo.insertTicket(ctx.db, {
      id: digestOf(ticket),
      userId: user.id,
      purpose: enrolled ? 'mfa' : 'enrol',
      createdAt: now,
      expiresAt: new Date(now.getTime() + TICKET_TTL_MS),
    });
    return { token: null, result: { mfaRequired: true, ticket, enrol: !enrolled } };
  }
  return openSession(ctx, user.id, { mfa: false });
}

function locked(until: Date, failures?: number) {
  const why = failures ? `连续 ${failures} 次登录失败，` : '';
  return new AppError(
    423,
    'ACCOUNT_LOCKED',
    `${why}账号已锁定至 ${hhmm(until)}，请稍后再试或联系安全管理员解锁`,
    {
      lockedUntil: until.toISOString(),
    },
  );
}

async function liveTicket(ctx: Ctx, ticket: string) {
  const row = await repo.findTicket(ctx.db, digestOf(ticket));
  if (!row || row.usedAt || row.expiresAt <= ctx.clock.now() || row.attempts >= TICKET_MAX_ATTEMPTS)
    throw ticketExpired();
  const user = await repo.findUserById(ctx.db, row.userId);
  if (user?.status !== 'active') throw ticketExpired();
  return { row, user };
}

/** An admin without TOTP gets a secret (kept encrypted on the ticket) until the first code confirms it. */
export async function startEnrolment(ctx: Ctx, ticket: string): Promise<MfaEnrolmentDto> {
  const { row, user } = await liveTicket(ctx, ticket);
  if (row.purpose !== 'enrol')
    throw new AppError(400, 'NOT_ENROLLING', '该账号已绑定动态口令，请直接输入口令');
  let secret = row.pendingSecret ? decrypt(ctx.keys, row.pendingSecret) : null;
  if (!secret) {
    secret = newTotpSecret();
    await repo.updateTicket(ctx.db, row.id, { pendingSecret: encrypt(ctx.keys, secret) });
  }
  return enrolmentOf(secret, user.username);
}

/** Second step: a TOTP code turns the ticket into a session, completing enrolment if pending. */
export async function completeMfa(ctx: Ctx, body: MfaBody): Promise<LoginOutcome> {
  const { row, user } = await liveTicket(ctx, body.ticket);
  const actor = { actorId: user.id, actorName: actorLabel(user), actorRole: user.role };
  const sealed = row.purpose === 'enrol' ? row.pendingSecret : user.totpSecret;
  if (!sealed) throw new AppError(400, 'NOT_ENROLLING', '请先扫描二维码绑定动态口令');
  const secret = decrypt(ctx.keys, sealed);
  const now = ctx.clock.now();
  const step = acceptedStep(secret, user.username, body.code, now);
  const fresh =
    step !== null && (row.purpose === 'enrol' || (await repo.advanceTotpStep(ctx.db, user.id, step)));
  if (step === null || !fresh) {
    const attempts = await repo.countTicketAttempt(ctx.db, row.id);
    await audit(ctx, 'auth.mfa.failed', {
      ...actor,
      result: 'failed',
      details: { attempts, replay: step !== null },
    });
    if (attempts >= TICKET_MAX_ATTEMPTS) throw ticketExpired();
    throw new AppError(
      401,
      'MFA_INVALID',
      step === null ? '动态口令错误' : '该动态口令已使用，请等待下一个口令',
    );
  }
  await repo.updateTicket(ctx.db, row.id, { usedAt: now });
  if (row.purpose === 'enrol') {
    await repo.setTotp(ctx.db, user.id, sealed, step);
    await audit(ctx, 'auth.mfa.enrol', { ...actor, result: 'ok', objectType: 'user', objectId: user.id });
  }
  return openSession(ctx, user.id, { mfa: true });
}

/** A fresh random token on every login: the session id is rotated (S05). */
async function openSession(ctx: Ctx, userId: string, details: { mfa: boolean }): Promise<LoginOutcome> {
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const id = digestOf(token);
  await repo.insertSession(ctx.db, {
    id,
    userId,
    expiresAt: new Date(now.getTime() + ctx.config.sessionMaxMs),
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    now,
  });
  const row = await repo.findSessionRow(ctx.db, id);
  if (!row) throw new Error('session vanished right after it was created');
  const user = toSessionUser(ctx, row, id);
  await audit(ctx, 'auth.login', {
    actorId: user.id,
    actorName: actorLabel(user),
    actorRole: user.role,
    result: 'ok',
    details,
  });
  return { token, result: { mfaRequired: false, me: toMe(user), passwordExpired: user.passwordExpired } };
}

/** Resolve a cookie token to its user, enforcing idle and absolute lifetimes (S03). */
export async function resolveSession(ctx: Ctx, token: string): Promise<SessionUser | null> {
  const id = digestOf(token);
  const row = await repo.findSessionRow(ctx.db, id);
  if (!row) return null;
  const now = ctx.clock.now();
  const idle = now.getTime() - row.lastSeenAt.getTime() > ctx.config.sessionIdleMs;
  if (idle || row.expiresAt <= now || row.status !== 'active') {
    await repo.revokeSession(ctx.db, id, now);
    return null;
  }
  // Writing on every request would double the load of reads; a minute's precision is enough.
  if (now.getTime() - row.lastSeenAt.getTime() > 60_000) await repo.touchSession(ctx.db, id, now);
  return toSessionUser(ctx, row, id);
}

export async function logout(ctx: Ctx, token: string): Promise<void> {
  const id = digestOf(token);
  const row = await repo.findSessionRow(ctx.db, id);
  await repo.revokeSession(ctx.db, id, ctx.clock.now());
  if (row) {
    await audit(ctx, 'auth.logout', {
      actorId: row.userId,
      actorName: actorLabel(row),
      actorRole: row.role,
      result: 'ok',
    });
  }
}

/** S02/S05: verify the current password, apply the policy, and end the user's other sessions. */
export async function changePassword(ctx: Ctx, me: SessionUser, body: ChangePasswordBody): Promise<void> {
  const user = await repo.findUserById(ctx.db, me.id);
  if (!user || !(await verifyPassword(user.passwordHash, body.currentPassword))) {
    await audit(ctx, 'auth.password.change', {
      result: 'failed',
      objectType: 'user',
      objectId: me.id,
      details: { reason: 'wrong_current' },
    });
    throw new AppError(401, 'WRONG_PASSWORD', '当前密码不正确');
  }
  const problems = checkPassword(ctx.config.password, body.newPassword, user.username);
  if (body.newPassword === body.currentPassword) problems.push('新密码不能与当前密码相同');
  if (problems.length) throw new AppError(400, 'PASSWORD_POLICY', problems.join('；'), { problems });
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.setPassword(tx, user.id, await hashPassword(body.newPassword), now, false);
    await repo.revokeUserSessions(tx, user.id, now, me.sessionId);
    await audit(ctx, 'auth.password.change', { result: 'ok', objectType: 'user', objectId: user.id }, tx);
  });
}

export function passwordPolicy(ctx: Ctx): PasswordPolicyDto {
  return { ...ctx.config.password, rules: describePolicy(ctx.config.password) };
}

function toSessionUser(ctx: Ctx, row: repo.SessionRow, sessionId: string): SessionUser {
  return {
    id: row.userId,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    institutionId: row.institutionId,
    institutionName: row.institutionName,
    scope: row.scope,
    sessionId,
    passwordExpired:
      row.mustChangePassword ||
      isPasswordExpired(ctx.config.password, row.passwordChangedAt, ctx.clock.now()),
    mfaEnrolled: row.mfaEnrolled,
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
    passwordExpired: user.passwordExpired,
    mfaEnrolled: user.mfaEnrolled,
  };
}
