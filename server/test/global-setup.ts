import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildPgliteTemplate, buildPostgresTemplate, dropDatabasesLike } from './template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: path of the dumped template data dir */
    pgliteTemplate: string;
    /** PostgreSQL: name of the template database, also the prefix of every per-file copy */
    postgresTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  if (project.name === 'postgres') {
    const name = `cp_test_${process.pid}_${Date.now().toString(36)}`;
    await dropStaleRuns();
    await buildPostgresTemplate(name);
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return () => dropDatabasesLike(name);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'cp-test-'));
  const file = path.join(dir, 'template.tar');
  writeFileSync(file, await buildPgliteTemplate());
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * Databases left by an interrupted earlier run would pile up: drop those whose run's process
 * (the pid in the name) is gone, and never those of a run still going beside this one.
 */
async function dropStaleRuns(): Promise<void> {
  await dropDatabasesLike('cp_test_', (name) => {
    const pid = Number(/^cp_test_(\d+)_/.exec(name)?.[1]);
    return Number.isInteger(pid) && isAlive(pid);
  }).catch(() => {});
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
