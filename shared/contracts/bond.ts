import { z } from 'zod';
import { BOND_MOVEMENTS } from '../dispatch-vocabulary';
import { BOND_TRIGGERS } from '../policy/schema';
import { IsoDate, PageQuery } from './common';
import { ViolationDto } from './pairing';

/** P20 service bonds of recipient staff, and breaches (a transfer or loan during the bond). */

export const BondBreachDto = z.object({
  id: z.uuid(),
  movement: z.enum(BOND_MOVEMENTS),
  movedOn: z.string(),
  destination: z.string(),
  approvedBy: z.string().nullable(),
  note: z.string().nullable(),
  violations: z.array(ViolationDto),
  recordedBy: z.string().nullable(),
  createdAt: z.string(),
});
export type BondBreachDto = z.infer<typeof BondBreachDto>;

export const BondDto = z.object({
  id: z.uuid(),
  staff: z.object({
    id: z.uuid(),
    name: z.string(),
    institution: z.object({ id: z.uuid(), name: z.string(), regionName: z.string() }),
  }),
  programmeId: z.uuid(),
  programmeName: z.string(),
  trigger: z.enum(BOND_TRIGGERS),
  source: z.string().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  /** in force today */
  inForce: z.boolean(),
  policyVersion: z.number().int(),
  breaches: z.array(BondBreachDto),
  createdAt: z.string(),
  version: z.number().int(),
});
export type BondDto = z.infer<typeof BondDto>;

export const BondListQuery = PageQuery.extend({
  staffId: z.uuid().optional(),
  institutionId: z.uuid().optional(),
  region: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .optional(),
  trigger: z.enum(BOND_TRIGGERS).optional(),
  /** `in_force`, `ended`, or `breached` */
  state: z.enum(['in_force', 'ended', 'breached']).optional(),
  q: z.string().trim().max(50).optional(),
});
export type BondListQuery = z.infer<typeof BondListQuery>;

/** A bond starts on its event; its end comes from the programme's pack (P20), never from the body. */
export const CreateBondBody = z.strictObject({
  staffId: z.uuid({ error: '请选择受援人员' }),
  programmeId: z.uuid({ error: '请选择项目' }),
  trigger: z.enum(BOND_TRIGGERS, { error: '请选择约定起算事项' }),
  eventOn: IsoDate,
  source: z.string().trim().max(200).nullable().optional(),
});
export type CreateBondBody = z.infer<typeof CreateBondBody>;

export const RecordBreachBody = z.strictObject({
  movement: z.enum(BOND_MOVEMENTS, { error: '请选择调动或借调' }),
  movedOn: IsoDate,
  destination: z.string().trim().min(1, '请填写调往（借往）单位').max(200),
  approvedBy: z.string().trim().max(200).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});
export type RecordBreachBody = z.infer<typeof RecordBreachBody>;
