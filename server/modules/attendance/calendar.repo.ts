import { and, asc, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { calendarDays, regionalHolidays, regions } from '../../db/schema';

/** Queries of the holiday calendar; no rules here. */

export type CalendarDayRow = typeof calendarDays.$inferSelect;

export async function exceptionsBetween(db: Executor, from: string, to: string): Promise<CalendarDayRow[]> {
  return db
    .select()
    .from(calendarDays)
    .where(and(gte(calendarDays.date, from), lte(calendarDays.date, to)))
    .orderBy(asc(calendarDays.date));
}

export async function exceptionOn(db: Executor, date: string): Promise<CalendarDayRow | undefined> {
  const [row] = await db.select().from(calendarDays).where(eq(calendarDays.date, date));
  return row;
}

/** Insert or replace the exception of a day; the row is the office's own from now on. */
export async function upsertException(
  db: Executor,
  row: { date: string; kind: 'holiday' | 'workday'; name: string; updatedBy: string; updatedAt: Date },
): Promise<void> {
  await db
    .insert(calendarDays)
    .values({ ...row, source: 'manual' })
    .onConflictDoUpdate({
      target: calendarDays.date,
      set: {
        kind: row.kind,
        name: row.name,
        source: 'manual',
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt,
      },
    });
}

export async function deleteException(db: Executor, date: string): Promise<CalendarDayRow | undefined> {
  const [row] = await db.delete(calendarDays).where(eq(calendarDays.date, date)).returning();
  return row;
}

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  path: string;
}

export async function region(db: Executor, code: string): Promise<RegionRow | undefined> {
  const [row] = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      path: regions.path,
    })
    .from(regions)
    .where(eq(regions.code, code));
  return row;
}

export type RegionalHolidayRow = typeof regionalHolidays.$inferSelect & { regionName: string };

export async function regionalHolidaysWhere(
  db: Executor,
  filter: { from?: string; to?: string; regionCode?: string; ids?: string[] },
): Promise<RegionalHolidayRow[]> {
  const where: SQL[] = [];
  if (filter.from) where.push(gte(regionalHolidays.date, filter.from));
  if (filter.to) where.push(lte(regionalHolidays.date, filter.to));
  if (filter.regionCode) where.push(eq(regionalHolidays.regionCode, filter.regionCode));
  if (filter.ids?.length) where.push(inArray(regionalHolidays.id, filter.ids));
  const rows = await db
    .select({ holiday: regionalHolidays, regionName: regions.name })
    .from(regionalHolidays)
    .innerJoin(regions, eq(regions.code, regionalHolidays.regionCode))
    .where(and(...where))
    .orderBy(asc(regionalHolidays.date), asc(regionalHolidays.regionCode));
  return rows.map((r) => ({ ...r.holiday, regionName: r.regionName }));
}

/** Inserts the days not yet set for the prefecture; returns the ids of those inserted. */
export async function insertRegionalHolidays(
  db: Executor,
  rows: { regionCode: string; date: string; name: string; createdBy: string; createdAt: Date }[],
): Promise<string[]> {
  const inserted = await db
    .insert(regionalHolidays)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: regionalHolidays.id });
  return inserted.map((r) => r.id);
}

export async function deleteRegionalHoliday(
  db: Executor,
  id: string,
): Promise<RegionalHolidayRow | undefined> {
  const [found] = await regionalHolidaysWhere(db, { ids: [id] });
  if (!found) return undefined;
  await db.delete(regionalHolidays).where(eq(regionalHolidays.id, id));
  return found;
}

/**
 * Mark for recomputation every computed attendance day on `dates` — of everyone, or, with
 * `prefecturePath`, of dispatches whose recipient lies in that prefecture.
 */
export async function markDaysDirty(db: Executor, dates: string[], prefecturePath?: string): Promise<void> {
  if (!dates.length) return;
  const onDates = sql.join(
    dates.map((d) => sql`${d}::date`),
    sql`, `,
  );
  await db.execute(
    prefecturePath
      ? sql`
        insert into attendance_dirty (staff_id, date)
        select ad.staff_id, ad.date from attendance_days ad
          join dispatches d on d.id = ad.dispatch_id
          join institutions i on i.id = d.recipient_institution_id
          join regions r on r.code = i.region_code
        where ad.date in (${onDates}) and r.path like ${`${prefecturePath}%`}
        on conflict do nothing`
      : sql`
        insert into attendance_dirty (staff_id, date)
        select staff_id, date from attendance_days where date in (${onDates})
        on conflict do nothing`,
  );
}
