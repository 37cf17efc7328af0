import { describe, expect, it } from 'vitest';
import type { Violation } from '../../../shared/contracts/pairing';
import { BOND_MOVEMENTS, type BondMovement } from '../../../shared/dispatch-vocabulary';
import { SHANYANG_2024, SICHUAN_2017_172, TACHENG_2020 } from '../../../shared/policy';
import type { PolicyPack, Rule } from '../../../shared/policy/schema';
import {
  type Bond,
  type BondTrigger,
  bondFor,
  bondInForce,
  checkBondBreach,
  type StaffMovement,
} from './bond.rules';
import { serviceYears } from './dispatch.rules';

const pack = SICHUAN_2017_172;
const P20 = pack.rules.P20;
const B = P20.params.bondYears;
const ids = (vs: Violation[]) => vs.map((v) => v.rule);

// Test-local date helpers, independent of the rules' own.
const shift = (d: string, days: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** The 29 February event's anniversary in `year`: 28 February in a common year. */
const leapAnniversary = (year: number) => `${year}-02-${isLeap(year) ? 29 : 28}`;

describe('P20 bondFor — the bond runs through the day before the Nth anniversary (seed 002 §六(五))', () => {
  it.each<[string, string, string]>([
    ['a mid-year event', '2019-07-01', `${2019 + B}-06-30`],
    ['1 January', '2019-01-01', `${2018 + B}-12-31`],
    ['31 December', '2019-12-31', `${2019 + B}-12-30`],
    ['1 March: the day before may be 29 February', '2019-03-01', shift(`${2019 + B}-03-01`, -1)],
    [
      '29 February: the anniversary falls on 28 February in a common year',
      '2020-02-29',
      shift(leapAnniversary(2020 + B), -1),
    ],
    ['28 February of a leap year', '2020-02-28', shift(`${2020 + B}-02-28`, -1)],
  ])('%s (%s) → through %s', (_, on, end) => {
    expect(bondFor(P20, { trigger: 'mentoring_passed', on })).toEqual({ start: on, end });
  });

  it('pins the leap cases of the shipped 5 years', () => {
    // Literal dates, so a slip in the derivation above cannot hide a wrong convention.
    expect(B).toBe(5);
    expect(bondFor(P20, { trigger: 'promotion', on: '2019-03-01' })!.end).toBe('2024-02-29');
    expect(bondFor(P20, { trigger: 'promotion', on: '2020-02-29' })!.end).toBe('2025-02-27');
  });

  it.each(['2019-07-01', '2020-02-29', '2019-03-01', '2023-03-01'])(
    'a day is bound exactly while fewer than %s + N years of service are complete',
    (on) => {
      const bond = bondFor(P20, { trigger: 'further_study', on })!;
      expect(serviceYears(on, bond.end)).toBe(B - 1);
      expect(serviceYears(on, shift(bond.end, 1))).toBe(B);
      expect([bondInForce(bond, bond.end), bondInForce(bond, shift(bond.end, 1))]).toEqual([true, false]);
    },
  );

  it.each(P20.params.triggers)('the shipped pack bonds on %s', (trigger) => {
    expect(bondFor(P20, { trigger, on: '2019-07-01' })).not.toBeNull();
  });

  it('reads the years and the triggers from the pack', () => {
    const p = structuredClone(pack);
    p.rules.P20.params.bondYears = B + 1;
    expect(bondFor(p.rules.P20, { trigger: 'promotion', on: '2019-07-01' })!.end).toBe(`${2020 + B}-06-30`);
    p.rules.P20.params.triggers = p.rules.P20.params.triggers.filter((t) => t !== 'further_study');
    expect(bondFor(p.rules.P20, { trigger: 'further_study', on: '2019-07-01' })).toBeNull();
  });

  it('bonds nobody when the rule is switched off', () => {
    expect(bondFor({ ...P20, enabled: false }, { trigger: 'promotion', on: '2019-07-01' })).toBeNull();
  });

  it('Shanyang and Tacheng keep the Sichuan bond', () => {
    for (const p of [SHANYANG_2024, TACHENG_2020]) expect(p.rules.P20.params).toEqual(P20.params);
  });
});

describe('P20 checkBondBreach — a transfer or loan during the bond is a breach, never waived', () => {
  const bondOf = (rule: Rule<'P20'>, on: string, trigger: BondTrigger = 'mentoring_passed'): Bond => ({
    staffName: '阿苦日哈',
    institutionName: '昭觉县人民医院',
    trigger,
    ...bondFor(rule, { trigger, on })!,
  });
  const bond = bondOf(P20, '2019-07-01');
  const move = (
    on: string,
    kind: BondMovement = 'transfer',
    approvedBy: string | null = null,
  ): StaffMovement => ({
    kind,
    on,
    to: '成都市第三人民医院',
    approvedBy,
  });

  it.each(
    BOND_MOVEMENTS.flatMap((kind) => [
      [`${kind} the day before the event`, move(shift(bond.start, -1), kind), []],
      [`${kind} on the event day`, move(bond.start, kind), ['P20']],
      [`${kind} on the last bound day`, move(bond.end, kind), ['P20']],
      [`${kind} the day after the bond`, move(shift(bond.end, 1), kind), []],
    ]) as [string, StaffMovement, string[]][],
  )('%s', (_, movement, expected) => {
    expect(ids(checkBondBreach(P20, bond, movement))).toEqual(expected);
  });

  it('an approval changes nothing: still a mandatory breach', () => {
    const plain = checkBondBreach(P20, bond, move('2020-01-01'));
    const approved = checkBondBreach(P20, bond, move('2020-01-01', 'transfer', '昭觉县卫生健康局'));
    expect(ids(approved)).toEqual(ids(plain));
    expect(approved[0]!.level).toBe('mandatory');
    expect(approved[0]!.message).toContain('虽经昭觉县卫生健康局同意');
    expect(approved[0]!.inputs).toMatchObject({ approvedBy: '昭觉县卫生健康局' });
  });

  it('is mandatory whatever level the pack gives P20 while transfers are breaches', () => {
    const soft: Rule<'P20'> = { ...P20, level: 'in_principle' };
    expect(checkBondBreach(soft, bond, move('2020-01-01'))[0]!.level).toBe('mandatory');
    const notBreach: Rule<'P20'> = { ...soft, params: { ...P20.params, transferIsBreach: false } };
    expect(checkBondBreach(notBreach, bond, move('2020-01-01'))[0]!.level).toBe('in_principle');
  });

  it('reads the years from the pack: a longer bond catches the day after the shorter one', () => {
    const p = structuredClone(pack);
    p.rules.P20.params.bondYears = B + 1;
    const longer = bondOf(p.rules.P20, '2019-07-01');
    const dayAfter = move(shift(bond.end, 1));
    expect([
      ids(checkBondBreach(P20, bond, dayAfter)),
      ids(checkBondBreach(p.rules.P20, longer, dayAfter)),
    ]).toEqual([[], ['P20']]);
  });

  it('names the person, the event, the bond and where they went, in Chinese', () => {
    const [v] = checkBondBreach(P20, bond, move('2020-01-01', 'loan'));
    expect(v).toMatchObject({ rule: 'P20', inputs: { bondEnd: bond.end, source: P20.source } });
    expect(v!.message).toBe(
      `昭觉县人民医院阿苦日哈因师带徒考核合格约定在本地工作（2019-07-01 至 ${bond.end}），2020-01-01 被借出至成都市第三人民医院，违反服务年限约定（不得以任何理由借出或调走）`,
    );
  });

  it('checks nothing when the rule is switched off', () => {
    expect(checkBondBreach({ ...P20, enabled: false }, bond, move(bond.start))).toEqual([]);
  });
});

describe('no P20 rule hard-codes a policy number', () => {
  it('has a boundary case for every numeric param', () => {
    const numeric = Object.entries(P20.params).filter(([, v]) => typeof v === 'number');
    expect(numeric.map(([k]) => k)).toEqual(['bondYears']);
  });

  it('P20.bondYears moves its boundary', () => {
    const judge = (p: PolicyPack) => {
      const bond = bondFor(p.rules.P20, { trigger: 'promotion', on: '2019-07-01' })!;
      return bondInForce(bond, `${2019 + B}-07-01`);
    };
    const moved = structuredClone(pack);
    moved.rules.P20.params.bondYears = B + 1;
    expect([judge(pack), judge(moved)]).toEqual([false, true]);
  });
});
