import { describe, expect, it } from 'vitest';
import type { PairingMode, Violation } from '../../../shared/contracts/pairing';
import type { InstitutionCategory } from '../../../shared/enums';
import { SICHUAN_2017_172 } from '../../../shared/policy';
import type { PolicyPack, Rule } from '../../../shared/policy/schema';
import {
  checkPairingChange,
  checkPairingLimits,
  checkRecipientEligible,
  type DatedFlag,
  type ExistingPairing,
  flagsOn,
  isDeepPoverty,
  type PairingState,
  type RecipientFacts,
} from './pairing.rules';

const pack = SICHUAN_2017_172;
const P01 = pack.rules.P01;
const P02 = pack.rules.P02;
const ids = (vs: Violation[]) => vs.map((v) => v.rule);

// ─── P01 ────────────────────────────────────────────────────────────────────────────────

const DEEP_2017_2020: DatedFlag = { flag: 'deep_poverty', validFrom: '2017-01-01', validTo: '2020-12-31' };
const ETHNIC: DatedFlag = { flag: 'ethnic', validFrom: '2014-01-01', validTo: null };
const LIFTED: DatedFlag = { flag: 'lifted_poverty', validFrom: '2021-01-01', validTo: null };

const zhaojue: RecipientFacts = {
  name: '昭觉县人民医院',
  tier: 'county',
  regionCode: '513431',
  regionName: '昭觉县',
  flags: [DEEP_2017_2020, ETHNIC],
};
const liangshanFirst: RecipientFacts = {
  name: '凉山彝族自治州第一人民医院',
  tier: 'prefecture',
  regionCode: '513400',
  regionName: '凉山彝族自治州',
  flags: [],
};
const wholePeriod = { start: '2018-01-01', end: '2020-12-31' };

describe('P01 checkRecipientEligible — recipient in scope and period (seed 002 §三)', () => {
  it.each<[string, RecipientFacts, { start: string; end: string | null }, string, string[]]>([
    ['a county hospital of a deep-poverty county', zhaojue, wholePeriod, '2018-01-01', []],
    ['…judged on the last day its flag is valid', zhaojue, wholePeriod, '2020-12-31', []],
    ['…judged the day after its flag expired', zhaojue, wholePeriod, '2021-01-01', ['P01']],
    ['…judged the day before its flag starts', zhaojue, wholePeriod, '2016-12-31', ['P01']],
    [
      'a county with only a flag the pack does not name (民族县)',
      { ...zhaojue, flags: [ETHNIC] },
      wholePeriod,
      '2018-01-01',
      ['P01'],
    ],
    ['a county with no flag', { ...zhaojue, flags: [] }, wholePeriod, '2018-01-01', ['P01']],
    [
      'a prefecture-level institution of a named prefecture (三州)',
      liangshanFirst,
      wholePeriod,
      '2018-01-01',
      [],
    ],
    [
      'a prefecture-level institution of another prefecture',
      { ...liangshanFirst, name: '成都市第一人民医院', regionCode: '510100', regionName: '成都市' },
      wholePeriod,
      '2018-01-01',
      ['P01'],
    ],
    [
      'a prefecture-tier institution in a flagged county is not at a recipient tier',
      { ...zhaojue, tier: 'prefecture' },
      wholePeriod,
      '2018-01-01',
      ['P01'],
    ],
    [
      'a pairing ending on the policy end',
      zhaojue,
      { start: '2018-01-01', end: '2020-12-31' },
      '2018-01-01',
      [],
    ],
    [
      'a pairing ending a day after the policy end',
      zhaojue,
      { start: '2018-01-01', end: '2021-01-01' },
      '2018-01-01',
      ['P01'],
    ],
    [
      'an open-ended pairing under a policy with an end',
      zhaojue,
      { start: '2018-01-01', end: null },
      '2018-01-01',
      ['P01'],
    ],
    [
      'a pairing starting a day before the policy start',
      zhaojue,
      { start: '2017-12-31', end: '2020-12-31' },
      '2018-01-01',
      ['P01'],
    ],
  ])('%s', (_, recipient, period, on, expected) => {
    expect(ids(checkRecipientEligible(P01, recipient, period, on))).toEqual(expected);
  });

  it('accepts a recipient the programme names, wherever it is', () => {
    const rule: Rule<'P01'> = { ...P01, params: { ...P01.params, namedRecipients: ['山阳县人民医院'] } };
    const shanyang = {
      ...zhaojue,
      name: '山阳县人民医院',
      regionCode: '611024',
      regionName: '山阳县',
      flags: [],
    };
    expect(checkRecipientEligible(rule, shanyang, wholePeriod, '2018-01-01')).toEqual([]);
  });

  it('says in Chinese which institution, where and why', () => {
    const [v] = checkRecipientEligible(P01, { ...zhaojue, flags: [LIFTED] }, wholePeriod, '2018-01-01');
    expect(v).toMatchObject({ rule: 'P01', level: 'mandatory' });
    expect(v!.message).toContain('昭觉县人民医院');
    expect(v!.message).toContain('昭觉县');
    expect(v!.inputs).toMatchObject({ on: '2018-01-01', flagsOnDate: [] });
  });

  it('checks nothing when the rule is switched off', () => {
    expect(
      checkRecipientEligible(
        { ...P01, enabled: false },
        { ...zhaojue, flags: [] },
        wholePeriod,
        '2030-01-01',
      ),
    ).toEqual([]);
  });

  it('reads flags on a date, both ends included', () => {
    expect(flagsOn([DEEP_2017_2020, LIFTED], '2020-12-31')).toEqual(['deep_poverty']);
    expect(flagsOn([DEEP_2017_2020, LIFTED], '2021-01-01')).toEqual(['lifted_poverty']);
    expect(isDeepPoverty([DEEP_2017_2020], '2017-01-01')).toBe(true);
    expect(isDeepPoverty([DEEP_2017_2020], '2016-12-31')).toBe(false);
  });
});

// ─── P02 ────────────────────────────────────────────────────────────────────────────────

const existing = (n: number, category: InstitutionCategory = 'medical', mode: PairingMode = 'one_to_one') =>
  Array.from(
    { length: n },
    (_, i): ExistingPairing => ({
      supportingInstitutionId: `s${category}${mode}${i}`,
      supportingName: `支援医院${i + 1}`,
      category,
      mode,
    }),
  );

const candidate = (mode: PairingMode = 'one_to_one', category: InstitutionCategory = 'medical') => ({
  supportingInstitutionId: 'candidate',
  supportingName: '四川省人民医院',
  category,
  mode,
  recipientName: '昭觉县人民医院',
});

describe('P02 checkPairingLimits — supporters per category (seed 002 §五(二), DOMAIN "Pairings (P02)")', () => {
  it.each<[string, ExistingPairing[], ReturnType<typeof candidate>, boolean, string[]]>([
    ['non-deep-poverty: the first one-to-one medical supporter', [], candidate(), false, []],
    ['non-deep-poverty: a second one-to-one medical supporter', existing(1), candidate(), false, ['P02']],
    ['deep poverty: a second one-to-one medical supporter', existing(1), candidate(), true, []],
    ['deep poverty: a third one-to-one medical supporter', existing(2), candidate(), true, ['P02']],
    ['other categories do not count', existing(1, 'maternal_child'), candidate(), false, []],
    [
      'a supporter of another category is judged in its own',
      existing(1),
      candidate('one_to_one', 'cdc'),
      false,
      [],
    ],
    ['a team (组团式) supporter adds by design', existing(2), candidate('team'), true, []],
    ['以院包科 adds by design', existing(1), candidate('hospital_department'), false, []],
    ['existing team supporters are not counted', existing(3, 'medical', 'team'), candidate(), false, []],
    [
      'a team supporter beside one one-to-one still leaves room in deep poverty',
      [...existing(1), ...existing(1, 'medical', 'team')],
      candidate(),
      true,
      [],
    ],
  ])('%s', (_, others, cand, deep, expected) => {
    expect(ids(checkPairingLimits(P02, cand, others, deep))).toEqual(expected);
  });

  it('counts team modes too when the pack says they may not add', () => {
    const strict: Rule<'P02'> = { ...P02, params: { ...P02.params, teamModesMayAdd: false } };
    expect(ids(checkPairingLimits(strict, candidate('team'), existing(1), false))).toEqual(['P02']);
    expect(ids(checkPairingLimits(strict, candidate(), existing(1, 'medical', 'team'), false))).toEqual([
      'P02',
    ]);
  });

  it('does not limit a category the pack does not count separately', () => {
    const fewer: Rule<'P02'> = { ...P02, params: { ...P02.params, categories: ['medical'] } };
    expect(checkPairingLimits(fewer, candidate('one_to_one', 'cdc'), existing(3, 'cdc'), false)).toEqual([]);
  });

  it('names the recipient, the supporters and the numbers in Chinese, at the rule level', () => {
    const [v] = checkPairingLimits(P02, candidate(), existing(2), true);
    expect(v).toMatchObject({
      rule: 'P02',
      level: 'in_principle',
      inputs: { limit: 2, count: 3, deepPoverty: true },
    });
    expect(v!.message).toBe(
      '深度贫困县的受援机构昭觉县人民医院原则上最多由 2 家医疗类机构一对一帮扶，现已有 2 家（支援医院1、支援医院2），再增加四川省人民医院将达到 3 家',
    );
  });

  it('checks nothing when the rule is switched off', () => {
    expect(checkPairingLimits({ ...P02, enabled: false }, candidate(), existing(5), false)).toEqual([]);
  });
});

describe('P02 checkPairingChange — fixed for the period (seed 002 §五(二))', () => {
  const before: PairingState = {
    supportingInstitutionId: 'a',
    supportingName: '四川省人民医院',
    recipientInstitutionId: 'r',
    recipientName: '昭觉县人民医院',
    period: { start: '2018-01-01', end: '2020-12-31' },
  };
  const otherSupporter = { ...before, supportingInstitutionId: 'b', supportingName: '四川大学华西医院' };

  it.each<[string, PairingState, string, string[]]>([
    ['a new supporter inside the period', otherSupporter, '2019-06-01', ['P02']],
    ['…on its first day', otherSupporter, '2018-01-01', ['P02']],
    ['…on its last day', otherSupporter, '2020-12-31', ['P02']],
    ['…after it ended', otherSupporter, '2021-01-01', []],
    ['…before it started', otherSupporter, '2017-12-31', []],
    [
      'a new recipient inside the period',
      { ...before, recipientInstitutionId: 'x', recipientName: '布拖县人民医院' },
      '2019-06-01',
      ['P02'],
    ],
    [
      'the same parties with new dates',
      { ...before, period: { start: '2018-01-01', end: '2019-12-31' } },
      '2019-06-01',
      [],
    ],
  ])('%s', (_, after, on, expected) => {
    expect(ids(checkPairingChange(P02, before, after, on))).toEqual(expected);
  });

  it('allows changes when the pack does not fix pairings', () => {
    const loose: Rule<'P02'> = { ...P02, params: { ...P02.params, fixedForPeriod: false } };
    expect(checkPairingChange(loose, before, otherSupporter, '2019-06-01')).toEqual([]);
  });

  it('names both supporters in Chinese', () => {
    const [v] = checkPairingChange(P02, before, otherSupporter, '2019-06-01');
    expect(v!.message).toContain('支援机构由四川省人民医院改为四川大学华西医院');
  });
});

// ─── no rule hard-codes a policy number ─────────────────────────────────────────────────

/**
 * Every numeric (and date) param of P01 and P02 moves its rule's boundary: a case judged one
 * way with the shipped pack is judged the other way once the param changes in a copy.
 * A new numeric param fails here until it has a case (or a reason it is not checked).
 */
type Judge = (p: PolicyPack) => string[];
const withParam = (rule: 'P01' | 'P02', key: string, value: unknown): PolicyPack => {
  const copy = structuredClone(pack);
  (copy.rules[rule].params as Record<string, unknown>)[key] = value;
  return copy;
};
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const BOUNDARIES: Record<
  string,
  { change: (v: never) => unknown; judge: Judge; expected: [string[], string[]] }
> = {
  'P02.maxOneToOnePerCategory': {
    change: (v: number) => v + 1,
    judge: (p) =>
      ids(checkPairingLimits(p.rules.P02, candidate(), existing(P02.params.maxOneToOnePerCategory), false)),
    expected: [['P02'], []],
  },
  'P02.deepPovertyMaxPerCategory': {
    change: (v: number) => v + 1,
    judge: (p) =>
      ids(checkPairingLimits(p.rules.P02, candidate(), existing(P02.params.deepPovertyMaxPerCategory), true)),
    expected: [['P02'], []],
  },
  'P01.periodEnd': {
    change: (v: string) => nextDay(v),
    judge: (p) =>
      ids(
        checkRecipientEligible(
          p.rules.P01,
          zhaojue,
          { start: '2018-01-01', end: nextDay(P01.params.periodEnd!) },
          '2018-01-01',
        ),
      ),
    expected: [['P01'], []],
  },
  'P01.periodStart': {
    change: (v: string) => nextDay(v),
    judge: (p) =>
      ids(
        checkRecipientEligible(
          p.rules.P01,
          zhaojue,
          { start: P01.params.periodStart, end: '2020-12-31' },
          '2018-06-01',
        ),
      ),
    expected: [[], ['P01']],
  },
};
/** Params no rule of this module judges by, and why. */
const NOT_JUDGED: Record<string, string> = {
  'P01.povertyCountyCount':
    'shown for reconciliation with the policy text only (88 个贫困县); the flags decide',
};

describe('no P01/P02 rule hard-codes a policy number', () => {
  const scalarParams = (['P01', 'P02'] as const).flatMap((rule) =>
    Object.entries(pack.rules[rule].params)
      .filter(([, v]) => typeof v === 'number' || (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)))
      .map(([key]) => `${rule}.${key}`),
  );

  it('has a boundary case or a reason for every numeric and date param', () => {
    expect(scalarParams.filter((p) => !(p in BOUNDARIES) && !(p in NOT_JUDGED))).toEqual([]);
  });

  it.each(Object.keys(BOUNDARIES))('%s moves its boundary', (path) => {
    const [rule, key] = path.split('.') as ['P01' | 'P02', string];
    const { change, judge, expected } = BOUNDARIES[path]!;
    const original = (pack.rules[rule].params as Record<string, unknown>)[key];
    const moved = withParam(rule, key, change(original as never));
    expect([judge(pack), judge(moved)]).toEqual(expected);
    expect(expected.flat()).toContain(rule);
  });
});
