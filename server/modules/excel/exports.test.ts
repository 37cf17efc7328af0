import { and, count, desc, eq, inArray, isNull, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../../../shared/contracts/imports';
import { CountyFlag, Role } from '../../../shared/enums';
import { hasPermission, type Permission } from '../../../shared/permissions';
import {
  auditEvents,
  countyFlags,
  institutions,
  programmes,
  regions,
  users,
  workflowActions,
  workflowInstances,
} from '../../db/schema';
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

/** The id of a demo institution or account by its name. */
const institutionId = async (name: string) =>
  (
    await t.database.db.select({ id: institutions.id }).from(institutions).where(eq(institutions.name, name))
  )[0]!.id;
const userNamed = async (username: string) =>
  (await t.database.db.select().from(users).where(eq(users.username, username)))[0]!;

/** A dispatch awaiting its county's review, written as the engine would (submitted by `province`). */
async function pendingDispatch(title: string, recipient: string) {
  const submitter = await userNamed('province');
  const at = new Date('2026-03-01T09:30:00+08:00');
  const [row] = await t.database.db
    .insert(workflowInstances)
    .values({
      docType: 'dispatch',
      docId: crypto.randomUUID(),
      title,
      institutionId: await institutionId(recipient),
      counterpartInstitutionId: await institutionId('四川省人民医院'),
      steps: [
        { role: 'county_authority', label: '县级卫生健康行政部门审核', deadlineDays: 5, tcmOnly: false },
      ],
      submittedBy: submitter.id,
      submittedAt: at,
      dueAt: new Date('2026-03-06T23:59:59.999+08:00'),
    })
    .returning({ id: workflowInstances.id });
  await t.database.db
    .insert(workflowActions)
    .values({ instanceId: row!.id, step: 0, action: 'submit', actorId: submitter.id, at });
  return row!.id;
}

describe('GET /api/workflow/instances/export', () => {
  const ZHAOJUE = '导出测试：王建华选派至昭觉县人民医院';
  const BUTUO = '导出测试：李明选派至布拖县人民医院';
  beforeAll(async () => {
    await pendingDispatch(ZHAOJUE, '昭觉县人民医院');
    await pendingDispatch(BUTUO, '布拖县人民医院');
  });

  it('is routed as the export, not as an instance id', async () => {
    const res = await t.request({ method: 'GET', url: '/api/workflow/instances/export', cookie: office });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_MIME);
  });

  it('exports the approvals the list shows, with Chinese headers and real date-times, audited', async () => {
    const list = (
      await t.request({ method: 'GET', url: '/api/workflow/instances?pageSize=1000', cookie: office })
    ).json();
    const { book, fileName } = await download('/api/workflow/instances/export', office);
    expect(fileName).toBe('审批记录_20260302.xlsx');
    expect(book.worksheets.map((w) => w.name)).toEqual(['审批记录', '导出说明']);
    const ws = book.getWorksheet('审批记录')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '类型',
      '事项',
      '项目',
      '受援机构',
      '支援机构',
      '状态',
      '当前环节',
      '提交人',
      '提交时间',
      '办理时限',
      '已逾期',
      '办结时间',
    ]);
    const rows = rowsOf(book, '审批记录');
    expect(rows.map((r) => r.事项)).toEqual(list.items.map((i: { title: string }) => i.title));
    const submitter = await userNamed('province');
    const mine = rows.find((r) => r.事项 === ZHAOJUE)!;
    expect(mine).toMatchObject({
      类型: '人员选派审批',
      受援机构: '昭觉县人民医院',
      支援机构: '四川省人民医院',
      状态: '审批中',
      当前环节: '县级卫生健康行政部门审核',
      提交人: submitter.displayName,
      已逾期: '否',
      办结时间: null,
    });
    // Beijing wall-clock time in the cell, formatted as a date-time
    expect((mine.提交时间 as Date).toISOString()).toBe('2026-03-01T09:30:00.000Z');
    expect((mine.办理时限 as Date).toISOString().slice(0, 16)).toBe('2026-03-06T23:59');
    const at = rows.indexOf(mine) + 2;
    expect(ws.getCell(`I${at}`).numFmt).toBe('yyyy-mm-dd hh:mm');

    expect(meta(book)).toMatchObject({ 筛选条件: '无（全部）', 行数: String(list.total) });
    const event = await lastEvent('export.list');
    expect(event).toMatchObject({ objectId: '审批记录', result: 'ok' });
    expect(event!.details).toMatchObject({ list: '审批记录', rows: list.total });
  });

  it("gives a county authority only its county's approvals, exactly as its list does", async () => {
    const county = await t.loginAs('county_authority');
    const list = (
      await t.request({ method: 'GET', url: '/api/workflow/instances?pageSize=1000', cookie: county })
    ).json();
    const { book } = await download('/api/workflow/instances/export', county);
    const titles = rowsOf(book, '审批记录').map((r) => r.事项);
    expect(titles).toEqual(list.items.map((i: { title: string }) => i.title));
    expect(titles).toContain(ZHAOJUE);
    expect(titles).not.toContain(BUTUO);
    const inCounty = await namesUnder('/000000/510000/513400/513431/');
    for (const r of rowsOf(book, '审批记录'))
      expect(inCounty.includes(String(r.受援机构)) || inCounty.includes(String(r.支援机构))).toBe(true);
  });

  it('applies the list filters (paging ignored) and names them in Chinese', async () => {
    const { book } = await download(
      '/api/workflow/instances/export?status=pending&docType=dispatch&page=3&pageSize=1',
      office,
    );
    const rows = rowsOf(book, '审批记录');
    const [expected] = await t.database.db
      .select({ n: count() })
      .from(workflowInstances)
      .where(and(eq(workflowInstances.status, 'pending'), eq(workflowInstances.docType, 'dispatch')));
    expect(rows).toHaveLength(expected!.n);
    expect(rows.map((r) => r.事项)).toEqual(expect.arrayContaining([ZHAOJUE, BUTUO]));
    expect(rows.every((r) => r.类型 === '人员选派审批' && r.状态 === '审批中')).toBe(true);
    expect(meta(book).筛选条件).toBe('状态：审批中；类型：人员选派审批');
    expect((await lastEvent('export.list'))!.details).toMatchObject({
      filters: { status: 'pending', docType: 'dispatch' },
      rows: expected!.n,
    });
  });
});

describe('GET /api/programmes/export', () => {
  it('exports the programmes with the pack version in force today, not a later one', async () => {
    const packs = (await t.request({ method: 'GET', url: '/api/policy-packs', cookie: office })).json();
    const created = await t.request({
      method: 'POST',
      url: '/api/programmes',
      cookie: office,
      payload: {
        code: 'export-test',
        name: '导出测试项目',
        periodStart: '2026-01-01',
        periodEnd: '2028-12-31',
        packCode: packs.items[0].code,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const v1 = (
      await t.request({ method: 'GET', url: `/api/programmes/${id}/policy`, cookie: office })
    ).json();
    const published = await t.request({
      method: 'POST',
      url: `/api/programmes/${id}/policy`,
      cookie: office,
      payload: {
        pack: { ...v1.pack, name: `${v1.pack.name}（修订）` },
        effectiveFrom: '2026-07-01',
        note: '下半年起施行的修订',
        baseVersion: 1,
      },
    });
    expect(published.statusCode, published.body).toBe(201);

    const county = await t.loginAs('county_authority');
    const { book, fileName } = await download('/api/programmes/export?q=export-test', county);
    expect(fileName).toBe('项目列表_20260302.xlsx');
    const ws = book.getWorksheet('项目')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '项目代码',
      '项目名称',
      '实施地区',
      '开始日期',
      '结束日期',
      '状态',
      '现行政策包',
      '现行版本',
      '现行版本生效日期',
      '最新版本',
      '项目说明',
      '创建时间',
    ]);
    const rows = rowsOf(book, '项目');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      项目代码: 'export-test',
      项目名称: '导出测试项目',
      实施地区: '四川省',
      现行政策包: v1.pack.name,
      现行版本: 1,
      最新版本: 2,
    });
    expect(ws.getCell('D2').value).toEqual(new Date('2026-01-01T00:00:00Z'));
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd');
    expect(ws.getCell('I2').value).toEqual(new Date(`${v1.effectiveFrom}T00:00:00Z`));
    expect(meta(book).筛选条件).toBe('名称或代码包含：export-test');
    expect((await lastEvent('export.list'))!.details).toMatchObject({ list: '项目列表', rows: 1 });
  });

  it('exports every programme without filters', async () => {
    const { book } = await download('/api/programmes/export', office);
    const [all] = await t.database.db.select({ n: count() }).from(programmes);
    expect(rowsOf(book, '项目')).toHaveLength(all!.n);
  });
});

describe('GET /api/regions/export', () => {
  it("exports the list's regions with their county flags, validity dates and example marks", async () => {
    const county = await t.loginAs('county_authority');
    const { book, fileName } = await download('/api/regions/export?parentCode=513400', county);
    expect(fileName).toBe('行政区划_20260302.xlsx');
    expect(book.worksheets.map((w) => w.name)).toEqual(['行政区划', '县域标识', '导出说明']);
    const expected = await t.database.db
      .select({ code: regions.code })
      .from(regions)
      .where(and(eq(regions.parentCode, '513400'), isNull(regions.validTo)));
    const rows = rowsOf(book, '行政区划');
    expect(rows.map((r) => r.区划代码).sort()).toEqual(expected.map((e) => e.code).sort());
    expect(rows.find((r) => r.区划代码 === '513431')).toMatchObject({
      名称: '昭觉县',
      级别: '县级',
      上级区划代码: '513400',
      上级区划: '凉山彝族自治州',
    });

    const flags = await t.database.db
      .select()
      .from(countyFlags)
      .where(
        and(
          inArray(
            countyFlags.regionCode,
            expected.map((e) => e.code),
          ),
          isNull(countyFlags.withdrawnAt),
        ),
      );
    expect(flags.length).toBeGreaterThan(0);
    const flagRows = rowsOf(book, '县域标识');
    expect(flagRows).toHaveLength(flags.length);
    const f = flags[0]!;
    const row = flagRows.find(
      (r) =>
        r.区划代码 === f.regionCode &&
        (r.生效日期 as Date).toISOString().slice(0, 10) === f.validFrom &&
        r.示例数据 === (f.example ? '是' : '否'),
    );
    expect(row).toBeDefined();
    expect(row!.失效日期 === null ? null : (row!.失效日期 as Date).toISOString().slice(0, 10)).toBe(
      f.validTo,
    );
    const inForce = f.validFrom <= '2026-03-02' && (f.validTo === null || f.validTo >= '2026-03-02');
    expect(row!.当前有效).toBe(inForce ? '是' : '否');
    const region = rows.find((r) => r.区划代码 === f.regionCode)!;
    const shown = `${CountyFlag.label(f.flag)}${f.example ? '（示例）' : ''}`;
    if (inForce) expect(String(region.现行县域标识).split('、')).toContain(shown);
    else expect(String(region.现行县域标识 ?? '').split('、')).not.toContain(shown);
    expect(meta(book).筛选条件).toBe('上级区划：凉山彝族自治州（513400）');
    expect((await lastEvent('export.list'))!.details).toMatchObject({
      list: '行政区划',
      filters: { parentCode: '513400' },
      rows: rows.length,
    });
  });

  it('applies the name search', async () => {
    const { book } = await download(`/api/regions/export?q=${encodeURIComponent('昭觉')}`, office);
    expect(rowsOf(book, '行政区划').map((r) => r.名称)).toEqual(['昭觉县']);
  });
});

describe('GET /api/audit/export.xlsx', () => {
  it('exports the filtered trail as the CSV does, formula-like text kept as text, audited as audit.export', async () => {
    // an unknown user name is recorded as typed: a formula an attacker hoped Excel would run
    const bad = '=HYPERLINK("http://example.test","x")';
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: bad, password: 'wrong-password' },
    });
    expect(login.statusCode).toBe(401);
    const auditor = await t.loginAs('audit_admin');
    const query = 'action=auth.login.failed&result=failed&from=2026-03-02&to=2026-03-02';
    const csv = await t.request({ method: 'GET', url: `/api/audit/export?${query}`, cookie: auditor });
    expect(csv.statusCode).toBe(200);
    const csvRows = csv.body.trim().split('\n').length - 1;

    const { book, fileName } = await download(`/api/audit/export.xlsx?${query}`, auditor);
    expect(fileName).toBe('审计日志_20260302.xlsx');
    const ws = book.getWorksheet('审计日志')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      '编号',
      '时间（北京时间）',
      '操作人',
      '角色',
      '操作',
      '操作代码',
      '对象类型',
      '对象编号',
      '结果',
      'IP 地址',
      '详情',
    ]);
    const rows = rowsOf(book, '审计日志');
    expect(rows).toHaveLength(csvRows);
    expect(rows.every((r) => r.操作代码 === 'auth.login.failed' && r.结果 === '失败')).toBe(true);
    const index = rows.findIndex((r) => r.操作人 === bad);
    expect(index).toBeGreaterThanOrEqual(0);
    const cell = ws.getCell(`C${index + 2}`);
    expect(cell.value).toBe(bad);
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.numFmt).toBe('@');
    expect(rows[index]!['时间（北京时间）']).toBeInstanceOf(Date);
    expect(meta(book).筛选条件).toBe(
      '开始日期：2026-03-02；结束日期：2026-03-02；操作：登录失败（auth.login.failed）；结果：失败',
    );
    const event = await lastEvent('audit.export');
    expect(event).toMatchObject({ result: 'ok', objectId: '审计日志' });
    expect(event!.details).toMatchObject({
      rows: rows.length,
      filters: { action: 'auth.login.failed', result: 'failed' },
    });
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
    { method: 'GET', url: '/api/workflow/instances/export', permission: 'workflow.act' },
    { method: 'GET', url: '/api/programmes/export', permission: 'programme.read' },
    { method: 'GET', url: '/api/regions/export', permission: 'org.read' },
    { method: 'GET', url: '/api/audit/export.xlsx', permission: 'audit.read' },
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
