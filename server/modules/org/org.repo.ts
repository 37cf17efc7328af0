import { and, asc, count, eq, ilike, inArray, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PageQuery } from '../../../shared/contracts/common';
import type { CountyContactKind } from '../../../shared/contracts/org';
import type { InstitutionCategory, InstitutionRole, InstitutionTier, Role } from '../../../shared/enums';
import type { Executor } from '../../db/client';
import {
  countyContacts,
  countyFlags,
  departments,
  geofences,
  institutions,
  pairings,
  regionCodeChanges,
  regions,
  users,
} from '../../db/schema';

const offset = (p: PageQuery) => (p.page - 1) * p.pageSize;

// ---------------------------------------------------------------------------------------
// Regions
// ---------------------------------------------------------------------------------------

export async function listRegions(db: Executor, q: PageQuery & { parentCode?: string; q?: string }) {
  const parent = alias(regions, 'parent');
  const where = and(
    isNull(regions.validTo),
    q.parentCode ? eq(regions.parentCode, q.parentCode) : undefined,
    q.q ? or(ilike(regions.name, `%${q.q}%`), ilike(regions.code, `${q.q}%`)) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db
      .select({
        code: regions.code,
        name: regions.name,
        level: regions.level,
        parentCode: regions.parentCode,
        parentName: parent.name,
      })
      .from(regions)
      .leftJoin(parent, eq(parent.code, regions.parentCode))
      .where(where)
      .orderBy(asc(regions.code))
      .limit(q.pageSize)
      .offset(offset(q)),
    db.select({ n: count() }).from(regions).where(where),
  ]);
  const flags = items.length
    ? await db
        .select()
        .from(countyFlags)
        .where(
          and(
            inArray(
              countyFlags.regionCode,
              items.map((r) => r.code),
            ),
            isNull(countyFlags.withdrawnAt),
          ),
        )
        .orderBy(asc(countyFlags.validFrom))
    : [];
  return {
    items: items.map((r) => ({ ...r, flags: flags.filter((f) => f.regionCode === r.code) })),
    total: total?.n ?? 0,
  };
}

export async function findRegion(db: Executor, code: string) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code));
  return row;
}

/** Lock a region's row for the rest of the transaction: edits of its flags and contacts queue behind each other. */
export async function lockRegion(db: Executor, code: string) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code)).for('update');
  return row;
}

export async function regionNames(db: Executor, codes: string[]) {
  if (!codes.length) return [];
  return db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, codes));
}

const creator = alias(users, 'creator');
const withdrawer = alias(users, 'withdrawer');

/** Every flag of a region, withdrawn ones included, with who entered and who withdrew each. */
export async function regionFlags(db: Executor, code: string, id?: string) {
  const rows = await db
    .select({
      id: countyFlags.id,
      regionCode: countyFlags.regionCode,
      flag: countyFlags.flag,
      validFrom: countyFlags.validFrom,
      validTo: countyFlags.validTo,
      example: countyFlags.example,
      source: countyFlags.source,
      createdAt: countyFlags.createdAt,
      createdByName: creator.displayName,
      withdrawnAt: countyFlags.withdrawnAt,
      withdrawnReason: countyFlags.withdrawnReason,
      withdrawnByName: withdrawer.displayName,
    })
    .from(countyFlags)
    .leftJoin(creator, eq(creator.id, countyFlags.createdBy))
    .leftJoin(withdrawer, eq(withdrawer.id, countyFlags.withdrawnBy))
    .where(and(eq(countyFlags.regionCode, code), id ? eq(countyFlags.id, id) : undefined))
    .orderBy(asc(countyFlags.flag), asc(countyFlags.validFrom), asc(countyFlags.createdAt));
  return rows;
}

export async function insertFlag(db: Executor, values: typeof countyFlags.$inferInsert): Promise<string> {
  const [row] = await db.insert(countyFlags).values(values).returning({ id: countyFlags.id });
  return row!.id;
}

/** Withdraw a standing flag; false if it was withdrawn meanwhile. */
export async function withdrawFlag(
  db: Executor,
  id: string,
  by: { at: Date; userId: string; reason: string },
): Promise<boolean> {
  const rows = await db
    .update(countyFlags)
    .set({ withdrawnAt: by.at, withdrawnReason: by.reason, withdrawnBy: by.userId })
    .where(and(eq(countyFlags.id, id), isNull(countyFlags.withdrawnAt)))
    .returning({ id: countyFlags.id });
  return rows.length > 0;
}

export async function regionCodeHistory(db: Executor, code: string) {
  return db
    .select()
    .from(regionCodeChanges)
    .where(or(eq(regionCodeChanges.oldCode, code), eq(regionCodeChanges.newCode, code)))
    .orderBy(asc(regionCodeChanges.changedOn));
}

const contactUser = alias(users, 'contact_user');

export async function regionContacts(db: Executor, code: string) {
  return db
    .select({
      id: countyContacts.id,
      kind: countyContacts.kind,
      name: countyContacts.name,
      title: countyContacts.title,
      userId: countyContacts.userId,
      userName: contactUser.displayName,
      validFrom: countyContacts.validFrom,
      validTo: countyContacts.validTo,
    })
    .from(countyContacts)
    .leftJoin(contactUser, eq(contactUser.id, countyContacts.userId))
    .where(eq(countyContacts.regionCode, code))
    .orderBy(asc(countyContacts.kind), asc(countyContacts.validFrom), asc(countyContacts.id));
}

export async function replaceContacts(
  db: Executor,
  code: string,
  rows: Omit<typeof countyContacts.$inferInsert, 'regionCode'>[],
) {
  await db.delete(countyContacts).where(eq(countyContacts.regionCode, code));
  if (rows.length) await db.insert(countyContacts).values(rows.map((r) => ({ ...r, regionCode: code })));
}

export async function usersByIds(db: Executor, ids: string[]) {
  if (!ids.length) return [];
  return db
    .select({ id: users.id, role: users.role, status: users.status, displayName: users.displayName })
    .from(users)
    .where(inArray(users.id, ids));
}

/** Active accounts of a role, for naming a county's contact. */
export async function contactCandidates(db: Executor, role: Role, q: string | undefined) {
  return db
    .select({ id: users.id, displayName: users.displayName, username: users.username })
    .from(users)
    .where(
      and(
        eq(users.role, role),
        eq(users.status, 'active'),
        q ? or(ilike(users.displayName, `%${q}%`), ilike(users.username, `%${q}%`)) : undefined,
      ),
    )
    .orderBy(asc(users.displayName))
    .limit(50);
}

export type ContactKind = CountyContactKind;

// ---------------------------------------------------------------------------------------
// Institutions
// ---------------------------------------------------------------------------------------

export interface InstitutionFilter {
  regionCode?: string;
  category?: InstitutionCategory;
  tier?: InstitutionTier;
  role?: InstitutionRole;
  q?: string;
  programmeId?: string;
}

async function filterWhere(db: Executor, scope: SQL, q: InstitutionFilter) {
  const regionPath = q.regionCode
    ? (await db.select({ path: regions.path }).from(regions).where(eq(regions.code, q.regionCode)))[0]?.path
    : undefined;
  return and(
    scope,
    q.regionCode ? sql`${regions.path} like ${`${regionPath ?? '/none/'}%`}` : undefined,
    q.category ? eq(institutions.category, q.category) : undefined,
    q.tier ? eq(institutions.tier, q.tier) : undefined,
    q.role ? eq(institutions.role, q.role) : undefined,
    q.q ? ilike(institutions.name, `%${q.q}%`) : undefined,
    // Taking part in a programme: on either side of one of its pairings.
    q.programmeId
      ? sql`exists (select 1 from ${pairings} where ${pairings.programmeId} = ${q.programmeId} and ${institutions.id} in (${pairings.supportingInstitutionId}, ${pairings.recipientInstitutionId}))`
      : undefined,
  );
}

export async function listInstitutions(db: Executor, scope: SQL, q: PageQuery & InstitutionFilter) {
  const where = await filterWhere(db, scope, q);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: institutions.id,
        name: institutions.name,
        category: institutions.category,
        tier: institutions.tier,
        grade: institutions.grade,
        role: institutions.role,
        regionCode: institutions.regionCode,
        regionName: regions.name,
        address: institutions.address,
      })
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where)
      .orderBy(asc(institutions.regionCode), asc(institutions.name))
      .limit(q.pageSize)
      .offset(offset(q)),
    db
      .select({ n: count() })
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** One point per geofence (WGS-84) of the institutions in scope matching the filters, up to `limit`. */
export async function mapPoints(db: Executor, scope: SQL, q: InstitutionFilter, limit: number) {
  const where = await filterWhere(db, scope, q);
  const [points, [unlocated]] = await Promise.all([
    db
      .select({
        id: institutions.id,
        name: institutions.name,
        category: institutions.category,
        tier: institutions.tier,
        role: institutions.role,
        regionName: regions.name,
        fenceName: geofences.name,
        lat: geofences.latWgs84,
        lng: geofences.lngWgs84,
      })
      .from(geofences)
      .innerJoin(institutions, eq(institutions.id, geofences.institutionId))
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where)
      .orderBy(asc(institutions.regionCode), asc(institutions.name), asc(geofences.createdAt))
      .limit(limit),
    db
      .select({ n: count() })
      .from(institutions)
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(
        and(
          where,
          sql`not exists (select 1 from ${geofences} where ${geofences.institutionId} = ${institutions.id})`,
        ),
      ),
  ]);
  return { points, unlocated: unlocated?.n ?? 0 };
}

/** One institution, only if it is in scope (S07): out of scope reads as not found. */
export async function findInstitution(db: Executor, scope: SQL, id: string) {
  const [row] = await db
    .select({
      id: institutions.id,
      name: institutions.name,
      creditCode: institutions.creditCode,
      category: institutions.category,
      tier: institutions.tier,
      grade: institutions.grade,
      role: institutions.role,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      regionPath: regions.path,
      address: institutions.address,
      createdAt: institutions.createdAt,
      updatedAt: institutions.updatedAt,
      version: institutions.version,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(and(eq(institutions.id, id), scope));
  return row;
}

export async function institutionDepartments(db: Executor, institutionId: string) {
  return db
    .select({ id: departments.id, name: departments.name, isMain: departments.isMain })
    .from(departments)
    .where(eq(departments.institutionId, institutionId))
    .orderBy(asc(departments.sort), asc(departments.name));
}

export async function institutionGeofences(db: Executor, institutionId: string) {
  return db
    .select({
      id: geofences.id,
      name: geofences.name,
      crs: geofences.crs,
      lat: geofences.lat,
      lng: geofences.lng,
      latWgs84: geofences.latWgs84,
      lngWgs84: geofences.lngWgs84,
      radiusM: geofences.radiusM,
    })
    .from(geofences)
    .where(eq(geofences.institutionId, institutionId))
    .orderBy(asc(geofences.createdAt), asc(geofences.id));
}

/** Another institution holding this name or credit code (both are unique). */
export async function institutionHolding(
  db: Executor,
  field: 'name' | 'creditCode',
  value: string,
  exceptId?: string,
) {
  const [row] = await db
    .select({ id: institutions.id, name: institutions.name })
    .from(institutions)
    .where(and(eq(institutions[field], value), exceptId ? ne(institutions.id, exceptId) : undefined));
  return row;
}

export async function insertInstitution(
  db: Executor,
  values: typeof institutions.$inferInsert,
): Promise<string> {
  const [row] = await db.insert(institutions).values(values).returning({ id: institutions.id });
  return row!.id;
}

/** Update only if the version is the one the editor loaded (S29) and the row is in scope; returns whether it was. */
export async function updateInstitutionVersioned(
  db: Executor,
  scope: SQL,
  id: string,
  version: number,
  set: Partial<typeof institutions.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(institutions)
    .set({ ...set, version: sql`${institutions.version} + 1` })
    .where(and(eq(institutions.id, id), eq(institutions.version, version), scope))
    .returning({ id: institutions.id });
  return rows.length > 0;
}

export type DepartmentInput = { id?: string; name: string; isMain: boolean };

/**
 * Replace an institution's departments with `listed`, in order. Kept rows are updated in
 * place; renamed ones are parked under a unique name first, since names are unique per
 * institution and an edit may swap two of them.
 */
export async function syncDepartments(
  db: Executor,
  institutionId: string,
  plan: { remove: string[]; keep: (DepartmentInput & { id: string })[] },
  listed: DepartmentInput[],
) {
  if (plan.remove.length) await db.delete(departments).where(inArray(departments.id, plan.remove));
  const stored = await db.select().from(departments).where(eq(departments.institutionId, institutionId));
  const renamed = plan.keep.filter((k) => stored.find((s) => s.id === k.id)?.name !== k.name);
  for (const r of renamed)
    await db
      .update(departments)
      .set({ name: `~${r.id}` })
      .where(eq(departments.id, r.id));
  const inserts: (typeof departments.$inferInsert)[] = [];
  for (const [sort, item] of listed.entries()) {
    if (!item.id) {
      inserts.push({ institutionId, name: item.name, isMain: item.isMain, sort });
      continue;
    }
    const before = stored.find((s) => s.id === item.id);
    if (!before || before.name !== item.name || before.isMain !== item.isMain || before.sort !== sort)
      await db
        .update(departments)
        .set({ name: item.name, isMain: item.isMain, sort })
        .where(eq(departments.id, item.id));
  }
  if (inserts.length) await db.insert(departments).values(inserts);
}

export type GeofenceRow = Omit<typeof geofences.$inferInsert, 'institutionId' | 'createdAt'>;

export async function syncGeofences(
  db: Executor,
  institutionId: string,
  plan: { remove: string[] },
  listed: GeofenceRow[],
  at: Date,
) {
  if (plan.remove.length) await db.delete(geofences).where(inArray(geofences.id, plan.remove));
  // Created one millisecond apart, so the listed order is the stored order.
  const inserts = listed
    .map((f, i) => ({ ...f, institutionId, createdAt: new Date(at.getTime() + i) }))
    .filter((f) => !f.id)
    .map(({ id: _, ...f }) => f);
  for (const f of listed) {
    if (!f.id) continue;
    const { id, ...set } = f;
    await db
      .update(geofences)
      .set(set)
      .where(and(eq(geofences.id, id), eq(geofences.institutionId, institutionId)));
  }
  if (inserts.length) await db.insert(geofences).values(inserts);
}

export async function childIds(db: Executor, institutionId: string) {
  const [d, g] = await Promise.all([
    db.select({ id: departments.id }).from(departments).where(eq(departments.institutionId, institutionId)),
    db.select({ id: geofences.id }).from(geofences).where(eq(geofences.institutionId, institutionId)),
  ]);
  return { departments: d.map((r) => r.id), geofences: g.map((r) => r.id) };
}

// ---------------------------------------------------------------------------------------
// Excel import and export (org.import.ts, org.export.ts): batched, for files of thousands of rows
// ---------------------------------------------------------------------------------------

/** `in (…)` over many values, in parts that stay well within the driver's parameter limit. */
async function inParts<T, R>(values: T[], run: (part: T[]) => Promise<R[]>, size = 5000): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < values.length; i += size) out.push(...(await run(values.slice(i, i + size))));
  return out;
}

const rowsOf = (result: unknown) => (result as { rows: unknown[] }).rows;

export async function regionsByCodes(db: Executor, codes: string[]) {
  return inParts([...new Set(codes)], (part) =>
    db
      .select({ code: regions.code, name: regions.name, path: regions.path, validTo: regions.validTo })
      .from(regions)
      .where(inArray(regions.code, part)),
  );
}

/** Institutions holding any of the names or credit codes, with whether each lies in the caller's scope. */
export async function institutionsByNameOrCode(db: Executor, scope: SQL, names: string[], codes: string[]) {
  const columns = {
    id: institutions.id,
    name: institutions.name,
    creditCode: institutions.creditCode,
    category: institutions.category,
    tier: institutions.tier,
    grade: institutions.grade,
    role: institutions.role,
    regionCode: institutions.regionCode,
    address: institutions.address,
    version: institutions.version,
    inScope: sql<boolean>`coalesce(${scope}, false)`,
  };
  const byName = await inParts([...new Set(names)], (part) =>
    db.select(columns).from(institutions).where(inArray(institutions.name, part)),
  );
  const byCode = await inParts([...new Set(codes)], (part) =>
    db.select(columns).from(institutions).where(inArray(institutions.creditCode, part)),
  );
  return [...new Map([...byName, ...byCode].map((r) => [r.id, r])).values()];
}

export async function departmentsOfInstitutions(db: Executor, ids: string[]) {
  return inParts([...new Set(ids)], (part) =>
    db
      .select({
        id: departments.id,
        institutionId: departments.institutionId,
        name: departments.name,
        isMain: departments.isMain,
        sort: departments.sort,
      })
      .from(departments)
      .where(inArray(departments.institutionId, part)),
  );
}

export async function geofencesOfInstitutions(db: Executor, ids: string[]) {
  return inParts([...new Set(ids)], (part) =>
    db
      .select({
        id: geofences.id,
        institutionId: geofences.institutionId,
        name: geofences.name,
        crs: geofences.crs,
        lat: geofences.lat,
        lng: geofences.lng,
        radiusM: geofences.radiusM,
      })
      .from(geofences)
      .where(inArray(geofences.institutionId, part)),
  );
}

export async function insertInstitutions(db: Executor, rows: (typeof institutions.$inferInsert)[]) {
  return inParts(
    rows,
    (part) =>
      db.insert(institutions).values(part).returning({ id: institutions.id, name: institutions.name }),
    1000,
  );
}

export type InstitutionFields = Pick<
  typeof institutions.$inferSelect,
  'name' | 'creditCode' | 'category' | 'tier' | 'grade' | 'role' | 'regionCode' | 'address'
>;

/**
 * Update many institutions, each only at the version read (S29); returns how many were. A
 * count short of the rows given means someone saved one of them meanwhile.
 */
export async function updateInstitutionsVersioned(
  db: Executor,
  rows: (InstitutionFields & { id: string; version: number })[],
  at: Date,
): Promise<number> {
  const updated = await inParts(
    rows,
    async (part) => {
      const values = sql.join(
        part.map(
          (r) =>
            sql`(${r.id}::uuid, ${r.version}::int, ${r.name}::text, ${r.creditCode}::varchar, ${r.category}::text, ${r.tier}::text, ${r.grade}::text, ${r.role}::text, ${r.regionCode}::varchar, ${r.address}::text)`,
        ),
        sql`, `,
      );
      return rowsOf(
        await db.execute(sql`update ${institutions} as i set
          name = v.name, credit_code = v.credit_code, category = v.category, tier = v.tier, grade = v.grade,
          role = v.role, region_code = v.region_code, address = v.address,
          updated_at = ${at.toISOString()}::timestamptz, version = i.version + 1
          from (values ${values}) as v(id, version, name, credit_code, category, tier, grade, role, region_code, address)
          where i.id = v.id and i.version = v.version
          returning i.id`),
      );
    },
    1000,
  );
  return updated.length;
}

export async function insertDepartments(db: Executor, rows: (typeof departments.$inferInsert)[]) {
  await inParts(rows, (part) => db.insert(departments).values(part).returning({ id: departments.id }), 1000);
}

export async function updateDepartmentsMain(db: Executor, rows: { id: string; isMain: boolean }[]) {
  await inParts(
    rows,
    async (part) => {
      const values = sql.join(
        part.map((r) => sql`(${r.id}::uuid, ${r.isMain}::boolean)`),
        sql`, `,
      );
      return rowsOf(
        await db.execute(sql`update ${departments} as d set is_main = v.is_main
          from (values ${values}) as v(id, is_main) where d.id = v.id returning d.id`),
      );
    },
    1000,
  );
}

export async function insertGeofences(db: Executor, rows: (typeof geofences.$inferInsert)[]) {
  await inParts(rows, (part) => db.insert(geofences).values(part).returning({ id: geofences.id }), 1000);
}

export async function updateGeofencePoints(
  db: Executor,
  rows: Pick<
    typeof geofences.$inferSelect,
    'id' | 'crs' | 'lat' | 'lng' | 'latWgs84' | 'lngWgs84' | 'radiusM'
  >[],
) {
  await inParts(
    rows,
    async (part) => {
      const values = sql.join(
        part.map(
          (r) =>
            sql`(${r.id}::uuid, ${r.crs}::text, ${r.lat}::float8, ${r.lng}::float8, ${r.latWgs84}::float8, ${r.lngWgs84}::float8, ${r.radiusM}::int)`,
        ),
        sql`, `,
      );
      return rowsOf(
        await db.execute(sql`update ${geofences} as g set crs = v.crs, lat = v.lat, lng = v.lng,
          lat_wgs84 = v.lat_wgs84, lng_wgs84 = v.lng_wgs84, radius_m = v.radius_m
          from (values ${values}) as v(id, crs, lat, lng, lat_wgs84, lng_wgs84, radius_m)
          where g.id = v.id returning g.id`),
      );
    },
    1000,
  );
}

/** Ids of institutions by exact name (names are unique). */
export async function institutionIdsByName(db: Executor, names: string[]) {
  return inParts([...new Set(names)], (part) =>
    db
      .select({ id: institutions.id, name: institutions.name })
      .from(institutions)
      .where(inArray(institutions.name, part)),
  );
}

/** The list's institutions in scope with their filters, unpaged, for the export; at most `limit`. */
export async function institutionsForExport(db: Executor, scope: SQL, q: InstitutionFilter, limit: number) {
  const where = await filterWhere(db, scope, q);
  return db
    .select({
      id: institutions.id,
      name: institutions.name,
      creditCode: institutions.creditCode,
      category: institutions.category,
      tier: institutions.tier,
      grade: institutions.grade,
      role: institutions.role,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      address: institutions.address,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(where)
    .orderBy(asc(institutions.regionCode), asc(institutions.name))
    .limit(limit);
}

/** The departments and geofences of the same institutions, in the same order. */
export async function childrenForExport(db: Executor, scope: SQL, q: InstitutionFilter) {
  const where = await filterWhere(db, scope, q);
  const [deps, fences] = await Promise.all([
    db
      .select({ institutionName: institutions.name, name: departments.name, isMain: departments.isMain })
      .from(departments)
      .innerJoin(institutions, eq(institutions.id, departments.institutionId))
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where)
      .orderBy(
        asc(institutions.regionCode),
        asc(institutions.name),
        asc(departments.sort),
        asc(departments.name),
      ),
    db
      .select({
        institutionName: institutions.name,
        name: geofences.name,
        crs: geofences.crs,
        lat: geofences.lat,
        lng: geofences.lng,
        radiusM: geofences.radiusM,
      })
      .from(geofences)
      .innerJoin(institutions, eq(institutions.id, geofences.institutionId))
      .innerJoin(regions, eq(regions.code, institutions.regionCode))
      .where(where)
      .orderBy(
        asc(institutions.regionCode),
        asc(institutions.name),
        asc(geofences.createdAt),
        asc(geofences.id),
      ),
  ]);
  return { departments: deps, geofences: fences };
}
