import type { DayStatus } from '../../../shared/attendance-vocabulary';
import type { Violation } from '../../../shared/contracts/pairing';
import type { PolicyRules, Rule } from '../../../shared/policy/schema';
import { earlier, type IsoDate, later } from './daily.rules';

/**
 * Presence rules (issue 7 item 6): P06 for 中级 and below (every working day; approved
 * leave, trips and compensatory rest excused) and P07 for 副高+ (on-site days per calendar
 * month, pro-rated in partial months, and in total). Pure: the days come from
 * `daily.rules.dayStatus`, the numbers from the pack version in force, "today" is passed in.
 */

export interface JudgedDay {
  date: IsoDate;
  status: DayStatus;
  workingDay: boolean;
}

/** An accepted justification (a rejected or pending one excuses nothing). */
export interface AcceptedJustification {
  rule: 'P06' | 'P07';
  fromDate: IsoDate;
  toDate: IsoDate;
}

const EXCUSED: readonly DayStatus[] = ['leave', 'trip', 'comp_rest'];

const violation = (rule: Rule, message: string, inputs: Record<string, unknown>): Violation => ({
  rule: rule.id,
  level: rule.level,
  message,
  // the source travels with the judgement: pack versions change, the record must not
  inputs: { ...inputs, source: rule.source },
});

// ─── P06 ───────────────────────────────────────────────────────────────────────────────

export interface P06Judgement {
  requiredDays: number;
  onSiteRequiredDays: number;
  /** 0–100, two decimals; null without a required day */
  attendanceRatePct: number | null;
  absentDates: IsoDate[];
  violations: Violation[];
}

/**
 * P06 — seed 002 §五(五) (DOMAIN "中级 attendance (P06)"): required days are the working
 * days minus approved leave, trips and compensatory rest; a required day without an
 * on-site day is an unexcused absence (擅自离岗), one violation per day so that each can be
 * justified. Today, not yet over (`pending`), is not judged.
 */
export function judgeP06(
  days: readonly JudgedDay[],
  rules: Pick<PolicyRules, 'P06'>,
  accepted: readonly AcceptedJustification[] = [],
): P06Judgement {
  const rule = rules.P06;
  const required = days.filter((d) => d.workingDay && d.status !== 'pending' && !EXCUSED.includes(d.status));
  const onSite = required.filter((d) => d.status === 'on_site').length;
  const absentDates = required.filter((d) => d.status !== 'on_site').map((d) => d.date);
  const attendanceRatePct = required.length ? Math.round((onSite / required.length) * 10_000) / 100 : null;
  const judged = rule.enabled && rule.params.everyWorkingDay;
  const justified = (date: IsoDate) =>
    accepted.some((j) => j.rule === 'P06' && j.fromDate <= date && date <= j.toDate);
  return {
    requiredDays: required.length,
    onSiteRequiredDays: onSite,
    attendanceRatePct,
    absentDates,
    violations: judged
      ? absentDates.map((date) =>
          violation(
            rule,
            `${date} 为工作日，无有效打卡，且无经批准的请假、出差或值班补休，属擅自离岗（除法定节假日外须在岗履职）`,
            { date, justified: justified(date) },
          ),
        )
      : [],
  };
}

// ─── P07 ───────────────────────────────────────────────────────────────────────────────

export interface PresenceMonth {
  month: string;
  coveredDays: number;
  required: number;
  onSiteDays: number;
  /** remote guidance in an off-site month (issue 10); null until activity logs exist */
  remoteGuidance: boolean | null;
  met: boolean;
  /** the month's last covered day is over */
  over: boolean;
}

export interface P07Judgement {
  months: PresenceMonth[];
  onSiteDays: number;
  minTotalDays: number;
  violations: Violation[];
}

const daysInMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};
const monthStart = (month: string) => `${month}-01`;
const monthEnd = (month: string) => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;
const dayNumber = (d: IsoDate) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
const span = (from: IsoDate, to: IsoDate) => dayNumber(to) - dayNumber(from) + 1;

function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) return out;
    out.push(month);
    if (m === 12) {
      y += 1;
      m = 1;
    } else m += 1;
  }
}

const monthLabel = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/**
 * P07 — seed 002 §五(五) "原则上每月不少于1周，累计驻点工作时间不少于12周" (DOMAIN "副高+
 * presence (P07)"): each calendar month of the dispatch needs `minDaysPerMonth` on-site
 * days, a partly covered month ceil(minDaysPerMonth × covered days ÷ days in the month)
 * when the pack pro-rates; the whole dispatch needs `minTotalDays`. A month (and the total)
 * is judged once it is over; until then it shows progress.
 */
export function judgeP07(
  days: readonly JudgedDay[],
  dispatch: { from: IsoDate; end: IsoDate; today: IsoDate },
  rules: Pick<PolicyRules, 'P07'>,
  accepted: readonly AcceptedJustification[] = [],
): P07Judgement {
  const rule = rules.P07;
  const { minDaysPerMonth, proRatePartialMonths, minTotalDays } = rule.params;
  const onSite = days.filter((d) => d.status === 'on_site');
  const lastStarted = earlier(dispatch.end, dispatch.today);
  const months: PresenceMonth[] =
    dispatch.from > lastStarted
      ? []
      : monthsBetween(dispatch.from, lastStarted).map((month) => {
          const first = later(monthStart(month), dispatch.from);
          const last = earlier(monthEnd(month), dispatch.end);
          const coveredDays = span(first, last);
          const full = daysInMonth(month);
          const required =
            proRatePartialMonths && coveredDays < full
              ? Math.ceil((minDaysPerMonth * coveredDays) / full)
              : minDaysPerMonth;
          const onSiteDays = onSite.filter((d) => d.date.startsWith(month)).length;
          return {
            month,
            coveredDays,
            required,
            onSiteDays,
            remoteGuidance: null,
            met: onSiteDays >= required,
            over: last < dispatch.today,
          };
        });
  const judged = rule.enabled;
  const justifiedMonth = (month: string) =>
    accepted.some((j) => j.rule === 'P07' && j.fromDate.startsWith(month) && j.toDate.startsWith(month));
  const monthly = judged
    ? months
        .filter((m) => m.over && !m.met)
        .map((m) =>
          violation(
            rule,
            `${monthLabel(m.month)}驻点 ${m.onSiteDays} 天，少于应驻点的 ${m.required} 天${
              m.coveredDays < daysInMonth(m.month)
                ? `（本月派驻 ${m.coveredDays} 天，按比例 ${minDaysPerMonth}×${m.coveredDays}÷${daysInMonth(m.month)} 向上取整）`
                : `（每月不少于 ${minDaysPerMonth} 天）`
            }；不驻点期间应通过远程诊疗、远程教学等方式指导`,
            {
              month: m.month,
              coveredDays: m.coveredDays,
              need: m.required,
              have: m.onSiteDays,
              justified: justifiedMonth(m.month),
            },
          ),
        )
    : [];
  const total = onSite.length;
  const over = dispatch.end < dispatch.today;
  const totalShort =
    judged && over && total < minTotalDays
      ? [
          violation(
            rule,
            `派驻期（${dispatch.from} 至 ${dispatch.end}）累计驻点 ${total} 天，少于 ${minTotalDays} 天`,
            {
              from: dispatch.from,
              to: dispatch.end,
              need: minTotalDays,
              have: total,
              justified: accepted.some(
                (j) => j.rule === 'P07' && j.fromDate <= dispatch.from && j.toDate >= dispatch.end,
              ),
            },
          ),
        ]
      : [];
  return { months, onSiteDays: total, minTotalDays, violations: [...monthly, ...totalShort] };
}

// ─── justifications ────────────────────────────────────────────────────────────────────

/**
 * Why a justification does not correspond to an actual violation (null when it does): P06 —
 * the dates must hold at least one absence day; P07 — the dates lie in one month judged
 * short, or span the whole dispatch whose total is short.
 */
export function justificationMismatch(
  j: { rule: 'P06' | 'P07'; fromDate: IsoDate; toDate: IsoDate },
  presenceRule: 'P06' | 'P07',
  violations: readonly Violation[],
): string | null {
  if (j.toDate < j.fromDate) return '结束日期不能早于开始日期';
  if (j.rule !== presenceRule)
    return `该选派适用 ${presenceRule}（${presenceRule === 'P06' ? '全职驻点，每个工作日在岗' : '弹性驻点，按月考核驻点天数'}），不能就 ${j.rule} 提交说明`;
  const mine = violations.filter((v) => v.rule === j.rule);
  if (j.rule === 'P06') {
    const hit = mine.some((v) => {
      const date = String(v.inputs.date);
      return j.fromDate <= date && date <= j.toDate;
    });
    return hit ? null : `${j.fromDate} 至 ${j.toDate} 期间没有擅自离岗（缺勤）的工作日，无需说明`;
  }
  const sameMonth = j.fromDate.slice(0, 7) === j.toDate.slice(0, 7);
  if (sameMonth) {
    const month = j.fromDate.slice(0, 7);
    return mine.some((v) => v.inputs.month === month)
      ? null
      : `${monthLabel(month)}的驻点天数未被判定为不足（本月未结束或已达到要求），无需说明`;
  }
  const total = mine.find((v) => v.inputs.month === undefined);
  return total && j.fromDate <= String(total.inputs.from) && j.toDate >= String(total.inputs.to)
    ? null
    : '弹性驻点的情况说明应针对驻点天数不足的某一个月，或累计驻点天数不足的整个派驻期';
}
