import type { z } from 'zod';
import { checkAccountShape } from '../../../shared/account-rules';
import type {
  CreateUserBody,
  ScopeInput,
  UpdateUserBody,
  UserDto,
  UserListQuery,
} from '../../../shared/contracts/users';
import { Role, type ScopeKind } from '../../../shared/enums';
import { audit } from '../../platform/audit';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { hashPassword, randomPassword } from '../../platform/passwords';
import { revokeUserSessions } from '../auth/auth.repo';
import * as repo from './users.repo';

async function toDtos(ctx: Ctx, rows: repo.UserRow[]): Promise<UserDto[]> {
  const scopes = await repo.scopesOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  const now = ctx.clock.now();
  return rows.map((r) => ({
    ...r,
    roleLabel: Role.label(r.role),
    lockedUntil: r.lockedUntil && r.lockedUntil > now ? r.lockedUntil.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
    passwordChangedAt: r.passwordChangedAt.toISOString(),
    scope: scopes
      .filter((s) => s.userId === r.id)
      .map((s) => ({
        kind: s.kind,
        ref: s.regionCode ?? s.institutionId,
        name: s.regionName ?? s.institutionName ?? (s.kind === 'all' ? '全省及全部机构' : '本人'),
      })),
  }));
}

async function dtoOf(ctx: Ctx, id: string): Promise<UserDto> {
  const row = await repo.findUser(ctx.db, id);
  if (!row) throw notFound('账号不存在');
  const [dto] = await toDtos(ctx, [row]);
  return dto!;
}

export async function listUsers(ctx: Ctx, q: z.infer<typeof UserListQuery>) {
  const page = await repo.listUsers(ctx.db, {
    ...q,
    lockedAt: q.locked ? { now: ctx.clock.now(), locked: q.locked === 'true' } : undefined,
  });
  return { items: await toDtos(ctx, page.items), total: page.total };
}

/** Check a role, institution and scope together; return the scope rows to store. */
async function validateAccount(ctx: Ctx, body: Pick<CreateUserBody, 'role' | 'institutionId' | 'scope'>) {
  const problems = checkAccountShape(body);
  const codes = body.scope.filter((s) => s.kind === 'region').map((s) => s.ref ?? '');
  const ids = [
    ...body.scope.filter((s) => s.kind === 'institution').map((s) => s.ref ?? ''),
    ...(body.institutionId ? [body.institutionId] : []),
  ];
  const [knownRegions, knownInstitutions] = await Promise.all([
    repo.existingRegions(
      ctx.db,
      codes.filter((c) => /^\d{6}$/.test(c)),
    ),
    repo.existingInstitutions(
      ctx.db,
      ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i)),
    ),
  ]);
  for (const c of codes) if (!knownRegions.has(c)) problems.push(`行政区划代码 ${c} 不存在或已撤销`);
  for (const i of ids) if (!knownInstitutions.has(i)) problems.push('所选机构不存在');
  if (problems.length) throw new AppError(400, 'INVALID_ACCOUNT', problems.join('；'), { problems });
  return dedupe(body.scope).map((s) => ({
    kind: s.kind,
    regionCode: s.kind === 'region' ? s.ref : null,
    institutionId: s.kind === 'institution' ? s.ref : null,
  }));
}

function dedupe(scope: z.infer<typeof ScopeInput>[]) {
  const seen = new Set<string>();
  return scope.filter((s) => {
    const key = `${s.kind}:${s.kind === 'all' || s.kind === 'self' ? '' : s.ref}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** S09: an admin changes other people's accounts, never their own role, scope or status. */
function notSelf(ctx: Ctx, id: string) {
  if (requireUser(ctx).id === id) throw forbidden('不能修改自己的账号；请由另一位管理员操作');
}

export async function createUser(ctx: Ctx, body: CreateUserBody) {
  const scope = await validateAccount(ctx, body);
  if (await repo.usernameTaken(ctx.db, body.username)) {
    throw new AppError(409, 'USERNAME_TAKEN', `用户名 ${body.username} 已被使用`);
  }
  const password = randomPassword();
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertUser(tx, {
      username: body.username,
      displayName: body.displayName,
      role: body.role,
      institutionId: body.institutionId,
      passwordHash: hash,
      mustChangePassword: true,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceScope(tx, id, scope);
    await audit(
      ctx,
      'user.create',
      {
        objectType: 'user',
        objectId: id,
        result: 'ok',
        details: { username: body.username, role: body.role, scope: body.scope },
      },
      tx,
    );
    return id;
  });
  return { user: await dtoOf(ctx, id), password };
}

/** A role or scope change takes effect on the user's next request (S10): scope is read per request. */
export async function updateUser(ctx: Ctx, id: string, body: UpdateUserBody) {
  notSelf(ctx, id);
  const before = await dtoOf(ctx, id);
  const scope = await validateAccount(ctx, body);
  await ctx.db.transaction(async (tx) => {
    const ok = await repo.updateUserVersioned(tx, id, body.version, {
      displayName: body.displayName,
      role: body.role,
      institutionId: body.institutionId,
      updatedAt: ctx.clock.now(),
    });
    if (!ok) throw conflict('该账号已被他人修改，请刷新后重试');
    await repo.replaceScope(tx, id, scope);
    await audit(
      ctx,
      'user.update',
      {
        objectType: 'user',
        objectId: id,
        result: 'ok',
        details: {
          before: {
            role: before.role,
            institutionId: before.institutionId,
            scope: before.scope.map(scopeKey),
          },
          after: { role: body.role, institutionId: body.institutionId, scope: body.scope.map(scopeKey) },
        },
      },
      tx,
    );
  });
  return dtoOf(ctx, id);
}

const scopeKey = (s: { kind: ScopeKind; ref: string | null }) => (s.ref ? `${s.kind}:${s.ref}` : s.kind);

/** A new random password, shown once; the user must change it at next login; their sessions end. */
export async function resetPassword(ctx: Ctx, id: string) {
  notSelf(ctx, id);
  const { username } = await dtoOf(ctx, id);
  const password = randomPassword();
  const hash = await hashPassword(password);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, id, {
      passwordHash: hash,
      passwordChangedAt: now,
      mustChangePassword: true,
      updatedAt: now,
    });
    await revokeUserSessions(tx, id, now);
    await audit(
      ctx,
      'user.password.reset',
      { objectType: 'user', objectId: id, result: 'ok', details: { username } },
      tx,
    );
  });
  return { user: await dtoOf(ctx, id), password };
}

/** Disabling ends every session at once (S05, S10). */
export async function setStatus(ctx: Ctx, id: string, status: 'active' | 'disabled') {
  notSelf(ctx, id);
  const { username } = await dtoOf(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { status, updatedAt: now });
    if (status === 'disabled') await revokeUserSessions(tx, id, now);
    await audit(
      ctx,
      status === 'disabled' ? 'user.disable' : 'user.enable',
      { objectType: 'user', objectId: id, result: 'ok', details: { username } },
      tx,
    );
  });
  return dtoOf(ctx, id);
}

export async function unlockUser(ctx: Ctx, id: string) {
  const { username } = await dtoOf(ctx, id);
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { lockedUntil: null, failedLogins: 0, updatedAt: ctx.clock.now() });
    await audit(
      ctx,
      'user.unlock',
      { objectType: 'user', objectId: id, result: 'ok', details: { username } },
      tx,
    );
  });
  return dtoOf(ctx, id);
}

/** A lost phone: clear the TOTP secret, end sessions; the admin enrols again at next login. */
export async function resetMfa(ctx: Ctx, id: string) {
  notSelf(ctx, id);
  const { username } = await dtoOf(ctx, id);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await repo.updateUser(tx, id, { totpSecret: null, totpLastStep: null, updatedAt: now });
    await revokeUserSessions(tx, id, now);
    await audit(
      ctx,
      'user.mfa.reset',
      { objectType: 'user', objectId: id, result: 'ok', details: { username } },
      tx,
    );
  });
  return dtoOf(ctx, id);
}

export const lookupInstitutions = (ctx: Ctx, q?: string) => repo.lookupInstitutions(ctx.db, q);
export const lookupRegions = (ctx: Ctx, q?: string, parentCode?: string) =>
  repo.lookupRegions(ctx.db, q, parentCode);
