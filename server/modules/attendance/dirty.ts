import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

/**
 * Mark a person's days from `from` to `to` (inclusive, Asia/Shanghai dates) for recomputation
 * of their daily status: in the writer's transaction, one statement, so a punch or an approval
 * and its mark commit together. Readers and the recompute job drain the marks (daily.service).
 */
export async function markDirty(
  db: Executor,
  staffId: string,
  from: string,
  to: string = from,
): Promise<void> {
  await db.execute(sql`
    insert into attendance_dirty (staff_id, date)
    select ${staffId}::uuid, d::date from generate_series(${from}::date, ${to}::date, interval '1 day') d
    on conflict do nothing`);
}
