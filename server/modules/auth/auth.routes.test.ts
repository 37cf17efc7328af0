import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { MeDto } from '../../../shared/contracts/auth';
import { institutions, sessions, users } from '../../db/schema';
import { type TestApp, testApp } from '../../test/app';
import { TEST_PASSWORD } from '../../test/template';

let t: TestApp;
let countyUser: string;

beforeAll(async () => {
  t = await testApp();
  const [u] = await t.database.db.select().from(users).where(eq(users.role, 'county_authority'));
  countyUser = u!.username;
});

const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  t.request({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });

describe('POST /api/auth/login', () => {
  it('opens a session with an HttpOnly, SameSite cookie and returns the user, role and scope', async () => {
    const res = await login(countyUser, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.mfaRequired).toBe(false);
    const me = MeDto.parse(body.me);
    expect(me.user.role).toBe('county_authority');
    expect(me.user.roleLabel).toBe('县(市、区)卫生健康行政部门');
    expect(me.scope.map((s) => s.kind)).toEqual(['region']);
    expect(body.passwordExpired).toBe(false);
    const cookie = res.cookies[0]!;
    expect(cookie.name).toBe('cp_session');
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.path).toBe('/');
  });

  it('accepts the username in any case', async () => {
    expect((await login(countyUser.toUpperCase(), TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('gives a new session id at every login (S05)', async () => {
    const a = (await login(countyUser, TEST_PASSWORD)).cookies[0]!.value;
    const b = (await login(countyUser, TEST_PASSWORD)).cookies[0]!.value;
    expect(a).not.toBe(b);
  });

  it('stores only a digest of the session token', async () => {
    const token = (await login(countyUser, TEST_PASSWORD)).cookies[0]!.value;
    const stored = await t.database.db.select({ id: sessions.id }).from(sessions);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.map((s) => s.id)).not.toContain(token);
  });

  it.each([
    ['a wrong password', () => countyUser, 'Wrong@Password1'],
    ['an unknown user', () => 'nobody-here', TEST_PASSWORD],
  ])('refuses %s with the same Chinese message', async (_, username, password) => {
    const res = await login(username(), password);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' } });
    expect(res.cookies).toHaveLength(0);
  });

  it.each([
    ['admin', 'admin'],
    ['admin', '123456'],
    ['root', 'root'],
    ['sysadmin', 'sysadmin'],
    ['test', 'test'],
  ])('no well-known credential logs in (S01): %s / %s', async (username, password) => {
    expect((await login(username, password)).statusCode).toBe(401);
  });

  it('refuses a disabled account', async () => {
    const [u] = await t.database.db.select().from(users).where(eq(users.role, 'inspector'));
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, u!.id));
    const res = await login(u!.username, TEST_PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/停用/);
    await t.database.db.update(users).set({ status: 'active' }).where(eq(users.id, u!.id));
  });

  it('validates the body with Chinese messages and rejects unknown fields', async () => {
    const empty = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: '', password: 'x' },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    expect(empty.json().error.message).toContain('请输入用户名');
    const extra = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'b', role: 'province_office' },
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(extra.json().error.message).not.toMatch(/Unrecognized|Invalid|Expected/);
  });

  it('refuses a state-changing request without the CSRF header (S05)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: countyUser, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF');
  });
});

describe('GET /api/auth/me and logout', () => {
  it('needs a session', async () => {
    const res = await t.request({ method: 'GET', url: '/api/auth/me' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/登录/);
  });

  it('returns the signed-in user and ends with logout', async () => {
    const cookie = await t.loginAs('recipient_admin');
    const me = await t.request({ method: 'GET', url: '/api/auth/me', cookie });
    expect(me.statusCode).toBe(200);
    const body = MeDto.parse(me.json());
    expect(body.user.role).toBe('recipient_admin');
    const [inst] = await t.database.db
      .select()
      .from(institutions)
      .where(eq(institutions.id, body.user.institutionId!));
    expect(body.user.institutionName).toBe(inst!.name);
    expect(body.scope).toHaveLength(1);
    expect(body.scope[0]!.kind).toBe('institution');
    expect(body.permissions).toContain('org.read');
    expect(body.permissions).not.toContain('users.manage');

    const out = await t.request({ method: 'POST', url: '/api/auth/logout', cookie });
    expect(out.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
  });

  it('ends a session idle longer than the limit (S03)', async () => {
    const cookie = await t.loginAs('county_authority');
    t.clock.advance(t.config.sessionIdleMs - 60_000);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
    t.clock.advance(t.config.sessionIdleMs + 1_000);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
  });

  it('ends a busy session at its absolute lifetime (S03)', async () => {
    const cookie = await t.loginAs('county_authority');
    const step = t.config.sessionIdleMs / 2;
    for (let elapsed = 0; elapsed + step < t.config.sessionMaxMs; elapsed += step) {
      t.clock.advance(step);
      expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(200);
    }
    t.clock.advance(step);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
  });

  it('ends the session of a user disabled meanwhile', async () => {
    const cookie = await t.loginAs('tcm_bureau');
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.role, 'tcm_bureau'));
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
    await t.database.db.update(users).set({ status: 'active' }).where(eq(users.role, 'tcm_bureau'));
  });
});
