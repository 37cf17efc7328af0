import { sql } from 'drizzle-orm';
import {
  bigint,
  char,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { AUDIT_RESULTS } from '../../../shared/contracts/audit';
import { oneOf } from './columns';

/**
 * The audit trail (S11, S12): append-only, each row chained to the previous one by
 * `hash = SM3(prev_hash + canonical row)`. A trigger (migration 0003) rejects UPDATE and
 * DELETE outside the purge function. Ids are assigned by the appender from the anchor
 * under an advisory lock, not by a sequence: a sequence leaves gaps when a transaction
 * rolls back, and a gap must mean a deleted row.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
    /** no foreign key: the trail outlives accounts */
    actorId: uuid('actor_id'),
    /** who, as named at the time (`actorLabel`: `显示名（用户名）`), or the username tried in a failed login */
    actorName: text('actor_name'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    result: text('result', { enum: AUDIT_RESULTS }).notNull(),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    prevHash: char('prev_hash', { length: 64 }).notNull(),
    hash: char('hash', { length: 64 }).notNull(),
  },
  (t) => [
    check('audit_events_result', oneOf('result', AUDIT_RESULTS)),
    index('audit_events_at').on(t.at),
    index('audit_events_action').on(t.action.op('text_pattern_ops')),
  ],
);

/**
 * The head of the chain, kept outside it and signed with HMAC-SM3 under `keys.audit`
 * (S12): deleting the newest rows no longer matches it, and without the key nobody can
 * re-sign it. One row, id = 1, written by the first append.
 */
export const auditAnchor = pgTable(
  'audit_anchor',
  {
    id: integer('id').primaryKey(),
    lastId: bigint('last_id', { mode: 'number' }).notNull(),
    lastHash: char('last_hash', { length: 64 }).notNull(),
    /** rows held in audit_events now (appended minus purged) */
    count: bigint('count', { mode: 'number' }).notNull(),
    /** HMAC-SM3 (hex) of last_id, last_hash and count */
    signature: text('signature').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  () => [check('audit_anchor_single', sql`id = 1`)],
);

/** Left by each purge (S13): the chain resumes from `hash` at `up_to_id`; signed like the anchor. */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  upToId: bigint('up_to_id', { mode: 'number' }).notNull().unique(),
  hash: char('hash', { length: 64 }).notNull(),
  rowsPurged: bigint('rows_purged', { mode: 'number' }).notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull(),
  signature: text('signature').notNull(),
});
