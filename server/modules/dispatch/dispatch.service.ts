import { sql } from 'drizzle-orm';
import type {
  CheckDispatchBody,
  ConfirmArrivalBody,
  CreateDispatchBody,
  CreateManagementPostBody,
  DispatchDto,
  DispatchListQuery,
  EligibilityDto,
  EndDispatchBody,
  ManagementPostDto,
  ReplaceDispatchBody,
  ReplaceDispatchResultDto,
  SubmitDispatchBody,
} from '../../../shared/contracts/dispatch';
import type { Violation } from '../../../shared/contracts/pairing';
import {
  APPROVED_DISPATCH_STATUSES,
  DISPATCH_STATUS_LABELS,
  type DispatchStatus,
  MANAGEMENT_POST_LABELS,
} from '../../../shared/dispatch-vocabulary';
import type { PolicyPack } from '../../../shared/policy/schema';
import type { Executor, Tx } from '../../db/client';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import { markDirty } from '../attendance/dirty';
import * as org from '../org/org.facts';
import { prefectureOf } from '../pairing/pairing.overview';
import * as pairingRepo from '../pairing/pairing.repo';
import { classify } from '../pairing/pairing.rules';
import { packInForce } from '../programme/programme.service';
import * as staffRepo from '../staff/staff.repo';
import { type Decision, registerDocHandler } from '../workflow/workflow.handlers';
import * as workflow from '../workflow/workflow.service';
import * as repo from './dispatch.repo';
import {
  addDays,
  checkDispatchEligibility,
  checkManagementPost,
  countsAsService,
  presenceRuleFor,
} from './dispatch.rules';

/**
 * Dispatches (选派/派驻): two-sided records, visible to whoever has the staff member's home
 * institution or the recipient in scope (S07). Eligibility is judged by the pack version in
 * force on the dispatch's first day, when proposed and again when submitted; the province
 * office approves through the workflow engine; the recipient confirms arrival and the end.
 */

const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());

const dispatchScope = (ctx: Ctx) => institutionScope(requireUser(ctx), repo.homeSide, repo.recipientSide);
const recipientScope = (ctx: Ctx) => institutionScope(requireUser(ctx), repo.recipientSide);
const homeScope = (ctx: Ctx) => institutionScope(requireUser(ctx), repo.homeSide);
const ALL = sql`true`;

const STALE = '该选派记录已被他人修改，请刷新后重试';

// ─── DTOs (P05 needs the pack in force on the dispatch's first day) ───

type PackCache = Map<string, Promise<PolicyPack | null>>;

function packOn(db: Executor, cache: PackCache, programmeId: string, on: string) {
  const key = `${programmeId}@${on}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = packInForce(db, programmeId, on).then(
      (p) => p.pack,
      (err: unknown) => {
        if (err instanceof AppError && err.statusCode === 404) return null;
        throw err;
      },
    );
    cache.set(key, hit);
  }
  return hit;
}

async function toDto(db: Executor, cache: PackCache, r: repo.DispatchRow): Promise<DispatchDto> {
  const pack = await packOn(db, cache, r.programmeId, r.plannedStart);
  const record = {
    staffName: r.staff.name,
    recipientName: r.recipient.name,
    status: r.status,
    provinceApprovedOn: r.approvedAt ? shanghaiDate(r.approvedAt) : null,
  };
  // Without a pack in force, the strict reading: only a province approval counts.
  const counts = pack
    ? countsAsService(pack.rules.P05, record)
    : APPROVED_DISPATCH_STATUSES.includes(r.status) && r.approvedAt !== null;
  const judgement = r.judgement as Partial<EligibilityDto>;
  return {
    id: r.id,
    staffId: r.staffId,
    staff: {
      id: r.staff.id,
      name: r.staff.name,
      title: r.staff.title,
      institution: { id: r.home.id, name: r.home.name },
    },
    pairingId: r.pairingId,
    programmeId: r.programmeId,
    programmeName: r.programmeName,
    recipientInstitutionId: r.recipientInstitutionId,
    recipient: {
      id: r.recipient.id,
      name: r.recipient.name,
      regionCode: r.recipient.regionCode,
      regionName: r.recipient.regionName,
    },
    batch: r.batch,
    kind: r.kind,
    role: r.role,
    plannedStart: r.plannedStart,
    plannedEnd: r.plannedEnd,
    arrivedOn: r.arrivedOn,
    endedOn: r.endedOn,
    status: r.status,
    judgement: {
      violations: judgement.violations ?? [],
      conflicts: judgement.conflicts ?? [],
      policyVersion: judgement.policyVersion ?? null,
    },
    justification: r.justification,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    countsAsService: counts,
    titleAtApproval: r.titleAtApproval,
    presenceRule: r.presenceRule === 'P06' || r.presenceRule === 'P07' ? r.presenceRule : null,
    endReason: r.endReason,
    replacedBy: r.replacedBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

// ─── reads ───

export async function listDispatches(ctx: Ctx, q: DispatchListQuery) {
  const regionPath = q.region ? await org.regionPath(ctx.db, q.region) : undefined;
  const page = await repo.listDispatches(ctx.db, dispatchScope(ctx), { ...q, regionPath });
  const cache: PackCache = new Map();
  return { items: await Promise.all(page.items.map((r) => toDto(ctx.db, cache, r))), total: page.total };
}

async function loadInScope(ctx: Ctx, db: Executor, id: string) {
  const row = await repo.findInScope(db, dispatchScope(ctx), id);
  if (!row) throw notFound('选派记录不存在或无权查看');
  return row;
}

export async function getDispatch(ctx: Ctx, id: string): Promise<DispatchDto> {
  return toDto(ctx.db, new Map(), await loadInScope(ctx, ctx.db, id));
}

// ─── eligibility ───

/** The staff member, if a support staff member whose home institution the caller has in scope. */
async function proposableStaff(ctx: Ctx, db: Executor, staffId: string) {
  const person = await staffRepo.findInScope(
    db,
    institutionScope(requireUser(ctx), staffRepo.staffScopeColumns),
    staffId,
  );
  if (!person) throw forbidden('只能为本单位（数据范围内）的支援人员选派');
  if (person.side !== 'support')
    throw new AppError(400, 'NOT_SUPPORT_STAFF', `${person.name}为受援人员，不能选派`);
  return person;
}

/** The pairing, if the caller has either side in scope (as the pairing module's own reads). */
async function visiblePairing(ctx: Ctx, db: Executor, id: string) {
  const scope = institutionScope(
    requireUser(ctx),
    { regionCode: pairingRepo.sup.regionCode, institutionId: pairingRepo.sup.id },
    { regionCode: pairingRepo.rec.regionCode, institutionId: pairingRepo.rec.id },
  );
  const pairing = await pairingRepo.findInScope(db, scope, id);
  if (!pairing) throw notFound('结对关系不存在或无权查看');
  return pairing;
}

interface Judged {
  eligibility: EligibilityDto;
  pack: PolicyPack;
  staff: Awaited<ReturnType<typeof proposableStaff>>;
  pairing: pairingRepo.PairingRow;
  homeCategory: string;
}

/** Load what the rules need and judge a proposed dispatch (P04, P06, P28 and conflicts). */
async function judge(ctx: Ctx, db: Executor, body: CheckDispatchBody, excludeId?: string): Promise<Judged> {
  const person = await proposableStaff(ctx, db, body.staffId);
  const pairing = await visiblePairing(ctx, db, body.pairingId);
  if (pairing.supporting.id !== person.institution.id)
    throw new AppError(
      400,
      'NOT_PAIRING_SUPPORTER',
      `${person.name}所在单位${person.institution.name}不是该结对关系的支援机构（${pairing.supporting.name}）`,
    );
  const { version, pack } = await packInForce(db, pairing.programmeId, body.plannedStart);
  const facts = (await org.institutionFacts(db, [person.institution.id])).get(person.institution.id)!;
  const prefecture = prefectureOf(facts.regionPath);
  const others = await repo.otherDispatchesOf(db, person.id, excludeId);
  const { violations, conflicts } = checkDispatchEligibility(pack.rules, {
    staff: {
      name: person.name,
      title: person.title,
      serviceStartedOn: person.workStartedOn,
      home: {
        name: facts.name,
        tier: facts.tier,
        regionName: facts.regionName,
        prefectureCode: prefecture && prefecture !== '510000' ? prefecture : null,
        flags: await org.regionFlags(db, facts.regionCode),
      },
    },
    recipient: { name: pairing.recipient.name, tier: pairing.recipient.tier },
    kind: body.kind,
    role: body.role,
    period: { start: body.plannedStart, end: body.plannedEnd },
    pairingPeriod: { start: pairing.periodStart, end: pairing.periodEnd },
    otherDispatches: others,
  });
  return {
    eligibility: { violations, conflicts, policyVersion: version },
    pack,
    staff: person,
    pairing,
    homeCategory: facts.category,
  };
}

export async function checkDispatch(ctx: Ctx, body: CheckDispatchBody): Promise<EligibilityDto> {
  return (await judge(ctx, ctx.db, body)).eligibility;
}

/** Conflicts and mandatory violations block (400); returns the in-principle deviations. */
function blockers(e: EligibilityDto): Violation[] {
  if (e.conflicts.length)
    throw new AppError(
      400,
      'DISPATCH_CONFLICT',
      `不能选派：${e.conflicts.map((c) => c.message).join('；')}`,
      {
        conflicts: e.conflicts,
      },
    );
  const { blocking, deviations } = classify(e.violations);
  if (blocking.length)
    throw new AppError(
      400,
      'RULE_VIOLATION',
      blocking.map((v) => `${v.rule}：${v.message}（依据：${String(v.inputs.source ?? '')}）`).join('；'),
      { violations: blocking },
    );
  return deviations;
}

// ─── writes ───

export async function createDispatch(ctx: Ctx, body: CreateDispatchBody): Promise<DispatchDto> {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const { eligibility, staff, pairing } = await judge(ctx, tx, body);
    blockers(eligibility);
    const id = await repo.insertDispatch(tx, {
      staffId: staff.id,
      pairingId: pairing.id,
      recipientInstitutionId: pairing.recipient.id,
      batch: body.batch,
      kind: body.kind,
      role: body.role,
      plannedStart: body.plannedStart,
      plannedEnd: body.plannedEnd,
      status: 'proposed',
      judgement: eligibility,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    await audit(
      ctx,
      'dispatch.create',
      {
        objectType: 'dispatch',
        objectId: id,
        details: {
          staff: staff.name,
          recipient: pairing.recipient.name,
          batch: body.batch,
          kind: body.kind,
          role: body.role,
          period: [body.plannedStart, body.plannedEnd],
          policyVersion: eligibility.policyVersion,
          deviations: eligibility.violations.map((v) => v.rule),
        },
      },
      tx,
    );
    return id;
  });
  return getDispatch(ctx, id);
}

/**
 * Send to the province: judged again (facts may have changed); an in-principle deviation
 * (P04) needs the justification (422 without one). The approval passage starts in the same
 * transaction.
 */
export async function submitDispatch(ctx: Ctx, id: string, body: SubmitDispatchBody): Promise<DispatchDto> {
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const row = await loadInScope(ctx, tx, id);
    if (row.status !== 'proposed')
      throw conflict(`该选派当前为“${DISPATCH_STATUS_LABELS[row.status]}”，只有拟选派状态可以报审`);
    if (row.version !== body.version) throw conflict(STALE);
    const { eligibility, pairing, homeCategory } = await judge(
      ctx,
      tx,
      {
        staffId: row.staffId,
        pairingId: row.pairingId,
        batch: row.batch,
        kind: row.kind,
        role: row.role,
        plannedStart: row.plannedStart,
        plannedEnd: row.plannedEnd,
      },
      id,
    );
    const deviations = blockers(eligibility);
    const justification = deviations.length ? (body.justification ?? row.justification) : null;
    if (deviations.length && !justification)
      throw new AppError(
        422,
        'NEEDS_JUSTIFICATION',
        `${deviations.map((v) => `${v.rule}：${v.message}`).join('；')}。如确需选派，请填写理由后报省对口支援办审核`,
        { violations: deviations },
      );
    const ok = await repo.updateVersioned(tx, id, body.version, {
      status: 'submitted',
      judgement: eligibility,
      justification,
      updatedAt: now,
    });
    if (!ok) throw conflict(STALE);
    await audit(
      ctx,
      'dispatch.submit',
      {
        objectType: 'dispatch',
        objectId: id,
        details: {
          staff: row.staff.name,
          recipient: row.recipient.name,
          policyVersion: eligibility.policyVersion,
          deviations: deviations.map((v) => v.rule),
          justification,
        },
      },
      tx,
    );
    await workflow.submitAgain(tx, ctx, {
      docType: 'dispatch',
      docId: id,
      programmeId: pairing.programmeId,
      title: `${row.staff.name} → ${row.recipient.name}（${row.batch}）`,
      institutionId: row.recipient.id,
      counterpartInstitutionId: row.home.id,
      tcm: homeCategory === 'tcm' || pairing.recipient.category === 'tcm',
      payload: { violations: deviations, justification },
      comment: justification ?? '重新报审',
    });
  });
  return getDispatch(ctx, id);
}

/** The recipient's actions: the dispatch must be visible (404) and its recipient in scope (403). */
async function loadForRecipient(ctx: Ctx, tx: Tx, id: string, version: number, from: DispatchStatus) {
  const row = await loadInScope(ctx, tx, id);
  if (!(await repo.findInScope(tx, recipientScope(ctx), id)))
    throw forbidden('只有受援单位可以确认支援人员到岗和离岗');
  if (row.status !== from)
    throw conflict(
      `该选派当前为“${DISPATCH_STATUS_LABELS[row.status]}”，此操作仅适用于“${DISPATCH_STATUS_LABELS[from]}”的选派`,
    );
  if (row.version !== version) throw conflict(STALE);
  return row;
}

export async function confirmArrival(ctx: Ctx, id: string, body: ConfirmArrivalBody): Promise<DispatchDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadForRecipient(ctx, tx, id, body.version, 'approved');
    const earliest = addDays(row.plannedStart, -30);
    if (body.arrivedOn < earliest || body.arrivedOn > row.plannedEnd)
      throw new AppError(
        400,
        'INVALID_ARRIVAL',
        `到岗日期应在计划派驻期（${row.plannedStart} 至 ${row.plannedEnd}）内，最早可提前30天（${earliest}）`,
      );
    if (body.arrivedOn > today(ctx)) throw new AppError(400, 'INVALID_ARRIVAL', '到岗日期不能晚于今天');
    const ok = await repo.updateVersioned(tx, id, body.version, {
      status: 'on_duty',
      arrivedOn: body.arrivedOn,
      updatedAt: ctx.clock.now(),
    });
    if (!ok) throw conflict(STALE);
    // The days since the earlier of plan and arrival now read differently (attendance).
    const [from] = [body.arrivedOn, row.plannedStart].sort() as [string, string];
    await markDirty(tx, row.staff.id, from, today(ctx));
    await audit(
      ctx,
      'dispatch.arrive',
      {
        objectType: 'dispatch',
        objectId: id,
        details: { staff: row.staff.name, recipient: row.recipient.name, arrivedOn: body.arrivedOn },
      },
      tx,
    );
  });
  return getDispatch(ctx, id);
}

/** on_duty → completed (at or after the planned end) or ended_early (P06: with a reason). */
export async function endDispatch(ctx: Ctx, id: string, body: EndDispatchBody): Promise<DispatchDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await loadForRecipient(ctx, tx, id, body.version, 'on_duty');
    const reason = body.reason?.trim() || null;
    const problems = [
      row.arrivedOn !== null && body.endedOn < row.arrivedOn && `结束日期不能早于到岗日期 ${row.arrivedOn}`,
      body.endedOn > today(ctx) && '结束日期不能晚于今天',
      body.outcome === 'completed' &&
        body.endedOn < row.plannedEnd &&
        `未到计划结束日期 ${row.plannedEnd}，应记为提前结束并填写原因`,
      body.outcome === 'ended_early' &&
        body.endedOn >= row.plannedEnd &&
        `已到计划结束日期 ${row.plannedEnd}，应记为期满完成`,
      body.outcome === 'ended_early' && !reason && '提前结束须填写原因（无特殊情况或事由不得中途换人）',
    ].filter((x): x is string => Boolean(x));
    if (problems.length)
      throw new AppError(400, 'INVALID_END', `提交的数据有误：${problems.join('；')}`, { problems });
    const ok = await repo.updateVersioned(tx, id, body.version, {
      status: body.outcome,
      endedOn: body.endedOn,
      endReason: body.outcome === 'ended_early' ? reason : null,
      updatedAt: ctx.clock.now(),
    });
    if (!ok) throw conflict(STALE);
    // Days after the end leave the person's attendance.
    await markDirty(tx, row.staff.id, body.endedOn, today(ctx));
    await audit(
      ctx,
      'dispatch.end',
      {
        objectType: 'dispatch',
        objectId: id,
        details: {
          staff: row.staff.name,
          recipient: row.recipient.name,
          outcome: body.outcome,
          endedOn: body.endedOn,
          reason,
        },
      },
      tx,
    );
  });
  return getDispatch(ctx, id);
}

// ─── P13 management posts (the recipient appoints) ───

const postDto = (p: repo.ManagementPostRow): ManagementPostDto => ({
  id: p.id,
  dispatchId: p.dispatchId,
  post: p.post,
  department: p.department,
  startsOn: p.startsOn,
  endsOn: p.endsOn,
  createdAt: p.createdAt.toISOString(),
});

export async function listPosts(ctx: Ctx, id: string) {
  await loadInScope(ctx, ctx.db, id);
  const items = (await repo.listPosts(ctx.db, id)).map(postDto);
  return { items, total: items.length };
}

/** Only while approved or on duty; the appointment must lie inside the dispatch (P13). */
export async function createPost(
  ctx: Ctx,
  id: string,
  body: CreateManagementPostBody,
): Promise<ManagementPostDto> {
  return ctx.db.transaction(async (tx) => {
    const row = await loadInScope(ctx, tx, id);
    if (!(await repo.findInScope(tx, recipientScope(ctx), id)))
      throw forbidden('只有受援单位可以登记支援人员兼任的管理职务');
    if (row.status !== 'approved' && row.status !== 'on_duty')
      throw conflict(
        `该选派当前为“${DISPATCH_STATUS_LABELS[row.status]}”，只有已审核通过或在岗的支援人员可以兼任管理职务`,
      );
    const departmental = body.post === 'department_head' || body.post === 'deputy_department_head';
    const department = departmental ? (body.department ?? null) : null;
    // An arrival confirmed before the planned start (allowed up to 30 days) starts the stay.
    const start =
      row.arrivedOn !== null && row.arrivedOn < row.plannedStart ? row.arrivedOn : row.plannedStart;
    const conflicts = checkManagementPost({
      staffName: row.staff.name,
      recipientName: row.recipient.name,
      post: body.post,
      department,
      start: body.startsOn,
      end: body.endsOn ?? null,
      dispatch: { start, end: row.plannedEnd },
    });
    if (conflicts.length)
      throw new AppError(400, 'POST_CONFLICT', `不能登记：${conflicts.map((c) => c.message).join('；')}`, {
        conflicts,
      });
    const post = await repo.insertPost(tx, {
      dispatchId: id,
      post: body.post,
      department,
      startsOn: body.startsOn,
      endsOn: body.endsOn ?? null,
      createdAt: ctx.clock.now(),
    });
    await audit(
      ctx,
      'dispatch.post',
      {
        objectType: 'dispatch',
        objectId: id,
        details: {
          staff: row.staff.name,
          recipient: row.recipient.name,
          post: body.post,
          postLabel: `${department ?? ''}${MANAGEMENT_POST_LABELS[body.post]}`,
          startsOn: body.startsOn,
          endsOn: body.endsOn ?? null,
          postId: post.id,
        },
      },
      tx,
    );
    return postDto(post);
  });
}

// ─── replacing the person (the home side) ───

/**
 * Approved or on duty → replaced (P06: with the special reason), and in the same transaction
 * the replacement proposed for the rest of the planned period, judged as any proposal.
 */
export async function replaceDispatch(
  ctx: Ctx,
  id: string,
  body: ReplaceDispatchBody,
): Promise<ReplaceDispatchResultDto> {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const newId = await ctx.db.transaction(async (tx) => {
    const row = await loadInScope(ctx, tx, id);
    if (!(await repo.findInScope(tx, homeScope(ctx), id))) throw forbidden('只有派出单位可以更换支援人员');
    if (row.status !== 'approved' && row.status !== 'on_duty')
      throw conflict(
        `该选派当前为“${DISPATCH_STATUS_LABELS[row.status]}”，只有已审核通过或在岗的选派可以更换人员`,
      );
    if (row.version !== body.version) throw conflict(STALE);
    const reason = body.reason.trim();
    // Before arrival the replacement may take over from the very first day.
    const earliest = row.arrivedOn ?? addDays(row.plannedStart, -1);
    const problems = [
      body.staffId === row.staffId && '接替人员不能是原支援人员',
      body.endedOn < earliest &&
        (row.arrivedOn ? `结束日期不能早于到岗日期 ${row.arrivedOn}` : `结束日期不能早于 ${earliest}`),
      body.endedOn >= row.plannedEnd && `结束日期应早于计划结束日期 ${row.plannedEnd}，否则无需更换人员`,
      !reason && '更换人员须填写原因（无特殊情况或事由不得中途换人）',
    ].filter((x): x is string => Boolean(x));
    if (problems.length)
      throw new AppError(400, 'INVALID_REPLACEMENT', `提交的数据有误：${problems.join('；')}`, { problems });

    const replacement = {
      staffId: body.staffId,
      pairingId: row.pairingId,
      batch: row.batch,
      kind: row.kind,
      role: row.role,
      plannedStart: addDays(body.endedOn, 1),
      plannedEnd: row.plannedEnd,
    };
    const { eligibility, staff } = await judge(ctx, tx, replacement);
    blockers(eligibility);
    const newId = await repo.insertDispatch(tx, {
      ...replacement,
      recipientInstitutionId: row.recipient.id,
      status: 'proposed',
      judgement: eligibility,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    const ok = await repo.updateVersioned(tx, id, body.version, {
      status: 'replaced',
      endedOn: body.endedOn,
      endReason: reason,
      replacedBy: newId,
      updatedAt: now,
    });
    if (!ok) throw conflict(STALE);
    await markDirty(tx, row.staff.id, body.endedOn, today(ctx));
    await audit(
      ctx,
      'dispatch.replace',
      {
        objectType: 'dispatch',
        objectId: id,
        details: {
          staff: row.staff.name,
          recipient: row.recipient.name,
          endedOn: body.endedOn,
          reason,
          replacement: {
            id: newId,
            staff: staff.name,
            period: [replacement.plannedStart, replacement.plannedEnd],
            policyVersion: eligibility.policyVersion,
            deviations: eligibility.violations.map((v) => v.rule),
          },
        },
      },
      tx,
    );
    return newId;
  });
  return { replaced: await getDispatch(ctx, id), replacement: await getDispatch(ctx, newId) };
}

// ─── the approval (P05: "报送省卫生计生委对口支援管理办公室审核") ───

async function loadForDecision(tx: Tx, d: Decision) {
  const row = await repo.findInScope(tx, ALL, d.instance.docId);
  if (!row) throw notFound('选派记录不存在');
  return row;
}

/** Final approval: the title now fixes the presence rule (P06 or P07) for the whole dispatch. */
async function approved(tx: Tx, ctx: Ctx, d: Decision) {
  const row = await loadForDecision(tx, d);
  const { pack } = await packInForce(tx, row.programmeId, row.plannedStart);
  const ok = await repo.updateVersioned(tx, row.id, row.version, {
    status: 'approved',
    approvedAt: ctx.clock.now(),
    titleAtApproval: row.staff.title,
    presenceRule: presenceRuleFor(row.staff.title, pack.rules),
    updatedAt: ctx.clock.now(),
  });
  if (!ok) throw conflict(STALE);
}

/** Rejected, returned or withdrawn: back to proposed; the workflow history keeps why. */
async function backToProposed(tx: Tx, ctx: Ctx, d: Decision) {
  const row = await loadForDecision(tx, d);
  if (
    !(await repo.updateVersioned(tx, row.id, row.version, { status: 'proposed', updatedAt: ctx.clock.now() }))
  )
    throw conflict(STALE);
}

/** Resubmitted from the approvals page after a return: submitted again, a new comment its justification. */
async function resubmitted(tx: Tx, ctx: Ctx, d: Decision) {
  const row = await loadForDecision(tx, d);
  const justification = d.comment && row.justification !== null ? d.comment : row.justification;
  const ok = await repo.updateVersioned(tx, row.id, row.version, {
    status: 'submitted',
    justification,
    updatedAt: ctx.clock.now(),
  });
  if (!ok) throw conflict(STALE);
  return justification === row.justification ? undefined : { ...d.instance.payload, justification };
}

registerDocHandler('dispatch', {
  link: (id) => `/dispatches?dispatchId=${id}`,
  onApproved: approved,
  onRejected: backToProposed,
  onReturned: backToProposed,
  onWithdrawn: backToProposed,
  onResubmitted: resubmitted,
});
