import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSRF_HEADER, CSRF_VALUE } from '../../shared/contracts/auth';
import { buildApp } from '../app';
import { users } from '../db/schema';
import { testConfig } from '../test/app';
import { testDatabase } from '../test/db';
import { TEST_PASSWORD } from '../test/template';
import { fixedClock } from './clock';
import { maskIdNumbers } from './logging';

const ID_NUMBER = '11010519491231002X';
const WRONG_PASSWORD = 'Wrong@Password2026';

describe('logs carry no ID numbers, passwords or session tokens (S14)', () => {
  const lines: string[] = [];
  let log = '';
  let token = '';

  beforeAll(async () => {
    const db = await testDatabase();
    const stream = { write: (line: string) => void lines.push(line) };
    const app = await buildApp({
      config: testConfig(db),
      database: db.database,
      clock: fixedClock('2026-03-02T09:00:00+08:00'),
      logger: { level: 'trace', stream },
    });
    afterAll(() => app.close());
    const [user] = await db.database.db
      .select({ username: users.username })
      .from(users)
      .where(eq(users.role, 'county_authority'));
    const send = (method: 'GET' | 'POST', url: string, payload?: object, cookie?: string) =>
      app.inject({
        method,
        url,
        payload,
        headers: { [CSRF_HEADER]: CSRF_VALUE, ...(cookie ? { cookie } : {}) },
      });

    const failed = await send('POST', '/api/auth/login', {
      username: user!.username,
      password: WRONG_PASSWORD,
    });
    expect(failed.statusCode).toBe(401);
    const ok = await send('POST', '/api/auth/login', { username: user!.username, password: TEST_PASSWORD });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies[0]!;
    token = cookie.value;
    const session = `${cookie.name}=${cookie.value}`;
    expect((await send('GET', `/api/institutions?q=${ID_NUMBER}`, undefined, session)).statusCode).toBe(200);
    await send('POST', '/api/auth/login', { username: ID_NUMBER, password: ID_NUMBER });
    await send('GET', `/api/regions/${ID_NUMBER}?idNumber=${ID_NUMBER}`, undefined, session);
    log = lines.join('');
  });

  it('logged the requests', () => {
    expect(log).toContain('"url":"/api/institutions"');
    expect(log).toContain('"url":"/api/auth/login"');
  });

  it('holds no 18-digit ID number', () => {
    expect(log).not.toMatch(/\d{17}[\dXx]/);
  });

  it('holds no password and no session token', () => {
    expect(log).not.toContain(TEST_PASSWORD);
    expect(log).not.toContain(WRONG_PASSWORD);
    expect(token.length).toBeGreaterThan(16);
    expect(log).not.toContain(token);
  });

  it('masks an ID number but not longer runs of digits', () => {
    expect(maskIdNumbers(`id ${ID_NUMBER}, n 1234567890123456789012`)).toBe(
      'id 110105********002X, n 1234567890123456789012',
    );
  });
});
