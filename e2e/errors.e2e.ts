import { describe, expect, test } from 'vitest';
import { useBrowser } from './browser';
import { openFromMenu, PATIENCE, waitForPath } from './ui';

describe('lost users and the region tree', () => {
  const journey = useBrowser();

  test('an unknown address shows the 404 page, whose button goes home', async () => {
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    await page.goto(`${journey.url}/no-such-page`);
    const notFound = page.getByTestId('page-404');
    await notFound.waitFor(PATIENCE);
    expect(await notFound.textContent()).toContain('抱歉，您访问的页面不存在');
    await notFound.getByRole('button', { name: /返回首页/ }).click();
    await waitForPath(page, '/');
    await page.getByText('您好，').waitFor(PATIENCE);
  });

  test('the regions page drills from 四川省 into 凉山 and shows 昭觉县 as an example deep-poverty county', async () => {
    await journey.login('province_office');
    const page = journey.page();
    await openFromMenu(page, '机构管理', '行政区划');
    await waitForPath(page, '/org/regions');
    const breadcrumb = page.locator('.ant-breadcrumb');
    await breadcrumb.getByText('四川省').waitFor(PATIENCE);

    await page.getByRole('button', { name: '凉山彝族自治州' }).click();
    await breadcrumb.getByText('凉山彝族自治州').waitFor(PATIENCE);
    expect((await breadcrumb.textContent())?.replace(/\s+/g, '')).toBe('四川省/凉山彝族自治州');

    const zhaojue = page.locator('tr.ant-table-row', {
      has: page.getByRole('cell', { name: '昭觉县', exact: true }),
    });
    const tag = zhaojue.locator('.ant-tag', { hasText: '深度贫困县' });
    await tag.waitFor(PATIENCE);
    expect(await tag.textContent()).toBe('深度贫困县（示例）');
    expect(await zhaojue.getByRole('cell', { name: '513431' }).count()).toBe(1);
  });
});
