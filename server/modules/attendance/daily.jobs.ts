import type { Db } from '../../db/client';
import { shanghaiDate } from '../../platform/clock';
import type { JobDefinition } from '../../platform/jobs';
import { drainDirty, recomputeRecent } from './daily.service';

/** `2026-03-02T09:04` in Asia/Shanghai: one drain per minute across instances. */
const shanghaiMinute = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

/** One drain run stops after this many marks; the next run (or a reader) takes the rest. */
const DRAIN_PER_RUN = 20_000;
const DRAIN_BATCH = 500;

/**
 * Daily status (issue 7 item 5): a frequent drain of attendance_dirty (punches, approvals,
 * calendar edits mark the days they touch) and a nightly recomputation of the last days of
 * everyone on an approved dispatch (yesterday's `pending` becomes its judgement; idempotent).
 */
export function attendanceJobs(db: Db): JobDefinition[] {
  return [
    {
      name: 'attendance.drain-dirty',
      schedule: '* * * * *',
      periodOf: shanghaiMinute,
      run: async (now) => {
        for (let drained = 0; drained < DRAIN_PER_RUN; ) {
          const n = await drainDirty(db, DRAIN_BATCH, now);
          drained += n;
          if (n < DRAIN_BATCH) break;
        }
      },
    },
    {
      name: 'attendance.recompute-nightly',
      schedule: '20 0 * * *',
      periodOf: shanghaiDate,
      run: async (now) => {
        await recomputeRecent(db, now);
      },
    },
  ];
}
