import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Excel 导入导出: routes are added here. */
export const excelRoutes: FastifyPluginAsyncZod = async (_app) => {};
