import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { convertPoint, haversineMetres, toWgs84 } from '../../../shared/geo';
import { auditEvents, geofences, institutions, regions } from '../../db/schema';
import type { Ctx } from '../../platform/context';
import { type TestApp, testApp } from '../../test/app';
import { mapBoundary } from './org.service';

let t: TestApp;
let office: string;
beforeAll(async () => {
  t = await testApp();
  office = await t.loginAs('province_office');
});

/** 昭觉县城 as 高德 shows it (GCJ-02). */
const GCJ_POINT = { lat: 28.0105, lng: 102.8455 };
let serial = 0;
/** A valid credit code of a 事业单位 registered in 昭觉, different each call. */
function creditCode(): string {
  const first17 = `12513431MB${String(1_000_000 + ++serial * 7919).slice(-7)}`;
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + chars.indexOf(c) * w[i]!, 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

const newInstitution = (patch: Record<string, unknown> = {}) => ({
  name: `昭觉县测试医院${++serial}`,
  creditCode: creditCode(),
  category: 'medical',
  tier: 'central_township',
  grade: 'I_A',
  role: 'recipient',
  regionCode: '513431',
  address: '四川省凉山彝族自治州昭觉县',
  departments: [{ name: '内科', isMain: true }, { name: '外科', isMain: true }, { name: '检验科' }],
  geofences: [{ name: '院区', crs: 'gcj02', ...GCJ_POINT, radiusM: 300 }],
  ...patch,
});

const create = (body: unknown, cookie = office) =>
  t.request({ method: 'POST', url: '/api/institutions', cookie, payload: body as object });
const put = (id: string, body: unknown, cookie = office) =>
  t.request({ method: 'PUT', url: `/api/institutions/${id}`, cookie, payload: body as object });
const get = (id: string, cookie = office) =>
  t.request({ method: 'GET', url: `/api/institutions/${id}`, cookie });

/** The editable part of a detail, as the form sends it back. */
function editable(detail: Record<string, unknown>) {
  const {
    id: _i,
    regionName: _r,
    regionPathName: _p,
    createdAt: _c,
    updatedAt: _u,
    ...rest
  } = detail as Record<string, unknown> & { geofences: Record<string, unknown>[] };
  return {
    ...rest,
    geofences: (rest.geofences as Record<string, unknown>[]).map(({ latWgs84: _a, lngWgs84: _b, ...f }) => f),
  };
}

describe('POST /api/institutions', () => {
  it('creates an institution with departments and a GCJ-02 fence stored as entered and in WGS-84', async () => {
    const body = newInstitution();
    const res = await create(body);
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      name: body.name,
      creditCode: body.creditCode,
      regionCode: '513431',
      regionName: '昭觉县',
      regionPathName: '四川省 / 凉山彝族自治州 / 昭觉县',
      version: 1,
      departments: [
        { name: '内科', isMain: true },
        { name: '外科', isMain: true },
        { name: '检验科', isMain: false },
      ],
    });
    const [fence] = created.geofences;
    expect(fence).toMatchObject({ name: '院区', crs: 'gcj02', ...GCJ_POINT, radiusM: 300 });
    const wgs = toWgs84({ ...GCJ_POINT, crs: 'gcj02' });
    expect(fence.latWgs84).toBeCloseTo(wgs.lat, 9);
    expect(fence.lngWgs84).toBeCloseTo(wgs.lng, 9);
    const shift = haversineMetres(GCJ_POINT, { lat: fence.latWgs84, lng: fence.lngWgs84 });
    expect(shift).toBeGreaterThan(200);
    expect(shift).toBeLessThan(800);

    const [stored] = await t.database.db.select().from(geofences).where(eq(geofences.id, fence.id));
    expect(stored).toMatchObject({ crs: 'gcj02', lat: GCJ_POINT.lat, lng: GCJ_POINT.lng, latWgs84: wgs.lat });

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'org.institution.create'), eq(auditEvents.objectId, created.id)));
    expect(event).toMatchObject({ objectType: 'institution', result: 'ok', actorRole: 'province_office' });
    expect(event!.details).toMatchObject({ name: body.name, creditCode: body.creditCode });
  });

  it('defaults a fence radius to 500 m and accepts a missing credit code, address and lists', async () => {
    const res = await create({
      name: `昭觉县测试卫生室${++serial}`,
      category: 'medical',
      tier: 'village',
      role: 'recipient',
      regionCode: '513431',
      geofences: [{ name: '卫生室', crs: 'wgs84', lat: 28.09, lng: 102.72 }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ creditCode: null, address: null, grade: 'none', departments: [] });
    expect(res.json().geofences[0]).toMatchObject({ radiusM: 500, lat: 28.09, latWgs84: 28.09 });
  });

  it('normalises a credit code typed in lower case', async () => {
    const code = creditCode();
    const res = await create(newInstitution({ creditCode: ` ${code.toLowerCase()} ` }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().creditCode).toBe(code);
  });

  it.each([
    ['a wrong check character', '91350100M000100Y44', /校验码不正确：第18位应为“3”，实为“4”/],
    ['a letter the code never uses', '91350100M0O0100Y43', /不使用字母 I、O、Z、S、V/],
    ['a short code', '9135010', /应为18位/],
    ['an unknown authority', 'B1350100M000100Y43', /登记管理部门代码“B”不存在/],
  ])('refuses a credit code with %s, saying why in Chinese', async (_, code, reason) => {
    const res = await create(newInstitution({ creditCode: code }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.message).toMatch(reason);
  });

  it('refuses a credit code or a name already registered (409)', async () => {
    const first = (await create(newInstitution())).json();
    const sameCode = await create(newInstitution({ creditCode: first.creditCode }));
    expect(sameCode.statusCode).toBe(409);
    expect(sameCode.json().error).toMatchObject({ code: 'CREDIT_CODE_TAKEN' });
    expect(sameCode.json().error.message).toContain(first.name);
    const sameName = await create(newInstitution({ name: first.name }));
    expect(sameName.statusCode).toBe(409);
    expect(sameName.json().error).toMatchObject({
      code: 'NAME_TAKEN',
      message: `机构名称“${first.name}”已存在`,
    });
  });

  it.each([
    ['a retired region (会理县 → 会理市)', { regionCode: '513425' }, 400, /513425 不存在或已停用/],
    ['an unknown region', { regionCode: '519999' }, 400, /不存在或已停用/],
    [
      'a radius below 50 m',
      { geofences: [{ name: '院区', crs: 'wgs84', lat: 28, lng: 102, radiusM: 20 }] },
      400,
      /不能小于50米/,
    ],
    [
      'a radius above 5000 m',
      { geofences: [{ name: '院区', crs: 'wgs84', lat: 28, lng: 102, radiusM: 6000 }] },
      400,
      /不能大于5000米/,
    ],
    [
      'a latitude out of range',
      { geofences: [{ name: '院区', crs: 'wgs84', lat: 91, lng: 102 }] },
      400,
      /纬度/,
    ],
    [
      'an unknown coordinate system',
      { geofences: [{ name: '院区', crs: 'cgcs2000', lat: 28, lng: 102 }] },
      400,
      /提交的数据有误/,
    ],
    [
      'two departments of one name',
      { departments: [{ name: '内科' }, { name: '内科' }] },
      400,
      /科室“内科”重复/,
    ],
  ])('refuses %s', async (_, patch, status, message) => {
    const res = await create(newInstitution(patch));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.message).toMatch(message);
  });

  it.each([
    ['id', { id: '0190f0e0-0000-7000-8000-000000000000' }],
    ['version', { version: 5 }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00Z' }],
    ['updatedAt', { updatedAt: '2020-01-01T00:00:00Z' }],
    ['a department id', { departments: [{ id: '0190f0e0-0000-7000-8000-000000000000', name: '内科' }] }],
    [
      'a fence converted by the client',
      { geofences: [{ name: '院区', crs: 'wgs84', lat: 28, lng: 102, latWgs84: 1 }] },
    ],
  ])('refuses a mass-assigned %s (S08, S21)', async (_, patch) => {
    const before = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(institutions);
    const res = await create(newInstitution(patch));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    const after = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(institutions);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('is for the province office only (403)', async () => {
    const res = await create(newInstitution(), await t.loginAs('prefecture_authority'));
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /api/institutions/:id', () => {
  it('shows a 凉山 institution to the 凉山 authority and hides it from another institution (404)', async () => {
    const created = (await create(newInstitution())).json();
    const liangshan = await get(created.id, await t.loginAs('prefecture_authority'));
    expect(liangshan.statusCode).toBe(200);
    expect(liangshan.json().geofences).toHaveLength(1);
    const other = await get(created.id, await t.loginAs('supporting_admin'));
    expect(other.statusCode).toBe(404);
    expect(other.json().error.message).toBe('机构不存在或无权查看');
  });

  it('shows the demo county hospital with its main departments and its GCJ-02 fence', async () => {
    const [row] = await t.database.db
      .select({ id: institutions.id })
      .from(institutions)
      .where(eq(institutions.name, '昭觉县人民医院'));
    const detail = (await get(row!.id)).json();
    expect(
      detail.departments.filter((d: { isMain: boolean }) => d.isMain).map((d: { name: string }) => d.name),
    ).toEqual(expect.arrayContaining(['内科', '外科', '妇产科', '儿科', '急诊科']));
    expect(detail.geofences[0]).toMatchObject({ crs: 'gcj02' });
    const { latWgs84, lngWgs84, lat, lng } = detail.geofences[0];
    expect(haversineMetres({ lat, lng }, { lat: latWgs84, lng: lngWgs84 })).toBeGreaterThan(100);
    expect(haversineMetres({ lat: 28.01, lng: 102.84 }, { lat: latWgs84, lng: lngWgs84 })).toBeLessThan(
      2_000,
    );
  });
});

describe('PUT /api/institutions/:id', () => {
  it('saves under the loaded version and refuses a stale one (409), changing nothing', async () => {
    const created = (await create(newInstitution())).json();
    const first = await put(created.id, { ...editable(created), grade: 'II_B', address: '新地址' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ grade: 'II_B', address: '新地址', version: 2 });

    const stale = await put(created.id, { ...editable(created), grade: 'III_A' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'CONFLICT',
      message: '该机构已被他人修改，请刷新后重试',
    });
    expect((await get(created.id)).json()).toMatchObject({ grade: 'II_B', version: 2 });

    const [event] = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'org.institution.update'), eq(auditEvents.objectId, created.id)));
    expect(event!.details).toMatchObject({
      changes: { grade: ['I_A', 'II_B'], address: ['四川省凉山彝族自治州昭觉县', '新地址'] },
    });
  });

  it('replaces the departments, keeping the ids of those kept, even when two swap names', async () => {
    const created = (await create(newInstitution())).json();
    const [nei, wai] = created.departments;
    const res = await put(created.id, {
      ...editable(created),
      departments: [
        { id: nei.id, name: '外科', isMain: true },
        { id: wai.id, name: '内科', isMain: false },
        { name: '儿科', isMain: true },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().departments).toEqual([
      { id: nei.id, name: '外科', isMain: true },
      { id: wai.id, name: '内科', isMain: false },
      { id: expect.any(String), name: '儿科', isMain: true },
    ]);
  });

  it('updates a fence in place, converts the new point, and adds and removes fences', async () => {
    const created = (await create(newInstitution())).json();
    const fence = created.geofences[0];
    const bd = convertPoint({ lat: 28.02, lng: 102.85 }, 'wgs84', 'bd09');
    const res = await put(created.id, {
      ...editable(created),
      geofences: [
        { id: fence.id, name: '老院区', crs: 'bd09', lat: bd.lat, lng: bd.lng, radiusM: 200 },
        { name: '新院区', crs: 'wgs84', lat: 28.03, lng: 102.86 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const [kept, added] = res.json().geofences;
    expect(kept).toMatchObject({ id: fence.id, name: '老院区', crs: 'bd09', radiusM: 200 });
    expect(
      haversineMetres({ lat: kept.latWgs84, lng: kept.lngWgs84 }, { lat: 28.02, lng: 102.85 }),
    ).toBeLessThan(1);
    expect(added).toMatchObject({ name: '新院区', latWgs84: 28.03, radiusM: 500 });

    const removed = await put(created.id, { ...editable(res.json()), geofences: [] });
    expect(removed.json().geofences).toEqual([]);
  });

  it.each([
    ['id', { id: '0190f0e0-0000-7000-8000-000000000000' }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00Z' }],
    ['a missing version', { version: undefined }],
  ])('refuses a mass-assigned or missing %s', async (_, patch) => {
    const created = (await create(newInstitution())).json();
    const res = await put(created.id, { ...editable(created), ...patch });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a department or fence id of another institution', async () => {
    const a = (await create(newInstitution())).json();
    const b = (await create(newInstitution())).json();
    const res = await put(a.id, {
      ...editable(a),
      departments: [{ id: b.departments[0].id, name: '内科', isMain: true }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('UNKNOWN_CHILD');
    expect((await get(b.id)).json().departments).toHaveLength(3);
    expect((await get(a.id)).json().version).toBe(1);
  });

  it("refuses another institution's credit code (409)", async () => {
    const a = (await create(newInstitution())).json();
    const b = (await create(newInstitution())).json();
    const res = await put(a.id, { ...editable(a), creditCode: b.creditCode });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('CREDIT_CODE_TAKEN');
  });

  it('answers 404 for an institution that does not exist', async () => {
    const created = (await create(newInstitution())).json();
    const res = await put('0190f0e0-0000-7000-8000-000000000000', editable(created));
    expect(res.statusCode).toBe(404);
  });
});

describe('GET /api/institutions filters', () => {
  it('filters by tier, keeping the paged shape', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/institutions?tier=central_township&pageSize=1000',
      cookie: office,
    });
    const body = res.json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((i: { tier: string }) => i.tier === 'central_township')).toBe(true);
  });
});

describe('GET /api/institutions/map', () => {
  it('plots every fence of the institutions in scope, in WGS-84, and counts those without one', async () => {
    const res = await t.request({
      method: 'GET',
      url: '/api/institutions/map?regionCode=513431',
      cookie: office,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.truncated).toBe(false);
    const hospital = body.items.find((p: { name: string }) => p.name === '昭觉县人民医院');
    const [stored] = await t.database.db
      .select()
      .from(geofences)
      .innerJoin(institutions, eq(institutions.id, geofences.institutionId))
      .where(eq(institutions.name, '昭觉县人民医院'));
    expect(hospital).toMatchObject({
      lat: stored!.geofences.latWgs84,
      lng: stored!.geofences.lngWgs84,
      role: 'recipient',
    });
    expect(body.unlocated).toBeGreaterThanOrEqual(0);
  });

  it('shows a prefecture authority only its prefecture', async () => {
    const body = (
      await t.request({
        method: 'GET',
        url: '/api/institutions/map',
        cookie: await t.loginAs('prefecture_authority'),
      })
    ).json();
    expect(body.items.length).toBeGreaterThan(10);
    const codes = await t.database.db
      .select({ code: regions.code })
      .from(regions)
      .where(sql`${regions.path} like '/000000/510000/513400/%'`);
    const names = await t.database.db
      .select({ name: institutions.name })
      .from(institutions)
      .where(sql`${institutions.regionCode} in ${codes.map((c) => c.code)}`);
    const inLiangshan = new Set(names.map((n) => n.name));
    expect(body.items.every((p: { name: string }) => inLiangshan.has(p.name))).toBe(true);
  });
});

describe('GET /api/map/boundary', () => {
  it('answers 404 in Chinese when no boundary is configured', async () => {
    const res = await t.request({ method: 'GET', url: '/api/map/boundary', cookie: office });
    expect(res.statusCode).toBe(404);
    expect(res.json().error).toMatchObject({ code: 'MAP_BOUNDARY_NOT_CONFIGURED' });
    expect(res.json().error.message).toContain('MAP_BOUNDARY_GEOJSON');
  });
});

describe('mapBoundary with a bad configuration', () => {
  const ctxWith = (file: string) =>
    ({ config: { ...t.config, mapBoundary: { file, crs: 'wgs84' } }, log: t.app.log }) as unknown as Ctx;

  it('answers 404 when the configured file is missing', async () => {
    await expect(mapBoundary(ctxWith('/nonexistent/boundary.geojson'))).rejects.toMatchObject({
      statusCode: 404,
      code: 'MAP_BOUNDARY_MISSING',
    });
  });

  it('answers 500 with a Chinese message when the file is not GeoJSON', async () => {
    const bad = path.join(tmpdir(), `boundary-bad-${process.pid}-${Date.now()}.json`);
    writeFileSync(bad, '{"hello": "world"}');
    await expect(mapBoundary(ctxWith(bad))).rejects.toMatchObject({
      statusCode: 500,
      code: 'MAP_BOUNDARY_INVALID',
      message: '地图边界文件不是有效的 GeoJSON，请联系管理员',
    });
  });
});

describe('GET /api/map/boundary, configured in GCJ-02', () => {
  const file = path.join(tmpdir(), `boundary-${process.pid}-${Date.now()}.geojson`);
  const ring = [
    [102.7, 27.9],
    [103.0, 27.9],
    [103.0, 28.2],
    [102.7, 28.2],
    [102.7, 27.9],
  ];
  writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { name: '昭觉县' },
          geometry: { type: 'Polygon', coordinates: [ring] },
        },
      ],
    }),
  );
  let withBoundary: TestApp;
  beforeAll(async () => {
    withBoundary = await testApp({ MAP_BOUNDARY_GEOJSON: file, MAP_BOUNDARY_CRS: 'gcj02' });
  });

  it('serves the boundary converted to WGS-84', async () => {
    const res = await withBoundary.request({
      method: 'GET',
      url: '/api/map/boundary',
      cookie: await withBoundary.loginAs('county_liaison'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    const [lng, lat] = res.json().features[0].geometry.coordinates[0][0];
    const expected = toWgs84({ lng: 102.7, lat: 27.9, crs: 'gcj02' });
    expect(lng).toBeCloseTo(expected.lng, 9);
    expect(lat).toBeCloseTo(expected.lat, 9);
  });
});
