import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 消息与待办: routes are added here. */
export const notificationRoutes: FastifyPluginAsyncZod = async (_app) => {};
