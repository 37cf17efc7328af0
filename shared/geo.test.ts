import { describe, expect, it } from 'vitest';
import { convertPoint, distanceMetres, haversineMetres, insideFence, toWgs84 } from './geo';

/** 昭觉县城 as 高德 (GCJ-02) shows it: a point copied from a Chinese map, not GPS. */
const ZHAOJUE_GCJ02 = { lat: 28.0105, lng: 102.8455, crs: 'gcj02' as const };

describe('convert to WGS-84', () => {
  it('moves a 高德 (GCJ-02) point near 昭觉 a few hundred metres, south-east to north-west', () => {
    const wgs = toWgs84(ZHAOJUE_GCJ02);
    const shift = haversineMetres(ZHAOJUE_GCJ02, wgs);
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);
    // In Sichuan GCJ-02 lies south and east of WGS-84: the true point is north and west of it.
    expect(wgs.lat).toBeGreaterThan(ZHAOJUE_GCJ02.lat);
    expect(wgs.lng).toBeLessThan(ZHAOJUE_GCJ02.lng);
  });

  it('moves a 百度 (BD-09) point further than GCJ-02 does', () => {
    const gcj = toWgs84(ZHAOJUE_GCJ02);
    const bd = toWgs84({ ...ZHAOJUE_GCJ02, crs: 'bd09' });
    expect(haversineMetres(ZHAOJUE_GCJ02, bd)).toBeGreaterThan(haversineMetres(ZHAOJUE_GCJ02, gcj));
  });

  it('leaves a WGS-84 point as it is', () => {
    expect(toWgs84({ lat: 28.01, lng: 102.84, crs: 'wgs84' })).toEqual({ lat: 28.01, lng: 102.84 });
  });

  it.each([
    ['gcj02', 'wgs84'],
    ['bd09', 'wgs84'],
    ['bd09', 'gcj02'],
  ] as const)('round-trips %s → %s → back within a metre', (from, to) => {
    const there = convertPoint(ZHAOJUE_GCJ02, from, to);
    const back = convertPoint(there, to, from);
    expect(haversineMetres(back, ZHAOJUE_GCJ02)).toBeLessThan(1);
  });
});

describe('haversine', () => {
  it('gives one degree of longitude on the equator as 111.195 km', () => {
    expect(haversineMetres({ lat: 0, lng: 0 }, { lat: 0, lng: 1 })).toBeCloseTo(111_195.08, 1);
  });

  it('gives 北京 (天安门) to 上海 (人民广场) as about 1,068 km', () => {
    const d = haversineMetres({ lat: 39.9087, lng: 116.3975 }, { lat: 31.2304, lng: 121.4737 });
    expect(d / 1000).toBeGreaterThan(1_064);
    expect(d / 1000).toBeLessThan(1_070);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 28.01, lng: 102.84 };
    const b = { lat: 27.9, lng: 102.26 };
    expect(haversineMetres(a, a)).toBe(0);
    expect(haversineMetres(a, b)).toBeCloseTo(haversineMetres(b, a), 6);
  });
});

describe('insideFence compares in WGS-84', () => {
  const fence = { ...ZHAOJUE_GCJ02, radiusM: 300 };
  const gps = { ...toWgs84(ZHAOJUE_GCJ02), crs: 'wgs84' as const };

  it('puts a GPS punch at the fence centre inside a fence entered in GCJ-02', () => {
    expect(insideFence(gps, fence)).toBe(true);
  });

  it('would have put it outside had the GCJ-02 numbers been taken as WGS-84', () => {
    expect(insideFence(gps, { ...fence, crs: 'wgs84' })).toBe(false);
  });

  it('counts the edge as inside and one metre beyond as outside', () => {
    const north = (m: number) => ({ lat: gps.lat + m / 111_195.08, lng: gps.lng, crs: 'wgs84' as const });
    expect(distanceMetres(north(299.5), fence)).toBeLessThan(300);
    expect(insideFence(north(299.5), fence)).toBe(true);
    expect(insideFence(north(301), fence)).toBe(false);
  });

  it('matches a DingTalk (GCJ-02) punch against a fence entered in BD-09', () => {
    const bdFence = { ...convertPoint(gps, 'wgs84', 'bd09'), crs: 'bd09' as const, radiusM: 50 };
    const dingtalk = { ...convertPoint(gps, 'wgs84', 'gcj02'), crs: 'gcj02' as const };
    expect(insideFence(dingtalk, bdFence)).toBe(true);
  });
});
