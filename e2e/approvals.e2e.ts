import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { MeDto } from '../shared/contracts/auth';
import type { UnreadCountDto } from '../shared/contracts/notifications';
import type { PairingDto } from '../shared/contracts/pairing';
import type { ChainDto, DelegationDto, TodoDto, WorkflowInstanceDto } from '../shared/contracts/workflow';
import type { Page as ApiPage } from '../web/app/api';
import { type Journey, useBrowser } from './browser';
import {
  choose,
  confirmPopconfirm,
  modalSettled,
  openFromMenu,
  PATIENCE,
  signOut,
  typeDate,
  waitForPath,
} from './ui';

/** A programme of the journey's own (2018—2020, Sichuan 172 pack), so its pairings meet no one else's. */
async function createProgramme(page: Page): Promise<string> {
  const code = `e2e-wf-${Date.now().toString(36)}`;
  const name = `审批测试项目${code.slice(-4)}`;
  await openFromMenu(page, '机构管理', '项目与政策');
  await waitForPath(page, '/programmes');
  await page.getByTestId('programme-create').click();
  await modalSettled(page, '新建项目');
  await page.getByTestId('programme-form-name').fill(name);
  await page.getByTestId('programme-form-code').fill(code);
  await typeDate(page, 'programme-form-start', '2018-01-01');
  await typeDate(page, 'programme-form-end', '2020-12-31');
  await page.getByTestId('programme-form-submit').click();
  await page.getByTestId('policy-table').locator('tr.ant-table-row').first().waitFor(PATIENCE);
  return name;
}

/** Through the pairing form, as the province office: a plain pairing, or a P02 exception with its reason. */
async function pair(page: Page, programme: string, supporter: string, recipient: string, reason?: string) {
  await page.getByTestId('pairing-create').click();
  await modalSettled(page, '新建结对');
  await choose(page, 'pairing-form-programme', '', programme);
  await choose(page, 'pairing-form-supporting', supporter, supporter);
  await choose(page, 'pairing-form-recipient', recipient, recipient);
  await page.getByTestId('pairing-form-submit').click();
  if (reason) {
    const violation = page.getByTestId('pairing-violation');
    await violation.waitFor(PATIENCE);
    expect(await violation.textContent()).toContain('P02：');
    await page.getByTestId('pairing-exception-reason').fill(reason);
    await page.getByTestId('pairing-save-exception').click();
  }
  await page.locator('.ant-modal', { hasText: '新建结对' }).waitFor({ state: 'detached', ...PATIENCE });
}

/** The row of the pairing table for `supporter`, once the list is filtered to the journey's programme. */
async function pairingRow(page: Page, programme: string, supporter: string) {
  await openFromMenu(page, '机构管理', '结对关系');
  await waitForPath(page, '/pairings');
  await choose(page, 'pairing-filter-programme', '', programme);
  const row = page.getByTestId('pairing-table').locator('tr.ant-table-row', { hasText: supporter });
  await row.waitFor(PATIENCE);
  return row;
}

/** The to-do rows on screen once the table shows what the API lists for the signed-in user. */
async function todoRows(page: Page, journey: Journey) {
  // A top-level entry, near the top of the menu.
  await page.getByTestId('side-menu').locator('li.ant-menu-item', { hasText: '待办事项' }).click();
  await waitForPath(page, '/todos');
  const { total } = await journey.api<ApiPage<TodoDto>>('/api/todos');
  const rows = page.getByTestId('todo-table').locator('tr.ant-table-row');
  await expect.poll(() => rows.count(), PATIENCE).toBe(Math.min(total, 10));
  return rows;
}

const drawer = (page: Page) => page.getByTestId('approval-drawer');

/** Fill the comment modal of a decision and send it. */
async function decide(page: Page, button: string, title: string, comment: string) {
  await drawer(page).getByTestId(button).click();
  const modal = await modalSettled(page, title);
  await modal.getByTestId('decision-comment').fill(comment);
  await modal.getByTestId('decision-submit').click();
  await modal.waitFor({ state: 'detached', ...PATIENCE });
}

/** The pending exception of `supporter` in the journey's programme, as the API has it. */
async function exceptionOf(journey: Journey, programme: string, supporter: string, recipient: string) {
  const { items } = await journey.api<ApiPage<PairingDto>>(
    `/api/pairings?q=${encodeURIComponent(recipient)}&pageSize=100`,
  );
  const pairing = items.find((p) => p.programmeName === programme && p.supporting.name === supporter);
  if (!pairing) throw new Error(`no pairing ${supporter} → ${recipient} in ${programme}`);
  return pairing;
}

describe('审批: a P02 exception goes to a second province-office account for approval', () => {
  const journey = useBrowser();

  test('province requests the exception and cannot approve it itself (S09); province_lead approves it from 待办 and the history names both', {
    timeout: 300_000,
  }, async () => {
    const supporter = '四川大学华西第二医院';
    const recipient = '凉山彝族自治州妇幼保健计划生育服务中心';
    const reason = '州妇幼创建危重孕产妇救治中心，经州卫健委申请增加华西第二医院一对一支援';

    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    const submitter = (await journey.api<MeDto>('/api/auth/me')).user.displayName;

    const programme = await createProgramme(page);
    await openFromMenu(page, '机构管理', '结对关系');
    await waitForPath(page, '/pairings');
    await pair(page, programme, '四川省妇幼保健院', recipient);
    await pair(page, programme, supporter, recipient, reason);

    // Listed as awaiting approval; the tag opens the approval, where the submitter may not decide.
    const row = await pairingRow(page, programme, supporter);
    expect(await row.textContent()).toContain('例外待审批');
    await row.getByTestId('pairing-exception-status').click();
    await drawer(page).getByTestId('approval-history').waitFor(PATIENCE);
    expect(await drawer(page).getByTestId('approval-status').textContent()).toBe('审批中');
    expect(await drawer(page).getByTestId('approval-payload').textContent()).toContain(reason);
    expect(await drawer(page).getByTestId('approval-payload').textContent()).toContain('P02');
    expect(await drawer(page).getByTestId('approval-approve').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer(page).waitFor({ state: 'detached', ...PATIENCE });

    // …nor is it among the submitter's to-dos (S09).
    const mine = await todoRows(page, journey);
    for (const text of await mine.allTextContents()) expect(text).not.toContain(supporter);
    const { items: ownTodos } = await journey.api<ApiPage<TodoDto>>('/api/todos');
    expect(ownTodos.filter((t) => t.title.includes(supporter) && t.title.includes(recipient))).toEqual([]);

    // The second province-office account sees it in 待办 and in the header count.
    await signOut(page);
    await journey.loginUser('province_lead');
    await waitForPath(page, '/');
    const approver = (await journey.api<MeDto>('/api/auth/me')).user.displayName;
    const counts = await journey.api<UnreadCountDto>('/api/notifications/unread-count');
    expect(counts.todos).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => page.getByTestId('header-todo-count').getAttribute('data-count'), PATIENCE)
      .toBe(String(counts.todos));
    expect(counts.unread).toBeGreaterThanOrEqual(1);
    await expect
      .poll(() => page.getByTestId('header-unread-count').getAttribute('data-count'), PATIENCE)
      .toBe(String(counts.unread));
    await page.getByTestId('header-todos').click();
    await waitForPath(page, '/todos');
    const todo = page
      .getByTestId('todo-table')
      .locator('tr.ant-table-row', { hasText: supporter })
      .filter({ hasText: recipient });
    await todo.waitFor(PATIENCE);
    expect(await todo.textContent()).toContain(submitter);
    expect(await todo.textContent()).toContain('待审批');

    // The bell lists the notification; opening it marks it read and opens the approval.
    await page.getByTestId('notification-bell').click();
    const notice = page
      .getByTestId('notification-panel')
      .getByTestId('notification-item')
      .filter({ hasText: supporter })
      .filter({ hasText: recipient });
    await notice.waitFor(PATIENCE);
    expect(await notice.getAttribute('data-read')).toBe('false');
    await notice.click();
    await drawer(page).getByTestId('approval-approve').waitFor(PATIENCE);
    expect(new URL(page.url()).searchParams.get('open')).toMatch(/^[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.getByTestId('header-unread-count').getAttribute('data-count'), PATIENCE)
      .toBe(String(counts.unread - 1));

    // Approves with a comment.
    expect(await drawer(page).getByTestId('approval-payload').textContent()).toContain(reason);
    const comment = '同意增加支援机构，请按期报送帮扶工作计划';
    await decide(page, 'approval-approve', '同意', comment);
    await page.locator('.ant-message', { hasText: '已同意' }).waitFor(PATIENCE);
    await expect
      .poll(() => drawer(page).getByTestId('approval-status').textContent(), PATIENCE)
      .toBe('已通过');
    expect(await drawer(page).getByTestId('approval-approve').count()).toBe(0);
    await page.keyboard.press('Escape');
    await drawer(page).waitFor({ state: 'detached', ...PATIENCE });
    await expect
      .poll(async () => (await page.getByTestId('todo-table').textContent()) ?? '', PATIENCE)
      .not.toContain(supporter);

    // The pairing is now an approved exception, and its approval history names both people.
    const approvedRow = await pairingRow(page, programme, supporter);
    await expect.poll(() => approvedRow.textContent(), PATIENCE).toContain('例外已批准');
    await approvedRow.getByTestId('pairing-exception-status').click();
    const history = drawer(page).getByTestId('approval-history');
    await history.waitFor(PATIENCE);
    const entries = await history.getByTestId('approval-history-item').allTextContents();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toContain('提交');
    expect(entries[0]).toContain(submitter);
    expect(entries[1]).toContain('同意');
    expect(entries[1]).toContain(approver);
    expect(entries[1]).toContain(comment);

    const pairing = await exceptionOf(journey, programme, supporter, recipient);
    expect(pairing.exceptionStatus).toBe('approved');
  });

  test('province_lead returns an exception with a comment; the province sees it returned and resubmits it', {
    timeout: 300_000,
  }, async () => {
    const supporter = '成都市第一人民医院';
    const recipient = '凉山彝族自治州第二人民医院';

    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    const programme = await createProgramme(page);
    await openFromMenu(page, '机构管理', '结对关系');
    await waitForPath(page, '/pairings');
    await pair(page, programme, '四川省人民医院', recipient);
    const reason = '州二医院新建院区，申请增加成都市第一人民医院支援';
    await pair(page, programme, supporter, recipient, reason);
    const { id: pairingId } = await exceptionOf(journey, programme, supporter, recipient);

    await signOut(page);
    await journey.loginUser('province_lead');
    await waitForPath(page, '/');
    const rows = await todoRows(page, journey);
    const todo = rows.filter({ hasText: supporter }).filter({ hasText: recipient });
    await todo.waitFor(PATIENCE);
    await todo.getByTestId('todo-open').click();

    // A return needs a comment: refused in Chinese without one.
    await drawer(page).getByTestId('approval-return').click();
    const modal = await modalSettled(page, '退回修改');
    await modal.getByTestId('decision-submit').click();
    await modal.getByText('请填写意见').waitFor(PATIENCE);
    const comment = '请补充州卫健委的申请文件及新院区建设进度';
    await modal.getByTestId('decision-comment').fill(comment);
    await modal.getByTestId('decision-submit').click();
    await modal.waitFor({ state: 'detached', ...PATIENCE });
    await expect
      .poll(() => drawer(page).getByTestId('approval-status').textContent(), PATIENCE)
      .toBe('已退回修改');
    await page.keyboard.press('Escape');
    await drawer(page).waitFor({ state: 'detached', ...PATIENCE });

    // Back with the province office: the return is among its to-dos, and it resubmits.
    await signOut(page);
    await journey.login('province_office');
    await waitForPath(page, '/');
    const own = await todoRows(page, journey);
    const returned = own.filter({ hasText: supporter }).filter({ hasText: recipient });
    await returned.waitFor(PATIENCE);
    expect(await returned.textContent()).toContain('退回待修改');
    await returned.getByTestId('todo-open').click();
    await drawer(page).getByTestId('approval-history').getByText(comment).waitFor(PATIENCE);
    expect(await drawer(page).getByTestId('approval-approve').count()).toBe(0);
    // The resubmission carries the exception reason, amended as the approver asked.
    await drawer(page).getByTestId('approval-resubmit').click();
    const resubmit = await modalSettled(page, '重新提交');
    const reasonBox = resubmit.getByTestId('decision-comment');
    expect(await reasonBox.inputValue()).toBe(reason);
    const amended = `${reason}；已补充州卫健委申请文件，新院区2019年6月投入使用`;
    await reasonBox.fill(amended);
    await resubmit.getByTestId('decision-submit').click();
    await resubmit.waitFor({ state: 'detached', ...PATIENCE });
    await expect
      .poll(() => drawer(page).getByTestId('approval-status').textContent(), PATIENCE)
      .toBe('审批中');
    expect((await exceptionOf(journey, programme, supporter, recipient)).exceptionReason).toBe(amended);

    const [latest] = (
      await journey.api<ApiPage<WorkflowInstanceDto>>(
        `/api/workflow/instances?docType=pairing_exception&docId=${pairingId}`,
      )
    ).items;
    expect(latest?.status).toBe('pending');
    expect(latest?.history.map((h) => h.action)).toEqual(['submit', 'return', 'resubmit']);
  });

  test('the province office gives its programme its own chain (edited, reordered, then deleted) and delegates to a colleague while away', {
    timeout: 300_000,
  }, async () => {
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    const programme = await createProgramme(page);

    // A chain of the programme's own, starting from the default one.
    await openFromMenu(page, '审批管理', '审批流程配置');
    await waitForPath(page, '/workflow/chains');
    await page.getByTestId('chain-card-default').first().waitFor(PATIENCE);
    await choose(page, 'chain-add-programme', '', programme);
    await page.getByTestId('chain-add').click();
    const editor = await modalSettled(page, `配置审批流程：结对例外审批 · ${programme}`);
    expect(await editor.getByTestId('chain-step-label-0').inputValue()).toBe('省对口支援办审批');
    await editor.getByTestId('chain-step-label-0').fill('省对口支援办初审');
    await editor.getByTestId('chain-step-days-0').fill('3');
    await editor.getByTestId('chain-step-add').click();
    const added = await editor.locator('[data-testid^="chain-step-label-"]').count();
    await editor.getByTestId(`chain-step-label-${added - 1}`).fill('省对口支援办复核');
    await editor.getByTestId(`chain-step-days-${added - 1}`).fill('2');
    // Moved up to second place, before the TCM countersignature.
    await editor
      .getByTestId(`chain-step-${added - 1}`)
      .getByRole('button', { name: '上移' })
      .click();
    await editor.getByTestId('chain-form-submit').click();
    await editor.waitFor({ state: 'detached', ...PATIENCE });
    const own = page.getByTestId('chain-card-programme').filter({ hasText: programme });
    await own.waitFor(PATIENCE);
    const ownChain = async () =>
      (await journey.api<ApiPage<ChainDto>>('/api/workflow/chains')).items.find(
        (c) => c.docType === 'pairing_exception' && c.programmeName === programme,
      );
    expect((await ownChain())?.steps).toEqual([
      { role: 'province_office', label: '省对口支援办初审', deadlineDays: 3, tcmOnly: false },
      { role: 'province_office', label: '省对口支援办复核', deadlineDays: 2, tcmOnly: false },
      { role: 'tcm_bureau', label: '省中医药管理局会签', deadlineDays: 5, tcmOnly: true },
    ]);
    expect(await own.textContent()).toMatch(/省对口支援办初审.*省对口支援办复核.*省中医药管理局会签/);

    // Deleted again: the programme falls back to the default chain.
    await own.getByTestId('chain-delete').click();
    await confirmPopconfirm(page);
    await own.waitFor({ state: 'detached', ...PATIENCE });
    expect(await ownChain()).toBeUndefined();

    // Away for a few days: 陈刚 decides in the province office's name, until revoked.
    await openFromMenu(page, '审批管理', '代理审批');
    await waitForPath(page, '/workflow/delegations');
    await page.getByTestId('delegation-create').click();
    const form = await modalSettled(page, '委托代理审批');
    await choose(page, 'delegation-form-to', '陈刚', '陈刚');
    const range = form.locator('.ant-picker-range input');
    expect(await range.count()).toBe(2);
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 8 * 3_600_000 + 4 * 86_400_000).toISOString().slice(0, 10);
    await range.first().click();
    await range.first().fill(today);
    await range.first().press('Enter');
    await range.last().fill(later);
    await range.last().press('Enter');
    const reason = '赴甘孜州督导对口支援工作，期间委托代为审批';
    await form.getByTestId('delegation-form-reason').fill(reason);
    await form.getByTestId('delegation-form-submit').click();
    await form.waitFor({ state: 'detached', ...PATIENCE });
    const given = page.getByTestId('delegation-given-table').locator('tr.ant-table-row', { hasText: reason });
    await given.waitFor(PATIENCE);
    expect(await given.textContent()).toContain(`${today} 至 ${later}`);
    expect(await given.textContent()).toContain('生效中');
    const mine = (await journey.api<ApiPage<DelegationDto>>('/api/workflow/delegations')).items.find(
      (d) => d.reason === reason,
    );
    expect(mine).toMatchObject({
      to: { displayName: '省对口支援办 处长 陈刚' },
      startsOn: today,
      endsOn: later,
    });

    await given.getByTestId('delegation-revoke').click();
    await confirmPopconfirm(page);
    await expect.poll(() => given.textContent(), PATIENCE).toContain('已撤销');
    expect(await given.getByTestId('delegation-revoke').count()).toBe(0);
  });
});
