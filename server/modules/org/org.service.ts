import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { z } from 'zod';
import type {
  AddCountyFlagBody,
  ContactCandidatesQuery,
  CountyContactDto,
  CountyFlagDto,
  CreateInstitutionBody,
  InstitutionDetailDto,
  InstitutionListQuery,
  InstitutionMapDto,
  InstitutionMapQuery,
  RegionDetailDto,
  RegionDto,
  RegionListQuery,
  ReplaceCountyContactsBody,
  UpdateInstitutionBody,
} from '../../../shared/contracts/org';
import { MAP_POINT_LIMIT } from '../../../shared/contracts/org';
import { CountyFlag } from '../../../shared/enums';
import { geoJsonToWgs84, toWgs84 } from '../../../shared/geo';
import { institutions } from '../../db/schema';
import { audit } from '../../platform/audit';
import { type Ctx, requireUser } from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { institutionScope } from '../../platform/scope';
import * as repo from './org.repo';
import { CONTACT_ROLES, changedFields, flagOverlap, planChildren, regionWithinScope } from './org.rules';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

// ---------------------------------------------------------------------------------------
// Regions (reference data: any user allowed to read org data sees the whole tree)
// ---------------------------------------------------------------------------------------

export async function listRegions(ctx: Ctx, query: z.infer<typeof RegionListQuery>) {
  const page = await repo.listRegions(ctx.db, query);
  return {
    total: page.total,
    items: page.items.map(
      (r): RegionDto => ({
        code: r.code,
        name: r.name,
        level: r.level,
        parentCode: r.parentCode,
        parentName: r.parentName,
        flags: r.flags.map((f) => ({
          id: f.id,
          flag: f.flag,
          validFrom: f.validFrom,
          validTo: f.validTo,
          example: f.example,
        })),
      }),
    ),
  };
}

const flagDto = (f: Awaited<ReturnType<typeof repo.regionFlags>>[number]): CountyFlagDto => ({
  id: f.id,
  flag: f.flag,
  validFrom: f.validFrom,
  validTo: f.validTo,
  example: f.example,
  source: f.source,
  createdAt: f.createdAt.toISOString(),
  createdByName: f.createdByName,
  withdrawnAt: iso(f.withdrawnAt),
  withdrawnReason: f.withdrawnReason,
  withdrawnByName: f.withdrawnByName,
});

type ContactRow = Awaited<ReturnType<typeof repo.regionContacts>>[number];

/** The optimistic lock of a county's contacts (S29): they have no version column, so a digest of the stored list. */
function contactsVersion(rows: ContactRow[]): string {
  const canonical = rows
    .map((c) => [c.id, c.kind, c.name, c.title, c.userId, c.validFrom, c.validTo])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 32);
}

export async function getRegion(ctx: Ctx, code: string): Promise<RegionDetailDto> {
  const region = await repo.findRegion(ctx.db, code);
  if (!region) throw notFound('行政区划不存在');
  const ancestorCodes = region.path.split('/').filter((c) => c && c !== code);
  const [names, flags, history, contacts] = await Promise.all([
    repo.regionNames(ctx.db, ancestorCodes),
    repo.regionFlags(ctx.db, code),
    repo.regionCodeHistory(ctx.db, code),
    repo.regionContacts(ctx.db, code),
  ]);
  return {
    code: region.code,
    name: region.name,
    level: region.level,
    parentCode: region.parentCode,
    ancestors: ancestorCodes.flatMap((c) => names.filter((n) => n.code === c)),
    validFrom: region.validFrom,
    validTo: region.validTo,
    flags: flags.map(flagDto),
    codeHistory: history.map((h) => ({
      id: h.id,
      oldCode: h.oldCode,
      oldName: h.oldName,
      newCode: h.newCode,
      newName: h.newName,
      changedOn: h.changedOn,
      note: h.note,
    })),
    contacts: contacts.map(contactDto),
    contactsVersion: contactsVersion(contacts),
  };
}

const contactDto = (c: ContactRow): CountyContactDto => ({ ...c });

/**
 * A current county the caller may edit: flags and contacts belong to counties, and an
 * editor whose scope is a region edits only inside it.
 */
async function editableCounty(ctx: Ctx, code: string, db = ctx.db) {
  const user = requireUser(ctx);
  const region = await repo.lockRegion(db, code);
  if (!region) throw notFound('行政区划不存在');
  if (region.validTo !== null)
    throw new AppError(
      400,
      'REGION_RETIRED',
      `${region.name}（${code}）的代码已于 ${region.validTo} 停用，不能再修改`,
    );
  if (region.level !== 'county')
    throw new AppError(400, 'NOT_A_COUNTY', '县域标识和联系人只能设置在县级行政区划上');
  if (!regionWithinScope(user.scope, region.path)) throw forbidden('该地区不在您的数据范围内');
  return region;
}

export async function addCountyFlag(ctx: Ctx, code: string, body: AddCountyFlagBody): Promise<CountyFlagDto> {
  const user = requireUser(ctx);
  const id = await ctx.db.transaction(async (tx) => {
    const region = await editableCounty(ctx, code, tx);
    const existing = await repo.regionFlags(tx, code);
    const same = existing.find((f) => f.flag === body.flag && f.validFrom === body.validFrom);
    if (same)
      throw conflict(
        same.withdrawnAt
          ? `已有一条起始于 ${body.validFrom} 的“${CountyFlag.label(body.flag)}”（已撤回）；同一标识、同一起始日期只能登记一次，请调整起始日期`
          : `${region.name}已有起始于 ${body.validFrom} 的“${CountyFlag.label(body.flag)}”`,
      );
    const overlap = flagOverlap(existing, body);
    if (overlap) throw conflict(overlap);
    const id = await repo.insertFlag(tx, {
      regionCode: code,
      flag: body.flag,
      validFrom: body.validFrom,
      validTo: body.validTo,
      source: body.source,
      example: false,
      createdAt: ctx.clock.now(),
      createdBy: user.id,
    });
    await audit(
      ctx,
      'org.flag.add',
      {
        objectType: 'county_flag',
        objectId: id,
        details: { regionCode: code, regionName: region.name, ...body },
      },
      tx,
    );
    return id;
  });
  const [row] = await repo.regionFlags(ctx.db, code, id);
  return flagDto(row!);
}

/** A flag entered in error is withdrawn, never deleted: it stays listed with who, when and why. */
export async function withdrawCountyFlag(
  ctx: Ctx,
  code: string,
  id: string,
  reason: string,
): Promise<CountyFlagDto> {
  await ctx.db.transaction(async (tx) => {
    const region = await editableCounty(ctx, code, tx);
    const [flag] = await repo.regionFlags(tx, code, id);
    if (!flag) throw notFound('县域标识不存在');
    if (flag.withdrawnAt) throw conflict(`该标识已于 ${flag.withdrawnAt.toISOString().slice(0, 10)} 撤回`);
    if (!(await repo.withdrawFlag(tx, id, { at: ctx.clock.now(), userId: requireUser(ctx).id, reason })))
      throw conflict('该标识已被他人撤回，请刷新');
    await audit(
      ctx,
      'org.flag.withdraw',
      {
        objectType: 'county_flag',
        objectId: id,
        details: {
          regionCode: code,
          regionName: region.name,
          flag: flag.flag,
          validFrom: flag.validFrom,
          validTo: flag.validTo,
          reason,
        },
      },
      tx,
    );
  });
  const [row] = await repo.regionFlags(ctx.db, code, id);
  return flagDto(row!);
}

/** Replace a county's contacts (定点联系领导, 驻点负责人) with the edited list, past periods included. */
export async function replaceCountyContacts(
  ctx: Ctx,
  code: string,
  body: ReplaceCountyContactsBody,
): Promise<CountyContactDto[]> {
  await ctx.db.transaction(async (tx) => {
    const region = await editableCounty(ctx, code, tx);
    const before = await repo.regionContacts(tx, code);
    if (contactsVersion(before) !== body.version) throw conflict('该县的联系人已被他人修改，请刷新后重试');
    const linked = await repo.usersByIds(tx, [
      ...new Set(body.contacts.flatMap((c) => (c.userId ? [c.userId] : []))),
    ]);
    const problems = body.contacts.flatMap((c, i) => {
      if (!c.userId) return [];
      const u = linked.find((l) => l.id === c.userId);
      const row = `第${i + 1}行`;
      if (!u) return [`${row}：关联的账号不存在`];
      if (u.status !== 'active') return [`${row}：关联的账号“${u.displayName}”已停用`];
      if (u.role !== CONTACT_ROLES[c.kind])
        return [
          `${row}：${c.kind === 'contact_leader' ? '定点联系领导应为省对口支援管理办公室的账号' : '驻点负责人应为驻点负责人角色的账号'}`,
        ];
      return [];
    });
    if (problems.length) throw new AppError(400, 'INVALID_CONTACTS', problems.join('；'), { problems });
    await repo.replaceContacts(
      tx,
      code,
      body.contacts.map((c) => ({ ...c, createdAt: ctx.clock.now() })),
    );
    const summary = (list: { kind: string; name: string; validFrom: string; validTo: string | null }[]) =>
      list.map((c) => `${c.kind}:${c.name}:${c.validFrom}~${c.validTo ?? ''}`);
    await audit(
      ctx,
      'org.contacts.update',
      {
        objectType: 'region',
        objectId: code,
        details: { regionName: region.name, before: summary(before), after: summary(body.contacts) },
      },
      tx,
    );
  });
  return (await repo.regionContacts(ctx.db, code)).map(contactDto);
}

export async function contactCandidates(ctx: Ctx, query: z.infer<typeof ContactCandidatesQuery>) {
  return repo.contactCandidates(ctx.db, CONTACT_ROLES[query.kind], query.q);
}

// ---------------------------------------------------------------------------------------
// Institutions
// ---------------------------------------------------------------------------------------

const scopeOf = (ctx: Ctx) =>
  institutionScope(requireUser(ctx), { regionCode: institutions.regionCode, institutionId: institutions.id });

/** Institutions within the caller's scope (S07), filtered in the query. */
export async function listInstitutions(ctx: Ctx, query: z.infer<typeof InstitutionListQuery>) {
  return repo.listInstitutions(ctx.db, scopeOf(ctx), query);
}

/** The map's points: every geofence of the institutions in scope, in WGS-84. */
export async function institutionMap(
  ctx: Ctx,
  query: z.infer<typeof InstitutionMapQuery>,
): Promise<InstitutionMapDto> {
  const { points, unlocated } = await repo.mapPoints(ctx.db, scopeOf(ctx), query, MAP_POINT_LIMIT + 1);
  const truncated = points.length > MAP_POINT_LIMIT;
  const items = truncated ? points.slice(0, MAP_POINT_LIMIT) : points;
  return { items, total: items.length, unlocated, truncated };
}

export async function getInstitution(ctx: Ctx, id: string): Promise<InstitutionDetailDto> {
  const row = await repo.findInstitution(ctx.db, scopeOf(ctx), id);
  if (!row) throw notFound('机构不存在或无权查看');
  const codes = row.regionPath.split('/').filter((c) => c && c !== '000000');
  const [names, departments, geofences] = await Promise.all([
    repo.regionNames(ctx.db, codes),
    repo.institutionDepartments(ctx.db, id),
    repo.institutionGeofences(ctx.db, id),
  ]);
  const { regionPath: _, ...rest } = row;
  return {
    ...rest,
    regionPathName: codes.map((c) => names.find((n) => n.code === c)?.name ?? c).join(' / '),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    departments,
    geofences,
  };
}

/**
 * The region an institution is placed in: a current one, inside the editor's scope. An
 * institution left where it is was already found in scope, so only a move is scope-checked.
 */
async function placeableRegion(ctx: Ctx, code: string, currentCode?: string) {
  const region = await repo.findRegion(ctx.db, code);
  if (!region || region.validTo !== null)
    throw new AppError(400, 'INVALID_REGION', `行政区划代码 ${code} 不存在或已停用`);
  if (code !== currentCode && !regionWithinScope(requireUser(ctx).scope, region.path)) {
    throw forbidden('所选地区不在您的数据范围内');
  }
  return region;
}

async function refuseDuplicates(
  ctx: Ctx,
  body: { name: string; creditCode: string | null },
  exceptId?: string,
) {
  const byName = await repo.institutionHolding(ctx.db, 'name', body.name, exceptId);
  if (byName) throw new AppError(409, 'NAME_TAKEN', `机构名称“${body.name}”已存在`);
  if (body.creditCode) {
    const byCode = await repo.institutionHolding(ctx.db, 'creditCode', body.creditCode, exceptId);
    if (byCode)
      throw new AppError(
        409,
        'CREDIT_CODE_TAKEN',
        `统一社会信用代码 ${body.creditCode} 已登记为“${byCode.name}”`,
      );
  }
}

/** A unique index refusing a row that a concurrent request inserted first: the same 409 as the check above. */
function duplicateError(err: unknown): AppError | null {
  for (
    let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (e.code !== '23505') continue;
    if (e.constraint === 'institutions_credit_code')
      return new AppError(409, 'CREDIT_CODE_TAKEN', '统一社会信用代码已被其他机构使用');
    if (e.constraint === 'departments_name') return new AppError(400, 'DEPARTMENT_DUPLICATE', '科室名称重复');
    return new AppError(409, 'NAME_TAKEN', '机构名称已存在');
  }
  return null;
}

const geofenceRow = (f: CreateInstitutionBody['geofences'][number] & { id?: string }) => {
  const wgs = toWgs84(f);
  return { ...f, latWgs84: wgs.lat, lngWgs84: wgs.lng };
};

const scalarFields = (body: Omit<CreateInstitutionBody, 'departments' | 'geofences'>) => ({
  name: body.name,
  creditCode: body.creditCode,
  category: body.category,
  tier: body.tier,
  grade: body.grade,
  role: body.role,
  regionCode: body.regionCode,
  address: body.address,
});

const fenceSummary = (f: { name: string; crs: string; lat: number; lng: number; radiusM: number }) =>
  `${f.name}:${f.crs}:${f.lat},${f.lng}:${f.radiusM}m`;

export async function createInstitution(
  ctx: Ctx,
  body: CreateInstitutionBody,
): Promise<InstitutionDetailDto> {
  await placeableRegion(ctx, body.regionCode);
  await refuseDuplicates(ctx, body);
  const now = ctx.clock.now();
  const id = await ctx.db
    .transaction(async (tx) => {
      const id = await repo.insertInstitution(tx, { ...scalarFields(body), createdAt: now, updatedAt: now });
      await repo.syncDepartments(tx, id, { remove: [], keep: [] }, body.departments);
      await repo.syncGeofences(tx, id, { remove: [] }, body.geofences.map(geofenceRow), now);
      await audit(
        ctx,
        'org.institution.create',
        {
          objectType: 'institution',
          objectId: id,
          details: {
            ...scalarFields(body),
            departments: body.departments.map((d) => (d.isMain ? `${d.name}（重点）` : d.name)),
            geofences: body.geofences.map(fenceSummary),
          },
        },
        tx,
      );
      return id;
    })
    .catch((err: unknown) => {
      throw duplicateError(err) ?? err;
    });
  return getInstitution(ctx, id);
}

/** Edit an institution with its departments and geofences as one record, under its version (S29). */
export async function updateInstitution(
  ctx: Ctx,
  id: string,
  body: UpdateInstitutionBody,
): Promise<InstitutionDetailDto> {
  const before = await getInstitution(ctx, id);
  // Also when unchanged: an institution in a retired region (会理县 → 会理市) must be moved on its next edit.
  await placeableRegion(ctx, body.regionCode, before.regionCode);
  await refuseDuplicates(ctx, body, id);
  const now = ctx.clock.now();
  await ctx.db
    .transaction(async (tx) => {
      const ok = await repo.updateInstitutionVersioned(tx, scopeOf(ctx), id, body.version, {
        ...scalarFields(body),
        updatedAt: now,
      });
      if (!ok) throw conflict('该机构已被他人修改，请刷新后重试');
      const stored = await repo.childIds(tx, id);
      const deps = planChildren(stored.departments, body.departments);
      const fences = planChildren(stored.geofences, body.geofences);
      if (deps.unknown.length || fences.unknown.length)
        throw new AppError(400, 'UNKNOWN_CHILD', '提交的科室或地理围栏不属于该机构，请刷新后重试');
      await repo.syncDepartments(tx, id, deps, body.departments);
      await repo.syncGeofences(tx, id, fences, body.geofences.map(geofenceRow), now);
      const name = (list: { id: string; name: string }[], ids: string[]) =>
        list.filter((d) => ids.includes(d.id)).map((d) => d.name);
      await audit(
        ctx,
        'org.institution.update',
        {
          objectType: 'institution',
          objectId: id,
          details: {
            changes: changedFields(scalarFields(before), scalarFields(body)),
            departments: {
              removed: name(before.departments, deps.remove),
              added: deps.add.map((d) => d.name),
              after: body.departments.map((d) => (d.isMain ? `${d.name}（重点）` : d.name)),
            },
            geofences: {
              before: before.geofences.map(fenceSummary),
              after: body.geofences.map(fenceSummary),
            },
          },
        },
        tx,
      );
    })
    .catch((err: unknown) => {
      throw duplicateError(err) ?? err;
    });
  return getInstitution(ctx, id);
}

// ---------------------------------------------------------------------------------------
// Map boundary (MAP_BOUNDARY_GEOJSON)
// ---------------------------------------------------------------------------------------

let boundaryCache: { key: string; json: string } | null = null;

/** The configured boundary GeoJSON, converted to WGS-84 like every point on the map; read again when the file changes. */
export async function mapBoundary(ctx: Ctx): Promise<string> {
  const boundary = ctx.config.mapBoundary;
  if (!boundary)
    throw new AppError(
      404,
      'MAP_BOUNDARY_NOT_CONFIGURED',
      '未配置地图边界文件（MAP_BOUNDARY_GEOJSON），地图只显示机构点位',
    );
  const info = await stat(boundary.file).catch(() => null);
  if (!info)
    throw new AppError(404, 'MAP_BOUNDARY_MISSING', '地图边界文件不存在，请检查 MAP_BOUNDARY_GEOJSON 配置');
  const key = `${boundary.file}|${info.mtimeMs}|${info.size}|${boundary.crs}`;
  if (boundaryCache?.key === key) return boundaryCache.json;
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(boundary.file, 'utf8'));
  } catch {
    parsed = null;
  }
  const type = (parsed as { type?: unknown } | null)?.type;
  if (type !== 'FeatureCollection' && type !== 'Feature') {
    ctx.log.error({ file: boundary.file }, 'map boundary is not a GeoJSON Feature or FeatureCollection');
    throw new AppError(500, 'MAP_BOUNDARY_INVALID', '地图边界文件不是有效的 GeoJSON，请联系管理员');
  }
  const json = JSON.stringify(geoJsonToWgs84(parsed as object, boundary.crs));
  boundaryCache = { key, json };
  return json;
}

/** Institutions by exact name (names are unique), for importers that name them, e.g. pairings. */
export async function institutionIdsByName(ctx: Ctx, names: string[]): Promise<Map<string, string>> {
  const rows = await repo.institutionIdsByName(ctx.db, names);
  return new Map(rows.map((r) => [r.name, r.id]));
}
