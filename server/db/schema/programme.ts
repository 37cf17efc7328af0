import { sql } from 'drizzle-orm';
import {
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
  varchar,
} from 'drizzle-orm/pg-core';
import { createdAt, id, oneOf, updatedAt, version } from './columns';
import { users } from './iam';
import { institutions, regions } from './org';

export const PROGRAMME_STATUSES = ['draft', 'active', 'closed'] as const;

/** A support programme (项目/工程) with a period; its rules are its policy pack versions. */
export const programmes = pgTable(
  'programmes',
  {
    id: id(),
    code: varchar('code', { length: 40 }).notNull(),
    name: text('name').notNull(),
    /** the province (or region) that runs it */
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end'),
    status: text('status', { enum: PROGRAMME_STATUSES }).notNull().default('active'),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    uniqueIndex('programmes_code').on(t.code),
    check('programmes_status', oneOf('status', PROGRAMME_STATUSES)),
    check('programmes_period', sql`period_end is null or period_end >= period_start`),
  ],
);

/**
 * Policy pack versions (DOMAIN.md "Pack versions"): every number and switch of P01–P28
 * as validated JSON, effective from a date. Editing makes a new version; old ones stay
 * readable, and a judgement stores the version it used.
 */
export const policyPackVersions = pgTable(
  'policy_pack_versions',
  {
    id: id(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    pack: jsonb('pack').notNull(),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('policy_pack_versions_version').on(t.programmeId, t.version),
    check('policy_pack_versions_positive', sql`version >= 1`),
  ],
);

export const PAIRING_MODES = ['one_to_one', 'team', 'hospital_department', 'school_hospital'] as const;
export const PAIRING_STATUSES = ['active', 'ended'] as const;
export const EXCEPTION_STATUSES = ['none', 'pending', 'approved', 'rejected'] as const;

/**
 * A pairing (结对关系): supporting ↔ recipient institution in a programme for a period.
 * A deviation from P02 is stored with its reason as an exception awaiting approval.
 */
export const pairings = pgTable(
  'pairings',
  {
    id: id(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    supportingInstitutionId: uuid('supporting_institution_id')
      .notNull()
      .references(() => institutions.id),
    recipientInstitutionId: uuid('recipient_institution_id')
      .notNull()
      .references(() => institutions.id),
    mode: text('mode', { enum: PAIRING_MODES }).notNull(),
    /** 以院包科: the recipient's departments the supporter takes on */
    departments: jsonb('departments').$type<string[]>().notNull().default([]),
    periodStart: date('period_start').notNull(),
    periodEnd: date('period_end'),
    status: text('status', { enum: PAIRING_STATUSES }).notNull().default('active'),
    exceptionStatus: text('exception_status', { enum: EXCEPTION_STATUSES }).notNull().default('none'),
    exceptionReason: text('exception_reason'),
    /** the rule ids (P01, P02 …) the pairing deviates from, as judged when saved */
    deviations: jsonb('deviations').$type<string[]>().notNull().default([]),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('pairings_mode', oneOf('mode', PAIRING_MODES)),
    check('pairings_status', oneOf('status', PAIRING_STATUSES)),
    check('pairings_exception_status', oneOf('exception_status', EXCEPTION_STATUSES)),
    check('pairings_period', sql`period_end is null or period_end >= period_start`),
    check('pairings_two_institutions', sql`supporting_institution_id <> recipient_institution_id`),
    check('pairings_exception_reason', sql`exception_status = 'none' or length(trim(exception_reason)) > 0`),
    index('pairings_programme').on(t.programmeId),
    index('pairings_supporting').on(t.supportingInstitutionId),
    index('pairings_recipient').on(t.recipientInstitutionId),
  ],
);

/** The history of a pairing: every change with who, when, what and why. */
export const pairingChanges = pgTable(
  'pairing_changes',
  {
    id: id(),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    change: jsonb('change').notNull(),
    reason: text('reason'),
  },
  (t) => [index('pairing_changes_pairing').on(t.pairingId)],
);
