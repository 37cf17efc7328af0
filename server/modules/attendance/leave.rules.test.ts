import { describe, expect, it } from 'vitest';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import {
  type CorrectionPolicy,
  checkCorrectionQuota,
  checkCorrectionTime,
  correctionInstant,
  daysInclusive,
  dispatchFor,
  type ExistingLeave,
  leaveOverlap,
  leaveTitle,
  overlaps,
} from './leave.rules';

/** The shipped pack's P23 numbers: the rules take them as arguments, the tests read them from the pack. */
const shipped: CorrectionPolicy = SICHUAN_2017_172.rules.P23.params;
const now = { date: '2026-03-02', time: '09:00' };
const daysAgo = (days: number) =>
  new Date(Date.parse(`${now.date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

describe('dates', () => {
  it.each([
    [{ from: '2026-03-01', to: '2026-03-05' }, { from: '2026-03-05', to: '2026-03-06' }, true],
    [{ from: '2026-03-01', to: '2026-03-04' }, { from: '2026-03-05', to: '2026-03-06' }, false],
    [{ from: '2026-03-07', to: '2026-03-07' }, { from: '2026-03-05', to: '2026-03-06' }, false],
    [{ from: '2026-03-01', to: '2026-03-31' }, { from: '2026-03-05', to: '2026-03-06' }, true],
  ])('%o overlaps %o: %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
    expect(overlaps(b, a)).toBe(expected);
  });

  it('counts calendar days with both ends, across February', () => {
    expect(daysInclusive('2026-03-05', '2026-03-05')).toBe(1);
    expect(daysInclusive('2026-02-27', '2026-03-02')).toBe(4);
    expect(daysInclusive('2024-02-27', '2024-03-02')).toBe(5);
  });

  it('takes a 补卡 time as Asia/Shanghai', () => {
    expect(correctionInstant('2026-03-01', '08:30').toISOString()).toBe('2026-03-01T00:30:00.000Z');
    expect(correctionInstant('2026-03-01', '07:59').toISOString()).toBe('2026-02-28T23:59:00.000Z');
  });
});

describe('dispatchFor', () => {
  const stay = {
    id: 'd1',
    plannedStart: '2026-01-01',
    plannedEnd: '2026-06-30',
    recipientName: '昭觉县人民医院',
  };
  it.each([
    ['the first day', { from: '2026-01-01', to: '2026-01-01' }, 'd1'],
    ['the last day', { from: '2026-06-30', to: '2026-06-30' }, 'd1'],
    ['a day before', { from: '2025-12-31', to: '2026-01-01' }, 'OUTSIDE_DISPATCH'],
    ['a day after', { from: '2026-06-30', to: '2026-07-01' }, 'OUTSIDE_DISPATCH'],
  ])('%s', (_, range, expected) => {
    const r = dispatchFor([stay], range, '请假');
    expect('code' in r ? r.code : r.id).toBe(expected);
  });

  it('names the periods, and says so when there is no dispatch at all', () => {
    const out = dispatchFor([stay], { from: '2026-07-01', to: '2026-07-02' }, '请假');
    expect('message' in out && out.message).toBe(
      '请假日期应在派驻期内（昭觉县人民医院 2026-01-01 至 2026-06-30）',
    );
    const none = dispatchFor([], { from: '2026-07-01', to: '2026-07-02' }, '补卡');
    expect('code' in none && none.code).toBe('NO_DISPATCH');
  });
});

describe('leaveOverlap', () => {
  const held = (status: ExistingLeave['status']): ExistingLeave => ({
    id: 'x',
    kind: 'leave',
    startDate: '2026-03-05',
    endDate: '2026-03-06',
    status,
  });
  it.each([
    ['pending', 'LEAVE_OVERLAP'],
    ['returned', 'LEAVE_OVERLAP'],
    ['approved', 'LEAVE_OVERLAP'],
    ['rejected', null],
    ['withdrawn', null],
  ] as const)('a %s request on the same day → %s', (status, expected) => {
    expect(leaveOverlap({ from: '2026-03-06', to: '2026-03-07' }, [held(status)])?.code ?? null).toBe(
      expected,
    );
  });

  it('says which request holds the days', () => {
    expect(leaveOverlap({ from: '2026-03-06', to: '2026-03-07' }, [held('approved')])?.message).toBe(
      '与已提交的请假（2026-03-05 至 2026-03-06，已批准）日期重叠，请先撤回或调整',
    );
  });
});

describe('补卡 deadline (P23 correctionDeadlineDays)', () => {
  it.each([
    ['today, before now', now.date, '08:59', null],
    ['today, exactly now', now.date, '09:00', null],
    ['today, later than now', now.date, '09:01', 'CORRECTION_IN_FUTURE'],
    ['tomorrow', '2026-03-03', '00:00', 'CORRECTION_IN_FUTURE'],
    ['exactly the deadline', daysAgo(shipped.correctionDeadlineDays), '23:59', null],
    [
      'one day past the deadline',
      daysAgo(shipped.correctionDeadlineDays + 1),
      '08:00',
      'CORRECTION_TOO_LATE',
    ],
  ])('%s', (_, date, time, expected) => {
    expect(checkCorrectionTime(shipped, { date, time }, now)?.code ?? null).toBe(expected);
  });

  it('a deadline of 0 days allows today only', () => {
    const policy = { ...shipped, correctionDeadlineDays: 0 };
    expect(checkCorrectionTime(policy, { date: now.date, time: '08:00' }, now)).toBeNull();
    expect(checkCorrectionTime(policy, { date: daysAgo(1), time: '08:00' }, now)?.message).toBe(
      '已超过补卡期限：只能为 0 天内（2026-03-02 及以后）漏打的卡申请补卡（P23）',
    );
  });
});

describe('补卡 monthly limit (P23 correctionsPerMonth)', () => {
  it.each([
    ['none yet', 0, null],
    ['one below the limit', shipped.correctionsPerMonth - 1, null],
    ['at the limit', shipped.correctionsPerMonth, 'CORRECTION_LIMIT'],
    ['over the limit', shipped.correctionsPerMonth + 1, 'CORRECTION_LIMIT'],
  ])('%s', (_, used, expected) => {
    expect(checkCorrectionQuota(shipped, '2026-03-15', used)?.code ?? null).toBe(expected);
  });

  it('names the month, the count, the limit and the rule', () => {
    const r = checkCorrectionQuota({ correctionsPerMonth: 2, correctionDeadlineDays: 5 }, '2026-02-28', 2);
    expect(r).toMatchObject({
      rule: 'P23',
      message: '2026年2月已申请补卡 2 次，达到每月 2 次的上限（P23），不能再申请',
      inputs: { month: '2026-02', used: 2, perMonth: 2 },
    });
  });
});

describe('leaveTitle', () => {
  const base = {
    staffName: '王建华',
    destination: null,
    leaveTypeLabel: null,
    startDate: '2026-03-05',
    endDate: '2026-03-06',
  };
  it.each([
    [{ ...base, kind: 'leave' as const, leaveTypeLabel: '事假' }, '王建华 请假（事假）2026-03-05—2026-03-06'],
    [{ ...base, kind: 'trip' as const, destination: '成都' }, '王建华 出差（成都）2026-03-05—2026-03-06'],
    [{ ...base, kind: 'comp_rest' as const, endDate: '2026-03-05' }, '王建华 值班补休 2026-03-05'],
  ])('%o → %s', (input, title) => {
    expect(leaveTitle(input)).toBe(title);
  });
});
