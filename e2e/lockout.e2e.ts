import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser';
import { columnTexts, confirmPopconfirm, openFromMenu, PATIENCE, signOut, waitForPath } from './ui';

/** LOCKOUT_THRESHOLD's default: the failure that locks the account. */
const THRESHOLD = 5;

/** Submit the login form and wait for the server's answer to it. */
async function answerTo(page: Page, submit: () => Promise<void>) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/auth/login', PATIENCE),
    submit(),
  ]);
  return response.status();
}

describe('account lockout (S03), unlock by the security admin, and its trace in the audit log', () => {
  const journey = useBrowser();

  test('five wrong passwords lock 受援人员; the security admin unlocks it; the audit admin finds the lockout and verifies the chain', {
    timeout: 180_000,
  }, async () => {
    // An account no other journey signs in with, so nothing else counts against it.
    const username = journey.username('recipient_staff');
    const page = await journey.open();
    await page.goto(`${journey.url}/login`);
    const error = page.getByTestId('login-error');

    for (let attempt = 1; attempt <= THRESHOLD; attempt++) {
      const status = await answerTo(page, () => journey.submitLogin('recipient_staff', `wrong-${attempt}`));
      const locks = attempt === THRESHOLD;
      expect(status, `attempt ${attempt}`).toBe(locks ? 423 : 401);
      await expect
        .poll(() => error.textContent(), PATIENCE)
        .toContain(locks ? `连续 ${THRESHOLD} 次登录失败，账号已锁定` : '用户名或密码错误');
    }

    // Locked: even the right password is refused.
    expect(await answerTo(page, () => journey.submitLogin('recipient_staff'))).toBe(423);
    await expect.poll(() => error.textContent(), PATIENCE).toMatch(/^账号已锁定至 \d{2}:\d{2}/);
    await waitForPath(page, '/login');

    // The security admin finds the account in 用户管理 and unlocks it.
    await journey.submitLogin('security_admin');
    await waitForPath(page, '/');
    await openFromMenu(page, '系统管理', '用户管理');
    await waitForPath(page, '/admin/users');
    const search = page.getByTestId('users-search').locator('input');
    await search.fill(username);
    await search.press('Enter');
    const table = page.getByTestId('users-table');
    const row = table.locator('tr.ant-table-row', {
      has: page.getByRole('cell', { name: username, exact: true }),
    });
    await expect.poll(() => table.locator('tr.ant-table-row').count(), PATIENCE).toBe(1);
    await row.locator('.ant-tag', { hasText: '已锁定' }).waitFor(PATIENCE);
    await row.getByTestId(`user-unlock-${username}`).click();
    await confirmPopconfirm(page);
    await page.locator('.ant-message', { hasText: `已解锁账号：${username}` }).waitFor(PATIENCE);
    await row.locator('.ant-tag', { hasText: '正常' }).waitFor(PATIENCE);
    expect(await row.locator('.ant-tag', { hasText: '已锁定' }).count()).toBe(0);
    expect(await row.getByTestId(`user-unlock-${username}`).count()).toBe(0);
    await signOut(page);

    // Unlocked: the right password signs in again.
    expect(await answerTo(page, () => journey.submitLogin('recipient_staff'))).toBe(200);
    await waitForPath(page, '/');
    await page.getByText('您好，').waitFor(PATIENCE);
    await signOut(page);

    // The audit admin finds the lockout in 审计日志, filtered by 操作类型.
    await journey.submitLogin('audit_admin');
    await waitForPath(page, '/');
    await openFromMenu(page, '系统管理', '审计日志');
    await waitForPath(page, '/admin/audit');
    await page.getByTestId('audit-table').locator('tr.ant-table-row').first().waitFor(PATIENCE);
    const actionFilter = page.getByTestId('audit-filter-action');
    await actionFilter.click();
    await actionFilter.locator('input').fill('账号锁定');
    await page.locator('.ant-select-item-option', { hasText: /^账号锁定$/ }).click();
    await expect.poll(() => columnTexts(page, '操作'), PATIENCE).toEqual(['账号锁定']);
    // The operator is shown by name and user name, e.g. 阿西拉作（zhaojue_staff）.
    const [operator, ...more] = await columnTexts(page, '操作人');
    expect(more).toEqual([]);
    expect(operator).toContain(username);
    expect(await columnTexts(page, '结果')).toEqual(['拒绝']);

    // The chain of hashes is intact.
    await page.getByTestId('audit-verify').click();
    const verified = page.getByTestId('audit-verify-result');
    await verified.waitFor(PATIENCE);
    expect(await verified.textContent()).toMatch(/审计日志完整，共校验 \d+ 条/);
  });
});
