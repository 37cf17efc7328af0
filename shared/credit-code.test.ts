import { describe, expect, it } from 'vitest';
import { checkCreditCode, creditCodeCheckChar, describeCreditCode } from './credit-code';

/** A code with its check character computed, for building cases. */
const withCheck = (first17: string) => first17 + creditCodeCheckChar(first17);

describe('checkCreditCode (GB 32100-2015)', () => {
  it.each([
    ['a published enterprise example', '91350100M000100Y43'],
    ['an enterprise registered in 北京', '91110000600037341L'],
    ['a county hospital (事业单位) registered in 昭觉', withCheck('12513431MB1533170')],
    ['a provincial institution registered in 四川', withCheck('12510000450717400')],
    ['a private non-enterprise unit (民办非企业单位)', withCheck('52513431MJ0001234')],
    ['a central institution registered at national level', withCheck('12100000400010585')],
  ])('accepts %s', (_, code) => {
    expect(checkCreditCode(code)).toEqual({ ok: true, code });
  });

  it('accepts lower case and surrounding blanks, returning the normalised code', () => {
    expect(checkCreditCode('  91350100m000100y43 ')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });

  it.each([
    ['too short', '91350100M000100Y4', '应为18位，实为17位'],
    ['too long', '91350100M000100Y433', '应为18位，实为19位'],
    ['a letter the code never uses (O)', '91350100M0O0100Y43', '不使用字母 I、O、Z、S、V（第11位为“O”）'],
    ['a letter the code never uses (I)', 'I1350100M000100Y43', '不使用字母 I、O、Z、S、V'],
    ['punctuation', '91350100M000100-43', '只能由数字和大写字母组成（第16位为“-”）'],
    ['an unknown registration authority', withCheck('B1350100M000100Y4'), '第1位登记管理部门代码“B”不存在'],
    [
      'a type the authority does not issue (工商 · 9)',
      withCheck('99350100M000100Y4'),
      '第2位机构类别代码“9”不属于登记管理部门“工商（市场监管）”',
    ],
    [
      'a type the authority does not issue (机构编制 · 4)',
      withCheck('14513431MB1533170'),
      '不属于登记管理部门“机构编制”',
    ],
    [
      'letters in the region code',
      withCheck('1251A431MB1533170'),
      '行政区划码“51A431”不是有效的行政区划代码',
    ],
    ['a region code of no province', withCheck('12993431MB1533170'), '行政区划码“993431”'],
    ['a wrong check character', '91350100M000100Y44', '校验码不正确：第18位应为“3”，实为“4”'],
  ])('refuses %s with a Chinese reason', (_, code, reason) => {
    const result = checkCreditCode(code);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('catches any single changed character (the check character detects it)', () => {
    const code = '91350100M000100Y43';
    for (let i = 8; i < 17; i++) {
      const changed = code.slice(0, i) + (code[i] === '1' ? '2' : '1') + code.slice(i + 1);
      expect(checkCreditCode(changed).ok, changed).toBe(false);
    }
  });

  it('computes 0 when the weighted sum is a multiple of 31', () => {
    // 17 zeros weigh nothing: 31 − 0 mod 31 = 31 → 0.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
    expect(creditCodeCheckChar('short')).toBeNull();
    expect(creditCodeCheckChar('I'.repeat(17))).toBeNull();
  });

  it('describes the authority and type', () => {
    expect(describeCreditCode('12513431MB15331707')).toBe('机构编制 · 事业单位');
    expect(describeCreditCode('91350100M000100Y43')).toBe('工商（市场监管） · 企业');
  });
});
