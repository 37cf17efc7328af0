/**
 * `npm run bench`: the API's overhead against a bare baseline measured in the same run.
 *
 * Baseline: a bare Fastify endpoint that reads one row with `pg` (no session, no
 * contract, no error mapping). Full stack: the real app (session cookie resolved from
 * the database, Zod contract, policy check, error handler) serving `GET /api/auth/me`
 * and `GET /api/health`. Same PostgreSQL, same connections, same duration. Then the
 * same full-stack read on PGlite. Prints requests/s, p99 latency and the ratios.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { type Database, type DatabaseTarget, openDatabase } from '../server/db/client';
import { adminQuery, databaseUrl, prepareTemplate, TEST_PASSWORD } from '../server/test/template';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const KEY = 'b'.repeat(64);

interface Figures {
  name: string;
  rps: number;
  p99: number;
}

async function load(name: string, url: string, headers: Record<string, string> = {}): Promise<Figures> {
  // Warm-up, then the measured run.
  await autocannon({ url, connections: CONNECTIONS, duration: 1, headers });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors`);
  return { name, rps: r.requests.average, p99: r.latency.p99 };
}

async function fullStack(label: string, database: Database, target: DatabaseTarget): Promise<Figures[]> {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cp-bench-')),
    ENCRYPTION_KEY: KEY,
    LOG_LEVEL: 'silent',
    ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : {}),
  });
  const app = await buildApp({ config, database, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const [user] = await database.query<{ username: string }>(
    "select username from users where role = 'county_authority'",
  );
  const login = await fetch(`${address}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-requested-with': 'counterpart' },
    body: JSON.stringify({ username: user!.username, password: TEST_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const figures = [
    await load(`${label} full stack GET /api/auth/me`, `${address}/api/auth/me`, { cookie }),
    await load(`${label} full stack GET /api/health`, `${address}/api/health`),
  ];
  await app.close();
  return figures;
}

async function main() {
  const name = `cp_bench_${process.pid}`;
  await adminQuery(`create database "${name}"`);
  const pgTarget = { kind: 'postgres', url: databaseUrl(name), max: 10 } as const;
  const pgDb = await openDatabase(pgTarget);
  const pgliteTarget = { kind: 'pglite' } as const;
  const pgliteDb = await openDatabase(pgliteTarget);
  try {
    await prepareTemplate(pgDb, pgTarget);
    await prepareTemplate(pgliteDb, pgliteTarget);

    const pool = new pg.Pool({ connectionString: pgTarget.url, max: 10 });
    const bare = Fastify();
    bare.get(
      '/bare',
      async () => (await pool.query('select code, name from regions where code = $1', ['513431'])).rows[0],
    );
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    const baseline = await load('baseline: bare Fastify + pg, one-row read', `${bareUrl}/bare`);
    await bare.close();
    await pool.end();

    const onPg = await fullStack('PostgreSQL', pgDb, pgTarget);
    const onPglite = await fullStack('PGlite', pgliteDb, pgliteTarget);

    console.log(`\n${CONNECTIONS} connections, ${DURATION} s each (after 1 s warm-up)\n`);
    console.log(
      `${'endpoint'.padEnd(48)} ${'req/s'.padStart(9)} ${'p99 ms'.padStart(7)} ${'× baseline'.padStart(11)}`,
    );
    for (const f of [baseline, ...onPg, ...onPglite]) {
      console.log(
        `${f.name.padEnd(48)} ${f.rps.toFixed(0).padStart(9)} ${f.p99.toFixed(1).padStart(7)} ${(f.rps / baseline.rps).toFixed(2).padStart(11)}`,
      );
    }
    console.log(
      `\nPGlite ÷ PostgreSQL (full stack /api/auth/me): ${(onPglite[0]!.rps / onPg[0]!.rps).toFixed(2)}`,
    );
  } finally {
    await pgDb.close();
    await pgliteDb.close();
    await adminQuery(`drop database if exists "${name}" with (force)`);
  }
}

await main();
