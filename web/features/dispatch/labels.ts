import type { DispatchStatus } from '../../../shared/dispatch-vocabulary';
import type { LEVEL_LABELS as SharedLevelLabels } from '../../../shared/policy/labels';

export {
  DISPATCH_KIND_LABELS,
  DISPATCH_ROLE_LABELS,
  DISPATCH_STATUS_LABELS,
  MANAGEMENT_POST_LABELS,
} from '../../../shared/dispatch-vocabulary';
export { TITLE_LABELS } from '../staff/labels';

// A copy checked against the shared labels by type: importing those would pull Zod into the page.
export const LEVEL_LABELS: typeof SharedLevelLabels = {
  mandatory: '强制',
  in_principle: '原则上',
  encouraged: '鼓励',
};

export const LEVEL_COLORS: Record<keyof typeof SharedLevelLabels, string> = {
  mandatory: 'red',
  in_principle: 'orange',
  encouraged: 'blue',
};

export const STATUS_COLORS: Record<DispatchStatus, string | undefined> = {
  proposed: undefined,
  submitted: 'processing',
  approved: 'cyan',
  on_duty: 'green',
  completed: 'default',
  ended_early: 'orange',
  replaced: 'purple',
};

/** P05, in the words of seed 002. */
export const P05_NOTE = '未经省对口办审批的派驻不计入基层服务经历';

/** P06/P07: which presence rule applies follows the title held when the dispatch was approved. */
export const PRESENCE_RULE_LABELS: Record<'P06' | 'P07', string> = {
  P06: 'P06 全职驻点：除法定节假日外每个工作日在岗',
  P07: 'P07 弹性驻点：按月最少驻点天数及累计驻点天数考核',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

/** A suggested batch name for dispatches starting in `year`. */
export const batchSuggestion = (year: string | number) => `${year}年第一批`;

export const CONFLICT_MESSAGE = '该选派记录已被他人修改，请刷新后重试';
