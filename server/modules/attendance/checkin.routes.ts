import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 打卡: the phone page's context, consent, devices and punches. PLACEHOLDER. */
export const checkinRoutes: FastifyPluginAsyncZod = async () => {};
