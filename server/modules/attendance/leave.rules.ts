import {
  LEAVE_KIND_LABELS,
  type LeaveKind,
  REQUEST_STATUS_LABELS,
  type RequestStatus,
} from '../../../shared/attendance-vocabulary';

/**
 * Rules of leave, trips, compensatory rest and 补卡 (issue 7 item 4). Pure: the dispatches,
 * the person's other requests, the pack's P23 parameters and "now" are arguments. Each check
 * returns the refusal (a stable code, the Chinese message, the inputs) or null; the service
 * decides the HTTP status.
 */

export interface Refusal {
  code: string;
  message: string;
  rule?: 'P23';
  inputs: Record<string, unknown>;
}

export interface DateRange {
  from: string;
  to: string;
}

/** Both ranges share a day (dates inclusive, `YYYY-MM-DD` compares as text). */
export const overlaps = (a: DateRange, b: DateRange): boolean => a.from <= b.to && b.from <= a.to;

/** Calendar days from `from` to `to`, both included. */
export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The requests that hold their days: a returned one may come back, so it holds them too. */
export const HOLDING_STATUSES: readonly RequestStatus[] = ['pending', 'returned', 'approved'];

/** A dispatch of the person in force (approved or on duty), with its planned period. */
export interface DispatchPeriod {
  id: string;
  plannedStart: string;
  plannedEnd: string;
  recipientName: string;
}

/**
 * The dispatch whose planned period holds every day of the range: a request is filed for the
 * days of one stay. Refused when the person has no dispatch in force, or the days lie
 * (partly) outside it.
 */
export function dispatchFor(
  dispatches: readonly DispatchPeriod[],
  range: DateRange,
  what: string,
): DispatchPeriod | Refusal {
  const holding = dispatches.find((d) => d.plannedStart <= range.from && range.to <= d.plannedEnd);
  if (holding) return holding;
  if (!dispatches.length)
    return {
      code: 'NO_DISPATCH',
      message: `您目前没有已批准的派驻任务，不能申请${what}`,
      inputs: { ...range },
    };
  const periods = dispatches.map((d) => `${d.recipientName} ${d.plannedStart} 至 ${d.plannedEnd}`).join('；');
  return {
    code: 'OUTSIDE_DISPATCH',
    message: `${what}日期应在派驻期内（${periods}）`,
    inputs: { ...range, dispatches: dispatches.map((d) => [d.plannedStart, d.plannedEnd]) },
  };
}

export interface ExistingLeave {
  id: string;
  kind: LeaveKind;
  startDate: string;
  endDate: string;
  status: RequestStatus;
}

/** A new request may not share a day with one of the same person's pending, returned or approved requests. */
export function leaveOverlap(range: DateRange, existing: readonly ExistingLeave[]): Refusal | null {
  const clash = existing.find(
    (e) => HOLDING_STATUSES.includes(e.status) && overlaps(range, { from: e.startDate, to: e.endDate }),
  );
  if (!clash) return null;
  return {
    code: 'LEAVE_OVERLAP',
    message: `与已提交的${LEAVE_KIND_LABELS[clash.kind]}（${clash.startDate} 至 ${clash.endDate}，${REQUEST_STATUS_LABELS[clash.status]}）日期重叠，请先撤回或调整`,
    inputs: { ...range, requestId: clash.id },
  };
}

// ─── 补卡 (P23) ───

/** P23's 补卡 parameters, from the programme's pack in force on the corrected day. */
export interface CorrectionPolicy {
  correctionsPerMonth: number;
  correctionDeadlineDays: number;
}

/** `date` plus `days` (negative: before), as a `YYYY-MM-DD` date. */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * P23 deadline: a 补卡 is for a punch missed on one of the last `correctionDeadlineDays`
 * days (today included), at a time already past; never for the future.
 */
export function checkCorrectionTime(
  policy: CorrectionPolicy,
  punch: { date: string; time: string },
  now: { date: string; time: string },
): Refusal | null {
  if (punch.date > now.date || (punch.date === now.date && punch.time > now.time))
    return {
      code: 'CORRECTION_IN_FUTURE',
      message: '补卡时间不能晚于现在',
      inputs: { ...punch, now },
    };
  const earliest = shiftDate(now.date, -policy.correctionDeadlineDays);
  if (punch.date < earliest)
    return {
      code: 'CORRECTION_TOO_LATE',
      rule: 'P23',
      message: `已超过补卡期限：只能为 ${policy.correctionDeadlineDays} 天内（${earliest} 及以后）漏打的卡申请补卡（P23）`,
      inputs: { date: punch.date, earliest, deadlineDays: policy.correctionDeadlineDays },
    };
  return null;
}

/** The calendar month `YYYY-MM` of a date. */
export const monthOf = (date: string): string => date.slice(0, 7);

/**
 * P23 monthly limit: with `used` pending and approved 补卡 already in the corrected day's
 * calendar month, one more must not exceed `correctionsPerMonth`.
 */
export function checkCorrectionQuota(policy: CorrectionPolicy, date: string, used: number): Refusal | null {
  if (used + 1 <= policy.correctionsPerMonth) return null;
  const [y, m] = monthOf(date).split('-');
  return {
    code: 'CORRECTION_LIMIT',
    rule: 'P23',
    message: `${y}年${Number(m)}月已申请补卡 ${used} 次，达到每月 ${policy.correctionsPerMonth} 次的上限（P23），不能再申请`,
    inputs: { month: monthOf(date), used, perMonth: policy.correctionsPerMonth },
  };
}

/** The instant of a 补卡: its date and time in Asia/Shanghai (UTC+8, no daylight saving). */
export const correctionInstant = (date: string, time: string): Date => new Date(`${date}T${time}:00+08:00`);

/** The workflow title, e.g. `王建华 请假（事假）2026-03-05—2026-03-06`. */
export function leaveTitle(input: {
  staffName: string;
  kind: LeaveKind;
  leaveTypeLabel: string | null;
  destination: string | null;
  startDate: string;
  endDate: string;
}): string {
  const detail =
    input.kind === 'leave' && input.leaveTypeLabel
      ? `（${input.leaveTypeLabel}）`
      : input.kind === 'trip' && input.destination
        ? `（${input.destination}）`
        : ' ';
  const dates = input.startDate === input.endDate ? input.startDate : `${input.startDate}—${input.endDate}`;
  return `${input.staffName} ${LEAVE_KIND_LABELS[input.kind]}${detail}${dates}`;
}
