import { eq, or, type SQL, sql } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import {
  LEAVE_TYPE_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestStatus,
} from '../../../shared/attendance-vocabulary';
import type {
  CorrectionListQuery,
  CreateCorrectionBody,
  CreateLeaveBody,
  FileDto,
  LeaveListQuery,
  LeaveRequestDto,
  PunchCorrectionDto,
  WithdrawRequestBody,
} from '../../../shared/contracts/leave';
import type { DocType, WorkflowInstanceDto } from '../../../shared/contracts/workflow';
import type { Executor, Tx } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { describeFiles, readStoredFile, uploadedBy } from '../../platform/files';
import { institutionScope } from '../../platform/scope';
import { packInForce } from '../programme/programme.service';
import { type Decision, registerDocHandler } from '../workflow/workflow.handlers';
import * as workflow from '../workflow/workflow.service';
import { markDirty } from './dirty';
import * as repo from './leave.repo';
import {
  checkCorrectionQuota,
  checkCorrectionTime,
  correctionInstant,
  type DispatchPeriod,
  daysInclusive,
  dispatchFor,
  HOLDING_STATUSES,
  leaveOverlap,
  leaveTitle,
  monthOf,
  type Refusal,
} from './leave.rules';

/**
 * Leave, business trips, compensatory rest (值班补休) and 补卡 of support staff (issue 7
 * item 4). A person files for their own dispatch in force; the request passes through the
 * workflow engine (`leave`: recipient then sending institution; `punch_correction`: the
 * recipient) started in the same transaction, whose submission and decisions are the audit
 * record (S11). Approval excuses the days (leave) or writes the punch (补卡), and marks the
 * person's days for the daily status to recompute.
 */

const STALE = '该申请已被他人处理或已变更，请刷新后重试';

/** "Now" in Asia/Shanghai as a date and an `HH:mm` time. */
function shanghaiNow(ctx: Ctx) {
  const now = ctx.clock.now();
  return {
    date: shanghaiDate(now),
    time: new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(11, 16),
  };
}

/**
 * Who sees a request (S07): whoever has the person's home institution or the recipient in
 * scope, like the dispatch it belongs to; a `self` scope (support staff) sees the person's
 * own requests only, not their colleagues'.
 */
function requestScope(ctx: Ctx): SQL {
  const user = requireUser(ctx);
  const sides = institutionScope(
    { scope: user.scope.filter((n) => n.kind !== 'self'), institutionId: user.institutionId },
    repo.homeSide,
    repo.recipientSide,
  );
  return user.scope.some((n) => n.kind === 'self') ? or(sides, eq(repo.staffUser, user.id))! : sides;
}

const ALL = sql`true`;

function refuse(status: number, r: Refusal): never {
  throw new AppError(status, r.code, r.message, { rule: r.rule ?? null, ...r.inputs });
}

// ─── DTOs ───

async function filesOf(db: Executor, rows: { attachments: string[] }[]): Promise<Map<string, FileDto>> {
  const ids = [...new Set(rows.flatMap((r) => r.attachments))];
  return new Map((await describeFiles(db, ids)).map((f) => [f.id, f]));
}

const attachmentsOf = (ids: string[], files: Map<string, FileDto>): FileDto[] =>
  ids.map((id) => files.get(id)).filter((f): f is FileDto => f !== undefined);

const leaveDto = (r: repo.LeaveRow, files: Map<string, FileDto>): LeaveRequestDto => ({
  id: r.id,
  staffId: r.staffId,
  staffName: r.staffName,
  dispatchId: r.dispatchId,
  home: r.home,
  recipient: r.recipient,
  kind: r.kind,
  leaveType: r.leaveType,
  startDate: r.startDate,
  endDate: r.endDate,
  days: daysInclusive(r.startDate, r.endDate),
  destination: r.destination,
  reason: r.reason,
  status: r.status,
  attachments: attachmentsOf(r.attachments, files),
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  version: r.version,
});

const correctionDto = (r: repo.CorrectionRow, files: Map<string, FileDto>): PunchCorrectionDto => ({
  id: r.id,
  staffId: r.staffId,
  staffName: r.staffName,
  dispatchId: r.dispatchId,
  home: r.home,
  recipient: r.recipient,
  date: r.date,
  time: r.time,
  reason: r.reason,
  checkinId: r.checkinId,
  status: r.status,
  attachments: attachmentsOf(r.attachments, files),
  createdAt: r.createdAt.toISOString(),
  decidedAt: r.decidedAt?.toISOString() ?? null,
  version: r.version,
});

// ─── what every request needs ───

/** The caller's staff record: only a support staff member with a record files requests. */
async function ownStaff(ctx: Ctx, db: Executor) {
  const person = await repo.staffOfUser(db, requireUser(ctx).id);
  if (!person) throw forbidden('您的账号未关联支援人员档案，不能提交申请，请联系派出单位');
  return person;
}

/** The dispatch in force holding the days, or 400 saying which periods would do. */
function pickDispatch(dispatches: repo.DispatchInForce[], range: { from: string; to: string }, what: string) {
  const found = dispatchFor(dispatches, range, what);
  if ('code' in found) refuse(400, found);
  return dispatches.find((d) => d.id === (found as DispatchPeriod).id)!;
}

/** Attachments must be the caller's own uploads (no reading another's file through one's request). */
async function checkAttachments(ctx: Ctx, db: Executor, ids: string[] | undefined): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  const own = await uploadedBy(db, unique, requireUser(ctx).id);
  if (unique.some((id) => !own.has(id)))
    throw new AppError(400, 'INVALID_ATTACHMENT', '附件不存在或不是您本人上传的，请重新上传');
  return unique;
}

const tcmOf = (d: repo.DispatchInForce) => d.home.category === 'tcm' || d.recipient.category === 'tcm';

// ─── leave, trips, compensatory rest ───

export async function listLeaves(ctx: Ctx, q: LeaveListQuery) {
  const page = await repo.listLeaves(ctx.db, requestScope(ctx), q);
  const files = await filesOf(ctx.db, page.items);
  return { items: page.items.map((r) => leaveDto(r, files)), total: page.total };
}

async function loadLeave(ctx: Ctx, db: Executor, id: string) {
  const row = await repo.findLeave(db, requestScope(ctx), id);
  if (!row) throw notFound('申请不存在或无权查看');
  return row;
}

export async function getLeave(ctx: Ctx, id: string): Promise<LeaveRequestDto> {
  const row = await loadLeave(ctx, ctx.db, id);
  return leaveDto(row, await filesOf(ctx.db, [row]));
}

/**
 * File a leave, trip or compensatory rest for days of one's own dispatch in force, not
 * overlapping another request that holds its days; the `leave` passage starts with it.
 */
export async function createLeave(ctx: Ctx, body: CreateLeaveBody): Promise<LeaveRequestDto> {
  const user = requireUser(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const person = await ownStaff(ctx, tx);
    await repo.lockStaff(tx, person.id);
    const range = { from: body.startDate, to: body.endDate };
    const dispatch = pickDispatch(await repo.dispatchesInForce(tx, person.id), range, '申请');
    const clash = leaveOverlap(range, await repo.leavesOf(tx, person.id));
    if (clash) refuse(409, clash);
    const attachments = await checkAttachments(ctx, tx, body.attachments);
    const leaveType = body.kind === 'leave' ? (body.leaveType ?? null) : null;
    const destination = body.kind === 'trip' ? body.destination?.trim() || null : null;
    const id = await repo.insertLeave(tx, {
      staffId: person.id,
      dispatchId: dispatch.id,
      kind: body.kind,
      leaveType,
      startDate: body.startDate,
      endDate: body.endDate,
      destination,
      reason: body.reason,
      attachments,
      status: 'pending',
      createdBy: user.id,
      createdAt: ctx.clock.now(),
    });
    await workflow.startWorkflow(tx, ctx, {
      docType: 'leave',
      docId: id,
      programmeId: dispatch.programmeId,
      title: leaveTitle({
        staffName: person.name,
        kind: body.kind,
        leaveTypeLabel: leaveType ? LEAVE_TYPE_LABELS[leaveType] : null,
        destination,
        startDate: body.startDate,
        endDate: body.endDate,
      }),
      institutionId: dispatch.recipient.id,
      counterpartInstitutionId: dispatch.home.id,
      tcm: tcmOf(dispatch),
      payload: {
        kind: body.kind,
        leaveType,
        startDate: body.startDate,
        endDate: body.endDate,
        days: daysInclusive(body.startDate, body.endDate),
        destination,
        reason: body.reason,
        attachments: attachments.length,
      },
    });
    return id;
  });
  return getLeave(ctx, id);
}

/** Only the applicant, only while the request awaits a decision (pending or returned). */
function checkWithdrawable(
  ctx: Ctx,
  row: { createdBy: string | null; status: RequestStatus; version: number },
  version: number,
) {
  if (row.createdBy !== requireUser(ctx).id) throw forbidden('只有申请人本人可以撤回申请');
  if (row.status !== 'pending' && row.status !== 'returned')
    throw conflict(`该申请当前为“${REQUEST_STATUS_LABELS[row.status]}”，只有审批中或已退回的申请可以撤回`);
  if (row.version !== version) throw conflict(STALE);
}

/** The latest approval passage of a request, as the reader may see it (the applicant sees their own). */
async function latestPassage(ctx: Ctx, docType: DocType, docId: string): Promise<WorkflowInstanceDto | null> {
  const { items } = await workflow.listInstances(ctx, { docType, docId, page: 1, pageSize: 1 });
  return items[0] ? workflow.getInstance(ctx, items[0].id) : null;
}

/** The applicant sends a returned request back to the first step, with a comment on what changed. */
async function resubmitDocument(
  ctx: Ctx,
  docType: DocType,
  row: { id: string; createdBy: string | null; status: RequestStatus; version: number },
  body: WithdrawRequestBody,
) {
  if (row.createdBy !== requireUser(ctx).id) throw forbidden('只有申请人本人可以重新提交');
  if (row.status !== 'returned')
    throw conflict(`该申请当前为“${REQUEST_STATUS_LABELS[row.status]}”，只有已退回的申请可以重新提交`);
  if (row.version !== body.version) throw conflict(STALE);
  const passage = await latestPassage(ctx, docType, row.id);
  if (passage?.status !== 'returned') throw conflict(STALE);
  await workflow.resubmit(ctx, passage.id, { version: passage.version, comment: body.comment });
}

async function withdrawDocument(tx: Tx, ctx: Ctx, docType: DocType, id: string, comment?: string) {
  await workflow.closeForDocument(tx, ctx, docType, id, comment?.trim() || '申请人撤回');
}

export async function withdrawLeave(
  ctx: Ctx,
  id: string,
  body: WithdrawRequestBody,
): Promise<LeaveRequestDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadLeave(ctx, tx, id);
    checkWithdrawable(ctx, row, body.version);
    if (!(await repo.updateLeave(tx, id, body.version, { status: 'withdrawn', decidedAt: ctx.clock.now() })))
      throw conflict(STALE);
    await withdrawDocument(tx, ctx, 'leave', id, body.comment);
  });
  return getLeave(ctx, id);
}

export async function resubmitLeave(
  ctx: Ctx,
  id: string,
  body: WithdrawRequestBody,
): Promise<LeaveRequestDto> {
  await resubmitDocument(ctx, 'leave', await loadLeave(ctx, ctx.db, id), body);
  return getLeave(ctx, id);
}

export async function leaveApproval(ctx: Ctx, id: string) {
  await loadLeave(ctx, ctx.db, id);
  return { instance: await latestPassage(ctx, 'leave', id) };
}

/** An attachment of a request the reader may see (404 otherwise, whatever the file). */
async function attachment(db: Executor, attachments: string[], fileId: string) {
  const file = attachments.includes(fileId) ? await readStoredFile(db, fileId) : undefined;
  if (!file) throw notFound('附件不存在或无权查看');
  return file;
}

export async function leaveAttachment(ctx: Ctx, id: string, fileId: string) {
  const row = await loadLeave(ctx, ctx.db, id);
  return attachment(ctx.db, row.attachments, fileId);
}

// ─── 补卡 ───

export async function listCorrections(ctx: Ctx, q: CorrectionListQuery) {
  const page = await repo.listCorrections(ctx.db, requestScope(ctx), q);
  const files = await filesOf(ctx.db, page.items);
  return { items: page.items.map((r) => correctionDto(r, files)), total: page.total };
}

async function loadCorrection(ctx: Ctx, db: Executor, id: string) {
  const row = await repo.findCorrection(db, requestScope(ctx), id);
  if (!row) throw notFound('补卡申请不存在或无权查看');
  return row;
}

export async function getCorrection(ctx: Ctx, id: string): Promise<PunchCorrectionDto> {
  const row = await loadCorrection(ctx, ctx.db, id);
  return correctionDto(row, await filesOf(ctx.db, [row]));
}

/**
 * File a 补卡 for a missed punch of one's own dispatch: within the pack's deadline (P23
 * `correctionDeadlineDays`, judged by the version in force on the corrected day), not in
 * the future, and within the month's limit (`correctionsPerMonth`: pending, returned and
 * approved ones count — a returned one may come back).
 */
export async function createCorrection(ctx: Ctx, body: CreateCorrectionBody): Promise<PunchCorrectionDto> {
  const user = requireUser(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const person = await ownStaff(ctx, tx);
    await repo.lockStaff(tx, person.id);
    const dispatch = pickDispatch(
      await repo.dispatchesInForce(tx, person.id),
      { from: body.date, to: body.date },
      '补卡',
    );
    const { pack } = await packInForce(tx, dispatch.programmeId, body.date);
    const p23 = pack.rules.P23;
    const policy = p23.params;
    if (p23.enabled) {
      const late = checkCorrectionTime(policy, body, shanghaiNow(ctx));
      if (late) refuse(400, late);
    } else if (body.date > shanghaiNow(ctx).date) {
      throw new AppError(400, 'CORRECTION_IN_FUTURE', '补卡时间不能晚于现在');
    }
    const sameMonth = await repo.correctionsInMonth(tx, person.id, monthOf(body.date), HOLDING_STATUSES);
    if (sameMonth.some((c) => c.date === body.date && c.time === body.time))
      throw conflict(`已申请过 ${body.date} ${body.time} 的补卡，请勿重复提交`);
    if (p23.enabled) {
      const over = checkCorrectionQuota(policy, body.date, sameMonth.length);
      if (over) refuse(409, over);
    }
    const attachments = await checkAttachments(ctx, tx, body.attachments);
    const id = await repo.insertCorrection(tx, {
      staffId: person.id,
      dispatchId: dispatch.id,
      date: body.date,
      time: body.time,
      reason: body.reason,
      attachments,
      status: 'pending',
      createdBy: user.id,
      createdAt: ctx.clock.now(),
    });
    await workflow.startWorkflow(tx, ctx, {
      docType: 'punch_correction',
      docId: id,
      programmeId: dispatch.programmeId,
      title: `${person.name} 补卡 ${body.date} ${body.time}`,
      institutionId: dispatch.recipient.id,
      counterpartInstitutionId: dispatch.home.id,
      tcm: tcmOf(dispatch),
      payload: {
        date: body.date,
        time: body.time,
        reason: body.reason,
        attachments: attachments.length,
        usedThisMonth: sameMonth.length + 1,
        perMonth: policy.correctionsPerMonth,
      },
    });
    return id;
  });
  return getCorrection(ctx, id);
}

export async function withdrawCorrection(
  ctx: Ctx,
  id: string,
  body: WithdrawRequestBody,
): Promise<PunchCorrectionDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadCorrection(ctx, tx, id);
    checkWithdrawable(ctx, row, body.version);
    const ok = await repo.updateCorrection(tx, id, body.version, {
      status: 'withdrawn',
      decidedAt: ctx.clock.now(),
    });
    if (!ok) throw conflict(STALE);
    await withdrawDocument(tx, ctx, 'punch_correction', id, body.comment);
  });
  return getCorrection(ctx, id);
}

export async function resubmitCorrection(
  ctx: Ctx,
  id: string,
  body: WithdrawRequestBody,
): Promise<PunchCorrectionDto> {
  await resubmitDocument(ctx, 'punch_correction', await loadCorrection(ctx, ctx.db, id), body);
  return getCorrection(ctx, id);
}

export async function correctionApproval(ctx: Ctx, id: string) {
  await loadCorrection(ctx, ctx.db, id);
  return { instance: await latestPassage(ctx, 'punch_correction', id) };
}

export async function correctionAttachment(ctx: Ctx, id: string, fileId: string) {
  const row = await loadCorrection(ctx, ctx.db, id);
  return attachment(ctx.db, row.attachments, fileId);
}

// ─── the approvals ───

async function leaveFor(tx: Tx, d: Decision) {
  const row = await repo.findLeave(tx, ALL, d.instance.docId);
  if (!row) throw notFound('申请不存在');
  return row;
}

async function correctionFor(tx: Tx, d: Decision) {
  const row = await repo.findCorrection(tx, ALL, d.instance.docId);
  if (!row) throw notFound('补卡申请不存在');
  return row;
}

/** The request follows its passage; the days recompute when approval changes them. */
function leaveOutcome(status: RequestStatus, decided: boolean) {
  return async (tx: Tx, ctx: Ctx, d: Decision) => {
    const row = await leaveFor(tx, d);
    const now = ctx.clock.now();
    const ok = await repo.updateLeave(tx, row.id, row.version, { status, decidedAt: decided ? now : null });
    if (!ok) throw conflict(STALE);
    if (status === 'approved' || row.status === 'approved')
      await markDirty(tx, row.staffId, row.startDate, row.endDate);
  };
}

registerDocHandler('leave', {
  link: (id) => `/attendance/requests?leaveId=${id}`,
  onApproved: leaveOutcome('approved', true),
  onRejected: leaveOutcome('rejected', true),
  onReturned: leaveOutcome('returned', false),
  onWithdrawn: leaveOutcome('withdrawn', true),
  onResubmitted: async (tx, ctx, d) => {
    await leaveOutcome('pending', false)(tx, ctx, d);
    return undefined;
  },
});

/** Approved: the punch it stands for is written (inside by definition, no location) and the day recomputes. */
async function correctionApproved(tx: Tx, ctx: Ctx, d: Decision) {
  const row = await correctionFor(tx, d);
  const now = ctx.clock.now();
  const checkinId = uuidv7();
  await repo.insertCorrectionCheckin(tx, {
    id: checkinId,
    staffId: row.staffId,
    dispatchId: row.dispatchId,
    source: 'correction',
    punchedAt: correctionInstant(row.date, row.time),
    localDate: row.date,
    receivedAt: now,
    inside: true,
    correctionId: row.id,
    userId: row.createdBy,
  });
  const ok = await repo.updateCorrection(tx, row.id, row.version, {
    status: 'approved',
    decidedAt: now,
    checkinId,
  });
  if (!ok) throw conflict(STALE);
  await markDirty(tx, row.staffId, row.date);
}

function correctionOutcome(status: RequestStatus, decided: boolean) {
  return async (tx: Tx, ctx: Ctx, d: Decision) => {
    const row = await correctionFor(tx, d);
    const ok = await repo.updateCorrection(tx, row.id, row.version, {
      status,
      decidedAt: decided ? ctx.clock.now() : null,
    });
    if (!ok) throw conflict(STALE);
  };
}

registerDocHandler('punch_correction', {
  link: (id) => `/attendance/requests?correctionId=${id}`,
  onApproved: correctionApproved,
  onRejected: correctionOutcome('rejected', true),
  onReturned: correctionOutcome('returned', false),
  onWithdrawn: correctionOutcome('withdrawn', true),
  onResubmitted: async (tx, ctx, d) => {
    await correctionOutcome('pending', false)(tx, ctx, d);
    return undefined;
  },
});
