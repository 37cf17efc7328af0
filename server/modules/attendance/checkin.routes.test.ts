import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOCATION_NOTICE_VERSION } from '../../../shared/attendance-vocabulary';
import type { CheckinDto, CheckinResultDto } from '../../../shared/contracts/checkin';
import { convertPoint, haversineMetres, type LatLng } from '../../../shared/geo';
import {
  attendanceDirty,
  auditEvents,
  checkins,
  devices,
  dispatches,
  geofences,
  institutions,
  pairings,
  staff,
  userScopes,
  users,
} from '../../db/schema';
import { decrypt, deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { TEST_KEY, type TestApp, testApp } from '../../test/app';
import { PUNCHES_PER_MINUTE } from './checkin.service';

/**
 * Phone check-in against the demo: 王建华 (doctor_wang) of 四川省人民医院, on duty at
 * 昭觉县人民医院, whose fence is stored in GCJ-02 (as copied from 高德) with a 500 m radius;
 * punches are sent in WGS-84. The test clock is 2026-03-02 09:00 (+08:00).
 */

const SPPH = '四川省人民医院';
const ZHAOJUE = '昭觉县人民医院';
const keys = deriveKeys(staticKeyProvider(Buffer.from(TEST_KEY, 'hex')));

let t: TestApp;
let wang: string;
let zhang: string;
let wangStaffId: string;
let zhangStaffId: string;
let centre: LatLng;
const PHONE = 'phone-wang-0001';

const db = () => t.database.db;
const idOf = async (name: string) =>
  (await db().select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name)))[0]!.id;

/** Moving north by `metres` with the haversine's own Earth radius: the distance is exact. */
const north = (p: LatLng, metres: number): LatLng => ({
  lat: p.lat + (metres / 6_371_008.8) * (180 / Math.PI),
  lng: p.lng,
});

/**
 * 王建华 on duty at 昭觉县人民医院 on the test date. The demo is being extended with such a
 * dispatch; until it has one, the test enters it (an approved, arrived dispatch).
 */
async function ensureOnDuty(staffId: string) {
  const [inForce] = await db()
    .select({ id: dispatches.id })
    .from(dispatches)
    .where(
      and(
        eq(dispatches.staffId, staffId),
        inArray(dispatches.status, ['approved', 'on_duty']),
        eq(dispatches.recipientInstitutionId, await idOf(ZHAOJUE)),
      ),
    );
  const rows = await db()
    .select({ start: dispatches.plannedStart, end: dispatches.plannedEnd, ended: dispatches.endedOn })
    .from(dispatches)
    .where(eq(dispatches.staffId, staffId));
  if (inForce && rows.some((r) => r.start <= '2026-03-02' && r.end >= '2026-03-02' && !r.ended)) return;
  const [pairing] = await db()
    .select({ id: pairings.id })
    .from(pairings)
    .where(
      and(
        eq(pairings.supportingInstitutionId, await idOf(SPPH)),
        eq(pairings.recipientInstitutionId, await idOf(ZHAOJUE)),
      ),
    )
    .limit(1);
  await db()
    .insert(dispatches)
    .values({
      staffId,
      pairingId: pairing!.id,
      recipientInstitutionId: await idOf(ZHAOJUE),
      batch: '2026年第一批',
      kind: 'resident',
      role: 'clinical',
      plannedStart: '2026-01-01',
      plannedEnd: '2026-12-31',
      status: 'on_duty',
      approvedAt: new Date('2025-12-20T10:00:00+08:00'),
      arrivedOn: '2026-01-02',
    });
}

/** A second support staff account, for 张志强 of the same hospital (his dispatch ended in 2019). */
async function supportAccount(name: string, username: string) {
  const [person] = await db()
    .select({ id: staff.id, institutionId: staff.institutionId })
    .from(staff)
    .where(and(eq(staff.name, name), eq(staff.institutionId, await idOf(SPPH))));
  const [template] = await db().select({ hash: users.passwordHash }).from(users).limit(1);
  const [u] = await db()
    .insert(users)
    .values({
      username,
      displayName: name,
      role: 'support_staff',
      passwordHash: template!.hash,
      institutionId: person!.institutionId,
    })
    .returning({ id: users.id });
  await db().insert(userScopes).values({ userId: u!.id, kind: 'self' });
  await db().update(staff).set({ userId: u!.id }).where(eq(staff.id, person!.id));
  return person!.id;
}

beforeAll(async () => {
  t = await testApp();
  const [me] = await db()
    .select({ id: staff.id })
    .from(staff)
    .innerJoin(users, eq(users.id, staff.userId))
    .where(eq(users.username, 'doctor_wang'));
  wangStaffId = me!.id;
  await ensureOnDuty(wangStaffId);
  zhangStaffId = await supportAccount('张志强', 'doctor_zhang');
  wang = await t.loginAs('support_staff');
  zhang = await t.loginUser('doctor_zhang');
  const [fence] = await db()
    .select()
    .from(geofences)
    .where(eq(geofences.institutionId, await idOf(ZHAOJUE)));
  // The fence as the office entered it (GCJ-02), converted with the platform's own function.
  expect(fence).toMatchObject({ crs: 'gcj02', radiusM: 500 });
  centre = convertPoint({ lat: fence!.lat, lng: fence!.lng }, 'gcj02', 'wgs84');
  expect(fence!.latWgs84).toBeCloseTo(centre.lat, 9);
  expect(fence!.lngWgs84).toBeCloseTo(centre.lng, 9);
});

// Each test starts a new minute, so the per-person limit (S26) counts only its own punches.
beforeEach(() => t.clock.advance(61_000));

const punch = (
  cookie: string,
  at: LatLng,
  extra: Record<string, unknown> = {},
): Promise<import('fastify').LightMyRequestResponse> =>
  t.request({
    method: 'POST',
    url: '/api/checkins',
    cookie,
    headers: {
      'user-agent':
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1',
    },
    payload: {
      id: randomUUID(),
      punchedAt: t.clock.now().toISOString(),
      lat: at.lat,
      lng: at.lng,
      accuracy: 20,
      crs: 'wgs84',
      provider: 'browser',
      deviceId: PHONE,
      ...extra,
    },
  });
const context = (cookie: string, deviceId = PHONE) =>
  t.request({ method: 'GET', url: `/api/checkins/context?deviceId=${deviceId}`, cookie });
const consent = (cookie: string) =>
  t.request({
    method: 'POST',
    url: '/api/checkins/consent',
    cookie,
    payload: { noticeVersion: LOCATION_NOTICE_VERSION },
  });
const rowsWithId = async (id: string) => db().select().from(checkins).where(eq(checkins.id, id));
const countOf = async (staffId: string) =>
  (await db().select().from(checkins).where(eq(checkins.staffId, staffId))).length;

describe('check-in: consent and the fence', () => {
  it('401 without a session', async () => {
    const res = await t.request({ method: 'POST', url: '/api/checkins', payload: {} });
    expect(res.statusCode).toBe(401);
  });

  it('no consent: 403 CONSENT_REQUIRED, nothing stored; the context carries the notice', async () => {
    const before = await countOf(wangStaffId);
    const res = await punch(wang, north(centre, 100));
    expect(res.statusCode, res.body).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: expect.stringContaining('同意'),
    });
    expect(await countOf(wangStaffId)).toBe(before);

    const ctx = (await context(wang)).json();
    expect(ctx).toMatchObject({
      staff: { id: wangStaffId, name: '王建华' },
      dispatch: { recipient: { name: ZHAOJUE }, fences: [{ name: '院区', radiusM: 500 }] },
      consent: { noticeVersion: LOCATION_NOTICE_VERSION, consentedAt: null },
      device: { status: 'new', label: null },
      today: [],
    });
    for (const words of ['打卡', '加密', '后台', '撤回', '保存期限'])
      expect(ctx.consent.notice).toContain(words);
    // The fences are given in WGS-84.
    expect(ctx.dispatch.fences[0].lat).toBeCloseTo(centre.lat, 9);

    const given = await consent(wang);
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().consentedAt).toBe(t.clock.now().toISOString());
    expect((await context(wang)).json().consent.consentedAt).toBe(t.clock.now().toISOString());
  });

  it('an outdated notice version is refused', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/checkins/consent',
      cookie: wang,
      payload: { noticeVersion: LOCATION_NOTICE_VERSION + 1 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('NOTICE_OUTDATED');
  });

  it.each([
    ['(0, 0)', { lat: 0, lng: 0 }, 400, 'NO_LOCATION'],
    ['no latitude', { lat: undefined }, 400, undefined],
  ])('refuses %s with 400 and a Chinese message', async (_, patch, status, code) => {
    const res = await punch(wang, { lat: 0, lng: 0 }, patch);
    expect(res.statusCode, res.body).toBe(status);
    if (code) expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('499 m from a 500 m fence stored in GCJ-02, sent in WGS-84: inside; the first phone is bound', async () => {
    const point = north(centre, 499);
    expect(haversineMetres(point, centre)).toBeCloseTo(499, 6);
    const res = await punch(wang, point);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as CheckinResultDto;
    expect(body).toMatchObject({
      staffId: wangStaffId,
      staffName: '王建华',
      source: 'app',
      inside: true,
      distanceM: 499,
      fenceName: '院区',
      outsideReason: null,
      lateSynced: false,
      localDate: '2026-03-02',
      risks: [],
      duplicate: false,
      latRounded: Math.round(point.lat * 100) / 100,
      lngRounded: Math.round(point.lng * 100) / 100,
    });
    expect(body.dispatchId).not.toBeNull();
    const [device] = await db().select().from(devices).where(eq(devices.staffId, wangStaffId));
    expect(device).toMatchObject({ deviceId: PHONE, status: 'active', label: 'iPhone · Safari' });
    expect((await context(wang)).json()).toMatchObject({
      device: { status: 'active', label: 'iPhone · Safari' },
      today: [{ id: body.id, inside: true }],
    });
    // Marked for the daily status, in the same transaction.
    const dirty = await db()
      .select()
      .from(attendanceDirty)
      .where(and(eq(attendanceDirty.staffId, wangStaffId), eq(attendanceDirty.date, '2026-03-02')));
    expect(dirty).toHaveLength(1);
  });

  it('501 m: outside — 422 OUTSIDE_NEEDS_REASON without a reason (nothing stored), 外勤 with one', async () => {
    const before = await countOf(wangStaffId);
    const point = north(centre, 501);
    const refused = await punch(wang, point);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().error).toMatchObject({
      code: 'OUTSIDE_NEEDS_REASON',
      details: { distanceM: 501, fenceName: '院区', radiusM: 500 },
    });
    expect(refused.json().error.message).toContain('外勤');
    expect(await countOf(wangStaffId)).toBe(before);

    const res = await punch(wang, point, { outsideReason: '到竹核镇中心卫生院义诊' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      inside: false,
      distanceM: 501,
      outsideReason: '到竹核镇中心卫生院义诊',
    });
  });

  it('a punch sent in GCJ-02 is converted before judging', async () => {
    const wgs = north(centre, 450);
    const gcj = convertPoint(wgs, 'wgs84', 'gcj02');
    const res = await punch(wang, gcj, { crs: 'gcj02', provider: 'wechat' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ inside: true, distanceM: 450, provider: 'wechat' });
  });

  it('the precise location is stored only encrypted, as sent; the punch row is its own record, not audited', async () => {
    const point = { lat: 28.004321, lng: 102.839876 };
    const res = await punch(wang, point, { outsideReason: '外出会诊' });
    expect(res.statusCode, res.body).toBe(201);
    const [row] = await rowsWithId(res.json().id);
    expect(row!.locationEnc).not.toContain('28.004321');
    expect(row!.locationEnc).not.toContain('102.839876');
    expect(row!.locationEnc!.startsWith('v1:')).toBe(true);
    expect(decrypt(keys, row!.locationEnc!)).toBe('28.004321,102.839876');
    expect([row!.latRounded, row!.lngRounded]).toEqual([28, 102.84]);
    // Who (account and person), when (made and received), from which phone: on the row itself.
    const [account] = await db()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'doctor_wang'));
    expect(row).toMatchObject({
      userId: account!.id,
      staffId: wangStaffId,
      deviceId: PHONE,
      punchedAt: t.clock.now(),
      receivedAt: t.clock.now(),
    });
    expect(await db().select().from(auditEvents).where(eq(auditEvents.objectId, res.json().id))).toEqual([]);
  });

  it('consent and its withdrawal are audited', async () => {
    const [account] = await db()
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, 'doctor_wang'));
    const events = async () =>
      (
        await db()
          .select({ action: auditEvents.action })
          .from(auditEvents)
          .where(and(eq(auditEvents.objectType, 'location_consent'), eq(auditEvents.objectId, account!.id)))
          .orderBy(auditEvents.id)
      ).map((e) => e.action);
    const before = await events();
    expect(before).toContain('checkin.consent');
    expect(
      (await t.request({ method: 'DELETE', url: '/api/checkins/consent', cookie: wang })).statusCode,
    ).toBe(200);
    expect((await consent(wang)).statusCode).toBe(200);
    expect((await events()).slice(before.length)).toEqual(['checkin.consent.withdraw', 'checkin.consent']);
  });
});

describe('check-in: idempotency (S28)', () => {
  it('a retry answers 200 with the same punch and duplicate: true', async () => {
    const id = randomUUID();
    const first = await punch(wang, north(centre, 10), { id });
    expect(first.statusCode, first.body).toBe(201);
    const retry = await punch(wang, north(centre, 10), { id, punchedAt: first.json().punchedAt });
    expect(retry.statusCode, retry.body).toBe(200);
    expect(retry.json()).toEqual({ ...first.json(), duplicate: true });
    expect(await rowsWithId(id)).toHaveLength(1);
  });

  it('concurrent duplicates create one row', async () => {
    const id = randomUUID();
    const punchedAt = t.clock.now().toISOString();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => punch(wang, north(centre, 20), { id, punchedAt })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(results.filter((r) => r.json().duplicate).length).toBe(4);
    expect(new Set(results.map((r) => r.json().id))).toEqual(new Set([id]));
    expect(await rowsWithId(id)).toHaveLength(1);
  });

  it('the same id from another person is 409, and their punch is not stored', async () => {
    const id = randomUUID();
    expect((await punch(wang, north(centre, 30), { id })).statusCode).toBe(201);
    expect((await consent(zhang)).statusCode).toBe(200);
    const res = await punch(zhang, north(centre, 30), {
      id,
      deviceId: 'phone-zhang-0001',
      outsideReason: '测试',
    });
    expect(res.statusCode, res.body).toBe(409);
    expect((await rowsWithId(id))[0]!.staffId).toBe(wangStaffId);
  });
});

describe('check-in: time', () => {
  it('an offline punch keeps its real time and is late-synced when received over 5 minutes later', async () => {
    const made = new Date(t.clock.now().getTime() - 10 * 60_000).toISOString();
    const res = await punch(wang, north(centre, 40), { punchedAt: made, offline: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      punchedAt: made,
      lateSynced: true,
      receivedAt: t.clock.now().toISOString(),
    });

    const prompt = await punch(wang, north(centre, 40), {
      punchedAt: new Date(t.clock.now().getTime() - 4 * 60_000).toISOString(),
      offline: true,
    });
    expect(prompt.json().lateSynced).toBe(false);
  });

  it.each([
    ['10 minutes in the future', 10 * 60_000],
    ['8 days old', -8 * 86_400_000],
  ])('refuses a punch %s', async (_, offset) => {
    const res = await punch(wang, north(centre, 40), {
      punchedAt: new Date(t.clock.now().getTime() + offset).toISOString(),
      offline: true,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.code).toBe('INVALID_PUNCH_TIME');
  });

  it('the date is the Asia/Shanghai date of the punch', async () => {
    // 2026-03-01 23:50 in Beijing is 15:50 UTC the same day; offline, sent the next morning.
    const made = '2026-03-01T15:50:00.000Z';
    const res = await punch(wang, north(centre, 40), { punchedAt: made, offline: true });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().localDate).toBe('2026-03-01');
  });
});

describe('check-in: risk signals', () => {
  it('accuracy worse than the fence radius', async () => {
    const res = await punch(wang, north(centre, 100), { accuracy: 650 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().risks).toEqual([
      { code: 'poor_accuracy', detail: '定位精度约 650 米，大于打卡范围“院区”的半径 500 米' },
    ]);
  });

  it('impossible travel: 100 km a minute after the previous punch; not 100 km over hours', async () => {
    // Sent late from a trip two hours ago: the punch before it in time was last night's, far back.
    const trip = await punch(wang, north(centre, 100_000), {
      punchedAt: new Date(t.clock.now().getTime() - 2 * 3_600_000).toISOString(),
      offline: true,
      outsideReason: '到西昌开会',
    });
    expect(trip.statusCode, trip.body).toBe(201);
    expect(trip.json().risks).toEqual([]);

    expect((await punch(wang, north(centre, 10))).statusCode).toBe(201);
    t.clock.advance(60_000);
    const res = await punch(wang, north(centre, 100_000), { outsideReason: '到西昌开会' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().risks.map((r: { code: string }) => r.code)).toEqual(['impossible_travel']);
    expect(res.json().risks[0].detail).toContain('超过 300 公里/小时');
  });

  it('one device for two people, and a punch outside any dispatch period', async () => {
    // 张志强 has no dispatch in force and uses 王建华's bound phone: stored, with both signals.
    const res = await punch(zhang, north(centre, 10), { outsideReason: '临时来院协助' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      staffId: zhangStaffId,
      dispatchId: null,
      inside: false,
      distanceM: null,
    });
    expect(res.json().risks).toEqual([
      { code: 'shared_device', detail: '该设备也用于王建华的打卡' },
      { code: 'outside_dispatch_period', detail: '打卡当日没有在派驻期内的选派任务' },
    ]);
  });
});

describe('check-in: devices', () => {
  const NEW_PHONE = 'phone-wang-0002';

  it('a new phone is refused; requested, approved by the sending hospital, then it works and the old one not', async () => {
    const refused = await punch(wang, north(centre, 10), { deviceId: NEW_PHONE });
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json().error).toMatchObject({
      code: 'DEVICE_NOT_BOUND',
      message: expect.stringContaining('更换设备'),
    });

    const req = await t.request({
      method: 'POST',
      url: '/api/checkins/devices',
      cookie: wang,
      payload: { deviceId: NEW_PHONE, label: '华为 Mate 60 · 钉钉', reason: '原手机丢失' },
    });
    expect(req.statusCode, req.body).toBe(201);
    expect(req.json()).toEqual({ status: 'pending', label: '华为 Mate 60 · 钉钉' });
    expect((await context(wang, NEW_PHONE)).json().device).toEqual({
      status: 'pending',
      label: '华为 Mate 60 · 钉钉',
    });
    const again = await t.request({
      method: 'POST',
      url: '/api/checkins/devices',
      cookie: wang,
      payload: { deviceId: NEW_PHONE, label: '华为', reason: '原手机丢失' },
    });
    expect(again.statusCode).toBe(409);
    const pending = await punch(wang, north(centre, 10), { deviceId: NEW_PHONE });
    expect(pending.statusCode).toBe(403);
    expect(pending.json().error.message).toContain('审批中');

    const [row] = await db()
      .select()
      .from(devices)
      .where(and(eq(devices.staffId, wangStaffId), eq(devices.deviceId, NEW_PHONE)));
    const [requested] = await db().select().from(auditEvents).where(eq(auditEvents.objectId, row!.id));
    expect(requested).toMatchObject({ action: 'checkin.device.request', objectType: 'device' });
    expect(requested!.details).toMatchObject({
      staff: '王建华',
      device: '华为 Mate 60 · 钉钉',
      reason: '原手机丢失',
    });
    const spph = await t.loginAs('supporting_admin');
    const list = await t.request({
      method: 'GET',
      url: `/api/workflow/instances?docType=device_binding&docId=${row!.id}`,
      cookie: spph,
    });
    expect(list.statusCode, list.body).toBe(200);
    const [instance] = list.json().items;
    expect(instance).toMatchObject({
      status: 'pending',
      title: '王建华 更换打卡设备（华为 Mate 60 · 钉钉）',
    });
    const approve = await t.request({
      method: 'POST',
      url: `/api/workflow/instances/${instance.id}/approve`,
      cookie: spph,
      payload: { version: instance.version },
    });
    expect(approve.statusCode, approve.body).toBe(200);

    const states = await db()
      .select({ deviceId: devices.deviceId, status: devices.status })
      .from(devices)
      .where(eq(devices.staffId, wangStaffId));
    expect(Object.fromEntries(states.map((s) => [s.deviceId, s.status]))).toEqual({
      [PHONE]: 'revoked',
      [NEW_PHONE]: 'active',
    });
    expect((await punch(wang, north(centre, 10), { deviceId: NEW_PHONE })).statusCode).toBe(201);
    expect((await punch(wang, north(centre, 10), { deviceId: PHONE })).statusCode).toBe(403);
  });

  it('a rejected request leaves the phone unbound', async () => {
    const phone = 'phone-wang-0003';
    const req = await t.request({
      method: 'POST',
      url: '/api/checkins/devices',
      cookie: wang,
      payload: { deviceId: phone, label: '备用机', reason: '换新手机' },
    });
    expect(req.statusCode, req.body).toBe(201);
    const [row] = await db().select().from(devices).where(eq(devices.deviceId, phone));
    const spph = await t.loginAs('supporting_admin');
    const [instance] = (
      await t.request({
        method: 'GET',
        url: `/api/workflow/instances?docType=device_binding&docId=${row!.id}`,
        cookie: spph,
      })
    ).json().items;
    const reject = await t.request({
      method: 'POST',
      url: `/api/workflow/instances/${instance.id}/reject`,
      cookie: spph,
      payload: { version: instance.version, comment: '请先说明原手机去向' },
    });
    expect(reject.statusCode, reject.body).toBe(200);
    expect((await context(wang, phone)).json().device.status).toBe('rejected');
    expect((await punch(wang, north(centre, 10), { deviceId: phone })).statusCode).toBe(403);
  });
});

describe('check-in: limits, withdrawal, the list', () => {
  it(`per person: ${PUNCHES_PER_MINUTE} a minute, then 429 (others unaffected)`, async () => {
    for (let i = 0; i < PUNCHES_PER_MINUTE; i++) {
      const res = await punch(wang, north(centre, 10), { deviceId: 'phone-wang-0002' });
      expect(res.statusCode, res.body).toBe(201);
    }
    const over = await punch(wang, north(centre, 10), { deviceId: 'phone-wang-0002' });
    expect(over.statusCode).toBe(429);
    expect(over.json().error).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringContaining('频繁'),
    });
    expect((await punch(zhang, north(centre, 10), { outsideReason: '协助' })).statusCode).toBe(201);
    t.clock.advance(60_000);
    expect((await punch(wang, north(centre, 10), { deviceId: 'phone-wang-0002' })).statusCode).toBe(201);
  });

  it('scope: support staff their own; the sending hospital all its staff; the recipient side the punches for dispatches to it', async () => {
    const list = async (cookie: string) => {
      const res = await t.request({ method: 'GET', url: '/api/checkins?pageSize=1000', cookie });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { items: CheckinDto[]; total: number };
    };
    const names = (page: { items: CheckinDto[] }) => [...new Set(page.items.map((i) => i.staffName))].sort();
    /** The punches of staff with these names (all of 四川省人民医院). */
    const countFor = async (who: string[]) =>
      (
        await db()
          .select({ id: checkins.id })
          .from(checkins)
          .innerJoin(staff, eq(staff.id, checkins.staffId))
          .where(and(inArray(staff.name, who), eq(staff.institutionId, await idOf(SPPH))))
      ).length;

    const own = await list(wang);
    expect(own.total).toBe(await countOf(wangStaffId));
    expect(names(own)).toEqual(['王建华']);
    expect(names(await list(zhang))).toEqual(['张志强']);
    // The sending hospital: everyone of its staff, 张志强's punches without a dispatch too.
    const home = await list(await t.loginAs('supporting_admin'));
    expect(home.total).toBe(await countFor(['王建华', '刘芳', '陈俊', '张志强']));
    // 昭觉 (hospital, county): the two stationed there; 张志强's punches count for no dispatch.
    for (const role of ['recipient_admin', 'county_authority'] as const) {
      const page = await list(await t.loginAs(role));
      expect(page.total, role).toBe(await countFor(['王建华', '刘芳']));
      expect(names(page), role).not.toContain('张志强');
    }
    // 凉山: 昭觉 and 喜德.
    expect((await list(await t.loginAs('prefecture_authority'))).total).toBe(
      await countFor(['王建华', '刘芳', '陈俊']),
    );
    // Only rounded coordinates leave the server.
    for (const item of own.items) {
      expect(Object.keys(item)).not.toContain('lat');
      if (item.latRounded !== null) expect(item.latRounded).toBe(Math.round(item.latRounded * 100) / 100);
    }
    // Filters
    const risky = await t.request({
      method: 'GET',
      url: '/api/checkins?risky=true&pageSize=1000',
      cookie: wang,
    });
    expect(risky.json().total).toBeGreaterThan(0);
    expect(risky.json().items.every((i: CheckinDto) => i.risks.length > 0)).toBe(true);
    const day = await t.request({
      method: 'GET',
      url: `/api/checkins?staffId=${wangStaffId}&from=2026-03-01&to=2026-03-01&pageSize=1000`,
      cookie: wang,
    });
    expect(day.json().items.map((i: CheckinDto) => i.localDate)).toEqual(['2026-03-01']);
  });

  it('withdrawing consent stops check-in until given again', async () => {
    const w = await t.request({ method: 'DELETE', url: '/api/checkins/consent', cookie: wang });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json().consentedAt).toBeNull();
    const res = await punch(wang, north(centre, 10), { deviceId: 'phone-wang-0002' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CONSENT_REQUIRED');
    expect((await consent(wang)).statusCode).toBe(200);
    expect((await punch(wang, north(centre, 10), { deviceId: 'phone-wang-0002' })).statusCode).toBe(201);
  });

  it('roles without attendance.checkin may not punch', async () => {
    const res = await punch(await t.loginAs('recipient_admin'), north(centre, 10));
    expect(res.statusCode).toBe(403);
  });
});
