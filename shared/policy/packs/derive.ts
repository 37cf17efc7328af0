/**
 * Building a programme's pack from the Sichuan default: a rule its seed is silent on keeps
 * the default and says so in its text; a rule tied to Sichuan's own 2018—2020 programme
 * (province-wide quotas, the 2019 deadline, the three prefectures) is kept for reference
 * but not enabled.
 */
import type { Rule } from '../schema';
import { DOC_172 } from '../sources';

/** The seed does not speak to this rule: keep the Sichuan default, and say so. */
export function inherited<R extends Rule>(rule: R, seed: string): R {
  return { ...rule, text: `${rule.text}（${seed}未作规定，沿用${DOC_172}默认。）` };
}

/** The rule belongs to Sichuan's own programme: not enabled here, params kept for reference. */
export function notAdopted<R extends Rule>(rule: R, why: string): R {
  return { ...rule, enabled: false, text: `${rule.text}（本包不启用：${why}）` };
}
