import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, inject } from 'vitest';
import { type Database, type DatabaseTarget, openDatabase } from '../db/client';
import { adminQuery, databaseUrl } from './template';

export interface TestDatabase {
  database: Database;
  target: DatabaseTarget;
}

/**
 * A database of this test file's own, copied from the run's template (migrated, with
 * the reference data and the demo province): PGlite or PostgreSQL, per the project.
 * Closed and dropped after the file.
 */
export async function testDatabase(): Promise<TestDatabase> {
  const template = inject('postgresTemplate');
  if (process.env.TEST_DB === 'postgres') {
    const name = `${template}_${randomBytes(4).toString('hex')}`;
    await adminQuery(`create database "${name}" template "${template}"`);
    const target = { kind: 'postgres', url: databaseUrl(name), max: 5 } as const;
    const database = await openDatabase(target);
    afterAll(async () => {
      await database.close();
      await adminQuery(`drop database if exists "${name}" with (force)`);
    });
    return { database, target };
  }
  const dump = readFileSync(inject('pgliteTemplate'));
  const target = { kind: 'pglite', loadDataDir: new Blob([dump]) } as const;
  const database = await openDatabase(target);
  afterAll(() => database.close());
  return { database, target };
}
