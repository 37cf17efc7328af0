import { describe, expect, test } from 'vitest';
import type { MeDto } from '../shared/contracts/auth';
import { Role } from '../shared/enums';
import { useBrowser } from './browser';
import { PATIENCE, waitForPath } from './ui';

describe('signing in and out', () => {
  const journey = useBrowser();

  test('the login page is in Chinese and names the platform', async () => {
    const page = await journey.open();
    await page.goto(`${journey.url}/login`);
    await page.getByTestId('login-submit').waitFor(PATIENCE);
    expect(await page.title()).toContain('对口支援');
    expect(await page.getByRole('heading', { level: 3 }).textContent()).toContain('对口支援');
    expect(await page.getByTestId('login-submit').textContent()).toMatch(/登\s*录/);
  });

  test('a wrong password is refused with a Chinese message', async () => {
    // An account no other journey signs in with, so a failed attempt cannot count against one.
    await journey.login('county_liaison', 'not-the-password');
    const error = journey.page().getByTestId('login-error');
    await error.waitFor(PATIENCE);
    expect(await error.textContent()).toContain('用户名或密码错误');
    await waitForPath(journey.page(), '/login');
  });

  test('submitting empty fields asks for both in Chinese', async () => {
    const page = await journey.open();
    await page.goto(`${journey.url}/login`);
    await page.getByTestId('login-submit').click();
    const messages = page.locator('.ant-form-item-explain-error');
    await expect.poll(() => messages.allInnerTexts(), PATIENCE).toEqual(['请输入用户名', '请输入密码']);
    expect(await page.getByTestId('login-error').count()).toBe(0);
  });

  test('the province office lands on the home page, stays signed in on reload, and comes back after signing out', async () => {
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    await expect.poll(() => page.title(), PATIENCE).toMatch(/^工作台 - /);
    const { user } = await journey.api<MeDto>('/api/auth/me');
    expect(user.roleLabel).toBe('省对口支援管理办公室');
    const userMenu = page.getByTestId('user-menu');
    for (const shown of [user.displayName, Role.label('province_office')]) {
      await userMenu.getByText(shown).waitFor(PATIENCE);
    }
    await page.getByText(`您好，${user.displayName}`).waitFor(PATIENCE);

    await page.reload();
    await userMenu.getByText(user.displayName).waitFor(PATIENCE);
    await waitForPath(page, '/');

    await userMenu.click();
    await page.getByTestId('logout').click();
    await waitForPath(page, '/login');

    // Signed out: a bookmarked page sends the user to sign in first, then back to it.
    await page.goto(`${journey.url}/org/institutions`);
    await waitForPath(page, '/login', { next: '/org/institutions' });
    await journey.submitLogin('province_office');
    await waitForPath(page, '/org/institutions');
    await page.locator('.ant-card-head-title', { hasText: '机构名录' }).waitFor(PATIENCE);
  });
});
