import { describe, expect, it } from 'vitest';
import { LIANGSHAN, STATE_COUNCIL_CALENDAR, stateCouncilRows } from '../../seed/calendar-cn';
import {
  type CalendarException,
  type DayKind,
  datesBetween,
  dayInfo,
  isWorkingDay,
  type RegionalHolidayDay,
  type WorkCalendar,
  weekdayOf,
  workingDaysBetween,
} from './calendar.rules';

const GANZI = '513300';

function calendarOf(exceptions: CalendarException[], regional: RegionalHolidayDay[] = []): WorkCalendar {
  const byDate = new Map<string, RegionalHolidayDay[]>();
  for (const r of regional) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  return { exceptions: new Map(exceptions.map((e) => [e.date, e])), regional: byDate };
}

/** The shipped State Council calendar, with 彝族年 2024 in 凉山 and one day of it on a make-up Saturday. */
const cal = calendarOf(
  [...stateCouncilRows(), { date: '2024-11-23', kind: 'workday', name: '测试调休' }],
  [
    { regionCode: LIANGSHAN, date: '2024-11-20', name: '彝族年' },
    { regionCode: LIANGSHAN, date: '2024-11-21', name: '彝族年' },
    { regionCode: LIANGSHAN, date: '2024-11-22', name: '彝族年' },
    { regionCode: LIANGSHAN, date: '2024-11-23', name: '彝族年' },
    { regionCode: LIANGSHAN, date: '2024-10-01', name: '彝族年' },
  ],
);

describe('dayInfo', () => {
  it.each<[string, string, string | null, boolean, DayKind, string | null]>([
    ['a plain Monday works', '2024-03-04', null, true, 'weekday', null],
    ['a plain Saturday rests', '2024-03-02', null, false, 'weekend', null],
    ['a plain Sunday rests', '2024-03-03', null, false, 'weekend', null],
    ['a make-up Sunday (春节 2024) works', '2024-02-04', null, true, 'workday', '春节'],
    ['a make-up Saturday (春节 2024) works', '2024-02-18', null, true, 'workday', '春节'],
    ['a holiday on a weekday (国庆 2024, Tuesday) rests', '2024-10-01', null, false, 'holiday', '国庆节'],
    [
      'a holiday on a weekend inside the span rests as the holiday',
      '2024-10-05',
      null,
      false,
      'holiday',
      '国庆节',
    ],
    ['the day after 国庆 2024 works', '2024-10-08', null, true, 'weekday', null],
    ['彝族年 rests in 凉山', '2024-11-20', LIANGSHAN, false, 'regional_holiday', '彝族年'],
    ['彝族年 does not apply in 甘孜', '2024-11-20', GANZI, true, 'weekday', null],
    ['彝族年 does not apply without a prefecture', '2024-11-20', null, true, 'weekday', null],
    [
      'a regional holiday on a make-up Saturday rests',
      '2024-11-23',
      LIANGSHAN,
      false,
      'regional_holiday',
      '彝族年',
    ],
    ['…while the make-up Saturday works elsewhere', '2024-11-23', GANZI, true, 'workday', '测试调休'],
    [
      'a statutory holiday keeps its name over a regional one',
      '2024-10-01',
      LIANGSHAN,
      false,
      'holiday',
      '国庆节',
    ],
  ])('%s', (_, date, prefecture, working, kind, name) => {
    expect(dayInfo(cal, date, prefecture)).toEqual({ working, kind, name });
    expect(isWorkingDay(cal, date, prefecture)).toBe(working);
  });

  it('treats an empty calendar as the plain Monday–Friday rule', () => {
    const empty = calendarOf([]);
    expect(datesBetween('2026-01-01', '2026-01-07').map((d) => isWorkingDay(empty, d, null))).toEqual([
      true, // Thursday
      true,
      false,
      false,
      true,
      true,
      true,
    ]);
  });
});

describe('dates and working days', () => {
  it('knows the day of week without a time zone', () => {
    expect(['2024-02-04', '2024-02-10', '2026-03-02'].map(weekdayOf)).toEqual([0, 6, 1]);
  });

  it('lists every date inclusive, across a leap day and a year end', () => {
    expect(datesBetween('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
    expect(datesBetween('2025-12-31', '2026-01-01')).toEqual(['2025-12-31', '2026-01-01']);
    expect(datesBetween('2026-01-02', '2026-01-01')).toEqual([]);
    expect(datesBetween('2024-01-01', '2024-12-31')).toHaveLength(366);
  });

  it('counts the working days of 国庆 2024 week: make-up Sunday 29 Sep works, 1–7 Oct rest', () => {
    expect(workingDaysBetween(cal, '2024-09-29', '2024-10-08', null)).toEqual([
      '2024-09-29',
      '2024-09-30',
      '2024-10-08',
    ]);
  });

  it('counts February 2026 (春节 15–23, make-up Saturdays 14 and 28): 20 weekdays − 6 + 2 = 16 working days', () => {
    const days = workingDaysBetween(cal, '2026-02-01', '2026-02-28', null);
    expect(days).toHaveLength(16);
    expect(days).toContain('2026-02-14');
    expect(days).toContain('2026-02-28');
    expect(days).not.toContain('2026-02-16');
  });

  it('counts 凉山 November 2024 four working days fewer than 甘孜: three 彝族年 weekdays and the make-up Saturday', () => {
    const liangshan = workingDaysBetween(cal, '2024-11-01', '2024-11-30', LIANGSHAN);
    const ganzi = workingDaysBetween(cal, '2024-11-01', '2024-11-30', GANZI);
    expect(ganzi.length - liangshan.length).toBe(4);
    expect(ganzi.filter((d) => !liangshan.includes(d))).toEqual([
      '2024-11-20',
      '2024-11-21',
      '2024-11-22',
      '2024-11-23',
    ]);
  });
});

describe('the shipped calendar (its data checked against chinese-days in calendar-cn.test)', () => {
  it('covers 2017–2026, each year with 元旦, 春节 and 国庆节', () => {
    expect(Object.keys(STATE_COUNCIL_CALENDAR)).toEqual([
      '2017',
      '2018',
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    for (const list of Object.values(STATE_COUNCIL_CALENDAR))
      expect(list.map((a) => a.name)).toEqual(expect.arrayContaining(['元旦', '春节', '国庆节']));
  });

  it('makes only weekends working days, and no date twice', () => {
    const rows = stateCouncilRows();
    expect(rows.filter((r) => r.kind === 'workday' && ![0, 6].includes(weekdayOf(r.date)))).toEqual([]);
    expect(new Set(rows.map((r) => r.date)).size).toBe(rows.length);
  });
});
