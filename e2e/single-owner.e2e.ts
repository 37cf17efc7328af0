import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, inject, test } from 'vitest';
import { ROOT } from '../server/paths';
import { SERVER_MAIN, serverEnv } from './server';

test('a second server on the data dir of a running one refuses to start, and the first keeps serving', async () => {
  const dataDir = inject('e2eDataDir');
  const lockFile = path.join(dataDir, 'counterpart.lock');
  const owner = readFileSync(lockFile, 'utf8');

  const second = spawn(process.execPath, [SERVER_MAIN], {
    cwd: ROOT,
    env: serverEnv(dataDir, 0),
    stdio: 'pipe',
  });
  let output = '';
  second.stdout.on('data', (d) => (output += d));
  second.stderr.on('data', (d) => (output += d));
  try {
    // "At once": well before it could have opened the database and listened.
    const [code] = await once(second, 'exit', { signal: AbortSignal.timeout(20_000) });
    expect(code, output).not.toBe(0);
    expect(output).toContain('正被另一个进程');
  } finally {
    if (second.exitCode === null) second.kill('SIGKILL');
  }

  expect(readFileSync(lockFile, 'utf8'), 'the lock still names the first server').toBe(owner);
  const health = await fetch(`${inject('e2eUrl')}/api/health`);
  expect(health.status).toBe(200);
});
