import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths';
import type { Database, DatabaseTarget } from './client';

/** Any fixed number: the advisory lock that serialises migrations across app instances. */
const MIGRATION_LOCK = 727_2017_172;

/**
 * Apply the committed migrations. On PostgreSQL several instances may start together:
 * an advisory lock on one dedicated connection lets one migrate while the others wait,
 * and running twice is a no-op (S31).
 */
export async function migrateDatabase(database: Database, target: DatabaseTarget): Promise<void> {
  if (target.kind === 'pglite') {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migrateNodePg(drizzle({ client }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}
