import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, type DatabaseTarget, openDatabase, pgliteDatabase } from '../db/client';
import { migrateDatabase } from '../db/migrate';
import { seedDemo } from '../seed/demo';
import { seedReferenceData } from '../seed/reference';

/** Every demo account in test databases has this password. */
export const TEST_PASSWORD = 'Test@Counterpart2026';

/** The master key of test apps (`TEST_KEY` in ./app): the demo staff are encrypted with it. */
const TEST_ENCRYPTION_KEY = Buffer.from('0123456789abcdef'.repeat(4), 'hex');

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Migrate, load the reference data and the demo province: the state every test file starts from. */
export async function prepareTemplate(database: Database, target: DatabaseTarget): Promise<void> {
  await migrateDatabase(database, target);
  await seedReferenceData(database);
  await seedDemo(database, {
    password: TEST_PASSWORD,
    now: new Date('2026-01-05T09:00:00+08:00'),
    encryptionKey: TEST_ENCRYPTION_KEY,
  });
}

/** PGlite: build the template in memory and dump its data dir; files load the dump (≈ 10× faster than migrating). */
export async function buildPgliteTemplate(): Promise<Uint8Array> {
  const client = await PGlite.create();
  await prepareTemplate(pgliteDatabase(client), { kind: 'pglite' });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return new Uint8Array(await dump.arrayBuffer());
}

export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** PostgreSQL: a migrated template database, copied per test file with CREATE DATABASE … TEMPLATE. */
export async function buildPostgresTemplate(name: string): Promise<void> {
  await adminQuery(`create database "${name}"`);
  const target = { kind: 'postgres', url: databaseUrl(name), max: 2 } as const;
  const database = await openDatabase(target);
  try {
    await prepareTemplate(database, target);
  } finally {
    await database.close();
  }
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Drop the databases whose names start with `prefix` (and, with `keep`, are not kept). */
export async function dropDatabasesLike(
  prefix: string,
  keep: (name: string) => boolean = () => false,
): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      'select datname from pg_database where datname like $1',
      [`${prefix}%`],
    );
    for (const { datname } of rows)
      if (!keep(datname)) await client.query(`drop database if exists "${datname}" with (force)`);
  } finally {
    await client.end();
  }
}
