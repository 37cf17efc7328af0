import { and, eq, inArray, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { ImportIssue, ImportStatus } from '../../../shared/contracts/imports';
import type { Database, Executor } from '../../db/client';
import { importJobs } from '../../db/schema';

/** Issues sent with a job's status; all of them are in the annotated report. */
export const ISSUES_SHOWN = 1000;

/** A job as the API shows it: without the held cells and with only the first issues (a poll stays small). */
const jobColumns = {
  id: importJobs.id,
  entity: importJobs.entity,
  userId: importJobs.userId,
  fileName: importJobs.fileName,
  status: importJobs.status,
  totalRows: importJobs.totalRows,
  processedRows: importJobs.processedRows,
  issues: sql<
    ImportIssue[]
  >`jsonb_path_query_array(${importJobs.issues}, ${`$[0 to ${ISSUES_SHOWN - 1}]`}::jsonpath)`,
  issueCount: sql<number>`jsonb_array_length(${importJobs.issues})::int`,
  summary: importJobs.summary,
  error: importJobs.error,
  createdAt: importJobs.createdAt,
  updatedAt: importJobs.updatedAt,
  expiresAt: importJobs.expiresAt,
  finishedAt: importJobs.finishedAt,
};

export type JobRow = Awaited<ReturnType<typeof findJob>> & {};

export async function insertJob(db: Executor, values: typeof importJobs.$inferInsert): Promise<string> {
  const [row] = await db.insert(importJobs).values(values).returning({ id: importJobs.id });
  return row!.id;
}

/** A job of this user's; another user's job reads as missing. */
export async function findJob(db: Executor, id: string, userId: string) {
  const [row] = await db
    .select(jobColumns)
    .from(importJobs)
    .where(and(eq(importJobs.id, id), eq(importJobs.userId, userId)));
  return row;
}

/** The held cells and every issue, for the background work and the report. */
export async function jobContent(db: Executor, id: string) {
  const [row] = await db
    .select({ sheets: importJobs.sheets, issues: importJobs.issues })
    .from(importJobs)
    .where(eq(importJobs.id, id));
  return row;
}

/**
 * Move a job on only from the status it is expected in, so a cancel, an expiry or a second
 * click never races another transition; returns whether it moved.
 */
export async function transition(
  db: Executor,
  id: string,
  from: ImportStatus[],
  set: Partial<typeof importJobs.$inferInsert> & { updatedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(importJobs)
    .set(set)
    .where(and(eq(importJobs.id, id), inArray(importJobs.status, from)))
    .returning({ id: importJobs.id });
  return rows.length > 0;
}

/** Jobs whose held cells outlived their 24 hours: expired, cells cleared (S20). */
export async function expireJobs(db: Executor, now: Date): Promise<number> {
  const rows = await db
    .update(importJobs)
    .set({ status: 'expired', sheets: null, finishedAt: now, updatedAt: now })
    .where(
      and(
        inArray(importJobs.status, ['invalid', 'ready']),
        isNotNull(importJobs.sheets),
        lte(importJobs.expiresAt, now),
      ),
    )
    .returning({ id: importJobs.id });
  return rows.length;
}

/** Jobs that stopped reporting progress (their server went away mid-work): failed, cells cleared. */
export async function failStuckJobs(
  db: Executor,
  staleBefore: Date,
  now: Date,
  error: string,
): Promise<number> {
  const rows = await db
    .update(importJobs)
    .set({ status: 'failed', error, sheets: null, finishedAt: now, updatedAt: now })
    .where(and(inArray(importJobs.status, ['checking', 'committing']), lt(importJobs.updatedAt, staleBefore)))
    .returning({ id: importJobs.id });
  return rows.length;
}

/**
 * Progress straight through the driver: on PostgreSQL this is its own connection, so it is
 * written (and seen by any instance) while the import's transaction is still open.
 */
export async function writeProgress(database: Database, id: string, processed: number, at: Date) {
  await database.query(
    `update import_jobs set processed_rows = least($1::int, total_rows), updated_at = $2
      where id = $3 and status in ('checking', 'committing')`,
    [processed, at.toISOString(), id],
  );
}
