import type { Config } from '../../config';
import type { Db } from '../../db/client';
import type { JobDefinition } from '../../platform/jobs';
import { remindOverdue } from './workflow.service';

/** `2026-03-02T09` in Asia/Shanghai: one run per hour across instances. */
export const shanghaiHour = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 13);

/** Hourly: remind the deciders of every step past its deadline, once per step. */
export function workflowJobs(db: Db, config: Config): JobDefinition[] {
  return [
    {
      name: 'workflow.remind-overdue',
      schedule: '5 * * * *',
      periodOf: shanghaiHour,
      run: async (now) => {
        await remindOverdue(db, config, now);
      },
    },
  ];
}
