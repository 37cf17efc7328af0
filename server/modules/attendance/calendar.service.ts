import {
  type CalendarDayDto,
  type CalendarRegionDto,
  type CalendarYearDto,
  type CreateRegionalHolidayBody,
  MAX_REGIONAL_SPAN_DAYS,
  type RegionalHolidayDto,
  type RegionalHolidayQuery,
  type SetCalendarDayBody,
} from '../../../shared/contracts/calendar';
import type { Executor } from '../../db/client';
import { audit } from '../../platform/audit';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, notFound } from '../../platform/errors';
import * as repo from './calendar.repo';
import {
  type CalendarException,
  datesBetween,
  dayInfo,
  type RegionalHolidayDay,
  type WorkCalendar,
  weekdayOf,
} from './calendar.rules';

/**
 * 节假日日历 (issue 7): the State Council calendar and the prefectures' regional holidays,
 * stored as data, edited by the province office; every edit marks the computed attendance
 * days it touches for recomputation.
 */

function workCalendarOf(
  exceptions: readonly repo.CalendarDayRow[],
  regional: readonly { regionCode: string; date: string; name: string }[],
): WorkCalendar {
  const byDate = new Map<string, RegionalHolidayDay[]>();
  for (const r of regional) {
    const list = byDate.get(r.date) ?? [];
    list.push({ regionCode: r.regionCode, date: r.date, name: r.name });
    byDate.set(r.date, list);
  }
  return {
    exceptions: new Map<string, CalendarException>(
      exceptions.map((e) => [e.date, { date: e.date, kind: e.kind, name: e.name }]),
    ),
    regional: byDate,
  };
}

/**
 * Load the calendar (State Council exceptions and every prefecture's regional holidays) for
 * `from`–`to` inclusive, for the pure functions of calendar.rules.ts.
 */
export async function loadWorkCalendar(db: Executor, from: string, to: string): Promise<WorkCalendar> {
  const [exceptions, regional] = await Promise.all([
    repo.exceptionsBetween(db, from, to),
    repo.regionalHolidaysWhere(db, { from, to }),
  ]);
  return workCalendarOf(exceptions, regional);
}

// ─── regions ───

const LEVEL_LABELS: Record<string, string> = {
  nation: '全国',
  province: '省级行政区',
  prefecture: '市（州）',
  county: '县（市、区）',
};

async function knownRegion(db: Executor, code: string): Promise<repo.RegionRow> {
  const found = await repo.region(db, code);
  if (!found) throw new AppError(400, 'UNKNOWN_REGION', `行政区划代码 ${code} 不存在`);
  return found;
}

/** The prefecture whose regional holidays apply in a prefecture or county. */
async function prefectureOf(
  db: Executor,
  code: string,
): Promise<{ region: repo.RegionRow; prefecture: repo.RegionRow }> {
  const region = await knownRegion(db, code);
  if (region.level === 'prefecture') return { region, prefecture: region };
  const parent =
    region.level === 'county' && region.parentCode ? await repo.region(db, region.parentCode) : undefined;
  if (parent?.level !== 'prefecture')
    throw new AppError(
      400,
      'NOT_PREFECTURE',
      `${region.name}是${LEVEL_LABELS[region.level] ?? '行政区划'}，地方性节假日按市（州）设置，请选择市（州）或其所辖县（市、区）`,
    );
  return { region, prefecture: parent };
}

// ─── the year view ───

function dayDto(
  cal: WorkCalendar,
  sources: ReadonlyMap<string, 'seed' | 'manual'>,
  date: string,
  prefecture: string | null,
): CalendarDayDto {
  const info = dayInfo(cal, date, prefecture);
  return {
    date,
    isWorkingDay: info.working,
    kind: info.kind,
    name: info.name,
    source: sources.get(date) ?? null,
  };
}

const sourceOf = (source: string): 'seed' | 'manual' => (source === 'manual' ? 'manual' : 'seed');

export async function calendarYear(ctx: Ctx, year: number, regionCode?: string): Promise<CalendarYearDto> {
  const db = ctx.db;
  const resolved = regionCode ? await prefectureOf(db, regionCode) : null;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [exceptions, regional] = await Promise.all([
    repo.exceptionsBetween(db, from, to),
    resolved ? repo.regionalHolidaysWhere(db, { from, to, regionCode: resolved.prefecture.code }) : [],
  ]);
  const cal = workCalendarOf(exceptions, regional);
  const sources = new Map(exceptions.map((e) => [e.date, sourceOf(e.source)]));
  const region: CalendarRegionDto | null = resolved && {
    code: resolved.region.code,
    name: resolved.region.name,
    prefectureCode: resolved.prefecture.code,
    prefectureName: resolved.prefecture.name,
  };
  return {
    year,
    region,
    days: datesBetween(from, to).map((d) => dayDto(cal, sources, d, resolved?.prefecture.code ?? null)),
  };
}

// ─── State Council exceptions ───

async function plainDay(db: Executor, date: string): Promise<CalendarDayDto> {
  const exceptions = await repo.exceptionsBetween(db, date, date);
  const sources = new Map(exceptions.map((e) => [e.date, sourceOf(e.source)]));
  return dayDto(workCalendarOf(exceptions, []), sources, date, null);
}

/** Set a day's State Council exception (the office's own from now on: `manual`). */
export async function setCalendarDay(
  ctx: Ctx,
  date: string,
  body: SetCalendarDayBody,
): Promise<CalendarDayDto> {
  const user = requireUser(ctx);
  if (body.kind === 'workday' && ![0, 6].includes(weekdayOf(date)))
    throw new AppError(
      400,
      'NOT_WEEKEND',
      `${date} 是周一至周五，本来就是工作日；调休上班只能设在周六或周日`,
    );
  return ctx.db.transaction(async (tx) => {
    const before = await repo.exceptionOn(tx, date);
    await repo.upsertException(tx, {
      date,
      kind: body.kind,
      name: body.name,
      updatedBy: user.id,
      updatedAt: ctx.clock.now(),
    });
    await audit(
      ctx,
      'calendar.day.set',
      {
        objectType: 'calendar_day',
        objectId: date,
        details: {
          date,
          kind: body.kind,
          name: body.name,
          before: before ? { kind: before.kind, name: before.name, source: before.source } : null,
        },
      },
      tx,
    );
    await repo.markDaysDirty(tx, [date]);
    return plainDay(tx, date);
  });
}

/** Remove a day's exception: it goes back to the plain rule (Monday–Friday work, weekends rest). */
export async function clearCalendarDay(ctx: Ctx, date: string): Promise<CalendarDayDto> {
  requireUser(ctx);
  return ctx.db.transaction(async (tx) => {
    const removed = await repo.deleteException(tx, date);
    if (!removed) throw notFound(`${date} 没有节假日或调休上班设置`);
    await audit(
      ctx,
      'calendar.day.clear',
      {
        objectType: 'calendar_day',
        objectId: date,
        details: { date, before: { kind: removed.kind, name: removed.name, source: removed.source } },
      },
      tx,
    );
    await repo.markDaysDirty(tx, [date]);
    return plainDay(tx, date);
  });
}

// ─── regional holidays ───

function regionalDto(r: repo.RegionalHolidayRow): RegionalHolidayDto {
  return {
    id: r.id,
    regionCode: r.regionCode,
    regionName: r.regionName,
    date: r.date,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listRegionalHolidays(ctx: Ctx, q: RegionalHolidayQuery) {
  const prefecture = q.region ? (await prefectureOf(ctx.db, q.region)).prefecture.code : undefined;
  const rows = await repo.regionalHolidaysWhere(ctx.db, {
    ...(q.year ? { from: `${q.year}-01-01`, to: `${q.year}-12-31` } : {}),
    regionCode: prefecture,
  });
  return { items: rows.map(regionalDto), total: rows.length };
}

/** Add a prefecture's holiday on one day or each day of a span; a day already set is refused. */
export async function addRegionalHoliday(
  ctx: Ctx,
  body: CreateRegionalHolidayBody,
): Promise<RegionalHolidayDto[]> {
  const user = requireUser(ctx);
  const dates = datesBetween(body.date, body.to ?? body.date);
  if (dates.length > MAX_REGIONAL_SPAN_DAYS)
    throw new AppError(400, 'SPAN_TOO_LONG', `一次最多设置 ${MAX_REGIONAL_SPAN_DAYS} 天，请分段添加`);
  return ctx.db.transaction(async (tx) => {
    const region = await knownRegion(tx, body.regionCode);
    if (region.level !== 'prefecture')
      throw new AppError(
        400,
        'NOT_PREFECTURE',
        `地方性节假日按市（州）设置，${region.name}是${LEVEL_LABELS[region.level] ?? '行政区划'}，请选择所属市（州）`,
      );
    const taken = await repo.regionalHolidaysWhere(tx, {
      from: dates[0],
      to: dates.at(-1),
      regionCode: region.code,
    });
    if (taken.length)
      throw conflict(
        `${region.name}在 ${taken.map((t) => `${t.date}（${t.name}）`).join('、')} 已设有地方性节假日`,
        { dates: taken.map((t) => t.date) },
      );
    const now = ctx.clock.now();
    const ids = await repo.insertRegionalHolidays(
      tx,
      dates.map((date) => ({
        regionCode: region.code,
        date,
        name: body.name,
        createdBy: user.id,
        createdAt: now,
      })),
    );
    await audit(
      ctx,
      'calendar.regional.add',
      {
        objectType: 'regional_holiday',
        objectId: ids[0] ?? null,
        details: { region: region.name, regionCode: region.code, name: body.name, dates, ids },
      },
      tx,
    );
    await repo.markDaysDirty(tx, dates, region.path);
    return (await repo.regionalHolidaysWhere(tx, { ids })).map(regionalDto);
  });
}

export async function deleteRegionalHoliday(ctx: Ctx, id: string): Promise<RegionalHolidayDto> {
  requireUser(ctx);
  return ctx.db.transaction(async (tx) => {
    const removed = await repo.deleteRegionalHoliday(tx, id);
    if (!removed) throw notFound('该地方性节假日不存在或已删除');
    await audit(
      ctx,
      'calendar.regional.delete',
      {
        objectType: 'regional_holiday',
        objectId: id,
        details: {
          region: removed.regionName,
          regionCode: removed.regionCode,
          date: removed.date,
          name: removed.name,
        },
      },
      tx,
    );
    const region = await repo.region(tx, removed.regionCode);
    await repo.markDaysDirty(tx, [removed.date], region?.path);
    return regionalDto(removed);
  });
}
