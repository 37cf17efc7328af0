import type { Download, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '../shared/enums';
import { hasPermission } from '../shared/permissions';
import { desktopRoutes } from '../web/app/routes';

/** How long a journey waits for the page to catch up (auto-waiting, not a sleep). */
export const PATIENCE = { timeout: 30_000 };

/** Wait until the browser is at `pathname` (and, if given, carries `search` params). */
export async function waitForPath(page: Page, pathname: string, search: Record<string, string> = {}) {
  await page.waitForURL(
    (u) => u.pathname === pathname && Object.entries(search).every(([k, v]) => u.searchParams.get(k) === v),
    PATIENCE,
  );
}

/** The side-menu entries a role should see: the desktop feature routes whose permission it holds. */
export function expectedMenu(role: Role): { entries: string[]; groups: string[] } {
  const routes = desktopRoutes.filter((r) => hasPermission(role, r.permission));
  return {
    entries: routes.map((r) => r.title).sort(),
    groups: [...new Set(routes.flatMap((r) => (r.menuGroup ? [r.menuGroup.title] : [])))].sort(),
  };
}

/** The side menu as shown, with every submenu opened: its pages and its group titles. */
export async function shownMenu(page: Page): Promise<{ entries: string[]; groups: string[] }> {
  const menu = page.getByTestId('side-menu');
  await menu.waitFor(PATIENCE);
  const closed = menu.locator('li.ant-menu-submenu:not(.ant-menu-submenu-open)');
  for (let n = await closed.count(); n > 0; n--) {
    await closed.first().locator('.ant-menu-submenu-title').click();
    await expect.poll(() => closed.count(), PATIENCE).toBe(n - 1);
  }
  const texts = async (selector: string) =>
    (await menu.locator(selector).allInnerTexts()).map((t) => t.trim()).sort();
  return { entries: await texts('li.ant-menu-item'), groups: await texts('.ant-menu-submenu-title') };
}

/** Open a page through the side menu, as a user would: its group first, then the entry. */
export async function openFromMenu(page: Page, group: string, entry: string) {
  const menu = page.getByTestId('side-menu');
  const item = menu.locator('li.ant-menu-item', { hasText: entry });
  if (!(await item.isVisible())) await menu.locator('.ant-menu-submenu-title', { hasText: group }).click();
  await item.click();
}

/** The texts of one column (by its header) in the rows of the table on screen. */
export async function columnTexts(page: Page, header: string): Promise<string[]> {
  const headers = (await page.locator('.ant-table-thead th').allInnerTexts()).map((t) => t.trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${headers.join(', ')}`);
  return page.locator(`.ant-table-tbody tr.ant-table-row > td:nth-child(${index + 1})`).allInnerTexts();
}

/** Wait until the pager under the table on screen reads `expected` (e.g. "共 34 个机构"). */
export async function expectPagerTotal(page: Page, expected: string) {
  const total = page.locator('.ant-pagination-total-text');
  await expect.poll(() => total.textContent(), PATIENCE).toBe(expected);
}

/** Sign out through the user menu, as a user would, and wait for the login page. */
export async function signOut(page: Page) {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await waitForPath(page, '/login');
}

/** Confirm the Popconfirm on screen (antd spaces two-character button texts, so by its primary button). */
export async function confirmPopconfirm(page: Page) {
  await page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
}

/** Wait until a modal has finished its opening animation (a click during it may land elsewhere). */
export async function modalSettled(page: Page, title: string) {
  const modal = page.locator('.ant-modal', { hasText: title });
  await modal.waitFor(PATIENCE);
  await expect.poll(() => modal.getAttribute('class'), PATIENCE).not.toMatch(/zoom/);
  return modal;
}

/** Type a date into an antd DatePicker and confirm it. */
export async function typeDate(page: Page, testId: string, date: string) {
  const picker = page.getByTestId(testId);
  const input = (await picker.evaluate((el) => el.tagName)) === 'INPUT' ? picker : picker.locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

/**
 * Pick `text` in the open dropdown of an antd Select, after typing `search` into it. Waits for
 * the server's matches to replace the earlier list (a click may otherwise land on a row being
 * replaced), and clicks again while the dropdown stays open (a click during a re-render is lost).
 */
export async function choose(page: Page, select: string, search: string, text: string | RegExp) {
  const box = page.getByTestId(select);
  const open = page.locator('.ant-select-dropdown:visible');
  const options = open.locator('.ant-select-item-option');
  await box.click();
  if (search) {
    await box.locator('input').fill(search);
    await expect
      .poll(async () => {
        const texts = await options.allTextContents();
        return texts.length > 0 && texts.every((t) => t.includes(search));
      }, PATIENCE)
      .toBe(true);
  }
  let clicked = false;
  await expect
    .poll(async () => {
      if (clicked && (await open.count()) === 0) return true;
      await options
        .filter({ hasText: text })
        .first()
        .click({ timeout: 5_000 })
        .then(() => {
          clicked = true;
        })
        .catch(() => {});
      return clicked && (await open.count()) === 0;
    }, PATIENCE)
    .toBe(true);
}

/** Click what starts a download and wait for the browser to save it. */
export async function downloadBy(page: Page, trigger: Locator): Promise<Download> {
  const [download] = await Promise.all([page.waitForEvent('download', PATIENCE), trigger.click()]);
  return download;
}
