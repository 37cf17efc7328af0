import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CalendarDayDto, CalendarYearDto, RegionalHolidayDto } from '../../../shared/contracts/calendar';
import { Role } from '../../../shared/enums';
import { hasPermission } from '../../../shared/permissions';
import { attendanceDays, attendanceDirty, auditEvents, dispatches, institutions } from '../../db/schema';
import { ABA, GANZI, LIANGSHAN } from '../../seed/calendar-cn';
import { type TestApp, testApp } from '../../test/app';

let t: TestApp;
let office: string;
let doctor: string;
beforeAll(async () => {
  t = await testApp();
  [office, doctor] = await Promise.all([t.loginAs('province_office'), t.loginAs('support_staff')]);
});

const yearOf = async (year: number | string, cookie = doctor, region?: string) => {
  const res = await t.request({
    method: 'GET',
    url: `/api/calendar/${year}${region ? `?region=${region}` : ''}`,
    cookie,
  });
  return res;
};
const dayIn = (body: CalendarYearDto, date: string) => body.days.find((d) => d.date === date)!;

/** A 凉山 dispatch of the demo with a computed day on each of `dates` (as daily.service would leave them). */
async function computedDays(dates: string[]) {
  const [d] = await t.database.db
    .select({ id: dispatches.id, staffId: dispatches.staffId })
    .from(dispatches)
    .innerJoin(institutions, eq(institutions.id, dispatches.recipientInstitutionId))
    .where(eq(institutions.name, '昭觉县人民医院'))
    .limit(1);
  await t.database.db
    .insert(attendanceDays)
    .values(
      dates.map((date) => ({
        dispatchId: d!.id,
        staffId: d!.staffId,
        date,
        status: 'on_site' as const,
        workingDay: true,
        reason: { text: '测试' },
        computedAt: new Date(),
      })),
    )
    .onConflictDoNothing();
  return d!.staffId;
}
const dirtyDates = async (staffId: string, dates: string[]) =>
  (
    await t.database.db
      .select({ date: attendanceDirty.date })
      .from(attendanceDirty)
      .where(and(eq(attendanceDirty.staffId, staffId), inArray(attendanceDirty.date, dates)))
  )
    .map((r) => r.date)
    .sort();

describe('GET /api/calendar/:year', () => {
  it('gives every day of the year: 365, and 366 in a leap year', async () => {
    const y2026 = await yearOf(2026);
    expect(y2026.statusCode, y2026.body).toBe(200);
    const body = y2026.json() as CalendarYearDto;
    expect(body.year).toBe(2026);
    expect(body.region).toBeNull();
    expect(body.days).toHaveLength(365);
    expect(body.days[0]!.date).toBe('2026-01-01');
    expect(body.days.at(-1)!.date).toBe('2026-12-31');
    expect((await yearOf(2024)).json().days).toHaveLength(366);
  });

  it.each<[string, boolean, CalendarDayDto['kind'], string | null]>([
    ['2024-02-04', true, 'workday', '春节'], // make-up Sunday
    ['2024-02-09', true, 'weekday', null],
    ['2024-02-12', false, 'holiday', '春节'],
    ['2024-10-01', false, 'holiday', '国庆节'],
    ['2024-10-07', false, 'holiday', '国庆节'],
    ['2024-10-08', true, 'weekday', null],
    ['2024-10-12', true, 'workday', '国庆节'], // make-up Saturday
    ['2024-10-13', false, 'weekend', null],
  ])('%s: working %s (%s)', async (date, isWorkingDay, kind, name) => {
    const source = kind === 'holiday' || kind === 'workday' ? 'seed' : null;
    expect(dayIn((await yearOf(2024)).json(), date)).toEqual({ date, isWorkingDay, kind, name, source });
  });

  it('applies a region’s prefecture: 彝族年 in 昭觉 (a county of 凉山), not in 甘孜, not without a region', async () => {
    const zhaojue = await yearOf(2025, doctor, '513431');
    expect(zhaojue.statusCode, zhaojue.body).toBe(200);
    const body = zhaojue.json() as CalendarYearDto;
    expect(body.region).toEqual({
      code: '513431',
      name: '昭觉县',
      prefectureCode: LIANGSHAN,
      prefectureName: '凉山彝族自治州',
    });
    expect(dayIn(body, '2025-11-20')).toMatchObject({
      isWorkingDay: false,
      kind: 'regional_holiday',
      name: '彝族年',
    });
    expect(dayIn(body, '2025-11-21').isWorkingDay).toBe(false);
    expect(dayIn(body, '2025-11-24').isWorkingDay).toBe(true);
    expect(dayIn((await yearOf(2025, doctor, GANZI)).json(), '2025-11-20').isWorkingDay).toBe(true);
    expect(dayIn((await yearOf(2025)).json(), '2025-11-20')).toMatchObject({
      isWorkingDay: true,
      kind: 'weekday',
    });
    // 藏历年 2025 (28 Feb – 2 Mar) in 阿坝: Friday the 28th rests there
    expect(dayIn((await yearOf(2025, doctor, ABA)).json(), '2025-02-28')).toMatchObject({
      isWorkingDay: false,
      name: '藏历年',
    });
  });

  it('refuses a province or an unknown code with a Chinese message (400)', async () => {
    const province = await yearOf(2025, doctor, '510000');
    expect(province.statusCode).toBe(400);
    expect(province.json().error).toMatchObject({ code: 'NOT_PREFECTURE' });
    expect(province.json().error.message).toContain('四川省');
    const unknown = await yearOf(2025, doctor, '519999');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toBe('行政区划代码 519999 不存在');
    expect((await yearOf('20x5')).statusCode).toBe(400);
  });

  it('is 401 without a session and 403 for roles without calendar.read', async () => {
    expect((await t.request({ method: 'GET', url: '/api/calendar/2026' })).statusCode).toBe(401);
    const without = Role.values.filter((r) => !hasPermission(r, 'calendar.read'));
    expect(without.length).toBeGreaterThan(0);
    for (const role of without)
      expect((await yearOf(2026, await t.loginAs(role))).statusCode, role).toBe(403);
  });
});

describe('editing the State Council calendar', () => {
  it('sets a day, shows it, marks computed days dirty and audits; clearing restores the plain rule', async () => {
    const staffId = await computedDays(['2025-06-03']);
    const set = await t.request({
      method: 'PUT',
      url: '/api/calendar/days/2025-06-03',
      cookie: office,
      payload: { kind: 'holiday', name: '端午节（补充）' },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({
      date: '2025-06-03',
      isWorkingDay: false,
      kind: 'holiday',
      name: '端午节（补充）',
      source: 'manual',
    });
    expect(dayIn((await yearOf(2025)).json(), '2025-06-03')).toMatchObject({
      isWorkingDay: false,
      source: 'manual',
    });
    expect(await dirtyDates(staffId, ['2025-06-03'])).toEqual(['2025-06-03']);
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'calendar.day.set'), eq(auditEvents.objectId, '2025-06-03')));
    expect(audited?.details).toMatchObject({ kind: 'holiday', name: '端午节（补充）', before: null });

    await t.database.db.delete(attendanceDirty).where(eq(attendanceDirty.staffId, staffId));
    const cleared = await t.request({
      method: 'DELETE',
      url: '/api/calendar/days/2025-06-03',
      cookie: office,
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toEqual({
      date: '2025-06-03',
      isWorkingDay: true,
      kind: 'weekday',
      name: null,
      source: null,
    });
    expect(await dirtyDates(staffId, ['2025-06-03'])).toEqual(['2025-06-03']);
    const again = await t.request({ method: 'DELETE', url: '/api/calendar/days/2025-06-03', cookie: office });
    expect(again.statusCode).toBe(404);
  });

  it('turns a shipped make-up Sunday into a rest day by clearing it, and a Saturday into a make-up day', async () => {
    const cleared = await t.request({
      method: 'DELETE',
      url: '/api/calendar/days/2025-01-26',
      cookie: office,
    });
    expect(cleared.json()).toMatchObject({ isWorkingDay: false, kind: 'weekend' });
    const saturday = await t.request({
      method: 'PUT',
      url: '/api/calendar/days/2025-03-08',
      cookie: office,
      payload: { kind: 'workday', name: '测试调休' },
    });
    expect(saturday.json()).toMatchObject({ isWorkingDay: true, kind: 'workday', name: '测试调休' });
  });

  it('refuses a make-up day on a weekday, an empty name, a bad date (400)', async () => {
    const weekday = await t.request({
      method: 'PUT',
      url: '/api/calendar/days/2025-03-05',
      cookie: office,
      payload: { kind: 'workday', name: '调休' },
    });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json().error.code).toBe('NOT_WEEKEND');
    const blank = await t.request({
      method: 'PUT',
      url: '/api/calendar/days/2025-03-08',
      cookie: office,
      payload: { kind: 'holiday', name: '  ' },
    });
    expect(blank.statusCode).toBe(400);
    const badDate = await t.request({
      method: 'PUT',
      url: '/api/calendar/days/2025-02-30',
      cookie: office,
      payload: { kind: 'holiday', name: '节日' },
    });
    expect(badDate.statusCode).toBe(400);
  });

  it('is 403 for every role without calendar.manage', async () => {
    const without = Role.values.filter((r) => !hasPermission(r, 'calendar.manage'));
    for (const role of without) {
      const cookie = await t.loginAs(role);
      const put = await t.request({
        method: 'PUT',
        url: '/api/calendar/days/2025-03-15',
        cookie,
        payload: { kind: 'holiday', name: '节日' },
      });
      expect(put.statusCode, role).toBe(403);
      expect(
        (await t.request({ method: 'DELETE', url: '/api/calendar/days/2024-10-01', cookie })).statusCode,
        role,
      ).toBe(403);
    }
    expect(dayIn((await yearOf(2024)).json(), '2024-10-01').isWorkingDay).toBe(false);
  });
});

describe('regional holidays', () => {
  it('lists the seeded ones by year and region (a county reads its prefecture’s)', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/calendar/regional-holidays?year=2026&region=513431',
      cookie: doctor,
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as RegionalHolidayDto[];
    expect(items.map((i) => [i.regionName, i.date, i.name])).toEqual([
      ['凉山彝族自治州', '2026-11-20', '彝族年'],
      ['凉山彝族自治州', '2026-11-21', '彝族年'],
      ['凉山彝族自治州', '2026-11-22', '彝族年'],
    ]);
    const all = await t.request({
      method: 'GET',
      url: '/api/calendar/regional-holidays?year=2026',
      cookie: doctor,
    });
    expect(all.json().total).toBe(9);
  });

  it('adds a span for a prefecture, applies it, marks only that prefecture’s days dirty, and deletes a day', async () => {
    const staffId = await computedDays(['2025-07-15', '2025-07-16', '2025-08-05']);
    const add = await t.request({
      method: 'POST',
      url: '/api/calendar/regional-holidays',
      cookie: office,
      payload: { regionCode: LIANGSHAN, date: '2025-07-15', to: '2025-07-16', name: '火把节' },
    });
    expect(add.statusCode, add.body).toBe(201);
    const created = add.json() as RegionalHolidayDto[];
    expect(created.map((c) => [c.regionCode, c.date, c.name])).toEqual([
      [LIANGSHAN, '2025-07-15', '火把节'],
      [LIANGSHAN, '2025-07-16', '火把节'],
    ]);
    expect(dayIn((await yearOf(2025, doctor, '513431')).json(), '2025-07-15')).toMatchObject({
      isWorkingDay: false,
      kind: 'regional_holiday',
      name: '火把节',
    });
    expect(await dirtyDates(staffId, ['2025-07-15', '2025-07-16'])).toEqual(['2025-07-15', '2025-07-16']);

    // a 甘孜 holiday does not touch the 凉山 dispatch's days
    const ganzi = await t.request({
      method: 'POST',
      url: '/api/calendar/regional-holidays',
      cookie: office,
      payload: { regionCode: GANZI, date: '2025-08-05', name: '测试节' },
    });
    expect(ganzi.statusCode, ganzi.body).toBe(201);
    expect(await dirtyDates(staffId, ['2025-08-05'])).toEqual([]);

    const twice = await t.request({
      method: 'POST',
      url: '/api/calendar/regional-holidays',
      cookie: office,
      payload: { regionCode: LIANGSHAN, date: '2025-07-16', name: '火把节' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toBe('凉山彝族自治州在 2025-07-16（火把节） 已设有地方性节假日');

    const del = await t.request({
      method: 'DELETE',
      url: `/api/calendar/regional-holidays/${created[0]!.id}`,
      cookie: office,
    });
    expect(del.statusCode).toBe(204);
    expect(dayIn((await yearOf(2025, doctor, '513431')).json(), '2025-07-15').isWorkingDay).toBe(true);
    const [audited] = await t.database.db
      .select()
      .from(auditEvents)
      .where(
        and(eq(auditEvents.action, 'calendar.regional.delete'), eq(auditEvents.objectId, created[0]!.id)),
      );
    expect(audited?.details).toMatchObject({ date: '2025-07-15', name: '火把节', regionCode: LIANGSHAN });
    const gone = await t.request({
      method: 'DELETE',
      url: `/api/calendar/regional-holidays/${created[0]!.id}`,
      cookie: office,
    });
    expect(gone.statusCode).toBe(404);
  });

  it.each([
    ['a county', '513431', '昭觉县是县（市、区）'],
    ['the province', '510000', '四川省是省级行政区'],
  ])('refuses %s (400, in Chinese)', async (_, regionCode, text) => {
    const res = await t.request({
      method: 'POST',
      url: '/api/calendar/regional-holidays',
      cookie: office,
      payload: { regionCode, date: '2025-09-01', name: '测试节' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('NOT_PREFECTURE');
    expect(res.json().error.message).toContain(text);
  });

  it('refuses a span longer than 15 days and an end before the start (400)', async () => {
    const long = await t.request({
      method: 'POST',
      url: '/api/calendar/regional-holidays',
      cookie: office,
      payload: { regionCode: ABA, date: '2025-09-01', to: '2025-09-16', name: '测试节' },
    });
    expect(long.statusCode).toBe(400);
    const backwards = await t.request({
      method: 'POST',
      url: '/api/calendar/regional-holidays',
      cookie: office,
      payload: { regionCode: ABA, date: '2025-09-02', to: '2025-09-01', name: '测试节' },
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('is 403 for every role without calendar.manage, and leaves the holiday in place', async () => {
    const [seeded] = (
      await t.request({
        method: 'GET',
        url: `/api/calendar/regional-holidays?year=2024&region=${GANZI}`,
        cookie: doctor,
      })
    ).json().items as RegionalHolidayDto[];
    for (const role of Role.values.filter((r) => !hasPermission(r, 'calendar.manage'))) {
      const cookie = await t.loginAs(role);
      const post = await t.request({
        method: 'POST',
        url: '/api/calendar/regional-holidays',
        cookie,
        payload: { regionCode: ABA, date: '2025-09-20', name: '测试节' },
      });
      expect(post.statusCode, role).toBe(403);
      const del = await t.request({
        method: 'DELETE',
        url: `/api/calendar/regional-holidays/${seeded!.id}`,
        cookie,
      });
      expect(del.statusCode, role).toBe(403);
    }
    expect(seeded).toMatchObject({ date: '2024-02-10', name: '藏历年' });
    const after = await t.request({
      method: 'GET',
      url: `/api/calendar/regional-holidays?year=2024&region=${GANZI}`,
      cookie: doctor,
    });
    expect(after.json().total).toBe(3);
  });
});
