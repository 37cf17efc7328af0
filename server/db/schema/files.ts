import { sql } from 'drizzle-orm';
import { check, customType, index, integer, pgTable, text, uuid, varchar } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { users } from './iam';

/** bytea as a Buffer on both drivers (PGlite hands back a Uint8Array). */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/**
 * Uploaded attachments (S23): checked by extension and magic bytes, capped in size, kept in
 * the database under a generated id (so every app instance serves them, and a backup holds
 * them), served only as attachments by the document that references them.
 */
export const files = pgTable(
  'files',
  {
    id: id(),
    /** the name as uploaded, shown and used for the download */
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    content: bytea('content').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [check('files_size', sql`size > 0`), index('files_uploader').on(t.uploadedBy)],
);
