import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser';
import { expectedMenu, PATIENCE, shownMenu, waitForPath } from './ui';

describe('pages of the three admins stay closed to business roles (S09)', () => {
  const journey = useBrowser();

  test('a county authority has no 系统管理 menu and gets the 403 page at /admin/users and /admin/audit', async () => {
    await journey.login('county_authority');
    const page = journey.page();
    await waitForPath(page, '/');
    const menu = await shownMenu(page);
    expect(menu).toEqual(expectedMenu('county_authority'));
    expect(menu.groups).not.toContain('系统管理');
    expect(menu.entries).not.toContain('用户管理');
    expect(menu.entries).not.toContain('审计日志');

    for (const address of ['/admin/users', '/admin/audit']) {
      await page.goto(`${journey.url}${address}`);
      const forbidden = page.getByTestId('page-403');
      await forbidden.waitFor(PATIENCE);
      expect(await forbidden.textContent()).toContain('抱歉，您没有权限访问此页面');
      expect(await page.getByTestId('users-table').count()).toBe(0);
      expect(await page.getByTestId('audit-table').count()).toBe(0);
    }

    // The server refuses the same data, whatever the page shows.
    for (const api of ['/api/users', '/api/audit', '/api/audit/verify']) {
      expect((await page.request.get(`${journey.url}${api}`)).status(), api).toBe(403);
    }
  });
});
