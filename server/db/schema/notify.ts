import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES } from '../../../shared/contracts/notifications';
import { createdAt, id, oneOf } from './columns';
import { users } from './iam';

/** In-app notifications (站内消息): one row per recipient. */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    /** the web path the notification opens */
    link: text('link'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user').on(t.userId, t.createdAt),
    index('notifications_unread').on(t.userId).where(sql`read_at is null`),
  ],
);

/**
 * Messages for outside channels (SMS, DingTalk work messages), written in the same
 * transaction as the event that causes them and sent later by an adapter, so a message
 * is neither lost when the channel is down nor sent for an event that rolled back.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: OUTBOX_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    check('outbox_channel', oneOf('channel', OUTBOX_CHANNELS)),
    check('outbox_status', oneOf('status', OUTBOX_STATUSES)),
    index('outbox_due').on(t.nextAttemptAt).where(sql`status = 'pending'`),
  ],
);
