import { describe, expect, it } from 'vitest';
import { auditCategory, keepSince, purgeRefusal } from './audit-retention';

const now = new Date('2026-03-02T09:00:00+08:00');
const DAY = 86_400_000;

describe('audit retention (S13)', () => {
  it.each([
    ['auth.login', 'security'],
    ['user.update', 'security'],
    ['audit.export', 'security'],
    ['pi.reveal', 'personalInformation'],
    ['pi.export', 'personalInformation'],
    ['pii.other', 'security'],
  ])('%s is a %s record', (action, category) => {
    expect(auditCategory(action)).toBe(category);
  });

  it.each([
    ['6 months before 2026-03-02 09:00', 'security', now, '2025-09-02T09:00:00+08:00'],
    ['3 years before 2026-03-02 09:00', 'personalInformation', now, '2023-03-02T09:00:00+08:00'],
    [
      'a month end clamps (08-31 → 02-28)',
      'security',
      new Date('2026-08-31T10:00:00+08:00'),
      '2026-02-28T10:00:00+08:00',
    ],
    [
      'on the Shanghai calendar, not UTC',
      'security',
      new Date('2026-03-31T01:00:00+08:00'),
      '2025-09-30T01:00:00+08:00',
    ],
    [
      'a leap day three years on',
      'personalInformation',
      new Date('2027-02-28T12:00:00+08:00'),
      '2024-02-28T12:00:00+08:00',
    ],
  ] as const)('%s', (_, category, at, expected) => {
    expect(keepSince(category, at).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    ['exactly 6 months ago', 'security', new Date('2025-09-02T09:00:00+08:00'), null],
    ['a year ago', 'security', new Date('2025-03-02T09:00:00+08:00'), null],
    [
      'one day less than 6 months',
      'security',
      new Date('2025-09-03T09:00:00+08:00'),
      /至少保留 6 个月.*2025-09-02/,
    ],
    [
      'one millisecond less than 6 months',
      'security',
      new Date(new Date('2025-09-02T09:00:00+08:00').getTime() + 1),
      /6 个月/,
    ],
    ['exactly 3 years ago', 'personalInformation', new Date('2023-03-02T09:00:00+08:00'), null],
    [
      'one day less than 3 years',
      'personalInformation',
      new Date('2023-03-03T09:00:00+08:00'),
      /个人信息处理记录至少保留 3 年/,
    ],
  ] as const)('purging before %s', (_, category, before, expected) => {
    const refusal = purgeRefusal(category, before, now);
    if (expected === null) expect(refusal).toBeNull();
    else expect(refusal).toMatch(expected);
  });

  it('keeps more than 180 days for security logs', () => {
    expect(now.getTime() - keepSince('security', now).getTime()).toBeGreaterThanOrEqual(181 * DAY);
  });
});
