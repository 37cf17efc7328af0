import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 人员管理: routes are added here. */
export const staffRoutes: FastifyPluginAsyncZod = async (_app) => {};
