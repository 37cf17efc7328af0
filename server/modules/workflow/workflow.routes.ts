import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 审批流程: routes are added here. */
export const workflowRoutes: FastifyPluginAsyncZod = async (_app) => {};
