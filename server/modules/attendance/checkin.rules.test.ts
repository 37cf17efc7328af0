import { describe, expect, it } from 'vitest';
import { convertPoint, haversineMetres, type LatLng } from '../../../shared/geo';
import {
  decideFence,
  deviceLabel,
  type FenceWgs84,
  isMissingLocation,
  judgePunchTime,
  LATE_SYNC_AFTER_MS,
  MAX_CLOCK_AHEAD_MS,
  MAX_PLAUSIBLE_SPEED_KMH,
  MAX_PUNCH_AGE_MS,
  type RiskInput,
  riskSignals,
} from './checkin.rules';

/** Metres → degrees of latitude, with the haversine's own Earth radius: moving north is exact. */
const north = (p: LatLng, metres: number): LatLng => ({
  lat: p.lat + (metres / 6_371_008.8) * (180 / Math.PI),
  lng: p.lng,
});

// A fence entered from 高德 (GCJ-02) near 昭觉, compared in WGS-84.
const gcjCentre = { lat: 28.0118, lng: 102.845 };
const centre = convertPoint(gcjCentre, 'gcj02', 'wgs84');
const fence: FenceWgs84 = { id: 'f1', name: '院区', ...centre, radiusM: 500 };

describe('decideFence', () => {
  it('measures the test points exactly', () => {
    expect(haversineMetres(centre, north(centre, 499))).toBeCloseTo(499, 6);
    expect(haversineMetres(centre, north(centre, 501))).toBeCloseTo(501, 6);
  });

  it.each([
    ['499 m from the centre of a 500 m fence is inside', 499, true],
    ['501 m is outside', 501, false],
  ])('%s', (_, metres, inside) => {
    const d = decideFence(north(centre, metres), [fence]);
    expect(d.inside).toBe(inside);
    expect(d.fence?.id).toBe('f1');
    expect(d.distanceM).toBeCloseTo(metres, 3);
  });

  it('the GCJ-02 point itself is not the WGS-84 centre (the conversion matters): about 500 m apart', () => {
    expect(haversineMetres(gcjCentre, centre)).toBeGreaterThan(300);
    expect(decideFence(gcjCentre, [{ ...fence, radiusM: 100 }]).inside).toBe(false);
  });

  it('inside any fence is inside, recording the containing fence rather than a nearer centre outside', () => {
    const small: FenceWgs84 = { id: 'small', name: '门诊楼', ...north(centre, 300), radiusM: 50 };
    const d = decideFence(north(centre, 200), [small, fence]);
    expect(d).toMatchObject({ inside: true, fence: { id: 'f1' } });
    expect(d.distanceM).toBeCloseTo(200, 3);
  });

  it('outside every fence: the fence whose edge is nearest', () => {
    const far: FenceWgs84 = { id: 'far', name: '分院', ...north(centre, 5000), radiusM: 2000 };
    const d = decideFence(north(centre, 1500), [fence, far]);
    // 1000 m from the main fence's edge, 1500 m from the branch's.
    expect(d).toMatchObject({ inside: false, fence: { id: 'f1' } });
  });

  it('no fence: outside, nothing to measure from', () => {
    expect(decideFence(centre, [])).toEqual({ inside: false, fence: null, distanceM: null });
  });
});

describe('judgePunchTime', () => {
  const now = new Date('2026-03-02T09:00:00+08:00');
  const at = (ms: number) => new Date(now.getTime() + ms);
  it.each([
    ['now', 0, { ok: true, lateSynced: false }],
    ['the phone 5 minutes ahead', MAX_CLOCK_AHEAD_MS, { ok: true, lateSynced: false }],
    ['exactly 5 minutes late is not late-synced', -LATE_SYNC_AFTER_MS, { ok: true, lateSynced: false }],
    [
      '5 minutes and 1 second late is late-synced',
      -LATE_SYNC_AFTER_MS - 1000,
      { ok: true, lateSynced: true },
    ],
    ['exactly 7 days old is accepted', -MAX_PUNCH_AGE_MS, { ok: true, lateSynced: true }],
  ])('%s', (_, offset, expected) => {
    expect(judgePunchTime(at(offset), now)).toEqual(expected);
  });

  it.each([
    ['more than 5 minutes in the future', MAX_CLOCK_AHEAD_MS + 1000, '晚于服务器时间'],
    ['older than 7 days', -MAX_PUNCH_AGE_MS - 1000, '超过7天'],
  ])('refuses a punch %s', (_, offset, message) => {
    const j = judgePunchTime(at(offset), now);
    expect(j.ok).toBe(false);
    expect(j.ok ? '' : j.message).toContain(message);
  });
});

describe('isMissingLocation', () => {
  it.each([
    [{ lat: 0, lng: 0 }, true],
    [{ lat: Number.NaN, lng: 102 }, true],
    [{ lat: 0, lng: 102.8 }, false],
    [centre, false],
  ])('%o → %s', (p, missing) => expect(isMissingLocation(p)).toBe(missing));
});

describe('riskSignals', () => {
  const t0 = new Date('2026-03-02T09:00:00+08:00');
  const base: RiskInput = {
    position: centre,
    accuracyM: 30,
    punchedAt: t0,
    fence,
    previous: null,
    deviceSharedWith: [],
    inDispatch: true,
  };
  const codes = (patch: Partial<RiskInput>) => riskSignals({ ...base, ...patch }).map((r) => r.code);
  const hoursBefore = (h: number) => new Date(t0.getTime() - h * 3_600_000);

  it('a clean punch has none', () => expect(codes({})).toEqual([]));

  it.each([
    ['accuracy equal to the radius', 500, []],
    ['accuracy worse than the radius', 501, ['poor_accuracy']],
  ])('%s', (_, accuracyM, expected) => expect(codes({ accuracyM })).toEqual(expected));

  it('no fence: accuracy is not judged', () => expect(codes({ accuracyM: 5000, fence: null })).toEqual([]));

  // 100 km in a given time; both accuracies 30 m, so the distance that counts is 100 km − 60 m.
  const km100 = north(centre, 100_000);
  const effectiveKm = (100_000 - 60) / 1000;
  it.each([
    ['just under the threshold', effectiveKm / (MAX_PLAUSIBLE_SPEED_KMH - 1), []],
    ['just over the threshold', effectiveKm / (MAX_PLAUSIBLE_SPEED_KMH + 1), ['impossible_travel']],
  ])('impossible travel: 100 km %s', (_, hours, expected) => {
    expect(codes({ previous: { position: km100, accuracyM: 30, punchedAt: hoursBefore(hours) } })).toEqual(
      expected,
    );
  });

  it('a jump within the two accuracies is not travel, even at the same moment', () => {
    const near = north(centre, 50);
    expect(codes({ previous: { position: near, accuracyM: 30, punchedAt: t0 } })).toEqual([]);
    const far = north(centre, 70);
    expect(codes({ previous: { position: far, accuracyM: 30, punchedAt: t0 } })).toEqual([
      'impossible_travel',
    ]);
  });

  it('shared device names the others', () => {
    const [risk] = riskSignals({ ...base, deviceSharedWith: ['刘芳'] });
    expect(risk).toEqual({ code: 'shared_device', detail: '该设备也用于刘芳的打卡' });
  });

  it('outside the dispatch period', () =>
    expect(codes({ inDispatch: false })).toEqual(['outside_dispatch_period']));

  it('several at once, in a stable order', () => {
    expect(
      codes({
        accuracyM: 800,
        previous: { position: km100, accuracyM: 10, punchedAt: hoursBefore(0.1) },
        deviceSharedWith: ['刘芳'],
        inDispatch: false,
      }),
    ).toEqual(['poor_accuracy', 'impossible_travel', 'shared_device', 'outside_dispatch_period']);
  });
});

describe('deviceLabel', () => {
  it.each([
    [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      'iPhone · Safari',
    ],
    [
      'Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 Chrome/108 Mobile Safari/537.36 MicroMessenger/8.0.40',
      'Android 手机 · 微信',
    ],
    [null, '未知设备 · 浏览器'],
  ])('%s → %s', (ua, label) => expect(deviceLabel(ua)).toBe(label));
});
