import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { InstitutionDetailDto, RegionDetailDto } from '../shared/contracts/org';
import { creditCodeCheckChar } from '../shared/credit-code';
import { haversineMetres } from '../shared/geo';
import { useBrowser } from './browser';
import { openFromMenu, PATIENCE, waitForPath } from './ui';

/** Pick an option of an antd Select by its text (typing `search` first when the Select searches). */
async function pick(page: Page, testId: string, text: string | RegExp, search?: string) {
  const box = page.getByTestId(testId).first();
  await box.click();
  if (search) await box.locator('input').fill(search);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text })
    .first()
    .click();
}

/** An antd InputNumber or Input by test id, whichever element carries it. */
async function fillField(page: Page, testId: string, value: string) {
  const el = page.getByTestId(testId).first();
  const input = (await el.evaluate((e) => e.tagName)) === 'INPUT' ? el : el.locator('input');
  await input.fill(value);
}

async function fillDate(page: Page, testId: string, value: string) {
  await fillField(page, testId, value);
  await page.keyboard.press('Enter');
}

describe('机构管理: the province office edits institutions, fences and county flags', () => {
  const journey = useBrowser();

  test('creates an institution with a fence copied from 高德 (GCJ-02), stored with its WGS-84 point', {
    timeout: 120_000,
  }, async () => {
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '机构管理', '机构名录');
    await waitForPath(page, '/org/institutions');
    await page.getByTestId('institution-create').click();
    await page.locator('.ant-modal', { hasText: '新建机构' }).waitFor(PATIENCE);

    const name = `昭觉县测试卫生院${Date.now().toString(36)}`;
    await page.getByTestId('institution-name').fill(name);
    // The check character is verified in the browser, with the reason in Chinese.
    await page.getByTestId('institution-credit-code').fill('91350100M000100Y44');
    await page.getByTestId('institution-form-submit').click();
    await page.getByText('校验码不正确：第18位应为“3”，实为“4”').waitFor(PATIENCE);
    const first17 = `12513431MB${Date.now().toString().slice(-7)}`;
    const code = first17 + creditCodeCheckChar(first17);
    await page.getByTestId('institution-credit-code').fill(code);
    await page.getByText('机构编制 · 事业单位').waitFor(PATIENCE);

    await pick(page, 'institution-category', '医疗');
    await pick(page, 'institution-tier', '乡镇卫生院');
    await pick(page, 'institution-grade', '一级甲等');
    await pick(page, 'institution-role', '受援机构');
    await pick(page, 'institution-region', '凉山彝族自治州', '昭觉');
    await page.getByTestId('fence-add').click();
    await pick(page, 'fence-crs', 'GCJ-02');
    await fillField(page, 'fence-lat', '28.0105');
    await fillField(page, 'fence-lng', '102.8455');
    await page.getByTestId('institution-form-submit').click();

    const detail = page.getByTestId('institution-detail');
    await detail.waitFor(PATIENCE);
    await detail.getByText('GCJ-02（高德、腾讯、钉钉、微信）').waitFor(PATIENCE);
    await detail.getByText('28.010500, 102.845500').waitFor(PATIENCE);
    expect(await detail.textContent()).toContain(code);

    const { items } = await journey.api<{ items: { id: string }[] }>(
      `/api/institutions?q=${encodeURIComponent(name)}`,
    );
    const saved = await journey.api<InstitutionDetailDto>(`/api/institutions/${items[0]!.id}`);
    const fence = saved.geofences[0]!;
    expect(fence).toMatchObject({ crs: 'gcj02', lat: 28.0105, lng: 102.8455, radiusM: 500 });
    const shift = haversineMetres(fence, { lat: fence.latWgs84, lng: fence.lngWgs84 });
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
  });

  test('plots the institutions on the offline map', async () => {
    await journey.login('prefecture_authority');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '机构管理', '机构地图');
    await waitForPath(page, '/org/map');
    await page.getByTestId('institution-map').locator('canvas').first().waitFor(PATIENCE);
    await expect
      .poll(async () => (await page.getByTestId('institution-map-summary').textContent()) ?? '', PATIENCE)
      .toMatch(/共 \d+ 个点位/);
    expect(await page.getByTestId('institution-map-summary').textContent()).toContain('未配置行政区划边界');
  });

  test('adds a county flag, then withdraws it with a reason: it stays, struck through, with who, when and why', {
    timeout: 120_000,
  }, async () => {
    await journey.login('province_office');
    const page = journey.page();
    // Navigating before the login has landed would race the session cookie.
    await waitForPath(page, '/');
    await page.goto(`${journey.url}/org/regions`);
    await page.getByRole('button', { name: '凉山彝族自治州' }).click();
    await page.getByTestId('region-view-513429').click();
    const drawer = page.getByTestId('region-detail');
    await drawer.waitFor(PATIENCE);

    await page.getByTestId('flag-add').click();
    await pick(page, 'flag-form-flag', '省级贫困县');
    await fillDate(page, 'flag-form-from', '2016-01-01');
    await fillDate(page, 'flag-form-to', '2019-12-31');
    await page.getByTestId('flag-form-submit').click();
    await drawer.getByText('2016-01-01 至 2019-12-31').waitFor(PATIENCE);

    const region = await journey.api<RegionDetailDto>('/api/regions/513429');
    const added = region.flags.find((f) => f.flag === 'provincial_poverty' && !f.withdrawnAt)!;
    await page.getByTestId(`flag-withdraw-${added.id}`).click();
    await page.getByTestId('flag-withdraw-reason').fill('录入错误，布拖县为国家级贫困县');
    await page.getByTestId('flag-withdraw-submit').click();
    const note = page.getByTestId(`flag-withdrawn-${added.id}`);
    await note.waitFor(PATIENCE);
    expect(await note.textContent()).toMatch(
      /已撤回：省对口支援办 张伟.*于 .*原因：录入错误，布拖县为国家级贫困县/,
    );
    expect(await page.getByTestId(`flag-withdraw-${added.id}`).count()).toBe(0);
  });
});
