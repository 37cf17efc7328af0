import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { currentCode } from '../server/platform/totp';
import { useBrowser } from './browser';
import { type RunningServer, readDemoAccounts, startServer } from './server';
import { PATIENCE, signOut, waitForPath } from './ui';

/** The 30-second TOTP step a moment falls in (RFC 6238). */
const stepOf = (ms: number) => Math.floor(ms / 30_000);

/**
 * S04 on a server where admins must use a second factor: the shared journey server lets them
 * in with the password alone (AUTH_ADMIN_MFA=optional), so this file starts its own.
 */
describe('an admin signs in with a second factor (AUTH_ADMIN_MFA=required)', () => {
  let server: RunningServer | undefined;
  let accounts: Record<string, string> = {};

  beforeAll(async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'cp-e2e-mfa-'));
    try {
      server = await startServer(dataDir, { AUTH_ADMIN_MFA: 'required' });
    } catch (e) {
      rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
    accounts = readDemoAccounts(dataDir);
  });
  afterAll(async () => {
    if (!server) return;
    await server.stop();
    rmSync(server.dataDir, { recursive: true, force: true });
  });

  const journey = useBrowser({
    server: () => {
      if (!server) throw new Error('the MFA server did not start');
      return { url: server.url, accounts };
    },
  });

  test('the audit admin binds an authenticator at first sign-in, then is asked for a code every time', async () => {
    // Password alone: the second step, and no session yet — no admin data reachable (S04).
    await journey.login('audit_admin');
    const page = journey.page();
    await page.getByText('绑定动态口令', { exact: true }).waitFor(PATIENCE);
    const me = await page.request.get(`${journey.url}/api/auth/me`);
    expect(me.status(), 'GET /api/auth/me after the password alone').toBe(401);
    const trail = await page.request.get(`${journey.url}/api/audit`);
    expect(trail.status(), 'GET /api/audit after the password alone').toBe(401);

    // Enrolment: a QR code to scan, and the secret for typing in by hand.
    const qr = page.getByTestId('mfa-qr');
    await qr.waitFor(PATIENCE);
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), PATIENCE)
      .toBe(true);
    const shownSecret = (await page.getByTestId('mfa-secret').textContent()) ?? '';
    expect(shownSecret).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
    const secret = shownSecret.replace(/\s+/g, '');

    const enrolledAt = Date.now();
    await page.getByTestId('mfa-code').fill(currentCode(secret, new Date(enrolledAt)));
    await page.getByTestId('mfa-submit').click();
    await waitForPath(page, '/');
    await expect.poll(() => page.title(), PATIENCE).toMatch(/^工作台 - /);
    expect((await page.request.get(`${journey.url}/api/auth/me`)).status()).toBe(200);

    await signOut(page);

    // Second sign-in: straight to the code, no QR code this time.
    await journey.submitLogin('audit_admin');
    await page.getByText('动态口令验证', { exact: true }).waitFor(PATIENCE);
    expect(await page.getByTestId('mfa-qr').count()).toBe(0);
    expect(await page.getByTestId('mfa-secret').count()).toBe(0);
    expect((await page.request.get(`${journey.url}/api/auth/me`)).status()).toBe(401);

    await page.getByTestId('mfa-code').fill('000000');
    await page.getByTestId('mfa-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor(PATIENCE);
    expect(await error.textContent()).toContain('动态口令错误');
    expect(await page.getByTestId('mfa-code').inputValue(), 'the wrong code is cleared').toBe('');

    // A code works once: if the step used to bind is still current, the next step's code
    // (within the ±1 step the server accepts) signs in without waiting.
    const now = Date.now();
    const at = stepOf(now) > stepOf(enrolledAt) ? now : now + 30_000;
    await page.getByTestId('mfa-code').fill(currentCode(secret, new Date(at)));
    await page.getByTestId('mfa-submit').click();
    await waitForPath(page, '/');
    await expect.poll(() => page.title(), PATIENCE).toMatch(/^工作台 - /);
    const signedIn = await page.request.get(`${journey.url}/api/auth/me`);
    expect(signedIn.status()).toBe(200);
    expect((await signedIn.json()).user.username).toBe(journey.username('audit_admin'));
  });
});
