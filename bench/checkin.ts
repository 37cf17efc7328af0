/**
 * `npm run bench:checkin`: the check-in endpoint (issue 7 item 9) against a bare baseline
 * measured in the same run.
 *
 * Baseline: a bare Fastify endpoint that parses the JSON body and does one INSERT into
 * `checkins` with `pg` (no session, no contract, no consent, device or fence, no encryption,
 * no audit). Full stack: the real `POST /api/checkins` — session resolved from the database,
 * Zod contract, policy, then one pre-check query (person, consent, retry, dispatch and
 * fences, device, previous punch), the fence decision and risk signals (previous punch
 * decrypted), SM4 encryption, and one statement inserting the punch with its dirty mark (no
 * audit event: the punch row is its own record, decision 008). Same PostgreSQL, same number of connections, same duration; then the same build on
 * PGlite. The load is spread over many support staff (created directly in the bench
 * database, each with a session, consent, a bound phone and a dispatch in force), so the
 * per-person limit (S26, 10 punches a minute) is never what is measured: each phase gets
 * its own people. Prints requests/s, p99 latency and the ratios (targets: ≥ 0.5×, ≤ 2×).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import pg from 'pg';
import { buildApp } from '../server/app';
import { loadConfig } from '../server/config';
import { type Database, type DatabaseTarget, openDatabase } from '../server/db/client';
import { adminQuery, databaseUrl, prepareTemplate } from '../server/test/template';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** people per phase: 10 punches a minute each is the budget of a phase (warm-up included) */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1500);
const KEY = 'b'.repeat(64);
const HOME = '四川省人民医院';
const RECIPIENT = '昭觉县人民医院';

interface Figures {
  name: string;
  rps: number;
  p99: number;
}

interface Person {
  staffId: string;
  token: string;
  deviceId: string;
}

interface World {
  homeId: string;
  recipientId: string;
  pairingId: string;
  /** the recipient's fence centre, WGS-84 */
  centre: { lat: number; lng: number };
}

async function worldOf(db: Database): Promise<World> {
  const [row] = await db.query<{ home: string; rec: string; pairing: string }>(
    `select h.id as home, r.id as rec, p.id as pairing from pairings p
       join institutions h on h.id = p.supporting_institution_id
       join institutions r on r.id = p.recipient_institution_id
      where h.name = $1 and r.name = $2 limit 1`,
    [HOME, RECIPIENT],
  );
  const [fence] = await db.query<{ lat: number; lng: number; crs: string }>(
    'select lat_wgs84 as lat, lng_wgs84 as lng, crs from geofences where institution_id = $1 limit 1',
    [row!.rec],
  );
  return { homeId: row!.home, recipientId: row!.rec, pairingId: row!.pairing, centre: fence! };
}

/** `n` support staff with accounts, sessions, consent, a bound phone and a dispatch in force. */
async function makePeople(db: Database, w: World, n: number, tag: string): Promise<Person[]> {
  const [template] = await db.query<{ hash: string }>('select password_hash as hash from users limit 1');
  const rows = Array.from({ length: n }, (_, i) => ({
    userId: randomUUID(),
    staffId: randomUUID(),
    token: randomBytes(32).toString('base64url'),
    deviceId: `bench-${tag}-${i}-${randomBytes(4).toString('hex')}`,
    i,
  }));
  const col = <T>(f: (r: (typeof rows)[number]) => T) => rows.map(f);
  const users = col((r) => r.userId);
  const staffIds = col((r) => r.staffId);
  await db.query(
    `insert into users (id, username, display_name, role, password_hash, institution_id)
     select u, 'bench_' || $4 || '_' || i, '压测人员' || i, 'support_staff', $2, $3
       from unnest($1::uuid[]) with ordinality as t(u, i)`,
    [users, template!.hash, w.homeId, tag],
  );
  await db.query(
    `insert into user_scopes (id, user_id, kind) select gen_random_uuid(), u, 'self' from unnest($1::uuid[]) u`,
    [users],
  );
  await db.query(
    `insert into staff (id, side, name, gender, birth_date, id_number_enc, id_number_index, id_number_masked,
                        institution_id, title, post_type, user_id)
     select s, 'support', '压测人员' || i, 'male', '1980-01-01', 'bench', md5(s::text), '510000********0000',
            $3, 'intermediate', 'professional', u
       from unnest($1::uuid[], $2::uuid[]) with ordinality as t(s, u, i)`,
    [staffIds, users, w.homeId],
  );
  await db.query(
    `insert into dispatches (id, staff_id, pairing_id, recipient_institution_id, batch, kind, role,
                             planned_start, planned_end, status, approved_at, arrived_on)
     select gen_random_uuid(), s, $2, $3, '压测批次', 'resident', 'clinical',
            '2020-01-01', '2035-12-31', 'on_duty', now(), '2020-01-01'
       from unnest($1::uuid[]) s`,
    [staffIds, w.pairingId, w.recipientId],
  );
  await db.query(
    `insert into location_consents (id, user_id, notice_version, consented_at)
     select gen_random_uuid(), u, 1, now() from unnest($1::uuid[]) u`,
    [users],
  );
  await db.query(
    `insert into devices (id, staff_id, device_id, label, status, requested_at, decided_at)
     select gen_random_uuid(), s, d, 'iPhone · Safari', 'active', now(), now()
       from unnest($1::uuid[], $2::text[]) as t(s, d)`,
    [staffIds, col((r) => r.deviceId)],
  );
  await db.query(
    `insert into sessions (id, user_id, expires_at, last_seen_at)
     select d, u, now() + interval '1 day', now() from unnest($1::text[], $2::uuid[]) as t(d, u)`,
    [col((r) => createHash('sha256').update(r.token).digest('hex')), users],
  );
  // Statistics as a database in use has them: without, the planner takes the tables just
  // bulk-filled for empty (autovacuum would analyse them only a minute later).
  await db.query('analyze');
  return rows.map((r) => ({ staffId: r.staffId, token: r.token, deviceId: r.deviceId }));
}

/** Within about 200 m of the fence centre, so each punch is inside and needs no reason. */
function nearby(w: World, i: number) {
  const metres = (i % 200) + 1;
  return { lat: w.centre.lat + metres / 111_195, lng: w.centre.lng };
}

async function load(
  name: string,
  url: string,
  people: Person[],
  w: World,
  extraHeaders: (p: Person) => Record<string, string>,
  /** the bare endpoint has no session: the person rides in the body */
  withStaffId = false,
): Promise<Figures> {
  let n = 0;
  const opts = (duration: number) => ({
    url,
    connections: CONNECTIONS,
    duration,
    requests: [
      {
        method: 'POST' as const,
        setupRequest: (req: autocannon.Request): autocannon.Request => {
          const p = people[n % people.length]!;
          const at = nearby(w, n++);
          return {
            ...req,
            headers: { 'content-type': 'application/json', ...extraHeaders(p) },
            body: JSON.stringify({
              id: randomUUID(),
              punchedAt: new Date().toISOString(),
              lat: at.lat,
              lng: at.lng,
              accuracy: 25,
              crs: 'wgs84',
              provider: 'browser',
              deviceId: p.deviceId,
              ...(withStaffId ? { staffId: p.staffId } : {}),
            }),
          };
        },
      },
    ],
  });
  // Warm-up, then the measured run.
  await autocannon(opts(1));
  const r = await autocannon(opts(DURATION));
  if (r.non2xx > 0 || r.errors > 0)
    throw new Error(
      `${name}: ${r.non2xx} non-2xx, ${r.errors} errors (${n} requests over ${people.length} people)`,
    );
  return { name, rps: r.requests.average, p99: r.latency.p99 };
}

async function baseline(db: Database, target: Extract<DatabaseTarget, { kind: 'postgres' }>, w: World) {
  const people = await makePeople(db, w, PEOPLE, 'base');
  const pool = new pg.Pool({ connectionString: target.url, max: CONNECTIONS });
  const bare = Fastify();
  bare.post('/bare', async (req, reply) => {
    const b = req.body as {
      id: string;
      punchedAt: string;
      lat: number;
      lng: number;
      accuracy: number;
      deviceId: string;
      staffId: string;
    };
    await pool.query(
      `insert into checkins (id, staff_id, source, punched_at, local_date, received_at, provider, crs,
                             location_enc, lat_rounded, lng_rounded, accuracy_m, inside, device_id)
       values ($1, $2, 'app', $3, ($3::timestamptz at time zone 'Asia/Shanghai')::date, now(), 'browser', 'wgs84',
               $4, $5, $6, $7, true, $8)`,
      [b.id, b.staffId, b.punchedAt, `${b.lat},${b.lng}`, b.lat, b.lng, b.accuracy, b.deviceId],
    );
    return reply.code(201).send({ id: b.id });
  });
  const url = await bare.listen({ port: 0, host: '127.0.0.1' });
  const figures = await load(
    'baseline: bare Fastify + pg, one INSERT',
    `${url}/bare`,
    people,
    w,
    () => ({}),
    true,
  );
  await bare.close();
  await pool.end();
  return figures;
}

async function fullStack(
  label: string,
  database: Database,
  target: DatabaseTarget,
  w: World,
): Promise<Figures> {
  const config = loadConfig({
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'cp-bench-')),
    ENCRYPTION_KEY: KEY,
    LOG_LEVEL: 'silent',
    ...(target.kind === 'postgres' ? { DATABASE_URL: target.url } : {}),
  });
  const app = await buildApp({ config, database, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const people = await makePeople(database, w, PEOPLE, label.toLowerCase());
  try {
    return await load(`${label} POST /api/checkins`, `${address}/api/checkins`, people, w, (p) => ({
      cookie: `cp_session=${p.token}`,
      'x-requested-with': 'counterpart',
    }));
  } finally {
    await app.close();
  }
}

async function main() {
  const started = Date.now();
  const name = `cp_bench_checkin_${process.pid}`;
  await adminQuery(`create database "${name}"`);
  const pgTarget = { kind: 'postgres', url: databaseUrl(name), max: CONNECTIONS } as const;
  const pgDb = await openDatabase(pgTarget);
  const pgliteTarget = { kind: 'pglite' } as const;
  const pgliteDb = await openDatabase(pgliteTarget);
  try {
    // Both databases prepared at once: PostgreSQL works in its own processes, PGlite in ours.
    await Promise.all([prepareTemplate(pgDb, pgTarget), prepareTemplate(pgliteDb, pgliteTarget)]);
    const setup = (Date.now() - started) / 1000;
    const pgWorld = await worldOf(pgDb);
    const base = await baseline(pgDb, pgTarget, pgWorld);
    const onPg = [await fullStack('PostgreSQL', pgDb, pgTarget, pgWorld)];
    const onPglite = [await fullStack('PGlite', pgliteDb, pgliteTarget, await worldOf(pgliteDb))];

    console.log(
      `\n${CONNECTIONS} connections, ${DURATION} s each (after 1 s warm-up), ${PEOPLE} people per phase\n`,
    );
    console.log(
      `${'endpoint'.padEnd(44)} ${'req/s'.padStart(8)} ${'p99 ms'.padStart(7)} ${'× req/s'.padStart(8)} ${'× p99'.padStart(6)}`,
    );
    for (const f of [base, ...onPg, ...onPglite])
      console.log(
        `${f.name.padEnd(44)} ${f.rps.toFixed(0).padStart(8)} ${f.p99.toFixed(1).padStart(7)} ${(f.rps / base.rps).toFixed(2).padStart(8)} ${(f.p99 / base.p99).toFixed(2).padStart(6)}`,
      );
    const full = onPg[0]!;
    const ok = full.rps / base.rps >= 0.5 && full.p99 / base.p99 <= 2;
    console.log(
      `\nPostgreSQL full stack vs baseline: ${(full.rps / base.rps).toFixed(2)}× throughput (target ≥ 0.5), ` +
        `${(full.p99 / base.p99).toFixed(2)}× p99 (target ≤ 2) — ${ok ? 'met' : 'NOT met'}`,
    );
    console.log(`PGlite ÷ PostgreSQL (full stack): ${(onPglite[0]!.rps / full.rps).toFixed(2)}`);
    console.log(
      `(${((Date.now() - started) / 1000).toFixed(0)} s in all, ${setup.toFixed(0)} s of it preparing the databases)`,
    );
  } finally {
    await pgDb.close();
    await pgliteDb.close();
    await adminQuery(`drop database if exists "${name}" with (force)`);
  }
}

await main();
