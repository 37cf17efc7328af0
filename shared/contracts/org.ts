import { z } from 'zod';
import { checkCreditCode } from '../credit-code';
import {
  CountyFlag,
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
  RegionLevel,
} from '../enums';
import { CRS_VALUES } from '../geo';
import { IsoDate, PageQuery } from './common';

const regionCode = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');

// ---------------------------------------------------------------------------------------
// Regions and county flags
// ---------------------------------------------------------------------------------------

export const RegionDto = z.object({
  code: z.string().length(6),
  name: z.string(),
  level: z.enum(RegionLevel.values),
  parentCode: z.string().nullable(),
  /** the parent's name, to tell apart regions of the same name (东区, 城关镇 …) */
  parentName: z.string().nullable(),
  /** flags in the record (withdrawn ones left out; `GET /api/regions/:code` lists those too) */
  flags: z.array(
    z.object({
      id: z.uuid(),
      flag: z.enum(CountyFlag.values),
      validFrom: z.string(),
      validTo: z.string().nullable(),
      example: z.boolean(),
    }),
  ),
});
export type RegionDto = z.infer<typeof RegionDto>;

export const RegionListQuery = PageQuery.extend({
  parentCode: regionCode.optional(),
  q: z.string().trim().max(50).optional(),
});

export const RegionCodeParams = z.object({ code: regionCode });
export const CountyFlagParams = z.object({ code: regionCode, id: z.uuid() });

export const CountyFlagDto = z.object({
  id: z.uuid(),
  flag: z.enum(CountyFlag.values),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  example: z.boolean(),
  source: z.string().nullable(),
  createdAt: z.string(),
  /** who entered it; null for seeded reference data */
  createdByName: z.string().nullable(),
  /** a withdrawn flag stays in the history with when, why and by whom */
  withdrawnAt: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
});
export type CountyFlagDto = z.infer<typeof CountyFlagDto>;

export const COUNTY_CONTACT_KINDS = ['contact_leader', 'liaison'] as const;
export type CountyContactKind = (typeof COUNTY_CONTACT_KINDS)[number];

export const CountyContactDto = z.object({
  id: z.uuid(),
  kind: z.enum(COUNTY_CONTACT_KINDS),
  name: z.string(),
  title: z.string().nullable(),
  userId: z.uuid().nullable(),
  /** the linked account's display name, when there is one */
  userName: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
});
export type CountyContactDto = z.infer<typeof CountyContactDto>;

export const RegionCodeChangeDto = z.object({
  id: z.uuid(),
  oldCode: z.string(),
  oldName: z.string(),
  newCode: z.string(),
  newName: z.string(),
  changedOn: z.string(),
  note: z.string().nullable(),
});
export type RegionCodeChangeDto = z.infer<typeof RegionCodeChangeDto>;

export const RegionDetailDto = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(RegionLevel.values),
  parentCode: z.string().nullable(),
  /** from the root down to the parent */
  ancestors: z.array(z.object({ code: z.string(), name: z.string() })),
  validFrom: z.string().nullable(),
  /** set when the code was retired */
  validTo: z.string().nullable(),
  flags: z.array(CountyFlagDto),
  /** changes where this code is the old or the new one */
  codeHistory: z.array(RegionCodeChangeDto),
  contacts: z.array(CountyContactDto),
  /** optimistic lock of the contacts list (S29): send it back with `PUT …/contacts` */
  contactsVersion: z.string(),
});
export type RegionDetailDto = z.infer<typeof RegionDetailDto>;

const dateRange = <T extends { validFrom: string; validTo: string | null }>(v: T) =>
  v.validTo === null || v.validTo >= v.validFrom;
const RANGE_MESSAGE = { message: '结束日期不能早于开始日期', path: ['validTo'] };

export const AddCountyFlagBody = z
  .strictObject({
    flag: z.enum(CountyFlag.values),
    validFrom: IsoDate,
    validTo: IsoDate.nullable().default(null),
    source: z.string().trim().max(200).nullable().default(null),
  })
  .refine(dateRange, RANGE_MESSAGE);
export type AddCountyFlagBody = z.infer<typeof AddCountyFlagBody>;

export const WithdrawCountyFlagBody = z.strictObject({
  reason: z.string().trim().min(2, '请填写撤回原因（至少2个字）').max(500),
});

export const CountyContactInput = z
  .strictObject({
    kind: z.enum(COUNTY_CONTACT_KINDS),
    name: z.string().trim().min(1, '请输入姓名').max(50),
    title: z.string().trim().max(100).nullable().default(null),
    userId: z.uuid().nullable().default(null),
    validFrom: IsoDate,
    validTo: IsoDate.nullable().default(null),
  })
  .refine(dateRange, RANGE_MESSAGE);

/** The whole list of a county's contacts, past and present: it replaces what is stored. */
export const ReplaceCountyContactsBody = z.strictObject({
  contacts: z.array(CountyContactInput).max(50),
  version: z.string().max(100),
});
export type ReplaceCountyContactsBody = z.infer<typeof ReplaceCountyContactsBody>;

export const ContactCandidatesQuery = z.object({
  kind: z.enum(COUNTY_CONTACT_KINDS),
  q: z.string().trim().max(50).optional(),
});
export const ContactCandidateDto = z.object({ id: z.uuid(), displayName: z.string(), username: z.string() });

// ---------------------------------------------------------------------------------------
// Institutions, departments, geofences
// ---------------------------------------------------------------------------------------

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

const institutionFilters = {
  regionCode: regionCode.optional(),
  category: z.enum(InstitutionCategory.values).optional(),
  tier: z.enum(InstitutionTier.values).optional(),
  role: z.enum(InstitutionRole.values).optional(),
  q: z.string().trim().max(50).optional(),
  /** institutions on either side of a pairing of this programme */
  programmeId: z.uuid().optional(),
};

export const InstitutionListQuery = PageQuery.extend(institutionFilters);
export const InstitutionMapQuery = z.object(institutionFilters);

export const DepartmentDto = z.object({
  id: z.uuid(),
  name: z.string(),
  /** 重点科室: carries targets (P08, P14) */
  isMain: z.boolean(),
});
export type DepartmentDto = z.infer<typeof DepartmentDto>;

export const GeofenceDto = z.object({
  id: z.uuid(),
  name: z.string(),
  /** the point as entered, in its coordinate system */
  crs: z.enum(CRS_VALUES),
  lat: z.number(),
  lng: z.number(),
  /** the same point in WGS-84, in which punches are compared */
  latWgs84: z.number(),
  lngWgs84: z.number(),
  radiusM: z.number().int(),
});
export type GeofenceDto = z.infer<typeof GeofenceDto>;

export const InstitutionDetailDto = InstitutionDto.extend({
  creditCode: z.string().nullable(),
  /** e.g. `四川省 / 凉山彝族自治州 / 昭觉县` */
  regionPathName: z.string(),
  departments: z.array(DepartmentDto),
  geofences: z.array(GeofenceDto),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type InstitutionDetailDto = z.infer<typeof InstitutionDetailDto>;

export const GEOFENCE_RADIUS = { min: 50, max: 5000, default: 500 } as const;

const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const result = checkCreditCode(value);
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.reason });
  });

const departmentFields = {
  name: z.string().trim().min(1, '请输入科室名称').max(50, '科室名称最多50个字'),
  isMain: z.boolean().default(false),
};
const geofenceFields = {
  name: z.string().trim().min(1, '请输入围栏名称').max(50, '围栏名称最多50个字'),
  crs: z.enum(CRS_VALUES),
  lat: z.number().min(-90, '纬度应在 -90 至 90 之间').max(90, '纬度应在 -90 至 90 之间'),
  lng: z.number().min(-180, '经度应在 -180 至 180 之间').max(180, '经度应在 -180 至 180 之间'),
  radiusM: z
    .number()
    .int('半径应为整数米')
    .min(GEOFENCE_RADIUS.min, `半径不能小于${GEOFENCE_RADIUS.min}米`)
    .max(GEOFENCE_RADIUS.max, `半径不能大于${GEOFENCE_RADIUS.max}米`)
    .default(GEOFENCE_RADIUS.default),
};

function uniqueNames<T extends { name: string }>(what: string) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.name))
        ctx.addIssue({ code: 'custom', message: `${what}“${item.name}”重复`, path: [i, 'name'] });
      seen.add(item.name);
    });
  };
}

/**
 * The fields an editor may set (S08 allowlist): no id, version or timestamps; unknown
 * keys are refused (S21). Departments and geofences replace the stored lists.
 */
const institutionFields = {
  name: z.string().trim().min(2, '机构名称至少2个字').max(100, '机构名称最多100个字'),
  creditCode: creditCode.nullable().default(null),
  category: z.enum(InstitutionCategory.values),
  tier: z.enum(InstitutionTier.values),
  grade: z.enum(InstitutionGrade.values).default('none'),
  role: z.enum(InstitutionRole.values),
  regionCode,
  address: z.string().trim().max(200, '地址最多200个字').nullable().default(null),
};

export const CreateInstitutionBody = z.strictObject({
  ...institutionFields,
  departments: z
    .array(z.strictObject(departmentFields))
    .max(200)
    .default([])
    .superRefine(uniqueNames('科室')),
  geofences: z.array(z.strictObject(geofenceFields)).max(20).default([]).superRefine(uniqueNames('围栏')),
});
export type CreateInstitutionBody = z.infer<typeof CreateInstitutionBody>;

/** As create, plus the version loaded (S29); listed departments and fences keep their id. */
export const UpdateInstitutionBody = z.strictObject({
  ...institutionFields,
  departments: z
    .array(z.strictObject({ id: z.uuid().optional(), ...departmentFields }))
    .max(200)
    .default([])
    .superRefine(uniqueNames('科室')),
  geofences: z
    .array(z.strictObject({ id: z.uuid().optional(), ...geofenceFields }))
    .max(20)
    .default([])
    .superRefine(uniqueNames('围栏')),
  version: z.number().int(),
});
export type UpdateInstitutionBody = z.infer<typeof UpdateInstitutionBody>;

/** One point per geofence of each institution in scope, in WGS-84. */
export const InstitutionMapPointDto = z.object({
  /** the institution's id */
  id: z.uuid(),
  name: z.string(),
  category: z.enum(InstitutionCategory.values),
  tier: z.enum(InstitutionTier.values),
  role: z.enum(InstitutionRole.values),
  regionName: z.string(),
  fenceName: z.string(),
  lat: z.number(),
  lng: z.number(),
});
export type InstitutionMapPointDto = z.infer<typeof InstitutionMapPointDto>;

export const MAP_POINT_LIMIT = 20_000;

export const InstitutionMapDto = z.object({
  items: z.array(InstitutionMapPointDto),
  total: z.number().int(),
  /** institutions matching the filters that have no geofence yet (not plotted) */
  unlocated: z.number().int(),
  /** more than MAP_POINT_LIMIT points matched: narrow the filters */
  truncated: z.boolean(),
});
export type InstitutionMapDto = z.infer<typeof InstitutionMapDto>;
