import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ImportIssue, ImportSummary } from '../../../shared/contracts/imports';
import { IMPORT_ENTITIES, IMPORT_STATUSES } from '../../../shared/contracts/imports';
import { createdAt, id, oneOf, updatedAt } from './columns';
import { users } from './iam';

/**
 * An Excel import: uploaded, checked (dry run) with progress, then committed all or
 * nothing (S27). The uploaded file itself is never kept: its cells are held in `sheets`
 * only until the import is committed, cancelled or expires, then cleared (S20).
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: id(),
    entity: text('entity', { enum: IMPORT_ENTITIES }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    status: text('status', { enum: IMPORT_STATUSES }).notNull().default('checking'),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    /** the cells as read, per sheet, for the commit and the annotated report; cleared afterwards (S20) */
    sheets: jsonb('sheets').$type<Record<string, unknown>>(),
    issues: jsonb('issues').$type<ImportIssue[]>().notNull().default([]),
    summary: jsonb('summary').$type<ImportSummary>(),
    /** a failure of the job itself (not of a row), in Chinese */
    error: text('error'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('import_jobs_entity', oneOf('entity', IMPORT_ENTITIES)),
    check('import_jobs_status', oneOf('status', IMPORT_STATUSES)),
    check('import_jobs_progress', sql`processed_rows >= 0 and processed_rows <= total_rows`),
    index('import_jobs_user').on(t.userId, t.createdAt),
    index('import_jobs_expiry').on(t.expiresAt).where(sql`sheets is not null`),
  ],
);
