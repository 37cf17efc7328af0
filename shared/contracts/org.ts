import { z } from 'zod';
import {
  CountyFlag,
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
  RegionLevel,
} from '../enums';
import { PageQuery } from './common';

export const RegionDto = z.object({
  code: z.string().length(6),
  name: z.string(),
  level: z.enum(RegionLevel.values),
  parentCode: z.string().nullable(),
  flags: z.array(
    z.object({
      flag: z.enum(CountyFlag.values),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      example: z.boolean(),
    }),
  ),
});
export type RegionDto = z.infer<typeof RegionDto>;

export const RegionListQuery = PageQuery.extend({
  parentCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
  q: z.string().trim().max(50).optional(),
});

export const InstitutionDto = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.enum(InstitutionCategory.values),
  tier: z.enum(InstitutionTier.values),
  grade: z.enum(InstitutionGrade.values),
  role: z.enum(InstitutionRole.values),
  regionCode: z.string(),
  regionName: z.string(),
  address: z.string().nullable(),
});
export type InstitutionDto = z.infer<typeof InstitutionDto>;

export const InstitutionListQuery = PageQuery.extend({
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
  category: z.enum(InstitutionCategory.values).optional(),
  role: z.enum(InstitutionRole.values).optional(),
  q: z.string().trim().max(50).optional(),
});
