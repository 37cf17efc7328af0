import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Daily status, presence (P06, P07), justifications and the on-duty board. PLACEHOLDER. */
export const attendanceRoutes: FastifyPluginAsyncZod = async () => {};
