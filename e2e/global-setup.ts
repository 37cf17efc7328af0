import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { readDemoAccounts, startServer } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    e2eUrl: string;
    e2eDataDir: string;
    e2eAccounts: Record<string, string>;
  }
}

/** One demo server for all journeys, started from the build exactly as `npm start` runs it. */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cp-e2e-'));
  const server = await startServer(dataDir);
  let stopping = false;
  // A server that dies mid-run fails every journey after it: say why, once, where CI shows it.
  server.process.once('exit', (code, signal) => {
    if (!stopping)
      console.error(`journey server exited (${code ?? signal}) mid-run:\n${server.output().slice(-8000)}`);
  });
  project.provide('e2eUrl', server.url);
  project.provide('e2eDataDir', dataDir);
  project.provide('e2eAccounts', readDemoAccounts(dataDir));
  return async () => {
    stopping = true;
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
