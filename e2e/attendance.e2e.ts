import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DAY_STATUS_LABELS, JUSTIFICATION_CAUSE_LABELS } from '../shared/attendance-vocabulary';
import type { BoardDto, DailyStatusDto, JustificationDto, PresenceDto } from '../shared/contracts/attendance';
import type { CheckinContextDto } from '../shared/contracts/checkin';
import { todayInShanghai } from '../web/app/format';
import { useBrowser } from './browser';
import { choose, modalSettled, openFromMenu, PATIENCE, waitForPath } from './ui';

/**
 * Attendance views on the demo (issue 7 items 7, 8, "Done when"): the recipient's admin
 * (zhaojue_hosp) sees who is on duty today and each day's reason in a person's month
 * calendar; 王建华 (doctor_wang, P07) explains a short month from his phone and the admin
 * accepts it. The demo is made "now" by the journey server, so every expected day is read
 * from the API, never written down here. The database is shared by every journey file: the
 * justification is found by the id this run created.
 */

const STAFF_P06 = '刘芳';
const STAFF_P07 = '王建华';

type Page_<T> = { items: T[]; total: number };

/** `2026-08` → `2026年8月`, as the pages write a month. */
const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** The id of the justification the phone test files, for the admin to accept. */
let filed: JustificationDto | undefined;

/** Step the month calendar back or forth until it shows `month`. */
async function showMonth(page: Page, month: string, prev: string, next: string) {
  const calendar = page.getByTestId('month-calendar');
  await calendar.waitFor(PATIENCE);
  for (let guard = 0; guard < 24; guard++) {
    const shown = await calendar.getAttribute('data-month');
    if (shown === month) return;
    await page.getByTestId(shown! > month ? prev : next).click();
    await expect.poll(() => calendar.getAttribute('data-month'), PATIENCE).not.toBe(shown);
  }
  throw new Error(`the calendar never showed ${month}`);
}

describe('on a phone: my attendance', () => {
  const journey = useBrowser({ width: 390, height: 844 });

  test('王建华 sees his month and explains the short month', async () => {
    await journey.login('support_staff');
    const page = journey.page();
    await waitForPath(page, '/m/checkin');
    await page.goto(`${journey.url}/m/attendance`);
    await waitForPath(page, '/m/attendance');

    const ctx = await journey.api<CheckinContextDto>('/api/checkins/context?deviceId=e2e-attendance-view');
    const dispatch = ctx.dispatch!;
    expect(ctx.staff?.name).toBe(STAFF_P07);
    const today = todayInShanghai();
    const month = today.slice(0, 7);
    await expect.poll(() => page.getByTestId('my-month').textContent(), PATIENCE).toBe(monthLabel(month));

    // This month's days, as the server has them, coloured on the phone; a tap shows the reason.
    const days = (
      await journey.api<Page_<DailyStatusDto>>(
        `/api/attendance/daily?staffId=${ctx.staff!.id}&from=${month}-01&to=${today}`,
      )
    ).items.filter((d) => d.dispatchId === dispatch.id);
    expect(days.length).toBeGreaterThan(0);
    for (const d of days)
      await expect
        .poll(() => page.getByTestId(`month-day-${d.date}`).getAttribute('data-status'), PATIENCE)
        .toBe(d.status);
    const tapped = days[0]!;
    await page.getByTestId(`month-day-${tapped.date}`).click();
    const reason = page.getByTestId('my-day-reason');
    await expect.poll(() => reason.textContent(), PATIENCE).toContain(tapped.reason.text);
    expect(await reason.textContent()).toContain(DAY_STATUS_LABELS[tapped.status]);

    // The P07 summary in words, and a past month short of on-site days with nothing filed yet.
    const presence = await journey.api<PresenceDto>(`/api/attendance/presence?dispatchId=${dispatch.id}`);
    expect(presence.rule).toBe('P07');
    await expect
      .poll(() => page.getByTestId('my-presence').textContent(), PATIENCE)
      .toContain(`累计已驻点 ${presence.onSiteDays} 天`);
    const short = presence.months.find(
      (m) =>
        !m.met &&
        m.month < month &&
        !presence.justifications.some((j) => j.status !== 'rejected' && j.fromDate.startsWith(m.month)),
    );
    expect(short, 'the demo has a short month without a justification').toBeDefined();
    const lapse = page.getByTestId(`my-lapse-${short!.month}`);
    await expect
      .poll(() => lapse.textContent(), PATIENCE)
      .toContain(
        `${monthLabel(short!.month)}驻点 ${short!.onSiteDays} 天，少于应驻点的 ${short!.required} 天`,
      );

    await page.getByTestId(`my-explain-${short!.month}`).click();
    await page.getByTestId('justification-form').waitFor(PATIENCE);
    await choose(page, 'justification-cause', '', JUSTIFICATION_CAUSE_LABELS.work);
    const text = `本月按派出单位安排回院参加质控检查（端到端测试 ${Date.now()}），其间远程会诊指导受援科室。`;
    await page.getByTestId('justification-text').fill(text);
    const [created] = await Promise.all([
      page.waitForResponse(
        (r) =>
          r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/attendance/justifications',
        PATIENCE,
      ),
      page.getByTestId('justification-submit').click(),
    ]);
    expect(created.status()).toBe(201);
    filed = (await created.json()) as JustificationDto;
    expect(filed).toMatchObject({
      dispatchId: dispatch.id,
      rule: 'P07',
      fromDate: `${short!.month}-01`,
      cause: 'work',
      text,
      status: 'pending',
    });
    await expect.poll(() => lapse.textContent(), PATIENCE).toContain('待审核');
  });
});

describe('on the desktop: the recipient sees the board and the calendars', () => {
  const journey = useBrowser();

  test("今日在岗 lists 刘芳 and 王建华 with their status; 刘芳's calendar gives each day's reason", async () => {
    await journey.login('recipient_admin');
    const page = journey.page();
    await openFromMenu(page, '考勤管理', '今日在岗');
    await waitForPath(page, '/attendance/board');

    const board = await journey.api<BoardDto>('/api/attendance/board?pageSize=100');
    const table = page.getByTestId('board-table');
    for (const name of [STAFF_P06, STAFF_P07]) {
      const expected = board.items.find((r) => r.staff.name === name);
      expect(expected, `${name} on the board`).toBeDefined();
      const row = table.locator('tr.ant-table-row', { hasText: name });
      await row.waitFor(PATIENCE);
      await expect
        .poll(() => row.getByTestId('board-status').textContent(), PATIENCE)
        .toBe(DAY_STATUS_LABELS[expected!.status]);
      expect(await row.textContent()).toContain(expected!.reason.text);
    }
    const totals = page.getByText('在派人员');
    await totals.waitFor(PATIENCE);

    // 刘芳's days from her arrival: a leave day, approved, is somewhere among them.
    const liu = board.items.find((r) => r.staff.name === STAFF_P06)!;
    const presence = await journey.api<PresenceDto>(`/api/attendance/presence?dispatchId=${liu.dispatchId}`);
    expect(presence.rule).toBe('P06');
    const all = (
      await journey.api<Page_<DailyStatusDto>>(
        `/api/attendance/daily?staffId=${liu.staff.id}&from=${presence.from}&to=${board.date}`,
      )
    ).items.filter((d) => d.dispatchId === liu.dispatchId);
    const leave = all.find((d) => d.status === 'leave');
    expect(leave, 'the demo gives 刘芳 approved leave').toBeDefined();
    expect(leave!.reason.requestId).not.toBeNull();
    expect(leave!.reason.text).toMatch(/^经批准请假/);

    await table.locator('tr.ant-table-row', { hasText: STAFF_P06 }).click();
    await waitForPath(page, '/attendance/person', { dispatchId: liu.dispatchId });
    const month = leave!.date.slice(0, 7);
    await showMonth(page, month, 'month-prev', 'month-next');

    // Every day of the month coloured by its status, as the server computed it.
    const inMonth = all.filter((d) => d.date.startsWith(month));
    for (const d of inMonth)
      await expect
        .poll(() => page.getByTestId(`month-day-${d.date}`).getAttribute('data-status'), PATIENCE)
        .toBe(d.status);

    // Hover: the leave day says 请假 and names the approval (another day's tip may still be fading out).
    const tipOf = (date: string) =>
      page.locator('.ant-tooltip:visible', { hasText: date }).getByTestId('month-day-reason');
    await page.getByTestId(`month-day-${leave!.date}`).hover();
    const tip = tipOf(`${leave!.date} ${DAY_STATUS_LABELS.leave}`);
    await expect.poll(() => tip.textContent(), PATIENCE).toContain(leave!.reason.text);

    // An on-site day names its punch.
    const onSite = inMonth.find((d) => d.status === 'on_site');
    if (onSite) {
      await page.getByTestId(`month-day-${onSite.date}`).hover();
      await expect
        .poll(() => tipOf(`${onSite.date} ${DAY_STATUS_LABELS.on_site}`).textContent(), PATIENCE)
        .toContain(onSite.reason.text);
    }

    // The P06 judgement of the dispatch under the calendar.
    const summary = page.getByTestId('presence-summary');
    await summary.waitFor(PATIENCE);
    expect(await summary.textContent()).toContain(`应出勤天数${presence.requiredDays}天`);
  });

  test('the recipient accepts the justification on 考勤情况说明 and it shows 已认可', async () => {
    expect(filed, 'the phone test filed a justification').toBeDefined();
    await journey.login('recipient_admin');
    const page = journey.page();
    await openFromMenu(page, '考勤管理', '考勤情况说明');
    await waitForPath(page, '/attendance/justifications');

    const row = page.locator(`tr[data-row-key="${filed!.id}"]`);
    await row.waitFor(PATIENCE);
    expect(await row.textContent()).toContain(STAFF_P07);
    expect(await row.textContent()).toContain(monthLabel(filed!.fromDate.slice(0, 7)));
    expect(await row.textContent()).toContain('待审核');
    await page.getByTestId(`justification-accept-${filed!.id}`).click();
    const modal = await modalSettled(page, '审核考勤情况说明');
    await page.getByTestId('justification-review-comment').fill('情况属实，予以认可');
    await modal.getByTestId('justification-review-submit').click();
    await expect.poll(() => row.textContent(), PATIENCE).toContain('已认可');
    expect(await row.textContent()).toContain('情况属实，予以认可');

    const after = await journey.api<Page_<JustificationDto>>(
      `/api/attendance/justifications?dispatchId=${filed!.dispatchId}&pageSize=100`,
    );
    expect(after.items.find((j) => j.id === filed!.id)).toMatchObject({
      status: 'accepted',
      reviewComment: '情况属实，予以认可',
      version: filed!.version + 1,
    });
  });
});
