import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { notifications, outbox } from '../../db/schema';

/** Notification and outbox queries only (Drizzle). */

export async function insertNotifications(db: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length) await db.insert(notifications).values(rows);
}

export async function insertOutbox(db: Executor, rows: (typeof outbox.$inferInsert)[]) {
  if (rows.length) await db.insert(outbox).values(rows);
}

const unreadOf = (userId: string) => and(eq(notifications.userId, userId), isNull(notifications.readAt));

export async function listNotifications(
  db: Executor,
  userId: string,
  q: { unread?: boolean; page: number; pageSize: number },
) {
  const where = q.unread ? unreadOf(userId) : eq(notifications.userId, userId);
  const [items, [total], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
    countUnread(db, userId),
  ]);
  return { items, total: total?.n ?? 0, unread };
}

/** Uses the partial index on unread rows: cheap enough for the web to poll. */
export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(unreadOf(userId));
  return row?.n ?? 0;
}

/** Mark one of the user's own notifications read; false when it is not theirs (or does not exist). */
export async function markRead(db: Executor, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${at.toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ id: notifications.id });
  return rows.length > 0;
}

export async function markAllRead(db: Executor, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: at })
    .where(unreadOf(userId))
    .returning({ id: notifications.id });
  return rows.length;
}
