import type { z } from 'zod';
import type {
  NotificationDto,
  NotificationListQuery,
  NotificationPageDto,
} from '../../../shared/contracts/notifications';
import { type Ctx, requireUser } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { countTodos } from '../workflow/workflow.service';
import * as repo from './notifications.repo';

/** 站内消息: each user reads and marks only their own notifications. */

const toDto = (r: Awaited<ReturnType<typeof repo.listNotifications>>['items'][number]): NotificationDto => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  body: r.body,
  link: r.link,
  createdAt: r.createdAt.toISOString(),
  read: r.readAt !== null,
});

export async function listNotifications(
  ctx: Ctx,
  q: z.infer<typeof NotificationListQuery>,
): Promise<NotificationPageDto> {
  const page = await repo.listNotifications(ctx.db, requireUser(ctx).id, q);
  return { items: page.items.map(toDto), total: page.total, unread: page.unread };
}

/** The header badge: unread notifications and open to-dos, two count queries. */
export async function unreadCount(ctx: Ctx) {
  const [unread, todos] = await Promise.all([repo.countUnread(ctx.db, requireUser(ctx).id), countTodos(ctx)]);
  return { unread, todos };
}

export async function markRead(ctx: Ctx, id: string): Promise<void> {
  if (!(await repo.markRead(ctx.db, requireUser(ctx).id, id, ctx.clock.now()))) throw notFound('消息不存在');
}

export async function markAllRead(ctx: Ctx): Promise<void> {
  await repo.markAllRead(ctx.db, requireUser(ctx).id, ctx.clock.now());
}
