import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { MeDto } from '../shared/contracts/auth';
import { Role } from '../shared/enums';
import { useBrowser } from './browser';
import { expectedMenu, openFromMenu, PATIENCE, shownMenu, signOut, waitForPath } from './ui';

/** Pick `text` in the open dropdown of an antd Select, after typing `search` into it. */
async function choose(page: Page, select: string, search: string, text: string | RegExp) {
  const box = page.getByTestId(select);
  await box.click();
  await box.locator('input').fill(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).click();
}

/** The login form with any user name (journey.login knows only the demo accounts). */
async function signIn(page: Page, username: string, password: string) {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

describe('a new account (S02): created by the system admin, first password changed at first sign-in', () => {
  const journey = useBrowser();

  test('the system admin creates a county authority for 布拖县; its user must change the one-time password, then works', {
    timeout: 180_000,
  }, async () => {
    const username = `butuo_${Date.now().toString(36)}`;
    const displayName = '布拖县卫生健康局 吉木子洛';
    const newPassword = 'Qz7!mKp2#Lw9xR';

    await journey.login('system_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '系统管理', '用户管理');
    await waitForPath(page, '/admin/users');
    await page.getByTestId('users-create').click();
    const form = page.locator('.ant-modal', { hasText: '新建账号' });
    await form.waitFor(PATIENCE);
    await page.getByTestId('user-form-username').fill(username);
    await page.getByTestId('user-form-name').fill(displayName);
    await choose(page, 'user-form-role', '县(市、区)', Role.label('county_authority'));
    // A county authority's scope is a region (or institutions); 行政区划 is offered first.
    await choose(page, 'scope-region', '布拖', '513429');
    await page.getByTestId('scope-add').click();
    await page.getByTestId('scope-editor').locator('.ant-tag', { hasText: '布拖县' }).waitFor(PATIENCE);
    await page.getByTestId('user-form-submit').click();

    // The one-time password, shown once.
    const shown = page.getByTestId('user-password');
    await shown.waitFor(PATIENCE);
    const oneTime = ((await shown.textContent()) ?? '').trim();
    expect(oneTime.length).toBeGreaterThanOrEqual(8);
    expect(await page.locator('.ant-modal', { hasText: '账号已创建' }).textContent()).toContain(username);
    await page.getByTestId('otp-close').click();
    await shown.waitFor({ state: 'detached', ...PATIENCE });
    const row = page.getByTestId('users-table').locator('tr.ant-table-row', {
      has: page.getByRole('cell', { name: username, exact: true }),
    });
    await row.getByText('行政区划：布拖县').waitFor(PATIENCE);
    await signOut(page);

    // First sign-in: straight to 修改密码, nowhere else until it is changed.
    await signIn(page, username, oneTime);
    await waitForPath(page, '/account/password');
    await page.getByTestId('pw-required').waitFor(PATIENCE);
    await page.goto(`${journey.url}/org/institutions`);
    await waitForPath(page, '/account/password');
    await page.getByTestId('pw-current').fill(oneTime);
    await page.getByTestId('pw-new').fill(newPassword);
    await page.getByTestId('pw-confirm').fill(newPassword);
    await page.getByTestId('pw-submit').click();
    await waitForPath(page, '/');
    await expect.poll(() => page.title(), PATIENCE).toMatch(/^工作台 - /);

    const me = await journey.api<MeDto>('/api/auth/me');
    expect(me.user.username).toBe(username);
    expect(me.user.roleLabel).toBe(Role.label('county_authority'));
    expect(me.scope.map((n) => n.name)).toEqual(['布拖县']);
    expect(me.passwordExpired).toBe(false);
    expect(await shownMenu(page)).toEqual(expectedMenu('county_authority'));

    // The new password is the one that works now.
    await signOut(page);
    await signIn(page, username, oneTime);
    await page.getByTestId('login-error').getByText('用户名或密码错误').waitFor(PATIENCE);
    await signIn(page, username, newPassword);
    await waitForPath(page, '/');
    await page.getByText(`您好，${displayName}`).waitFor(PATIENCE);
  });
});
