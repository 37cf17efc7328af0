import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DocType } from '../../../shared/contracts/workflow';
import type { Role } from '../../../shared/enums';
import type { Executor } from '../../db/client';
import {
  institutions,
  programmes,
  regions,
  userScopes,
  users,
  workflowActions,
  workflowChains,
  workflowDelegations,
  workflowInstances,
} from '../../db/schema';
import type { ScopeNode } from '../../platform/context';
import type { ScopeHolder } from './workflow.rules';

/** Workflow queries only (Drizzle); rules and decisions live in the service and rules. */

/** The two sides of an instance under their own names, so scope filters can name both (S07). */
export const inst = alias(institutions, 'wf_inst');
export const cp = alias(institutions, 'wf_cp');
const instRegion = alias(regions, 'wf_inst_region');
const cpRegion = alias(regions, 'wf_cp_region');
const submitter = alias(users, 'wf_submitter');

/** The role awaited by the current step, read from the copied steps. */
export const currentRole = sql<string>`(${workflowInstances.steps} -> ${workflowInstances.currentStep} ->> 'role')`;

const instanceColumns = {
  id: workflowInstances.id,
  docType: workflowInstances.docType,
  docId: workflowInstances.docId,
  programmeId: workflowInstances.programmeId,
  programmeName: programmes.name,
  title: workflowInstances.title,
  institutionId: workflowInstances.institutionId,
  institutionName: inst.name,
  institutionRegionPath: instRegion.path,
  counterpartInstitutionId: workflowInstances.counterpartInstitutionId,
  counterpartName: cp.name,
  counterpartRegionPath: cpRegion.path,
  tcm: workflowInstances.tcm,
  steps: workflowInstances.steps,
  currentStep: workflowInstances.currentStep,
  status: workflowInstances.status,
  payload: workflowInstances.payload,
  submittedBy: workflowInstances.submittedBy,
  submitterName: submitter.displayName,
  submittedAt: workflowInstances.submittedAt,
  dueAt: workflowInstances.dueAt,
  remindedStep: workflowInstances.remindedStep,
  decidedAt: workflowInstances.decidedAt,
  version: workflowInstances.version,
};

const fromJoined = (db: Executor) =>
  db
    .select(instanceColumns)
    .from(workflowInstances)
    .innerJoin(inst, eq(inst.id, workflowInstances.institutionId))
    .innerJoin(instRegion, eq(instRegion.code, inst.regionCode))
    .leftJoin(cp, eq(cp.id, workflowInstances.counterpartInstitutionId))
    .leftJoin(cpRegion, eq(cpRegion.code, cp.regionCode))
    .leftJoin(programmes, eq(programmes.id, workflowInstances.programmeId))
    .innerJoin(submitter, eq(submitter.id, workflowInstances.submittedBy));

/** The count over the same joins the scope filters name. */
const countJoined = (db: Executor) =>
  db
    .select({ n: count() })
    .from(workflowInstances)
    .innerJoin(inst, eq(inst.id, workflowInstances.institutionId))
    .leftJoin(cp, eq(cp.id, workflowInstances.counterpartInstitutionId));

export type InstanceRow = Awaited<ReturnType<typeof fromJoined>>[number];

/** The columns scope filters name: each side's region and institution. */
export const SIDES = {
  institution: { regionCode: inst.regionCode, institutionId: inst.id },
  counterpart: { regionCode: cp.regionCode, institutionId: cp.id },
};

export async function listInstances(
  db: Executor,
  where: SQL | undefined,
  page: { page: number; pageSize: number },
): Promise<{ items: InstanceRow[]; total: number }> {
  const [items, [total]] = await Promise.all([
    fromJoined(db)
      .where(where)
      .orderBy(desc(workflowInstances.submittedAt), desc(workflowInstances.id))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    countJoined(db).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Every row matching (for to-do lists: small, unpaged), oldest deadline first. */
export async function allInstances(
  db: Executor,
  where: SQL | undefined,
  limit = 500,
): Promise<InstanceRow[]> {
  return fromJoined(db)
    .where(where)
    .orderBy(sql`${workflowInstances.dueAt} asc nulls last`, asc(workflowInstances.submittedAt))
    .limit(limit);
}

export async function countInstances(db: Executor, where: SQL | undefined): Promise<number> {
  const [row] = await countJoined(db).where(where);
  return row?.n ?? 0;
}

export async function findInstance(db: Executor, where: SQL | undefined, id: string) {
  const [row] = await fromJoined(db).where(and(where, eq(workflowInstances.id, id)));
  return row;
}

/** The open passage (pending or returned) of a document, if any. */
export async function findOpenInstance(db: Executor, docType: DocType, docId: string) {
  const [row] = await fromJoined(db).where(
    and(
      eq(workflowInstances.docType, docType),
      eq(workflowInstances.docId, docId),
      inArray(workflowInstances.status, ['pending', 'returned']),
    ),
  );
  return row;
}

export async function insertInstance(db: Executor, values: typeof workflowInstances.$inferInsert) {
  const [row] = await db.insert(workflowInstances).values(values).returning({ id: workflowInstances.id });
  return row!.id;
}

/** Update only if the version is the one the actor loaded (S29); returns whether it was. */
export async function updateInstanceVersioned(
  db: Executor,
  id: string,
  version: number,
  set: Partial<typeof workflowInstances.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(workflowInstances)
    .set({ ...set, version: sql`${workflowInstances.version} + 1` })
    .where(and(eq(workflowInstances.id, id), eq(workflowInstances.version, version)))
    .returning({ id: workflowInstances.id });
  return rows.length > 0;
}

/** Pending instances past their deadline whose current step has not been reminded of yet. */
export async function overdueUnreminded(db: Executor, now: Date) {
  return fromJoined(db).where(
    and(
      eq(workflowInstances.status, 'pending'),
      lte(workflowInstances.dueAt, now),
      sql`${workflowInstances.remindedStep} is distinct from ${workflowInstances.currentStep}`,
    ),
  );
}

/** Mark the current step reminded, unless another run did; not a user edit, so no version bump. */
export async function markReminded(db: Executor, id: string, step: number): Promise<boolean> {
  const rows = await db
    .update(workflowInstances)
    .set({ remindedStep: step })
    .where(
      and(
        eq(workflowInstances.id, id),
        eq(workflowInstances.currentStep, step),
        sql`${workflowInstances.remindedStep} is distinct from ${step}`,
      ),
    )
    .returning({ id: workflowInstances.id });
  return rows.length > 0;
}

export async function insertAction(db: Executor, values: typeof workflowActions.$inferInsert) {
  await db.insert(workflowActions).values(values);
}

const actor = alias(users, 'wf_actor');
const principal = alias(users, 'wf_principal');

/** The history of instances, oldest first, with the names of actor and principal. */
export async function actionsOf(db: Executor, instanceIds: string[]) {
  if (!instanceIds.length) return [];
  return db
    .select({
      instanceId: workflowActions.instanceId,
      step: workflowActions.step,
      action: workflowActions.action,
      actorId: workflowActions.actorId,
      actorName: actor.displayName,
      onBehalfOf: workflowActions.onBehalfOf,
      onBehalfOfName: principal.displayName,
      comment: workflowActions.comment,
      at: workflowActions.at,
    })
    .from(workflowActions)
    .innerJoin(actor, eq(actor.id, workflowActions.actorId))
    .leftJoin(principal, eq(principal.id, workflowActions.onBehalfOf))
    .where(inArray(workflowActions.instanceId, instanceIds))
    .orderBy(asc(workflowActions.at), asc(workflowActions.id));
}

/** Instances someone decided, themselves or through a delegate (for `mine=decided`). */
export const decidedBy = (userId: string) =>
  sql`exists (select 1 from ${workflowActions} a where a.instance_id = ${workflowInstances.id}
    and a.action in ('approve', 'return', 'reject')
    and (a.actor_id = ${userId} or a.on_behalf_of = ${userId}))`;

// ─── chains ────────────────────────────────────────────────────────────────────────────

const chainColumns = {
  id: workflowChains.id,
  docType: workflowChains.docType,
  programmeId: workflowChains.programmeId,
  programmeName: programmes.name,
  steps: workflowChains.steps,
  updatedAt: workflowChains.updatedAt,
  version: workflowChains.version,
};

export async function listChains(db: Executor) {
  return db
    .select(chainColumns)
    .from(workflowChains)
    .leftJoin(programmes, eq(programmes.id, workflowChains.programmeId))
    .orderBy(
      asc(workflowChains.docType),
      sql`${workflowChains.programmeId} is not null`,
      asc(programmes.name),
    );
}

export async function findChainById(db: Executor, id: string) {
  const [row] = await db
    .select(chainColumns)
    .from(workflowChains)
    .leftJoin(programmes, eq(programmes.id, workflowChains.programmeId))
    .where(eq(workflowChains.id, id));
  return row;
}

/** The chain of a document type for one programme (null: the default). */
export async function findChain(db: Executor, docType: DocType, programmeId: string | null) {
  const [row] = await db
    .select(chainColumns)
    .from(workflowChains)
    .leftJoin(programmes, eq(programmes.id, workflowChains.programmeId))
    .where(
      and(
        eq(workflowChains.docType, docType),
        programmeId === null
          ? isNull(workflowChains.programmeId)
          : eq(workflowChains.programmeId, programmeId),
      ),
    );
  return row;
}

export async function insertChain(db: Executor, values: typeof workflowChains.$inferInsert) {
  const [row] = await db.insert(workflowChains).values(values).returning({ id: workflowChains.id });
  return row!.id;
}

export async function updateChainVersioned(
  db: Executor,
  id: string,
  version: number,
  set: Partial<typeof workflowChains.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(workflowChains)
    .set({ ...set, version: sql`${workflowChains.version} + 1` })
    .where(and(eq(workflowChains.id, id), eq(workflowChains.version, version)))
    .returning({ id: workflowChains.id });
  return rows.length > 0;
}

export async function deleteChain(db: Executor, id: string) {
  await db.delete(workflowChains).where(eq(workflowChains.id, id));
}

export async function programmeExists(db: Executor, id: string): Promise<boolean> {
  const [row] = await db.select({ id: programmes.id }).from(programmes).where(eq(programmes.id, id));
  return Boolean(row);
}

// ─── people ────────────────────────────────────────────────────────────────────────────

export type Holder = ScopeHolder & { displayName: string };

/** Active users with their scopes, as scope holders, by id or by role. */
async function holders(db: Executor, where: SQL): Promise<Holder[]> {
  const people = await db
    .select({
      id: users.id,
      role: users.role,
      institutionId: users.institutionId,
      displayName: users.displayName,
    })
    .from(users)
    .where(and(where, eq(users.status, 'active')))
    .orderBy(asc(users.displayName), asc(users.id));
  if (!people.length) return [];
  const nodes = await db
    .select({
      userId: userScopes.userId,
      kind: userScopes.kind,
      regionCode: userScopes.regionCode,
      regionPath: regions.path,
      regionName: regions.name,
      institutionId: userScopes.institutionId,
    })
    .from(userScopes)
    .leftJoin(regions, eq(regions.code, userScopes.regionCode))
    .where(
      inArray(
        userScopes.userId,
        people.map((p) => p.id),
      ),
    );
  return people.map((p) => ({
    ...p,
    scope: nodes
      .filter((n) => n.userId === p.id)
      .map(
        (n): ScopeNode => ({
          kind: n.kind,
          regionCode: n.regionCode,
          regionPath: n.regionPath,
          institutionId: n.institutionId,
          name: n.regionName ?? '',
        }),
      ),
  }));
}

export const holdersByIds = (db: Executor, ids: string[]) =>
  ids.length ? holders(db, inArray(users.id, [...new Set(ids)])) : Promise.resolve([]);

export const holdersOfRole = (db: Executor, role: Role, q?: string) =>
  holders(db, and(eq(users.role, role), q ? ilike(users.displayName, `%${q}%`) : undefined)!);

export async function displayNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(inArray(users.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** What starting a workflow needs to know of its institutions. */
export async function institutionSides(db: Executor, ids: string[]) {
  const rows = await db
    .select({
      id: institutions.id,
      name: institutions.name,
      category: institutions.category,
      regionPath: regions.path,
      regionLevel: regions.level,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(inArray(institutions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

// ─── delegations ───────────────────────────────────────────────────────────────────────

const fromUser = alias(users, 'wf_from');
const toUser = alias(users, 'wf_to');

const delegationColumns = {
  id: workflowDelegations.id,
  fromUserId: workflowDelegations.fromUserId,
  fromName: fromUser.displayName,
  toUserId: workflowDelegations.toUserId,
  toName: toUser.displayName,
  startsOn: workflowDelegations.startsOn,
  endsOn: workflowDelegations.endsOn,
  reason: workflowDelegations.reason,
  createdAt: workflowDelegations.createdAt,
  revokedAt: workflowDelegations.revokedAt,
};

const delegationsJoined = (db: Executor) =>
  db
    .select(delegationColumns)
    .from(workflowDelegations)
    .innerJoin(fromUser, eq(fromUser.id, workflowDelegations.fromUserId))
    .innerJoin(toUser, eq(toUser.id, workflowDelegations.toUserId));

export type DelegationRow = Awaited<ReturnType<typeof delegationsJoined>>[number];

const activeOn = (today: string) =>
  and(
    isNull(workflowDelegations.revokedAt),
    lte(workflowDelegations.startsOn, today),
    gte(workflowDelegations.endsOn, today),
  );

/** Delegations in force today naming the user as delegate, both people active. */
export async function activeDelegationsTo(db: Executor, userId: string, today: string) {
  return delegationsJoined(db)
    .where(
      and(
        eq(workflowDelegations.toUserId, userId),
        activeOn(today),
        eq(fromUser.status, 'active'),
        eq(toUser.status, 'active'),
      ),
    )
    .orderBy(asc(workflowDelegations.createdAt));
}

/** Delegations in force today given by any of the users (to notify their delegates too). */
export async function activeDelegationsFrom(db: Executor, userIds: string[], today: string) {
  if (!userIds.length) return [];
  return delegationsJoined(db).where(
    and(
      inArray(workflowDelegations.fromUserId, userIds),
      activeOn(today),
      eq(toUser.status, 'active'),
      sql`${toUser.role} = ${fromUser.role}`,
    ),
  );
}

/** A user's delegations, given and received, newest first. */
export async function delegationsOf(db: Executor, userId: string) {
  return delegationsJoined(db)
    .where(sql`${workflowDelegations.fromUserId} = ${userId} or ${workflowDelegations.toUserId} = ${userId}`)
    .orderBy(desc(workflowDelegations.createdAt), desc(workflowDelegations.id));
}

export async function findDelegation(db: Executor, id: string) {
  const [row] = await delegationsJoined(db).where(eq(workflowDelegations.id, id));
  return row;
}

/** The delegator's unrevoked delegations whose period overlaps the given one. */
export async function overlappingDelegations(
  db: Executor,
  fromUserId: string,
  startsOn: string,
  endsOn: string,
) {
  return db
    .select({ id: workflowDelegations.id })
    .from(workflowDelegations)
    .where(
      and(
        eq(workflowDelegations.fromUserId, fromUserId),
        isNull(workflowDelegations.revokedAt),
        lte(workflowDelegations.startsOn, endsOn),
        gte(workflowDelegations.endsOn, startsOn),
      ),
    );
}

export async function insertDelegation(db: Executor, values: typeof workflowDelegations.$inferInsert) {
  const [row] = await db.insert(workflowDelegations).values(values).returning({ id: workflowDelegations.id });
  return row!.id;
}

/** Revoke once: returns false when it was already revoked. */
export async function revokeDelegation(db: Executor, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(workflowDelegations)
    .set({ revokedAt: at })
    .where(and(eq(workflowDelegations.id, id), isNull(workflowDelegations.revokedAt)))
    .returning({ id: workflowDelegations.id });
  return rows.length > 0;
}
