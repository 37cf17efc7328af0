import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLocked, lockDataDir } from './data-dir-lock';

describe('lockDataDir (S31)', () => {
  it('lets one owner hold the directory until it releases it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cp-lock-'));
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
    release();
    expect(existsSync(path.join(dir, 'counterpart.lock'))).toBe(false);
    lockDataDir(dir)();
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cp-lock-'));
    writeFileSync(path.join(dir, 'counterpart.lock'), '2147483646');
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/正被另一个进程/);
    release();
  });
});
