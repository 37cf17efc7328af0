import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { DailyStatusDto } from '../shared/contracts/attendance';
import type { CheckinContextDto } from '../shared/contracts/checkin';
import type { LeaveRequestDto } from '../shared/contracts/leave';
import type { Role } from '../shared/enums';
import { todayInShanghai } from '../web/app/format';
import { type Journey, useBrowser } from './browser';
import { choose, modalSettled, PATIENCE, signOut, typeDate, waitForPath } from './ui';

/**
 * Leave on a phone (issue 7 item 4): 王建华 (doctor_wang) files a personal leave with a photo
 * of the note, an HTML page renamed .pdf is refused with the server's Chinese reason; the
 * recipient (zhaojue_hosp) approves it from 待办, then the sending hospital (spph_admin); the
 * request then reads 已批准 on the phone and the day reads 请假 with the approval as its reason.
 * The database is shared by every journey file, so the day is a random recent off-site day and
 * the request is found by this run's reason.
 */

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');

const run = Math.random().toString(36).slice(2, 8);
const reason = `家中老人住院需陪护（${run}）`;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** The day of the leave, chosen by the first test; its request's title as 待办 lists it. */
let day = '';
const title = () => `王建华 请假（事假）${day}`;
let staffId = '';

/**
 * A recent working day 王建华 (P07, flexible presence) spent off site with no request, taken at
 * random so reruns on one database pick different days: leave is filed afterwards (补请假) and,
 * once approved, the day reads 请假 with the approval as its reason.
 */
async function offSiteDay(journey: Journey): Promise<string> {
  const context = await journey.api<CheckinContextDto>('/api/checkins/context?deviceId=e2e-leave-reader');
  staffId = context.staff!.id;
  const today = todayInShanghai();
  const { items: days } = await journey.api<{ items: DailyStatusDto[] }>(
    `/api/attendance/daily?staffId=${staffId}&from=${addDays(today, -40)}&to=${addDays(today, -1)}`,
  );
  const candidates = days.filter((d) => d.status === 'off_site').map((d) => d.date);
  expect(candidates.length, 'the demo has off-site days in the last 40').toBeGreaterThan(0);
  return candidates[Math.floor(Math.random() * candidates.length)]!;
}

let filed: LeaveRequestDto | undefined;

async function openLeavePage(journey: Journey): Promise<Page> {
  await journey.login('support_staff');
  const page = journey.page();
  await waitForPath(page, '/m/checkin');
  await page.getByRole('link', { name: '请假' }).click();
  await waitForPath(page, '/m/leave');
  return page;
}

describe('on a phone: 王建华 files a leave with a photo', () => {
  const journey = useBrowser({ width: 390, height: 844 });

  test('an HTML page renamed .pdf is refused; the leave with its photo is filed and awaits approval', async () => {
    const page = await openLeavePage(journey);
    const form = page.getByTestId('leave-form');
    const fileInput = form.locator('input[type=file]');

    await fileInput.setInputFiles({ name: '诊断证明.pdf', mimeType: 'application/pdf', buffer: HTML });
    await expect
      .poll(() => page.getByTestId('leave-attach-error').textContent(), PATIENCE)
      .toBe('附件内容与文件类型不符：“诊断证明.pdf”不是有效的 PDF 文件');
    // the refused file is not kept among the attachments
    await expect.poll(() => form.locator('.ant-upload-list-item').count(), PATIENCE).toBe(0);

    day = await offSiteDay(journey);
    await choose(page, 'leave-type', '', '事假');
    await typeDate(page, 'leave-start', day);
    await typeDate(page, 'leave-end', day);
    await page.getByTestId('leave-reason').fill(reason);
    await fileInput.setInputFiles({ name: '住院证明.png', mimeType: 'image/png', buffer: PNG });
    const item = form.locator('.ant-upload-list-item', { hasText: '住院证明.png' });
    await item.waitFor(PATIENCE);
    await expect.poll(() => item.getAttribute('class'), PATIENCE).toContain('ant-upload-list-item-done');
    await page.getByTestId('leave-submit').click();

    // Filed: the page turns to 我的申请, where the request waits for approval.
    const list = page.getByTestId('my-requests');
    await list.waitFor(PATIENCE);
    const mine = await journey.api<{ items: LeaveRequestDto[] }>(`/api/leave-requests?from=${day}&to=${day}`);
    filed = mine.items.find((r) => r.reason === reason);
    expect(filed).toMatchObject({
      kind: 'leave',
      leaveType: 'personal',
      startDate: day,
      endDate: day,
      status: 'pending',
    });
    expect(filed!.attachments.map((a) => a.fileName)).toEqual(['住院证明.png']);
    const card = page.getByTestId(`my-request-${filed!.id}`);
    expect(await card.getByTestId('leave-status').textContent()).toBe('审批中');
    await card.click();
    await expect
      .poll(() => card.getByTestId('leave-timeline').textContent(), PATIENCE)
      .toContain('待受援单位审批');
  });
});

describe('the recipient, then the sending hospital, approve from 待办', () => {
  const journey = useBrowser();

  async function approveFromTodos(role: Role, comment: string) {
    await journey.login(role);
    const page = journey.page();
    await waitForPath(page, '/');
    await page.getByTestId('side-menu').locator('li.ant-menu-item', { hasText: '待办事项' }).click();
    await waitForPath(page, '/todos');
    const todo = page.getByTestId('todo-table').locator('tr.ant-table-row', { hasText: title() }).first();
    await todo.waitFor(PATIENCE);
    await todo.getByTestId('todo-open').click();
    const drawer = page.getByTestId('approval-drawer');
    await drawer.getByTestId('approval-approve').click();
    const modal = await modalSettled(page, '同意');
    await modal.getByTestId('decision-comment').fill(comment);
    await modal.getByTestId('decision-submit').click();
    await modal.waitFor({ state: 'detached', ...PATIENCE });
    await expect.poll(() => drawer.getByTestId('approval-approve').count(), PATIENCE).toBe(0);
    await page.locator('.ant-drawer-close').click();
    await expect
      .poll(async () => (await page.getByTestId('todo-table').textContent()) ?? '', PATIENCE)
      .not.toContain(title());
    return page;
  }

  test('zhaojue_hosp approves, then spph_admin, and the request reads 已批准 with its photo', async () => {
    expect(filed, 'the phone test files the request').toBeDefined();
    const first = await approveFromTodos('recipient_admin', '同意，请按时返岗');
    await signOut(first);
    const page = await approveFromTodos('supporting_admin', '同意');

    await page.goto(`${journey.url}/attendance/requests?leaveId=${filed!.id}`);
    const drawer = page.getByTestId('leave-drawer');
    await drawer.waitFor(PATIENCE);
    await expect.poll(() => drawer.getByTestId('leave-status').textContent(), PATIENCE).toBe('已批准');
    expect(await drawer.getByTestId(`leave-attachment-${filed!.attachments[0]!.id}`).textContent()).toContain(
      '住院证明.png',
    );
    await expect
      .poll(() => drawer.getByTestId('leave-timeline').textContent(), PATIENCE)
      .toContain('同意，请按时返岗');
  });
});

describe('on a phone: the request is approved', () => {
  const journey = useBrowser({ width: 390, height: 844 });

  test('王建华 sees 已批准', async () => {
    expect(filed).toBeDefined();
    const page = await openLeavePage(journey);
    await page.getByTestId('leave-view').getByText('我的申请').click();
    const card = page.getByTestId(`my-request-${filed!.id}`);
    await card.waitFor(PATIENCE);
    expect(await card.getByTestId('leave-status').textContent()).toBe('已批准');
    const api = await journey.api<LeaveRequestDto>(`/api/leave-requests/${filed!.id}`);
    expect(api.status).toBe('approved');

    // The day now reads 请假, with the approval as its reason, on the phone's month and in the API.
    const {
      items: [status],
    } = await journey.api<{ items: DailyStatusDto[] }>(
      `/api/attendance/daily?staffId=${staffId}&from=${day}&to=${day}`,
    );
    expect(status).toMatchObject({ date: day, status: 'leave', reason: { requestId: filed!.id } });
    expect(status!.reason.text).toContain('经批准请假');
  });
});
