import type { Db } from '../../db/client';
import type { JobDefinition } from '../../platform/jobs';
import { expireImports } from './imports.service';

/** Every ten minutes: jobs past their 24 hours expire (cells cleared, S20); jobs whose server stopped fail. */
export function importJobDefinitions(db: Db): JobDefinition[] {
  return [
    {
      name: 'imports.expire',
      schedule: '*/10 * * * *',
      // one run per ten minutes: `2026-03-02T01:20`
      periodOf: (now) => `${now.toISOString().slice(0, 15)}0`,
      run: async (now) => {
        await expireImports(db, now);
      },
    },
  ];
}
