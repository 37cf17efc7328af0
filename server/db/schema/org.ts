import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import {
  CountyFlag,
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
  RegionLevel,
} from '../../../shared/enums';
import { createdAt, id, oneOf, updatedAt, version } from './columns';

/**
 * GB/T 2260 regions: the nation, provinces, prefectures and (for the home province)
 * counties. `path` lists the codes from the root, `/000000/510000/513400/513431/`, so a
 * subtree is one prefix match in the query (scope, S07). Retired codes stay with `valid_to` set.
 */
export const regions = pgTable(
  'regions',
  {
    code: varchar('code', { length: 6 }).primaryKey(),
    name: text('name').notNull(),
    level: text('level', { enum: RegionLevel.values }).notNull(),
    parentCode: varchar('parent_code', { length: 6 }),
    path: text('path').notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
  },
  (t) => [
    check('regions_level', oneOf('level', RegionLevel.values)),
    check('regions_code_digits', sql`code ~ '^[0-9]{6}$'`),
    check('regions_valid_range', sql`valid_to is null or valid_from is null or valid_to >= valid_from`),
    foreignKey({ columns: [t.parentCode], foreignColumns: [t.code], name: 'regions_parent_fk' }),
    index('regions_parent').on(t.parentCode),
    index('regions_path').on(t.path.op('text_pattern_ops')),
  ],
);

/** Code history: renames, upgrades (县→市), transfers between prefectures, merges. */
export const regionCodeChanges = pgTable(
  'region_code_changes',
  {
    id: id(),
    oldCode: varchar('old_code', { length: 6 }).notNull(),
    oldName: text('old_name').notNull(),
    newCode: varchar('new_code', { length: 6 }).notNull(),
    newName: text('new_name').notNull(),
    changedOn: date('changed_on').notNull(),
    note: text('note'),
  },
  (t) => [uniqueIndex('region_code_changes_unique').on(t.oldCode, t.newCode, t.changedOn)],
);

/** County flags with validity dates; `example` marks demo data (labelled 示例 on screen). */
export const countyFlags = pgTable(
  'county_flags',
  {
    id: id(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    flag: text('flag', { enum: CountyFlag.values }).notNull(),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    example: boolean('example').notNull().default(false),
    source: text('source'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    /** a flag entered in error is withdrawn, not deleted: the history stays readable */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    /** who withdrew it: kept on the row, since audit events may be purged after their retention */
    withdrawnBy: uuid('withdrawn_by'),
  },
  (t) => [
    check('county_flags_flag', oneOf('flag', CountyFlag.values)),
    check('county_flags_valid_range', sql`valid_to is null or valid_to >= valid_from`),
    // A withdrawn flag may be entered again correctly.
    uniqueIndex('county_flags_unique').on(t.regionCode, t.flag, t.validFrom).where(sql`withdrawn_at is null`),
    check('county_flags_withdrawal', sql`(withdrawn_at is null) = (withdrawn_reason is null)`),
  ],
);

/**
 * Institutions. `regionCode` is the node of the org tree the institution belongs to:
 * a county, a prefecture, or the province itself for province-level and central
 * institutions (委直属 / 中央在川); out-of-province supporters sit under their own prefecture.
 */
export const institutions = pgTable(
  'institutions',
  {
    id: id(),
    name: text('name').notNull(),
    creditCode: varchar('credit_code', { length: 18 }),
    category: text('category', { enum: InstitutionCategory.values }).notNull(),
    tier: text('tier', { enum: InstitutionTier.values }).notNull(),
    grade: text('grade', { enum: InstitutionGrade.values }).notNull().default('none'),
    role: text('role', { enum: InstitutionRole.values }).notNull(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    address: text('address'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('institutions_category', oneOf('category', InstitutionCategory.values)),
    check('institutions_tier', oneOf('tier', InstitutionTier.values)),
    check('institutions_grade', oneOf('grade', InstitutionGrade.values)),
    check('institutions_role', oneOf('role', InstitutionRole.values)),
    uniqueIndex('institutions_name').on(t.name),
    uniqueIndex('institutions_credit_code').on(t.creditCode),
    index('institutions_region').on(t.regionCode),
  ],
);

/** Departments (科室) of an institution; main departments (重点科室) carry targets (P08, P14). */
export const departments = pgTable(
  'departments',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    isMain: boolean('is_main').notNull().default(false),
    sort: integer('sort').notNull().default(0),
  },
  (t) => [uniqueIndex('departments_name').on(t.institutionId, t.name)],
);

export const COORDINATE_SYSTEMS = ['wgs84', 'gcj02', 'bd09'] as const;

/**
 * Geofences of an institution. The point is kept as entered, with its coordinate system
 * (a point copied from 高德 is GCJ-02, from 百度 BD-09, hundreds of metres off WGS-84), and
 * converted to WGS-84, in which every comparison is made.
 */
export const geofences = pgTable(
  'geofences',
  {
    id: id(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    crs: text('crs', { enum: COORDINATE_SYSTEMS }).notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    latWgs84: doublePrecision('lat_wgs84').notNull(),
    lngWgs84: doublePrecision('lng_wgs84').notNull(),
    radiusM: integer('radius_m').notNull().default(500),
    createdAt: createdAt(),
  },
  (t) => [
    check('geofences_crs', oneOf('crs', COORDINATE_SYSTEMS)),
    check('geofences_radius', sql`radius_m between 50 and 5000`),
    check('geofences_lat', sql`lat between -90 and 90 and lat_wgs84 between -90 and 90`),
    check('geofences_lng', sql`lng between -180 and 180 and lng_wgs84 between -180 and 180`),
    index('geofences_institution').on(t.institutionId),
  ],
);

export const COUNTY_CONTACT_KINDS = ['contact_leader', 'liaison'] as const;

/** A county's 定点联系领导 (commission leader) and 驻点负责人 (liaison), dated. */
export const countyContacts = pgTable(
  'county_contacts',
  {
    id: id(),
    regionCode: varchar('region_code', { length: 6 })
      .notNull()
      .references(() => regions.code),
    kind: text('kind', { enum: COUNTY_CONTACT_KINDS }).notNull(),
    userId: uuid('user_id'),
    name: text('name').notNull(),
    title: text('title'),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to'),
    createdAt: createdAt(),
  },
  (t) => [
    check('county_contacts_kind', oneOf('kind', COUNTY_CONTACT_KINDS)),
    check('county_contacts_valid_range', sql`valid_to is null or valid_to >= valid_from`),
    index('county_contacts_region').on(t.regionCode),
  ],
);
