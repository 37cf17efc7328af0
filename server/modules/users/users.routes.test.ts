import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { institutions, users } from '../../db/schema';
import { demoUsername } from '../../seed/demo';
import { type TestApp, testApp } from '../../test/app';

let t: TestApp;
let sys: string;
beforeAll(async () => {
  t = await testApp();
  sys = await t.loginAs('system_admin');
});

const idOfRole = async (role: 'recipient_admin' | 'system_admin' | 'prefecture_authority') =>
  (
    await t.database.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.username, demoUsername(role)))
  )[0]!.id;

async function createUser(body: Record<string, unknown>) {
  return t.request({ method: 'POST', url: '/api/users', cookie: sys, payload: body });
}

describe('account administration by the system admin', () => {
  it('creates an account with a one-time password that must be changed at first login', async () => {
    const res = await createUser({
      username: 'butuo_health',
      displayName: '布拖县卫健局 吉克',
      role: 'county_authority',
      institutionId: null,
      scope: [{ kind: 'region', ref: '513429' }],
    });
    expect(res.statusCode).toBe(201);
    const { user, password } = res.json();
    expect(user).toMatchObject({
      username: 'butuo_health',
      role: 'county_authority',
      roleLabel: '县(市、区)卫生健康行政部门',
    });
    expect(user.scope).toEqual([{ kind: 'region', ref: '513429', name: '布拖县' }]);
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'butuo_health', password },
    });
    expect(login.json()).toMatchObject({ mfaRequired: false, passwordExpired: true });
  });

  it.each([
    ['a taken username', { username: 'sysadmin' }, 409, /已被使用/],
    ['a malformed username', { username: 'Bad Name' }, 400, /用户名须以小写字母开头/],
    ['an unknown region', { scope: [{ kind: 'region', ref: '519999' }] }, 400, /不存在或已撤销/],
    ['"all" for a county authority', { scope: [{ kind: 'all', ref: null }] }, 400, /不能拥有"全部"数据范围/],
    ['a scope for an admin role', { role: 'audit_admin' }, 400, /不持有业务数据范围/],
    ['mass-assigned fields', { status: 'active', version: 7 }, 400, /提交的数据有误/],
  ])('refuses %s', async (_, patch, status, message) => {
    const res = await createUser({
      username: 'someone_new',
      displayName: '某人',
      role: 'county_authority',
      institutionId: null,
      scope: [{ kind: 'region', ref: '513431' }],
      ...patch,
    });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.message).toMatch(message);
  });

  it('cannot change its own account (S09)', async () => {
    const me = await idOfRole('system_admin');
    const res = await t.request({ method: 'POST', url: `/api/users/${me}/disable`, cookie: sys });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/不能修改自己的账号/);
  });

  it('refuses a stale edit with 409 and keeps the first (S29)', async () => {
    const id = await idOfRole('prefecture_authority');
    const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
    const body = (displayName: string) => ({
      displayName,
      role: 'prefecture_authority',
      institutionId: null,
      scope: [{ kind: 'region', ref: '513400' }],
      version: u!.version,
    });
    const first = await t.request({
      method: 'PUT',
      url: `/api/users/${id}`,
      cookie: sys,
      payload: body('凉山州卫健委 李明'),
    });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(u!.version + 1);
    const second = await t.request({
      method: 'PUT',
      url: `/api/users/${id}`,
      cookie: sys,
      payload: body('凉山州卫健委 王强'),
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.message).toMatch(/已被他人修改/);
    const [after] = await t.database.db.select().from(users).where(eq(users.id, id));
    expect(after!.displayName).toBe('凉山州卫健委 李明');
  });

  it("applies a role or scope change on the user's next request (S10)", async () => {
    const id = await idOfRole('recipient_admin');
    const cookie = await t.loginAs('recipient_admin');
    const before = await t.request({ method: 'GET', url: '/api/institutions?pageSize=1000', cookie });
    expect(before.json().total).toBe(1);
    const [u] = await t.database.db.select().from(users).where(eq(users.id, id));
    const [inst] = await t.database.db
      .select()
      .from(institutions)
      .where(eq(institutions.id, u!.institutionId!));
    const widen = await t.request({
      method: 'PUT',
      url: `/api/users/${id}`,
      cookie: sys,
      payload: {
        displayName: u!.displayName,
        role: 'recipient_admin',
        institutionId: inst!.id,
        scope: [{ kind: 'region', ref: inst!.regionCode }],
        version: u!.version,
      },
    });
    expect(widen.statusCode).toBe(200);
    const after = await t.request({ method: 'GET', url: '/api/institutions?pageSize=1000', cookie });
    expect(after.json().total).toBeGreaterThan(1);
    const demote = await t.request({
      method: 'PUT',
      url: `/api/users/${id}`,
      cookie: sys,
      payload: {
        displayName: u!.displayName,
        role: 'recipient_staff',
        institutionId: inst!.id,
        scope: [{ kind: 'self', ref: null }],
        version: u!.version + 1,
      },
    });
    expect(demote.statusCode).toBe(200);
    expect((await t.request({ method: 'GET', url: '/api/institutions', cookie })).statusCode).toBe(403);
  });

  it('offers institutions and regions to pick from', async () => {
    const inst = await t.request({
      method: 'GET',
      url: '/api/users/lookup/institutions?q=昭觉',
      cookie: sys,
    });
    expect(inst.json().items.length).toBeGreaterThan(0);
    expect(inst.json().items.every((i: { name: string }) => i.name.includes('昭觉'))).toBe(true);
    const top = await t.request({ method: 'GET', url: '/api/users/lookup/regions', cookie: sys });
    expect(top.json().items).toHaveLength(22);
    const counties = await t.request({
      method: 'GET',
      url: '/api/users/lookup/regions?parentCode=513400',
      cookie: sys,
    });
    expect(counties.json().items.map((r: { name: string }) => r.name)).toContain('昭觉县');
  });
});
