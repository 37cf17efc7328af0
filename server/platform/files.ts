import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { Executor } from '../db/client';
import { files } from '../db/schema';
import { AppError } from './errors';
import { contentDisposition } from './xlsx/download';

/**
 * Uploaded attachments (S23): an allowlist by extension AND by the file's first bytes, a size
 * cap, kept in the `files` table under a generated id with their sha256. Nothing here serves
 * a file by its id alone: the document that references a file checks the reader's scope and
 * serves it as an attachment (see `sendAttachment`).
 */

/** The largest attachment accepted (a phone photo or a scanned certificate). */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const MiB = 1024 * 1024;

interface Kind {
  mime: string;
  /** the file starts with these bytes */
  magic: readonly number[];
}

const PDF: Kind = { mime: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }; // %PDF-
const PNG: Kind = { mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] };
const JPEG: Kind = { mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] };

/** The extensions accepted, each with the only content it may hold. */
export const ALLOWED_UPLOADS: Readonly<Record<string, Kind>> = { pdf: PDF, png: PNG, jpg: JPEG, jpeg: JPEG };

/** The MIME types a browser sends these files as (the body is judged by its bytes, not by this). */
export const UPLOAD_CONTENT_TYPES = [
  'application/octet-stream',
  'application/pdf',
  'image/png',
  'image/jpeg',
];

export const ALLOWED_LABEL = 'PDF、PNG、JPG';

export const tooLarge = () =>
  new AppError(413, 'FILE_TOO_LARGE', `附件过大（超过 ${MAX_UPLOAD_BYTES / MiB} MB），请压缩后再上传`, {
    maxBytes: MAX_UPLOAD_BYTES,
  });

const extensionOf = (fileName: string): string => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
};

/**
 * The MIME type of an upload, or the reason it is refused: the extension must be allowed
 * and the content must start as that kind of file does (an HTML page renamed `.pdf` is not a
 * PDF). Pure: the route and the tests call it the same way.
 */
export function judgeUpload(
  fileName: string,
  content: Uint8Array,
): { ok: true; mime: string } | { ok: false; message: string } {
  const kind = ALLOWED_UPLOADS[extensionOf(fileName)];
  if (!kind) return { ok: false, message: `只能上传 ${ALLOWED_LABEL} 格式的附件` };
  if (content.length === 0) return { ok: false, message: '附件内容为空' };
  if (content.length > MAX_UPLOAD_BYTES)
    return { ok: false, message: `附件过大（超过 ${MAX_UPLOAD_BYTES / MiB} MB），请压缩后再上传` };
  const matches = kind.magic.every((b, i) => content[i] === b);
  if (!matches)
    return {
      ok: false,
      message: `附件内容与文件类型不符：“${fileName}”不是有效的 ${extensionOf(fileName).toUpperCase()} 文件`,
    };
  return { ok: true, mime: kind.mime };
}

/** A name safe to keep and to show: no path, no control characters, at most 200 characters. */
export function cleanFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(-200) || 'attachment';
}

export interface StoredFile {
  id: string;
  fileName: string;
  size: number;
  mime: string;
}

/** Store an upload after `judgeUpload`; 400 with the Chinese reason when refused. */
export async function storeUpload(
  db: Executor,
  input: { fileName: string; content: Buffer; uploadedBy: string; at: Date },
): Promise<StoredFile> {
  const fileName = cleanFileName(input.fileName);
  if (input.content.length > MAX_UPLOAD_BYTES) throw tooLarge();
  const judged = judgeUpload(fileName, input.content);
  if (!judged.ok) throw new AppError(400, 'FILE_REFUSED', judged.message);
  const [row] = await db
    .insert(files)
    .values({
      fileName,
      mime: judged.mime,
      size: input.content.length,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
      uploadedBy: input.uploadedBy,
      createdAt: input.at,
    })
    .returning({ id: files.id, fileName: files.fileName, size: files.size, mime: files.mime });
  return row!;
}

/** The files' descriptions (no content), in the order of `ids`; unknown ids are left out. */
export async function describeFiles(db: Executor, ids: readonly string[]): Promise<StoredFile[]> {
  if (!ids.length) return [];
  const rows = await db
    .select({ id: files.id, fileName: files.fileName, size: files.size, mime: files.mime })
    .from(files)
    .where(inArray(files.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is StoredFile => r !== undefined);
}

/** Of `ids`, those this user uploaded: a document may reference only its author's own uploads. */
export async function uploadedBy(db: Executor, ids: readonly string[], userId: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, [...ids]), eq(files.uploadedBy, userId)));
  return new Set(rows.map((r) => r.id));
}

/** One file with its content, for the document that references it to serve. */
export async function readStoredFile(
  db: Executor,
  id: string,
): Promise<(StoredFile & { content: Buffer; sha256: string }) | undefined> {
  const [row] = await db
    .select({
      id: files.id,
      fileName: files.fileName,
      size: files.size,
      mime: files.mime,
      sha256: files.sha256,
      content: files.content,
    })
    .from(files)
    .where(eq(files.id, id));
  return row;
}

/** Serve a stored file as a download: attachment with its name, never sniffed, never cached (S23). */
export function sendStoredFile(
  reply: FastifyReply,
  file: { fileName: string; mime: string; content: Buffer },
) {
  return reply
    .header('content-type', file.mime)
    .header('content-disposition', contentDisposition(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-store')
    .send(file.content);
}
