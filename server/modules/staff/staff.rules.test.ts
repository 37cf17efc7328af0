import { describe, expect, it } from 'vitest';
import { idCheckChar, parseIdNumber } from '../../../shared/id-number';
import { demoStaffBodies } from '../../seed/demo-staff';
import { checkStaff, type StaffFacts, wholeYears } from './staff.rules';

const id = (first17: string) => first17 + idCheckChar(first17);
const MALE_ID = id('51010719820315201');
const FEMALE_ID = id('51010719820315202');
const BAD_ID = MALE_ID.slice(0, 17) + (MALE_ID[17] === '0' ? '1' : '0');
const today = '2026-03-02';
const supporter = { name: '四川省人民医院', role: 'supporting' as const };
const recipient = { name: '昭觉县人民医院', role: 'recipient' as const };
const both = { name: '凉山彝族自治州第一人民医院', role: 'both' as const };

const facts = (o: Partial<StaffFacts> = {}): StaffFacts => ({
  side: 'support',
  gender: 'male',
  idNumber: MALE_ID,
  backbone: false,
  workStartedOn: '2005-09-01',
  ...o,
});
const paths = (s: StaffFacts, inst: Parameters<typeof checkStaff>[1]) =>
  checkStaff(s, inst, today).problems.map((p) => p.path);

describe('wholeYears', () => {
  it.each([
    ['no start date', null, null],
    ['the anniversary itself', '2016-03-02', 10],
    ['the day before the anniversary', '2016-03-03', 9],
    ['started today', '2026-03-02', 0],
    ['29 February, in a year without one', '2024-02-29', 2],
  ])('%s', (_, from, expected) => {
    expect(wholeYears(from, today)).toBe(expected);
  });
});

describe('checkStaff', () => {
  it.each([
    ['a valid support doctor', facts(), supporter, []],
    ['gender against the ID number', facts({ gender: 'female' }), supporter, ['gender']],
    ['a female ID with female gender', facts({ gender: 'female', idNumber: FEMALE_ID }), supporter, []],
    ['a bad check character', facts({ idNumber: BAD_ID }), supporter, ['idNumber']],
    ['support staff at a recipient', facts(), recipient, ['institutionId']],
    ['recipient staff at a supporter', facts({ side: 'recipient' }), supporter, ['institutionId']],
    ['either side at an institution that is both', facts({ side: 'recipient' }), both, []],
    ['an unknown institution', facts(), undefined, ['institutionId']],
    ['backbone on support staff', facts({ backbone: true }), supporter, ['backbone']],
    ['backbone on recipient staff', facts({ side: 'recipient', backbone: true }), recipient, []],
    ['work started before birth', facts({ workStartedOn: '1980-01-01' }), supporter, ['workStartedOn']],
    ['work starting tomorrow', facts({ workStartedOn: '2026-03-03' }), supporter, ['workStartedOn']],
  ])('%s', (_, s, inst, expected) => {
    expect(paths(s, inst)).toEqual(expected);
  });

  it('says what is wrong in Chinese', () => {
    const { problems } = checkStaff(facts({ side: 'support', backbone: true }), recipient, today);
    expect(problems.map((p) => p.message)).toEqual([
      '昭觉县人民医院是受援机构，不能登记支援人员',
      '只有受援人员可以标记为业务骨干',
    ]);
  });
});

describe('the demo staff', () => {
  const bodies = demoStaffBodies();
  it('are about sixty valid, distinct people, the same on every run', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(55);
    expect(new Set(bodies.map((b) => b.idNumber)).size).toBe(bodies.length);
    expect(new Set(bodies.map((b) => b.phone)).size).toBe(bodies.length);
    for (const b of bodies) {
      const parsed = parseIdNumber(b.idNumber, today);
      expect(parsed, b.name).toMatchObject({ gender: b.gender });
      expect(b.phone, b.name).toMatch(/^1[358]\d{9}$/);
    }
    expect(demoStaffBodies()).toEqual(bodies);
  });

  it('have both sides, backbone only among recipient staff, mostly 中级 and 副高 support staff', () => {
    const support = bodies.filter((b) => b.side === 'support');
    const recipientStaff = bodies.filter((b) => b.side === 'recipient');
    expect(support.length).toBeGreaterThan(20);
    expect(recipientStaff.length).toBeGreaterThan(20);
    expect(bodies.filter((b) => b.backbone).every((b) => b.side === 'recipient')).toBe(true);
    expect(recipientStaff.some((b) => b.backbone)).toBe(true);
    const midOrDeputy = support.filter((b) => b.title === 'intermediate' || b.title === 'deputy_senior');
    expect(midOrDeputy.length / support.length).toBeGreaterThan(0.7);
    expect(support.some((b) => b.title === 'senior')).toBe(true);
  });
});
