import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 选派管理: routes are added here. */
export const dispatchRoutes: FastifyPluginAsyncZod = async (_app) => {};
