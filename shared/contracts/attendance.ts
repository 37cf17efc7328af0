import { z } from 'zod';
import { DAY_STATUSES, JUSTIFICATION_CAUSES, JUSTIFICATION_STATUSES } from '../attendance-vocabulary';
import { IsoDate, PageQuery, reasonText } from './common';
import { ViolationDto } from './pairing';

/**
 * Daily status, presence rules (P06, P07), justifications and the on-duty board (issue 7).
 * Every day carries its reason: which rule, which punches, which approval.
 */

export const DayReasonDto = z.object({
  /** one Chinese sentence, e.g. `08:52 在昭觉县人民医院围栏内打卡（距中心 120 米）` */
  text: z.string(),
  rule: z.enum(['P06', 'P07']).nullable(),
  checkinIds: z.array(z.uuid()),
  /** the approved leave / trip / compensatory rest, or 补卡 */
  requestId: z.uuid().nullable(),
  /** the statutory or regional holiday, or the make-up working day */
  holiday: z.string().nullable(),
});
export type DayReasonDto = z.infer<typeof DayReasonDto>;

export const DailyStatusDto = z.object({
  date: z.string(),
  dispatchId: z.uuid(),
  staffId: z.uuid(),
  status: z.enum(DAY_STATUSES),
  workingDay: z.boolean(),
  reason: DayReasonDto,
  policyVersion: z.number().int().nullable(),
});
export type DailyStatusDto = z.infer<typeof DailyStatusDto>;

/** One row per day of the range that lies in one of the person's approved dispatches. */
export const DailyQuery = z.strictObject({
  staffId: z.uuid({ error: '请选择人员' }),
  from: IsoDate,
  to: IsoDate,
});

/** A calendar month of a dispatch under P07: on-site days against the (pro-rated) minimum. */
export const PresenceMonthDto = z.object({
  month: z.string(),
  /** days of the month inside the dispatch */
  coveredDays: z.number().int(),
  required: z.number().int(),
  onSiteDays: z.number().int(),
  /** P07 off-site month: remote guidance logged (issue 10); null until activity logs exist */
  remoteGuidance: z.boolean().nullable(),
  met: z.boolean(),
});

export const JustificationDto = z.object({
  id: z.uuid(),
  dispatchId: z.uuid(),
  staffId: z.uuid(),
  staffName: z.string(),
  rule: z.enum(['P06', 'P07']),
  fromDate: z.string(),
  toDate: z.string(),
  cause: z.enum(JUSTIFICATION_CAUSES),
  text: z.string(),
  status: z.enum(JUSTIFICATION_STATUSES),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewComment: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type JustificationDto = z.infer<typeof JustificationDto>;

/** The presence judgement of one dispatch, as of today (or the dispatch's end). */
export const PresenceDto = z.object({
  dispatchId: z.uuid(),
  staffId: z.uuid(),
  /** fixed by the title at approval (P06 中级 and below, P07 副高+) */
  rule: z.enum(['P06', 'P07']),
  policyVersion: z.number().int(),
  from: z.string(),
  to: z.string(),
  counts: z.record(z.enum(DAY_STATUSES), z.number().int()),
  /** P06: required days (working days minus approved leave, trips, compensatory rest) */
  requiredDays: z.number().int(),
  onSiteRequiredDays: z.number().int(),
  /** P06: on-site required days ÷ required days, 0–100 with two decimals; null with no required day */
  attendanceRatePct: z.number().nullable(),
  /** P06: required days without an on-site day (擅自离岗) */
  absentDates: z.array(z.string()),
  /** P07 */
  months: z.array(PresenceMonthDto),
  onSiteDays: z.number().int(),
  minTotalDays: z.number().int().nullable(),
  violations: z.array(ViolationDto),
  justifications: z.array(JustificationDto),
});
export type PresenceDto = z.infer<typeof PresenceDto>;

export const PresenceQuery = z.strictObject({ dispatchId: z.uuid() });

export const CreateJustificationBody = z.strictObject({
  dispatchId: z.uuid(),
  rule: z.enum(['P06', 'P07']),
  fromDate: IsoDate,
  toDate: IsoDate,
  cause: z.enum(JUSTIFICATION_CAUSES, { error: '请选择原因类别' }),
  text: reasonText('情况说明'),
  attachments: z.array(z.uuid()).max(5).optional(),
});

export const ReviewJustificationBody = z.strictObject({
  decision: z.enum(['accepted', 'rejected']),
  comment: z.string().trim().max(500).optional(),
  version: z.number().int().min(1),
});

export const JustificationListQuery = PageQuery.extend({
  dispatchId: z.uuid().optional(),
  status: z.enum(JUSTIFICATION_STATUSES).optional(),
}).strict();

/** One dispatched person on the on-duty board (今日在岗). */
export const BoardRowDto = z.object({
  dispatchId: z.uuid(),
  staff: z.object({ id: z.uuid(), name: z.string(), title: z.string() }),
  home: z.object({ id: z.uuid(), name: z.string() }),
  recipient: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  rule: z.enum(['P06', 'P07']).nullable(),
  status: z.enum(DAY_STATUSES),
  reason: DayReasonDto,
  /** the first punch of the day (HH:mm), if any */
  firstPunch: z.string().nullable(),
  /** no on-site punch by the board's hour on a working day, and not excused */
  missing: z.boolean(),
});
export type BoardRowDto = z.infer<typeof BoardRowDto>;

export const BoardQuery = PageQuery.extend({
  /** default today (Asia/Shanghai) */
  date: IsoDate.optional(),
  /** 市(州) or 县 code */
  region: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  recipientInstitutionId: z.uuid().optional(),
  /** "has not checked in by" this hour, HH:mm; default 10:00 */
  by: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm')
    .optional(),
  /** only those missing by the hour */
  missing: z.stringbool().optional(),
}).strict();

export const BoardDto = z.object({
  date: z.string(),
  by: z.string(),
  totals: z.object({
    dispatched: z.number().int(),
    onSite: z.number().int(),
    excused: z.number().int(),
    missing: z.number().int(),
  }),
  items: z.array(BoardRowDto),
  total: z.number().int(),
});
export type BoardDto = z.infer<typeof BoardDto>;
