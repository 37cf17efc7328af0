import { createRequire } from 'node:module';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { calendarDays, regionalHolidays } from '../db/schema';
import { testDatabase } from '../test/db';
import {
  ABA,
  CALENDAR_YEARS,
  GANZI,
  LIANGSHAN,
  officialHolidayName,
  regionalHolidayRows,
  seedCalendar,
  stateCouncilRows,
} from './calendar-cn';

const require = createRequire(import.meta.url);
const chineseDays: Record<
  'holidays' | 'workdays',
  Record<string, string>
> = require('chinese-days/dist/chinese-days.json');

const inYears = (date: string) =>
  date >= `${CALENDAR_YEARS.first}-01-01` && date <= `${CALENDAR_YEARS.last}-12-31`;
const shipped = new Map(stateCouncilRows().map((r) => [r.date, r]));

describe('the State Council calendar 2017–2026', () => {
  it('is exactly what chinese-days says, day by day', () => {
    const fromSource = [
      ...Object.entries(chineseDays.holidays).map(([date, v]) => ({
        date,
        kind: 'holiday',
        name: officialHolidayName(v),
      })),
      ...Object.entries(chineseDays.workdays).map(([date, v]) => ({
        date,
        kind: 'workday',
        name: officialHolidayName(v),
      })),
    ]
      .filter((r) => inYears(r.date))
      .sort((a, b) => a.date.localeCompare(b.date));
    expect(stateCouncilRows()).toEqual(fromSource);
    expect(fromSource.length).toBeGreaterThan(300);
  });

  it('chinese-days has every year through 2026 (the 2026 calendar published in November 2025)', () => {
    for (let y = CALENDAR_YEARS.first; y <= CALENDAR_YEARS.last; y++)
      expect(
        Object.keys(chineseDays.holidays).some((d) => d.startsWith(`${y}-`)),
        String(y),
      ).toBe(true);
  });

  // Known days, written by hand from the State Council notices.
  it.each<[string, string | undefined, string | undefined]>([
    ['2024-02-04', 'workday', '春节'], // Sunday before 春节 2024
    ['2024-02-09', undefined, undefined], // 除夕 2024 was an ordinary working Friday
    ['2024-02-10', 'holiday', '春节'],
    ['2024-02-17', 'holiday', '春节'],
    ['2024-02-18', 'workday', '春节'],
    ...['01', '02', '03', '04', '05', '06', '07'].map((d): [string, string, string] => [
      `2024-10-${d}`,
      'holiday',
      '国庆节',
    ]),
    ['2024-10-12', 'workday', '国庆节'],
    ['2026-01-01', 'holiday', '元旦'],
    ['2026-01-04', 'workday', '元旦'], // Sunday
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d): [string, string, string] => [
      `2026-02-${d}`,
      'holiday',
      '春节',
    ]),
    ['2026-02-14', 'workday', '春节'], // Saturday
    ['2026-02-28', 'workday', '春节'], // Saturday
    ['2026-02-24', undefined, undefined],
    ['2020-01-31', 'holiday', '春节'], // the 2020 extension
    ['2023-09-29', 'holiday', '中秋节'],
  ])('%s is %s', (date, kind, name) => {
    const row = shipped.get(date);
    expect(row?.kind).toBe(kind);
    expect(row?.name).toBe(name);
  });
});

describe('regional holidays (示例)', () => {
  const rows = regionalHolidayRows();
  it('gives 凉山 彝族年 on 20–22 November and 甘孜, 阿坝 three days of 藏历年 each year', () => {
    expect(
      rows.filter((r) => r.regionCode === LIANGSHAN && r.date.startsWith('2025')).map((r) => r.date),
    ).toEqual(['2025-11-20', '2025-11-21', '2025-11-22']);
    for (const code of [GANZI, ABA])
      expect(
        rows.filter((r) => r.regionCode === code && r.date.startsWith('2026')).map((r) => r.date),
      ).toEqual(['2026-02-18', '2026-02-19', '2026-02-20']);
    expect(rows.filter((r) => r.regionCode === GANZI && r.date.startsWith('2024'))[0]?.date).toBe(
      '2024-02-10',
    );
    expect(rows.filter((r) => r.regionCode === ABA && r.date.startsWith('2025'))[0]?.date).toBe('2025-02-28');
    expect(rows).toHaveLength(10 * 3 * 3);
  });
});

describe('seedCalendar', () => {
  let database: Database;
  beforeAll(async () => {
    database = (await testDatabase()).database;
  });

  const seedCount = async () =>
    (await database.db.select({ n: count() }).from(calendarDays).where(eq(calendarDays.source, 'seed')))[0]!
      .n;

  it('was loaded with the reference data, every day of it', async () => {
    expect(await seedCount()).toBe(stateCouncilRows().length);
    const [regional] = await database.db.select({ n: count() }).from(regionalHolidays);
    expect(regional!.n).toBe(regionalHolidayRows().length);
  });

  it('adds nothing on the next start, and does not bring back a day the office removed', async () => {
    await database.db.delete(calendarDays).where(eq(calendarDays.date, '2024-10-07'));
    await database.db
      .update(calendarDays)
      .set({ source: 'manual', name: '国庆节（调整）' })
      .where(eq(calendarDays.date, '2024-10-06'));
    expect(await seedCalendar(database.db)).toEqual({ days: 0, regional: 0 });
    expect(await database.db.select().from(calendarDays).where(eq(calendarDays.date, '2024-10-07'))).toEqual(
      [],
    );
    const [kept] = await database.db.select().from(calendarDays).where(eq(calendarDays.date, '2024-10-06'));
    expect(kept?.name).toBe('国庆节（调整）');
  });

  it('loads a year that has no shipped rows yet', async () => {
    await database.db.delete(calendarDays).where(eq(calendarDays.source, 'seed'));
    const result = await seedCalendar(database.db);
    // every shipped day is back except 2024-10-06, which the office made its own
    expect(result.days).toBe(stateCouncilRows().length - 1);
    expect(result.regional).toBe(0);
    const [kept] = await database.db.select().from(calendarDays).where(eq(calendarDays.date, '2024-10-06'));
    expect(kept).toMatchObject({ source: 'manual', name: '国庆节（调整）' });
  });
});
