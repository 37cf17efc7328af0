import { describe, expect, it } from 'vitest';
import type { Violation } from '../../../shared/contracts/pairing';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { PolicyRules } from '../../../shared/policy/schema';
import { type CalendarException, dayInfo, type WorkCalendar } from './calendar.rules';
import { type DispatchSpan, dispatchDays, dispatchSpan, type Excuse } from './daily.rules';
import { judgeP06, judgeP07, justificationMismatch } from './presence.rules';

const R = SICHUAN_2017_172.rules;
const P07 = R.P07.params;
const ids = (vs: Violation[]) => vs.map((v) => v.rule);

// Our own calendar: the 2025 National Day week (10-01…10-08, make-up Sunday 09-28 and
// Saturday 10-11) and 彝族年 in 凉山 on 2025-11-20…22.
const LIANGSHAN = '513400';
const exceptions: CalendarException[] = [
  ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({
    date: `2025-10-${d}`,
    kind: 'holiday' as const,
    name: '国庆节、中秋节',
  })),
  { date: '2025-09-28', kind: 'workday', name: '国庆节' },
  { date: '2025-10-11', kind: 'workday', name: '国庆节' },
];
const CAL: WorkCalendar = {
  exceptions: new Map(exceptions.map((e) => [e.date, e])),
  regional: new Map(
    ['2025-11-20', '2025-11-21', '2025-11-22'].map((date) => [
      date,
      [{ regionCode: LIANGSHAN, date, name: '彝族年' }],
    ]),
  ),
};

const dispatch = (over: Partial<DispatchSpan> = {}): DispatchSpan => ({
  plannedStart: '2025-09-01',
  plannedEnd: '2026-08-31',
  arrivedOn: '2025-09-01',
  endedOn: null,
  rule: 'P07',
  recipientName: '昭觉县人民医院',
  ...over,
});

/** The judged days of a dispatch with punches on `onSite` dates and the given excuses. */
function daysOf(
  d: DispatchSpan,
  today: string,
  onSite: string[],
  excuses: Excuse[] = [],
  prefecture = LIANGSHAN,
) {
  const span = dispatchSpan(d, today);
  return dispatchDays(d, span, today, (date) => ({
    day: dayInfo(CAL, date, prefecture),
    punches: onSite.includes(date)
      ? [
          {
            id: `0190f0e0-0000-7000-8000-${date.replaceAll('-', '').padStart(12, '0')}`,
            source: 'app' as const,
            time: '08:40',
            inside: true,
            distanceM: 50,
            outsideReason: null,
            lateSynced: false,
            correctionId: null,
          },
        ]
      : [],
    excuses,
  }));
}

const p07 = (d: DispatchSpan, today: string, onSite: string[], rules: Pick<PolicyRules, 'P07'> = R) => {
  const span = dispatchSpan(d, today);
  return judgeP07(daysOf(d, today, onSite), { from: span.from, end: span.end, today }, rules);
};

/** `n` dates of `month` from the 2nd on, every other day (weekends included: P07 counts calendar days). */
const datesIn = (month: string, n: number, from = 2) =>
  Array.from({ length: n }, (_, i) => `${month}-${String(from + i * 2).padStart(2, '0')}`);

describe('P07 — on-site days per month, pro-rated, and in total (numbers from the pack)', () => {
  it('reads 5 a month and 60 in total from SICHUAN_2017_172', () => {
    expect([P07.minDaysPerMonth, P07.minTotalDays, P07.proRatePartialMonths]).toEqual([5, 60, true]);
  });

  it.each([
    ['exactly 5 days in a full month', P07.minDaysPerMonth, []],
    ['4 days in a full month', P07.minDaysPerMonth - 1, ['P07']],
  ])('%s', (_, n, expected) => {
    const r = p07(
      dispatch({ plannedStart: '2026-01-01', arrivedOn: '2026-01-01' }),
      '2026-02-10',
      datesIn('2026-01', n),
    );
    expect(ids(r.violations)).toEqual(expected);
    expect(r.months[0]).toEqual({
      month: '2026-01',
      coveredDays: 31,
      required: P07.minDaysPerMonth,
      onSiteDays: n,
      remoteGuidance: null,
      met: n >= P07.minDaysPerMonth,
      over: true,
    });
  });

  it('a short month carries the numbers and the source in its violation', () => {
    const r = p07(
      dispatch({ plannedStart: '2026-01-01', arrivedOn: '2026-01-01' }),
      '2026-02-10',
      datesIn('2026-01', 4),
    );
    expect(r.violations[0]).toEqual({
      rule: 'P07',
      level: 'in_principle',
      message:
        '2026年1月驻点 4 天，少于应驻点的 5 天（每月不少于 5 天）；不驻点期间应通过远程诊疗、远程教学等方式指导',
      inputs: {
        month: '2026-01',
        coveredDays: 31,
        need: 5,
        have: 4,
        justified: false,
        source: R.P07.source,
      },
    });
  });

  // 2025-10-20 … 10-31: 12 covered days of 31 → ceil(5 × 12 / 31) = 2.
  it.each([
    ['a dispatch from the 20th of a 31-day month needs ceil(5×12/31) = 2', 2, []],
    ['…and 1 is short', 1, ['P07']],
  ])('%s', (_, n, expected) => {
    const d = dispatch({ plannedStart: '2025-10-20', arrivedOn: '2025-10-20' });
    const r = p07(d, '2025-11-03', datesIn('2025-10', n, 21));
    expect(r.months[0]).toMatchObject({ month: '2025-10', coveredDays: 12, required: 2, onSiteDays: n });
    expect(ids(r.violations)).toEqual(expected);
  });

  // February 2026 has 28 days: from the 15th, 14 covered → ceil(5 × 14 / 28) = ceil(2.5) = 3.
  it.each([
    ['February from the 15th needs ceil(5×14/28) = 3', 3, []],
    ['…and 2 is short', 2, ['P07']],
  ])('%s', (_, n, expected) => {
    const d = dispatch({ plannedStart: '2026-02-15', arrivedOn: '2026-02-15' });
    const r = p07(d, '2026-03-02', datesIn('2026-02', n, 16));
    expect(r.months[0]).toMatchObject({
      month: '2026-02',
      coveredDays: 14,
      required: 3,
      onSiteDays: n,
      over: true,
    });
    expect(ids(r.violations)).toEqual(expected);
  });

  it('a full February (28 days) still needs the full 5', () => {
    const d = dispatch({ plannedStart: '2026-02-01', arrivedOn: '2026-02-01' });
    expect(p07(d, '2026-03-02', datesIn('2026-02', 4)).months[0]).toMatchObject({
      coveredDays: 28,
      required: 5,
      met: false,
    });
  });

  it('a holiday week does not lower the monthly minimum: October 2025 needs 5 like any month', () => {
    const d = dispatch();
    const r = p07(d, '2025-11-03', [
      ...datesIn('2025-09', 5),
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
      '2025-10-13',
    ]);
    expect(r.months.map((m) => [m.month, m.required, m.onSiteDays, m.met])).toEqual([
      ['2025-09', 5, 5, true],
      ['2025-10', 5, 4, false],
      ['2025-11', 5, 0, false],
    ]);
    // November is not over on 11-03: progress, no violation yet.
    expect(r.violations.map((v) => v.inputs.month)).toEqual(['2025-10']);
  });

  it('a punch on a make-up Saturday or a regional holiday counts as an on-site day', () => {
    const d = dispatch({ plannedStart: '2025-10-01', arrivedOn: '2025-10-01' });
    const r = p07(d, '2025-12-01', [
      '2025-10-11',
      ...datesIn('2025-10', 4, 13),
      '2025-11-20',
      ...datesIn('2025-11', 4, 3),
    ]);
    // December has just begun: progress only.
    expect(r.months.map((m) => m.onSiteDays)).toEqual([5, 5, 0]);
    expect(r.violations).toEqual([]);
  });

  it('judges the total only when the dispatch is over, with minTotalDays from the pack', () => {
    const d = dispatch({ plannedStart: '2026-01-01', plannedEnd: '2026-02-28', arrivedOn: '2026-01-01' });
    const onSite = [...datesIn('2026-01', 10), ...datesIn('2026-02', 10)];
    const running = p07(d, '2026-02-20', onSite);
    expect([running.onSiteDays, running.minTotalDays, ids(running.violations)]).toEqual([20, 60, []]);
    const over = p07(d, '2026-03-01', onSite);
    expect(over.violations).toHaveLength(1);
    expect(over.violations[0]!.inputs).toMatchObject({
      need: 60,
      have: 20,
      from: '2026-01-01',
      to: '2026-02-28',
    });
  });

  it('reads its numbers from the pack: 3 a month and 10 in total, not pro-rated', () => {
    const rules = structuredClone(R);
    rules.P07.params.minDaysPerMonth = 3;
    rules.P07.params.minTotalDays = 10;
    rules.P07.params.proRatePartialMonths = false;
    const d = dispatch({ plannedStart: '2026-01-20', plannedEnd: '2026-02-28', arrivedOn: '2026-01-20' });
    const r = p07(d, '2026-03-02', [...datesIn('2026-01', 3, 21), ...datesIn('2026-02', 3)], rules);
    expect(r.months.map((m) => [m.month, m.required, m.met])).toEqual([
      ['2026-01', 3, true],
      ['2026-02', 3, true],
    ]);
    expect(r.violations.map((v) => v.inputs.need)).toEqual([10]);
    rules.P07.enabled = false;
    expect(p07(d, '2026-03-02', [], rules).violations).toEqual([]);
  });
});

describe('P06 — every working day, approved leave excused (numbers from the pack)', () => {
  const d = dispatch({ rule: 'P06', plannedStart: '2025-09-29', arrivedOn: '2025-09-29' });
  // Working days 09-29 … 10-17 with the holiday week: 09-29, 09-30, 10-09, 10-10, 10-11 (Sat),
  // 10-13 … 10-17.
  const WORKING = [
    '2025-09-29',
    '2025-09-30',
    '2025-10-09',
    '2025-10-10',
    '2025-10-11',
    '2025-10-13',
    '2025-10-14',
    '2025-10-15',
    '2025-10-16',
    '2025-10-17',
  ];
  const judge = (
    onSite: string[],
    excuses: Excuse[] = [],
    rules: Pick<PolicyRules, 'P06'> = R,
    prefecture = LIANGSHAN,
  ) => judgeP06(daysOf(d, '2025-10-18', onSite, excuses, prefecture), rules);

  it('a holiday week is not required; on site every working day is 100%', () => {
    const r = judge(WORKING);
    expect(r).toEqual({
      requiredDays: 10,
      onSiteRequiredDays: 10,
      attendanceRatePct: 100,
      absentDates: [],
      violations: [],
    });
  });

  it('the make-up Saturday is required: missing it is an absence (擅自离岗)', () => {
    const r = judge(WORKING.filter((x) => x !== '2025-10-11'));
    expect(r.absentDates).toEqual(['2025-10-11']);
    expect(r.attendanceRatePct).toBe(90);
    expect(r.violations).toEqual([
      {
        rule: 'P06',
        level: 'mandatory',
        message:
          '2025-10-11 为工作日，无有效打卡，且无经批准的请假、出差或值班补休，属擅自离岗（除法定节假日外须在岗履职）',
        inputs: { date: '2025-10-11', justified: false, source: R.P06.source },
      },
    ]);
  });

  it('approved leave leaves the required days; the rate has two decimals', () => {
    const leave: Excuse = {
      id: '0190f0e0-0000-7000-8000-0000000000aa',
      kind: 'leave',
      leaveType: 'personal',
      startDate: '2025-10-13',
      endDate: '2025-10-14',
    };
    const r = judge(
      WORKING.filter((x) => !['2025-10-13', '2025-10-14', '2025-10-15'].includes(x)),
      [leave],
    );
    // 8 required, 7 on site → 87.5
    expect([r.requiredDays, r.onSiteRequiredDays, r.attendanceRatePct, r.absentDates]).toEqual([
      8,
      7,
      87.5,
      ['2025-10-15'],
    ]);
    const third = judge(WORKING.slice(0, 1).concat(WORKING.slice(3)), []);
    // 10 required, 8 on site → 80; 2 of 3 → 66.67
    expect(third.attendanceRatePct).toBe(80);
    const few = judgeP06(
      [
        { date: '2025-10-13', status: 'on_site', workingDay: true },
        { date: '2025-10-14', status: 'on_site', workingDay: true },
        { date: '2025-10-15', status: 'absent', workingDay: true },
      ],
      R,
    );
    expect(few.attendanceRatePct).toBe(66.67);
  });

  it("a regional holiday is not required in the recipient's prefecture", () => {
    const nov = dispatch({ rule: 'P06', plannedStart: '2025-11-17', arrivedOn: '2025-11-17' });
    const onSite = ['2025-11-17', '2025-11-18', '2025-11-19'];
    const here = judgeP06(daysOf(nov, '2025-11-22', onSite), R);
    expect([here.requiredDays, here.absentDates]).toEqual([3, []]);
    const elsewhere = judgeP06(daysOf(nov, '2025-11-22', onSite, [], '513300'), R);
    expect([elsewhere.requiredDays, elsewhere.absentDates]).toEqual([5, ['2025-11-20', '2025-11-21']]);
  });

  it('today (pending) is not judged', () => {
    const r = judgeP06(daysOf(d, '2025-10-09', WORKING.slice(0, 2)), R);
    expect([r.requiredDays, r.absentDates]).toEqual([2, []]);
  });

  it('reads everyWorkingDay and enabled from the pack; accepted justifications mark the day justified', () => {
    const missing = WORKING.filter((x) => x !== '2025-10-15');
    const rules = structuredClone(R);
    rules.P06.params.everyWorkingDay = false;
    expect(judge(missing, [], rules).violations).toEqual([]);
    expect(judge(missing, [], rules).absentDates).toEqual(['2025-10-15']);
    const justified = judgeP06(daysOf(d, '2025-10-18', missing), R, [
      { rule: 'P06', fromDate: '2025-10-15', toDate: '2025-10-15' },
    ]);
    expect(justified.violations.map((v) => v.inputs.justified)).toEqual([true]);
  });
});

describe('justificationMismatch: a justification must answer an actual violation', () => {
  const d06 = dispatch({ rule: 'P06', plannedStart: '2025-09-29', arrivedOn: '2025-09-29' });
  const p06 = judgeP06(daysOf(d06, '2025-10-18', ['2025-09-29']), R).violations;
  it('P06: the dates must hold an absence day', () => {
    expect(
      justificationMismatch({ rule: 'P06', fromDate: '2025-09-30', toDate: '2025-09-30' }, 'P06', p06),
    ).toBeNull();
    expect(
      justificationMismatch({ rule: 'P06', fromDate: '2025-10-01', toDate: '2025-10-08' }, 'P06', p06),
    ).toBe('2025-10-01 至 2025-10-08 期间没有擅自离岗（缺勤）的工作日，无需说明');
    expect(
      justificationMismatch({ rule: 'P07', fromDate: '2025-09-30', toDate: '2025-09-30' }, 'P06', p06),
    ).toContain('该选派适用 P06');
  });
  it('P07: a month judged short, or the whole dispatch when the total is short', () => {
    const d = dispatch({ plannedStart: '2026-01-01', plannedEnd: '2026-02-28', arrivedOn: '2026-01-01' });
    const span = dispatchSpan(d, '2026-03-05');
    const vs = judgeP07(
      daysOf(d, '2026-03-05', datesIn('2026-02', 5)),
      { ...span, today: '2026-03-05' },
      R,
    ).violations;
    expect(vs.map((v) => v.inputs.month ?? 'total')).toEqual(['2026-01', 'total']);
    expect(
      justificationMismatch({ rule: 'P07', fromDate: '2026-01-01', toDate: '2026-01-31' }, 'P07', vs),
    ).toBeNull();
    expect(
      justificationMismatch({ rule: 'P07', fromDate: '2026-02-01', toDate: '2026-02-28' }, 'P07', vs),
    ).toContain('2026年2月的驻点天数未被判定为不足');
    expect(
      justificationMismatch({ rule: 'P07', fromDate: '2026-01-01', toDate: '2026-02-28' }, 'P07', vs),
    ).toBeNull();
    expect(
      justificationMismatch({ rule: 'P07', fromDate: '2026-01-10', toDate: '2026-02-10' }, 'P07', vs),
    ).toContain('某一个月');
  });
});
