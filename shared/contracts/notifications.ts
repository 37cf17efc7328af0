import { z } from 'zod';
import { PageQuery } from './common';

export const OUTBOX_CHANNELS = ['sms', 'dingtalk'] as const;
export const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

export const NotificationDto = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});
export type NotificationDto = z.infer<typeof NotificationDto>;

export const NotificationListQuery = PageQuery.extend({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

export const NotificationPageDto = z.object({
  items: z.array(NotificationDto),
  total: z.number().int(),
  unread: z.number().int(),
});
export type NotificationPageDto = z.infer<typeof NotificationPageDto>;

export const UnreadCountDto = z.object({ unread: z.number().int(), todos: z.number().int() });
export type UnreadCountDto = z.infer<typeof UnreadCountDto>;
