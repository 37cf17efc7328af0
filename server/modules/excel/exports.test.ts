import { and, count, desc, eq, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../../shared/contracts/imports';
import { Role } from '../../../shared/enums';
import { hasPermission, type Permission } from '../../../shared/permissions';
import { auditEvents, institutions, regions, users } from '../../db/schema';
import { AppError } from '../../platform/errors';
import { type TestApp, testApp } from '../../test/app';
import { beijingTime, EXPORT_ROW_CAP, refuseLargeExport } from './exports';
import { importsSettled } from './imports.service';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
});
afterAll(() => importsSettled());

const INSTITUTION_HEADERS = [
  '名称',
  '统一社会信用代码',
  '类别',
  '层级',
  '等级',
  '机构角色',
  '所在地区代码',
  '地址',
];

async function download(url: string, cookie: string) {
  const res = await t.request({ method: 'GET', url, cookie });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX_MIME);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  const fileName = decodeURIComponent(String(res.headers['content-disposition']).split("''")[1] ?? '');
  return { res, book, fileName };
}

function rowsOf(book: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])));
  });
  return rows;
}

function meta(book: ExcelJS.Workbook): Record<string, string> {
  const ws = book.getWorksheet('导出说明')!;
  const out: Record<string, string> = {};
  ws.eachRow((row) => {
    const [label, value] = (row.values as unknown[]).slice(1).map((v) => String(v ?? ''));
    if (label && value) out[label] = value;
  });
  return out;
}

/** The names of institutions whose region lies under a path: what a region-scoped user may see. */
async function namesUnder(path: string): Promise<string[]> {
  const rows = await t.database.db
    .select({ name: institutions.name })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(like(regions.path, `${path}%`));
  return rows.map((r) => r.name).sort();
}

const lastEvent = async (action: string) =>
  (
    await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, action))
      .orderBy(desc(auditEvents.id))
      .limit(1)
  )[0];

describe('GET /api/institutions/export', () => {
  it('exports every institution in scope in the template layout, with its 导出说明, audited', async () => {
    expect(beijingTime(new Date('2026-03-02T01:00:00Z'))).toBe('2026-03-02 09:00:00');
    const { book, fileName } = await download('/api/institutions/export', office);
    expect(fileName).toBe('机构名录_20260302.xlsx');
    expect(book.worksheets.map((w) => w.name)).toEqual(['机构', '科室', '地理围栏', '导出说明']);
    const ws = book.getWorksheet('机构')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(INSTITUTION_HEADERS);
    const rows = rowsOf(book, '机构');
    const [all] = await t.database.db.select({ n: count() }).from(institutions);
    expect(rows).toHaveLength(all!.n);
    const zhaojue = rows.find((r) => r.名称 === '昭觉县人民医院');
    expect(zhaojue).toMatchObject({
      类别: '医疗',
      层级: '县级',
      机构角色: '受援机构',
      所在地区代码: '513431',
    });
    // departments and fences name their institution, as the import expects
    const names = new Set(rows.map((r) => r.名称));
    for (const d of rowsOf(book, '科室')) expect(names.has(d.机构名称)).toBe(true);
    for (const f of rowsOf(book, '地理围栏')) expect(String(f.坐标系)).toMatch(/^(WGS-84|GCJ-02|BD-09)/);

    expect(meta(book)).toMatchObject({
      导出人: expect.stringContaining('（province）'),
      导出时间: `${beijingTime(t.clock.now())}（北京时间）`,
      数据范围: '全省及全部机构',
      筛选条件: '无（全部）',
      行数: String(all!.n),
    });
    const event = await lastEvent('export.list');
    expect(event).toMatchObject({ objectId: '机构名录', result: 'ok' });
    expect(event!.details).toMatchObject({ list: '机构名录', rows: all!.n, filters: {} });
  });

  it("gives a county authority only its county's institutions (scope in the query)", async () => {
    const county = await t.loginAs('county_authority');
    const { book } = await download('/api/institutions/export', county);
    const exported = rowsOf(book, '机构')
      .map((r) => String(r.名称))
      .sort();
    expect(exported).toEqual(await namesUnder('/000000/510000/513400/513431/'));
    expect(exported.length).toBeGreaterThan(0);
    expect(meta(book).数据范围).toBe('昭觉县');
  });

  it('gives an institution user their own institution only', async () => {
    const cookie = await t.loginAs('recipient_admin');
    const { book } = await download('/api/institutions/export', cookie);
    expect(rowsOf(book, '机构').map((r) => r.名称)).toEqual(['昭觉县人民医院']);
  });

  it('applies the list filters and names them in Chinese', async () => {
    const { book } = await download('/api/institutions/export?regionCode=513400&tier=county&page=2', office);
    const rows = rowsOf(book, '机构');
    const expected = await t.database.db
      .select({ name: institutions.name })
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(and(like(regions.path, '/000000/510000/513400/%'), eq(institutions.tier, 'county')));
    expect(rows.map((r) => r.名称).sort()).toEqual(expected.map((e) => e.name).sort());
    expect(rows.every((r) => r.层级 === '县级')).toBe(true);
    expect(meta(book).筛选条件).toBe('地区：凉山彝族自治州（513400）；层级：县级');
    const event = await lastEvent('export.list');
    expect(event!.details).toMatchObject({
      filters: { regionCode: '513400', tier: 'county' },
      rows: rows.length,
    });
  });

  it('can be imported back unchanged: every row matches a stored institution', async () => {
    const { res } = await download(`/api/institutions/export?q=${encodeURIComponent('昭觉')}`, office);
    const upload = await t.request({
      method: 'POST',
      url: `/api/imports/institutions?fileName=${encodeURIComponent('机构名录.xlsx')}`,
      cookie: office,
      headers: { 'content-type': XLSX_MIME },
      payload: res.rawPayload,
    });
    expect(upload.statusCode, upload.body).toBe(202);
    await importsSettled();
    const job = (
      await t.request({ method: 'GET', url: `/api/imports/${upload.json().id}`, cookie: office })
    ).json();
    expect(job.issues).toEqual([]);
    expect(job.status).toBe('ready');
    expect(job.summary.created).toBe(0);
    expect(job.summary.bySheet.机构.updated).toBeGreaterThan(0);
  });
});

describe('GET /api/pairings/export', () => {
  it('exports the pairings the list shows, with its filters, dates as dates', async () => {
    const list = (
      await t.request({ method: 'GET', url: '/api/pairings?pageSize=1000&mode=team', cookie: office })
    ).json();
    const { book, fileName } = await download('/api/pairings/export?mode=team', office);
    expect(fileName).toBe('结对关系_20260302.xlsx');
    const ws = book.getWorksheet('结对关系')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '项目',
      '支援机构',
      '受援机构',
      '帮扶模式',
      '所包科室',
      '开始日期',
      '结束日期',
      '例外理由',
    ]);
    const rows = rowsOf(book, '结对关系');
    expect(rows).toHaveLength(list.total);
    expect(rows.every((r) => r.帮扶模式 === '组团式')).toBe(true);
    expect(ws.getCell('F2').value).toBeInstanceOf(Date);
    expect(ws.getCell('F2').numFmt).toBe('yyyy-mm-dd');
    expect(meta(book).筛选条件).toBe('帮扶模式：组团式');
    expect((await lastEvent('export.list'))!.details).toMatchObject({ list: '结对关系', rows: list.total });
  });

  it('gives a county authority the pairings with either side in its county, as the list does', async () => {
    const county = await t.loginAs('county_authority');
    const list = (
      await t.request({ method: 'GET', url: '/api/pairings?pageSize=1000', cookie: county })
    ).json();
    const { book } = await download('/api/pairings/export', county);
    const rows = rowsOf(book, '结对关系');
    expect(rows).toHaveLength(list.total);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.受援机构 === '昭觉县人民医院' || String(r.受援机构).includes('昭觉'))).toBe(
      true,
    );
  });
});

describe('GET /api/users/export', () => {
  it('exports the accounts for the system admin, recorded as personal-information processing', async () => {
    const admin = await t.loginAs('system_admin');
    const { book, fileName } = await download('/api/users/export?status=active', admin);
    expect(fileName).toBe('账号列表_20260302.xlsx');
    const rows = rowsOf(book, '账号');
    const [active] = await t.database.db.select({ n: count() }).from(users).where(eq(users.status, 'active'));
    expect(rows).toHaveLength(active!.n);
    expect(rows.find((r) => r.用户名 === 'zhaojue')).toMatchObject({
      角色: Role.label('county_authority'),
      数据范围: '昭觉县',
      状态: '正常',
    });
    expect(meta(book).筛选条件).toBe('状态：正常');
    const event = await lastEvent('pi.export');
    expect(event!.details).toMatchObject({ list: '账号列表', rows: active!.n });
  });
});

describe('export limits', () => {
  it('refuses more rows than the cap, asking to narrow the filters', () => {
    expect(() => refuseLargeExport('机构', EXPORT_ROW_CAP)).not.toThrow();
    let error: unknown;
    try {
      refuseLargeExport('机构', EXPORT_ROW_CAP + 1);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ statusCode: 400, code: 'EXPORT_TOO_LARGE' });
    expect((error as AppError).message).toBe(
      '符合条件的机构有 50001 条，超过单次导出上限 50000 条，请缩小筛选范围后分批导出',
    );
  });
});

describe('who may use the Excel routes', () => {
  const ROUTES: { method: 'GET' | 'POST'; url: string; permission: Permission }[] = [
    { method: 'GET', url: '/api/import-templates/institutions', permission: 'org.manage' },
    { method: 'GET', url: '/api/import-templates/pairings', permission: 'pairing.manage' },
    { method: 'POST', url: '/api/imports/institutions?fileName=a.xlsx', permission: 'org.manage' },
    { method: 'POST', url: '/api/imports/pairings?fileName=a.xlsx', permission: 'pairing.manage' },
    { method: 'GET', url: '/api/institutions/export', permission: 'org.read' },
    { method: 'GET', url: '/api/pairings/export', permission: 'pairing.read' },
    { method: 'GET', url: '/api/users/export', permission: 'users.read' },
  ];

  it('refuses every role without the permission (403) and anyone signed out (401)', async () => {
    for (const role of Role.values) {
      const cookie = await t.loginAs(role);
      for (const r of ROUTES) {
        if (hasPermission(role, r.permission)) continue;
        const res = await t.request({
          method: r.method,
          url: r.url,
          cookie,
          headers: { 'content-type': XLSX_MIME },
          payload: r.method === 'POST' ? Buffer.from('x') : undefined,
        });
        expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
    for (const r of ROUTES) {
      const res = await t.request({ method: r.method, url: r.url });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
    const id = '0190f0e0-0000-7000-8000-000000000000';
    for (const [method, url] of [
      ['GET', `/api/imports/${id}`],
      ['GET', `/api/imports/${id}/report`],
      ['POST', `/api/imports/${id}/commit`],
      ['POST', `/api/imports/${id}/cancel`],
    ] as const) {
      expect((await t.request({ method, url })).statusCode).toBe(401);
      expect((await t.request({ method, url, cookie: office })).statusCode).toBe(404);
    }
  });
});
