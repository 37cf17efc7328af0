import { and, eq, inArray, isNull, like, type SQL, sql } from 'drizzle-orm';
import type { CountyFlag } from '../../../shared/enums';
import type { Executor } from '../../db/client';
import { countyFlags, institutions, regions } from '../../db/schema';

/**
 * Read-only facts about institutions and regions that other modules judge rules by
 * (pairings: P01 scope, P02 deep poverty). Written for the pairing module; kept apart from
 * the org module's own service so the two can change independently.
 */

export interface InstitutionFacts {
  id: string;
  name: string;
  category: (typeof institutions.$inferSelect)['category'];
  tier: (typeof institutions.$inferSelect)['tier'];
  role: (typeof institutions.$inferSelect)['role'];
  regionCode: string;
  regionName: string;
  /** `/000000/510000/513400/513431/` */
  regionPath: string;
}

export async function institutionFacts(db: Executor, ids: string[]): Promise<Map<string, InstitutionFacts>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: institutions.id,
      name: institutions.name,
      category: institutions.category,
      tier: institutions.tier,
      role: institutions.role,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      regionPath: regions.path,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(inArray(institutions.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The flags of a region with their validity; withdrawn flags (entered in error) never count. */
export async function regionFlags(db: Executor, regionCode: string) {
  return db
    .select({ flag: countyFlags.flag, validFrom: countyFlags.validFrom, validTo: countyFlags.validTo })
    .from(countyFlags)
    .where(and(eq(countyFlags.regionCode, regionCode), isNull(countyFlags.withdrawnAt)));
}

/**
 * Institutions at the given tiers whose region ever carried (and did not withdraw) one of
 * the flags, under a region path, within a scope filter on `institutions`.
 */
export async function institutionsInFlaggedRegions(
  db: Executor,
  opts: { flags: CountyFlag[]; tiers: string[]; underPath?: string; scope: SQL },
) {
  if (!opts.flags.length || !opts.tiers.length) return [];
  return db
    .select({
      id: institutions.id,
      name: institutions.name,
      category: institutions.category,
      tier: institutions.tier,
      regionCode: institutions.regionCode,
      regionName: regions.name,
      regionPath: regions.path,
    })
    .from(institutions)
    .innerJoin(regions, eq(regions.code, institutions.regionCode))
    .where(
      and(
        opts.scope,
        inArray(institutions.tier, opts.tiers as InstitutionFacts['tier'][]),
        inArray(institutions.role, ['recipient', 'both']),
        opts.underPath ? like(regions.path, `${opts.underPath}%`) : undefined,
        sql`exists (select 1 from ${countyFlags} f where f.region_code = ${institutions.regionCode}
          and f.withdrawn_at is null and f.flag in (${sql.join(
            opts.flags.map((f) => sql`${f}`),
            sql`, `,
          )}))`,
      ),
    );
}

/** Regions that ever carried (and did not withdraw) a flag, among the given codes. */
export async function regionsEverFlagged(
  db: Executor,
  codes: string[],
  flag: CountyFlag,
): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db
    .selectDistinct({ code: countyFlags.regionCode })
    .from(countyFlags)
    .where(
      and(
        inArray(countyFlags.regionCode, codes),
        eq(countyFlags.flag, flag),
        isNull(countyFlags.withdrawnAt),
      ),
    );
  return new Set(rows.map((r) => r.code));
}

/** Names of regions by code (prefectures of an overview). */
export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const rows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, [...new Set(codes)]));
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The path of a region, for subtree filters. */
export async function regionPath(db: Executor, code: string): Promise<string | null> {
  const [row] = await db.select({ path: regions.path }).from(regions).where(eq(regions.code, code));
  return row?.path ?? null;
}
