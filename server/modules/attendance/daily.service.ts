import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { DAY_STATUSES, type DayStatus } from '../../../shared/attendance-vocabulary';
import type { AuditAction } from '../../../shared/audit-actions';
import type {
  BoardDto,
  BoardQuery,
  BoardRowDto,
  CreateJustificationBody,
  DailyQuery,
  DailyStatusDto,
  DayReasonDto,
  JustificationDto,
  JustificationListQuery,
  PresenceDto,
  ReviewJustificationBody,
} from '../../../shared/contracts/attendance';
import type { PolicyPack } from '../../../shared/policy/schema';
import type { Executor } from '../../db/client';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import { addDays } from '../dispatch/dispatch.rules';
import * as org from '../org/org.facts';
import { prefectureOf } from '../pairing/pairing.overview';
import { packInForce } from '../programme/programme.service';
import { dayInfo } from './calendar.rules';
import { loadWorkCalendar } from './calendar.service';
import * as repo from './daily.repo';
import {
  dispatchDays,
  dispatchSpan,
  type Excuse,
  earlier,
  isValidPunch,
  later,
  type Punch,
} from './daily.rules';
import { type AcceptedJustification, judgeP06, judgeP07, justificationMismatch } from './presence.rules';

/**
 * Daily status (考勤日状态), presence rules (P06, P07), justifications and the on-duty board
 * (issue 7 items 5–7). Days are computed by `daily.rules.dayStatus` and stored in
 * attendance_days; writers mark changed days in attendance_dirty (`dirty.markDirty`), and
 * readers, a frequent job and a nightly job recompute them. The computation is idempotent.
 */

const AUDIT = {
  create: 'attendance.justification.create',
  review: 'attendance.justification.review',
} as const satisfies Record<string, AuditAction>;

/** The longest range `GET /api/attendance/daily` answers at once (a year and a bit). */
export const MAX_DAILY_RANGE_DAYS = 400;
/** The nightly job recomputes this many days back (late-synced punches, missed runs). */
export const NIGHTLY_DAYS_BACK = 7;

const dayCount = (from: string, to: string) =>
  (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;
const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(11, 16);

/**
 * Attendance records of a dispatched person are two-sided (S07): the home institution and
 * the dispatch's recipient. A `self` scope node (support staff) sees only the caller's own.
 */
function attendanceScope(ctx: Ctx): SQL {
  const user = requireUser(ctx);
  const others = user.scope.filter((n) => n.kind !== 'self');
  const parts: SQL[] = [];
  if (others.length)
    parts.push(institutionScope({ ...user, scope: others }, repo.homeSide, repo.recipientSide));
  if (others.length !== user.scope.length) parts.push(sql`${repo.staffUserId} = ${user.id}`);
  return parts.length ? sql`(${sql.join(parts, sql` or `)})` : sql`false`;
}

// ─── pack versions (a day is judged by the version in force on that day) ───

interface Version {
  version: number;
  effectiveFrom: string;
  pack: PolicyPack;
}

/** The versions in force over `from`–`to`, newest first; none when the programme has no pack then. */
async function versionsOver(db: Executor, programmeId: string, from: string, to: string): Promise<Version[]> {
  const out: Version[] = [];
  for (let on = to; on >= from; ) {
    try {
      const v = await packInForce(db, programmeId, on);
      out.push(v);
      on = addDays(v.effectiveFrom, -1);
    } catch (err) {
      if (err instanceof AppError && err.statusCode === 404) break;
      throw err;
    }
  }
  return out;
}

const versionOn = (versions: readonly Version[], date: string) =>
  versions.find((v) => v.effectiveFrom <= date)?.version ?? null;

// ─── computing the days ───

const ruleOf = (presenceRule: string | null): 'P06' | 'P07' => (presenceRule === 'P07' ? 'P07' : 'P06');

/**
 * Compute and store the person's days from `from` to `to` (not after today) for each of
 * their approved dispatches, deleting days no longer in one. Idempotent.
 */
export async function recomputeDays(
  db: Executor,
  staffId: string,
  from: string,
  to: string,
  now: Date,
): Promise<number> {
  const day = shanghaiDate(now);
  const until = earlier(to, day);
  if (from > until) return 0;
  return db.transaction(async (tx) => {
    const dispatches = await repo.approvedDispatchesOf(tx, staffId, from, until);
    const [calendar, punches, excuses] = dispatches.length
      ? await Promise.all([
          loadWorkCalendar(tx, from, until),
          repo.punchesOf(tx, staffId, from, until),
          repo.approvedExcusesOf(tx, staffId, from, until),
        ])
      : [null, [], []];
    const rows: repo.DayRowInsert[] = [];
    for (const d of dispatches) {
      const rule = ruleOf(d.presenceRule);
      const prefecture = prefectureOf(d.recipientRegionPath);
      const versions = await versionsOver(tx, d.programmeId, from, until);
      const span = { ...d, rule, recipientName: d.recipientName };
      const mine = punches.filter((p) => p.dispatchId === d.id || p.dispatchId === null);
      const excused: Excuse[] = excuses.filter((e) => e.dispatchId === d.id);
      const days = dispatchDays(span, { from, to: until }, day, (date) => ({
        day: dayInfo(calendar!, date, prefecture),
        punches: mine
          .filter((p) => p.localDate === date)
          .map(
            (p): Punch => ({
              id: p.id,
              source: p.source,
              time: hhmm(p.punchedAt),
              inside: p.inside,
              distanceM: p.distanceM,
              outsideReason: p.outsideReason,
              lateSynced: p.lateSynced,
              correctionId: p.correctionId,
            }),
          ),
        excuses: excused,
      }));
      for (const r of days)
        rows.push({
          dispatchId: d.id,
          date: r.date,
          staffId,
          status: r.status,
          workingDay: r.workingDay,
          reason: r.reason,
          policyVersion: versionOn(versions, r.date),
          computedAt: now,
        });
    }
    await repo.replaceDays(tx, staffId, from, until, rows);
    return rows.length;
  });
}

/** Group marks by person: the first and last marked date of each. */
function rangesOf(marks: readonly { staffId: string; date: string }[]) {
  const byStaff = new Map<string, { from: string; to: string }>();
  for (const m of marks) {
    const r = byStaff.get(m.staffId);
    if (!r) byStaff.set(m.staffId, { from: m.date, to: m.date });
    else {
      if (m.date < r.from) r.from = m.date;
      if (m.date > r.to) r.to = m.date;
    }
  }
  return byStaff;
}

/**
 * Take up to `limit` marks from attendance_dirty that no other drainer holds (`for update
 * skip locked`), recompute those people's marked days and delete the marks, in one
 * transaction. Returns how many marks were drained.
 */
export async function drainDirty(
  db: Executor,
  limit: number,
  now: Date,
  staffIds?: string[],
): Promise<number> {
  return db.transaction(async (tx) => {
    const marks = await repo.takeDirty(tx, limit, staffIds);
    for (const [staffId, r] of rangesOf(marks)) await recomputeDays(tx, staffId, r.from, r.to, now);
    return marks.length;
  });
}

/**
 * Before reading the days of `staffIds` in `from`–`to`: recompute what was marked dirty,
 * and compute days that have no row yet (a new day, a new approval) or are still `pending`
 * after their day ended.
 */
export async function refreshFor(
  db: Executor,
  staffIds: readonly string[],
  from: string,
  to: string,
  now: Date,
): Promise<void> {
  const until = earlier(to, shanghaiDate(now));
  const ids = [...new Set(staffIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    while ((await drainDirty(db, 1000, now, chunk)) === 1000) {
      // more marks than one batch: keep draining
    }
    if (from > until) continue;
    for (const staffId of await repo.staffWithGaps(db, chunk, from, until))
      await recomputeDays(db, staffId, from, until, now);
  }
}

/** Nightly: every person on an approved dispatch, the last few days (idempotent). */
export async function recomputeRecent(db: Executor, now: Date): Promise<number> {
  const to = shanghaiDate(now);
  const from = addDays(to, -NIGHTLY_DAYS_BACK);
  const people = await repo.staffInForce(db, from, to);
  for (const staffId of people) await recomputeDays(db, staffId, from, to, now);
  return people.length;
}

// ─── reads: daily status ───

function reasonDto(reason: Record<string, unknown>): DayReasonDto {
  const rule = reason.rule === 'P06' || reason.rule === 'P07' ? reason.rule : null;
  return {
    text: String(reason.text ?? ''),
    rule,
    checkinIds: Array.isArray(reason.checkinIds) ? (reason.checkinIds as string[]) : [],
    requestId: typeof reason.requestId === 'string' ? reason.requestId : null,
    holiday: typeof reason.holiday === 'string' ? reason.holiday : null,
  };
}

export async function listDaily(
  ctx: Ctx,
  q: z.infer<typeof DailyQuery>,
): Promise<{
  items: DailyStatusDto[];
  total: number;
}> {
  if (q.to < q.from) throw new AppError(400, 'INVALID_RANGE', '结束日期不能早于开始日期');
  if (dayCount(q.from, q.to) > MAX_DAILY_RANGE_DAYS)
    throw new AppError(400, 'INVALID_RANGE', `一次最多查询 ${MAX_DAILY_RANGE_DAYS} 天`);
  const scope = attendanceScope(ctx);
  if (!(await repo.staffVisible(ctx.db, scope, q.staffId))) throw notFound('人员不存在或无权查看');
  await refreshFor(ctx.db, [q.staffId], q.from, q.to, ctx.clock.now());
  const rows = await repo.daysOf(ctx.db, scope, q.staffId, q.from, q.to);
  const items = rows.map((r) => ({
    date: r.date,
    dispatchId: r.dispatchId,
    staffId: r.staffId,
    status: r.status,
    workingDay: r.workingDay,
    reason: reasonDto(r.reason),
    policyVersion: r.policyVersion,
  }));
  return { items, total: items.length };
}

// ─── reads: presence (P06, P07) ───

function justificationDto(r: repo.JustificationRow): JustificationDto {
  return {
    id: r.id,
    dispatchId: r.dispatchId,
    staffId: r.staffId,
    staffName: r.staffName,
    rule: r.rule === 'P07' ? 'P07' : 'P06',
    fromDate: r.fromDate,
    toDate: r.toDate,
    cause: r.cause,
    text: r.text,
    status: r.status,
    reviewedBy: r.reviewedBy,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    reviewComment: r.reviewComment,
    createdAt: r.createdAt.toISOString(),
    version: r.version,
  };
}

async function loadDispatch(ctx: Ctx, db: Executor, id: string) {
  const d = await repo.dispatchInScope(db, attendanceScope(ctx), id);
  if (!d) throw notFound('选派记录不存在或无权查看');
  return d;
}

/** The presence judgement of a dispatch as of today, with the pack version in force on its last judged day. */
async function judge(ctx: Ctx, db: Executor, d: repo.DispatchFacts): Promise<PresenceDto> {
  const now = ctx.clock.now();
  const day = shanghaiDate(now);
  const rule = ruleOf(d.presenceRule);
  const span = dispatchSpan({ ...d, rule, recipientName: d.recipientName }, day);
  await refreshFor(db, [d.staffId], span.from, span.to, now);
  const [days, justifications] = await Promise.all([
    repo.daysOfDispatch(db, d.id),
    repo.justificationsOfDispatch(db, d.id),
  ]);
  const judgedOn = later(span.to, span.from);
  const { version, pack } = await packInForce(db, d.programmeId, judgedOn);
  const accepted: AcceptedJustification[] = justifications
    .filter((j) => j.status === 'accepted')
    .map((j) => ({ rule: j.rule === 'P07' ? 'P07' : 'P06', fromDate: j.fromDate, toDate: j.toDate }));
  const counts = Object.fromEntries(DAY_STATUSES.map((s) => [s, 0])) as Record<DayStatus, number>;
  for (const x of days) counts[x.status]++;
  const onSiteDays = counts.on_site;
  const base = {
    dispatchId: d.id,
    staffId: d.staffId,
    rule,
    policyVersion: version,
    from: span.from,
    to: span.to,
    counts,
    onSiteDays,
    justifications: justifications.map(justificationDto),
  };
  if (rule === 'P06') {
    const p06 = judgeP06(days, pack.rules, accepted);
    return { ...base, ...p06, months: [], minTotalDays: null };
  }
  const p07 = judgeP07(days, { from: span.from, end: span.end, today: day }, pack.rules, accepted);
  return {
    ...base,
    requiredDays: 0,
    onSiteRequiredDays: 0,
    attendanceRatePct: null,
    absentDates: [],
    months: p07.months.map(({ over: _over, ...m }) => m),
    onSiteDays: p07.onSiteDays,
    minTotalDays: p07.minTotalDays,
    violations: p07.violations,
  };
}

export async function getPresence(ctx: Ctx, dispatchId: string): Promise<PresenceDto> {
  return judge(ctx, ctx.db, await loadDispatch(ctx, ctx.db, dispatchId));
}

// ─── justifications ───

export async function listJustifications(ctx: Ctx, q: z.infer<typeof JustificationListQuery>) {
  const page = await repo.listJustifications(ctx.db, attendanceScope(ctx), q);
  return { items: page.items.map(justificationDto), total: page.total };
}

/** The person explains a broken presence rule: the dates must answer an actual violation. */
export async function createJustification(
  ctx: Ctx,
  body: z.infer<typeof CreateJustificationBody>,
): Promise<JustificationDto> {
  const user = requireUser(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const d = await loadDispatch(ctx, tx, body.dispatchId);
    if (d.staffUserId !== user.id) throw forbidden('只能为本人的派驻考勤提交情况说明');
    const presence = await judge(ctx, tx, d);
    const mismatch = justificationMismatch(body, presence.rule, presence.violations);
    if (mismatch) throw new AppError(400, 'NO_SUCH_VIOLATION', mismatch);
    const overlapping = presence.justifications.find(
      (j) =>
        j.status !== 'rejected' &&
        j.rule === body.rule &&
        j.fromDate <= body.toDate &&
        body.fromDate <= j.toDate,
    );
    if (overlapping)
      throw conflict(
        `${overlapping.fromDate} 至 ${overlapping.toDate} 已有${overlapping.status === 'pending' ? '待审核' : '已认可'}的情况说明，不能重复提交`,
      );
    const id = await repo.insertJustification(tx, {
      dispatchId: d.id,
      staffId: d.staffId,
      rule: body.rule,
      fromDate: body.fromDate,
      toDate: body.toDate,
      cause: body.cause,
      text: body.text,
      attachments: body.attachments ?? [],
      createdBy: user.id,
      createdAt: ctx.clock.now(),
    });
    await audit(
      ctx,
      AUDIT.create,
      {
        objectType: 'presence_justification',
        objectId: id,
        details: {
          dispatchId: d.id,
          staff: d.staffName,
          rule: body.rule,
          dates: [body.fromDate, body.toDate],
          cause: body.cause,
        },
      },
      tx,
    );
    return id;
  });
  return justificationDto((await repo.findJustification(ctx.db, sql`true`, id))!);
}

/** Accept or reject: the recipient's admin, the county authority above it, or the province office. */
export async function reviewJustification(
  ctx: Ctx,
  id: string,
  body: z.infer<typeof ReviewJustificationBody>,
): Promise<JustificationDto> {
  const user = requireUser(ctx);
  await ctx.db.transaction(async (tx) => {
    const j = await repo.findJustification(tx, attendanceScope(ctx), id);
    if (!j) throw notFound('情况说明不存在或无权查看');
    if (!(await repo.findJustification(tx, institutionScope(user, repo.recipientSide), id)))
      throw forbidden('只有受援单位、所在县(市、区)卫生健康行政部门或省对口支援办可以审核情况说明');
    if (j.status !== 'pending') throw conflict('该情况说明已审核，不能重复审核');
    if (j.version !== body.version) throw conflict('该情况说明已被他人修改，请刷新后重试');
    const comment = body.comment?.trim() || null;
    const ok = await repo.decideJustification(tx, id, body.version, {
      status: body.decision,
      reviewedBy: user.id,
      reviewedAt: ctx.clock.now(),
      reviewComment: comment,
    });
    if (!ok) throw conflict('该情况说明已被他人修改，请刷新后重试');
    await audit(
      ctx,
      AUDIT.review,
      {
        objectType: 'presence_justification',
        objectId: id,
        details: {
          dispatchId: j.dispatchId,
          staff: j.staffName,
          rule: j.rule,
          dates: [j.fromDate, j.toDate],
          decision: body.decision,
          comment,
        },
      },
      tx,
    );
  });
  return justificationDto((await repo.findJustification(ctx.db, sql`true`, id))!);
}

// ─── the on-duty board ───

const EXCUSED: readonly DayStatus[] = ['leave', 'trip', 'comp_rest'];

/**
 * 今日在岗: every approved dispatch in force on the date in the caller's scope, with the
 * day's status and first punch. `missing`: a working day, not excused, and no valid punch
 * at or before `by` — today only once the server clock has passed `by` (before it nobody is
 * missing yet); a past day is over.
 */
export async function getBoard(ctx: Ctx, q: z.infer<typeof BoardQuery>): Promise<BoardDto> {
  const now = ctx.clock.now();
  const current = shanghaiDate(now);
  const date = q.date ?? current;
  const by = q.by ?? '10:00';
  if (date > current) throw new AppError(400, 'INVALID_DATE', '不能查看今天以后的在岗情况');
  const regionPath = q.region ? await org.regionPath(ctx.db, q.region) : undefined;
  const dispatches = await repo.dispatchesOnDate(ctx.db, attendanceScope(ctx), {
    date,
    region: q.region,
    regionPath,
    recipientInstitutionId: q.recipientInstitutionId,
  });
  await refreshFor(
    ctx.db,
    dispatches.map((d) => d.staffId),
    date,
    date,
    now,
  );
  const ids = dispatches.map((d) => d.dispatchId);
  const [days, punches] = await Promise.all([
    repo.daysOnDate(ctx.db, ids, date),
    repo.punchesOnDate(
      ctx.db,
      dispatches.map((d) => d.staffId),
      date,
    ),
  ]);
  const dayOf = new Map(days.map((x) => [x.dispatchId, x]));
  const hourPassed = date < current || hhmm(now) >= by;
  const rows: BoardRowDto[] = dispatches.map((d) => {
    const x = dayOf.get(d.dispatchId);
    const mine = punches.filter(
      (p) => p.staffId === d.staffId && (p.dispatchId === d.dispatchId || p.dispatchId === null),
    );
    const firstValid = mine.find(isValidPunch);
    const status = x?.status ?? 'pending';
    const excused = EXCUSED.includes(status);
    const working = x?.workingDay ?? false;
    return {
      dispatchId: d.dispatchId,
      staff: { id: d.staffId, name: d.staffName, title: d.staffTitle },
      home: { id: d.homeId, name: d.homeName },
      recipient: { id: d.recipientId, name: d.recipientName, regionName: d.regionName },
      rule: d.presenceRule === 'P06' || d.presenceRule === 'P07' ? d.presenceRule : null,
      status,
      reason: x ? reasonDto(x.reason) : reasonDto({ text: '尚未计算' }),
      firstPunch: mine[0] ? hhmm(mine[0].punchedAt) : null,
      missing: working && !excused && hourPassed && !(firstValid && hhmm(firstValid.punchedAt) <= by),
    };
  });
  const totals = {
    dispatched: rows.length,
    onSite: rows.filter((r) => r.status === 'on_site').length,
    excused: rows.filter((r) => EXCUSED.includes(r.status)).length,
    missing: rows.filter((r) => r.missing).length,
  };
  const filtered = q.missing === undefined ? rows : rows.filter((r) => r.missing === q.missing);
  return {
    date,
    by,
    totals,
    items: filtered.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
    total: filtered.length,
  };
}
