import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** 节假日日历: the State Council calendar and the prefectures' regional holidays. PLACEHOLDER. */
export const calendarRoutes: FastifyPluginAsyncZod = async () => {};
