import { v7 as uuidv7 } from 'uuid';
import type { OUTBOX_CHANNELS } from '../../../shared/contracts/notifications';
import type { Executor } from '../../db/client';
import * as repo from './notifications.repo';

export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export interface NewNotification {
  userId: string;
  /** a dotted code, e.g. `workflow.todo`, so the web can pick an icon */
  kind: string;
  title: string;
  body?: string | null;
  /** the web path the notification opens */
  link?: string | null;
}

/**
 * Notify users in-app and queue the same message for every enabled outside channel
 * (`NOTIFY_CHANNELS`), in the caller's transaction: the message exists if and only if the
 * event that caused it committed. Adapters send the outbox later (outbox.ts).
 */
export async function notify(
  db: Executor,
  opts: { channels: readonly OutboxChannel[]; now: Date },
  messages: readonly NewNotification[],
): Promise<void> {
  // Ids made here, so each outbox row can name its notification without relying on RETURNING order.
  const rows = messages.map((m) => ({ id: uuidv7(), ...m }));
  await repo.insertNotifications(
    db,
    rows.map((m) => ({
      id: m.id,
      userId: m.userId,
      kind: m.kind,
      title: m.title,
      body: m.body ?? null,
      link: m.link ?? null,
      createdAt: opts.now,
    })),
  );
  await repo.insertOutbox(
    db,
    opts.channels.flatMap((channel) =>
      rows.map((m) => ({
        channel,
        userId: m.userId,
        payload: {
          notificationId: m.id,
          kind: m.kind,
          title: m.title,
          body: m.body ?? null,
          link: m.link ?? null,
        },
        nextAttemptAt: opts.now,
        createdAt: opts.now,
      })),
    ),
  );
}
