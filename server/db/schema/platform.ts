import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { oneOf } from './columns';

export const JOB_RUN_STATUSES = ['running', 'done', 'failed'] as const;

/**
 * One row per job and period: the unique key makes a period run exactly once across
 * app instances (docs/decisions/001-job-runner.md).
 */
export const jobRuns = pgTable(
  'job_runs',
  {
    job: text('job').notNull(),
    period: text('period').notNull(),
    instance: text('instance').notNull(),
    status: text('status', { enum: JOB_RUN_STATUSES }).notNull().default('running'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(1),
    error: text('error'),
  },
  (t) => [
    primaryKey({ columns: [t.job, t.period] }),
    check('job_runs_status', oneOf('status', JOB_RUN_STATUSES)),
    check('job_runs_finished', sql`(status = 'running') = (finished_at is null)`),
  ],
);

/** Small facts about the installation: whether the demo was seeded, and when. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
