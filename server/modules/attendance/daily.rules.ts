import type { DayStatus, LeaveKind, LeaveType } from '../../../shared/attendance-vocabulary';
import { LEAVE_KIND_LABELS, LEAVE_TYPE_LABELS } from '../../../shared/attendance-vocabulary';
import type { DayReasonDto } from '../../../shared/contracts/attendance';
import { type DayInfo, datesBetween } from './calendar.rules';

/**
 * The daily status of a dispatched person (issue 7 item 5; DOMAIN "On-site day", "Working
 * day", "中级 attendance (P06)", "副高+ presence (P07)"). Pure: the dispatch, the calendar day,
 * the punches, the approved requests and "today" are arguments; each day comes with its
 * reason (which punches, which approval, which holiday, which rule).
 */

export type IsoDate = string;
export type PresenceRule = 'P06' | 'P07';

/** What the rules need of a dispatch (approved: P05, never-approved dispatches have no days). */
export interface DispatchSpan {
  plannedStart: IsoDate;
  plannedEnd: IsoDate;
  /** the arrival the recipient confirmed */
  arrivedOn: IsoDate | null;
  /** the last day on duty (completed, ended early, replaced) */
  endedOn: IsoDate | null;
  /** fixed by the title at approval */
  rule: PresenceRule;
  recipientName: string;
}

/** A punch of the day (ours, DingTalk's, or the one an approved 补卡 wrote). */
export interface Punch {
  id: string;
  source: 'app' | 'dingtalk' | 'correction';
  /** HH:mm, Asia/Shanghai */
  time: string;
  inside: boolean;
  distanceM: number | null;
  outsideReason: string | null;
  lateSynced: boolean;
  correctionId: string | null;
}

/** An approved leave, business trip or compensatory rest (值班补休). */
export interface Excuse {
  id: string;
  kind: LeaveKind;
  leaveType: LeaveType | null;
  startDate: IsoDate;
  endDate: IsoDate;
}

export interface DayInput {
  dispatch: DispatchSpan;
  date: IsoDate;
  /** `dayInfo` of the calendar for the recipient institution's prefecture */
  day: DayInfo;
  punches: readonly Punch[];
  excuses: readonly Excuse[];
  today: IsoDate;
}

export interface DayResult {
  status: DayStatus;
  workingDay: boolean;
  reason: DayReasonDto;
}

/**
 * The days a dispatch has: from its planned start (or an earlier confirmed arrival, which
 * starts the stay) to its end (the recorded end, else the planned end), not after today.
 * Days before a later arrival are days of the dispatch like any other: without a punch they
 * are absent (P06) or off site (P07), and their reason names the arrival date.
 */
export function dispatchSpan(d: DispatchSpan, today: IsoDate): { from: IsoDate; to: IsoDate; end: IsoDate } {
  const from = d.arrivedOn !== null && d.arrivedOn < d.plannedStart ? d.arrivedOn : d.plannedStart;
  const end = d.endedOn ?? d.plannedEnd;
  return { from, to: earlier(end, today), end };
}

/** The earlier and the later of two `YYYY-MM-DD` dates (string order is date order). */
export const earlier = (a: IsoDate, b: IsoDate): IsoDate => [a, b].sort()[0]!;
export const later = (a: IsoDate, b: IsoDate): IsoDate => [a, b].sort()[1]!;

const formatDistance = (m: number) => (m < 1000 ? `${m} 米` : `${(m / 1000).toFixed(1)} 公里`);

/** A valid punch makes an on-site day: ours or DingTalk's inside the fence, or an approved 补卡. */
export const isValidPunch = (p: Pick<Punch, 'source' | 'inside'>) => p.source === 'correction' || p.inside;

function describePunches(punches: readonly Punch[], recipient: string, inside: boolean): string {
  const parts = punches.map((p) => {
    const late = p.lateSynced ? '，离线补传' : '';
    if (p.source === 'correction') return `${p.time} 补卡（补卡申请已批准）`;
    if (p.source === 'dingtalk')
      return `${p.time} 钉钉打卡（考勤结果${p.inside ? '正常' : '为外勤或异常'}${late}）`;
    const distance = p.distanceM !== null ? `距中心 ${formatDistance(p.distanceM)}` : '距离未知';
    if (inside) return `${p.time} 在${recipient}围栏内打卡（${distance}${late}）`;
    const why = p.outsideReason ? `，外勤说明：${p.outsideReason}` : '';
    return `${p.time} 在${recipient}围栏外打卡（${distance}${why}${late}）`;
  });
  return parts.join('；');
}

const dateRange = (e: Excuse) => (e.startDate === e.endDate ? e.startDate : `${e.startDate} 至 ${e.endDate}`);

function excuseText(e: Excuse): string {
  const what =
    e.kind === 'leave' && e.leaveType
      ? `${LEAVE_KIND_LABELS.leave}（${LEAVE_TYPE_LABELS[e.leaveType]}）`
      : LEAVE_KIND_LABELS[e.kind];
  return `经批准${what}，${dateRange(e)}`;
}

function holidayText(day: DayInfo): string {
  if (day.kind === 'holiday') return `法定节假日（${day.name ?? '节假日'}）`;
  if (day.kind === 'regional_holiday')
    return `受援单位所在市(州)的民族节日（${day.name ?? '地方节日'}），放假`;
  return '周末休息日';
}

/** The status of one person-day, by precedence: on site > approved excuse > holiday / rest > pending > absent / off site. */
export function dayStatus(input: DayInput): DayResult {
  const { dispatch, date, day, today } = input;
  const recipient = dispatch.recipientName;
  const valid = input.punches.filter(isValidPunch);
  const invalid = input.punches.filter((p) => !isValidPunch(p));
  const workingDay = day.working;
  const calendarName = day.kind === 'weekday' || day.kind === 'weekend' ? null : day.name;
  const reason = (text: string, extra: Partial<DayReasonDto> = {}): DayReasonDto => ({
    text,
    rule: null,
    checkinIds: [],
    requestId: null,
    holiday: calendarName,
    ...extra,
  });
  const makeUp = day.kind === 'workday' ? `（${day.name ?? ''}调休上班日）` : '';

  if (valid.length) {
    const correction = valid.find((p) => p.source === 'correction');
    return {
      status: 'on_site',
      workingDay,
      reason: reason(`${describePunches(valid, recipient, true)}${makeUp}`, {
        checkinIds: valid.map((p) => p.id),
        requestId: correction?.correctionId ?? null,
      }),
    };
  }
  const outside = invalid.length ? `；当日仅有无效打卡：${describePunches(invalid, recipient, false)}` : '';
  const punchIds = invalid.map((p) => p.id);

  const excuse = workingDay
    ? [...input.excuses]
        .sort((a, b) => a.startDate.localeCompare(b.startDate))
        .find((e) => e.startDate <= date && date <= e.endDate)
    : undefined;
  if (excuse)
    return {
      status: excuse.kind,
      workingDay,
      reason: reason(`${excuseText(excuse)}${makeUp}`, { requestId: excuse.id, checkinIds: punchIds }),
    };

  if (!workingDay)
    return {
      status: day.kind === 'weekend' ? 'rest_day' : 'holiday',
      workingDay,
      reason: reason(`${holidayText(day)}${outside}`, { checkinIds: punchIds }),
    };

  if (date >= today)
    return {
      status: 'pending',
      workingDay,
      reason: reason(`今日尚未在${recipient}围栏内打卡${makeUp}${outside}`, { checkinIds: punchIds }),
    };

  const arrival =
    dispatch.arrivedOn === null
      ? '；受援单位尚未确认到岗'
      : date < dispatch.arrivedOn
        ? `；受援单位确认的到岗日期为 ${dispatch.arrivedOn}，此前未到岗`
        : '';
  if (dispatch.rule === 'P07')
    return {
      status: 'off_site',
      workingDay,
      reason: reason(
        `工作日${makeUp}未在${recipient}驻点，无有效打卡（P07 副高及以上弹性驻点，按月考核驻点天数）${arrival}${outside}`,
        { rule: 'P07', checkinIds: punchIds },
      ),
    };
  return {
    status: 'absent',
    workingDay,
    reason: reason(
      `工作日${makeUp}无有效打卡，且无经批准的请假、出差或值班补休，按擅自离岗计（P06）${arrival}${outside}`,
      { rule: 'P06', checkinIds: punchIds },
    ),
  };
}

/** Every day of a dispatch from `from` to `to` (clipped to the dispatch and today), with its status. */
export function dispatchDays(
  dispatch: DispatchSpan,
  range: { from: IsoDate; to: IsoDate },
  today: IsoDate,
  inputsOf: (date: IsoDate) => { day: DayInfo; punches: readonly Punch[]; excuses: readonly Excuse[] },
): (DayResult & { date: IsoDate })[] {
  const span = dispatchSpan(dispatch, today);
  const from = later(range.from, span.from);
  const to = earlier(range.to, span.to);
  if (from > to) return [];
  return datesBetween(from, to).map((date) => ({
    date,
    ...dayStatus({ dispatch, date, today, ...inputsOf(date) }),
  }));
}
