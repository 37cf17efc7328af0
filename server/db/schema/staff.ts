import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { Gender, PostType, StaffSide, TitleSeries } from '../../../shared/enums';
import { TITLES } from '../../../shared/policy/schema';
import { createdAt, id, oneOf, updatedAt, version } from './columns';
import { users } from './iam';
import { institutions } from './org';

/**
 * Staff (人员): support staff of supporting institutions and recipient staff of recipient
 * institutions. The national ID number and the phone are personal information (PIPL): kept
 * SM4-encrypted (S15), found through an HMAC-SM3 blind index (uniqueness, exact search), and
 * shown masked; the masked forms are stored so lists never decrypt.
 */
export const staff = pgTable(
  'staff',
  {
    id: id(),
    side: text('side', { enum: StaffSide.values }).notNull(),
    /** may hold `·` and long Yi and Tibetan names */
    name: text('name').notNull(),
    gender: text('gender', { enum: Gender.values }).notNull(),
    /** derived from the ID number (GB 11643) */
    birthDate: date('birth_date').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberIndex: varchar('id_number_index', { length: 64 }).notNull(),
    /** `110105********002X` */
    idNumberMasked: varchar('id_number_masked', { length: 18 }).notNull(),
    phoneEnc: text('phone_enc'),
    phoneIndex: varchar('phone_index', { length: 64 }),
    /** `138****5678` */
    phoneMasked: varchar('phone_masked', { length: 20 }),
    /** the home institution (工作单位) */
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    department: text('department'),
    specialty: text('specialty'),
    title: text('title', { enum: TITLES }).notNull(),
    titleSeries: text('title_series', { enum: TitleSeries.values }),
    postType: text('post_type', { enum: PostType.values }).notNull(),
    /** the date the person started work; years of service are derived */
    workStartedOn: date('work_started_on'),
    /** 执业证书 type (e.g. 医师执业证书) and number */
    qualificationType: text('qualification_type'),
    qualificationNumber: text('qualification_number'),
    /** 业务骨干 — recipient staff only */
    backbone: boolean('backbone').notNull().default(false),
    /** the person's own account (support staff sign in to check in) */
    userId: uuid('user_id').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('staff_side', oneOf('side', StaffSide.values)),
    check('staff_gender', oneOf('gender', Gender.values)),
    check('staff_title', oneOf('title', TITLES)),
    check('staff_title_series', sql`title_series is null or ${oneOf('title_series', TitleSeries.values)}`),
    check('staff_post_type', oneOf('post_type', PostType.values)),
    check('staff_name', sql`length(trim(name)) between 1 and 100`),
    check('staff_backbone_recipient', sql`not backbone or side = 'recipient'`),
    check(
      'staff_phone',
      sql`(phone_enc is null) = (phone_index is null) and (phone_enc is null) = (phone_masked is null)`,
    ),
    uniqueIndex('staff_id_number').on(t.idNumberIndex),
    uniqueIndex('staff_user').on(t.userId).where(sql`user_id is not null`),
    index('staff_institution').on(t.institutionId),
    index('staff_phone_index').on(t.phoneIndex),
  ],
);
