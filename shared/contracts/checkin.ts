import { z } from 'zod';
import { CHECKIN_SOURCES, DEVICE_STATUSES, LOCATION_PROVIDERS, RISK_SIGNALS } from '../attendance-vocabulary';
import { CRS_VALUES } from '../geo';
import { IsoDate, PageQuery, reasonText } from './common';

/**
 * Phone check-in (打卡, issue 7): the page's context, consent (S17), the punch itself
 * (idempotent by its client-generated id, S28) and the list of punches (masked location).
 */

/** A fence of the dispatched institution, as the phone page draws it (WGS-84). */
export const CheckinFenceDto = z.object({
  id: z.uuid(),
  name: z.string(),
  lat: z.number(),
  lng: z.number(),
  radiusM: z.number().int(),
});
export type CheckinFenceDto = z.infer<typeof CheckinFenceDto>;

export const RiskDto = z.object({ code: z.enum(RISK_SIGNALS), detail: z.string() });
export type RiskDto = z.infer<typeof RiskDto>;

export const CheckinDto = z.object({
  id: z.uuid(),
  staffId: z.uuid(),
  staffName: z.string(),
  dispatchId: z.uuid().nullable(),
  source: z.enum(CHECKIN_SOURCES),
  punchedAt: z.string(),
  localDate: z.string(),
  receivedAt: z.string(),
  lateSynced: z.boolean(),
  provider: z.enum(LOCATION_PROVIDERS).nullable(),
  /** WGS-84 rounded to 0.01° (S16): never the precise position */
  latRounded: z.number().nullable(),
  lngRounded: z.number().nullable(),
  accuracyM: z.number().nullable(),
  distanceM: z.number().int().nullable(),
  fenceName: z.string().nullable(),
  inside: z.boolean(),
  outsideReason: z.string().nullable(),
  risks: z.array(RiskDto),
});
export type CheckinDto = z.infer<typeof CheckinDto>;

/** What the phone page needs before a punch: who, where, whether consent and the device are in order. */
export const CheckinContextDto = z.object({
  staff: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** the dispatch in force today (approved or on duty), with its institution's fences */
  dispatch: z
    .object({
      id: z.uuid(),
      recipient: z.object({ id: z.uuid(), name: z.string() }),
      plannedStart: z.string(),
      plannedEnd: z.string(),
      fences: z.array(CheckinFenceDto),
    })
    .nullable(),
  consent: z.object({
    /** the notice the person must accept (S17) */
    noticeVersion: z.number().int(),
    notice: z.string(),
    consentedAt: z.string().nullable(),
  }),
  /** this phone (the `deviceId` query): bound, waiting for approval, or new */
  device: z.object({ status: z.enum([...DEVICE_STATUSES, 'new']), label: z.string().nullable() }),
  /** today's punches, newest first */
  today: z.array(CheckinDto),
  /** the server's time, so the page can show a drifting phone clock */
  serverTime: z.string(),
});
export type CheckinContextDto = z.infer<typeof CheckinContextDto>;

export const DeviceIdField = z.string().trim().min(8, '设备标识无效').max(100, '设备标识无效');

export const CheckinContextQuery = z.strictObject({ deviceId: DeviceIdField });

export const ConsentBody = z.strictObject({ noticeVersion: z.number().int().min(1) });

/** Ask for a new phone to be bound (the old one lost or replaced): approved by the sending institution. */
export const DeviceRequestBody = z.strictObject({
  deviceId: DeviceIdField,
  label: z.string().trim().min(1).max(100),
  reason: reasonText('更换设备的原因', 200),
});

export const CreateCheckinBody = z.strictObject({
  /** generated on the phone when the button is tapped: a retry sends the same id (S28) */
  id: z.uuid({ error: '打卡标识无效' }),
  /** when the button was tapped (ISO 8601 with offset); an offline punch is sent later with its real time */
  punchedAt: z.iso.datetime({ offset: true, error: '打卡时间格式不正确' }),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  /** metres, as the device reports it */
  accuracy: z.number().min(0).max(100_000),
  crs: z.enum(CRS_VALUES),
  provider: z.enum(LOCATION_PROVIDERS),
  deviceId: DeviceIdField,
  /** 外勤: the reason for a punch outside the fence (the server decides inside or outside) */
  outsideReason: reasonText('外勤打卡原因', 200).optional(),
  /** queued without signal and sent later */
  offline: z.boolean().optional(),
});
export type CreateCheckinBody = z.infer<typeof CreateCheckinBody>;

/**
 * 201 with the punch; 200 with the same punch when its id was already recorded (a retry);
 * 422 `OUTSIDE_NEEDS_REASON` when outside the fence without a reason (the page then asks).
 */
export const CheckinResultDto = CheckinDto.extend({ duplicate: z.boolean() });
export type CheckinResultDto = z.infer<typeof CheckinResultDto>;

export const CheckinListQuery = PageQuery.extend({
  staffId: z.uuid().optional(),
  dispatchId: z.uuid().optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** only punches with a risk signal */
  risky: z.stringbool().optional(),
  source: z.enum(CHECKIN_SOURCES).optional(),
}).strict();
