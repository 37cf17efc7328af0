import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams, pageOf } from '../../../shared/contracts/common';
import {
  NotificationListQuery,
  NotificationPageDto,
  UnreadCountDto,
} from '../../../shared/contracts/notifications';
import { TodoDto } from '../../../shared/contracts/workflow';
import { signedIn } from '../../platform/policy';
import { todosFor } from '../workflow/workflow.service';
import * as service from './notifications.service';

const tags = ['消息与待办'];

/** 消息与待办: every signed-in user has their own to-dos and notifications; nobody reads another's. */
export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/todos',
    {
      schema: {
        tags,
        summary: '我的待办（待我审批、待我重新提交的事项）',
        response: { 200: pageOf(TodoDto) },
      },
      config: { policy: signedIn() },
    },
    async (req) => todosFor(req.ctx),
  );
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: '我的消息',
        querystring: NotificationListQuery,
        response: { 200: NotificationPageDto },
      },
      config: { policy: signedIn() },
    },
    async (req) => service.listNotifications(req.ctx, req.query),
  );
  app.get(
    '/api/notifications/unread-count',
    {
      schema: { tags, summary: '未读消息数与待办数', response: { 200: UnreadCountDto } },
      config: { policy: signedIn() },
    },
    async (req) => service.unreadCount(req.ctx),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      schema: { tags, summary: '标记消息已读', params: IdParams },
      config: { policy: signedIn() },
    },
    async (req, reply) => {
      await service.markRead(req.ctx, req.params.id);
      return reply.code(204).send();
    },
  );
  app.post(
    '/api/notifications/read-all',
    {
      schema: { tags, summary: '全部标记为已读' },
      config: { policy: signedIn() },
    },
    async (req, reply) => {
      await service.markAllRead(req.ctx);
      return reply.code(204).send();
    },
  );
};
