import type { ChainStep } from '../../../shared/contracts/workflow';
import type { RegionLevel, Role } from '../../../shared/enums';
import type { ScopeNode } from '../../platform/context';

/**
 * Pure rules of the approval workflow: which steps apply to a document, which side of it a
 * step's role judges, deadlines, and who may decide, resubmit or withdraw (S09). No database,
 * no clock: "now" and "today" are arguments.
 */

export type ApproverRole = ChainStep['role'];

/** One side of a document: an institution and the path of its region (for scope matching). */
export interface DocSide {
  institutionId: string;
  /** `/000000/510000/513400/513431/` */
  regionPath: string;
}

/** Whoever holds a scope: a user, or the colleague a delegate acts for. */
export interface ScopeHolder {
  id: string;
  role: Role;
  institutionId: string | null;
  scope: readonly ScopeNode[];
}

/** What the rules need of a workflow instance. */
export interface DocState {
  status: 'pending' | 'returned' | 'approved' | 'rejected' | 'withdrawn';
  steps: readonly ChainStep[];
  currentStep: number;
  submittedBy: string;
  /** the document's own institution: the recipient side of a two-sided document */
  institution: DocSide;
  /** the other side (e.g. the supporting institution), if any */
  counterpart: DocSide | null;
}

/**
 * Which side a step's role judges. Authorities, the county liaison and the recipient admin
 * answer for the place the work happens (the recipient side); the supporting admin for its
 * own institution (the counterpart); the province office and the TCM bureau act for the
 * whole province, so either side in their scope will do.
 */
export function judgedSides(role: ApproverRole): ('institution' | 'counterpart')[] {
  if (role === 'supporting_admin') return ['counterpart'];
  if (role === 'province_office' || role === 'tcm_bureau') return ['institution', 'counterpart'];
  return ['institution'];
}

/** The region levels at which an institution has an authority of the step's role above it. */
const LEVELS_WITH_AUTHORITY: Partial<Record<ApproverRole, readonly RegionLevel[]>> = {
  county_authority: ['county'],
  county_liaison: ['county'],
  prefecture_authority: ['prefecture', 'county'],
};

/**
 * The steps a document goes through: TCM-only steps (省中医药管理局会签) only when a TCM
 * institution is involved, and no county or prefecture step for an institution that has no
 * such authority above it (a prefecture- or province-level hospital), which would otherwise
 * wait for a decider that does not exist.
 */
export function applicableSteps(
  steps: readonly ChainStep[],
  doc: { tcm: boolean; institutionLevel: RegionLevel },
): ChainStep[] {
  return steps.filter((s) => {
    if (s.tcmOnly && !doc.tcm) return false;
    const levels = LEVELS_WITH_AUTHORITY[s.role];
    return !levels || levels.includes(doc.institutionLevel);
  });
}

/** Problems that make a chain unusable, in Chinese (empty when fine). */
export function chainProblems(steps: readonly ChainStep[]): string[] {
  const problems: string[] = [];
  if (!steps.some((s) => !s.tcmOnly)) problems.push('至少需要一个适用于所有机构（非仅中医类）的审批环节');
  const labels = steps.map((s) => s.label);
  if (new Set(labels).size !== labels.length) problems.push('审批环节名称不能重复');
  return problems;
}

const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;

/**
 * A step started at `from` must be decided by the end (23:59:59.999, Asia/Shanghai) of the
 * calendar day `deadlineDays` days later: "5 days" started on Monday morning ends Saturday night.
 */
export function dueAt(from: Date, deadlineDays: number): Date {
  const shanghaiMidnight = Math.floor((from.getTime() + SHANGHAI_MS) / DAY_MS) * DAY_MS - SHANGHAI_MS;
  return new Date(shanghaiMidnight + (deadlineDays + 1) * DAY_MS - 1);
}

export const isOverdue = (due: Date | null, now: Date): boolean =>
  due !== null && now.getTime() > due.getTime();

/** Whether a scope covers one side: the same semantics as `institutionScope` in SQL (S07). */
export function covers(holder: Omit<ScopeHolder, 'id' | 'role'>, side: DocSide | null): boolean {
  if (!side) return false;
  return holder.scope.some((node) => {
    if (node.kind === 'all') return true;
    if (node.kind === 'region')
      return node.regionPath !== null && side.regionPath.startsWith(node.regionPath);
    if (node.kind === 'institution') return node.institutionId === side.institutionId;
    return node.kind === 'self' && holder.institutionId === side.institutionId;
  });
}

/** Whether a holder's role and scope make them a decider of a step of the document (ignoring S09). */
export function holdsStep(
  holder: ScopeHolder,
  step: ChainStep,
  doc: Pick<DocState, 'institution' | 'counterpart'>,
) {
  if (holder.role !== step.role) return false;
  return judgedSides(step.role).some((side) =>
    covers(holder, side === 'institution' ? doc.institution : doc.counterpart),
  );
}

export interface Delegation {
  startsOn: string;
  endsOn: string;
  revoked: boolean;
}

/** A delegation acts from its first through its last day (Asia/Shanghai dates), unless revoked. */
export const delegationActive = (d: Delegation, today: string): boolean =>
  !d.revoked && d.startsOn <= today && today <= d.endsOn;

export type Capacity =
  | { allowed: true; onBehalfOf: string | null }
  | { allowed: false; reason: 'not_pending' | 'own_submission' | 'no_authority' };

/**
 * Whether `actor` may decide the document's current step now, and in whose name.
 * `delegators` are the colleagues whose active delegations name the actor.
 *
 * S09 — nobody approves their own submission: not the submitter themselves (whatever
 * delegation they hold), and no delegate in the submitter's name.
 */
export function decisionCapacity(
  actor: ScopeHolder,
  doc: DocState,
  delegators: readonly ScopeHolder[],
): Capacity {
  if (doc.status !== 'pending') return { allowed: false, reason: 'not_pending' };
  if (actor.id === doc.submittedBy) return { allowed: false, reason: 'own_submission' };
  const step = doc.steps[doc.currentStep];
  if (!step) return { allowed: false, reason: 'not_pending' };
  if (holdsStep(actor, step, doc)) return { allowed: true, onBehalfOf: null };
  let submitterDelegated = false;
  for (const d of delegators) {
    // A delegate acts only within the role they share with the delegator.
    if (d.role !== actor.role || !holdsStep(d, step, doc)) continue;
    if (d.id === doc.submittedBy) {
      submitterDelegated = true;
      continue;
    }
    return { allowed: true, onBehalfOf: d.id };
  }
  return { allowed: false, reason: submitterDelegated ? 'own_submission' : 'no_authority' };
}

/** Only the submitter resubmits a returned document. */
export const mayResubmit = (actorId: string, doc: Pick<DocState, 'status' | 'submittedBy'>) =>
  doc.status === 'returned' && doc.submittedBy === actorId;

/** Only the submitter withdraws, while the document is still open. */
export const mayWithdraw = (actorId: string, doc: Pick<DocState, 'status' | 'submittedBy'>) =>
  (doc.status === 'pending' || doc.status === 'returned') && doc.submittedBy === actorId;

/** Roles that belong to one provincial office: everyone holding them is a colleague of the others. */
const PROVINCE_ROLES: readonly Role[] = ['province_office', 'tcm_bureau'];

/**
 * Who may be named as a delegate (代理审批): another person of the same role, from the same
 * institution (if any), who shares at least one scope node — the same county authority, the
 * same hospital office — so the delegate is a colleague, not a stranger of the same title.
 */
export function isColleague(a: ScopeHolder, b: ScopeHolder): boolean {
  if (a.id === b.id || a.role !== b.role) return false;
  if (a.institutionId !== b.institutionId) return false;
  if (PROVINCE_ROLES.includes(a.role)) return true;
  const key = (n: ScopeNode) => `${n.kind}:${n.regionCode ?? ''}:${n.institutionId ?? ''}`;
  const mine = new Set(a.scope.map(key));
  return b.scope.some((n) => mine.has(key(n)));
}
