import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ChainStep } from '../../../shared/contracts/workflow';
import { DOC_TYPES, WORKFLOW_ACTIONS, WORKFLOW_STATUSES } from '../../../shared/contracts/workflow';
import { createdAt, id, oneOf, updatedAt, version } from './columns';
import { users } from './iam';
import { institutions } from './org';
import { programmes } from './programme';

/**
 * An approval chain: the steps a document type goes through, for one programme or (with
 * `programme_id` null) for every programme without its own chain. Each step names the role
 * that decides it; who holds that role *and* has the document's institution in scope decides.
 */
export const workflowChains = pgTable(
  'workflow_chains',
  {
    id: id(),
    docType: text('doc_type', { enum: DOC_TYPES }).notNull(),
    programmeId: uuid('programme_id').references(() => programmes.id),
    steps: jsonb('steps').$type<ChainStep[]>().notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('workflow_chains_doc_type', oneOf('doc_type', DOC_TYPES)),
    check('workflow_chains_steps', sql`jsonb_typeof(steps) = 'array' and jsonb_array_length(steps) >= 1`),
    uniqueIndex('workflow_chains_programme')
      .on(t.docType, t.programmeId)
      .where(sql`programme_id is not null`),
    uniqueIndex('workflow_chains_default').on(t.docType).where(sql`programme_id is null`),
  ],
);

/**
 * One document's passage through its chain. The steps that apply (a TCM-only step is
 * dropped for other documents) are copied in when it is submitted, so a later change of the
 * chain does not move documents already under way.
 */
export const workflowInstances = pgTable(
  'workflow_instances',
  {
    id: id(),
    docType: text('doc_type', { enum: DOC_TYPES }).notNull(),
    docId: uuid('doc_id').notNull(),
    programmeId: uuid('programme_id').references(() => programmes.id),
    /** a one-line Chinese summary for lists and notifications */
    title: text('title').notNull(),
    /** the institution whose region decides which county and prefecture approve (the recipient side) */
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    /** the other side of a two-sided document, which may also see it */
    counterpartInstitutionId: uuid('counterpart_institution_id').references(() => institutions.id),
    /** a TCM institution is involved: steps marked `tcmOnly` apply */
    tcm: boolean('tcm').notNull().default(false),
    steps: jsonb('steps').$type<ChainStep[]>().notNull(),
    /** 0-based index into steps of the step awaiting a decision */
    currentStep: integer('current_step').notNull().default(0),
    status: text('status', { enum: WORKFLOW_STATUSES }).notNull().default('pending'),
    /** what the submitter attached: violations judged, justification, … */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** when the current step must be decided by */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** set once an overdue reminder for the current step was sent */
    remindedStep: integer('reminded_step'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('workflow_instances_doc_type', oneOf('doc_type', DOC_TYPES)),
    check('workflow_instances_status', oneOf('status', WORKFLOW_STATUSES)),
    check('workflow_instances_step', sql`current_step >= 0 and current_step < jsonb_array_length(steps)`),
    check(
      'workflow_instances_decided',
      sql`(status in ('approved', 'rejected', 'withdrawn')) = (decided_at is not null)`,
    ),
    /** one open passage per document */
    uniqueIndex('workflow_instances_open')
      .on(t.docType, t.docId)
      .where(sql`status in ('pending', 'returned')`),
    index('workflow_instances_doc').on(t.docType, t.docId),
    index('workflow_instances_status').on(t.status),
    index('workflow_instances_submitter').on(t.submittedBy),
  ],
);

/** The history of an instance: every submission and decision, with who, for whom and why. */
export const workflowActions = pgTable(
  'workflow_actions',
  {
    id: id(),
    instanceId: uuid('instance_id')
      .notNull()
      .references(() => workflowInstances.id),
    step: integer('step').notNull(),
    action: text('action', { enum: WORKFLOW_ACTIONS }).notNull(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id),
    /** when a delegate acted: the user they acted for */
    onBehalfOf: uuid('on_behalf_of').references(() => users.id),
    comment: text('comment'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    check('workflow_actions_action', oneOf('action', WORKFLOW_ACTIONS)),
    check(
      'workflow_actions_comment',
      sql`action not in ('return', 'reject') or length(trim(coalesce(comment, ''))) > 0`,
    ),
    index('workflow_actions_instance').on(t.instanceId),
  ],
);

/** 代理审批: while away, a user lets a colleague decide in their name for a period. */
export const workflowDelegations = pgTable(
  'workflow_delegations',
  {
    id: id(),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reason: text('reason').notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('workflow_delegations_period', sql`ends_on >= starts_on`),
    check('workflow_delegations_two_people', sql`from_user_id <> to_user_id`),
    index('workflow_delegations_to').on(t.toUserId),
    index('workflow_delegations_from').on(t.fromUserId),
  ],
);
