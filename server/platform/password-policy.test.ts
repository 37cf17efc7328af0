import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { checkPassword, isPasswordExpired } from './password-policy';

const policy = loadConfig({}).password;

describe('password policy defaults (S02)', () => {
  it('has the 等保 defaults on', () => {
    expect(policy).toEqual({ minLength: 8, minClasses: 3, maxAgeDays: 90, rejectCommon: true });
  });

  it.each([
    ['Zj#2026sc', true],
    ['Liangshan@2026', true],
    ['ab1#Cd2', false], // 7 characters: one short
    ['Ab1#Cd2e', true], // exactly 8
    ['abcdefg1', false], // two classes
    ['abcdef1#', true], // three classes
    ['Password1', false], // common once decorations are removed
    ['P@ssw0rd', false], // in the leaked-password list
    ['Woaini1314!', false], // Chinese favourite
    ['Doctor_wang9', false], // contains the username
  ])('%s → acceptable: %s', (password, ok) => {
    expect(checkPassword(policy, password, 'doctor_wang').length === 0).toBe(ok);
  });

  it('explains every problem in Chinese', () => {
    const problems = checkPassword(policy, 'abc', 'x');
    expect(problems.length).toBeGreaterThanOrEqual(2);
    for (const p of problems) expect(p).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('follows the configured numbers, not constants', () => {
    const strict = { ...policy, minLength: 12, minClasses: 4 };
    expect(checkPassword(strict, 'Ab1#Cd2e', 'x')).toHaveLength(1);
    expect(checkPassword(strict, 'Ab1#Cd2eFg3h', 'x')).toEqual([]);
    expect(checkPassword({ ...policy, rejectCommon: false }, 'P@ssw0rd', 'x')).toEqual([]);
  });

  it('expires a password after the maximum age, to the millisecond', () => {
    const changed = new Date('2026-01-01T00:00:00+08:00');
    const limit = changed.getTime() + 90 * 86_400_000;
    expect(isPasswordExpired(policy, changed, new Date(limit))).toBe(false);
    expect(isPasswordExpired(policy, changed, new Date(limit + 1))).toBe(true);
    expect(isPasswordExpired({ ...policy, maxAgeDays: 0 }, changed, new Date(limit * 2))).toBe(false);
  });
});
