import { and, eq, notInArray, or, type SQL, sql } from 'drizzle-orm';
import type {
  ChainDto,
  CreateDelegationBody,
  DecideBody,
  DelegationDto,
  DocType,
  SaveChainBody,
  TodoDto,
  UserRefDto,
  WorkflowAction,
  WorkflowInstanceDto,
  WorkflowListQuery,
} from '../../../shared/contracts/workflow';
import { APPROVER_ROLES, ChainStep } from '../../../shared/contracts/workflow';
import { hasPermission } from '../../../shared/permissions';
import type { Config } from '../../config';
import type { Executor, Tx } from '../../db/client';
import { workflowInstances } from '../../db/schema';
import { audit } from '../../platform/audit';
import { shanghaiDate } from '../../platform/clock';
import { type Ctx, requireUser, type SessionUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import { type NewNotification, notify } from '../notifications/notify';
import { type Decision, handlerOf, linkOf, withdrawable } from './workflow.handlers';
import * as repo from './workflow.repo';
import {
  type ApproverRole,
  applicableSteps,
  type Capacity,
  chainProblems,
  type DocState,
  decisionCapacity,
  dueAt,
  holdsStep,
  isColleague,
  isOverdue,
  judgedSides,
  mayResubmit,
  mayWithdraw,
  type ScopeHolder,
} from './workflow.rules';

/**
 * The approval workflow engine (审批流程). A module starts a passage for its document with
 * `startWorkflow` inside its own transaction; deciders approve, return or reject step by
 * step; the module's handler (workflow.handlers.ts) is called in the same transaction when
 * the passage ends. Every decision is versioned (S29), recorded in the history, audited
 * (S11) and notified; nobody decides their own submission (S09, workflow.rules.ts).
 */

const today = (ctx: Pick<Ctx, 'clock'>) => shanghaiDate(ctx.clock.now());

const holderOf = (user: SessionUser): ScopeHolder => ({
  id: user.id,
  role: user.role,
  institutionId: user.institutionId,
  scope: user.scope,
});

const isApprover = (role: string): role is ApproverRole =>
  (APPROVER_ROLES as readonly string[]).includes(role);

/** The scope filter of whoever decides: the user, or the colleague a delegate acts for. */
const sideScope = (holder: ScopeHolder, sides: ('institution' | 'counterpart')[]): SQL =>
  institutionScope(holder, ...sides.map((s) => repo.SIDES[s]));

/** Pending instances whose current step awaits the holder (role and judged side), not submitted by `exclude`. */
function awaiting(holder: ScopeHolder, exclude: string[]): SQL {
  if (!isApprover(holder.role)) return sql`false`;
  return and(
    eq(workflowInstances.status, 'pending'),
    sql`${repo.currentRole} = ${holder.role}`,
    sideScope(holder, judgedSides(holder.role)),
    notInArray(workflowInstances.submittedBy, exclude),
  )!;
}

/** The colleagues whose delegations to the user are in force today (of the user's own role). */
async function delegatorsOf(db: Executor, user: SessionUser, on: string): Promise<repo.Holder[]> {
  const delegations = await repo.activeDelegationsTo(db, user.id, on);
  const people = await repo.holdersByIds(
    db,
    delegations.map((d) => d.fromUserId),
  );
  return people.filter((p) => p.role === user.role);
}

/**
 * What a user may read (S07): with `workflow.act`, every instance with either side in their
 * scope; anyone, what they submitted or decided; a delegate, what awaits those they stand in for.
 */
function visibleTo(user: SessionUser, delegators: readonly ScopeHolder[]): SQL {
  return or(
    hasPermission(user.role, 'workflow.act')
      ? sideScope(holderOf(user), ['institution', 'counterpart'])
      : undefined,
    eq(workflowInstances.submittedBy, user.id),
    repo.decidedBy(user.id),
    ...delegators.map((d) => awaiting(d, [d.id, user.id])),
  )!;
}

function docState(r: repo.InstanceRow): DocState {
  return {
    status: r.status,
    steps: r.steps,
    currentStep: r.currentStep,
    submittedBy: r.submittedBy,
    institution: { institutionId: r.institutionId, regionPath: r.institutionRegionPath },
    counterpart:
      r.counterpartInstitutionId && r.counterpartRegionPath
        ? { institutionId: r.counterpartInstitutionId, regionPath: r.counterpartRegionPath }
        : null,
  };
}

const ref = (id: string, displayName: string | null | undefined): UserRefDto => ({
  id,
  displayName: displayName ?? '',
});
const iso = (d: Date | null) => (d ? d.toISOString() : null);

async function toDtos(
  ctx: Ctx,
  db: Executor,
  rows: repo.InstanceRow[],
  delegators: readonly repo.Holder[],
): Promise<WorkflowInstanceDto[]> {
  const user = requireUser(ctx);
  const me = holderOf(user);
  const now = ctx.clock.now();
  const history = await repo.actionsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => {
    const capacity = decisionCapacity(me, docState(r), delegators);
    const principal =
      capacity.allowed && capacity.onBehalfOf ? delegators.find((d) => d.id === capacity.onBehalfOf) : null;
    return {
      id: r.id,
      docType: r.docType,
      docId: r.docId,
      programmeId: r.programmeId,
      programmeName: r.programmeName,
      title: r.title,
      institution: { id: r.institutionId, name: r.institutionName },
      counterpart: r.counterpartInstitutionId
        ? { id: r.counterpartInstitutionId, name: r.counterpartName ?? '' }
        : null,
      tcm: r.tcm,
      steps: r.steps,
      currentStep: r.currentStep,
      status: r.status,
      payload: r.payload,
      submittedBy: ref(r.submittedBy, r.submitterName),
      submittedAt: r.submittedAt.toISOString(),
      dueAt: iso(r.dueAt),
      overdue: r.status === 'pending' && isOverdue(r.dueAt, now),
      decidedAt: iso(r.decidedAt),
      link: linkOf(r.docType, r.docId),
      can: {
        decide: capacity.allowed,
        onBehalfOf: principal ? ref(principal.id, principal.displayName) : null,
        resubmit: mayResubmit(user.id, r),
        withdraw: withdrawable(r.docType) && mayWithdraw(user.id, r),
      },
      history: history
        .filter((a) => a.instanceId === r.id)
        .map((a) => ({
          step: a.step,
          stepLabel: r.steps[a.step]?.label ?? '',
          action: a.action,
          actor: ref(a.actorId, a.actorName),
          onBehalfOf: a.onBehalfOf ? ref(a.onBehalfOf, a.onBehalfOfName) : null,
          comment: a.comment,
          at: a.at.toISOString(),
        })),
      version: r.version,
    };
  });
}

// ─── reading ───────────────────────────────────────────────────────────────────────────

export async function listInstances(ctx: Ctx, q: WorkflowListQuery) {
  const user = requireUser(ctx);
  const delegators = await delegatorsOf(ctx.db, user, today(ctx));
  const where = and(
    visibleTo(user, delegators),
    q.status ? eq(workflowInstances.status, q.status) : undefined,
    q.docType ? eq(workflowInstances.docType, q.docType) : undefined,
    q.docId ? eq(workflowInstances.docId, q.docId) : undefined,
    q.mine === 'submitted' ? eq(workflowInstances.submittedBy, user.id) : undefined,
    q.mine === 'decided' ? repo.decidedBy(user.id) : undefined,
  );
  const page = await repo.listInstances(ctx.db, where, q);
  return { items: await toDtos(ctx, ctx.db, page.items, delegators), total: page.total };
}

/** One instance the user may read, with the delegations that count for them; 404 otherwise. */
async function loadVisible(ctx: Ctx, db: Executor, id: string) {
  const user = requireUser(ctx);
  const delegators = await delegatorsOf(db, user, today(ctx));
  const row = await repo.findInstance(db, visibleTo(user, delegators), id);
  if (!row) throw notFound('审批事项不存在或无权查看');
  return { row, delegators };
}

export async function getInstance(ctx: Ctx, id: string): Promise<WorkflowInstanceDto> {
  const { row, delegators } = await loadVisible(ctx, ctx.db, id);
  const [dto] = await toDtos(ctx, ctx.db, [row], delegators);
  return dto!;
}

/** Everything awaiting the user: steps to decide (their own, and their delegators'), and returns to resubmit. */
export async function todosFor(ctx: Ctx): Promise<{ items: TodoDto[]; total: number }> {
  const user = requireUser(ctx);
  const me = holderOf(user);
  const delegators = await delegatorsOf(ctx.db, user, today(ctx));
  const now = ctx.clock.now();
  const seen = new Set<string>();
  const items: TodoDto[] = [];
  const add = (rows: repo.InstanceRow[], kind: TodoDto['kind'], principal: repo.Holder | null) => {
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      items.push({
        id: r.id,
        kind,
        docType: r.docType,
        title: r.title,
        stepLabel: r.steps[r.currentStep]?.label ?? '',
        submittedBy: ref(r.submittedBy, r.submitterName),
        submittedAt: r.submittedAt.toISOString(),
        dueAt: iso(r.dueAt),
        overdue: kind === 'approve' && isOverdue(r.dueAt, now),
        onBehalfOf: principal ? ref(principal.id, principal.displayName) : null,
        link: linkOf(r.docType, r.docId) ?? `/todos?open=${r.id}`,
      });
    }
  };
  add(await repo.allInstances(ctx.db, awaiting(me, [me.id])), 'approve', null);
  for (const d of delegators) add(await repo.allInstances(ctx.db, awaiting(d, [d.id, me.id])), 'approve', d);
  add(await repo.allInstances(ctx.db, returnedTo(me.id)), 'resubmit', null);
  items.sort(
    (a, b) =>
      (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') || a.submittedAt.localeCompare(b.submittedAt),
  );
  return { items, total: items.length };
}

const returnedTo = (userId: string) =>
  and(eq(workflowInstances.status, 'returned'), eq(workflowInstances.submittedBy, userId));

/** How many to-dos the user has: one count query, for the header badge the web polls. */
export async function countTodos(ctx: Ctx): Promise<number> {
  const user = requireUser(ctx);
  const me = holderOf(user);
  const delegators = await delegatorsOf(ctx.db, user, today(ctx));
  return repo.countInstances(
    ctx.db,
    or(awaiting(me, [me.id]), ...delegators.map((d) => awaiting(d, [d.id, me.id])), returnedTo(me.id)),
  );
}

// ─── notifying ─────────────────────────────────────────────────────────────────────────

/** Who can decide the current step now — by role and scope, and their delegates — never the submitter (S09). */
async function decidersOf(db: Executor, row: repo.InstanceRow, on: string) {
  const step = row.steps[row.currentStep];
  if (!step) return { deciders: [], delegates: [] };
  const doc = docState(row);
  const deciders = (await repo.holdersOfRole(db, step.role)).filter(
    (h) => h.id !== row.submittedBy && holdsStep(h, step, doc),
  );
  const ids = new Set(deciders.map((d) => d.id));
  const delegates = (
    await repo.activeDelegationsFrom(
      db,
      deciders.map((d) => d.id),
      on,
    )
  ).filter((d) => d.toUserId !== row.submittedBy && !ids.has(d.toUserId));
  return { deciders, delegates };
}

type NotifyEnv = { config: Pick<Config, 'notifyChannels'>; clock: Ctx['clock'] };

const todoLink = (id: string) => `/todos?open=${id}`;

async function notifyDeciders(db: Executor, env: NotifyEnv, row: repo.InstanceRow, kind: 'todo' | 'overdue') {
  const now = env.clock.now();
  const step = row.steps[row.currentStep]!;
  const { deciders, delegates } = await decidersOf(db, row, shanghaiDate(now));
  const due = row.dueAt ? shanghaiDate(row.dueAt) : null;
  const head = kind === 'todo' ? '待审批' : '审批已超期';
  const body =
    kind === 'todo'
      ? `${step.label}，提交人：${row.submitterName}${due ? `，办理时限至 ${due}` : ''}`
      : `${step.label}的办理时限为 ${due}，已超期，请尽快办理`;
  const messages: NewNotification[] = [
    ...deciders.map((d) => ({
      userId: d.id,
      kind: `workflow.${kind}`,
      title: `${head}：${row.title}`,
      body,
      link: todoLink(row.id),
    })),
    ...delegates.map((d) => ({
      userId: d.toUserId,
      kind: `workflow.${kind}`,
      title: `${head}（代${d.fromName}）：${row.title}`,
      body,
      link: todoLink(row.id),
    })),
  ];
  await notify(db, { channels: env.config.notifyChannels, now }, messages);
}

const OUTCOME_TITLES = { approved: '已通过', returned: '已退回修改', rejected: '未通过' } as const;

async function notifySubmitter(
  db: Executor,
  ctx: Ctx,
  row: repo.InstanceRow,
  outcome: keyof typeof OUTCOME_TITLES,
  comment: string | null,
  onBehalfOfName: string | null,
) {
  const user = requireUser(ctx);
  const by = `${user.displayName}${onBehalfOfName ? `（代${onBehalfOfName}）` : ''}`;
  await notify(db, { channels: ctx.config.notifyChannels, now: ctx.clock.now() }, [
    {
      userId: row.submittedBy,
      kind: `workflow.${outcome}`,
      title: `${OUTCOME_TITLES[outcome]}：${row.title}`,
      body: `${row.steps[row.currentStep]?.label ?? ''}，${by}${comment ? `：${comment}` : ''}`,
      link: linkOf(row.docType, row.docId) ?? todoLink(row.id),
    },
  ]);
}

// ─── starting ──────────────────────────────────────────────────────────────────────────

export interface StartInput {
  docType: DocType;
  docId: string;
  programmeId: string | null;
  /** a one-line Chinese summary, e.g. `四川省人民医院 — 昭觉县人民医院 结对例外（P02）` */
  title: string;
  /** the document's own institution (the recipient side) */
  institutionId: string;
  /** the other side of a two-sided document */
  counterpartInstitutionId: string | null;
  /** a TCM institution is involved: TCM-only steps apply */
  tcm: boolean;
  payload: Record<string, unknown>;
}

/**
 * Submit a document for approval inside the caller's transaction. The chain is the
 * programme's own for the document type, else the default; its applicable steps are copied
 * into the instance. 400 when no chain applies, 409 when the document is already under way.
 */
export async function startWorkflow(tx: Tx, ctx: Ctx, input: StartInput): Promise<string> {
  const user = requireUser(ctx);
  handlerOf(input.docType);
  const now = ctx.clock.now();
  const chain =
    (input.programmeId ? await repo.findChain(tx, input.docType, input.programmeId) : undefined) ??
    (await repo.findChain(tx, input.docType, null));
  if (!chain)
    throw new AppError(
      400,
      'WORKFLOW_NOT_CONFIGURED',
      '尚未配置此类事项的审批流程，请联系省对口支援办在“审批流程配置”中设置',
    );
  const sides = await repo.institutionSides(
    tx,
    [input.institutionId, input.counterpartInstitutionId].filter((x): x is string => Boolean(x)),
  );
  const institution = sides.get(input.institutionId);
  if (!institution) throw new AppError(400, 'UNKNOWN_INSTITUTION', '所选机构不存在');
  const steps = applicableSteps(chain.steps, { tcm: input.tcm, institutionLevel: institution.regionLevel });
  if (!steps.length)
    throw new AppError(
      400,
      'WORKFLOW_NOT_CONFIGURED',
      '审批流程中没有适用于该机构的审批环节，请联系省对口支援办调整',
    );
  const alreadyOpen = () => conflict('该事项已在审批中，不能重复提交');
  if (await repo.findOpenInstance(tx, input.docType, input.docId)) throw alreadyOpen();
  // The partial unique index (one open passage per document, S30) settles a race between two submissions.
  const id = await repo
    .insertInstance(tx, {
      docType: input.docType,
      docId: input.docId,
      programmeId: input.programmeId,
      title: input.title,
      institutionId: input.institutionId,
      counterpartInstitutionId: input.counterpartInstitutionId,
      tcm: input.tcm,
      steps,
      currentStep: 0,
      status: 'pending',
      payload: input.payload,
      submittedBy: user.id,
      submittedAt: now,
      dueAt: dueAt(now, steps[0]!.deadlineDays),
      createdAt: now,
      updatedAt: now,
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? alreadyOpen() : err;
    });
  await repo.insertAction(tx, { instanceId: id, step: 0, action: 'submit', actorId: user.id, at: now });
  const row = (await repo.findInstance(tx, undefined, id))!;
  await notifyDeciders(tx, ctx, row, 'todo');
  await auditAction(ctx, tx, 'submit', row, { comment: null, onBehalfOf: null });
  return id;
}

const isUniqueViolation = (err: unknown): boolean => {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    if (e.code === '23505') return true;
  return false;
};

const AUDIT_OF: Record<WorkflowAction, Parameters<typeof audit>[1]> = {
  submit: 'workflow.submit',
  resubmit: 'workflow.resubmit',
  approve: 'workflow.approve',
  return: 'workflow.return',
  reject: 'workflow.reject',
  withdraw: 'workflow.withdraw',
};

/** S11: every submission and decision is an audit event; recorded last, as the audit lock is held to commit. */
async function auditAction(
  ctx: Ctx,
  tx: Tx,
  action: WorkflowAction,
  row: repo.InstanceRow,
  d: { comment: string | null; onBehalfOf: string | null; final?: boolean },
) {
  await audit(
    ctx,
    AUDIT_OF[action],
    {
      objectType: 'workflow_instance',
      objectId: row.id,
      details: {
        docType: row.docType,
        docId: row.docId,
        title: row.title,
        step: row.currentStep,
        stepLabel: row.steps[row.currentStep]?.label ?? null,
        onBehalfOf: d.onBehalfOf,
        comment: d.comment,
        ...(d.final === undefined ? {} : { final: d.final }),
      },
    },
    tx,
  );
}

// ─── deciding ──────────────────────────────────────────────────────────────────────────

const stale = () => conflict('该事项已被他人处理或已变更，请刷新后重试');

function refuse(capacity: Extract<Capacity, { allowed: false }>): never {
  if (capacity.reason === 'own_submission') throw forbidden('不能审批本人提交的事项（含通过代理审批）');
  if (capacity.reason === 'no_authority') throw forbidden('当前审批环节不由您办理');
  throw stale();
}

type Verdict = 'approve' | 'return' | 'reject';

async function decide(ctx: Ctx, id: string, verdict: Verdict, body: { comment?: string; version: number }) {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const comment = body.comment?.trim() || null;
  await ctx.db.transaction(async (tx) => {
    const { row, delegators } = await loadVisible(ctx, tx, id);
    const capacity = decisionCapacity(holderOf(user), docState(row), delegators);
    if (!capacity.allowed) refuse(capacity);
    if (row.version !== body.version) throw stale();
    const last = row.currentStep === row.steps.length - 1;
    const next = row.steps[row.currentStep + 1];
    const set: Partial<typeof workflowInstances.$inferInsert> =
      verdict === 'approve' && next
        ? { currentStep: row.currentStep + 1, dueAt: dueAt(now, next.deadlineDays), remindedStep: null }
        : verdict === 'return'
          ? { status: 'returned', dueAt: null }
          : { status: verdict === 'approve' ? 'approved' : 'rejected', dueAt: null, decidedAt: now };
    if (!(await repo.updateInstanceVersioned(tx, id, body.version, { ...set, updatedAt: now })))
      throw stale();
    await repo.insertAction(tx, {
      instanceId: id,
      step: row.currentStep,
      action: verdict,
      actorId: user.id,
      onBehalfOf: capacity.onBehalfOf,
      comment,
      at: now,
    });
    const decision: Decision = { instance: row, comment, onBehalfOf: capacity.onBehalfOf };
    const handler = handlerOf(row.docType);
    const principalName = delegators.find((d) => d.id === capacity.onBehalfOf)?.displayName ?? null;
    if (verdict === 'approve' && next) {
      await notifyDeciders(tx, ctx, (await repo.findInstance(tx, undefined, id))!, 'todo');
    } else {
      if (verdict === 'approve') await handler.onApproved(tx, ctx, decision);
      else if (verdict === 'reject') await handler.onRejected(tx, ctx, decision);
      else await handler.onReturned?.(tx, ctx, decision);
      const outcome = verdict === 'approve' ? 'approved' : verdict === 'reject' ? 'rejected' : 'returned';
      await notifySubmitter(tx, ctx, row, outcome, comment, principalName);
    }
    await auditAction(ctx, tx, verdict, row, {
      comment,
      onBehalfOf: capacity.onBehalfOf,
      final: verdict === 'return' ? undefined : verdict === 'reject' || last,
    });
  });
  return getInstance(ctx, id);
}

export const approve = (ctx: Ctx, id: string, body: DecideBody) => decide(ctx, id, 'approve', body);
export const returnForChanges = (ctx: Ctx, id: string, body: DecideBody) => decide(ctx, id, 'return', body);
export const reject = (ctx: Ctx, id: string, body: DecideBody) => decide(ctx, id, 'reject', body);

/** Back to the first step after a return: the document changed, so every step judges it again. */
async function restart(
  tx: Tx,
  ctx: Ctx,
  row: repo.InstanceRow,
  opts: { version: number; comment: string | null; title?: string; payload?: Record<string, unknown> },
) {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const set = {
    status: 'pending' as const,
    currentStep: 0,
    dueAt: dueAt(now, row.steps[0]!.deadlineDays),
    remindedStep: null,
    updatedAt: now,
    ...(opts.title ? { title: opts.title } : {}),
    ...(opts.payload ? { payload: opts.payload } : {}),
  };
  if (!(await repo.updateInstanceVersioned(tx, row.id, opts.version, set))) throw stale();
  await repo.insertAction(tx, {
    instanceId: row.id,
    step: 0,
    action: 'resubmit',
    actorId: user.id,
    comment: opts.comment,
    at: now,
  });
  const updated = (await repo.findInstance(tx, undefined, row.id))!;
  await notifyDeciders(tx, ctx, updated, 'todo');
  await auditAction(ctx, tx, 'resubmit', updated, { comment: opts.comment, onBehalfOf: null });
}

function checkSubmitter(user: SessionUser, row: repo.InstanceRow, may: boolean, what: string) {
  if (row.submittedBy !== user.id) throw forbidden(`只有提交人可以${what}`);
  if (!may) throw stale();
}

/** The submitter resubmits a returned document; the comment may carry a new justification for the handler. */
export async function resubmit(ctx: Ctx, id: string, body: DecideBody) {
  const user = requireUser(ctx);
  const comment = body.comment?.trim() || null;
  await ctx.db.transaction(async (tx) => {
    const { row } = await loadVisible(ctx, tx, id);
    checkSubmitter(user, row, mayResubmit(user.id, row), '重新提交');
    if (row.version !== body.version) throw stale();
    const payload = await handlerOf(row.docType).onResubmitted?.(tx, ctx, {
      instance: row,
      comment,
      onBehalfOf: null,
    });
    await restart(tx, ctx, row, { version: body.version, comment, payload: payload ?? undefined });
  });
  return getInstance(ctx, id);
}

export async function withdraw(ctx: Ctx, id: string, body: DecideBody) {
  const user = requireUser(ctx);
  const comment = body.comment?.trim() || null;
  await ctx.db.transaction(async (tx) => {
    const { row } = await loadVisible(ctx, tx, id);
    const handler = handlerOf(row.docType);
    if (!handler.onWithdrawn)
      throw new AppError(400, 'CANNOT_WITHDRAW', '此类事项提交后不能撤回，如需变更请修改原记录');
    checkSubmitter(user, row, mayWithdraw(user.id, row), '撤回');
    if (row.version !== body.version) throw stale();
    await close(tx, ctx, row, comment);
    await handler.onWithdrawn(tx, ctx, { instance: row, comment, onBehalfOf: null });
    await auditAction(ctx, tx, 'withdraw', row, { comment, onBehalfOf: null });
  });
  return getInstance(ctx, id);
}

async function close(tx: Tx, ctx: Ctx, row: repo.InstanceRow, comment: string | null) {
  const now = ctx.clock.now();
  const ok = await repo.updateInstanceVersioned(tx, row.id, row.version, {
    status: 'withdrawn',
    dueAt: null,
    decidedAt: now,
    updatedAt: now,
  });
  if (!ok) throw stale();
  await repo.insertAction(tx, {
    instanceId: row.id,
    step: row.currentStep,
    action: 'withdraw',
    actorId: requireUser(ctx).id,
    comment,
    at: now,
  });
}

/**
 * For the document's own module, when the document changes under an open passage: a
 * returned one is resubmitted with the new title and payload; a pending one is withdrawn
 * and a fresh passage started, so the deciders judge what the document now says. No open
 * passage: a new one starts. Returns the instance id.
 */
export async function submitAgain(
  tx: Tx,
  ctx: Ctx,
  input: StartInput & { comment: string },
): Promise<string> {
  const open = await repo.findOpenInstance(tx, input.docType, input.docId);
  if (open?.status === 'returned') {
    await restart(tx, ctx, open, {
      version: open.version,
      comment: input.comment,
      title: input.title,
      payload: input.payload,
    });
    return open.id;
  }
  if (open) {
    await close(tx, ctx, open, input.comment);
    await auditAction(ctx, tx, 'withdraw', open, { comment: input.comment, onBehalfOf: null });
  }
  return startWorkflow(tx, ctx, input);
}

/** Close the open passage of a document that no longer needs it (e.g. its record was ended). */
export async function closeForDocument(tx: Tx, ctx: Ctx, docType: DocType, docId: string, comment: string) {
  const open = await repo.findOpenInstance(tx, docType, docId);
  if (!open) return;
  await close(tx, ctx, open, comment);
  await auditAction(ctx, tx, 'withdraw', open, { comment, onBehalfOf: null });
}

// ─── reminders ─────────────────────────────────────────────────────────────────────────

/**
 * The overdue job: once per step, remind whoever can decide a step past its deadline (and
 * their delegates). Safe to run again: `remindedStep` marks the step reminded.
 */
export async function remindOverdue(
  db: Executor,
  config: Pick<Config, 'notifyChannels'>,
  now: Date,
): Promise<number> {
  const clock = { now: () => now };
  let reminded = 0;
  for (const row of await repo.overdueUnreminded(db, now)) {
    await db.transaction(async (tx) => {
      if (!(await repo.markReminded(tx, row.id, row.currentStep))) return;
      await notifyDeciders(tx, { config, clock }, row, 'overdue');
      reminded++;
    });
  }
  return reminded;
}

// ─── chains ────────────────────────────────────────────────────────────────────────────

function chainDto(r: NonNullable<Awaited<ReturnType<typeof repo.findChainById>>>): ChainDto {
  return {
    id: r.id,
    docType: r.docType,
    programmeId: r.programmeId,
    programmeName: r.programmeName,
    // Stored steps are read through the contract, so a step saved before a field existed gets its default.
    steps: r.steps.map((s) => ChainStep.parse(s)),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
  };
}

export async function listChains(ctx: Ctx) {
  const rows = await repo.listChains(ctx.db);
  return { items: rows.map(chainDto), total: rows.length };
}

/** Create or change the chain of a document type for a programme (or the default), with a version check (S29). */
export async function saveChain(ctx: Ctx, body: SaveChainBody): Promise<ChainDto> {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  const steps = body.steps.map((s) => ChainStep.parse(s));
  const problems = chainProblems(steps);
  if (problems.length)
    throw new AppError(400, 'INVALID_CHAIN', `审批流程有误：${problems.join('；')}`, { problems });
  const id = await ctx.db.transaction(async (tx) => {
    if (body.programmeId && !(await repo.programmeExists(tx, body.programmeId)))
      throw new AppError(400, 'UNKNOWN_PROGRAMME', '所选项目不存在');
    const existing = await repo.findChain(tx, body.docType, body.programmeId);
    let chainId: string;
    if (existing) {
      if (body.version !== existing.version) throw conflict('该审批流程已被他人修改，请刷新后重试');
      if (
        !(await repo.updateChainVersioned(tx, existing.id, existing.version, {
          steps,
          updatedBy: user.id,
          updatedAt: now,
        }))
      )
        throw conflict('该审批流程已被他人修改，请刷新后重试');
      chainId = existing.id;
    } else {
      if (body.version !== undefined) throw conflict('该审批流程已被删除，请刷新后重试');
      chainId = await repo.insertChain(tx, {
        docType: body.docType,
        programmeId: body.programmeId,
        steps,
        updatedBy: user.id,
        createdAt: now,
        updatedAt: now,
      });
    }
    await audit(
      ctx,
      'workflow.chain.update',
      {
        objectType: 'workflow_chain',
        objectId: chainId,
        details: {
          docType: body.docType,
          programmeId: body.programmeId,
          before: existing?.steps ?? null,
          after: steps,
        },
      },
      tx,
    );
    return chainId;
  });
  return chainDto((await repo.findChainById(ctx.db, id))!);
}

/** Delete a programme's own chain (its documents fall back to the default); the default stays. */
export async function deleteChain(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const chain = await repo.findChainById(tx, id);
    if (!chain) throw notFound('审批流程不存在');
    if (!chain.programmeId) throw new AppError(400, 'DEFAULT_CHAIN', '默认审批流程不能删除，只能修改');
    await repo.deleteChain(tx, id);
    await audit(
      ctx,
      'workflow.chain.delete',
      {
        objectType: 'workflow_chain',
        objectId: id,
        details: { docType: chain.docType, programmeId: chain.programmeId, steps: chain.steps },
      },
      tx,
    );
  });
}

// ─── delegations ───────────────────────────────────────────────────────────────────────

function delegationDto(r: repo.DelegationRow): DelegationDto {
  return {
    id: r.id,
    from: ref(r.fromUserId, r.fromName),
    to: ref(r.toUserId, r.toName),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    reason: r.reason,
    revoked: r.revokedAt !== null,
    createdAt: r.createdAt.toISOString(),
  };
}

export async function listDelegations(ctx: Ctx) {
  const rows = await repo.delegationsOf(ctx.db, requireUser(ctx).id);
  return { items: rows.map(delegationDto), total: rows.length };
}

/** Colleagues the user may delegate to: active, same role, same unit (isColleague); id and name only. */
export async function delegateCandidates(ctx: Ctx, q?: string) {
  const user = requireUser(ctx);
  const me = holderOf(user);
  const items = (await repo.holdersOfRole(ctx.db, user.role, q))
    .filter((h) => isColleague(me, h))
    .slice(0, 50)
    .map((h) => ref(h.id, h.displayName));
  return { items, total: items.length };
}

/** 代理审批: while away, let a colleague of the same role decide in one's name for a period. */
export async function createDelegation(ctx: Ctx, body: CreateDelegationBody): Promise<DelegationDto> {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  if (body.startsOn < today(ctx)) throw new AppError(400, 'INVALID_PERIOD', '开始日期不能早于今天');
  const id = await ctx.db.transaction(async (tx) => {
    const [to] = await repo.holdersByIds(tx, [body.toUserId]);
    if (!to || !isColleague(holderOf(user), to))
      throw new AppError(400, 'NOT_A_COLLEAGUE', '只能委托本单位同一角色、账号有效的同事代理审批');
    if ((await repo.overlappingDelegations(tx, user.id, body.startsOn, body.endsOn)).length)
      throw conflict('该期间已有有效的代理审批委托，请先撤销原委托');
    const delegationId = await repo.insertDelegation(tx, {
      fromUserId: user.id,
      toUserId: to.id,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      reason: body.reason,
      createdAt: now,
    });
    await notify(tx, { channels: ctx.config.notifyChannels, now }, [
      {
        userId: to.id,
        kind: 'workflow.delegation',
        title: `${user.displayName}委托您代理审批（${body.startsOn} 至 ${body.endsOn}）`,
        body: `委托事由：${body.reason}`,
        link: '/todos',
      },
    ]);
    await audit(
      ctx,
      'workflow.delegation.create',
      {
        objectType: 'workflow_delegation',
        objectId: delegationId,
        details: {
          to: to.id,
          toName: to.displayName,
          startsOn: body.startsOn,
          endsOn: body.endsOn,
          reason: body.reason,
        },
      },
      tx,
    );
    return delegationId;
  });
  return delegationDto((await repo.findDelegation(ctx.db, id))!);
}

/** Only the delegator revokes; someone else's delegation is 404, a revoked one 409. */
export async function revokeDelegation(ctx: Ctx, id: string): Promise<DelegationDto> {
  const user = requireUser(ctx);
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    const d = await repo.findDelegation(tx, id);
    if (!d || d.fromUserId !== user.id) throw notFound('代理审批委托不存在');
    if (!(await repo.revokeDelegation(tx, id, now))) throw conflict('该委托已撤销');
    await notify(tx, { channels: ctx.config.notifyChannels, now }, [
      {
        userId: d.toUserId,
        kind: 'workflow.delegation',
        title: `${user.displayName}已撤销对您的代理审批委托`,
        body: `原委托期间：${d.startsOn} 至 ${d.endsOn}`,
        link: '/todos',
      },
    ]);
    await audit(
      ctx,
      'workflow.delegation.revoke',
      { objectType: 'workflow_delegation', objectId: id, details: { to: d.toUserId, toName: d.toName } },
      tx,
    );
  });
  return delegationDto((await repo.findDelegation(ctx.db, id))!);
}
