import type { LocationProvider } from '../../shared/attendance-vocabulary';
import type { Crs } from '../../shared/geo';

/**
 * The location adapter of the check-in page (issue 7 item 2): one reading, taken when the
 * person taps 打卡 and never in the background (S17). Inside DingTalk or WeChat their JSAPI
 * answers (both in GCJ-02, the system of Chinese maps); elsewhere the browser's Geolocation
 * API (WGS-84). The point carries its system and the server converts it (ARCHITECTURE.md
 * "coordinates").
 */

export interface Reading {
  lat: number;
  lng: number;
  /** metres, as the device reports it */
  accuracy: number;
  crs: Crs;
  provider: LocationProvider;
}

export type LocationFailure = 'denied' | 'timeout' | 'unavailable' | 'unsupported' | 'insecure' | 'invalid';

/** Why no position was read, with what the person should do (Chinese, shown as it is). */
export class LocationError extends Error {
  constructor(
    readonly reason: LocationFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LocationError';
  }
}

export const LOCATION_MESSAGES: Record<LocationFailure, string> = {
  denied:
    '未获得定位权限，无法打卡。请在手机“设置”中允许当前应用（浏览器、微信或钉钉）使用位置信息，并在页面提示时选择“允许”，然后重新打卡。',
  timeout: '定位超时。请确认手机已开启定位服务（GPS），到室外或窗边信号较好处重新打卡。',
  unavailable: '暂时无法获取位置。请确认手机已开启定位服务（GPS）并连接网络，稍后重新打卡。',
  unsupported: '当前浏览器不支持定位，请使用手机自带浏览器、微信或钉钉打开本页打卡。',
  insecure: '当前网页不是安全连接（HTTPS），浏览器不允许获取位置。请通过单位提供的 HTTPS 地址访问后打卡。',
  invalid: '未获取到有效的位置（坐标为空或为 0），请确认手机已开启定位服务后重新打卡。',
};

const failure = (reason: LocationFailure) => new LocationError(reason, LOCATION_MESSAGES[reason]);

/** How long one reading may take before the person is told to move somewhere with better signal. */
export const LOCATION_TIMEOUT_MS = 15_000;

/**
 * An accuracy the device did not report: assumed poor rather than perfect, so the server's
 * "accuracy worse than the fence" signal shows it to reviewers instead of hiding it.
 */
const UNKNOWN_ACCURACY_M = 1000;

/** Refuse what a failed locator reports: no numbers, numbers out of range, or (0, 0). */
export function checkReading(raw: {
  lat: unknown;
  lng: unknown;
  accuracy: unknown;
  crs: Crs;
  provider: LocationProvider;
}): Reading {
  const lat = raw.lat === null || raw.lat === undefined || raw.lat === '' ? Number.NaN : Number(raw.lat);
  const lng = raw.lng === null || raw.lng === undefined || raw.lng === '' ? Number.NaN : Number(raw.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw failure('invalid');
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) throw failure('invalid');
  const reported = Number(raw.accuracy);
  const accuracy =
    raw.accuracy !== null && raw.accuracy !== undefined && Number.isFinite(reported) && reported >= 0
      ? Math.min(reported, 100_000)
      : UNKNOWN_ACCURACY_M;
  return { lat, lng, accuracy, crs: raw.crs, provider: raw.provider };
}

// ─── DingTalk and WeChat bridges (present only when their SDK is loaded in their app) ───

interface DingTalkBridge {
  device?: {
    geolocation?: {
      get(options: {
        targetAccuracy: number;
        coordinate: number;
        withReGeocode: boolean;
        useCache: boolean;
        onSuccess: (r: { latitude?: unknown; longitude?: unknown; accuracy?: unknown }) => void;
        onFail: (e: unknown) => void;
      }): void;
    };
  };
}

interface WeChatBridge {
  getLocation?(options: {
    type: 'gcj02' | 'wgs84';
    success: (r: { latitude?: unknown; longitude?: unknown; accuracy?: unknown }) => void;
    fail?: (e: unknown) => void;
    cancel?: (e: unknown) => void;
  }): void;
}

type Bridges = { dd?: DingTalkBridge; wx?: WeChatBridge };

/** Wait for a bridge's callback, but not for ever: an unconfigured SDK may never answer. */
function withTimeout<T>(start: (resolve: (v: T) => void, reject: (e: unknown) => void) => void) {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(failure('timeout')), LOCATION_TIMEOUT_MS);
    start(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/** 钉钉 JSAPI: `coordinate: 1` asks for 高德 (GCJ-02) coordinates, the documented default for punches. */
function fromDingTalk(dd: DingTalkBridge): Promise<Reading> {
  return withTimeout((resolve, reject) => {
    dd.device?.geolocation?.get({
      targetAccuracy: 200,
      coordinate: 1,
      withReGeocode: false,
      useCache: false,
      onSuccess: (r) =>
        resolve(
          checkReading({
            lat: r.latitude,
            lng: r.longitude,
            accuracy: r.accuracy,
            crs: 'gcj02',
            provider: 'dingtalk',
          }),
        ),
      onFail: () => reject(failure('unavailable')),
    });
  });
}

/** 微信 JS-SDK: `type: 'gcj02'` returns the coordinates Tencent maps use. */
function fromWeChat(wx: WeChatBridge): Promise<Reading> {
  return withTimeout((resolve, reject) => {
    wx.getLocation?.({
      type: 'gcj02',
      success: (r) =>
        resolve(
          checkReading({
            lat: r.latitude,
            lng: r.longitude,
            accuracy: r.accuracy,
            crs: 'gcj02',
            provider: 'wechat',
          }),
        ),
      fail: () => reject(failure('unavailable')),
      cancel: () => reject(failure('denied')),
    });
  });
}

/** The browser's Geolocation API (WGS-84): a fresh, high-accuracy fix, never a cached one. */
function fromBrowser(): Promise<Reading> {
  if (typeof window !== 'undefined' && window.isSecureContext === false)
    return Promise.reject(failure('insecure'));
  if (!('geolocation' in navigator)) return Promise.reject(failure('unsupported'));
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      (p) => {
        try {
          resolve(
            checkReading({
              lat: p.coords.latitude,
              lng: p.coords.longitude,
              accuracy: p.coords.accuracy,
              crs: 'wgs84',
              provider: 'browser',
            }),
          );
        } catch (e) {
          reject(e);
        }
      },
      (e) =>
        reject(
          failure(
            e.code === e.PERMISSION_DENIED ? 'denied' : e.code === e.TIMEOUT ? 'timeout' : 'unavailable',
          ),
        ),
      { enableHighAccuracy: true, timeout: LOCATION_TIMEOUT_MS, maximumAge: 0 },
    );
  });
}

/**
 * One reading for a punch, from the first adapter present: DingTalk, WeChat, the browser.
 * When an app bridge fails (not configured, no answer, or (0, 0)) the browser is asked instead;
 * a refusal by the person (WeChat's cancel) is final.
 */
export async function getLocation(): Promise<Reading> {
  const bridges = window as unknown as Bridges;
  const app =
    bridges.dd?.device?.geolocation !== undefined
      ? () => fromDingTalk(bridges.dd as DingTalkBridge)
      : typeof bridges.wx?.getLocation === 'function'
        ? () => fromWeChat(bridges.wx as WeChatBridge)
        : null;
  if (app) {
    try {
      return await app();
    } catch (e) {
      if (e instanceof LocationError && e.reason === 'denied') throw e;
    }
  }
  return fromBrowser();
}
