import type { Violation } from '../../../shared/contracts/pairing';
import { BOND_MOVEMENT_LABELS, type BondMovement } from '../../../shared/dispatch-vocabulary';
import { BOND_TRIGGER_LABELS } from '../../../shared/policy/labels';
import type { BOND_TRIGGERS, Rule } from '../../../shared/policy/schema';
import { addDays, addYears, type IsoDate, type Period } from './dispatch.rules';

/**
 * Pure rules of service bonds (服务年限约定, P20): a recipient staff member bound to work
 * locally for `bondYears` from an event. No database, no clock; dates are `YYYY-MM-DD`.
 */

export type BondTrigger = (typeof BOND_TRIGGERS)[number];

export interface BondEvent {
  trigger: BondTrigger;
  /** the day of the event (assessment passed, qualification or promotion granted, study) */
  on: IsoDate;
}

export interface Bond extends Period {
  staffName: string;
  /** the recipient institution the person is bound to */
  institutionName: string;
  trigger: BondTrigger;
}

export interface StaffMovement {
  kind: BondMovement;
  /** the day the person is transferred or lent away */
  on: IsoDate;
  /** where to */
  to: string;
  /** whoever agreed to it, if anyone: recorded, but it waives nothing */
  approvedBy?: string | null;
}

/**
 * P20 — seed 002 §六(五) "5年内必须在本地工作": the bond runs from the event's day through
 * the day before its `bondYears`-th anniversary (an event on 2019-07-01 binds through
 * 2024-06-30), so a day is bound exactly while serviceYears(start, day) < bondYears. A
 * 29 February event has its anniversary on 28 February (dispatch.rules addYears), so
 * 2020-02-29 binds through 2025-02-27. Null when the pack does not bond on this event.
 */
export function bondFor(rule: Rule<'P20'>, event: BondEvent): Period | null {
  if (!rule.enabled || !rule.params.triggers.includes(event.trigger)) return null;
  return { start: event.on, end: addDays(addYears(event.on, rule.params.bondYears), -1) };
}

export const bondInForce = (bond: Period, on: IsoDate) => bond.start <= on && on <= bond.end;

/**
 * P20 — seed 002 §六(五) "不得以任何理由将其借出或调走": a transfer or loan on a day the
 * bond is in force is a breach. With `transferIsBreach` it is mandatory whatever the pack's
 * level and whoever approved the move — an approval never makes it fine.
 */
export function checkBondBreach(rule: Rule<'P20'>, bond: Bond, movement: StaffMovement): Violation[] {
  if (!rule.enabled || !bondInForce(bond, movement.on)) return [];
  const approved = movement.approvedBy ? `（虽经${movement.approvedBy}同意，` : '（';
  return [
    {
      rule: rule.id,
      level: rule.params.transferIsBreach ? 'mandatory' : rule.level,
      message:
        `${bond.institutionName}${bond.staffName}因${BOND_TRIGGER_LABELS[bond.trigger]}约定在本地工作` +
        `（${bond.start} 至 ${bond.end}），${movement.on} 被${BOND_MOVEMENT_LABELS[movement.kind]}至${movement.to}，` +
        `违反服务年限约定${approved}不得以任何理由借出或调走）`,
      inputs: {
        staff: bond.staffName,
        institution: bond.institutionName,
        trigger: bond.trigger,
        bondStart: bond.start,
        bondEnd: bond.end,
        movement: movement.kind,
        on: movement.on,
        to: movement.to,
        approvedBy: movement.approvedBy ?? null,
        source: rule.source,
      },
    },
  ];
}
