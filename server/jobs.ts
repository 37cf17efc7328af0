import type { Config } from './config';
import type { Db } from './db/client';
import { attendanceJobs } from './modules/attendance/daily.jobs';
import { deleteDeadSessions } from './modules/auth/auth.repo';
import { importJobDefinitions } from './modules/excel/imports.jobs';
import { notificationJobs } from './modules/notifications/outbox';
import { workflowJobs } from './modules/workflow/workflow.jobs';
import { shanghaiDate } from './platform/clock';
import type { JobDefinition } from './platform/jobs';

/** The platform's scheduled jobs. Modules add theirs here. */
export function platformJobs(db: Db, config: Config): JobDefinition[] {
  return [
    ...workflowJobs(db, config),
    ...notificationJobs(db),
    ...importJobDefinitions(db),
    ...attendanceJobs(db),
    {
      name: 'sessions.purge',
      schedule: '15 3 * * *',
      periodOf: shanghaiDate,
      run: async (now) => {
        await deleteDeadSessions(db, now, config.sessionIdleMs);
      },
    },
  ];
}
