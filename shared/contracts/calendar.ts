import { z } from 'zod';
import { IsoDate } from './common';

/**
 * 节假日日历: the State Council calendar (statutory holidays and 调休上班 days) and the
 * prefectures' own holidays (彝族年, 藏历年). DOMAIN "Working day".
 */

/** What a day is: a plain weekday or weekend, a State Council exception, or a prefecture's holiday. */
export const CALENDAR_DAY_KINDS = ['weekday', 'weekend', 'holiday', 'workday', 'regional_holiday'] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];
export const CALENDAR_DAY_KIND_LABELS: Record<CalendarDayKind, string> = {
  weekday: '工作日',
  weekend: '休息日',
  holiday: '法定节假日',
  workday: '调休上班',
  regional_holiday: '地方性节假日',
};

/** The exceptions the province office sets on the State Council calendar. */
export const CALENDAR_EXCEPTION_KINDS = ['holiday', 'workday'] as const;
export const CALENDAR_SOURCES = ['seed', 'manual'] as const;
export const CALENDAR_SOURCE_LABELS: Record<(typeof CALENDAR_SOURCES)[number], string> = {
  seed: '国务院办公厅通知',
  manual: '省对口支援办调整',
};

export const RegionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');

export const CalendarYearParams = z.object({
  year: z.coerce
    .number({ error: '年份应为数字' })
    .int('年份应为整数')
    .min(2000, '年份应在 2000 至 2100 之间')
    .max(2100, '年份应在 2000 至 2100 之间'),
});

/** `region`: a prefecture or county code; its prefecture's regional holidays apply. */
export const CalendarYearQuery = z.object({ region: RegionCode.optional() });
export type CalendarYearQuery = z.infer<typeof CalendarYearQuery>;

export const CalendarDayDto = z.object({
  date: z.string(),
  isWorkingDay: z.boolean(),
  kind: z.enum(CALENDAR_DAY_KINDS),
  /** the holiday's name; a make-up day names the holiday it makes up for */
  name: z.string().nullable(),
  /** where the day's State Council exception comes from (null: none stored) */
  source: z.enum(CALENDAR_SOURCES).nullable(),
});
export type CalendarDayDto = z.infer<typeof CalendarDayDto>;

export const CalendarRegionDto = z.object({
  code: z.string(),
  name: z.string(),
  /** the prefecture whose regional holidays apply */
  prefectureCode: z.string(),
  prefectureName: z.string(),
});
export type CalendarRegionDto = z.infer<typeof CalendarRegionDto>;

export const CalendarYearDto = z.object({
  year: z.number().int(),
  /** the region asked for (null: no regional holidays applied) */
  region: CalendarRegionDto.nullable(),
  /** every day of the year, in order */
  days: z.array(CalendarDayDto),
});
export type CalendarYearDto = z.infer<typeof CalendarYearDto>;

export const CalendarDateParams = z.object({ date: IsoDate });

/** Set a State Council exception on a day (source `manual`). */
export const SetCalendarDayBody = z.strictObject({
  kind: z.enum(CALENDAR_EXCEPTION_KINDS, { error: '请选择法定节假日或调休上班' }),
  name: z.string().trim().min(1, '请填写节日名称').max(50, '节日名称不能超过 50 个字'),
});
export type SetCalendarDayBody = z.infer<typeof SetCalendarDayBody>;

export const RegionalHolidayDto = z.object({
  id: z.uuid(),
  regionCode: z.string(),
  regionName: z.string(),
  date: z.string(),
  name: z.string(),
  createdAt: z.string(),
});
export type RegionalHolidayDto = z.infer<typeof RegionalHolidayDto>;

export const RegionalHolidayQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** a prefecture, or a county (its prefecture's holidays) */
  region: RegionCode.optional(),
});
export type RegionalHolidayQuery = z.infer<typeof RegionalHolidayQuery>;

/** The longest span one request adds (藏历年 and 彝族年 are 3–7 days). */
export const MAX_REGIONAL_SPAN_DAYS = 15;

/** A prefecture's holiday on `date`, or on every day from `date` to `to`. */
export const CreateRegionalHolidayBody = z
  .strictObject({
    regionCode: RegionCode,
    date: IsoDate,
    to: IsoDate.optional(),
    name: z.string().trim().min(1, '请填写节日名称').max(50, '节日名称不能超过 50 个字'),
  })
  .refine((b) => !b.to || b.to >= b.date, { message: '结束日期不能早于开始日期', path: ['to'] });
export type CreateRegionalHolidayBody = z.infer<typeof CreateRegionalHolidayBody>;
