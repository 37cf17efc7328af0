import { dictionary } from '@zxcvbn-ts/language-common';

/** S02 — 等保 §8.1.4.1a: length, complexity, periodic change, no common passwords. Configuration, not constants. */
export interface PasswordPolicy {
  minLength: number;
  /** of the four classes: upper case, lower case, digits, symbols */
  minClasses: number;
  /** 0 turns periodic change off */
  maxAgeDays: number;
  rejectCommon: boolean;
}

/**
 * ~49,000 passwords from leaked lists (zxcvbn-ts's maintained dictionary), plus the
 * Chinese favourites those lists under-represent.
 */
const COMMON = new Set<string>([
  ...(dictionary['passwords-common'] as string[]),
  'woaini1314',
  'woaini520',
  '5201314',
  '1314520',
  'a5201314',
  'iloveyou1314',
  'zhangwei',
  'wangwei',
  'qazwsx123',
  'abc@123',
  'admin@123',
  'admin@2026',
  'sichuan',
  'chengdu',
  'weijianwei',
]);

const CLASSES: [RegExp, string][] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '特殊字符'],
];

/** The policy as Chinese lines, for the change-password page. */
export function describePolicy(policy: PasswordPolicy): string[] {
  return [
    `长度至少 ${policy.minLength} 位`,
    `至少包含大写字母、小写字母、数字、特殊字符中的 ${policy.minClasses} 类`,
    '不得包含用户名，不得使用常见弱口令',
    policy.maxAgeDays > 0 ? `每 ${policy.maxAgeDays} 天须更换一次密码` : '无定期更换要求',
  ];
}

/** Chinese reasons the password breaks the policy; empty when it is acceptable. */
export function checkPassword(policy: PasswordPolicy, password: string, username: string): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength) problems.push(`密码长度至少 ${policy.minLength} 位`);
  const classes = CLASSES.filter(([re]) => re.test(password)).length;
  if (classes < policy.minClasses) {
    problems.push(`密码须至少包含大写字母、小写字母、数字、特殊字符中的 ${policy.minClasses} 类`);
  }
  if (username && password.toLowerCase().includes(username.toLowerCase()))
    problems.push('密码不得包含用户名');
  if (policy.rejectCommon && isCommon(password)) problems.push('该密码过于常见，容易被猜中，请换一个');
  return problems;
}

/** Common as typed, or once the usual decorations (capitals, trailing digits and symbols) are taken off. */
function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const stripped = lower.replace(/[^a-z]+$/, '');
  return COMMON.has(lower) || (stripped.length >= 4 && COMMON.has(stripped));
}

/** S02: a password older than the maximum age must be changed before anything else. */
export function isPasswordExpired(policy: PasswordPolicy, changedAt: Date, now: Date): boolean {
  return policy.maxAgeDays > 0 && now.getTime() - changedAt.getTime() > policy.maxAgeDays * 86_400_000;
}
