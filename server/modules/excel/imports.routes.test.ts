import { deflateRawSync } from 'node:zlib';
import { count, eq, inArray, like } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImportJobDto, XLSX_MIME } from '../../../shared/contracts/imports';
import { creditCodeCheckChar } from '../../../shared/credit-code';
import { CRS_LABELS, toWgs84 } from '../../../shared/geo';
import { auditEvents, departments, geofences, importJobs, institutions, regions } from '../../db/schema';
import { readZip, rezip, writeZip } from '../../platform/xlsx/test-zip';
import { type TestApp, testApp } from '../../test/app';
import { expireImports, importsSettled, STUCK_AFTER_MS } from './imports.service';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
});
afterAll(() => importsSettled());

let serial = 0;
/** A valid credit code of a 事业单位 registered in 昭觉, different each call. */
function creditCode(): string {
  const first17 = `12513431MB${String(2_000_000 + ++serial * 7919).slice(-7)}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a wrong check character. */
const wrongCheck = (code: string) => code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');

async function template(entity = 'institutions', cookie = office) {
  const res = await t.request({ method: 'GET', url: `/api/import-templates/${entity}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
  return { res, book };
}

function sheet(book: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = book.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const headers = (ws: ExcelJS.Worksheet) =>
  (ws.getRow(1).values as unknown[]).slice(1).map((v) => String(v ?? ''));

/** Write rows by header from row 3 on (row 2 keeps the template's example, which the import skips). */
function fill(ws: ExcelJS.Worksheet, rows: Record<string, string | number | null>[], from = 3) {
  const cols = headers(ws).map((h) => h.replace(/\*$/, ''));
  rows.forEach((values, i) => {
    for (const [header, value] of Object.entries(values)) {
      const col = cols.indexOf(header);
      if (col < 0) throw new Error(`no column ${header} in ${ws.name}`);
      ws.getRow(from + i).getCell(col + 1).value = value;
    }
  });
}

const buffer = async (book: ExcelJS.Workbook) => Buffer.from(await book.xlsx.writeBuffer());

async function upload(file: Buffer, opts: { entity?: string; cookie?: string; fileName?: string } = {}) {
  return t.request({
    method: 'POST',
    url: `/api/imports/${opts.entity ?? 'institutions'}?fileName=${encodeURIComponent(opts.fileName ?? '机构导入.xlsx')}`,
    cookie: opts.cookie ?? office,
    headers: { 'content-type': XLSX_MIME },
    payload: file,
  });
}

/** The job once its background work is done. */
async function settled(id: string, cookie = office): Promise<ImportJobDto> {
  await importsSettled();
  const res = await t.request({ method: 'GET', url: `/api/imports/${id}`, cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function uploadChecked(file: Buffer, cookie = office) {
  const res = await upload(file, { cookie });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json()).toMatchObject({ status: 'checking', entity: 'institutions', processedRows: 0 });
  return settled(res.json().id, cookie);
}

async function commit(id: string, cookie = office) {
  const res = await t.request({ method: 'POST', url: `/api/imports/${id}/commit`, cookie });
  expect(res.statusCode, res.body).toBe(202);
  expect(res.json().status).toBe('committing');
  return settled(id, cookie);
}

const institutionCount = async () => (await t.database.db.select({ n: count() }).from(institutions))[0]!.n;
const jobCount = async () => (await t.database.db.select({ n: count() }).from(importJobs))[0]!.n;

const institution = (patch: Record<string, string | number | null> = {}) => ({
  名称: `导入测试医院${++serial}`,
  统一社会信用代码: creditCode(),
  类别: '医疗',
  层级: '乡镇卫生院',
  等级: '一级甲等',
  机构角色: '受援机构',
  所在地区代码: '513431',
  地址: '四川省凉山彝族自治州昭觉县',
  ...patch,
});

describe('templates', () => {
  it('serves the institutions template: Chinese headers, an example row, dropdowns from the enums', async () => {
    const { res, book } = await template();
    expect(res.headers['content-type']).toBe(XLSX_MIME);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
    expect(decodeURIComponent(String(res.headers['content-disposition']).split("''")[1] ?? '')).toBe(
      '机构导入模板.xlsx',
    );
    expect(book.worksheets.map((w) => w.name).slice(0, 4)).toEqual(['填写说明', '机构', '科室', '地理围栏']);
    const inst = sheet(book, '机构');
    expect(headers(inst)).toEqual([
      '名称*',
      '统一社会信用代码',
      '类别*',
      '层级*',
      '等级',
      '机构角色*',
      '所在地区代码*',
      '地址',
    ]);
    expect(inst.getCell('A2').value).toBe('示例县人民医院');
    expect(inst.getCell('C3').dataValidation).toMatchObject({
      type: 'list',
      formulae: ['"医疗,妇幼,中医,疾控,卫生监督"'],
    });
    expect(inst.getCell('F3').dataValidation.formulae).toEqual(['"支援机构,受援机构,支援兼受援"']);
    expect(headers(sheet(book, '科室'))).toEqual(['机构名称*', '科室名称*', '重点科室']);
    expect(sheet(book, '科室').getCell('C3').dataValidation.formulae).toEqual(['"是,否"']);
    const fences = sheet(book, '地理围栏');
    expect(headers(fences)).toEqual(['机构名称*', '围栏名称*', '坐标系*', '纬度*', '经度*', '半径（米）']);
    expect(String(fences.getCell('C3').dataValidation.formulae?.[0])).toContain(CRS_LABELS.gcj02);
    const notes = sheet(book, '填写说明').getSheetValues().flat().map(String).join('\n');
    expect(notes).toContain('不会删除机构已有的科室和围栏');
  });

  it('offers the programmes by name in the pairings template', async () => {
    const { book } = await template('pairings');
    const ws = sheet(book, '结对关系');
    expect(headers(ws)).toEqual([
      '项目*',
      '支援机构*',
      '受援机构*',
      '帮扶模式*',
      '所包科室',
      '开始日期*',
      '结束日期',
      '例外理由',
    ]);
    const formula = String(ws.getCell('A3').dataValidation.formulae?.[0]);
    const listed = formula.startsWith('"')
      ? formula
      : sheet(book, '下拉选项').getSheetValues().flat().map(String).join(',');
    expect(listed).toContain('四川省城乡医疗卫生对口支援“传帮带”工程');
    expect(ws.getCell('D3').dataValidation.formulae).toEqual(['"一对一,组团式,以院包科,以校包院"']);
  });

  it('is refused to roles that cannot import', async () => {
    const county = await t.loginAs('county_authority');
    for (const entity of ['institutions', 'pairings']) {
      const res = await t.request({ method: 'GET', url: `/api/import-templates/${entity}`, cookie: county });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('importing institutions', () => {
  it('lists every bad cell in Chinese, saves nothing, and offers the annotated report', async () => {
    const { book } = await template();
    const ok = institution();
    fill(sheet(book, '机构'), [
      ok,
      // row 4: four bad cells at once
      institution({
        名称: '甲',
        统一社会信用代码: wrongCheck(creditCode()),
        类别: '医院',
        所在地区代码: '999999',
      }),
      // row 5: a name already in row 3, a region out of date format
      institution({ 名称: ok.名称, 所在地区代码: '5134' }),
      // row 6: required cells empty
      { 名称: `导入测试空行${serial}`, 类别: null, 层级: null, 机构角色: '受援机构', 所在地区代码: '513431' },
    ]);
    fill(sheet(book, '科室'), [
      { 机构名称: ok.名称, 科室名称: '内科', 重点科室: '是' },
      { 机构名称: '不存在的医院', 科室名称: '外科', 重点科室: '也许' },
      { 机构名称: ok.名称, 科室名称: '内科', 重点科室: '否' },
    ]);
    fill(sheet(book, '地理围栏'), [
      { 机构名称: ok.名称, 围栏名称: '院区', 坐标系: '火星坐标', 纬度: 95, 经度: 'abc', '半径（米）': 10 },
    ]);
    const before = await institutionCount();
    const job = await uploadChecked(await buffer(book));

    expect(job.status).toBe('invalid');
    expect(job.totalRows).toBe(8);
    expect(job.processedRows).toBe(8);
    expect(job.summary).toBeNull();
    const cells = job.issues.map((i) => `${i.sheet}!${i.cell ?? `row${i.row}`}`);
    expect(cells.sort()).toEqual(
      [
        '机构!A4', // name too short
        '机构!B4', // check character
        '机构!C4', // category label
        '机构!G4', // unknown region
        '机构!A5', // duplicate name
        '机构!G5', // region code format
        '机构!C6', // category required
        '机构!D6', // tier required
        '科室!A4', // unknown institution
        '科室!C4', // 是/否
        '科室!B5', // duplicate department
        '地理围栏!C3', // coordinate system
        '地理围栏!D3', // latitude range
        '地理围栏!E3', // longitude not a number
        '地理围栏!F3', // radius range
      ].sort(),
    );
    expect(job.issueCount).toBe(job.issues.length);
    for (const issue of job.issues) expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
    const byCell = (cell: string, sheetName = '机构') =>
      job.issues.find((i) => i.cell === cell && i.sheet === sheetName)!;
    expect(byCell('B4')).toMatchObject({ row: 4, column: '统一社会信用代码' });
    expect(byCell('B4').message).toMatch(/^校验码不正确/);
    expect(byCell('A5').message).toBe('与第 3 行的机构名称重复');
    expect(byCell('G4').message).toBe('行政区划代码 999999 不存在或已停用');
    expect(byCell('A4', '科室').message).toBe('机构“不存在的医院”既不在“机构”表中，也不是已登记的机构');
    expect(byCell('F3', '地理围栏').message).toBe('“半径（米）”应在 50 至 5000米 之间，实为 10');
    expect(await institutionCount()).toBe(before);

    const report = await t.request({ method: 'GET', url: `/api/imports/${job.id}/report`, cookie: office });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toBe(XLSX_MIME);
    expect(report.headers['x-content-type-options']).toBe('nosniff');
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    const listed = sheet(annotated, '校验结果').getSheetValues().flat().map(String).join('\n');
    for (const issue of job.issues) expect(listed).toContain(issue.message);
    const marked = sheet(annotated, '机构').getCell('B4');
    expect(String(marked.note)).toMatch(/校验码不正确/);

    // nothing can be committed from an invalid check
    const refused = await t.request({ method: 'POST', url: `/api/imports/${job.id}/commit`, cookie: office });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('校验未通过');
  });

  it('sends the first 1,000 issues with the count of all; the report holds every one', async () => {
    const { book } = await template();
    fill(
      sheet(book, '机构'),
      Array.from({ length: 1_200 }, () => institution({ 类别: '医院' })),
    );
    const job = await uploadChecked(await buffer(book));
    expect(job.status).toBe('invalid');
    expect(job.issueCount).toBe(1_200);
    expect(job.issues).toHaveLength(1_000);
    expect(job.issues[0]).toMatchObject({ row: 3, cell: 'C3' });
    expect(job.issues[999]).toMatchObject({ row: 1_002, cell: 'C1002' });
    const report = await t.request({ method: 'GET', url: `/api/imports/${job.id}/report`, cookie: office });
    const annotated = new ExcelJS.Workbook();
    await annotated.xlsx.load(report.rawPayload as unknown as ExcelJS.Buffer);
    expect(sheet(annotated, '校验结果').rowCount).toBe(1_201);
  });

  it('checks, then commits a corrected file with departments and geofences, audited once', async () => {
    const { book } = await template();
    const a = institution({ 层级: '县级', 等级: '二级甲等' });
    const b = institution({ 统一社会信用代码: null, 等级: null, 地址: null });
    fill(sheet(book, '机构'), [a, b]);
    fill(sheet(book, '科室'), [
      { 机构名称: a.名称, 科室名称: '内科', 重点科室: '是' },
      { 机构名称: a.名称, 科室名称: '外科' },
      { 机构名称: b.名称, 科室名称: '全科', 重点科室: '否' },
    ]);
    fill(sheet(book, '地理围栏'), [
      {
        机构名称: a.名称,
        围栏名称: '院区',
        坐标系: CRS_LABELS.gcj02,
        纬度: 28.0105,
        经度: 102.8455,
        '半径（米）': 300,
      },
      { 机构名称: b.名称, 围栏名称: '卫生院', 坐标系: 'BD-09', 纬度: 28.02, 经度: 102.86 },
    ]);
    const before = await institutionCount();
    const checked = await uploadChecked(await buffer(book));
    expect(checked.issues).toEqual([]);
    expect(checked).toMatchObject({
      status: 'ready',
      totalRows: 7,
      processedRows: 7,
      summary: {
        created: 7,
        updated: 0,
        bySheet: {
          机构: { created: 2, updated: 0 },
          科室: { created: 3, updated: 0 },
          地理围栏: { created: 2, updated: 0 },
        },
      },
    });
    expect(await institutionCount()).toBe(before);

    const done = await commit(checked.id);
    expect(done).toMatchObject({ status: 'committed', summary: checked.summary, error: null });
    expect(await institutionCount()).toBe(before + 2);
    const [savedA] = await t.database.db
      .select()
      .from(institutions)
      .where(eq(institutions.name, a.名称 as string));
    expect(savedA).toMatchObject({
      creditCode: a.统一社会信用代码,
      category: 'medical',
      tier: 'county',
      grade: 'II_A',
      role: 'recipient',
      regionCode: '513431',
      version: 1,
    });
    const [savedB] = await t.database.db
      .select()
      .from(institutions)
      .where(eq(institutions.name, b.名称 as string));
    expect(savedB).toMatchObject({ creditCode: null, grade: 'none', address: null, tier: 'township' });
    const deps = await t.database.db
      .select({ name: departments.name, isMain: departments.isMain, sort: departments.sort })
      .from(departments)
      .where(eq(departments.institutionId, savedA!.id))
      .orderBy(departments.sort);
    expect(deps).toEqual([
      { name: '内科', isMain: true, sort: 0 },
      { name: '外科', isMain: false, sort: 1 },
    ]);
    const [fenceA] = await t.database.db
      .select()
      .from(geofences)
      .where(eq(geofences.institutionId, savedA!.id));
    const wgs = toWgs84({ crs: 'gcj02', lat: 28.0105, lng: 102.8455 });
    expect(fenceA).toMatchObject({ name: '院区', crs: 'gcj02', lat: 28.0105, lng: 102.8455, radiusM: 300 });
    expect(fenceA!.latWgs84).toBeCloseTo(wgs.lat, 9);
    expect(fenceA!.lngWgs84).toBeCloseTo(wgs.lng, 9);
    const [fenceB] = await t.database.db
      .select()
      .from(geofences)
      .where(eq(geofences.institutionId, savedB!.id));
    expect(fenceB).toMatchObject({ crs: 'bd09', radiusM: 500 });

    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, checked.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'import.commit', objectType: 'import_job', result: 'ok' });
    expect(events[0]!.details).toMatchObject({ entity: 'institutions', created: 7, updated: 0 });
    // S20: the cells are gone once committed; the report with them
    const [row] = await t.database.db
      .select({ sheets: importJobs.sheets })
      .from(importJobs)
      .where(eq(importJobs.id, checked.id));
    expect(row!.sheets).toBeNull();
    const report = await t.request({
      method: 'GET',
      url: `/api/imports/${checked.id}/report`,
      cookie: office,
    });
    expect(report.statusCode).toBe(410);
    // committing twice does nothing
    const again = await t.request({
      method: 'POST',
      url: `/api/imports/${checked.id}/commit`,
      cookie: office,
    });
    expect(again.statusCode).toBe(409);
  });

  it('updates an institution found by its credit code: renamed, a department changed and one added, none removed', async () => {
    const { book } = await template();
    const original = institution();
    fill(sheet(book, '机构'), [original]);
    fill(sheet(book, '科室'), [
      { 机构名称: original.名称, 科室名称: '内科', 重点科室: '否' },
      { 机构名称: original.名称, 科室名称: '儿科', 重点科室: '否' },
    ]);
    fill(sheet(book, '地理围栏'), [
      { 机构名称: original.名称, 围栏名称: '院区', 坐标系: 'WGS-84', 纬度: 28.01, 经度: 102.84 },
    ]);
    const first = await commit((await uploadChecked(await buffer(book))).id);
    expect(first.status).toBe('committed');

    const { book: again } = await template();
    const renamed = `${original.名称}（更名）`;
    fill(sheet(again, '机构'), [{ ...original, 名称: renamed, 等级: '二级乙等', 层级: '县级' }]);
    fill(sheet(again, '科室'), [
      { 机构名称: renamed, 科室名称: '内科', 重点科室: '是' },
      { 机构名称: renamed, 科室名称: '妇产科', 重点科室: '否' },
    ]);
    fill(sheet(again, '地理围栏'), [
      { 机构名称: renamed, 围栏名称: '院区', 坐标系: 'WGS-84', 纬度: 28.02, 经度: 102.85, '半径（米）': 800 },
    ]);
    const checked = await uploadChecked(await buffer(again));
    expect(checked.issues).toEqual([]);
    expect(checked.summary?.bySheet).toEqual({
      机构: { created: 0, updated: 1 },
      科室: { created: 1, updated: 1 },
      地理围栏: { created: 0, updated: 1 },
    });
    expect((await commit(checked.id)).status).toBe('committed');
    const [saved] = await t.database.db
      .select()
      .from(institutions)
      .where(eq(institutions.creditCode, original.统一社会信用代码 as string));
    expect(saved).toMatchObject({ name: renamed, grade: 'II_B', tier: 'county', version: 2 });
    const deps = await t.database.db
      .select({ name: departments.name, isMain: departments.isMain })
      .from(departments)
      .where(eq(departments.institutionId, saved!.id))
      .orderBy(departments.sort);
    expect(deps).toEqual([
      { name: '内科', isMain: true },
      { name: '儿科', isMain: false },
      { name: '妇产科', isMain: false },
    ]);
    const fences = await t.database.db.select().from(geofences).where(eq(geofences.institutionId, saved!.id));
    expect(fences).toHaveLength(1);
    expect(fences[0]).toMatchObject({ lat: 28.02, lng: 102.85, latWgs84: 28.02, radiusM: 800 });
  });

  it('rolls the whole commit back when a row became invalid after the dry run (S27)', async () => {
    await t.database.db.insert(regions).values({
      code: '519901',
      name: '导入测试县',
      level: 'county',
      parentCode: '510000',
      path: '/000000/510000/519901/',
    });
    const { book } = await template();
    const rows = [institution(), institution(), institution({ 所在地区代码: '519901' })];
    fill(sheet(book, '机构'), rows);
    const checked = await uploadChecked(await buffer(book));
    expect(checked.status).toBe('ready');
    // Meanwhile the third row's county code is retired (e.g. 县 → 市).
    await t.database.db.update(regions).set({ validTo: '2026-03-01' }).where(eq(regions.code, '519901'));
    const before = await institutionCount();

    const done = await commit(checked.id);
    expect(done.status).toBe('invalid');
    expect(done.issues).toEqual([
      {
        sheet: '机构',
        row: 5,
        column: '所在地区代码',
        cell: 'G5',
        message: '行政区划代码 519901 不存在或已停用',
      },
    ]);
    expect(await institutionCount()).toBe(before);
    const stored = await t.database.db
      .select({ name: institutions.name })
      .from(institutions)
      .where(
        inArray(
          institutions.name,
          rows.map((r) => r.名称 as string),
        ),
      );
    expect(stored).toEqual([]);
    // the report explains it, and nothing was audited as imported
    const report = await t.request({
      method: 'GET',
      url: `/api/imports/${checked.id}/report`,
      cookie: office,
    });
    expect(report.statusCode).toBe(200);
    const events = await t.database.db.select().from(auditEvents).where(eq(auditEvents.objectId, checked.id));
    expect(events).toEqual([]);
  });

  it('leaves nothing when the write fails half-way, and a rerun succeeds (S27)', async () => {
    const { book } = await template();
    const rows = Array.from({ length: 30 }, () => institution());
    fill(sheet(book, '机构'), rows);
    fill(
      sheet(book, '科室'),
      rows.map((r, i) => ({ 机构名称: r.名称, 科室名称: i === 20 ? '崩溃科' : '内科' })),
    );
    const file = await buffer(book);
    const checked = await uploadChecked(file);
    expect(checked.status).toBe('ready');
    // A fault in the middle of the write: the database refuses one department row.
    await t.database.query(`create function refuse_crash() returns trigger language plpgsql as $$
      begin if new.name = '崩溃科' then raise exception 'simulated crash'; end if; return new; end $$`);
    await t.database.query(
      'create trigger crash_on_insert before insert on departments for each row execute function refuse_crash()',
    );
    const before = await institutionCount();
    try {
      const done = await commit(checked.id);
      expect(done.status).toBe('failed');
      expect(done.error).toMatch(/未保存任何数据/);
      expect(await institutionCount()).toBe(before);
    } finally {
      await t.database.query('drop trigger crash_on_insert on departments');
      await t.database.query('drop function refuse_crash()');
    }
    const rerun = await commit((await uploadChecked(file)).id);
    expect(rerun.status).toBe('committed');
    expect(await institutionCount()).toBe(before + 30);
  });

  it('stores a cell starting with = as literal text and exports it as text, never a formula (S25)', async () => {
    const { book } = await template();
    const name = `=HYPERLINK("http://evil.example","导入测试${++serial}")`;
    fill(sheet(book, '机构'), [institution({ 名称: name, 地址: '=1+2' })]);
    const done = await commit((await uploadChecked(await buffer(book))).id);
    expect(done.status).toBe('committed');
    const [saved] = await t.database.db.select().from(institutions).where(eq(institutions.name, name));
    expect(saved).toMatchObject({ name, address: '=1+2' });

    const res = await t.request({
      method: 'GET',
      url: `/api/institutions/export?q=${encodeURIComponent('evil.example')}`,
      cookie: office,
    });
    expect(res.statusCode).toBe(200);
    const parts = await readZip(res.rawPayload);
    const sheetXml = [...parts].filter(([n]) => n.startsWith('xl/worksheets/')).map(([, b]) => b.toString());
    expect(sheetXml.join('')).not.toMatch(/<f[ >]/);
    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(sheet(exported, '机构').getCell('A2').value).toBe(name);
    expect(sheet(exported, '机构').getCell('H2').value).toBe('=1+2');
  });

  it('checks and commits 10,000 institutions end to end', { timeout: 180_000 }, async () => {
    const { book } = await template();
    const tag = Date.now().toString(36);
    fill(
      sheet(book, '机构'),
      Array.from({ length: 10_000 }, (_, i) =>
        institution({ 名称: `万行测试${tag}卫生院${i}`, 统一社会信用代码: i % 2 ? creditCode() : null }),
      ),
    );
    const file = await buffer(book);
    const before = await institutionCount();

    let started = performance.now();
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(202);
    // The progress the wizard polls moves while the rows are checked.
    const seen: number[] = [];
    for (;;) {
      const job: ImportJobDto = (
        await t.request({ method: 'GET', url: `/api/imports/${res.json().id}`, cookie: office })
      ).json();
      if (job.status !== 'checking') break;
      seen.push(job.processedRows);
      await new Promise((resolve) => setTimeout(resolve, 20)); // as the wizard polls, not in a tight loop
    }
    const checked = await settled(res.json().id);
    const checkMs = performance.now() - started;
    expect(
      seen.some((n) => n > 0 && n < 10_000),
      `progress seen: ${seen.join(', ')}`,
    ).toBe(true);
    expect(checked).toMatchObject({ status: 'ready', totalRows: 10_000, processedRows: 10_000 });
    expect(checked.summary?.bySheet.机构).toEqual({ created: 10_000, updated: 0 });

    started = performance.now();
    const done = await commit(checked.id);
    const commitMs = performance.now() - started;
    expect(done.status).toBe('committed');
    console.log(
      `[import] 10,000 institutions: check ${Math.round(checkMs)} ms, commit ${Math.round(commitMs)} ms (${t.database.kind})`,
    );
    expect(await institutionCount()).toBe(before + 10_000);
    const [saved] = await t.database.db
      .select({ n: count() })
      .from(institutions)
      .where(like(institutions.name, `万行测试${tag}%`));
    expect(saved?.n).toBe(10_000);
  });
});

describe('refused uploads store nothing (S23, S24)', () => {
  const refuse = async (file: Buffer, fileName = '机构导入.xlsx') => {
    const jobs = await jobCount();
    const res = await upload(file, { fileName });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(await jobCount()).toBe(jobs);
    return res.json().error;
  };

  it('refuses an HTML page renamed .xlsx', async () => {
    const error = await refuse(Buffer.from('<html><body><script>alert(1)</script></body></html>'));
    expect(error.message).toContain('不是有效的 Excel');
  });

  it('refuses a zip bomb before inflating it', async () => {
    const { book } = await template();
    const parts = await readZip(await buffer(book));
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const file = writeZip([
      ...[...parts].map(([name, data]) => ({ name, data })),
      {
        name: 'xl/media/image1.png',
        deflated: deflateRawSync(zeros, { level: 9 }),
        uncompressedSize: zeros.length,
        crc: 0,
      },
    ]);
    expect(file.length).toBeLessThan(2 * 1024 * 1024);
    const error = await refuse(file);
    expect(error.message).toContain('压缩结构异常');
  });

  it('refuses an XXE file without echoing it', async () => {
    const { book } = await template();
    const file = await buffer(book);
    const parts = await readZip(file);
    const xml = parts.get('xl/sharedStrings.xml')?.toString() ?? '<?xml version="1.0"?><sst/>';
    const tampered = xml.replace(
      /^(<\?xml[^>]*\?>)/,
      '$1<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    );
    const error = await refuse(await rezip(file, { 'xl/sharedStrings.xml': tampered }));
    expect(error.message).toContain('DOCTYPE');
    expect(error.message).not.toMatch(/passwd|root:/);
  });

  it('refuses another file type by its name, a file not made from the template, and an empty one', async () => {
    expect((await refuse(Buffer.from('x'), '机构.xls')).message).toContain('.xls');
    expect((await refuse(Buffer.from('x'), '机构.csv')).message).toContain('.xlsx');
    const other = new ExcelJS.Workbook();
    other.addWorksheet('Sheet1').getCell('A1').value = '名称';
    expect((await refuse(await buffer(other))).message).toContain('缺少工作表“机构”');
    const { book } = await template();
    expect((await refuse(await buffer(book))).code).toBe('NO_ROWS');
  });

  it('answers 413 in Chinese past 20 MB, before reading it all', async () => {
    const jobs = await jobCount();
    const res = await upload(Buffer.alloc(20 * 1024 * 1024 + 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(res.json().error.message).toContain('20 MB');
    expect(await jobCount()).toBe(jobs);
  });
});

describe('jobs belong to their uploader', () => {
  it("gives another user 404 for someone else's job, its report, commit and cancel", async () => {
    const { book } = await template();
    fill(sheet(book, '机构'), [institution()]);
    const job = await uploadChecked(await buffer(book));
    const lead = await t.loginUser('province_lead');
    for (const [method, url] of [
      ['GET', `/api/imports/${job.id}`],
      ['GET', `/api/imports/${job.id}/report`],
      ['POST', `/api/imports/${job.id}/commit`],
      ['POST', `/api/imports/${job.id}/cancel`],
    ] as const) {
      const res = await t.request({ method, url, cookie: lead });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await settled(job.id)).status).toBe('ready');
  });

  it('cancels a checked job and clears its cells (S20)', async () => {
    const { book } = await template();
    fill(sheet(book, '机构'), [institution()]);
    const job = await uploadChecked(await buffer(book));
    const res = await t.request({ method: 'POST', url: `/api/imports/${job.id}/cancel`, cookie: office });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('cancelled');
    const [row] = await t.database.db
      .select({ sheets: importJobs.sheets })
      .from(importJobs)
      .where(eq(importJobs.id, job.id));
    expect(row!.sheets).toBeNull();
    expect(
      (await t.request({ method: 'POST', url: `/api/imports/${job.id}/commit`, cookie: office })).statusCode,
    ).toBe(409);
  });

  it('expires jobs after 24 hours and fails jobs whose server stopped mid-way', async () => {
    const { book } = await template();
    fill(sheet(book, '机构'), [institution()]);
    const ready = await uploadChecked(await buffer(book));
    const stuck = await uploadChecked(await buffer(book));
    const long = new Date(t.clock.now().getTime() - STUCK_AFTER_MS - 60_000);
    await t.database.db
      .update(importJobs)
      .set({ status: 'committing', updatedAt: long })
      .where(eq(importJobs.id, stuck.id));

    const soon = await expireImports(t.database.db, new Date(t.clock.now().getTime() + 3_600_000));
    expect(soon.failed).toBeGreaterThanOrEqual(1);
    expect((await settled(ready.id)).status).toBe('ready');
    const failed = await settled(stuck.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('未保存任何数据');

    await expireImports(t.database.db, new Date(t.clock.now().getTime() + 24 * 3_600_000 + 1));
    expect((await settled(ready.id)).status).toBe('expired');
    const rows = await t.database.db
      .select({ sheets: importJobs.sheets })
      .from(importJobs)
      .where(inArray(importJobs.id, [ready.id, stuck.id]));
    expect(rows.map((r) => r.sheets)).toEqual([null, null]);
  });
});
