import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicRoute } from '../../platform/policy';

const HealthDto = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
  message: z.string().optional(),
});

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: { tags: ['系统'], summary: '健康检查', response: { 200: HealthDto, 503: HealthDto } },
      config: { policy: publicRoute() },
    },
    async (req, reply) => {
      const database = req.ctx.database.kind;
      try {
        await req.ctx.database.query('select 1');
        return { status: 'ok' as const, database };
      } catch {
        return reply.code(503).send({ status: 'unavailable', database, message: '数据库暂时不可用' });
      }
    },
  );
};
