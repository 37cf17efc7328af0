import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client';
import { outbox } from '../../db/schema';
import type { JobDefinition } from '../../platform/jobs';
import type { OutboxChannel } from './notify';

/**
 * The outbox dispatcher: sends queued messages through one adapter per channel, retrying
 * with backoff and giving up (`failed`) after a number of attempts. No adapter ships yet;
 * SMS and DingTalk work messages plug in here as `OutboxAdapter`s. Rows of a channel
 * without an adapter stay pending until one is installed.
 */

export interface OutboxMessage {
  id: string;
  channel: OutboxChannel;
  userId: string | null;
  payload: Record<string, unknown>;
  /** attempts made before this one */
  attempts: number;
}

export interface OutboxAdapter {
  channel: OutboxChannel;
  /** resolves when the channel accepted the message; throws to have it retried */
  send(message: OutboxMessage): Promise<void>;
}

/** The adapters in production use: none yet. */
export const OUTBOX_ADAPTERS: readonly OutboxAdapter[] = [];

export const OUTBOX_MAX_ATTEMPTS = 5;
/** A claimed row is hidden from other runs this long, so a slow send is not sent twice. */
const LEASE_MS = 5 * 60_000;

/** Backoff after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export const retryDelayMs = (attempts: number): number => Math.min(60_000 * 2 ** (attempts - 1), 3_600_000);

export interface DispatchResult {
  sent: number;
  retrying: number;
  failed: number;
}

export async function dispatchOutbox(
  db: Executor,
  adapters: readonly OutboxAdapter[],
  now: Date,
  opts: { batch?: number; maxAttempts?: number } = {},
): Promise<DispatchResult> {
  const result: DispatchResult = { sent: 0, retrying: 0, failed: 0 };
  const byChannel = new Map(adapters.map((a) => [a.channel, a]));
  if (!byChannel.size) return result;
  const maxAttempts = opts.maxAttempts ?? OUTBOX_MAX_ATTEMPTS;
  // Claim due rows under SKIP LOCKED and push their next attempt past the lease in one statement.
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(
      and(
        eq(outbox.status, 'pending'),
        inArray(outbox.channel, [...byChannel.keys()]),
        lte(outbox.nextAttemptAt, now),
      ),
    )
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(opts.batch ?? 100)
    .for('update', { skipLocked: true });
  const claimed = await db
    .update(outbox)
    .set({ nextAttemptAt: new Date(now.getTime() + LEASE_MS) })
    .where(inArray(outbox.id, due))
    .returning();

  for (const row of claimed) {
    const adapter = byChannel.get(row.channel)!;
    const attempts = row.attempts + 1;
    try {
      await adapter.send({
        id: row.id,
        channel: row.channel,
        userId: row.userId,
        payload: row.payload,
        attempts: row.attempts,
      });
      await db
        .update(outbox)
        .set({ status: 'sent', attempts, sentAt: now, lastError: null })
        .where(eq(outbox.id, row.id));
      result.sent++;
    } catch (err) {
      const lastError = String((err as Error)?.message ?? err).slice(0, 1000);
      const failed = attempts >= maxAttempts;
      await db
        .update(outbox)
        .set({
          attempts,
          lastError,
          status: failed ? 'failed' : 'pending',
          nextAttemptAt: failed
            ? sql`${outbox.nextAttemptAt}`
            : new Date(now.getTime() + retryDelayMs(attempts)),
        })
        .where(eq(outbox.id, row.id));
      if (failed) result.failed++;
      else result.retrying++;
    }
  }
  return result;
}

/** `2026-03-02T09:05` in Asia/Shanghai: one run per minute across instances. */
const shanghaiMinute = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);

/**
 * Every two minutes: send what the outbox holds for the channels with an adapter. Scheduled
 * only once an adapter is installed, so job_runs does not fill with empty runs meanwhile.
 */
export function notificationJobs(
  db: Db,
  adapters: readonly OutboxAdapter[] = OUTBOX_ADAPTERS,
): JobDefinition[] {
  if (!adapters.length) return [];
  return [
    {
      name: 'notify.outbox',
      schedule: '*/2 * * * *',
      periodOf: shanghaiMinute,
      run: async (now) => {
        await dispatchOutbox(db, adapters, now);
      },
    },
  ];
}
