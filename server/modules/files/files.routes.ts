import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Uploads of attachments (S23). PLACEHOLDER. */
export const fileRoutes: FastifyPluginAsyncZod = async () => {};
