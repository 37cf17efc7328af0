import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../shared/enums';
import { hasPermission } from '../shared/permissions';
import { type TestApp, testApp } from './test/app';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

/** Fill `:params` with something well-formed so the request reaches the policy check. */
const concrete = (url: string) =>
  url.replace(/:(\w+)/g, (_, name: string) =>
    name === 'code' ? '510000' : '0190f0e0-0000-7000-8000-000000000000',
  );

describe('every API route declares its policy (S06)', () => {
  it('registers routes, each with a policy', () => {
    expect(t.app.apiRoutes.length).toBeGreaterThan(5);
    for (const r of t.app.apiRoutes)
      expect(['public', 'signedIn', 'permission'], `${r.method} ${r.url}`).toContain(r.policy.kind);
  });

  it('refuses to register an /api route without one', async () => {
    const { buildApp } = await import('./app');
    const app = await buildApp({ config: t.config, database: t.database, logger: false });
    expect(() => app.get('/api/unguarded', async () => 'x')).toThrow(/declares no policy/);
    await app.close();
  });

  it('answers 401 to anonymous calls of every non-public route', async () => {
    for (const r of t.app.apiRoutes.filter((r) => r.policy.kind !== 'public')) {
      const res = await t.request({ method: r.method as 'GET', url: concrete(r.url) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 403 to every role that lacks a route permission', async () => {
    const cookies = new Map<Role, string>();
    for (const role of Role.values) cookies.set(role, await t.loginAs(role));
    for (const r of t.app.apiRoutes) {
      if (r.policy.kind !== 'permission') continue;
      for (const role of Role.values) {
        const res = await t.request({
          method: r.method as 'GET',
          url: concrete(r.url),
          cookie: cookies.get(role),
        });
        const allowed = hasPermission(role, r.policy.permission);
        if (allowed) expect(res.statusCode, `${role} ${r.method} ${r.url}`).not.toBe(403);
        else expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });
});

describe('API conventions', () => {
  it('answers unknown API paths with the one error shape, in Chinese', async () => {
    const res = await t.request({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '请求的接口不存在' } });
  });

  it('reports health and which database is in use', async () => {
    const res = await t.request({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: t.database.kind });
  });

  it('serves the OpenAPI document to signed-in users only', async () => {
    expect((await t.request({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    const cookie = await t.loginAs('province_office');
    const res = await t.request({ method: 'GET', url: '/api/docs/json', cookie });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/institutions']));
  });

  it('sends the security headers (S26)', async () => {
    const res = await t.request({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it.each([
    ['pageSize over 1000', '/api/institutions?pageSize=1001'],
    ['page 0', '/api/institutions?page=0'],
    ['a malformed region code', '/api/institutions?regionCode=51'],
  ])('refuses %s with a Chinese validation message', async (_, url) => {
    const cookie = await t.loginAs('province_office');
    const res = await t.request({ method: 'GET', url, cookie });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(/^提交的数据有误：.*[\u4e00-\u9fa5]/);
  });
});
