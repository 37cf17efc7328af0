import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll } from 'vitest';
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/contracts/auth';
import type { Role } from '../../shared/enums';
import { buildApp } from '../app';
import { type Config, loadConfig } from '../config';
import type { Database } from '../db/client';
import { loginTickets, users } from '../db/schema';
import { digestOf } from '../modules/auth/auth.service';
import { fixedClock } from '../platform/clock';
import { decrypt, deriveKeys, staticKeyProvider } from '../platform/crypto';
import { currentCode } from '../platform/totp';
import { demoUsername } from '../seed/demo';
import { type TestDatabase, testDatabase } from './db';
import { TEST_PASSWORD } from './template';

let requests = 0;
const nextAddress = () => {
  requests++;
  return `10.${(requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}`;
};

export const TEST_KEY = '0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

export function testConfig(db: TestDatabase, env: Record<string, string> = {}): Config {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cp-app-'));
  return loadConfig({
    DATA_DIR: dataDir,
    ENCRYPTION_KEY: TEST_KEY,
    LOG_LEVEL: 'silent',
    WEB_DIST: path.join(dataDir, 'no-web'),
    ...(db.target.kind === 'postgres' ? { DATABASE_URL: db.target.url } : {}),
    ...env,
  });
}

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  clock: ReturnType<typeof fixedClock>;
  config: Config;
  /** inject with the CSRF header and, when given, a session cookie */
  request(opts: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  /** sign in as the demo account of a role; returns its cookie header */
  loginAs(role: Role): Promise<string>;
  /** sign in as a demo account by username (e.g. a role's second account, `province_lead`) */
  loginUser(username: string): Promise<string>;
}

/** A real app on this file's own database copy, with a clock the test can move. */
export async function testApp(env: Record<string, string> = {}): Promise<TestApp> {
  const db = await testDatabase();
  const clock = fixedClock('2026-03-02T09:00:00+08:00');
  const config = testConfig(db, env);
  const app = await buildApp({ config, database: db.database, clock, logger: false });
  afterAll(() => app.close());

  // Each request comes from its own address unless a test sets one, so the per-IP login
  // limit (S26) does not throttle a suite that signs in hundreds of times.
  const request: TestApp['request'] = ({ cookie, headers, ...opts }) =>
    app.inject({
      remoteAddress: nextAddress(),
      ...opts,
      headers: { [CSRF_HEADER]: CSRF_VALUE, ...(cookie ? { cookie } : {}), ...headers },
    });

  const loginAs = async (role: Role) => loginUser(demoUsername(role));
  const loginUser = async (username: string) => {
    let res = await request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: TEST_PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.body}`);
    if (res.json().mfaRequired) res = await passMfa(res.json());
    const cookie = res.cookies[0];
    if (!cookie) throw new Error(`login as ${username} set no cookie: ${res.body}`);
    return `${cookie.name}=${cookie.value}`;
  };

  /** Admins answer the second factor as their authenticator app would (S04). */
  const passMfa = async ({ ticket, enrol }: { ticket: string; enrol: boolean }) => {
    const secret = enrol
      ? (await request({ method: 'POST', url: '/api/auth/mfa/enrol', payload: { ticket } })).json().secret
      : await totpSecretOf(db.database, config, ticket);
    // Each code is accepted once: move to the next 30-second step so repeated logins work.
    clock.advance(30_000);
    return request({
      method: 'POST',
      url: '/api/auth/mfa',
      payload: { ticket, code: currentCode(secret, clock.now()) },
    });
  };

  return { app, database: db.database, clock, config, request, loginAs, loginUser };
}

/** The decrypted TOTP secret of the user a login ticket belongs to. */
export async function totpSecretOf(database: Database, config: Config, ticket: string): Promise<string> {
  const [row] = await database.db
    .select({ secret: users.totpSecret })
    .from(loginTickets)
    .innerJoin(users, eq(users.id, loginTickets.userId))
    .where(eq(loginTickets.id, digestOf(ticket)));
  if (!row?.secret) throw new Error('ticket has no enrolled user');
  return decrypt(deriveKeys(staticKeyProvider(config.encryptionKey!)), row.secret);
}
