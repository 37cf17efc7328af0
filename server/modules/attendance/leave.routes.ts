import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 请假、出差、值班补休 and 补卡 requests. PLACEHOLDER. */
export const leaveRoutes: FastifyPluginAsyncZod = async () => {};
