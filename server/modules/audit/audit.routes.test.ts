import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../shared/enums';
import { type AuditInput, recordAudit } from '../../platform/audit';
import { deriveKeys, staticKeyProvider } from '../../platform/crypto';
import { type TestApp, testApp } from '../../test/app';

let t: TestApp;
let cookie: string;

const tester = (over: Partial<AuditInput>): AuditInput => ({
  at: new Date('2026-03-01T10:00:00+08:00'),
  actorId: null,
  actorName: '测试员 甲（tester_a）',
  actorRole: 'system_admin',
  action: 'user.update',
  objectType: 'user',
  objectId: 'u-1',
  result: 'ok',
  ip: '10.1.2.3',
  details: { role: 'county_authority' },
  ...over,
});

beforeAll(async () => {
  t = await testApp();
  const keys = deriveKeys(staticKeyProvider(t.config.encryptionKey!));
  const events: Partial<AuditInput>[] = [
    // 07:00 in Shanghai is still the previous day in UTC: the date filters must use Shanghai's calendar
    { at: new Date('2026-02-28T07:00:00+08:00'), action: 'auth.login' },
    { at: new Date('2026-02-28T23:59:59+08:00'), action: 'auth.login.failed', result: 'failed' },
    { at: new Date('2026-03-01T00:00:00+08:00'), action: 'user.create', actorName: '测试员 乙（tester_b）' },
    { at: new Date('2026-03-01T10:00:00+08:00'), objectId: '=cmd()', details: { note: '+1' } },
    { at: new Date('2026-03-01T11:00:00+08:00'), action: 'pi.reveal', result: 'denied', objectId: '50%_off' },
  ];
  for (const e of events) await recordAudit(t.database.db, keys, tester(e));
  cookie = await t.loginAs('audit_admin');
});

const get = (url: string, as = cookie) => t.request({ method: 'GET', url, cookie: as });
const ids = (body: { items: { objectId: string | null; action: string }[] }) =>
  body.items.map((i) => `${i.action}:${i.objectId}`);

describe('GET /api/audit', () => {
  it('lists newest first, times in +08:00, with labels', async () => {
    const res = await get('/api/audit?actor=tester_&pageSize=100');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.items[0]).toMatchObject({
      action: 'pi.reveal',
      actionLabel: '查看完整个人信息',
      at: '2026-03-01T11:00:00.000+08:00',
      result: 'denied',
      ip: '10.1.2.3',
    });
    expect(body.items.map((i: { id: number }) => i.id)).toEqual(
      [...body.items.map((i: { id: number }) => i.id)].sort((a, b) => b - a),
    );
  });

  it.each([
    [
      'from a Shanghai date (inclusive)',
      { from: '2026-03-01' },
      ['pi.reveal:50%_off', 'user.update:=cmd()', 'user.create:u-1'],
    ],
    ['to a Shanghai date (inclusive)', { to: '2026-02-28' }, ['auth.login.failed:u-1', 'auth.login:u-1']],
    ['one day', { from: '2026-02-28', to: '2026-02-28' }, ['auth.login.failed:u-1', 'auth.login:u-1']],
    ['an action family (ends in a dot)', { action: 'auth.' }, ['auth.login.failed:u-1', 'auth.login:u-1']],
    ['an exact action', { action: 'auth.login' }, ['auth.login:u-1']],
    ['a result', { result: 'failed' }, ['auth.login.failed:u-1']],
    ['an actor by username', { actor: 'TESTER_B' }, ['user.create:u-1']],
    ['an actor by name', { actor: '测试员 乙' }, ['user.create:u-1']],
    ['a wildcard typed by the user, literally', { actor: 'tester%' }, []],
  ])('filters by %s', async (_, filter, expected) => {
    const query = new URLSearchParams({ actor: 'tester', pageSize: '100', ...filter });
    const res = await get(`/api/audit?${query}`);
    expect(res.statusCode).toBe(200);
    expect(ids(res.json())).toEqual(expected);
  });

  it('finds a signed-in user’s own events by username', async () => {
    const body = (await get('/api/audit?actor=auditadmin&action=auth.login&pageSize=100')).json();
    expect(body.total).toBeGreaterThan(0);
  });

  it('pages', async () => {
    const page2 = (await get('/api/audit?actor=tester&page=2&pageSize=2')).json();
    expect(page2.total).toBe(5);
    expect(ids(page2)).toEqual(['user.create:u-1', 'auth.login.failed:u-1']);
  });

  it('refuses a malformed date in Chinese', async () => {
    const res = await get('/api/audit?from=2026-13-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/^提交的数据有误/);
  });
});

describe('GET /api/audit/export', () => {
  it('sends CSV for Excel: BOM, Chinese header, attachment name, formulas neutralised (S25)', async () => {
    const res = await get('/api/audit/export?actor=tester');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="audit-20260302.csv"; filename*=UTF-8''${encodeURIComponent('审计日志_20260302.csv')}`,
    );
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe(
      '编号,时间（北京时间）,操作人,角色,操作,操作代码,对象类型,对象编号,结果,IP 地址,详情',
    );
    expect(lines).toHaveLength(6);
    expect(lines[1]).toContain(
      ',2026-03-01 11:00:00,测试员 甲（tester_a）,系统管理员,查看完整个人信息,pi.reveal,',
    );
    const formula = lines.find((l) => l.includes('cmd()'))!;
    expect(formula).toContain(",'=cmd(),");
    expect(formula).toContain('"{""note"":""+1""}"');
    expect(res.body).not.toMatch(/(^|,)=cmd/m);
  });

  it('is itself audited', async () => {
    const body = (await get('/api/audit?action=audit.export&pageSize=1')).json();
    expect(body.items[0]).toMatchObject({
      action: 'audit.export',
      actorRole: 'audit_admin',
      result: 'ok',
      details: { rows: 5, filter: { actor: 'tester' } },
    });
  });
});

describe('GET /api/audit/verify', () => {
  it('verifies the chain and records that it did', async () => {
    const res = await get('/api/audit/verify');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
    expect(res.json().checked).toBeGreaterThanOrEqual(7);
    const last = (await get('/api/audit?action=audit.verify&pageSize=1')).json().items[0];
    expect(last).toMatchObject({ result: 'ok', details: { checked: res.json().checked } });
    expect((await get('/api/audit/verify')).json().ok).toBe(true);
  });
});

describe('the audit trail is the audit admin’s alone (S09)', () => {
  it('answers 403 to every other role', async () => {
    for (const role of Role.values.filter((r) => r !== 'audit_admin')) {
      const other = await t.loginAs(role);
      for (const url of ['/api/audit', '/api/audit/export', '/api/audit/verify'])
        expect((await get(url, other)).statusCode, `${role} ${url}`).toBe(403);
    }
  });
});
