import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../shared/enums';
import { auditEvents, sessions, users } from '../../db/schema';
import { currentCode } from '../../platform/totp';
import { demoUsername } from '../../seed/demo';
import { type TestApp, testApp, totpSecretOf } from '../../test/app';
import { TEST_PASSWORD } from '../../test/template';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

const usernameOf = async (role: Role) =>
  (
    await t.database.db
      .select({ u: users.username })
      .from(users)
      .where(eq(users.username, demoUsername(role)))
  )[0]!.u;
const idOf = async (role: Role) =>
  (
    await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, demoUsername(role)))
  )[0]!.id;
const login = (username: string, password = TEST_PASSWORD) =>
  t.request({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const cookieOf = (res: { cookies: { name: string; value: string }[] }) =>
  `${res.cookies[0]!.name}=${res.cookies[0]!.value}`;

describe('lockout after repeated failures (S03)', () => {
  it('locks at the threshold, refuses the right password while locked with 423, and lifts after the duration', async () => {
    const name = await usernameOf('county_liaison');
    const { threshold, durationMs } = t.config.lockout;
    for (let i = 1; i < threshold; i++) expect((await login(name, 'Wrong#Pass1')).statusCode).toBe(401);
    const locking = await login(name, 'Wrong#Pass1');
    expect(locking.statusCode).toBe(423);
    expect(locking.json().error.message).toMatch(/^连续 \d+ 次登录失败，账号已锁定至 \d\d:\d\d/);
    const whileLocked = await login(name);
    expect(whileLocked.statusCode).toBe(423);
    expect(whileLocked.json().error.code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(durationMs - 1_000);
    expect((await login(name)).statusCode).toBe(423);
    t.clock.advance(2_000);
    expect((await login(name)).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    const name = await usernameOf('recipient_staff');
    for (let i = 1; i < t.config.lockout.threshold; i++) await login(name, 'Wrong#Pass1');
    expect((await login(name)).statusCode).toBe(200);
    expect((await login(name, 'Wrong#Pass1')).statusCode).toBe(401);
  });

  it('is lifted early by the security admin, and only by them (S09)', async () => {
    const name = await usernameOf('inspector');
    const id = await idOf('inspector');
    for (let i = 0; i < t.config.lockout.threshold; i++) await login(name, 'Wrong#Pass1');
    expect((await login(name)).statusCode).toBe(423);
    const sys = await t.loginAs('system_admin');
    expect(
      (await t.request({ method: 'POST', url: `/api/users/${id}/unlock`, cookie: sys })).statusCode,
    ).toBe(403);
    const sec = await t.loginAs('security_admin');
    const list = await t.request({ method: 'GET', url: '/api/users?locked=true', cookie: sec });
    expect(list.json().items.map((u: { username: string }) => u.username)).toContain(name);
    const unlocked = await t.request({ method: 'POST', url: `/api/users/${id}/unlock`, cookie: sec });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().lockedUntil).toBeNull();
    expect((await login(name)).statusCode).toBe(200);
  });
});

describe('second factor for admins (S04)', () => {
  it('gives the province office only a ticket for its password: no cookie, no data', async () => {
    const res = await login(await usernameOf('province_office'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mfaRequired: true, enrol: true });
    expect(res.json().ticket).toEqual(expect.any(String));
    expect(res.json().me).toBeUndefined();
    expect(res.cookies).toHaveLength(0);
    expect((await t.request({ method: 'GET', url: '/api/institutions' })).statusCode).toBe(401);
  });

  it('leads an admin who has not enrolled through enrolment, then asks for the code every time', async () => {
    const name = await usernameOf('audit_admin');
    const first = (await login(name)).json();
    expect(first).toMatchObject({ mfaRequired: true, enrol: true });
    const enrolment = (
      await t.request({ method: 'POST', url: '/api/auth/mfa/enrol', payload: { ticket: first.ticket } })
    ).json();
    expect(enrolment.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    // Asking again gives the same secret: a reload of the page must not invalidate the scanned QR.
    const again = (
      await t.request({ method: 'POST', url: '/api/auth/mfa/enrol', payload: { ticket: first.ticket } })
    ).json();
    expect(again.secret).toBe(enrolment.secret);
    const wrong = await t.request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket: first.ticket, code: '000000' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe('动态口令错误');
    const ok = await t.request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket: first.ticket, code: currentCode(enrolment.secret, t.clock.now()) },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().me.mfaEnrolled).toBe(true);
    expect(ok.cookies).toHaveLength(1);
    // The ticket is spent.
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/mfa',
          payload: { ticket: first.ticket, code: '123456' },
        })
      ).statusCode,
    ).toBe(410);

    const next = (await login(name)).json();
    expect(next).toMatchObject({ mfaRequired: true, enrol: false });
    // The code just used (same 30-second step) cannot be replayed.
    const replay = await t.request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket: next.ticket, code: currentCode(enrolment.secret, t.clock.now()) },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.message).toMatch(/已使用/);
    t.clock.advance(30_000);
    const later = await t.request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket: next.ticket, code: currentCode(enrolment.secret, t.clock.now()) },
    });
    expect(later.statusCode).toBe(200);
  });

  it('expires a ticket after five minutes and after five wrong codes', async () => {
    await t.loginAs('security_admin'); // enrols
    const name = await usernameOf('security_admin');
    const slow = (await login(name)).json();
    t.clock.advance(5 * 60_000 + 1);
    const secret = await totpSecretOf(t.database, t.config, slow.ticket);
    const late = await t.request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket: slow.ticket, code: currentCode(secret, t.clock.now()) },
    });
    expect(late.statusCode).toBe(410);
    expect(late.json().error.message).toMatch(/重新输入用户名和密码/);

    const guessed = (await login(name)).json();
    for (let i = 0; i < 4; i++) {
      expect(
        (
          await t.request({
            method: 'POST',
            url: '/api/auth/mfa',
            payload: { ticket: guessed.ticket, code: '000000' },
          })
        ).statusCode,
      ).toBe(401);
    }
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/mfa',
          payload: { ticket: guessed.ticket, code: '000000' },
        })
      ).statusCode,
    ).toBe(410);
    t.clock.advance(30_000);
    const right = currentCode(secret, t.clock.now());
    expect(
      (
        await t.request({
          method: 'POST',
          url: '/api/auth/mfa',
          payload: { ticket: guessed.ticket, code: right },
        })
      ).statusCode,
    ).toBe(410);
  });

  it('stores the TOTP secret encrypted (S15)', async () => {
    await t.loginAs('system_admin');
    const [row] = await t.database.db
      .select({ s: users.totpSecret })
      .from(users)
      .where(eq(users.role, 'system_admin'));
    expect(row!.s).toMatch(/^v1:/);
    expect(row!.s).not.toMatch(/^[A-Z2-7]{32}$/);
  });
});

describe('AUTH_ADMIN_MFA=optional', () => {
  let o: TestApp;
  beforeAll(async () => {
    o = await testApp({ AUTH_ADMIN_MFA: 'optional' });
  });

  it('lets an admin without TOTP in with the password, but not one who has enrolled', async () => {
    const [tcm] = await o.database.db
      .select()
      .from(users)
      .where(eq(users.username, demoUsername('province_office')));
    const plain = await o.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: tcm!.username, password: TEST_PASSWORD },
    });
    expect(plain.json().mfaRequired).toBe(false);
    await o.database.db.update(users).set({ totpSecret: 'v1:enrolled' }).where(eq(users.id, tcm!.id));
    const enrolled = await o.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: tcm!.username, password: TEST_PASSWORD },
    });
    expect(enrolled.json()).toMatchObject({ mfaRequired: true, enrol: false });
  });
});

describe('passwords (S02, S05)', () => {
  it('applies the policy when changing, ends other sessions and keeps this one', async () => {
    const name = await usernameOf('supporting_admin');
    const other = cookieOf(await login(name));
    const mine = cookieOf(await login(name));
    const change = (currentPassword: string, newPassword: string) =>
      t.request({
        method: 'POST',
        url: '/api/auth/password',
        cookie: mine,
        payload: { currentPassword, newPassword },
      });
    expect((await change('Wrong#Pass1', 'Sichuan#2027a')).statusCode).toBe(401);
    const weak = await change(TEST_PASSWORD, 'abcdefgh');
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error.code).toBe('PASSWORD_POLICY');
    expect(weak.json().error.message).toMatch(/至少包含/);
    expect((await change(TEST_PASSWORD, TEST_PASSWORD)).json().error.message).toMatch(/不能与当前密码相同/);
    expect((await change(TEST_PASSWORD, 'Liangshan#2027')).statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: mine })).statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie: other })).statusCode).toBe(401);
    expect((await login(name)).statusCode).toBe(401);
    expect((await login(name, 'Liangshan#2027')).statusCode).toBe(200);
  });

  it('after an admin reset, allows nothing but changing the password', async () => {
    const id = await idOf('tcm_bureau');
    const sys = await t.loginAs('system_admin');
    const reset = await t.request({ method: 'POST', url: `/api/users/${id}/reset-password`, cookie: sys });
    expect(reset.statusCode).toBe(200);
    const temporary = reset.json().password as string;
    expect((await login(await usernameOf('tcm_bureau'))).statusCode).toBe(401);
    const res = await login(await usernameOf('tcm_bureau'), temporary);
    expect(res.json()).toMatchObject({ mfaRequired: false, passwordExpired: true });
    const cookie = cookieOf(res);
    const blocked = await t.request({ method: 'GET', url: '/api/regions', cookie });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.message).toMatch(/请先修改密码/);
    const changed = await t.request({
      method: 'POST',
      url: '/api/auth/password',
      cookie,
      payload: { currentPassword: temporary, newPassword: 'Zhongyi#2027' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await t.request({ method: 'GET', url: '/api/regions', cookie })).statusCode).toBe(200);
  });

  it('expires passwords older than the maximum age', async () => {
    const name = await usernameOf('county_authority');
    const before = t.clock.now();
    const [u] = await t.database.db.select().from(users).where(eq(users.username, name));
    t.clock.set(new Date(u!.passwordChangedAt.getTime() + (t.config.password.maxAgeDays + 1) * 86_400_000));
    const fresh = await login(name);
    expect(fresh.json().passwordExpired).toBe(true);
    const blocked = await t.request({ method: 'GET', url: '/api/institutions', cookie: cookieOf(fresh) });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('PASSWORD_EXPIRED');
    expect(
      (await t.request({ method: 'GET', url: '/api/auth/me', cookie: cookieOf(fresh) })).json()
        .passwordExpired,
    ).toBe(true);
    t.clock.set(before);
  });
});

describe('sessions end with the account (S05, S10)', () => {
  it('a disabled account loses its sessions on the next request', async () => {
    const id = await idOf('recipient_admin');
    const cookie = await t.loginAs('recipient_admin');
    const sys = await t.loginAs('system_admin');
    expect(
      (await t.request({ method: 'POST', url: `/api/users/${id}/disable`, cookie: sys })).statusCode,
    ).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/auth/me', cookie })).statusCode).toBe(401);
    const live = await t.database.db.select().from(sessions).where(eq(sessions.userId, id));
    expect(live.every((s) => s.revokedAt !== null)).toBe(true);
    await t.request({ method: 'POST', url: `/api/users/${id}/enable`, cookie: sys });
  });
});

describe('login rate limits (S26)', () => {
  it('limits attempts per account, whichever address they come from', async () => {
    const name = await usernameOf('county_liaison');
    // The lockout would answer 423 first; a fresh unknown-case spelling shares the account's window.
    let limited = 0;
    for (let i = 0; i < 25; i++) {
      const res = await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: i % 2 ? name.toUpperCase() : name, password: 'Wrong#Pass1' },
        remoteAddress: `10.0.${i}.1`,
      });
      if (res.statusCode === 429) limited++;
    }
    expect(limited).toBe(5);
  });
});

describe('audit of identity events (S11)', () => {
  it('records failed and successful logins, the lockout and account changes, with actor, IP and result', async () => {
    const name = await usernameOf('recipient_staff');
    await t.database.db
      .update(users)
      .set({ failedLogins: 0, lockedUntil: null })
      .where(eq(users.username, name));
    const before = await t.database.db.select({ id: auditEvents.id }).from(auditEvents);
    const ip = '203.0.113.9';
    for (let i = 0; i < t.config.lockout.threshold; i++) {
      await t.request({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: name, password: 'Wrong#Pass1' },
        remoteAddress: ip,
      });
    }
    const sec = await t.loginAs('security_admin');
    await t.request({
      method: 'POST',
      url: `/api/users/${await idOf('recipient_staff')}/unlock`,
      cookie: sec,
    });
    await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: name, password: TEST_PASSWORD },
      remoteAddress: ip,
    });
    const seen = new Set(before.map((r) => r.id));
    const events = (await t.database.db.select().from(auditEvents)).filter((e) => !seen.has(e.id));
    const mine = events.filter((e) => e.actorName?.includes(name));
    expect(
      mine.filter((e) => e.action === 'auth.login.failed' && e.result === 'failed' && e.ip === ip),
    ).toHaveLength(t.config.lockout.threshold - 1);
    expect(events.find((e) => e.action === 'auth.lockout')).toMatchObject({ result: 'denied', ip });
    expect(events.find((e) => e.action === 'user.unlock')).toMatchObject({
      result: 'ok',
      actorRole: 'security_admin',
    });
    expect(mine.find((e) => e.action === 'auth.login' && e.result === 'ok')).toMatchObject({ ip });
    for (const e of events) expect(e.at).toBeInstanceOf(Date);
  });
});

describe('cookies behind https (S05)', () => {
  it('uses a __Host- prefixed, Secure cookie when the public URL is https', async () => {
    const s = await testApp({ PUBLIC_URL: 'https://zhiyuan.example.gov.cn' });
    const [u] = await s.database.db.select().from(users).where(eq(users.role, 'county_authority'));
    const res = await s.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u!.username, password: TEST_PASSWORD },
    });
    expect(res.cookies[0]).toMatchObject({
      name: '__Host-cp_session',
      secure: true,
      httpOnly: true,
      path: '/',
    });
    expect(res.headers['strict-transport-security']).toContain('max-age=');
  });
});
