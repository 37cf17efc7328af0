import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  CreatePairingBody,
  EndPairingBody,
  OverviewQuery,
  PairingChangeDto,
  PairingDto,
  PairingListQuery,
  UpdatePairingBody,
  Violation,
} from '../../../shared/contracts/pairing';
import type { CountyFlag } from '../../../shared/enums';
import type { Tx } from '../../db/client';
import { institutions } from '../../db/schema';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import * as org from '../org/org.facts';
import { packInForce, programmePeriod } from '../programme/programme.service';
import { type Decision, registerDocHandler } from '../workflow/workflow.handlers';
import * as workflow from '../workflow/workflow.service';
import { buildOverview, prefectureOf } from './pairing.overview';
import * as repo from './pairing.repo';
import {
  checkPairingChange,
  checkPairingLimits,
  checkRecipientEligible,
  classify,
  isDeepPoverty,
} from './pairing.rules';

/**
 * Pairings (结对关系): two-sided records, visible to whoever has the supporting or the
 * recipient side in scope (S07). Each write judges P01 and P02 by the pack version in force
 * on the pairing's first day, in one transaction with the write, its history row and its
 * audit event.
 */

type Exception = {
  exceptionStatus: PairingDto['exceptionStatus'];
  exceptionReason: string | null;
  deviations: string[];
};

function pairingScope(ctx: Ctx) {
  return institutionScope(
    requireUser(ctx),
    { regionCode: repo.sup.regionCode, institutionId: repo.sup.id },
    { regionCode: repo.rec.regionCode, institutionId: repo.rec.id },
  );
}

const today = (ctx: Ctx) => shanghaiDate(ctx.clock.now());

function toDto(r: repo.PairingRow): PairingDto {
  const { recipientRegionPath: _, ...rest } = r;
  return { ...rest, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() };
}

export async function listPairings(ctx: Ctx, q: PairingListQuery) {
  const regionPath = q.region ? await org.regionPath(ctx.db, q.region) : undefined;
  const page = await repo.listPairings(ctx.db, pairingScope(ctx), { ...q, regionPath });
  return { items: page.items.map(toDto), total: page.total };
}

async function loadInScope(ctx: Ctx, db: Ctx['db'] | Tx, id: string) {
  const row = await repo.findInScope(db, pairingScope(ctx), id);
  if (!row) throw notFound('结对关系不存在或无权查看');
  return row;
}

export async function getPairing(ctx: Ctx, id: string): Promise<PairingDto> {
  return toDto(await loadInScope(ctx, ctx.db, id));
}

/**
 * Mandatory violations block (400); "in principle" ones need a recorded reason (422 without
 * one), and with one the pairing is saved as an exception pending approval. The approval
 * itself goes through the workflow engine of the next issue; until then it stays pending.
 * An exception already on record that covers the same rules carries over to a later change.
 */
function decide(violations: Violation[], reason: string | undefined, onRecord?: Exception): Exception {
  const { blocking, deviations } = classify(violations);
  if (blocking.length)
    throw new AppError(400, 'RULE_VIOLATION', blocking.map((v) => `${v.rule}：${v.message}`).join('；'), {
      violations: blocking,
    });
  // A change that deviates no more keeps the exception on record: its approval is still pending (or decided).
  if (!deviations.length)
    return onRecord && onRecord.exceptionStatus !== 'none'
      ? onRecord
      : { exceptionStatus: 'none', exceptionReason: null, deviations: [] };
  const ids = [...new Set(deviations.map((v) => v.rule))];
  if (reason) return { exceptionStatus: 'pending', exceptionReason: reason, deviations: ids };
  if (
    onRecord &&
    (onRecord.exceptionStatus === 'pending' || onRecord.exceptionStatus === 'approved') &&
    ids.every((id) => onRecord.deviations.includes(id))
  )
    return onRecord;
  throw new AppError(
    422,
    'NEEDS_EXCEPTION',
    `${deviations.map((v) => `${v.rule}：${v.message}`).join('；')}。如确需如此，请填写理由并保存为例外（待省对口支援办审批）`,
    { violations: deviations },
  );
}

interface Proposed {
  programmeId: string;
  supportingInstitutionId: string;
  recipientInstitutionId: string;
  mode: PairingDto['mode'];
  periodStart: string;
  periodEnd: string | null;
}

/** Load what the rules need and judge P01 and P02 for a proposed pairing state. */
async function judge(tx: Tx, p: Proposed, excludeId?: string) {
  const programme = await getProgrammePeriod(tx, p.programmeId);
  if (
    p.periodStart < programme.periodStart ||
    (programme.periodEnd !== null && (p.periodEnd === null || p.periodEnd > programme.periodEnd))
  )
    throw new AppError(
      400,
      'OUTSIDE_PROGRAMME',
      `结对期限须在项目期限（${programme.periodStart} 至 ${programme.periodEnd ?? '未定'}）之内`,
    );
  const facts = await org.institutionFacts(tx, [p.supportingInstitutionId, p.recipientInstitutionId]);
  const supporter = facts.get(p.supportingInstitutionId);
  const recipient = facts.get(p.recipientInstitutionId);
  if (!supporter || !recipient) throw new AppError(400, 'UNKNOWN_INSTITUTION', '所选机构不存在');
  if (supporter.role === 'recipient')
    throw new AppError(400, 'NOT_A_SUPPORTER', `${supporter.name}是受援机构，不能作为支援机构`);
  if (recipient.role === 'supporting')
    throw new AppError(400, 'NOT_A_RECIPIENT', `${recipient.name}是支援机构，不能作为受援机构`);

  const on = p.periodStart;
  const { version, pack } = await packInForce(tx, p.programmeId, on);
  const flags = await org.regionFlags(tx, recipient.regionCode);
  const existing = await repo.activePairingsOfRecipient(tx, {
    programmeId: p.programmeId,
    recipientId: recipient.id,
    start: p.periodStart,
    end: p.periodEnd,
    excludeId,
  });
  if (existing.some((e) => e.supportingInstitutionId === supporter.id))
    throw conflict(`${supporter.name}与${recipient.name}在本项目同一期间已有结对关系`);

  const violations = [
    ...checkRecipientEligible(
      pack.rules.P01,
      {
        name: recipient.name,
        tier: recipient.tier,
        regionCode: recipient.regionCode,
        regionName: recipient.regionName,
        flags,
      },
      { start: p.periodStart, end: p.periodEnd },
      on,
    ),
    ...checkPairingLimits(
      pack.rules.P02,
      {
        supportingInstitutionId: supporter.id,
        supportingName: supporter.name,
        category: supporter.category,
        mode: p.mode,
        recipientName: recipient.name,
      },
      existing,
      isDeepPoverty(flags, on),
    ),
  ];
  return { violations, policyVersion: version, pack, supporter, recipient };
}

async function getProgrammePeriod(tx: Tx, programmeId: string) {
  const programme = await programmePeriod(tx, programmeId);
  if (!programme) throw new AppError(400, 'UNKNOWN_PROGRAMME', '所选项目不存在');
  return programme;
}

/** After a write, the record must be visible to its author: nobody pairs institutions outside their scope. */
async function mustSee(ctx: Ctx, tx: Tx, id: string) {
  const row = await repo.findInScope(tx, pairingScope(ctx), id);
  if (!row) throw forbidden('不能为数据范围以外的机构建立或变更结对关系');
  return row;
}

/** A field-by-field diff for the history, institutions by name. */
function diffOf(before: Partial<Record<string, unknown>>, after: Record<string, unknown>) {
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = before[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) diff[key] = { from, to };
  }
  return diff;
}

const historyFields = (
  r:
    | repo.PairingRow
    | (Proposed &
        Exception & { supportingName: string; recipientName: string; departments: string[]; status: string }),
) =>
  'supporting' in r
    ? {
        supportingInstitution: r.supporting.name,
        recipientInstitution: r.recipient.name,
        mode: r.mode,
        departments: r.departments,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        status: r.status,
        exceptionStatus: r.exceptionStatus,
        exceptionReason: r.exceptionReason,
        deviations: r.deviations,
      }
    : {
        supportingInstitution: r.supportingName,
        recipientInstitution: r.recipientName,
        mode: r.mode,
        departments: r.departments,
        periodStart: r.periodStart,
        periodEnd: r.periodEnd,
        status: r.status,
        exceptionStatus: r.exceptionStatus,
        exceptionReason: r.exceptionReason,
        deviations: r.deviations,
      };

/** The same checks as the create body's, on the merged state of a change (Chinese, 400). */
function checkShape(p: Omit<Proposed, 'programmeId'> & { departments: string[] }) {
  const problems = [
    p.supportingInstitutionId === p.recipientInstitutionId && '支援机构与受援机构不能是同一机构',
    p.periodEnd !== null && p.periodEnd < p.periodStart && '结束日期不能早于开始日期',
    p.mode === 'hospital_department' && !p.departments.length && '以院包科须列明所包科室',
  ].filter((x): x is string => Boolean(x));
  if (problems.length)
    throw new AppError(400, 'INVALID_PAIRING', `提交的数据有误：${problems.join('；')}`, { problems });
}

export async function createPairing(ctx: Ctx, body: z.infer<typeof CreatePairingBody>) {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (tx) => {
    const { violations, policyVersion, supporter, recipient } = await judge(tx, body);
    const exception = decide(violations, body.exceptionReason);
    const departments = body.mode === 'hospital_department' ? body.departments : [];
    const id = await repo.insertPairing(tx, {
      programmeId: body.programmeId,
      supportingInstitutionId: supporter.id,
      recipientInstitutionId: recipient.id,
      mode: body.mode,
      departments,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      ...exception,
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    });
    const row = await mustSee(ctx, tx, id);
    await repo.insertChange(tx, {
      pairingId: id,
      at: now,
      actorId: user.id,
      change: { kind: 'create', diff: diffOf({}, historyFields(row)), policyVersion, violations },
      reason: exception.exceptionReason,
    });
    await audit(
      ctx,
      'pairing.create',
      {
        objectType: 'pairing',
        objectId: id,
        details: {
          supporting: supporter.name,
          recipient: recipient.name,
          mode: body.mode,
          period: [body.periodStart, body.periodEnd],
          policyVersion,
          deviations: exception.deviations,
          exceptionReason: exception.exceptionReason,
        },
      },
      tx,
    );
    if (exception.exceptionStatus === 'pending')
      await workflow.startWorkflow(tx, ctx, exceptionApproval(row, exception, violations));
    return id;
  });
  return getPairing(ctx, id);
}

export async function updatePairing(ctx: Ctx, id: string, body: z.infer<typeof UpdatePairingBody>) {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id);
    if (before.status === 'ended') throw conflict('该结对关系已终止，不能再变更');
    if (before.version !== body.version) throw conflict('该结对关系已被他人修改，请刷新后重试');
    const proposed: Proposed = {
      programmeId: before.programmeId,
      supportingInstitutionId: body.supportingInstitutionId ?? before.supporting.id,
      recipientInstitutionId: body.recipientInstitutionId ?? before.recipient.id,
      mode: body.mode ?? before.mode,
      periodStart: body.periodStart ?? before.periodStart,
      periodEnd: body.periodEnd === undefined ? before.periodEnd : body.periodEnd,
    };
    const departments =
      proposed.mode === 'hospital_department' ? (body.departments ?? before.departments) : [];
    checkShape({ ...proposed, departments });
    const { violations: judged, policyVersion, pack, supporter, recipient } = await judge(tx, proposed, id);
    const violations = [
      ...judged,
      ...checkPairingChange(
        pack.rules.P02,
        {
          supportingInstitutionId: before.supporting.id,
          supportingName: before.supporting.name,
          recipientInstitutionId: before.recipient.id,
          recipientName: before.recipient.name,
          period: { start: before.periodStart, end: before.periodEnd },
        },
        {
          supportingInstitutionId: supporter.id,
          supportingName: supporter.name,
          recipientInstitutionId: recipient.id,
          recipientName: recipient.name,
          period: { start: proposed.periodStart, end: proposed.periodEnd },
        },
        today(ctx),
      ),
    ];
    const onRecord: Exception = {
      exceptionStatus: before.exceptionStatus,
      exceptionReason: before.exceptionReason,
      deviations: before.deviations,
    };
    const exception = decide(violations, body.exceptionReason, onRecord);
    const after = {
      ...proposed,
      ...exception,
      supportingName: supporter.name,
      recipientName: recipient.name,
      departments,
      status: before.status,
    };
    const diff = diffOf(historyFields(before), historyFields(after));
    if (!Object.keys(diff).length) throw new AppError(400, 'NO_CHANGE', '没有任何变更，无需保存');
    const ok = await repo.updatePairingVersioned(tx, id, body.version, {
      supportingInstitutionId: supporter.id,
      recipientInstitutionId: recipient.id,
      mode: proposed.mode,
      departments,
      periodStart: proposed.periodStart,
      periodEnd: proposed.periodEnd,
      ...exception,
      updatedAt: now,
    });
    if (!ok) throw conflict('该结对关系已被他人修改，请刷新后重试');
    const row = await mustSee(ctx, tx, id);
    await repo.insertChange(tx, {
      pairingId: id,
      at: now,
      actorId: user.id,
      change: { kind: 'update', diff, policyVersion, violations },
      reason: body.reason,
    });
    await audit(
      ctx,
      'pairing.update',
      {
        objectType: 'pairing',
        objectId: id,
        details: { diff, reason: body.reason, policyVersion, deviations: exception.deviations },
      },
      tx,
    );
    // A new exception (a reason for a new deviation) goes to approval again: a returned passage
    // is resubmitted with it, a pending one replaced, so deciders judge the pairing as it now is.
    if (exception.exceptionStatus === 'pending' && exception !== onRecord)
      await workflow.submitAgain(tx, ctx, {
        ...exceptionApproval(row, exception, violations),
        comment: body.reason,
      });
  });
  return getPairing(ctx, id);
}

export async function endPairing(ctx: Ctx, id: string, body: EndPairingBody) {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const before = await loadInScope(ctx, tx, id);
    if (before.status === 'ended') throw conflict('该结对关系已终止');
    if (before.version !== body.version) throw conflict('该结对关系已被他人修改，请刷新后重试');
    if (body.endDate < before.periodStart)
      throw new AppError(400, 'INVALID_END_DATE', `终止日期不能早于结对开始日期 ${before.periodStart}`);
    if (before.periodEnd !== null && body.endDate > before.periodEnd)
      throw new AppError(400, 'INVALID_END_DATE', `终止日期不能晚于原定结束日期 ${before.periodEnd}`);
    const ok = await repo.updatePairingVersioned(tx, id, body.version, {
      status: 'ended',
      periodEnd: body.endDate,
      updatedAt: now,
    });
    if (!ok) throw conflict('该结对关系已被他人修改，请刷新后重试');
    const diff = diffOf(
      { status: before.status, periodEnd: before.periodEnd },
      { status: 'ended', periodEnd: body.endDate },
    );
    await repo.insertChange(tx, {
      pairingId: id,
      at: now,
      actorId: user.id,
      change: { kind: 'end', diff, policyVersion: null, violations: [] },
      reason: body.reason,
    });
    await audit(
      ctx,
      'pairing.end',
      { objectType: 'pairing', objectId: id, details: { endDate: body.endDate, reason: body.reason } },
      tx,
    );
    // An ended pairing needs no exception decided any more.
    await workflow.closeForDocument(
      tx,
      ctx,
      'pairing_exception',
      id,
      `结对关系已终止，例外审批随之撤回：${body.reason}`,
    );
  });
  return getPairing(ctx, id);
}

export async function pairingHistory(ctx: Ctx, id: string) {
  await loadInScope(ctx, ctx.db, id);
  const rows = await repo.listChanges(ctx.db, id);
  const items = rows.map((r): PairingChangeDto => {
    const change = r.change as {
      kind: PairingChangeDto['kind'];
      diff: PairingChangeDto['diff'];
      policyVersion: number | null;
      violations: Violation[];
    };
    return {
      id: r.id,
      at: r.at.toISOString(),
      actorName: r.actorName,
      kind: change.kind,
      diff: change.diff ?? {},
      reason: r.reason,
      policyVersion: change.policyVersion ?? null,
      violations: change.violations ?? [],
    };
  });
  return { items, total: items.length };
}

/**
 * Which institutions count as recipients: for one programme, its pack's P01 (the flags and
 * tiers in force that day); across programmes, or before a pack is in force, every poverty flag.
 */
async function recipientDefinition(ctx: Ctx, programmeId: string | undefined, on: string) {
  const fallback = { flags: POVERTY_FLAGS, tiers: COUNTY_TIERS };
  if (!programmeId) return fallback;
  const P01 = await packInForce(ctx.db, programmeId, on).then(
    ({ pack }) => pack.rules.P01,
    (err: unknown) => {
      if (err instanceof AppError && err.statusCode === 404) return null; // no pack in force that day
      throw err;
    },
  );
  return P01?.enabled ? { flags: P01.params.recipientFlags, tiers: P01.params.recipientTiers } : fallback;
}

/** Today, or the last day of a programme that has already finished (its final coverage). */
async function overviewDay(ctx: Ctx, programmeId: string | undefined): Promise<string> {
  const end = programmeId ? (await programmePeriod(ctx.db, programmeId))?.periodEnd : null;
  return end && end < today(ctx) ? end : today(ctx);
}

/** Flags that make a county's institutions recipients in the overview (any time, not withdrawn). */
const POVERTY_FLAGS: CountyFlag[] = [
  'national_poverty',
  'provincial_poverty',
  'deep_poverty',
  'lifted_poverty',
  'key_revitalisation',
];
const COUNTY_TIERS = ['county', 'central_township', 'township', 'village'];

/**
 * Per prefecture: the recipients in poverty-flagged counties (and any institution receiving
 * a visible pairing), which of them have an active supporter per category, and by whom.
 * Recipients are those in the caller's scope; pairings those with either side in it.
 */
export async function pairingOverview(ctx: Ctx, q: z.infer<typeof OverviewQuery>) {
  const user = requireUser(ctx);
  let underPath: string | undefined;
  if (q.prefecture !== 'all') {
    const path = await org.regionPath(ctx.db, q.prefecture);
    if (!path) throw new AppError(400, 'UNKNOWN_REGION', `行政区划代码 ${q.prefecture} 不存在`);
    underPath = path;
  }
  const on = q.on ?? (await overviewDay(ctx, q.programmeId));
  const recipients = await org.institutionsInFlaggedRegions(ctx.db, {
    ...(await recipientDefinition(ctx, q.programmeId, on)),
    underPath,
    scope: institutionScope(user, { regionCode: institutions.regionCode, institutionId: institutions.id }),
  });
  const pairings = (await repo.activeInScope(ctx.db, pairingScope(ctx), on, q.programmeId)).filter(
    (p) => !underPath || p.recipientRegionPath.startsWith(underPath),
  );
  const regionCodes = [
    ...recipients.map((r) => r.regionCode),
    ...pairings.map((p) => p.recipient.regionCode),
  ];
  const deep = await org.regionsEverFlagged(ctx.db, regionCodes, 'deep_poverty');
  const paths = [...recipients.map((r) => r.regionPath), ...pairings.map((p) => p.recipientRegionPath)];
  const names = await org.regionNames(ctx.db, paths.map(prefectureOf));
  const overview = buildOverview(
    recipients,
    pairings.map((p) => ({
      id: p.id,
      recipient: { ...p.recipient, regionPath: p.recipientRegionPath },
      supporting: p.supporting,
      mode: p.mode,
      programmeName: p.programmeName,
    })),
    deep,
    names,
  );
  return { on, ...overview };
}

// ─── the exception's approval (P02: "anything beyond needs an exception … approved by the province") ───

/** What the workflow engine is given of a pairing saved as an exception. */
function exceptionApproval(
  row: repo.PairingRow,
  exception: Exception,
  violations: Violation[],
): workflow.StartInput {
  return {
    docType: 'pairing_exception',
    docId: row.id,
    programmeId: row.programmeId,
    title: `${row.supporting.name} — ${row.recipient.name} 结对例外（${exception.deviations.join('、')}）`,
    institutionId: row.recipient.id,
    counterpartInstitutionId: row.supporting.id,
    tcm: row.supporting.category === 'tcm' || row.recipient.category === 'tcm',
    payload: {
      reason: exception.exceptionReason,
      violations: violations.filter(
        (v) => exception.deviations.includes(v.rule) && v.level === 'in_principle',
      ),
      programmeName: row.programmeName,
      mode: row.mode,
      periodStart: row.periodStart,
      periodEnd: row.periodEnd,
    },
  };
}

const ALL = sql`true`;

/** The decision of the exception's last step settles the pairing's exception status, with history and audit. */
async function settleException(tx: Tx, ctx: Ctx, d: Decision, to: 'approved' | 'rejected') {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const row = await repo.findInScope(tx, ALL, d.instance.docId);
  if (!row) throw notFound('结对关系不存在');
  if (!(await repo.updatePairingVersioned(tx, row.id, row.version, { exceptionStatus: to, updatedAt: now })))
    throw conflict('该结对关系已被他人修改，请刷新后重试');
  const diff = diffOf({ exceptionStatus: row.exceptionStatus }, { exceptionStatus: to });
  const verdict = to === 'approved' ? '例外审批通过' : '例外审批未通过';
  await repo.insertChange(tx, {
    pairingId: row.id,
    at: now,
    actorId: user.id,
    change: { kind: 'update', diff, policyVersion: null, violations: [] },
    reason: d.comment ? `${verdict}：${d.comment}` : verdict,
  });
  await audit(
    ctx,
    'pairing.update',
    {
      objectType: 'pairing',
      objectId: row.id,
      details: { diff, workflowInstanceId: d.instance.id, onBehalfOf: d.onBehalfOf, comment: d.comment },
    },
    tx,
  );
}

/** A resubmission may carry a new reason: it becomes the pairing's exception reason. */
async function resubmitException(tx: Tx, ctx: Ctx, d: Decision) {
  const row = await repo.findInScope(tx, ALL, d.instance.docId);
  if (!row) throw notFound('结对关系不存在');
  if (!d.comment || d.comment === row.exceptionReason) return undefined;
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  if (
    !(await repo.updatePairingVersioned(tx, row.id, row.version, {
      exceptionReason: d.comment,
      updatedAt: now,
    }))
  )
    throw conflict('该结对关系已被他人修改，请刷新后重试');
  const diff = diffOf({ exceptionReason: row.exceptionReason }, { exceptionReason: d.comment });
  await repo.insertChange(tx, {
    pairingId: row.id,
    at: now,
    actorId: user.id,
    change: { kind: 'update', diff, policyVersion: null, violations: [] },
    reason: '例外审批退回后重新提交，更新例外理由',
  });
  await audit(
    ctx,
    'pairing.update',
    { objectType: 'pairing', objectId: row.id, details: { diff, workflowInstanceId: d.instance.id } },
    tx,
  );
  return { ...d.instance.payload, reason: d.comment };
}

/**
 * Registered when this module loads. No `onWithdrawn`: a pairing that deviates stays on
 * record, so its exception must be decided — to drop it, change or end the pairing.
 */
registerDocHandler('pairing_exception', {
  link: (id) => `/pairings?pairingId=${id}`,
  onApproved: (tx, ctx, d) => settleException(tx, ctx, d, 'approved'),
  onRejected: (tx, ctx, d) => settleException(tx, ctx, d, 'rejected'),
  onResubmitted: resubmitException,
});
