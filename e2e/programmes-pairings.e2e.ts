import { describe, expect, test } from 'vitest';
import type { PairingDto } from '../shared/contracts/pairing';
import { useBrowser } from './browser';
import { choose, modalSettled, openFromMenu, PATIENCE, typeDate, waitForPath } from './ui';

describe('项目与政策, 结对关系: the province office sets up a programme and pairs institutions', () => {
  const journey = useBrowser();

  test('creates a programme with the Sichuan pack, edits a parameter into version 2 (version 1 stays readable), pairs, and saves a second one-to-one supporter only as an exception', {
    timeout: 240_000,
  }, async () => {
    const code = `e2e-${Date.now().toString(36)}`;
    const name = `端到端测试项目${code.slice(-4)}`;
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');

    // A programme with the Sichuan 172 pack.
    await openFromMenu(page, '机构管理', '项目与政策');
    await waitForPath(page, '/programmes');
    await page.getByTestId('programme-table').locator('tr.ant-table-row').first().waitFor(PATIENCE);
    await page.getByTestId('programme-create').click();
    await modalSettled(page, '新建项目');
    await page.getByTestId('programme-form-name').fill(name);
    await page.getByTestId('programme-form-code').fill(code);
    await typeDate(page, 'programme-form-start', '2018-01-01');
    await typeDate(page, 'programme-form-end', '2020-12-31');
    await page.getByTestId('programme-form-submit').click();

    // Its detail: the pack in force as a Chinese table.
    const table = page.getByTestId('policy-table');
    await table.locator('tr.ant-table-row').first().waitFor(PATIENCE);
    expect(await table.locator('tr.ant-table-row').count()).toBe(28);
    const p02 = table.locator('tr.ant-table-row', { hasText: 'P02' });
    await expect.poll(() => p02.textContent(), PATIENCE).toContain('深度贫困县每类帮扶机构上限：2 家');
    expect(await p02.textContent()).toContain('原则上');

    // Edit one parameter: an invalid value is refused in Chinese, a valid one makes version 2.
    await page.getByTestId('policy-edit-P02').click();
    await modalSettled(page, '编辑参数');
    const deep = page.getByTestId('policy-param-deepPovertyMaxPerCategory');
    await deep.fill('0');
    await page.getByTestId('policy-edit-note').fill('端到端测试：调整深度贫困县上限');
    await page.getByTestId('policy-edit-submit').click();
    const editError = page.getByTestId('policy-edit-error');
    await editError.waitFor(PATIENCE);
    expect(await editError.textContent()).toContain('政策包校验未通过：P02「深度贫困县每类帮扶机构上限」');
    await deep.fill('3');
    await page.getByTestId('policy-edit-submit').click();
    await editError.waitFor({ state: 'detached', ...PATIENCE });
    await expect.poll(() => p02.textContent(), PATIENCE).toContain('深度贫困县每类帮扶机构上限：3 家');
    const versionSelect = page.getByTestId('policy-version-select');
    await expect.poll(() => versionSelect.textContent(), PATIENCE).toContain('第2版');

    // Version 1 stays readable.
    await versionSelect.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '第1版' }).click();
    await expect.poll(() => p02.textContent(), PATIENCE).toContain('深度贫困县每类帮扶机构上限：2 家');
    expect(await page.getByTestId('policy-edit-P02').isDisabled()).toBe(true);

    // Pair a province hospital with a prefecture-level recipient (not in a deep-poverty county).
    await openFromMenu(page, '机构管理', '结对关系');
    await waitForPath(page, '/pairings');
    const pair = async (supporter: string) => {
      await page.getByTestId('pairing-create').click();
      await modalSettled(page, '新建结对');
      await choose(page, 'pairing-form-programme', '', name);
      await choose(page, 'pairing-form-supporting', supporter, supporter);
      await choose(page, 'pairing-form-recipient', '凉山彝族自治州第一', '凉山彝族自治州第一人民医院');
      await page.getByTestId('pairing-form-submit').click();
    };
    await pair('四川省人民医院');
    await page.locator('.ant-modal', { hasText: '新建结对' }).waitFor({ state: 'detached', ...PATIENCE });

    // A second one-to-one medical supporter is stopped with the P02 reason, in Chinese…
    await pair('四川大学华西医院');
    const violation = page.getByTestId('pairing-violation');
    await violation.waitFor(PATIENCE);
    expect(await violation.textContent()).toContain(
      'P02：受援机构凉山彝族自治州第一人民医院原则上最多由 1 家医疗类机构一对一帮扶，现已有 1 家（四川省人民医院）',
    );
    // …and can be saved only as an exception with a reason.
    expect(await page.getByTestId('pairing-save-exception').isDisabled()).toBe(true);
    await page.getByTestId('pairing-exception-reason').fill('州医院创建胸痛中心，经州卫健委申请增加支援医院');
    await page.getByTestId('pairing-save-exception').click();
    await page.locator('.ant-modal', { hasText: '新建结对' }).waitFor({ state: 'detached', ...PATIENCE });

    const { items } = await journey.api<{ items: PairingDto[] }>(
      `/api/pairings?q=${encodeURIComponent('凉山彝族自治州第一人民医院')}&exceptionStatus=pending&pageSize=100`,
    );
    const saved = items.find((p) => p.programmeName === name);
    expect(saved).toMatchObject({
      supporting: { name: '四川大学华西医院' },
      exceptionStatus: 'pending',
      exceptionReason: '州医院创建胸痛中心，经州卫健委申请增加支援医院',
      deviations: ['P02'],
    });

    // Its history records the rule it deviates from and the reason.
    await choose(page, 'pairing-filter-programme', '', name);
    const row = page
      .getByTestId('pairing-table')
      .locator('tr.ant-table-row', { hasText: '四川大学华西医院' });
    await row.waitFor(PATIENCE);
    expect(await row.textContent()).toContain('例外待审批');
    await row.getByTestId('pairing-history-open').click();
    const history = page.getByTestId('pairing-history');
    await history.getByText('州医院创建胸痛中心，经州卫健委申请增加支援医院').first().waitFor(PATIENCE);
    // Judged by the version in force on the pairing's first day: version 2 takes effect only today.
    expect(await history.textContent()).toContain('按政策包第1版判定');
  });

  test('a recipient institution sees its pairings and the overview of its own coverage', {
    timeout: 120_000,
  }, async () => {
    await journey.login('recipient_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '机构管理', '结对关系');
    await waitForPath(page, '/pairings');
    const rows = page.getByTestId('pairing-table').locator('tr.ant-table-row');
    await rows.first().waitFor(PATIENCE);
    for (const text of await rows.allTextContents()) expect(text).toContain('昭觉县人民医院');
    expect(await page.getByTestId('pairing-create').count()).toBe(0);

    await openFromMenu(page, '机构管理', '结对概况');
    await waitForPath(page, '/pairings/overview');
    const overview = page.getByTestId('pairing-overview-table');
    await overview.locator('tr.ant-table-row', { hasText: '凉山彝族自治州' }).waitFor(PATIENCE);
  });
});
