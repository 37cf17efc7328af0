import { and, count, desc, eq, gte, inArray, isNull, lte, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { DeviceStatus } from '../../../shared/attendance-vocabulary';
import type { CheckinListQuery } from '../../../shared/contracts/checkin';
import type { DispatchStatus } from '../../../shared/dispatch-vocabulary';
import type { Executor } from '../../db/client';
import {
  checkins,
  devices,
  dispatches,
  geofences,
  institutions,
  locationConsents,
  pairings,
  staff,
} from '../../db/schema';
import type { FenceWgs84 } from './checkin.rules';

/**
 * Queries of phone check-in: punches, consents, devices, and what a punch is judged
 * against (the person's dispatch in force and its institution's fences).
 */

export const home = alias(institutions, 'home');
export const rec = alias(institutions, 'rec');

/** Scope columns: the person's home institution and the recipient of the punch's dispatch. */
export const homeSide = { regionCode: home.regionCode, institutionId: home.id };
export const recipientSide = { regionCode: rec.regionCode, institutionId: rec.id };
/** For the `self` scope node: the caller's own punches. */
export const staffUserId = staff.userId;

// ─── the person and the dispatch ───

export async function staffOfUser(db: Executor, userId: string) {
  const [row] = await db
    .select({ id: staff.id, name: staff.name, institutionId: staff.institutionId, homeName: home.name })
    .from(staff)
    .innerJoin(home, eq(home.id, staff.institutionId))
    .where(and(eq(staff.userId, userId), eq(staff.side, 'support')))
    .limit(1);
  return row;
}

export type DispatchInForce = NonNullable<Awaited<ReturnType<typeof dispatchInForce>>>;

/**
 * The dispatch of a person in force on `date`: in one of `statuses`, the date within the
 * planned period and not after the end. If the data ever held two, the latest start wins.
 */
export async function dispatchInForce(
  db: Executor,
  staffId: string,
  date: string,
  statuses: readonly DispatchStatus[],
) {
  const [row] = await db
    .select({
      id: dispatches.id,
      programmeId: pairings.programmeId,
      recipientId: rec.id,
      recipientName: rec.name,
      recipientCategory: rec.category,
      plannedStart: dispatches.plannedStart,
      plannedEnd: dispatches.plannedEnd,
    })
    .from(dispatches)
    .innerJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .innerJoin(pairings, eq(pairings.id, dispatches.pairingId))
    .where(
      and(
        eq(dispatches.staffId, staffId),
        inArray(dispatches.status, [...statuses]),
        lte(dispatches.plannedStart, date),
        gte(dispatches.plannedEnd, date),
        or(isNull(dispatches.endedOn), gte(dispatches.endedOn, date)),
      ),
    )
    .orderBy(desc(dispatches.plannedStart), desc(dispatches.id))
    .limit(1);
  return row;
}

export async function fencesOf(db: Executor, institutionId: string): Promise<FenceWgs84[]> {
  return db
    .select({
      id: geofences.id,
      name: geofences.name,
      lat: geofences.latWgs84,
      lng: geofences.lngWgs84,
      radiusM: geofences.radiusM,
    })
    .from(geofences)
    .where(eq(geofences.institutionId, institutionId))
    .orderBy(geofences.name, geofences.id);
}

// ─── consent (S17) ───

export async function consentOf(db: Executor, userId: string, noticeVersion: number) {
  const [row] = await db
    .select()
    .from(locationConsents)
    .where(and(eq(locationConsents.userId, userId), eq(locationConsents.noticeVersion, noticeVersion)));
  return row;
}

/** Consent given (again): a withdrawn consent of the same notice is renewed. */
export async function giveConsent(db: Executor, userId: string, noticeVersion: number, at: Date) {
  await db
    .insert(locationConsents)
    .values({ userId, noticeVersion, consentedAt: at })
    .onConflictDoUpdate({
      target: [locationConsents.userId, locationConsents.noticeVersion],
      set: { consentedAt: at, withdrawnAt: null },
    });
}

/** Withdraw every current consent of the user; returns how many were current. */
export async function withdrawConsent(db: Executor, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(locationConsents)
    .set({ withdrawnAt: at })
    .where(and(eq(locationConsents.userId, userId), isNull(locationConsents.withdrawnAt)))
    .returning({ id: locationConsents.id });
  return rows.length;
}

// ─── devices ───

export type DeviceRow = typeof devices.$inferSelect;

export async function devicesOf(db: Executor, staffId: string): Promise<DeviceRow[]> {
  return db.select().from(devices).where(eq(devices.staffId, staffId));
}

export async function findDevice(db: Executor, id: string): Promise<DeviceRow | undefined> {
  const [row] = await db.select().from(devices).where(eq(devices.id, id));
  return row;
}

/**
 * Insert a device unless the person already has it, or (for `active`) already has a bound
 * one: both unique indexes (S30) settle concurrent first punches. Returns the row inserted.
 */
export async function insertDevice(
  db: Executor,
  values: typeof devices.$inferInsert,
): Promise<DeviceRow | undefined> {
  const [row] = await db.insert(devices).values(values).onConflictDoNothing().returning();
  return row;
}

export async function updateDevice(
  db: Executor,
  id: string,
  version: number,
  set: { status: DeviceStatus; decidedAt?: Date | null; requestedAt?: Date; label?: string },
): Promise<boolean> {
  const rows = await db
    .update(devices)
    .set({ ...set, version: sql`${devices.version} + 1` })
    .where(and(eq(devices.id, id), eq(devices.version, version)))
    .returning({ id: devices.id });
  return rows.length > 0;
}

/** Revoke the person's bound devices other than `keepId` (before binding `keepId`). */
export async function revokeOthers(db: Executor, staffId: string, keepId: string, at: Date) {
  await db
    .update(devices)
    .set({ status: 'revoked', decidedAt: at, version: sql`${devices.version} + 1` })
    .where(and(eq(devices.staffId, staffId), eq(devices.status, 'active'), ne(devices.id, keepId)));
}

// ─── the punch: one query before, one statement to store ───

/** What a punch is judged against, read in one statement (`punchPrecheck`). */
export interface PunchPrecheck {
  staffId: string;
  staffName: string;
  /** the user's consent to the current notice is given and not withdrawn */
  consented: boolean;
  /** a punch with this id is stored already (a retry): whose it is */
  storedStaffId: string | null;
  /** the dispatch in force on the punch's date, with its recipient's fences */
  dispatch: { id: string; recipientId: string; recipientName: string } | null;
  fences: FenceWgs84[];
  /** this phone among the person's devices (null: not theirs), and whether they have any */
  deviceStatus: DeviceStatus | null;
  hasDevices: boolean;
  /** names of other people this phone is bound to or has punched for (at most 5) */
  sharedWith: string[];
  /** the person's punch just before this one in time, with a location */
  previous: { punchedAt: Date; crs: string; locationEnc: string; accuracyM: number | null } | null;
}

/** json from the drivers: node-postgres and PGlite parse it; a string is parsed here. */
const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

const ph = sql.placeholder;

/**
 * The punch's pre-check as one prepared statement (planned once per connection, like the
 * session's): a row per staff record of the user, each part a subquery correlated with it.
 * Each uses an index: the consent's (user, version), checkins' key, dispatches by staff,
 * geofences by institution, devices by (staff, device) and by device, checkins by device
 * and by (staff, punched_at).
 */
function preparePrecheck(db: Executor) {
  // The subqueries refer to the person as `me`: raw SQL, since Drizzle leaves the columns of
  // a one-table query unqualified (`"id"`), which a subquery would take for its own.
  const me = sql.raw('me.id');
  return db
    .select({
      staffId: sql<string>`me.id`,
      staffName: sql<string>`me.name`,
      consented: sql<boolean>`exists (
        select 1 from location_consents lc
         where lc.user_id = me.user_id and lc.notice_version = ${ph('noticeVersion')}::int
           and lc.withdrawn_at is null)`,
      storedStaffId: sql<string | null>`(select c.staff_id from checkins c where c.id = ${ph('id')}::uuid)`,
      dispatch: sql<PrecheckDispatch | string | null>`(
        select json_build_object('id', d.id, 'recipientId', r.id, 'recipientName', r.name, 'fences',
                 (select coalesce(json_agg(json_build_object('id', g.id, 'name', g.name, 'lat', g.lat_wgs84,
                                                             'lng', g.lng_wgs84, 'radiusM', g.radius_m)
                                           order by g.name, g.id), '[]'::json)
                    from geofences g where g.institution_id = r.id))
          from dispatches d
          join institutions r on r.id = d.recipient_institution_id
         where d.staff_id = ${me} and d.status = any(${ph('statuses')}::text[])
           and d.planned_start <= ${ph('localDate')}::date and d.planned_end >= ${ph('localDate')}::date
           and (d.ended_on is null or d.ended_on >= ${ph('localDate')}::date)
         order by d.planned_start desc, d.id desc
         limit 1)`,
      deviceStatus: sql<DeviceStatus | null>`(
        select dv.status from devices dv where dv.staff_id = ${me} and dv.device_id = ${ph('deviceId')})`,
      hasDevices: sql<boolean>`exists (select 1 from devices dv where dv.staff_id = ${me})`,
      sharedWith: sql<string[] | string>`(
        select coalesce(json_agg(o.name order by o.name), '[]'::json) from (
          select s2.name from staff s2
           where s2.id in (select dv.staff_id from devices dv
                            where dv.device_id = ${ph('deviceId')} and dv.status = 'active' and dv.staff_id <> ${me}
                           union
                           select c.staff_id from checkins c
                            where c.device_id = ${ph('deviceId')} and c.staff_id <> ${me})
           order by s2.name
           limit 5) o)`,
      previous: sql<PrecheckPrevious | string | null>`(
        select json_build_object('atMs', (extract(epoch from c.punched_at) * 1000)::float8, 'crs', c.crs,
                                 'locationEnc', c.location_enc, 'accuracyM', c.accuracy_m)
          from checkins c
         where c.staff_id = ${me} and c.punched_at <= ${ph('punchedAt')}::timestamptz
           and c.id <> ${ph('id')}::uuid and c.location_enc is not null
         order by c.punched_at desc
         limit 1)`,
    })
    .from(sql`staff me`)
    .where(sql`me.user_id = ${ph('userId')}::uuid and me.side = 'support'`)
    .limit(1)
    .prepare('checkin_precheck');
}

interface PrecheckDispatch {
  id: string;
  recipientId: string;
  recipientName: string;
  fences: FenceWgs84[];
}

interface PrecheckPrevious {
  atMs: number;
  crs: string;
  locationEnc: string;
  accuracyM: number | null;
}

const precheckFor = new WeakMap<Executor, ReturnType<typeof preparePrecheck>>();

/**
 * Everything a punch needs from the database, in one round trip: the caller's staff record
 * (undefined: the account has none), consent to the current notice, a stored punch with the
 * same id, the dispatch in force on `localDate` (in one of `statuses`; the latest start
 * wins) with its recipient's fences, this phone's status and its other users, and the
 * person's previous punch.
 */
export async function punchPrecheck(
  db: Executor,
  p: {
    userId: string;
    id: string;
    noticeVersion: number;
    localDate: string;
    punchedAt: Date;
    deviceId: string;
    statuses: readonly DispatchStatus[];
  },
): Promise<PunchPrecheck | undefined> {
  let q = precheckFor.get(db);
  if (!q) {
    q = preparePrecheck(db);
    precheckFor.set(db, q);
  }
  const [r] = await q.execute({
    userId: p.userId,
    id: p.id,
    noticeVersion: p.noticeVersion,
    localDate: p.localDate,
    punchedAt: p.punchedAt.toISOString(),
    deviceId: p.deviceId,
    statuses: [...p.statuses],
  });
  if (!r) return undefined;
  const dispatch = r.dispatch === null ? null : json(r.dispatch);
  const previous = r.previous === null ? null : json(r.previous);
  return {
    staffId: r.staffId,
    staffName: r.staffName,
    consented: r.consented,
    storedStaffId: r.storedStaffId,
    dispatch: dispatch && {
      id: dispatch.id,
      recipientId: dispatch.recipientId,
      recipientName: dispatch.recipientName,
    },
    fences: dispatch?.fences ?? [],
    deviceStatus: r.deviceStatus,
    hasDevices: r.hasDevices,
    sharedWith: json(r.sharedWith),
    previous: previous && {
      punchedAt: new Date(Math.round(previous.atMs)),
      crs: previous.crs,
      locationEnc: previous.locationEnc,
      accuracyM: previous.accuracyM,
    },
  };
}

/** A punch as stored by `insertCheckin` (the columns an app punch fills). */
export interface PunchValues {
  id: string;
  staffId: string;
  dispatchId: string | null;
  source: 'app';
  punchedAt: Date;
  localDate: string;
  receivedAt: Date;
  lateSynced: boolean;
  provider: (typeof checkins.$inferInsert)['provider'];
  crs: (typeof checkins.$inferInsert)['crs'];
  locationEnc: string;
  latRounded: number;
  lngRounded: number;
  accuracyM: number;
  distanceM: number | null;
  fenceId: string | null;
  inside: boolean;
  outsideReason: string | null;
  deviceId: string;
  risks: { code: string; detail: string }[];
  userId: string;
}

/**
 * S28: the punch and its day's mark for the daily status in one statement, atomic without a
 * transaction, prepared once per connection. The phone's id is the key: a retry or a
 * concurrent duplicate inserts nothing, and then marks nothing.
 */
function prepareInsert(db: Executor) {
  const ins = db.$with('ins', { staffId: sql<string>`staff_id`, localDate: sql<string>`local_date` }).as(sql`
    insert into checkins (id, staff_id, dispatch_id, source, punched_at, local_date, received_at, late_synced,
                          provider, crs, location_enc, lat_rounded, lng_rounded, accuracy_m, distance_m,
                          fence_id, inside, outside_reason, device_id, risks, user_id)
    values (${ph('id')}::uuid, ${ph('staffId')}::uuid, ${ph('dispatchId')}::uuid, ${ph('source')},
            ${ph('punchedAt')}::timestamptz, ${ph('localDate')}::date, ${ph('receivedAt')}::timestamptz,
            ${ph('lateSynced')}::boolean, ${ph('provider')}, ${ph('crs')}, ${ph('locationEnc')},
            ${ph('latRounded')}::float8, ${ph('lngRounded')}::float8, ${ph('accuracyM')}::float8,
            ${ph('distanceM')}::int, ${ph('fenceId')}::uuid, ${ph('inside')}::boolean, ${ph('outsideReason')},
            ${ph('deviceId')}, ${ph('risks')}::jsonb, ${ph('userId')}::uuid)
    on conflict (id) do nothing
    returning staff_id, local_date`);
  const mark = db.$with('mark', { staffId: sql<string>`staff_id` }).as(sql`
    insert into attendance_dirty (staff_id, date)
    select staff_id, local_date from ins
    on conflict do nothing
    returning staff_id`);
  return db
    .with(ins, mark)
    .select({ inserted: sql<number>`count(*)::int` })
    .from(ins)
    .prepare('checkin_insert');
}

const insertFor = new WeakMap<Executor, ReturnType<typeof prepareInsert>>();

/** Store a punch with its dirty mark (one statement); false when its id is stored already. */
export async function insertCheckin(db: Executor, v: PunchValues): Promise<boolean> {
  let q = insertFor.get(db);
  if (!q) {
    q = prepareInsert(db);
    insertFor.set(db, q);
  }
  const [r] = await q.execute({
    ...v,
    punchedAt: v.punchedAt.toISOString(),
    receivedAt: v.receivedAt.toISOString(),
    risks: JSON.stringify(v.risks),
  });
  return Number(r?.inserted ?? 0) > 0;
}

// ─── punches ───

const checkinColumns = {
  id: checkins.id,
  staffId: checkins.staffId,
  staffName: staff.name,
  dispatchId: checkins.dispatchId,
  source: checkins.source,
  punchedAt: checkins.punchedAt,
  localDate: checkins.localDate,
  receivedAt: checkins.receivedAt,
  lateSynced: checkins.lateSynced,
  provider: checkins.provider,
  latRounded: checkins.latRounded,
  lngRounded: checkins.lngRounded,
  accuracyM: checkins.accuracyM,
  distanceM: checkins.distanceM,
  fenceName: geofences.name,
  inside: checkins.inside,
  outsideReason: checkins.outsideReason,
  risks: checkins.risks,
};

export type CheckinRow = Awaited<ReturnType<typeof selectCheckins>>[number];

const joined = <T extends SQL | undefined>(db: Executor, where: T) =>
  db
    .select(checkinColumns)
    .from(checkins)
    .innerJoin(staff, eq(staff.id, checkins.staffId))
    .innerJoin(home, eq(home.id, staff.institutionId))
    .leftJoin(dispatches, eq(dispatches.id, checkins.dispatchId))
    .leftJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
    .leftJoin(geofences, eq(geofences.id, checkins.fenceId))
    .where(where);

function selectCheckins(db: Executor, where: SQL | undefined) {
  return joined(db, where).orderBy(desc(checkins.punchedAt), desc(checkins.id));
}

/** One punch with the person's id (for the idempotent read-back), any scope. */
export async function findCheckin(db: Executor, id: string): Promise<CheckinRow | undefined> {
  const [row] = await selectCheckins(db, eq(checkins.id, id));
  return row;
}

/** A person's punches made on one day, newest first. */
export async function punchesOn(db: Executor, staffId: string, date: string): Promise<CheckinRow[]> {
  return selectCheckins(db, and(eq(checkins.staffId, staffId), eq(checkins.localDate, date)));
}

export async function listCheckins(
  db: Executor,
  scope: SQL,
  q: z.infer<typeof CheckinListQuery>,
): Promise<{ items: CheckinRow[]; total: number }> {
  const where = and(
    scope,
    q.staffId ? eq(checkins.staffId, q.staffId) : undefined,
    q.dispatchId ? eq(checkins.dispatchId, q.dispatchId) : undefined,
    q.from ? gte(checkins.localDate, q.from) : undefined,
    q.to ? lte(checkins.localDate, q.to) : undefined,
    q.risky === undefined
      ? undefined
      : q.risky
        ? sql`jsonb_array_length(${checkins.risks}) > 0`
        : sql`jsonb_array_length(${checkins.risks}) = 0`,
    q.source ? eq(checkins.source, q.source) : undefined,
  );
  const [items, [total]] = await Promise.all([
    selectCheckins(db, where)
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(checkins)
      .innerJoin(staff, eq(staff.id, checkins.staffId))
      .innerJoin(home, eq(home.id, staff.institutionId))
      .leftJoin(dispatches, eq(dispatches.id, checkins.dispatchId))
      .leftJoin(rec, eq(rec.id, dispatches.recipientInstitutionId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}
