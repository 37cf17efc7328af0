import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../db/client';
import { jobRuns } from '../db/schema';
import { type TestDatabase, testDatabase } from '../test/db';
import { fixedClock } from './clock';
import { runOnce } from './jobs';

let db: TestDatabase;
beforeAll(async () => {
  db = await testDatabase();
});

describe('runOnce: one run per job and period across instances', () => {
  it('runs a period once however many instances try, even concurrently', async () => {
    // On PostgreSQL: separate pools, as separate app instances would have. PGlite has one connection.
    const instances: Database[] = [db.database];
    if (db.target.kind === 'postgres') {
      for (let i = 0; i < 3; i++) instances.push(await openDatabase(db.target));
    }
    const clock = fixedClock('2026-03-02T03:15:00+08:00');
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
    };
    const results = await Promise.all(
      instances.flatMap((inst, i) =>
        [0, 1].map((k) => runOnce(inst.db, clock, 'test.concurrent', '2026-03-02', work, `i${i}.${k}`)),
      ),
    );
    expect(runs).toBe(1);
    expect(results.filter((r) => r === 'ran')).toHaveLength(1);
    expect(results.filter((r) => r === 'skipped')).toHaveLength(results.length - 1);
    for (const inst of instances.slice(1)) await inst.close();
  });

  it('runs the next period again', async () => {
    const clock = fixedClock('2026-03-03T03:15:00+08:00');
    let runs = 0;
    await runOnce(db.database.db, clock, 'test.daily', '2026-03-02', async () => void runs++);
    await runOnce(db.database.db, clock, 'test.daily', '2026-03-03', async () => void runs++);
    await runOnce(db.database.db, clock, 'test.daily', '2026-03-03', async () => void runs++);
    expect(runs).toBe(2);
  });

  it('records a failure and lets a later attempt retry it', async () => {
    const clock = fixedClock('2026-03-02T03:15:00+08:00');
    const failed = await runOnce(db.database.db, clock, 'test.retry', 'p1', async () => {
      throw new Error('磁盘已满');
    });
    expect(failed).toBe('failed');
    const [row] = await db.database.db.select().from(jobRuns).where(eq(jobRuns.job, 'test.retry'));
    expect(row).toMatchObject({ status: 'failed', error: '磁盘已满' });
    expect(await runOnce(db.database.db, clock, 'test.retry', 'p1', async () => {})).toBe('ran');
    const [again] = await db.database.db.select().from(jobRuns).where(eq(jobRuns.job, 'test.retry'));
    expect(again).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('takes over a run whose instance died, but only once it is stale', async () => {
    const clock = fixedClock('2026-03-02T03:15:00+08:00');
    await db.database.db
      .insert(jobRuns)
      .values({ job: 'test.stale', period: 'p', instance: 'dead', startedAt: clock.now() });
    clock.advance(10 * 60_000);
    expect(await runOnce(db.database.db, clock, 'test.stale', 'p', async () => {})).toBe('skipped');
    clock.advance(30 * 60_000);
    expect(await runOnce(db.database.db, clock, 'test.stale', 'p', async () => {})).toBe('ran');
  });
});
