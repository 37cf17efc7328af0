import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { BOND_MOVEMENTS } from '../../../shared/dispatch-vocabulary';
import { BOND_TRIGGERS } from '../../../shared/policy/schema';
import { createdAt, id, oneOf, updatedAt, version } from './columns';
import { users } from './iam';
import { programmes } from './programme';
import { staff } from './staff';

/**
 * P20 service bonds (服务年限约定): a recipient staff member who passed 师带徒 assessment,
 * gained a practising qualification or a promotion, or was sent for further study works
 * locally for N years from that event. Later modules create bonds from their events; here
 * they are entered and imported, with the period computed from the programme's pack.
 */
export const serviceBonds = pgTable(
  'service_bonds',
  {
    id: id(),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => staff.id),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    trigger: text('trigger', { enum: BOND_TRIGGERS }).notNull(),
    /** what the event was, e.g. 师带徒考核合格（普外科） */
    source: text('source'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    /** the pack version the period was computed with */
    policyVersion: integer('policy_version').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    version: version(),
  },
  (t) => [
    check('service_bonds_trigger', oneOf('trigger', BOND_TRIGGERS)),
    check('service_bonds_period', sql`ends_on >= starts_on`),
    index('service_bonds_staff').on(t.staffId),
  ],
);

/**
 * A transfer or loan of a bonded person during the bond: recorded as a breach and alerted.
 * There is no approval that makes it fine (P20); whoever approved the move is recorded.
 */
export const bondBreaches = pgTable(
  'bond_breaches',
  {
    id: id(),
    bondId: uuid('bond_id')
      .notNull()
      .references(() => serviceBonds.id),
    movement: text('movement', { enum: BOND_MOVEMENTS }).notNull(),
    movedOn: date('moved_on').notNull(),
    /** where the person went */
    destination: text('destination').notNull(),
    /** who approved the move (named in the alert, not an excuse) */
    approvedBy: text('approved_by'),
    note: text('note'),
    /** the violation as judged, with rule, source and inputs */
    judgement: jsonb('judgement').$type<Record<string, unknown>>().notNull().default({}),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    check('bond_breaches_movement', oneOf('movement', BOND_MOVEMENTS)),
    check('bond_breaches_destination', sql`length(trim(destination)) > 0`),
    index('bond_breaches_bond').on(t.bondId),
  ],
);
