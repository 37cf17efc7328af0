import { and, asc, count, eq, ilike, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { PageQuery } from '../../../shared/contracts/common';
import type { InstitutionCategory, InstitutionRole } from '../../../shared/enums';
import type { Executor } from '../../db/client';
import { countyFlags, institutions, regions } from '../../db/schema';

const offset = (p: PageQuery) => (p.page - 1) * p.pageSize;

export async function listRegions(db: Executor, q: PageQuery & { parentCode?: string; q?: string }) {
  const where = and(
    isNull(regions.validTo),
    q.parentCode ? eq(regions.parentCode, q.parentCode) : undefined,
    q.q ? or(ilike(regions.name, `%${q.q}%`), ilike(regions.code, `${q.q}%`)) : undefined,
  );
  const [items, [total]] = await Promise.all([
    db.select().from(regions).where(where).orderBy(asc(regions.code)).limit(q.pageSize).offset(offset(q)),
    db.select({ n: count() }).from(regions).where(where),
  ]);
  const flags = items.length
    ? await db
        .select()
        .from(countyFlags)
        .where(
          inArray(
            countyFlags.regionCode,
            items.map((r) => r.code),
          ),
        )
        .orderBy(asc(countyFlags.validFrom))
    : [];
  return {
    items: items.map((r) => ({ ...r, flags: flags.filter((f) => f.regionCode === r.code) })),
    total: total?.n ?? 0,
  };
}

export async function listInstitutions(
  db: Executor,
  scope: SQL,
  q: PageQuery & { regionCode?: string; category?: InstitutionCategory; role?: InstitutionRole; q?: string },
) {
  const regionPath = q.regionCode
    ? (await db.select({ path: regions.path }).from(regions).where(eq(regions.code, q.regionCode)))[0]?.path
    : undefined;
  const where = and(
    scope,
    q.regionCode ? ilike(regions.path, `${regionPath ?? '/none/'}%`) : undefined,
    q.category ? eq(institutions.category, q.category) : undefined,
    q.role ? eq(institutions.role, q.role) : undefined,
    q.q ? ilike(institutions.name, `%${q.q}%`) : undefined,
  );
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
