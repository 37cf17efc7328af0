import { describe, expect, test } from 'vitest';
import type { DispatchDto } from '../shared/contracts/dispatch';
import { useBrowser } from './browser';
import { choose, modalSettled, openFromMenu, PATIENCE, typeDate, waitForPath } from './ui';

const SPPH = '四川省人民医院';
/** A prefecture-level recipient: P04 asks "in principle" for 副高 or above there. */
const GZ_PREFECTURE = '甘孜藏族自治州人民医院';
/** 中级, at 四川省人民医院, never dispatched in the demo. */
const PERSON = '赵磊';

describe('选派管理: a supporting admin proposes a dispatch, judged live, and submits it with a deviation reason', () => {
  const journey = useBrowser();

  test('the live judgement shows the P04 "in principle" deviation; submitting asks for the 偏离理由', {
    timeout: 180_000,
  }, async () => {
    await journey.login('supporting_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '人员管理', '选派管理');
    await waitForPath(page, '/dispatches');
    await page.getByTestId('dispatch-table').waitFor(PATIENCE);

    // 新增选派: nothing is judged until the form is complete.
    await page.getByTestId('dispatch-create').click();
    await modalSettled(page, '新增选派');
    await page.getByTestId('dispatch-judgement-pending').waitFor(PATIENCE);
    await choose(page, 'dispatch-form-staff', PERSON, PERSON);
    // Only pairings the person's home institution supports are offered.
    await choose(page, 'dispatch-form-pairing', GZ_PREFECTURE, `${SPPH} → ${GZ_PREFECTURE}`);
    const batch = page.getByTestId('dispatch-form-batch').locator('input').first();
    await batch.fill('2019年第一批');
    await choose(page, 'dispatch-form-kind', '', /^驻点$/);
    await choose(page, 'dispatch-form-role', '', '临床业务');
    await typeDate(page, 'dispatch-form-start', '2019-03-01');
    await typeDate(page, 'dispatch-form-end', '2019-08-31');

    // The judgement arrives by itself: P04, 原则上, in Chinese, with the note about the reason.
    const violation = page.getByTestId('dispatch-violation').filter({ hasText: 'P04' });
    await violation.waitFor(PATIENCE);
    expect(await violation.textContent()).toContain('原则上');
    expect(await violation.textContent()).toContain(PERSON);
    await page.getByTestId('dispatch-needs-justification').waitFor(PATIENCE);
    expect(await page.getByTestId('dispatch-conflict').count()).toBe(0);

    await page.getByTestId('dispatch-form-submit').click();
    await page.getByText('已保存为拟选派，可提交审批').waitFor(PATIENCE);

    // The new row: 拟选派, not counted as grass-roots service (P05) until approved.
    const row = page.locator('tr.ant-table-row', { hasText: PERSON }).filter({ hasText: '2019年第一批' });
    await row.waitFor(PATIENCE);
    expect(await row.getByTestId('dispatch-status').textContent()).toBe('拟选派');
    expect(await row.getByTestId('dispatch-counts').textContent()).toBe('否');

    // 提交审批: the stored judgement is shown and the reason is required.
    await row.getByTestId('dispatch-submit').click();
    await modalSettled(page, '提交审批');
    await page
      .locator('.ant-modal')
      .getByTestId('dispatch-violation')
      .filter({ hasText: 'P04' })
      .waitFor(PATIENCE);
    await page.getByTestId('dispatch-submit-confirm').click();
    await page.getByText('请填写偏离原则上规定的理由').waitFor(PATIENCE);
    await page.getByTestId('dispatch-justification').fill('州医院急需麻醉专业人员，本院副高人员已全部派出');
    await page.getByTestId('dispatch-submit-confirm').click();
    await page.getByText('已提交省对口支援办审批').waitFor(PATIENCE);
    await expect.poll(() => row.getByTestId('dispatch-status').textContent(), PATIENCE).toBe('已报审');

    // The server holds the same: submitted, with the reason, not yet counted.
    const { items } = await journey.api<{ items: DispatchDto[] }>(
      `/api/dispatches?q=${encodeURIComponent(PERSON)}&pageSize=100`,
    );
    const saved = items.find((d) => d.batch === '2019年第一批');
    expect(saved?.status).toBe('submitted');
    expect(saved?.justification).toBe('州医院急需麻醉专业人员，本院副高人员已全部派出');
    expect(saved?.countsAsService).toBe(false);
    expect(saved?.judgement.violations.map((v) => v.rule)).toContain('P04');

    // 详情: the P05 note and the presence rule pending approval.
    await row.getByTestId('dispatch-detail-open').click();
    const detail = page.getByTestId('dispatch-detail');
    await detail.waitFor(PATIENCE);
    expect(await page.getByTestId('dispatch-counts-as-service').textContent()).toContain(
      '未经省对口办审批的派驻不计入基层服务经历',
    );
    expect(await detail.textContent()).toContain('按批准时职称确定');
  });
});
