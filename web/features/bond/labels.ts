import type { BOND_TRIGGER_LABELS as SharedTriggerLabels } from '../../../shared/policy/labels';

export { BOND_MOVEMENT_LABELS } from '../../../shared/dispatch-vocabulary';

// A copy checked against the shared labels by type: importing those would pull Zod into the page.
export const BOND_TRIGGER_LABELS: typeof SharedTriggerLabels = {
  mentoring_passed: '师带徒考核合格',
  practising_qualification: '获得执业资格',
  promotion: '职称晋升',
  further_study: '派出进修学习',
};

export type BondState = 'in_force' | 'ended' | 'breached';

export const BOND_STATE_LABELS: Record<BondState, string> = {
  in_force: '在约',
  ended: '已期满',
  breached: '有违约',
};

/** P20 in plain words: shown wherever a transfer or loan is recorded. */
export const P20_NOTE = '服务年限约定期内调动或借调均属违约，任何审批均不能免除';

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
