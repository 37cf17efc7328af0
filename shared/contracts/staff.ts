import { z } from 'zod';
import { Gender, PostType, StaffSide, TitleSeries } from '../enums';
import { TITLES } from '../policy/schema';
import { IsoDate, PageQuery } from './common';

/**
 * The staff registry. ID numbers and phones travel in full only in a create/update body and
 * in the answer to a reveal (with a reason, audited); every other response carries the
 * masked forms (S15, S16).
 */

export const StaffDto = z.object({
  id: z.uuid(),
  side: z.enum(StaffSide.values),
  name: z.string(),
  gender: z.enum(Gender.values),
  birthDate: z.string(),
  /** masked: `110105********002X` */
  idNumber: z.string(),
  /** masked: `138****5678` */
  phone: z.string().nullable(),
  institution: z.object({ id: z.uuid(), name: z.string(), regionCode: z.string(), regionName: z.string() }),
  department: z.string().nullable(),
  specialty: z.string().nullable(),
  title: z.enum(TITLES),
  titleSeries: z.enum(TitleSeries.values).nullable(),
  postType: z.enum(PostType.values),
  workStartedOn: z.string().nullable(),
  /** whole years of service on the day of the request, from workStartedOn */
  serviceYears: z.number().int().nullable(),
  qualificationType: z.string().nullable(),
  qualificationNumber: z.string().nullable(),
  backbone: z.boolean(),
  /** the linked account's username, if any */
  username: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type StaffDto = z.infer<typeof StaffDto>;

export const StaffListQuery = PageQuery.extend({
  side: z.enum(StaffSide.values).optional(),
  institutionId: z.uuid().optional(),
  /** the home institution in this region's subtree */
  region: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
  title: z.enum(TITLES).optional(),
  /** part of the name, or a full ID number / phone (matched exactly through the blind index) */
  q: z.string().trim().max(50).optional(),
});
export type StaffListQuery = z.infer<typeof StaffListQuery>;

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

/** Fields a staff record is made of; never `side` of an existing record, never derived fields (S08). */
const StaffFields = {
  name: z
    .string()
    .trim()
    .min(1, '请填写姓名')
    .max(100, '姓名最多100个字')
    .regex(/^[\p{L}\p{M}·•．.\s-]+$/u, '姓名只能包含文字、间隔号“·”和空格'),
  gender: z.enum(Gender.values, { error: '请选择性别' }),
  /** full ID number, checked by the GB 11643 checksum on the server */
  idNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{17}[\dX]$/, '身份证号应为18位，最后一位可以是X'),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '手机号应为11位数字')
    .nullable()
    .optional(),
  institutionId: z.uuid({ error: '请选择工作单位' }),
  department: optionalText(50),
  specialty: optionalText(50),
  title: z.enum(TITLES, { error: '请选择职称' }),
  titleSeries: z.enum(TitleSeries.values).nullable().optional(),
  postType: z.enum(PostType.values, { error: '请选择岗位类型' }),
  workStartedOn: IsoDate.nullable().optional(),
  qualificationType: optionalText(50),
  qualificationNumber: optionalText(50),
  /** absent on create: not a backbone */
  backbone: z.boolean().optional(),
};

export const CreateStaffBody = z.strictObject({ side: z.enum(StaffSide.values), ...StaffFields });
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;

/** A change: the fields that change (absent ones stay), and the version edited (S29). */
export const UpdateStaffBody = z
  .strictObject(StaffFields)
  .partial()
  .extend({ version: z.number().int().min(1) });
export type UpdateStaffBody = z.infer<typeof UpdateStaffBody>;

export const RevealBody = z.strictObject({
  field: z.enum(['idNumber', 'phone']),
  reason: z.string().trim().min(2, '请填写查看原因').max(200),
});
export type RevealBody = z.infer<typeof RevealBody>;

export const RevealDto = z.object({ field: z.enum(['idNumber', 'phone']), value: z.string().nullable() });
export type RevealDto = z.infer<typeof RevealDto>;
