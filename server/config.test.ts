import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const KEY = 'a'.repeat(64);

describe('loadConfig', () => {
  it('defaults to PGlite under ./data on port 3000 with the demo on', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database.kind).toBe('pglite');
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.demo).toBe(true);
    expect(c.adminMfa).toBe('required');
    expect(c.secureCookies).toBe(false);
  });

  it('uses PostgreSQL when DATABASE_URL is set, without the demo unless DEMO=1', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', ENCRYPTION_KEY: KEY });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(c.demo).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db', ENCRYPTION_KEY: KEY, DEMO: '1' }).demo).toBe(true);
  });

  it('refuses to run on PostgreSQL without a key (S15)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u@h/db' })).toThrow(/ENCRYPTION_KEY/);
  });

  it('uses secure __Host- cookies behind an https public URL (S05)', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://zhiyuan.example.gov.cn' }).secureCookies).toBe(true);
  });

  it('reports every bad variable by name', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        ENCRYPTION_KEY: 'short',
        DATABASE_URL: 'mysql://x',
        AUTH_ADMIN_MFA: 'never',
      });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const name of ['PORT', 'ENCRYPTION_KEY', 'DATABASE_URL', 'AUTH_ADMIN_MFA'])
        expect(msg).toContain(name);
    }
  });

  it('refuses both ENCRYPTION_KEY and ENCRYPTION_KEY_FILE', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: KEY, ENCRYPTION_KEY_FILE: '/tmp/k' })).toThrow(/只能设置一个/);
  });
});
