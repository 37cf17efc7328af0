import { describe, expect, test } from 'vitest';
import type { MeDto } from '../shared/contracts/auth';
import type { InstitutionDto, RegionDto } from '../shared/contracts/org';
import type { Role } from '../shared/enums';
import type { Page as ApiPage } from '../web/app/api';
import { useBrowser } from './browser';
import {
  columnTexts,
  expectedMenu,
  expectPagerTotal,
  openFromMenu,
  PATIENCE,
  shownMenu,
  waitForPath,
} from './ui';

describe('the desktop menu and pages, by role', () => {
  const journey = useBrowser();

  const roles: Role[] = [
    'province_office',
    'prefecture_authority',
    'recipient_admin',
    'system_admin',
    'audit_admin',
    'inspector',
  ];
  test.each(roles)('%s sees exactly the menu entries its permissions allow', async (role) => {
    await journey.login(role);
    await waitForPath(journey.page(), '/');
    expect(await shownMenu(journey.page())).toEqual(expectedMenu(role));
  });

  test('the province office opens the institution directory and sees every institution', async () => {
    await journey.login('province_office');
    const page = journey.page();
    await openFromMenu(page, '机构管理', '机构名录');
    await waitForPath(page, '/org/institutions');
    const { total } = await journey.api<ApiPage<InstitutionDto>>('/api/institutions?pageSize=1');
    expect(total).toBeGreaterThan(20);
    await expectPagerTotal(page, `共 ${total} 个机构`);
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(20);
  });

  test('the 凉山 prefecture authority sees only institutions in 凉山', async () => {
    await journey.login('prefecture_authority');
    const page = journey.page();
    await openFromMenu(page, '机构管理', '机构名录');
    const { total, items } = await journey.api<ApiPage<InstitutionDto>>('/api/institutions?pageSize=1000');
    expect(items.every((i) => i.regionCode.startsWith('5134'))).toBe(true);
    await expectPagerTotal(page, `共 ${total} 个机构`);
    // 凉山 itself (州级机构) and its counties: `q` matches the start of a region code.
    const liangshan = await journey.api<ApiPage<RegionDto>>('/api/regions?q=5134&pageSize=1000');
    const names = new Set(liangshan.items.map((r) => r.name));
    expect(names).toContain('凉山彝族自治州');
    const shown = await columnTexts(page, '所在地区');
    expect(shown.length).toBe(Math.min(total, 20));
    expect(shown.filter((name) => !names.has(name))).toEqual([]);
  });

  test('a system admin typing the institution directory address gets the 403 page', async () => {
    await journey.login('system_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await page.goto(`${journey.url}/org/institutions`);
    const forbidden = page.getByTestId('page-403');
    await forbidden.waitFor(PATIENCE);
    expect(await forbidden.textContent()).toContain('抱歉，您没有权限访问此页面');
    expect(await page.locator('.ant-table').count()).toBe(0);
  });
});

describe('on a phone', () => {
  const journey = useBrowser({ width: 390, height: 844 });

  test('support staff land on the phone layout', async () => {
    await journey.login('support_staff');
    const page = journey.page();
    await waitForPath(page, '/m/checkin');
    const layout = page.getByTestId('mobile-layout');
    await layout.waitFor(PATIENCE);
    const { width } = (await layout.boundingBox()) ?? { width: 0 };
    expect(width).toBeLessThanOrEqual(390);
    expect(await page.getByTestId('side-menu').count()).toBe(0);
    const { user } = await journey.api<MeDto>('/api/auth/me');
    await layout.getByText(user.displayName).waitFor(PATIENCE);
  });
});
