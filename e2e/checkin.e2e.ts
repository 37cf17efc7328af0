import type { BrowserContext, Page, Request } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { DailyStatusDto } from '../shared/contracts/attendance';
import type { CheckinContextDto, CheckinDto, CreateCheckinBody } from '../shared/contracts/checkin';
import { convertPoint, haversineMetres } from '../shared/geo';
import { todayInShanghai } from '../web/app/format';
import { deviceLabel } from '../web/mobile/device-id';
import { checkReading, LOCATION_MESSAGES } from '../web/mobile/location';
import { useBrowser } from './browser';
import { modalSettled, PATIENCE, waitForPath } from './ui';

/**
 * 打卡 on a phone (issue 7 item 2, "Done when"): consent first, on site inside the fence, 外勤
 * with a reason outside it, a retried request that stays one punch, and a punch made without
 * signal that survives a reload and syncs when the network is back — as 王建华 (doctor_wang),
 * on duty at 昭觉县人民医院 in the demo. The demo database is shared by every journey file:
 * assertions count the punches these tests made, by their ids.
 */

/**
 * One phone for every test here (each test has a fresh browser context, so a fresh
 * localStorage): the first punch binds it, a second id would need an approval.
 */
const DEVICE_ID = 'e2e-phone-doctor-wang';
const RECIPIENT = '昭觉县人民医院';
const CSRF = { 'x-requested-with': 'counterpart' };

const isPunchPost = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/checkins';
const bodyOf = (r: Request) => JSON.parse(r.postData() ?? '{}') as CreateCheckinBody;

describe('phone check-in', () => {
  const journey = useBrowser({ width: 390, height: 844 });

  /** Sign in on a phone with location allowed (this phone's id preset); `clockBehindMs` sets the phone's clock back. */
  async function openPhone(
    opts: { clockBehindMs?: number } = {},
  ): Promise<{ page: Page; context: BrowserContext }> {
    const page = await journey.open();
    const context = page.context();
    await context.addInitScript((id) => localStorage.setItem('counterpart.deviceId', id), DEVICE_ID);
    await context.grantPermissions(['geolocation'], { origin: journey.url });
    if (opts.clockBehindMs) await page.clock.install({ time: new Date(Date.now() - opts.clockBehindMs) });
    await journey.login('support_staff');
    await waitForPath(page, '/m/checkin');
    await page.getByTestId('checkin-page').waitFor(PATIENCE);
    return { page, context };
  }

  /** The fences of the dispatched institution, as the page gets them (WGS-84). */
  async function fences() {
    const ctx = await journey.api<CheckinContextDto>(`/api/checkins/context?deviceId=${DEVICE_ID}`);
    expect(ctx.dispatch?.recipient.name).toBe(RECIPIENT);
    expect(ctx.dispatch?.fences.length).toBeGreaterThan(0);
    return ctx.dispatch?.fences ?? [];
  }

  async function inside(context: BrowserContext) {
    const [fence] = await fences();
    await context.setGeolocation({ latitude: fence!.lat, longitude: fence!.lng, accuracy: 12 });
    return fence!;
  }

  /** Today's punches of the signed-in person, as the server has them. */
  const todays = async () => {
    const today = todayInShanghai();
    return (
      await journey.api<{ items: CheckinDto[] }>(`/api/checkins?from=${today}&to=${today}&pageSize=100`)
    ).items;
  };

  const row = (page: Page, id: string) => page.locator(`[data-testid="checkin-punch"][data-id="${id}"]`);

  test('the first check-in asks for consent, then a punch inside the fence is on site', async () => {
    const { page, context } = await openPhone();
    // First use for this person whatever ran before (the database is shared): withdraw, then reload.
    const withdrawn = await page.request.delete(`${journey.url}/api/checkins/consent`, { headers: CSRF });
    expect(withdrawn.status()).toBe(200);
    // Count the position reads the page makes: none may happen before consent (S17).
    await page.addInitScript(() => {
      const w = window as unknown as { locationReads: number };
      w.locationReads = 0;
      const geo = navigator.geolocation;
      const read = geo.getCurrentPosition.bind(geo);
      geo.getCurrentPosition = (...args: Parameters<Geolocation['getCurrentPosition']>) => {
        w.locationReads++;
        read(...args);
      };
    });
    await page.reload();
    const fence = await inside(context);

    const modal = await modalSettled(page, '打卡位置信息告知');
    const { consent } = await journey.api<CheckinContextDto>(`/api/checkins/context?deviceId=${DEVICE_ID}`);
    expect(consent.consentedAt).toBeNull();
    expect(await modal.getByTestId('checkin-consent-notice').textContent()).toBe(consent.notice);
    expect(await page.evaluate(() => (window as unknown as { locationReads: number }).locationReads)).toBe(0);

    const consentPost = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/api/checkins/consent'),
    );
    await modal.getByTestId('checkin-consent-accept').click();
    expect((await consentPost).status()).toBe(200);
    await modal.waitFor({ state: 'hidden', ...PATIENCE });
    expect(await page.evaluate(() => (window as unknown as { locationReads: number }).locationReads)).toBe(0);
    const after = await journey.api<CheckinContextDto>(`/api/checkins/context?deviceId=${DEVICE_ID}`);
    expect(after.consent.consentedAt).not.toBeNull();

    await expect.poll(() => page.getByTestId('checkin-institution').textContent(), PATIENCE).toBe(RECIPIENT);
    const sent = page.waitForRequest(isPunchPost);
    const answered = page.waitForResponse((r) => isPunchPost(r.request()));
    await page.getByTestId('checkin-button').click();
    const body = bodyOf(await sent);
    expect((await answered).status()).toBe(201);
    expect(await page.evaluate(() => (window as unknown as { locationReads: number }).locationReads)).toBe(1);
    expect(body).toMatchObject({ crs: 'wgs84', provider: 'browser', deviceId: DEVICE_ID, accuracy: 12 });
    expect(body.punchedAt).toMatch(/\+08:00$/);

    const punch = row(page, body.id);
    await punch.waitFor(PATIENCE);
    expect(await punch.getAttribute('data-state')).toBe('inside');
    expect(await punch.getByTestId('checkin-punch-tag').textContent()).toBe('在岗');
    expect(await punch.textContent()).toContain('位置在打卡范围内');

    const stored = (await todays()).filter((p) => p.id === body.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      inside: true,
      provider: 'browser',
      fenceName: fence.name,
      lateSynced: false,
    });
    expect(stored[0]!.distanceM).toBeLessThanOrEqual(fence.radiusM);

    // Today is an on-site day, and its reason names the punch.
    const today = todayInShanghai();
    const daily = await journey.api<{ items: DailyStatusDto[] }>(
      `/api/attendance/daily?staffId=${stored[0]!.staffId}&from=${today}&to=${today}`,
    );
    expect(daily.items.map((d) => [d.date, d.status])).toEqual([[today, 'on_site']]);
    expect(daily.items[0]!.reason.checkinIds).toContain(body.id);
  });

  test('a punch about 2 km away asks for the 外勤 reason and is recorded as 外勤 with it', async () => {
    const { page, context } = await openPhone();
    const all = await fences();
    // ~2 km north of the northernmost fence: outside every fence of the institution.
    const north = all.reduce((a, b) => (b.lat > a.lat ? b : a));
    const away = { lat: north.lat + 0.018, lng: north.lng };
    for (const f of all) expect(haversineMetres(away, f)).toBeGreaterThan(f.radiusM + 1000);
    await context.setGeolocation({ latitude: away.lat, longitude: away.lng, accuracy: 20 });

    const bodies: CreateCheckinBody[] = [];
    page.on('request', (r) => {
      if (isPunchPost(r)) bodies.push(bodyOf(r));
    });
    const refused = page.waitForResponse((r) => isPunchPost(r.request()));
    await page.getByTestId('checkin-button').click();
    expect((await refused).status()).toBe(422);

    const modal = await modalSettled(page, '外勤打卡');
    expect(await modal.textContent()).toContain(`不在${RECIPIENT}的打卡范围内`);
    const reason = '到昭觉县四开乡卫生院开展带教查房';
    await modal.getByTestId('checkin-reason-input').fill(reason);
    const accepted = page.waitForResponse((r) => isPunchPost(r.request()));
    await modal.getByTestId('checkin-reason-submit').click();
    expect((await accepted).status()).toBe(201);

    // The same punch sent again with its reason: same id, same time, same place (S28).
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual({ ...bodies[0], outsideReason: reason });
    const punch = row(page, bodies[0]!.id);
    await punch.waitFor(PATIENCE);
    expect(await punch.getAttribute('data-state')).toBe('outside');
    expect(await punch.getByTestId('checkin-punch-tag').textContent()).toBe('外勤');
    expect(await punch.textContent()).toContain(`外勤原因：${reason}`);

    const stored = (await todays()).filter((p) => p.id === bodies[0]!.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ inside: false, outsideReason: reason });
    expect(stored[0]!.distanceM).toBeGreaterThan(1500);
  });

  test('a punch without signal waits on the phone, survives a reload and syncs with its real time', async () => {
    // The phone's clock runs 10 minutes behind: the punch reaches the server more than the
    // 5 minutes after its own time that make it "late-synced" (补传), without waiting 5 minutes.
    const { page, context } = await openPhone({ clockBehindMs: 10 * 60_000 });
    await inside(context);
    const sent: CreateCheckinBody[] = [];
    page.on('request', (r) => {
      if (isPunchPost(r)) sent.push(bodyOf(r));
    });

    // 1. No network at all: the punch is kept on the phone.
    await context.setOffline(true);
    await page.getByTestId('checkin-button').click();
    const pending = page.getByTestId('checkin-pending-count');
    await pending.waitFor(PATIENCE);
    expect(await pending.textContent()).toContain('待同步（1）');
    const queued = page.locator('[data-testid="checkin-punch"][data-state="queued"]');
    await expect.poll(() => queued.count(), PATIENCE).toBe(1);
    const id = (await queued.getAttribute('data-id')) ?? '';
    expect(await queued.getByTestId('checkin-punch-tag').textContent()).toBe('待同步');

    // 2. A reload while offline cannot load the page at all, so the network comes back for the
    //    page but the check-in endpoint stays unreachable (as behind a captive portal): the
    //    page's attempts to sync fail, and the punch must still be there after the reload.
    const blocked = (url: URL) => url.pathname === '/api/checkins';
    let refusedSends = 0;
    await page.route(blocked, (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      refusedSends++;
      return route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    await expect.poll(() => refusedSends, PATIENCE).toBeGreaterThan(0);
    await page.reload();
    await page.getByTestId('checkin-page').waitFor(PATIENCE);
    await expect.poll(() => pending.textContent(), PATIENCE).toContain('待同步（1）');
    await row(page, id).waitFor(PATIENCE);
    expect(await row(page, id).getAttribute('data-state')).toBe('queued');
    expect((await todays()).filter((p) => p.id === id)).toHaveLength(0);

    // 3. Reconnecting syncs it: the `online` event sends the queue.
    await page.unroute(blocked);
    const synced = page.waitForResponse((r) => isPunchPost(r.request()) && r.status() === 201);
    await context.setOffline(true);
    await context.setOffline(false);
    await synced;
    await pending.waitFor({ state: 'detached', ...PATIENCE });
    await expect.poll(() => row(page, id).getAttribute('data-state'), PATIENCE).toBe('inside');
    expect(await row(page, id).textContent()).toContain('补传');

    // Every attempt carried the same id and time; those from the queue are marked as made offline.
    const [first, ...fromQueue] = sent.filter((b) => b.id === id);
    expect(first?.offline).toBeUndefined();
    expect(fromQueue.length).toBeGreaterThanOrEqual(2);
    for (const b of fromQueue) expect(b).toEqual({ ...first, offline: true });
    const stored = (await todays()).filter((p) => p.id === id);
    expect(stored).toHaveLength(1);
    expect(Date.parse(stored[0]!.punchedAt)).toBe(Date.parse(first!.punchedAt));
    expect(stored[0]).toMatchObject({ lateSynced: true, inside: true });
  });

  test('a punch retried after a failed answer stays one punch', async () => {
    const { page, context } = await openPhone();
    await inside(context);
    // The first request reaches the server and is recorded, but the page gets an error
    // instead of the answer (a busy gateway): the person taps 重试, which sends it again.
    const bodies: CreateCheckinBody[] = [];
    const statuses: number[] = [];
    page.on('request', (r) => {
      if (isPunchPost(r)) bodies.push(bodyOf(r));
    });
    page.on('response', (r) => {
      if (isPunchPost(r.request())) statuses.push(r.status());
    });
    await page.route(
      (url) => url.pathname === '/api/checkins',
      async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        const real = await route.fetch();
        expect(real.status()).toBe(201);
        await route.fulfill({
          status: 429,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: '打卡过于频繁，请一分钟后再试' } }),
        });
      },
      { times: 1 },
    );
    await page.getByTestId('checkin-button').click();
    const retry = page.getByTestId('checkin-retry');
    await retry.waitFor(PATIENCE);
    const answered = page.waitForResponse((r) => isPunchPost(r.request()));
    await retry.click();
    expect((await answered).status()).toBe(200);
    expect(statuses).toEqual([429, 200]);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toEqual(bodies[0]);

    const id = bodies[0]!.id;
    await row(page, id).waitFor(PATIENCE);
    await expect.poll(() => page.getByTestId('checkin-retry').count(), PATIENCE).toBe(0);
    expect(await page.locator(`[data-testid="checkin-punch"][data-id="${id}"]`).count()).toBe(1);
    expect((await todays()).filter((p) => p.id === id)).toHaveLength(1);
  });

  test('a punch queued outside the fence asks for the 外勤 reason once the page can sync it', async () => {
    const { page, context } = await openPhone();
    const [fence] = await fences();
    await context.setGeolocation({ latitude: fence!.lat + 0.02, longitude: fence!.lng, accuracy: 15 });
    await context.setOffline(true);
    await page.getByTestId('checkin-button').click();
    const queued = page.locator('[data-testid="checkin-punch"][data-state="queued"]');
    await expect.poll(() => queued.count(), PATIENCE).toBe(1);
    const id = (await queued.getAttribute('data-id')) ?? '';

    const refused = page.waitForResponse((r) => isPunchPost(r.request()) && r.status() === 422);
    await context.setOffline(false);
    await refused;
    const modal = await modalSettled(page, '外勤打卡');
    expect(await modal.textContent()).toContain('打卡范围内');
    const reason = '在昭觉县疾控中心参加包虫病筛查';
    await modal.getByTestId('checkin-reason-input').fill(reason);
    const accepted = page.waitForResponse((r) => isPunchPost(r.request()) && r.status() === 201);
    await modal.getByTestId('checkin-reason-submit').click();
    expect(bodyOf((await accepted).request())).toMatchObject({ id, offline: true, outsideReason: reason });
    await expect.poll(() => row(page, id).getAttribute('data-state'), PATIENCE).toBe('outside');
    expect(await page.getByTestId('checkin-pending-count').count()).toBe(0);
    expect((await todays()).filter((p) => p.id === id)).toMatchObject([
      { inside: false, outsideReason: reason },
    ]);
  });

  test('another phone is refused and offered 申请更换设备', async () => {
    const page = await journey.open();
    await page.context().grantPermissions(['geolocation'], { origin: journey.url });
    await journey.login('support_staff');
    await waitForPath(page, '/m/checkin');
    // This browser made its own id; the journeys' phone is the bound one (the first test bound it).
    const ours = await journey.api<CheckinContextDto>(`/api/checkins/context?deviceId=${DEVICE_ID}`);
    expect(ours.device.status).toBe('active');
    await inside(page.context());
    const refused = page.waitForResponse((r) => isPunchPost(r.request()));
    await page.getByTestId('checkin-button').click();
    const answer = await refused;
    expect(answer.status()).toBe(403);
    const { error } = (await answer.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe('DEVICE_NOT_BOUND');
    const problem = page.getByTestId('checkin-device-problem');
    await expect.poll(() => problem.textContent(), PATIENCE).toContain(error.message);
    await problem.getByTestId('checkin-device-request').click();
    const modal = await modalSettled(page, '申请更换打卡设备');
    expect(await modal.textContent()).toContain('Linux · Chrome');
    // Not submitted: a pending approval would land in the sending institution's to-do list of the shared demo.
    await modal.getByRole('button', { name: '取 消' }).click();
    await modal.waitFor({ state: 'hidden', ...PATIENCE });
  });

  test('inside DingTalk the JSAPI gives GCJ-02, and the server still finds the punch on site', async () => {
    const { page } = await openPhone();
    const [fence] = await fences();
    // The fence centre as 钉钉 reports it (高德 coordinates, a few hundred metres off WGS-84 in China).
    const gcj = convertPoint(fence!, 'wgs84', 'gcj02');
    expect(haversineMetres(gcj, fence!)).toBeGreaterThan(fence!.radiusM / 10);
    await page.evaluate((p) => {
      (window as unknown as { dd: unknown }).dd = {
        device: {
          geolocation: {
            get: (o: { coordinate: number; onSuccess: (r: unknown) => void }) =>
              o.coordinate === 1 && o.onSuccess({ latitude: p.lat, longitude: p.lng, accuracy: 30 }),
          },
        },
      };
    }, gcj);
    const sent = page.waitForRequest(isPunchPost);
    const answered = page.waitForResponse((r) => isPunchPost(r.request()));
    await page.getByTestId('checkin-button').click();
    const body = bodyOf(await sent);
    expect((await answered).status()).toBe(201);
    expect(body).toMatchObject({
      lat: gcj.lat,
      lng: gcj.lng,
      accuracy: 30,
      crs: 'gcj02',
      provider: 'dingtalk',
    });
    await expect.poll(() => row(page, body.id).getAttribute('data-state'), PATIENCE).toBe('inside');
    expect((await todays()).find((p) => p.id === body.id)).toMatchObject({
      inside: true,
      provider: 'dingtalk',
    });
  });

  test('without location permission, or at (0, 0), nothing is sent and the page says what to do', async () => {
    const { page, context } = await openPhone();
    let sends = 0;
    page.on('request', (r) => {
      if (isPunchPost(r)) sends++;
    });
    await context.clearPermissions();
    await page.getByTestId('checkin-button').click();
    const problem = page.getByTestId('checkin-location-error');
    await expect.poll(() => problem.textContent(), PATIENCE).toBe(LOCATION_MESSAGES.denied);

    await context.grantPermissions(['geolocation'], { origin: journey.url });
    await context.setGeolocation({ latitude: 0, longitude: 0, accuracy: 5 });
    await page.getByTestId('checkin-button').click();
    await expect.poll(() => problem.textContent(), PATIENCE).toBe(LOCATION_MESSAGES.invalid);
    expect(sends).toBe(0);
  });
});

describe('the phone page pure parts', () => {
  test.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Version/17.4 Mobile/15E148 Safari/604.1',
      'iPhone · Safari',
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47',
      'Android · 微信',
    ],
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 AliApp(DingTalk/7.5.0)',
      'iPhone · 钉钉',
    ],
    [
      'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 Chrome/99.0 Mobile Safari/537.36 HuaweiBrowser/14.0',
      '鸿蒙 · 华为浏览器',
    ],
    [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36 Edg/126.0',
      'Windows · Edge',
    ],
  ])('device label of %s', (ua, label) => {
    expect(deviceLabel(ua)).toBe(label);
  });

  const base = { crs: 'wgs84', provider: 'browser' } as const;
  test.each([
    ['(0, 0)', { lat: 0, lng: 0, accuracy: 5 }],
    ['no latitude', { lat: undefined, lng: 102.8, accuracy: 5 }],
    ['an empty string', { lat: '', lng: 102.8, accuracy: 5 }],
    ['not a number', { lat: 'abc', lng: 102.8, accuracy: 5 }],
    ['latitude beyond 90', { lat: 91, lng: 102.8, accuracy: 5 }],
  ])('a reading with %s is refused', (_, raw) => {
    expect(() => checkReading({ ...base, ...raw })).toThrow(LOCATION_MESSAGES.invalid);
  });

  test.each([
    ['as reported', 35, 35],
    ['a string from a JSAPI', '35.5', 35.5],
    ['missing: assumed poor, not perfect', undefined, 1000],
    ['negative: unknown', -1, 1000],
  ])('accuracy %s', (_, accuracy, expected) => {
    expect(checkReading({ ...base, lat: 28.01, lng: 102.84, accuracy }).accuracy).toBe(expected);
  });

  test('a latitude of 0 with a real longitude is a position, not a failure', () => {
    expect(checkReading({ ...base, lat: 0, lng: 102.84, accuracy: 10 })).toEqual({
      ...base,
      lat: 0,
      lng: 102.84,
      accuracy: 10,
    });
  });
});
