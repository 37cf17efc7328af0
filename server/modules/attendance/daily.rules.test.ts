import { describe, expect, it } from 'vitest';
import {
  type CalendarException,
  dayInfo,
  type RegionalHolidayDay,
  type WorkCalendar,
} from './calendar.rules';
import {
  type DayInput,
  type DispatchSpan,
  dayStatus,
  dispatchDays,
  dispatchSpan,
  type Excuse,
  type Punch,
} from './daily.rules';

// A calendar of our own (the real one is data): 2026 Spring Festival 2026-02-15…23 with the
// make-up Saturday 2026-02-28, and 彝族年 in 凉山 (513400) on 2025-11-20.
const LIANGSHAN = '513400';
const GANZI = '513300';
function calendar(exceptions: CalendarException[], regional: RegionalHolidayDay[] = []): WorkCalendar {
  const byDate = new Map<string, RegionalHolidayDay[]>();
  for (const r of regional) byDate.set(r.date, [...(byDate.get(r.date) ?? []), r]);
  return { exceptions: new Map(exceptions.map((e) => [e.date, e])), regional: byDate };
}
const CAL = calendar(
  [
    ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((d) => ({
      date: `2026-02-${d}`,
      kind: 'holiday' as const,
      name: '春节',
    })),
    { date: '2026-02-28', kind: 'workday', name: '春节' },
  ],
  [{ regionCode: LIANGSHAN, date: '2025-11-20', name: '彝族年' }],
);

const P06: DispatchSpan = {
  plannedStart: '2025-11-01',
  plannedEnd: '2026-10-31',
  arrivedOn: '2025-11-01',
  endedOn: null,
  rule: 'P06',
  recipientName: '昭觉县人民医院',
};
const P07: DispatchSpan = { ...P06, rule: 'P07' };

const punch = (over: Partial<Punch> = {}): Punch => ({
  id: '0190f0e0-0000-7000-8000-000000000001',
  source: 'app',
  time: '08:52',
  inside: true,
  distanceM: 120,
  outsideReason: null,
  lateSynced: false,
  correctionId: null,
  ...over,
});
const leave: Excuse = {
  id: '0190f0e0-0000-7000-8000-0000000000aa',
  kind: 'leave',
  leaveType: 'sick',
  startDate: '2026-02-09',
  endDate: '2026-02-10',
};

const input = (date: string, over: Partial<DayInput> = {}): DayInput => ({
  dispatch: P06,
  date,
  day: dayInfo(CAL, date, LIANGSHAN),
  punches: [],
  excuses: [],
  today: '2026-03-02',
  ...over,
});

describe('dayStatus: precedence and reasons', () => {
  it('a punch inside the fence makes an on-site day, naming time, place and distance', () => {
    const r = dayStatus(input('2026-02-26', { punches: [punch()] }));
    expect(r.status).toBe('on_site');
    expect(r.workingDay).toBe(true);
    expect(r.reason).toEqual({
      text: '08:52 在昭觉县人民医院围栏内打卡（距中心 120 米）',
      rule: null,
      checkinIds: [punch().id],
      requestId: null,
      holiday: null,
    });
  });

  it('a punch outside the fence is not on site: a P06 working day is absent, and the punch is named', () => {
    const outside = punch({ inside: false, distanceM: 2400, outsideReason: '县医院会诊', time: '09:10' });
    const r = dayStatus(input('2026-02-26', { punches: [outside] }));
    expect(r.status).toBe('absent');
    expect(r.reason.rule).toBe('P06');
    expect(r.reason.checkinIds).toEqual([outside.id]);
    expect(r.reason.text).toBe(
      '工作日无有效打卡，且无经批准的请假、出差或值班补休，按擅自离岗计（P06）；当日仅有无效打卡：09:10 在昭觉县人民医院围栏外打卡（距中心 2.4 公里，外勤说明：县医院会诊）',
    );
  });

  it('the same day under P07 is off site, judged by the month', () => {
    const r = dayStatus(input('2026-02-26', { dispatch: P07 }));
    expect(r.status).toBe('off_site');
    expect(r.reason.rule).toBe('P07');
    expect(r.reason.text).toContain('按月考核驻点天数');
  });

  it('a DingTalk punch whose result is normal and an approved 补卡 count as on site', () => {
    const ding = dayStatus(
      input('2026-02-26', { punches: [punch({ source: 'dingtalk', distanceM: null })] }),
    );
    expect([ding.status, ding.reason.text]).toEqual(['on_site', '08:52 钉钉打卡（考勤结果正常）']);
    const correction = punch({
      source: 'correction',
      inside: true,
      correctionId: '0190f0e0-0000-7000-8000-0000000000cc',
      time: '08:30',
    });
    const fixed = dayStatus(input('2026-02-26', { punches: [correction] }));
    expect(fixed.status).toBe('on_site');
    expect(fixed.reason.requestId).toBe('0190f0e0-0000-7000-8000-0000000000cc');
    expect(fixed.reason.text).toBe('08:30 补卡（补卡申请已批准）');
  });

  it('on site wins over an approved leave covering the day', () => {
    expect(dayStatus(input('2026-02-09', { punches: [punch()], excuses: [leave] })).status).toBe('on_site');
  });

  it('approved leave on a working day is leave, with the approval as its reason', () => {
    const r = dayStatus(input('2026-02-10', { excuses: [leave] }));
    expect(r.status).toBe('leave');
    expect(r.reason.requestId).toBe(leave.id);
    expect(r.reason.text).toBe('经批准请假（病假），2026-02-09 至 2026-02-10');
  });

  it('trips and compensatory rest have their own status', () => {
    const trip: Excuse = { ...leave, kind: 'trip', leaveType: null };
    const rest: Excuse = { ...leave, kind: 'comp_rest', leaveType: null, startDate: '2026-02-10' };
    expect(dayStatus(input('2026-02-10', { excuses: [trip] })).status).toBe('trip');
    expect(dayStatus(input('2026-02-10', { excuses: [rest] })).reason.text).toBe(
      '经批准值班补休，2026-02-10',
    );
  });

  it('on a rest day or a holiday the calendar wins over a leave covering it', () => {
    const long: Excuse = { ...leave, startDate: '2026-02-13', endDate: '2026-02-25' };
    expect(dayStatus(input('2026-02-14', { excuses: [long] })).status).toBe('rest_day');
    const holiday = dayStatus(input('2026-02-17', { excuses: [long] }));
    expect([holiday.status, holiday.reason.holiday, holiday.reason.text]).toEqual([
      'holiday',
      '春节',
      '法定节假日（春节）',
    ]);
    expect(dayStatus(input('2026-02-24', { excuses: [long] })).status).toBe('leave');
  });

  it('a make-up Saturday is a working day: absent without a punch, its reason naming the make-up', () => {
    const r = dayStatus(input('2026-02-28'));
    expect([r.status, r.workingDay, r.reason.holiday]).toEqual(['absent', true, '春节']);
    expect(r.reason.text).toContain('（春节调休上班日）');
    // the Saturday before is an ordinary rest day
    expect(dayStatus(input('2026-02-21')).status).toBe('holiday');
    expect(dayStatus(input('2026-03-07', { today: '2026-03-09' })).status).toBe('rest_day');
  });

  it("a regional holiday rests in the recipient's prefecture only", () => {
    const here = dayStatus(input('2025-11-20'));
    expect([here.status, here.workingDay, here.reason.holiday]).toEqual(['holiday', false, '彝族年']);
    expect(here.reason.text).toContain('民族节日（彝族年）');
    const elsewhere = dayStatus(input('2025-11-20', { day: dayInfo(CAL, '2025-11-20', GANZI) }));
    expect([elsewhere.status, elsewhere.workingDay]).toEqual(['absent', true]);
  });

  it('today is pending until it is over; an earlier day without a punch is judged', () => {
    expect(dayStatus(input('2026-03-02')).status).toBe('pending');
    expect(dayStatus(input('2026-02-27')).status).toBe('absent');
    expect(dayStatus(input('2026-03-02', { punches: [punch()] })).status).toBe('on_site');
  });

  it('days before a later confirmed arrival are absent, naming the arrival date', () => {
    const late = { ...P06, plannedStart: '2026-02-02', arrivedOn: '2026-02-05' };
    const r = dayStatus(input('2026-02-03', { dispatch: late }));
    expect(r.status).toBe('absent');
    expect(r.reason.text).toContain('受援单位确认的到岗日期为 2026-02-05，此前未到岗');
  });
});

describe('dispatchSpan and dispatchDays', () => {
  it('runs from the planned start (or an earlier arrival) to the end, not after today', () => {
    expect(dispatchSpan(P06, '2026-03-02')).toEqual({
      from: '2025-11-01',
      to: '2026-03-02',
      end: '2026-10-31',
    });
    expect(dispatchSpan({ ...P06, arrivedOn: '2025-10-20' }, '2026-03-02').from).toBe('2025-10-20');
    expect(dispatchSpan({ ...P06, arrivedOn: '2025-11-05' }, '2026-03-02').from).toBe('2025-11-01');
    expect(dispatchSpan({ ...P06, endedOn: '2026-01-15' }, '2026-03-02')).toEqual({
      from: '2025-11-01',
      to: '2026-01-15',
      end: '2026-01-15',
    });
  });

  it('gives one day per date of the range inside the dispatch, none after today', () => {
    const days = dispatchDays(
      { ...P06, plannedStart: '2026-02-26', arrivedOn: '2026-02-26' },
      { from: '2026-02-20', to: '2026-03-31' },
      '2026-03-02',
      (d) => ({
        day: dayInfo(CAL, d, LIANGSHAN),
        punches: d === '2026-02-26' ? [punch()] : [],
        excuses: [],
      }),
    );
    expect(days.map((d) => [d.date, d.status])).toEqual([
      ['2026-02-26', 'on_site'],
      ['2026-02-27', 'absent'],
      ['2026-02-28', 'absent'],
      ['2026-03-01', 'rest_day'],
      ['2026-03-02', 'pending'],
    ]);
  });
});
