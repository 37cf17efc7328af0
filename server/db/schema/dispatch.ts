import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  DISPATCH_KINDS,
  DISPATCH_ROLES,
  DISPATCH_STATUSES,
  MANAGEMENT_POSTS,
} from '../../../shared/dispatch-vocabulary';
import { TITLES } from '../../../shared/policy/schema';
import { createdAt, id, oneOf, updatedAt, version } from './columns';
import { users } from './iam';
import { institutions } from './org';
import { pairings } from './programme';
import { staff } from './staff';

/**
 * A dispatch (选派/派驻): a support staff member sent to a pairing's recipient for a period.
 * Its eligibility is judged when proposed and again when submitted (the judgement is stored
 * with it); the province office approves it through the workflow engine; the recipient
 * confirms arrival. P05: only a dispatch with `approved_at` counts as service.
 */
export const dispatches = pgTable(
  'dispatches',
  {
    id: id(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id),
    /** the pairing's recipient, kept on the row for scope filters */
    recipientInstitutionId: uuid('recipient_institution_id')
      .notNull()
      .references(() => institutions.id),
    /** e.g. 2019年第一批 */
    batch: text('batch').notNull(),
    kind: text('kind', { enum: DISPATCH_KINDS }).notNull(),
    role: text('role', { enum: DISPATCH_ROLES }).notNull(),
    plannedStart: date('planned_start').notNull(),
    plannedEnd: date('planned_end').notNull(),
    /** the arrival the recipient confirmed */
    arrivedOn: date('arrived_on'),
    /** the last day on duty (completed, ended early, replaced) */
    endedOn: date('ended_on'),
    status: text('status', { enum: DISPATCH_STATUSES }).notNull().default('proposed'),
    /** the eligibility judgement as last made: violations and conflicts with their inputs */
    judgement: jsonb('judgement').$type<Record<string, unknown>>().notNull().default({}),
    /** the reason given for deviating from an "in principle" rule (P04) */
    justification: text('justification'),
    /** P05: when the province office's approval completed */
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** fixed at approval: the title then, and so which presence rule applies (P06 or P07) */
    titleAtApproval: text('title_at_approval', { enum: TITLES }),
    presenceRule: text('presence_rule'),
    /** why it ended early or was replaced (P06: no replacement without a recorded reason) */
    endReason: text('end_reason'),
    /** the dispatch that replaced this one */
    replacedBy: uuid('replaced_by').references((): AnyPgColumn => dispatches.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('dispatches_kind', oneOf('kind', DISPATCH_KINDS)),
    check('dispatches_role', oneOf('role', DISPATCH_ROLES)),
    check('dispatches_status', oneOf('status', DISPATCH_STATUSES)),
    check('dispatches_title', sql`title_at_approval is null or ${oneOf('title_at_approval', TITLES)}`),
    check('dispatches_presence_rule', sql`presence_rule is null or presence_rule in ('P06', 'P07')`),
    check('dispatches_period', sql`planned_end >= planned_start`),
    check('dispatches_batch', sql`length(trim(batch)) > 0`),
    check(
      'dispatches_approved',
      sql`(status in ('approved', 'on_duty', 'completed', 'ended_early', 'replaced')) = (approved_at is not null)`,
    ),
    check('dispatches_arrived', sql`status not in ('on_duty', 'completed') or arrived_on is not null`),
    check(
      'dispatches_end_reason',
      sql`status not in ('ended_early', 'replaced') or length(trim(coalesce(end_reason, ''))) > 0`,
    ),
    index('dispatches_staff').on(t.staffId),
    index('dispatches_pairing').on(t.pairingId),
    index('dispatches_recipient').on(t.recipientInstitutionId),
    index('dispatches_status').on(t.status),
  ],
);

/** P13: a support staff member appointed to a management post at the recipient during a dispatch. */
export const managementPosts = pgTable(
  'management_posts',
  {
    id: id(),
    dispatchId: uuid('dispatch_id')
      .notNull()
      .references(() => dispatches.id),
    post: text('post', { enum: MANAGEMENT_POSTS }).notNull(),
    /** the department, for department posts */
    department: text('department'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: createdAt(),
  },
  (t) => [
    check('management_posts_post', oneOf('post', MANAGEMENT_POSTS)),
    check('management_posts_period', sql`ends_on is null or ends_on >= starts_on`),
    index('management_posts_dispatch').on(t.dispatchId),
  ],
);
