import type { z } from 'zod';
import type { InstitutionListQuery, RegionDto, RegionListQuery } from '../../../shared/contracts/org';
import { institutions } from '../../db/schema';
import { type Ctx, requireUser } from '../../platform/context';
import { institutionScope } from '../../platform/scope';
import * as repo from './org.repo';

/** Regions are reference data: any user allowed to read org data sees the whole tree. */
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
        flags: r.flags.map((f) => ({
          flag: f.flag,
          validFrom: f.validFrom,
          validTo: f.validTo,
          example: f.example,
        })),
      }),
    ),
  };
}

/** Institutions within the caller's scope (S07), filtered in the query. */
export async function listInstitutions(ctx: Ctx, query: z.infer<typeof InstitutionListQuery>) {
  const user = requireUser(ctx);
  const scope = institutionScope(user, {
    regionCode: institutions.regionCode,
    institutionId: institutions.id,
  });
  return repo.listInstitutions(ctx.db, scope, query);
}
