import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openDatabase } from '../db/client';
import { testConfig } from '../test/app';
import { testDatabase } from '../test/db';

/**
 * S33: with the database gone the API answers 503 with a Chinese message, the process
 * lives on, and it serves again once the database is back. A TCP relay in front of
 * PostgreSQL plays the outage. PGlite is in-process and cannot go away on its own.
 */
describe.runIf(process.env.TEST_DB === 'postgres')('database outage (S33)', () => {
  it('answers 503 while the database is unreachable and recovers when it returns', async () => {
    const db = await testDatabase();
    if (db.target.kind !== 'postgres') throw new Error('postgres only');
    const upstream = new URL(db.target.url);
    const sockets = new Set<net.Socket>();
    let relay = await startRelay(0);
    const port = (relay.address() as net.AddressInfo).port;

    function startRelay(listenPort: number): Promise<net.Server> {
      const server = net.createServer((client) => {
        const pg = net.connect(Number(upstream.port || 5432), upstream.hostname);
        for (const s of [client, pg]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(pg).pipe(client);
      });
      return new Promise((resolve) => server.listen(listenPort, '127.0.0.1', () => resolve(server)));
    }
    async function stopRelay() {
      for (const s of sockets) s.destroy();
      await new Promise((r) => relay.close(r));
    }

    const relayed = new URL(db.target.url);
    relayed.host = `127.0.0.1:${port}`;
    const database = await openDatabase({ kind: 'postgres', url: relayed.toString(), max: 2 });
    const app = await buildApp({ config: testConfig(db), database, logger: false });
    afterAll(async () => {
      await app.close();
      await database.close();
    });

    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);

    await stopRelay();
    const down = await app.inject({ method: 'GET', url: '/api/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ status: 'unavailable', database: 'postgres' });
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-requested-with': 'counterpart' },
      payload: { username: 'someone', password: 'whatever' },
    });
    expect(login.statusCode).toBe(503);
    expect(login.json()).toEqual({
      error: { code: 'DB_UNAVAILABLE', message: '数据库暂时不可用，请稍后重试' },
    });

    relay = await startRelay(port);
    expect((await app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    await stopRelay();
  });
});
