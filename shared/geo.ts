import gcoord from 'gcoord';

/**
 * Coordinates (ARCHITECTURE.md "coordinates"): points carry the system they were taken in
 * — WGS-84 (GPS, the browser), GCJ-02 (高德, 腾讯, 钉钉, 微信) or BD-09 (百度) — and every
 * comparison is made in WGS-84 with the haversine distance.
 */
export const CRS_VALUES = ['wgs84', 'gcj02', 'bd09'] as const;
export type Crs = (typeof CRS_VALUES)[number];

export const CRS_LABELS: Record<Crs, string> = {
  wgs84: 'WGS-84',
  gcj02: 'GCJ-02（高德、腾讯、钉钉、微信）',
  bd09: 'BD-09（百度）',
};

export interface LatLng {
  lat: number;
  lng: number;
}

export interface GeoPoint extends LatLng {
  crs: Crs;
}

export interface Fence extends GeoPoint {
  radiusM: number;
}

const GCOORD_CRS = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Convert a point between systems; gcoord leaves points outside China as they are (GCJ-02 applies only there). */
export function convertPoint(point: LatLng, from: Crs, to: Crs): LatLng {
  if (from === to) return { lat: point.lat, lng: point.lng };
  const [lng, lat] = gcoord.transform([point.lng, point.lat], GCOORD_CRS[from], GCOORD_CRS[to]);
  return { lat: lat as number, lng: lng as number };
}

export function toWgs84(point: GeoPoint): LatLng {
  return convertPoint(point, point.crs, 'wgs84');
}

/** A GeoJSON object (e.g. boundaries exported from a Chinese map service in GCJ-02) converted to WGS-84. */
export function geoJsonToWgs84<T extends object>(geojson: T, from: Crs): T {
  if (from === 'wgs84') return geojson;
  return gcoord.transform(
    geojson as Parameters<typeof gcoord.transform>[0],
    GCOORD_CRS[from],
    gcoord.WGS84,
  ) as T;
}

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres between two points of the same system. */
export function haversineMetres(a: LatLng, b: LatLng): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Metres between two points in any systems, compared in WGS-84. */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  return haversineMetres(toWgs84(a), toWgs84(b));
}

/** Whether a point lies within a fence (on the circle counts as inside), both converted to WGS-84 first. */
export function insideFence(point: GeoPoint, fence: Fence): boolean {
  return distanceMetres(point, fence) <= fence.radiusM;
}
