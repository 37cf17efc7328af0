import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT } from '../server/paths';

export const E2E_PASSWORD = 'E2e@Counterpart2026';

export interface RunningServer {
  url: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** The build journeys run: `dist`, or BUILD_DIR when a second build was made beside it. */
const BUILD_DIR = path.join(ROOT, process.env.BUILD_DIR ?? 'dist');
/** The built server, as `npm start` runs it. */
export const SERVER_MAIN = path.join(BUILD_DIR, 'server/main.js');

/** The environment a journey server runs with: loopback, its own data dir, the demo seeded. */
export function serverEnv(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_PASSWORD: E2E_PASSWORD,
    AUTH_ADMIN_MFA: 'optional',
    LOG_LEVEL: 'warn',
    WEB_DIST: path.join(BUILD_DIR, 'web'),
    ...env,
  };
}

/** Start the built server (`dist/server/main.js`) as `npm start` would, on its own data dir. */
export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: serverEnv(dataDir, port, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => (out += d));
  child.stderr?.on('data', (d) => (out += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`server did not start in time:\n${out}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** role → username of the role's first account, from the accounts file the demo seed writes (mode 0600). */
export function readDemoAccounts(dataDir: string): Record<string, string> {
  const lines = readFileSync(path.join(dataDir, 'demo-accounts.txt'), 'utf8').trim().split('\n');
  const accounts: Record<string, string> = {};
  for (const [role, username] of lines.map((l) => l.split('\t'))) {
    if (role && username && !(role in accounts)) accounts[role] = username;
  }
  return accounts;
}
