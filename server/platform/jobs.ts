import { hostname } from 'node:os';
import { Cron } from 'croner';
import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { jobRuns } from '../db/schema';
import type { Clock } from './clock';

export interface JobDefinition {
  name: string;
  /** croner pattern, evaluated in Asia/Shanghai */
  schedule: string;
  /** the period a run covers, e.g. the date for a daily job: one run per period across all instances */
  periodOf(now: Date): string;
  run(now: Date): Promise<void>;
}

export type ClaimResult = 'ran' | 'skipped' | 'failed';

/** A run still "running" after this long is taken to have died with its instance and may be retried. */
const STALE_AFTER_MS = 30 * 60_000;

export const INSTANCE_ID = `${hostname()}:${process.pid}`;

/**
 * Run `job` for `period` unless some instance already did or is doing it. The primary
 * key (job, period) is the lock: whoever inserts the row runs; a failed or stale run
 * may be claimed again (docs/decisions/001-job-runner.md).
 */
export async function runOnce(
  db: Db,
  clock: Clock,
  job: string,
  period: string,
  work: () => Promise<void>,
  instance = INSTANCE_ID,
): Promise<ClaimResult> {
  const now = clock.now();
  const claimed = await db
    .insert(jobRuns)
    .values({ job, period, instance, startedAt: now })
    .onConflictDoUpdate({
      target: [jobRuns.job, jobRuns.period],
      set: {
        instance,
        status: 'running',
        startedAt: now,
        finishedAt: null,
        error: null,
        attempts: sql`${jobRuns.attempts} + 1`,
      },
      setWhere: or(
        eq(jobRuns.status, 'failed'),
        and(eq(jobRuns.status, 'running'), lt(jobRuns.startedAt, new Date(now.getTime() - STALE_AFTER_MS))),
      ),
    })
    .returning({ job: jobRuns.job });
  if (claimed.length === 0) return 'skipped';
  const mine = and(eq(jobRuns.job, job), eq(jobRuns.period, period), eq(jobRuns.instance, instance));
  try {
    await work();
    await db.update(jobRuns).set({ status: 'done', finishedAt: clock.now() }).where(mine);
    return 'ran';
  } catch (err) {
    // Recording the failure may fail too (the database gone): the run then goes stale and is claimed again.
    await db
      .update(jobRuns)
      .set({
        status: 'failed',
        finishedAt: clock.now(),
        error: String((err as Error)?.message ?? err).slice(0, 2000),
      })
      .where(mine)
      .catch(() => {});
    return 'failed';
  }
}

/** Start the schedules of every job; returns a function that stops them. */
export function startScheduler(
  db: Db,
  clock: Clock,
  jobs: JobDefinition[],
  onResult: (job: string, period: string, result: ClaimResult) => void,
): () => void {
  const crons = jobs.map(
    (job) =>
      new Cron(job.schedule, { timezone: 'Asia/Shanghai', protect: true }, async () => {
        const now = clock.now();
        const period = job.periodOf(now);
        // A job must never take the server down: a claim that cannot even be written is a failed run.
        const result = await runOnce(db, clock, job.name, period, () => job.run(now)).catch(
          (): ClaimResult => 'failed',
        );
        onResult(job.name, period, result);
      }),
  );
  return () => {
    for (const c of crons) c.stop();
  };
}
