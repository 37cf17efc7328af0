import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 服务年限约定 (P20): routes are added here. */
export const bondRoutes: FastifyPluginAsyncZod = async (_app) => {};
