import { describe, expect, test } from 'vitest';
import type { CalendarYearDto, RegionalHolidayDto } from '../shared/contracts/calendar';
import { useBrowser } from './browser';
import { choose, confirmPopconfirm, modalSettled, openFromMenu, PATIENCE, typeDate, waitForPath } from './ui';

const ABA = '513200';

describe('节假日日历: the province office keeps the calendar, others read it', () => {
  const journey = useBrowser();
  const kindOf = (date: string) =>
    journey.page().getByTestId(`calendar-day-${date}`).getAttribute('data-kind');

  test('shows 2026 with 春节 and its make-up Saturdays, 彝族年 in 凉山, and edits a day and a regional holiday', {
    timeout: 180_000,
  }, async () => {
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '考勤管理', '节假日日历');
    await waitForPath(page, '/attendance/calendar');
    await choose(page, 'calendar-year', '', '2026年');
    await page.getByTestId('calendar-day-2026-02-16').waitFor(PATIENCE);
    await expect.poll(() => kindOf('2026-02-16'), PATIENCE).toBe('holiday');
    expect(await kindOf('2026-02-14')).toBe('workday');
    expect(await kindOf('2026-02-24')).toBe('weekday');
    expect(await kindOf('2026-11-20')).toBe('weekday');
    await expect
      .poll(() => page.getByTestId('calendar-summary').textContent(), PATIENCE)
      .toMatch(/^2026年共 365 天，工作日 \d+ 天$/);

    await choose(page, 'calendar-prefecture', '凉山', '凉山彝族自治州');
    await expect.poll(() => kindOf('2026-11-20'), PATIENCE).toBe('regional_holiday');
    await page.getByTestId('calendar-regional-table').getByText('彝族年').first().waitFor(PATIENCE);

    // A Saturday made a working day, then cleared back to a rest day.
    await page.getByTestId('calendar-day-2026-03-14').click();
    const modal = await modalSettled(page, '调整 2026-03-14');
    await modal.getByText('调休上班', { exact: true }).click();
    await page.getByTestId('calendar-day-name').fill('测试调休');
    await page.getByTestId('calendar-day-save').click();
    await expect.poll(() => kindOf('2026-03-14'), PATIENCE).toBe('workday');
    const year = await journey.api<CalendarYearDto>('/api/calendar/2026');
    expect(year.days.find((d) => d.date === '2026-03-14')).toEqual({
      date: '2026-03-14',
      isWorkingDay: true,
      kind: 'workday',
      name: '测试调休',
      source: 'manual',
    });
    await page.getByTestId('calendar-day-2026-03-14').click();
    await modalSettled(page, '调整 2026-03-14');
    await page.getByTestId('calendar-day-clear').click();
    await expect.poll(() => kindOf('2026-03-14'), PATIENCE).toBe('weekend');

    // Two days of a regional holiday for 阿坝, shown when 阿坝 is chosen, then deleted.
    await page.getByTestId('calendar-regional-add').click();
    await modalSettled(page, '添加地方性节假日');
    await choose(page, 'calendar-regional-region', '阿坝', '阿坝藏族羌族自治州');
    await typeDate(page, 'calendar-regional-date', '2026-08-03');
    await typeDate(page, 'calendar-regional-to', '2026-08-04');
    await page.getByTestId('calendar-regional-name').fill('测试节');
    await page.getByTestId('calendar-regional-save').click();
    await page.getByText('已添加 2 天地方性节假日').waitFor(PATIENCE);
    const added = (
      await journey.api<{ items: RegionalHolidayDto[] }>(
        `/api/calendar/regional-holidays?year=2026&region=${ABA}`,
      )
    ).items.filter((h) => h.name === '测试节');
    expect(added.map((h) => h.date)).toEqual(['2026-08-03', '2026-08-04']);
    await choose(page, 'calendar-prefecture', '阿坝', '阿坝藏族羌族自治州');
    await expect.poll(() => kindOf('2026-08-03'), PATIENCE).toBe('regional_holiday');
    for (const h of added) {
      await page.getByTestId(`regional-delete-${h.id}`).click();
      await confirmPopconfirm(page);
      await page.getByTestId(`regional-delete-${h.id}`).waitFor({ state: 'detached', ...PATIENCE });
    }
    await expect.poll(() => kindOf('2026-08-03'), PATIENCE).toBe('weekday');
  });

  test('a recipient admin reads the calendar but cannot change it', { timeout: 120_000 }, async () => {
    await journey.login('recipient_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '考勤管理', '节假日日历');
    await waitForPath(page, '/attendance/calendar');
    await choose(page, 'calendar-year', '', '2026年');
    await expect.poll(() => kindOf('2026-10-01'), PATIENCE).toBe('holiday');
    await page.getByTestId('calendar-day-2026-10-01').click();
    expect(await page.locator('.ant-modal:visible').count()).toBe(0);
    expect(await page.getByTestId('calendar-regional-add').count()).toBe(0);
  });
});
