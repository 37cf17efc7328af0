import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { DispatchDto } from '../shared/contracts/dispatch';
import type { StaffDto } from '../shared/contracts/staff';
import { idCheckChar, maskIdNumber } from '../shared/id-number';
import { useBrowser } from './browser';
import { choose, columnTexts, modalSettled, openFromMenu, PATIENCE, waitForPath } from './ui';

const SPPH = '四川省人民医院';
const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;

/** Wait until the table has loaded: rows, or the empty placeholder, and no spinner. */
async function loadedRows(page: Page) {
  const table = page.getByTestId('staff-table');
  await expect
    .poll(
      async () =>
        (await table.locator('.ant-spin-spinning').count()) === 0 &&
        (await table.locator('tr.ant-table-row, .ant-table-placeholder').count()) > 0,
      PATIENCE,
    )
    .toBe(true);
}

/**
 * A valid ID number of a man born 1985-03-12 in 昭觉 (513431), its sequence from the clock so
 * reruns on one data dir do not collide; odd sequence → male (GB 11643).
 */
function makeIdNumber(): string {
  const seq = (Math.floor(Date.now() / 7) % 500) * 2 + 1;
  const first17 = `51343119850312${String(seq).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The same number with a check character that does not match. */
const withWrongCheck = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');

describe('人员名册: staff registry with masked ID numbers, audited reveal, and institution scope', () => {
  const journey = useBrowser();
  const idNumber = makeIdNumber();
  const name = '阿说·木呷';

  test('the supporting admin sees only its own staff, masked; adds a Yi name with a checked ID number, and reveals it with a reason', {
    timeout: 180_000,
  }, async () => {
    await journey.login('supporting_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '人员管理', '人员名册');
    await waitForPath(page, '/staff');
    await loadedRows(page);

    // Add a person: the wrong check character is refused in the browser, in Chinese.
    await page.getByTestId('staff-create').click();
    await modalSettled(page, '新增人员');
    await choose(page, 'staff-form-institution', '人民医院', SPPH);
    await page.getByTestId('staff-form-name').fill(name);
    await page.getByTestId('staff-form-id-number').fill(withWrongCheck(idNumber));
    await page.getByTestId('staff-form-submit').click();
    await page.getByText('身份证号校验位不正确，请核对后重新填写').waitFor(PATIENCE);

    // The right number fills in the gender and shows the birth date it encodes.
    await page.getByTestId('staff-form-id-number').fill(idNumber);
    await page.getByTestId('staff-form-id-hint').waitFor(PATIENCE);
    expect(await page.getByTestId('staff-form-birth-date').textContent()).toBe('1985-03-12');
    expect(await page.getByTestId('staff-form-gender').textContent()).toContain('男');
    await page.getByTestId('staff-form-phone').fill('13912345678');
    await page.getByTestId('staff-form-department').locator('input').first().fill('普外科');
    await choose(page, 'staff-form-title', '', '中级');
    await choose(page, 'staff-form-title-series', '', '医');
    await page.getByTestId('staff-form-submit').click();

    // Saved: the record opens, the ID number masked.
    const detail = page.getByTestId('staff-detail');
    await detail.waitFor(PATIENCE);
    expect(await detail.textContent()).toContain(name);
    const shownId = (await page.getByTestId('staff-detail-idNumber').textContent()) ?? '';
    expect(shownId).toMatch(MASKED_ID);
    expect(shownId).toBe(maskIdNumber(idNumber));
    expect(await detail.textContent()).not.toContain(idNumber);

    // 查看: a reason is required, the audit is announced, then the full number is shown.
    await page.getByTestId('staff-reveal-idNumber').click();
    await modalSettled(page, '完整身份证号');
    await page.getByText('该操作将记入审计日志').waitFor(PATIENCE);
    await page.getByTestId('staff-reveal-submit').click();
    await page.getByText('请填写查看原因').waitFor(PATIENCE);
    await page.getByTestId('staff-reveal-reason').fill('核对派驻备案身份信息');
    await page.getByTestId('staff-reveal-submit').click();
    await expect.poll(() => page.getByTestId('staff-reveal-value').textContent(), PATIENCE).toBe(idNumber);
    await page.getByTestId('staff-reveal-close').click();
    await expect.poll(() => page.getByTestId('staff-reveal-value').count(), PATIENCE).toBe(0);
    await page.locator('.ant-drawer-close').click();

    // The list: only 四川省人民医院's staff, every ID number masked; the new person found by full ID.
    const { items, total } = await journey.api<{ items: StaffDto[]; total: number }>(
      '/api/staff?pageSize=100',
    );
    expect(total).toBeGreaterThan(0);
    expect(new Set(items.map((s) => s.institution.name))).toEqual(new Set([SPPH]));
    for (const s of items) expect(s.idNumber).toMatch(MASKED_ID);
    await loadedRows(page);
    const institutions = await columnTexts(page, '工作单位');
    expect(institutions.length).toBeGreaterThan(0);
    expect(new Set(institutions.map((t) => t.trim()))).toEqual(new Set([SPPH]));
    for (const id of await columnTexts(page, '身份证号')) expect(id.trim()).toMatch(MASKED_ID);

    await page.getByTestId('staff-search').locator('input').fill(idNumber);
    await page.getByTestId('staff-search').locator('input').press('Enter');
    await expect
      .poll(() => page.locator('.ant-pagination-total-text').textContent(), PATIENCE)
      .toBe('共 1 人');
    expect((await columnTexts(page, '姓名')).map((t) => t.trim())).toEqual([name]);
  });

  test('the recipient admin of 昭觉县人民医院 sees 四川省人民医院 staff only when stationed with it', async () => {
    await journey.login('recipient_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await page.goto(`${journey.url}/staff`);
    await loadedRows(page);
    const { items } = await journey.api<{ items: StaffDto[] }>('/api/staff?pageSize=100');
    const fromSpph = items.filter((s) => s.institution.name === SPPH).map((s) => s.name);
    // The demo's 四川省人民医院 doctors approved for, on duty at or back from 昭觉县人民医院 — not the one only proposed.
    const { items: dispatches } = await journey.api<{ items: DispatchDto[] }>('/api/dispatches?pageSize=100');
    const stationed = dispatches
      .filter(
        (d) => d.staff.institution.name === SPPH && ['approved', 'on_duty', 'completed'].includes(d.status),
      )
      .map((d) => d.staff.name);
    expect(stationed.length).toBeGreaterThan(0);
    expect([...fromSpph].sort()).toEqual([...new Set(stationed)].sort());
    expect(items.every((s) => /^\d{6}\*{8}[\dX]{4}$/.test(s.idNumber))).toBe(true);

    // Not even by the full ID number of the person just added there.
    await page.getByTestId('staff-search').locator('input').fill(idNumber);
    await page.getByTestId('staff-search').locator('input').press('Enter');
    await expect.poll(() => page.locator('.ant-table-tbody tr.ant-table-row').count(), PATIENCE).toBe(0);
    await page.getByTestId('staff-table').locator('.ant-table-placeholder').waitFor(PATIENCE);
  });
});
