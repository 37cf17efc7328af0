/**
 * The one working-day function (DOMAIN "Working day"): Monday–Friday that are not statutory
 * holidays, plus the weekend make-up days (调休上班), minus the regional holidays of the
 * recipient institution's prefecture (彝族年, 藏历年). Pure: the calendar is passed in.
 */

export interface CalendarException {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
}

export interface RegionalHolidayDay {
  /** the prefecture (市/州) code */
  regionCode: string;
  date: string;
  name: string;
}

/** The calendar over a range, as loaded by `calendar.service.loadWorkCalendar`. */
export interface WorkCalendar {
  /** State Council exceptions by date */
  exceptions: ReadonlyMap<string, CalendarException>;
  /** regional holidays by date */
  regional: ReadonlyMap<string, readonly RegionalHolidayDay[]>;
}

export type DayKind = 'weekday' | 'weekend' | 'holiday' | 'workday' | 'regional_holiday';

export interface DayInfo {
  working: boolean;
  kind: DayKind;
  /** the holiday's name, or the holiday a make-up day belongs to */
  name: string | null;
}

/** Day of week of a `YYYY-MM-DD` date, 0 = Sunday (no time zone involved). */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/**
 * What a date is for an institution in `prefectureCode` (null: no regional holidays apply).
 * A regional holiday on a make-up working day still rests: the prefecture's own holiday wins.
 */
export function dayInfo(cal: WorkCalendar, date: string, prefectureCode: string | null): DayInfo {
  const regional = prefectureCode
    ? cal.regional.get(date)?.find((r) => r.regionCode === prefectureCode)
    : undefined;
  const exception = cal.exceptions.get(date);
  const weekend = [0, 6].includes(weekdayOf(date));
  if (exception?.kind === 'holiday') return { working: false, kind: 'holiday', name: exception.name };
  if (regional) return { working: false, kind: 'regional_holiday', name: regional.name };
  if (exception?.kind === 'workday') return { working: true, kind: 'workday', name: exception.name };
  return weekend
    ? { working: false, kind: 'weekend', name: null }
    : { working: true, kind: 'weekday', name: null };
}

export const isWorkingDay = (cal: WorkCalendar, date: string, prefectureCode: string | null): boolean =>
  dayInfo(cal, date, prefectureCode).working;

/** Every date from `from` to `to` inclusive (`YYYY-MM-DD`). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`);
    t <= end;
    t += 86_400_000
  )
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** Working days from `from` to `to` inclusive. */
export const workingDaysBetween = (
  cal: WorkCalendar,
  from: string,
  to: string,
  prefectureCode: string | null,
): string[] => datesBetween(from, to).filter((d) => isWorkingDay(cal, d, prefectureCode));
