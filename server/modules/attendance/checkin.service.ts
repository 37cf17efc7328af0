import { or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { LOCATION_NOTICE_VERSION, type RiskSignal } from '../../../shared/attendance-vocabulary';
import type {
  CheckinContextDto,
  CheckinDto,
  CheckinListQuery,
  CheckinResultDto,
  CreateCheckinBody,
  DeviceRequestBody,
} from '../../../shared/contracts/checkin';
import type { DispatchStatus } from '../../../shared/dispatch-vocabulary';
import { type Crs, toWgs84 } from '../../../shared/geo';
import type { Executor } from '../../db/client';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser, type SessionUser } from '../../platform/context';
import { decrypt, encrypt } from '../../platform/crypto';
import { AppError, conflict, forbidden } from '../../platform/errors';
import { RateWindow } from '../../platform/rate-window';
import { institutionScope } from '../../platform/scope';
import * as repo from './checkin.repo';
import { decideFence, deviceLabel, isMissingLocation, judgePunchTime, riskSignals } from './checkin.rules';
import { deviceState, ensureBound, requestDevice } from './device.service';

/**
 * Phone check-in (打卡, issue 7 items 2 and 3): the page's context, consent to precise
 * location (S17), devices, and the punch — idempotent by the phone's id (S28), judged in
 * WGS-84 against the dispatched institution's fences, with its risk signals, its precise
 * position encrypted and only a rounded one in clear (S15, S16).
 */

type ListQuery = z.infer<typeof CheckinListQuery>;
type DeviceRequest = z.infer<typeof DeviceRequestBody>;

/**
 * The notice shown before the first check-in (S17, PIPL Art. 28–30). Its version is
 * `LOCATION_NOTICE_VERSION`: change the text and bump the version, and everyone is asked again.
 */
export const LOCATION_NOTICE = [
  '为记录您在受援单位的驻点考勤，打卡时本平台需要获取您手机的精确位置（个人敏感信息）。',
  '一、仅在您点击“打卡”的当时获取一次位置，不在后台持续定位，也不记录您的行动轨迹。',
  '二、位置仅用于判断是否在受援单位打卡范围内、统计出勤情况，以及提示定位异常等考勤风险，不作他用。',
  '三、精确位置经国密算法加密保存；考勤查询中只显示约 1 公里精度的概略位置。',
  '四、打卡记录按对口支援考勤档案的保存期限保存，期满后删除或匿名化处理。',
  '五、您可以随时在本页撤回同意；撤回后将无法使用手机打卡，可通过补卡申请等方式办理考勤，撤回不影响此前打卡记录的效力。',
  '如有疑问，请联系派出单位对口支援管理部门。',
].join('\n');

/** S26: punches per person per minute. Per instance (in memory): enough against a stuck retry loop. */
export const PUNCHES_PER_MINUTE = 10;
const perPerson = new RateWindow(PUNCHES_PER_MINUTE, 60_000);

/** A dispatch counts for the context while approved or on duty; a late punch also for one since ended. */
const CONTEXT_STATUSES: readonly DispatchStatus[] = ['approved', 'on_duty'];
const PUNCH_STATUSES: readonly DispatchStatus[] = [
  'approved',
  'on_duty',
  'completed',
  'ended_early',
  'replaced',
];

const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());

// ─── the person ───

/** The support staff record of the signed-in account (403 when the account has none). */
export async function resolvePerson(ctx: Ctx, db: Executor = ctx.db) {
  const user = requireUser(ctx);
  const person = await repo.staffOfUser(db, user.id);
  if (!person) throw forbidden('当前账号未关联支援人员档案，不能打卡，请联系派出单位核对');
  return person;
}

export const dispatchToday = (ctx: Ctx, db: Executor, staffId: string) =>
  repo.dispatchInForce(db, staffId, today(ctx), CONTEXT_STATUSES);

// ─── DTOs ───

const toDto = (r: repo.CheckinRow): CheckinDto => ({
  id: r.id,
  staffId: r.staffId,
  staffName: r.staffName,
  dispatchId: r.dispatchId,
  source: r.source,
  punchedAt: r.punchedAt.toISOString(),
  localDate: r.localDate,
  receivedAt: r.receivedAt.toISOString(),
  lateSynced: r.lateSynced,
  provider: r.provider,
  latRounded: r.latRounded,
  lngRounded: r.lngRounded,
  accuracyM: r.accuracyM,
  distanceM: r.distanceM,
  fenceName: r.fenceName,
  inside: r.inside,
  outsideReason: r.outsideReason,
  risks: r.risks.map((x) => ({ code: x.code as RiskSignal, detail: x.detail })),
});

async function consentState(db: Executor, userId: string) {
  const row = await repo.consentOf(db, userId, LOCATION_NOTICE_VERSION);
  return {
    noticeVersion: LOCATION_NOTICE_VERSION,
    notice: LOCATION_NOTICE,
    consentedAt: row && !row.withdrawnAt ? row.consentedAt.toISOString() : null,
  };
}

// ─── context and consent ───

export async function context(ctx: Ctx, deviceId: string): Promise<CheckinContextDto> {
  const user = requireUser(ctx);
  const consent = await consentState(ctx.db, user.id);
  const serverTime = ctx.clock.now().toISOString();
  const person = await repo.staffOfUser(ctx.db, user.id);
  if (!person)
    return { staff: null, dispatch: null, consent, device: deviceState([], deviceId), today: [], serverTime };
  const [dispatch, devices, punches] = await Promise.all([
    dispatchToday(ctx, ctx.db, person.id),
    repo.devicesOf(ctx.db, person.id),
    repo.punchesOn(ctx.db, person.id, today(ctx)),
  ]);
  return {
    staff: { id: person.id, name: person.name },
    dispatch: dispatch
      ? {
          id: dispatch.id,
          recipient: { id: dispatch.recipientId, name: dispatch.recipientName },
          plannedStart: dispatch.plannedStart,
          plannedEnd: dispatch.plannedEnd,
          fences: await repo.fencesOf(ctx.db, dispatch.recipientId),
        }
      : null,
    consent,
    device: deviceState(devices, deviceId),
    today: punches.map(toDto),
    serverTime,
  };
}

export async function giveConsent(ctx: Ctx, noticeVersion: number) {
  const user = requireUser(ctx);
  if (noticeVersion !== LOCATION_NOTICE_VERSION)
    throw new AppError(409, 'NOTICE_OUTDATED', '位置信息告知书已更新，请刷新页面阅读最新告知后再同意');
  return ctx.db.transaction(async (tx) => {
    await repo.giveConsent(tx, user.id, noticeVersion, ctx.clock.now());
    await audit(
      ctx,
      'checkin.consent',
      { objectType: 'location_consent', objectId: user.id, details: { noticeVersion } },
      tx,
    );
    return consentState(tx, user.id);
  });
}

export async function withdrawConsent(ctx: Ctx) {
  const user = requireUser(ctx);
  return ctx.db.transaction(async (tx) => {
    const withdrawn = await repo.withdrawConsent(tx, user.id, ctx.clock.now());
    if (withdrawn)
      await audit(
        ctx,
        'checkin.consent.withdraw',
        {
          objectType: 'location_consent',
          objectId: user.id,
          details: { noticeVersion: LOCATION_NOTICE_VERSION },
        },
        tx,
      );
    return consentState(tx, user.id);
  });
}

// ─── devices ───

export async function requestNewDevice(ctx: Ctx, body: DeviceRequest) {
  return ctx.db.transaction(async (tx) => {
    const person = await resolvePerson(ctx, tx);
    return requestDevice(tx, ctx, person, await dispatchToday(ctx, tx, person.id), body);
  });
}

// ─── the punch ───

const consentRequired = () =>
  new AppError(
    403,
    'CONSENT_REQUIRED',
    '打卡需要获取您的精确位置。请先阅读《打卡位置信息告知书》并同意后再打卡',
  );

/** A retry (same id, same person) answers the stored punch; the same id from someone else is refused. */
function replay(row: repo.CheckinRow, staffId: string): CheckinResultDto {
  if (row.staffId !== staffId) throw conflict('打卡标识重复，请重新打卡');
  return { ...toDto(row), duplicate: true };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * The punch (decision record 008): checks that need no database first, then one query for
 * everything the punch is judged against, then one statement storing the punch with its
 * dirty mark. The punch row is its own record of who, when, from which phone and where
 * (encrypted): no audit event. A duplicate id is read back; otherwise the answer is built
 * from the values stored.
 */
export async function createCheckin(
  ctx: Ctx,
  body: CreateCheckinBody,
): Promise<{ created: boolean; checkin: CheckinResultDto }> {
  const user = requireUser(ctx);
  const receivedAt = ctx.clock.now();
  if (!perPerson.hit(user.id, receivedAt.getTime()))
    throw new AppError(429, 'RATE_LIMITED', '打卡过于频繁，请一分钟后再试');
  if (isMissingLocation(body))
    throw new AppError(400, 'NO_LOCATION', '未获取到有效的位置信息，请开启手机定位并允许获取位置后重新打卡');
  const punchedAt = new Date(body.punchedAt);
  const time = judgePunchTime(punchedAt, receivedAt);
  if (!time.ok) throw new AppError(400, 'INVALID_PUNCH_TIME', time.message);
  const localDate = shanghaiDate(punchedAt);

  const pre = await repo.punchPrecheck(ctx.db, {
    userId: user.id,
    id: body.id,
    noticeVersion: LOCATION_NOTICE_VERSION,
    localDate,
    punchedAt,
    deviceId: body.deviceId,
    statuses: PUNCH_STATUSES,
  });
  if (!pre) throw forbidden('当前账号未关联支援人员档案，不能打卡，请联系派出单位核对');
  // A retry of a stored punch is answered before anything that may have changed since.
  if (pre.storedStaffId !== null)
    return { created: false, checkin: await replayStored(ctx, body.id, pre.staffId) };
  if (!pre.consented) throw consentRequired();

  const { dispatch } = pre;
  const position = toWgs84({ lat: body.lat, lng: body.lng, crs: body.crs });
  const decision = decideFence(position, pre.fences);
  const outsideReason = decision.inside ? null : (body.outsideReason?.trim() ?? null);
  if (!decision.inside && !outsideReason)
    throw new AppError(
      422,
      'OUTSIDE_NEEDS_REASON',
      decision.fence && dispatch
        ? `您不在${dispatch.recipientName}的打卡范围内（距“${decision.fence.name}”约 ${Math.round(decision.distanceM!)} 米，范围 ${decision.fence.radiusM} 米），外勤打卡请填写原因`
        : dispatch
          ? `${dispatch.recipientName}尚未设置打卡范围，本次按外勤打卡，请填写原因`
          : '您打卡当日没有在派驻期内的选派任务，本次按外勤打卡，请填写原因',
      {
        distanceM: decision.distanceM === null ? null : Math.round(decision.distanceM),
        fenceName: decision.fence?.name ?? null,
        radiusM: decision.fence?.radiusM ?? null,
      },
    );

  await ensureBound(ctx.db, pre.staffId, body.deviceId, pre, deviceLabel(ctx.userAgent), receivedAt);
  const risks = riskSignals({
    position,
    accuracyM: body.accuracy,
    punchedAt,
    fence: decision.fence,
    previous: pre.previous
      ? {
          position: positionOf(ctx, pre.previous.locationEnc, pre.previous.crs as Crs),
          accuracyM: pre.previous.accuracyM ?? 0,
          punchedAt: pre.previous.punchedAt,
        }
      : null,
    deviceSharedWith: pre.sharedWith,
    inDispatch: dispatch !== null,
  });
  const values = {
    id: body.id,
    staffId: pre.staffId,
    dispatchId: dispatch?.id ?? null,
    source: 'app',
    punchedAt,
    localDate,
    receivedAt,
    lateSynced: time.lateSynced,
    provider: body.provider,
    crs: body.crs,
    // Never logged, never in clear (S15): the position as sent, in its own system.
    locationEnc: encrypt(ctx.keys, `${body.lat},${body.lng}`),
    latRounded: round2(position.lat),
    lngRounded: round2(position.lng),
    accuracyM: body.accuracy,
    distanceM: decision.distanceM === null ? null : Math.round(decision.distanceM),
    fenceId: decision.fence?.id ?? null,
    inside: decision.inside,
    outsideReason,
    deviceId: body.deviceId,
    risks,
    userId: user.id,
  } satisfies repo.PunchValues;
  // A concurrent duplicate won the insert: nothing of this attempt is kept.
  if (!(await repo.insertCheckin(ctx.db, values)))
    return { created: false, checkin: await replayStored(ctx, body.id, pre.staffId) };
  const row: repo.CheckinRow = {
    ...values,
    staffName: pre.staffName,
    fenceName: decision.fence?.name ?? null,
  };
  return { created: true, checkin: { ...toDto(row), duplicate: false } };
}

/** A duplicate id: the stored punch, read back (rare: retries and concurrent duplicates). */
async function replayStored(ctx: Ctx, id: string, staffId: string): Promise<CheckinResultDto> {
  const row = await repo.findCheckin(ctx.db, id);
  if (!row) throw conflict('打卡标识重复，请重新打卡');
  return replay(row, staffId);
}

/** The previous punch's position, decrypted for the travel check only and converted to WGS-84. */
function positionOf(ctx: Ctx, locationEnc: string, crs: Crs) {
  const [lat, lng] = decrypt(ctx.keys, locationEnc).split(',').map(Number);
  return toWgs84({ lat: lat!, lng: lng!, crs });
}

// ─── the list ───

/**
 * Whose punches a caller sees (S07): a `self` scope node (support staff) their own; other
 * nodes by either side of the punch, as dispatches are — the person's home institution, or
 * the recipient of the dispatch the punch counts for.
 */
function checkinScope(user: SessionUser): SQL {
  const others = user.scope.filter((n) => n.kind !== 'self');
  const sides = institutionScope({ ...user, scope: others }, repo.homeSide, repo.recipientSide);
  if (others.length === user.scope.length) return sides;
  const own = sql`${repo.staffUserId} = ${user.id}`;
  return others.length ? (or(own, sides) as SQL) : own;
}

export async function listCheckins(ctx: Ctx, q: ListQuery) {
  const page = await repo.listCheckins(ctx.db, checkinScope(requireUser(ctx)), q);
  return { items: page.items.map(toDto), total: page.total };
}
