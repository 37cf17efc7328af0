import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FileDto, UploadFileQuery } from '../../../shared/contracts/leave';
import { requireUser } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { MAX_UPLOAD_BYTES, storeUpload, tooLarge, UPLOAD_CONTENT_TYPES } from '../../platform/files';
import { can } from '../../platform/policy';

const tags = ['附件'];

/** The raw body as a Buffer, refused past the size cap before it is all read. */
async function readUpload(req: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > MAX_UPLOAD_BYTES) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Uploads of attachments (S23). A file is stored here and attached by id to a request of its
 * uploader's; it is downloaded only through that request (`/api/leave-requests/:id/attachments/…`),
 * which checks the reader's scope. Attaching is what support staff do with their requests
 * (attendance.request).
 */
export const fileRoutes: FastifyPluginAsyncZod = async (app) => {
  // Only in this plugin: uploads arrive as the raw file.
  app.addContentTypeParser(UPLOAD_CONTENT_TYPES, readUpload);

  app.post(
    '/api/files',
    {
      schema: {
        tags,
        summary: `上传附件（请求体为文件本身；PDF、PNG、JPG，不超过 ${MAX_UPLOAD_BYTES / 1024 / 1024} MB）`,
        querystring: UploadFileQuery,
        response: { 201: FileDto },
      },
      bodyLimit: MAX_UPLOAD_BYTES,
      config: { policy: can('attendance.request') },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new AppError(415, 'NOT_A_FILE', '请以文件本身作为请求内容上传（PDF、PNG、JPG）');
      const stored = await storeUpload(req.ctx.db, {
        fileName: req.query.fileName,
        content: req.body,
        uploadedBy: requireUser(req.ctx).id,
        at: req.ctx.clock.now(),
      });
      return reply.code(201).send(stored);
    },
  );
};
