import type { RiskDto } from '../../../shared/contracts/checkin';
import { haversineMetres, type LatLng } from '../../../shared/geo';

/**
 * Phone check-in rules (issue 7 items 2 and 3), pure: where a punch lies against the fences
 * of the institution the person is dispatched to, whether its time is acceptable, and the
 * risk signals stored with it. Positions are WGS-84 (DOMAIN "On-site day"); the service
 * converts them first.
 */

/** A fence of the dispatched institution, in WGS-84. */
export interface FenceWgs84 extends LatLng {
  id: string;
  name: string;
  radiusM: number;
}

export interface FenceDecision {
  /** inside at least one fence (on the circle counts as inside) */
  inside: boolean;
  /** the fence recorded with the punch: the nearest containing one, else the one whose edge is nearest */
  fence: FenceWgs84 | null;
  /** metres from that fence's centre (haversine), unrounded */
  distanceM: number | null;
}

/** Decide inside/outside against every fence by haversine distance; no fence → outside. */
export function decideFence(point: LatLng, fences: readonly FenceWgs84[]): FenceDecision {
  let containing: { fence: FenceWgs84; d: number } | null = null;
  let nearestEdge: { fence: FenceWgs84; d: number } | null = null;
  for (const fence of fences) {
    const d = haversineMetres(point, fence);
    if (d <= fence.radiusM && (!containing || d < containing.d)) containing = { fence, d };
    if (!nearestEdge || d - fence.radiusM < nearestEdge.d - nearestEdge.fence.radiusM)
      nearestEdge = { fence, d };
  }
  const chosen = containing ?? nearestEdge;
  return { inside: containing !== null, fence: chosen?.fence ?? null, distanceM: chosen?.d ?? null };
}

// ─── time ───

/** A phone clock this far ahead of the server is wrong, not early (tolerates small drift). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;
/** Punches queued without signal must reach the server within a week (late 补传 needs a 补卡 instead). */
export const MAX_PUNCH_AGE_MS = 7 * 86_400_000;
/** Received this long after it was made, a punch is marked late-synced (补传). */
export const LATE_SYNC_AFTER_MS = 5 * 60_000;

export type PunchTimeJudgement = { ok: true; lateSynced: boolean } | { ok: false; message: string };

/**
 * The punch keeps the time it was made (an offline punch is sent later with its real time);
 * a time in the future or older than a week is refused.
 */
export function judgePunchTime(punchedAt: Date, receivedAt: Date): PunchTimeJudgement {
  const lag = receivedAt.getTime() - punchedAt.getTime();
  if (lag < -MAX_CLOCK_AHEAD_MS)
    return { ok: false, message: '打卡时间晚于服务器时间，请检查手机的日期和时间设置后重新打卡' };
  if (lag > MAX_PUNCH_AGE_MS)
    return { ok: false, message: '该打卡记录已超过7天未上传，不能再补传，请通过补卡申请办理' };
  return { ok: true, lateSynced: lag > LATE_SYNC_AFTER_MS };
}

/** No position at all, or the (0, 0) a failed locator reports. */
export const isMissingLocation = (p: LatLng): boolean =>
  !Number.isFinite(p.lat) || !Number.isFinite(p.lng) || (p.lat === 0 && p.lng === 0);

// ─── risk signals ───

/**
 * Faster than a scheduled flight door to door is not travel: between two punches of one
 * person, a speed above this (after allowing for both accuracies) is flagged. 300 km/h is
 * above any road or rail journey in the province (the fastest 动车 on the 成昆 line run at
 * 160 km/h) and a flight plus the ground journeys at both ends averages less.
 */
export const MAX_PLAUSIBLE_SPEED_KMH = 300;

export interface RiskInput {
  /** this punch: WGS-84 position, reported accuracy, time */
  position: LatLng;
  accuracyM: number;
  punchedAt: Date;
  /** the fence the punch was judged against (null: the institution has none, or no dispatch) */
  fence: Pick<FenceWgs84, 'name' | 'radiusM'> | null;
  /** the person's punch just before this one in time, with its WGS-84 position */
  previous: { position: LatLng; accuracyM: number; punchedAt: Date } | null;
  /** names of other people this device is bound to or has punched for */
  deviceSharedWith: readonly string[];
  /** a dispatch of the person is in force on the punch's date */
  inDispatch: boolean;
}

const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(5, 16).replace('T', ' ');

/** The risk signals of one punch: stored and shown, never acted on silently (issue 7 item 3). */
export function riskSignals(input: RiskInput): RiskDto[] {
  const risks: RiskDto[] = [];
  if (input.fence && input.accuracyM > input.fence.radiusM)
    risks.push({
      code: 'poor_accuracy',
      detail: `定位精度约 ${Math.round(input.accuracyM)} 米，大于打卡范围“${input.fence.name}”的半径 ${input.fence.radiusM} 米`,
    });
  const prev = input.previous;
  if (prev) {
    const metres = haversineMetres(prev.position, input.position);
    // Only the distance the person must have covered whatever the two accuracies.
    const moved = metres - prev.accuracyM - input.accuracyM;
    const hours = Math.abs(input.punchedAt.getTime() - prev.punchedAt.getTime()) / 3_600_000;
    const kmh = moved / 1000 / hours;
    if (moved > 0 && (hours === 0 || kmh > MAX_PLAUSIBLE_SPEED_KMH))
      risks.push({
        code: 'impossible_travel',
        detail: `与上次打卡（${hhmm(prev.punchedAt)}）相距约 ${(metres / 1000).toFixed(1)} 公里，${
          hours === 0 ? '时间相同' : `折合时速约 ${Math.round(kmh)} 公里`
        }，超过 ${MAX_PLAUSIBLE_SPEED_KMH} 公里/小时`,
      });
  }
  if (input.deviceSharedWith.length)
    risks.push({
      code: 'shared_device',
      detail: `该设备也用于${input.deviceSharedWith.join('、')}的打卡`,
    });
  if (!input.inDispatch)
    risks.push({ code: 'outside_dispatch_period', detail: '打卡当日没有在派驻期内的选派任务' });
  return risks;
}

// ─── devices ───

/** A readable summary of a browser for the device list, e.g. `iPhone · 微信`; never the raw string. */
export function deviceLabel(userAgent: string | null): string {
  const ua = userAgent ?? '';
  const model = /iPhone/.test(ua)
    ? 'iPhone'
    : /iPad/.test(ua)
      ? 'iPad'
      : /HarmonyOS/i.test(ua)
        ? '鸿蒙手机'
        : /Android/.test(ua)
          ? 'Android 手机'
          : /Windows|Macintosh|Linux/.test(ua)
            ? '电脑'
            : '未知设备';
  const app = /DingTalk/i.test(ua)
    ? '钉钉'
    : /MicroMessenger/i.test(ua)
      ? '微信'
      : /Edg\//.test(ua)
        ? 'Edge'
        : /Chrome|CriOS/.test(ua)
          ? 'Chrome'
          : /Firefox|FxiOS/.test(ua)
            ? 'Firefox'
            : /Safari/.test(ua)
              ? 'Safari'
              : '浏览器';
  return `${model} · ${app}`;
}
