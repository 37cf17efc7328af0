import { describe, expect, it } from 'vitest';
import type { Violation } from '../../../shared/contracts/pairing';
import { DISPATCH_STATUSES, type DispatchStatus } from '../../../shared/dispatch-vocabulary';
import { SHANYANG_2024, SICHUAN_2017_172, TACHENG_2020 } from '../../../shared/policy';
import { type PolicyPack, type Rule, TITLES, type Title } from '../../../shared/policy/schema';
import type { DatedFlag } from '../pairing/pairing.rules';
import {
  addYears,
  type Conflict,
  checkCountsAsService,
  checkDeputyHeadRotation,
  checkDispatchEligibility,
  checkKindForTitle,
  checkManagementPost,
  checkPromotionLinkedDispatch,
  checkTitle,
  countsAsService,
  type DispatchCandidate,
  type DispatchRecord,
  findDispatchConflicts,
  type HomeInstitution,
  type ManagementAppointment,
  presenceRuleFor,
  serviceYears,
} from './dispatch.rules';

const pack = SICHUAN_2017_172;
const R = pack.rules;
const ids = (vs: Violation[]) => vs.map((v) => v.rule);
const codes = (cs: Conflict[]) => cs.map((c) => c.code);
const clone = (p: PolicyPack = pack) => structuredClone(p);

// Test-local date helpers, independent of the rules' own.
const shift = (d: string, days: number) =>
  new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

// ─── fixtures ───────────────────────────────────────────────────────────────────────────

const provincial: HomeInstitution = {
  name: '四川省人民医院',
  tier: 'province',
  regionName: '四川省',
  prefectureCode: null,
  flags: [],
};

type Patch = Partial<Omit<DispatchCandidate, 'staff'>> & { staff?: Partial<DispatchCandidate['staff']> };
const candidate = (patch: Patch = {}): DispatchCandidate => {
  const base: DispatchCandidate = {
    staff: { name: '张明', title: 'intermediate', serviceStartedOn: '2005-07-01', home: provincial },
    recipient: { name: '昭觉县人民医院', tier: 'county' },
    kind: 'resident',
    role: 'clinical',
    period: { start: '2019-01-01', end: '2019-12-31' },
    pairingPeriod: { start: '2018-01-01', end: '2020-12-31' },
    otherDispatches: [],
  };
  return { ...base, ...patch, staff: { ...base.staff, ...patch.staff } };
};

// ─── calendar ───────────────────────────────────────────────────────────────────────────

describe('serviceYears — whole years, complete on the anniversary', () => {
  it.each<[string, string, string, number]>([
    ['the anniversary itself', '2009-03-01', '2019-03-01', 10],
    ['9 years 364 days (the day before)', '2009-03-01', '2019-02-28', 9],
    ['the day before, across a leap February', '2011-03-01', '2020-02-29', 8],
    ['…and the anniversary after it', '2011-03-01', '2020-03-01', 9],
    ['a 29 February start: 28 February of a common year completes the year', '2008-02-29', '2018-02-28', 10],
    ['…27 February does not', '2008-02-29', '2018-02-27', 9],
    ['…in a leap year the anniversary is 29 February', '2008-02-29', '2016-02-29', 8],
    ['…and 28 February of that leap year is short', '2008-02-29', '2016-02-28', 7],
    ['the start day itself', '2009-03-01', '2009-03-01', 0],
    ['before the start', '2009-03-01', '2008-12-31', 0],
    ['31 December to 30 December next year', '2009-12-31', '2010-12-30', 0],
    ['31 December to 31 December next year', '2009-12-31', '2010-12-31', 1],
  ])('%s: %s → %s = %i', (_, from, on, expected) => {
    expect(serviceYears(from, on)).toBe(expected);
  });

  it.each([
    ['2008-02-29', 1, '2009-02-28'],
    ['2008-02-29', 4, '2012-02-29'],
    ['2019-03-01', 5, '2024-03-01'],
    ['2019-12-31', 1, '2020-12-31'],
  ])('addYears(%s, %i) = %s', (from, years, expected) => {
    expect(addYears(from, years)).toBe(expected);
  });
});

// ─── P04 ────────────────────────────────────────────────────────────────────────────────

const N = R.P04.params.supervisionMinServiceYears;
const below = (t: Title): Title | undefined => TITLES[TITLES.indexOf(t) - 1];
const above = (t: Title): Title | undefined => TITLES[TITLES.indexOf(t) + 1];

describe('P04 checkTitle — minimum title by recipient tier (seed 002 §五(四), DOMAIN "Titles (P04)")', () => {
  const minimums = Object.entries(R.P04.params.minTitleByTier) as [
    DispatchCandidate['recipient']['tier'],
    Title,
  ][];
  const cases = minimums.flatMap(([tier, min]) => {
    const rows: [string, DispatchCandidate['recipient']['tier'], Title, string[]][] = [
      [`${tier}: exactly ${min}`, tier, min, []],
    ];
    const lower = below(min);
    const higher = above(min);
    if (lower) rows.push([`${tier}: ${lower}, one below`, tier, lower, ['P04']]);
    if (higher) rows.push([`${tier}: ${higher}, one above`, tier, higher, []]);
    return rows;
  });

  it('the shipped pack sets a minimum for the recipient tiers it covers', () => {
    expect(cases.length).toBeGreaterThan(minimums.length);
  });

  it.each(cases)('%s', (_, tier, title, expected) => {
    expect(
      ids(checkTitle(R.P04, candidate({ recipient: { name: '受援机构', tier }, staff: { title } }))),
    ).toEqual(expected);
  });

  it('does not check a tier the pack sets no minimum for', () => {
    const unset = (
      ['province', 'prefecture', 'county', 'central_township', 'township', 'village'] as const
    ).filter((t) => !(t in R.P04.params.minTitleByTier));
    for (const tier of unset) {
      expect(
        checkTitle(R.P04, candidate({ recipient: { name: '某村卫生室', tier }, staff: { title: 'none' } })),
      ).toEqual([]);
    }
  });

  it('reads the minimum from the pack', () => {
    const p = clone();
    p.rules.P04.params.minTitleByTier.county = 'deputy_senior';
    const c = candidate({ staff: { title: 'intermediate' } });
    expect([ids(checkTitle(R.P04, c)), ids(checkTitle(p.rules.P04, c))]).toEqual([[], ['P04']]);
  });

  it('names the person, the recipient and the titles in Chinese, at the pack level, with the way out', () => {
    const min = R.P04.params.minTitleByTier.prefecture!;
    const [v] = checkTitle(
      R.P04,
      candidate({
        recipient: { name: '凉山彝族自治州第一人民医院', tier: 'prefecture' },
        staff: { title: below(min)! },
      }),
    );
    expect(v).toMatchObject({
      rule: 'P04',
      level: R.P04.level,
      inputs: { minTitle: min, source: R.P04.source },
    });
    expect(v!.message).toBe(
      '支援人员张明为中级，派驻市(州)级受援机构凉山彝族自治州第一人民医院原则上应为副高及以上职称；确需选派的，须说明理由并经省对口支援管理办公室审核同意',
    );
  });

  it('a mandatory P04 says 应 and offers no way out', () => {
    const strict: Rule<'P04'> = { ...R.P04, level: 'mandatory' };
    const [v] = checkTitle(strict, candidate({ staff: { title: 'junior' } }));
    expect(v!.level).toBe('mandatory');
    expect(v!.message).toContain('应为中级及以上职称');
    expect(v!.message).not.toContain('原则上');
    expect(v!.message).not.toContain('理由');
  });

  it('checks nothing when the rule is switched off', () => {
    expect(checkTitle({ ...R.P04, enabled: false }, candidate({ staff: { title: 'none' } }))).toEqual([]);
  });
});

describe('P04 checkTitle — supervision staff by years of service', () => {
  // Started mid-year: the anniversary and the day before it never move with leap years.
  const started = '2009-07-01';
  const exact = `${2009 + N}-07-01`;
  const oneShort = `${2009 + N}-06-30`;
  // Started on a leap day: the anniversary is 29 February only if that year has one.
  const leapYear = 2008 + N;
  const leapExact = `${leapYear}-02-${isLeap(leapYear) ? 29 : 28}`;
  const supervision = (start: string, serviceStartedOn: string | null, title: Title = 'none') =>
    candidate({
      role: 'supervision',
      recipient: { name: '昭觉县卫生健康局卫生监督所', tier: 'county' },
      staff: { name: '吉克阿依', title, serviceStartedOn },
      period: { start, end: shift(start, 364) },
      pairingPeriod: { start: '2000-01-01', end: null },
    });

  it.each<[string, DispatchCandidate, string[]]>([
    [`exactly ${N} years on the first day of the dispatch`, supervision(exact, started), []],
    [`${N - 1} years 364 days`, supervision(oneShort, started), ['P04']],
    [`a 29 February start, on its anniversary (${leapExact})`, supervision(leapExact, '2008-02-29'), []],
    ['…the day before', supervision(shift(leapExact, -1), '2008-02-29'), ['P04']],
    ['no start date recorded', supervision(exact, null), ['P04']],
    ['参公 staff without a title are exempt from the title minimum', supervision(exact, started, 'none'), []],
    ['a titled supervision staff member one day short', supervision(oneShort, started, 'senior'), ['P04']],
  ])('%s', (_, c, expected) => {
    expect(R.P04.params.supervisionTitleExempt).toBe(true);
    expect(ids(checkTitle(R.P04, c))).toEqual(expected);
  });

  it('judges both years and title when the pack does not exempt supervision staff', () => {
    const p = clone();
    p.rules.P04.params.supervisionTitleExempt = false;
    expect(ids(checkTitle(p.rules.P04, supervision(exact, started, 'none')))).toEqual(['P04']);
    expect(ids(checkTitle(p.rules.P04, supervision(oneShort, started, 'none')))).toEqual(['P04', 'P04']);
    expect(checkTitle(p.rules.P04, supervision(exact, started, 'intermediate'))).toEqual([]);
  });

  it('reads the years from the pack', () => {
    const p = clone();
    p.rules.P04.params.supervisionMinServiceYears = N + 1;
    const c = supervision(exact, started);
    expect([ids(checkTitle(R.P04, c)), ids(checkTitle(p.rules.P04, c))]).toEqual([[], ['P04']]);
  });

  it('a clinical dispatch is not judged by years', () => {
    expect(checkTitle(R.P04, candidate({ staff: { serviceStartedOn: null } }))).toEqual([]);
    expect(checkTitle(R.P04, candidate({ staff: { serviceStartedOn: oneShort } }))).toEqual([]);
  });

  it('says how many years, since when, in Chinese', () => {
    const [v] = checkTitle(R.P04, supervision(oneShort, started));
    expect(v!.message).toBe(
      `监督执法支援人员吉克阿依自 ${started} 参加工作，至派驻开始日 ${oneShort} 工龄为 ${N - 1} 年，原则上应满 ${N} 年；确需选派的，须说明理由并经省对口支援管理办公室审核同意`,
    );
    expect(v!.inputs).toMatchObject({ need: N, have: N - 1, on: oneShort });
  });
});

// ─── P06 / P07: which presence rule, and flexible stationing ────────────────────────────

describe('presenceRuleFor — fixed by the title at approval (DOMAIN "副高+ presence (P07)")', () => {
  const table = [
    ...R.P06.params.titles.map((t) => [t, 'P06'] as const),
    ...R.P07.params.titles.map((t) => [t, 'P07'] as const),
  ];

  it('the shipped pack places every title under one rule', () => {
    expect(table.map(([t]) => t).sort()).toEqual([...TITLES].sort());
    expect(presenceRuleFor('intermediate', R)).toBe('P06');
    expect(presenceRuleFor('deputy_senior', R)).toBe('P07');
  });

  it.each(table)('%s → %s', (title, expected) => {
    expect(presenceRuleFor(title, R)).toBe(expected);
  });

  it('reads the titles from the pack', () => {
    const p = clone();
    p.rules.P06.params.titles = ['none', 'junior'];
    p.rules.P07.params.titles = ['intermediate', 'deputy_senior', 'senior'];
    expect(presenceRuleFor('intermediate', p.rules)).toBe('P07');
  });

  it('falls back to full-time stationing (P06) for a title listed twice or nowhere', () => {
    const p = clone();
    p.rules.P06.params.titles = ['intermediate', 'deputy_senior'];
    p.rules.P07.params.titles = ['deputy_senior'];
    expect(presenceRuleFor('deputy_senior', p.rules)).toBe('P06');
    expect(presenceRuleFor('senior', p.rules)).toBe('P06');
  });
});

describe('P06 checkKindForTitle — flexible stationing is for P07 titles (seed 002 §五(五))', () => {
  it.each<[string, DispatchCandidate['kind'], Title, string[]]>([
    ['中级 stationed full time', 'resident', 'intermediate', []],
    ['中级 flexibly stationed', 'flexible_resident', 'intermediate', ['P06']],
    ['副高 flexibly stationed', 'flexible_resident', 'deputy_senior', []],
    ['副高 stationed full time', 'resident', 'deputy_senior', []],
    ['正高 visiting (柔性)', 'flexible', 'senior', []],
  ])('%s', (_, kind, title, expected) => {
    expect(ids(checkKindForTitle(R, candidate({ kind, staff: { title } })))).toEqual(expected);
  });

  it('uses the pack level and names the person', () => {
    const [v] = checkKindForTitle(R, candidate({ kind: 'flexible_resident' }));
    expect(v).toMatchObject({ rule: 'P06', level: R.P06.level });
    expect(v!.message).toContain('张明为中级');
    expect(v!.message).toContain('弹性驻点');
  });
});

// ─── P28 ────────────────────────────────────────────────────────────────────────────────

const FROM = R.P28.params.fromYear;
const DEEP: DatedFlag = { flag: 'deep_poverty', validFrom: '2014-01-01', validTo: '2020-12-31' };
const ETHNIC: DatedFlag = { flag: 'ethnic', validFrom: '1984-01-01', validTo: null };
const LIFTED: DatedFlag = { flag: 'lifted_poverty', validFrom: '2021-01-01', validTo: null };
const ganziPrefecture: HomeInstitution = {
  name: '甘孜藏族自治州人民医院',
  tier: 'prefecture',
  regionName: '甘孜藏族自治州',
  prefectureCode: '513300',
  flags: [],
};
const barkam: HomeInstitution = {
  name: '马尔康市人民医院',
  tier: 'county',
  regionName: '马尔康市',
  prefectureCode: '513200',
  flags: [],
};
const liangshanTownship: HomeInstitution = {
  name: '昭觉县竹核乡卫生院',
  tier: 'township',
  regionName: '昭觉县',
  prefectureCode: '513400',
  flags: [DEEP, ETHNIC],
};
const mabian: HomeInstitution = {
  name: '马边彝族自治县人民医院',
  tier: 'county',
  regionName: '马边彝族自治县',
  prefectureCode: '511100',
  flags: [DEEP],
};
const leshan: HomeInstitution = {
  name: '乐山市人民医院',
  tier: 'prefecture',
  regionName: '乐山市',
  prefectureCode: '511100',
  flags: [],
};

describe('P28 checkPromotionLinkedDispatch — no promotion-linked long-term dispatch (seed 002 §五(四))', () => {
  const from = (
    home: HomeInstitution,
    start = `${FROM + 1}-03-01`,
    kind: DispatchCandidate['kind'] = 'resident',
  ) => candidate({ staff: { home }, kind, period: { start, end: shift(start, 364) } });

  it.each<[string, DispatchCandidate, string[]]>([
    ['a prefecture-level institution of a named prefecture (甘孜)', from(ganziPrefecture), ['P28']],
    ['a county-level institution of a named prefecture (阿坝), flags or not', from(barkam), ['P28']],
    ['a township hospital of a named prefecture (not a P28 tier)', from(liangshanTownship), []],
    ['a county hospital of a deep-poverty county elsewhere (马边)', from(mabian), ['P28']],
    ['…of an ethnic county only', from({ ...mabian, flags: [ETHNIC] }), ['P28']],
    ['…of a county whose only flag is 脱贫县', from({ ...mabian, flags: [LIFTED] }), []],
    ['…on the last day its flag is valid', from(mabian, DEEP.validTo!), ['P28']],
    ['…the day after its flag expired', from(mabian, shift(DEEP.validTo!, 1)), []],
    ['a prefecture-level institution of another prefecture (乐山)', from(leshan), []],
    ['a province-level institution', from(provincial), []],
    [`a dispatch starting on 1 January ${FROM}`, from(ganziPrefecture, `${FROM}-01-01`), ['P28']],
    [`a dispatch starting on 31 December ${FROM - 1}`, from(ganziPrefecture, `${FROM - 1}-12-31`), []],
    ['弹性驻点 is long-term', from(ganziPrefecture, undefined, 'flexible_resident'), ['P28']],
    ['挂职 is long-term', from(ganziPrefecture, undefined, 'secondment'), ['P28']],
    ['柔性 (a short visit) is not', from(ganziPrefecture, undefined, 'flexible'), []],
  ])('%s', (_, c, expected) => {
    expect(ids(checkPromotionLinkedDispatch(R.P28, c))).toEqual(expected);
  });

  it('reads the year, prefectures and flags from the pack', () => {
    const later = clone();
    later.rules.P28.params.fromYear = FROM + 1;
    const first = from(ganziPrefecture, `${FROM}-01-01`);
    expect([
      ids(checkPromotionLinkedDispatch(R.P28, first)),
      ids(checkPromotionLinkedDispatch(later.rules.P28, first)),
    ]).toEqual([['P28'], []]);

    const noGanzi = clone();
    noGanzi.rules.P28.params.prefectures = noGanzi.rules.P28.params.prefectures.filter(
      (r) => r.regionCode !== '513300',
    );
    expect(checkPromotionLinkedDispatch(noGanzi.rules.P28, from(ganziPrefecture))).toEqual([]);

    const noEthnic = clone();
    noEthnic.rules.P28.params.countyFlags = noEthnic.rules.P28.params.countyFlags.filter(
      (f) => f !== 'ethnic',
    );
    expect(checkPromotionLinkedDispatch(noEthnic.rules.P28, from({ ...mabian, flags: [ETHNIC] }))).toEqual(
      [],
    );

    const townships = clone();
    townships.rules.P28.params.prefectureTiers = ['prefecture', 'county', 'township'];
    expect(ids(checkPromotionLinkedDispatch(townships.rules.P28, from(liangshanTownship)))).toEqual(['P28']);
  });

  it('is not part of the Shanyang and Tacheng packs', () => {
    for (const p of [SHANYANG_2024, TACHENG_2020]) {
      expect(checkPromotionLinkedDispatch(p.rules.P28, from(ganziPrefecture))).toEqual([]);
    }
  });

  it('names the person, the institution, the region and the flags in Chinese', () => {
    const [v] = checkPromotionLinkedDispatch(
      R.P28,
      from({ ...mabian, flags: [DEEP, ETHNIC] }, `${FROM + 1}-03-01`),
    );
    expect(v).toMatchObject({
      rule: 'P28',
      level: R.P28.level,
      inputs: { fromYear: FROM, source: R.P28.source },
    });
    expect(v!.message).toBe(
      `支援人员张明所在单位马边彝族自治县人民医院为马边彝族自治县（深度贫困县、民族县）的县级医疗卫生单位，自${FROM}年起不安排与职称晋升挂钩的长期下派驻点任务（本次为驻点，${FROM + 1}-03-01 起）`,
    );
    const [w] = checkPromotionLinkedDispatch(R.P28, from(ganziPrefecture));
    expect(w!.message).toContain('甘孜藏族自治州人民医院为甘孜藏族自治州的市(州)级医疗卫生单位');
  });
});

// ─── conflicts: one person in one place, inside the pairing ─────────────────────────────

describe('findDispatchConflicts — overlaps and the pairing period', () => {
  const period = { start: '2019-01-01', end: '2019-12-31' };
  const other = (start: string, end: string, status: DispatchStatus = 'approved') => ({
    recipientName: '布拖县人民医院',
    start,
    end,
    status,
  });

  it.each<[string, Patch, string[]]>([
    ['no other dispatch', {}, []],
    ['another ending the day before', { otherDispatches: [other('2018-01-01', '2018-12-31')] }, []],
    [
      'another ending on the first day',
      { otherDispatches: [other('2018-01-01', '2019-01-01')] },
      ['overlapping_dispatch'],
    ],
    [
      'another starting on the last day',
      { otherDispatches: [other('2019-12-31', '2020-06-30')] },
      ['overlapping_dispatch'],
    ],
    ['another starting the day after', { otherDispatches: [other('2020-01-01', '2020-06-30')] }, []],
    ['another inside it', { otherDispatches: [other('2019-03-01', '2019-03-31')] }, ['overlapping_dispatch']],
    ['another around it', { otherDispatches: [other('2018-06-01', '2020-06-30')] }, ['overlapping_dispatch']],
    [
      'two others overlapping',
      { otherDispatches: [other('2018-06-01', '2019-01-31'), other('2019-12-01', '2020-06-30', 'proposed')] },
      ['overlapping_dispatch', 'overlapping_dispatch'],
    ],
    ['starting on the pairing start', { period: { start: '2018-01-01', end: '2018-12-31' } }, []],
    [
      'starting the day before it',
      { period: { start: '2017-12-31', end: '2018-12-30' } },
      ['outside_pairing_period'],
    ],
    ['ending on the pairing end', { period: { start: '2020-01-01', end: '2020-12-31' } }, []],
    [
      'ending the day after it',
      { period: { start: '2020-01-02', end: '2021-01-01' } },
      ['outside_pairing_period'],
    ],
    [
      'any end in an open-ended pairing',
      {
        pairingPeriod: { start: '2018-01-01', end: null },
        period: { start: '2030-01-01', end: '2030-12-31' },
      },
      [],
    ],
    ['ending before it starts', { period: { start: '2019-06-01', end: '2019-05-31' } }, ['invalid_period']],
  ])('%s', (_, patch, expected) => {
    expect(codes(findDispatchConflicts(candidate({ period, ...patch })))).toEqual(expected);
  });

  it.each(
    DISPATCH_STATUSES.map((s) => [s, ['proposed', 'submitted', 'approved', 'on_duty'].includes(s)] as const),
  )('an overlapping dispatch that is %s blocks: %s', (status, blocks) => {
    const c = candidate({ period, otherDispatches: [other('2019-06-01', '2020-05-31', status)] });
    expect(codes(findDispatchConflicts(c))).toEqual(blocks ? ['overlapping_dispatch'] : []);
  });

  it('names the other recipient, its dates and status in Chinese', () => {
    const [c] = findDispatchConflicts(
      candidate({ period, otherDispatches: [other('2019-06-01', '2020-05-31', 'on_duty')] }),
    );
    expect(c!.message).toBe(
      '张明已有派驻布拖县人民医院的选派（2019-06-01 至 2020-05-31，在岗），与本次 2019-01-01 至 2019-12-31 时间重叠',
    );
  });
});

describe('checkDispatchEligibility — every check in one call', () => {
  it('returns policy violations and record conflicts apart', () => {
    const c = candidate({
      staff: { title: 'junior', home: ganziPrefecture },
      kind: 'flexible_resident',
      period: { start: `${FROM + 2}-06-01`, end: `${FROM + 3}-05-31` },
      pairingPeriod: { start: `${FROM}-01-01`, end: `${FROM + 2}-12-31` },
      otherDispatches: [
        {
          recipientName: '布拖县人民医院',
          start: `${FROM + 2}-01-01`,
          end: `${FROM + 2}-06-01`,
          status: 'on_duty',
        },
      ],
    });
    const { violations, conflicts } = checkDispatchEligibility(R, c);
    expect(ids(violations)).toEqual(['P04', 'P06', 'P28']);
    expect(codes(conflicts)).toEqual(['overlapping_dispatch', 'outside_pairing_period']);
  });

  it('passes an eligible dispatch', () => {
    expect(checkDispatchEligibility(R, candidate())).toEqual({ violations: [], conflicts: [] });
  });
});

// ─── P05 ────────────────────────────────────────────────────────────────────────────────

describe('P05 countsAsService — only dispatches approved by the province count (seed 002 §五(四))', () => {
  const record = (status: DispatchStatus, provinceApprovedOn: string | null): DispatchRecord => ({
    staffName: '张明',
    recipientName: '昭觉县人民医院',
    status,
    provinceApprovedOn,
  });

  it.each<[DispatchStatus, string | null, boolean]>([
    ['proposed', null, false],
    ['submitted', null, false],
    ['proposed', '2019-01-01', false],
    ['submitted', '2019-01-01', false],
    ['approved', '2019-01-01', true],
    ['on_duty', '2019-01-01', true],
    ['completed', '2019-01-01', true],
    ['ended_early', '2019-01-01', true],
    ['replaced', '2019-01-01', true],
    ['completed', null, false],
    ['on_duty', null, false],
  ])('%s, approved by the province on %s → %s', (status, on, expected) => {
    expect(R.P05.params.countsOnlyIfApprovedByProvince).toBe(true);
    expect(countsAsService(R.P05, record(status, on))).toBe(expected);
    expect(ids(checkCountsAsService(R.P05, record(status, on)))).toEqual(expected ? [] : ['P05']);
  });

  it('reads the pack: without the province requirement an approved dispatch counts, a proposal still does not', () => {
    const p = clone();
    p.rules.P05.params.countsOnlyIfApprovedByProvince = false;
    expect(countsAsService(p.rules.P05, record('completed', null))).toBe(true);
    expect(countsAsService(p.rules.P05, record('submitted', null))).toBe(false);
  });

  it('says why in Chinese', () => {
    const [v] = checkCountsAsService(R.P05, record('completed', null));
    expect(v).toMatchObject({ rule: 'P05', level: R.P05.level });
    expect(v!.message).toBe(
      '张明派驻昭觉县人民医院未报送省对口支援管理办公室审核，其下派时间不视同申报高一级专业技术职务所必需的服务基层经历',
    );
    expect(checkCountsAsService(R.P05, record('submitted', null))[0]!.message).toContain(
      '尚未审核通过（已报审）',
    );
  });
});

// ─── P13 ────────────────────────────────────────────────────────────────────────────────

const Y = R.P13.params.deputyHeadRotationWithinYears!;

describe('P13 checkManagementPost — a post held inside the dispatch (seed 002 §五(六) 精准“帮”)', () => {
  const dispatch = { start: '2019-01-01', end: '2019-12-31' };
  const post = (
    start: string,
    end: string | null,
    kind: ManagementAppointment['post'] = 'department_head',
  ) => ({
    staffName: '张明',
    recipientName: '昭觉县人民医院',
    post: kind,
    department: kind.includes('department') ? '外科' : null,
    start,
    end,
    dispatch,
  });

  it.each<[string, ManagementAppointment, string[]]>([
    ['the whole dispatch', post('2019-01-01', '2019-12-31'), []],
    ['until the dispatch ends (no end date)', post('2019-03-01', null, 'deputy_head'), []],
    ['from the day before the dispatch', post('2018-12-31', '2019-06-30'), ['post_outside_dispatch']],
    ['to the day after it', post('2019-06-01', '2020-01-01'), ['post_outside_dispatch']],
    ['ending before it starts', post('2019-06-01', '2019-05-31'), ['invalid_period']],
  ])('%s', (_, appointment, expected) => {
    expect(codes(checkManagementPost(appointment))).toEqual(expected);
  });

  it('names the post and department in Chinese', () => {
    const [c] = checkManagementPost(post('2019-06-01', '2020-01-01'));
    expect(c!.message).toBe(
      '张明兼任昭觉县人民医院外科科室主任（2019-06-01 至 2020-01-01）超出其派驻期（2019-01-01 至 2019-12-31）',
    );
  });
});

describe('P13 checkDeputyHeadRotation — a deputy head within the years the pack sets', () => {
  const pairing = {
    supportingName: '四川省人民医院',
    recipientName: '昭觉县人民医院',
    start: '2018-07-01',
    end: null,
  };
  const windowEnd = `${2018 + Y}-06-30`;
  const after = `${2018 + Y}-07-01`;
  const deputy = (start: string) => ({ post: 'deputy_head' as const, start });

  it.each<[string, string, { post: ManagementAppointment['post']; start: string }[], string[]]>([
    ['none yet, on the last day of the window', windowEnd, [], []],
    ['none, the day after the window', after, [], ['P13']],
    ['a deputy head from the last day of the window', after, [deputy(windowEnd)], []],
    ['a deputy head only from the day after', after, [deputy(after)], ['P13']],
    ['a deputy head before the pairing started does not count', after, [deputy('2018-06-30')], ['P13']],
    ['a head (援疆-style) counts', after, [{ post: 'head', start: '2019-01-01' }], []],
    ['a department head does not', after, [{ post: 'department_head', start: '2019-01-01' }], ['P13']],
  ])('%s', (_, today, posts, expected) => {
    expect(ids(checkDeputyHeadRotation(R.P13, pairing, posts, today))).toEqual(expected);
  });

  it('judges a shorter pairing at its own end', () => {
    const short = { ...pairing, end: '2019-06-30' };
    expect(checkDeputyHeadRotation(R.P13, short, [], '2019-06-30')).toEqual([]);
    expect(ids(checkDeputyHeadRotation(R.P13, short, [], '2019-07-01'))).toEqual(['P13']);
  });

  it('reads the years from the pack; no term (Tacheng) checks nothing', () => {
    const p = clone();
    p.rules.P13.params.deputyHeadRotationWithinYears = Y + 1;
    expect([
      ids(checkDeputyHeadRotation(R.P13, pairing, [], after)),
      ids(checkDeputyHeadRotation(p.rules.P13, pairing, [], after)),
    ]).toEqual([['P13'], []]);
    expect(TACHENG_2020.rules.P13.params.deputyHeadRotationWithinYears).toBeNull();
    expect(checkDeputyHeadRotation(TACHENG_2020.rules.P13, pairing, [], '2030-01-01')).toEqual([]);
  });

  it('is shown at the pack level (encouraged in Sichuan) and says it in Chinese', () => {
    const [v] = checkDeputyHeadRotation(R.P13, pairing, [], after);
    expect(v).toMatchObject({ rule: 'P13', level: R.P13.level, inputs: { windowEnd, years: Y } });
    expect(v!.message).toBe(
      `四川省人民医院对口支援昭觉县人民医院自 2018-07-01 起 ${Y} 年内（至 ${windowEnd}）未派出人员兼任受援机构副职领导职务`,
    );
  });
});

// ─── no rule hard-codes a policy number ─────────────────────────────────────────────────

/** Every numeric param of P04, P05, P13, P28 moves a boundary when changed in a copy of the pack. */
type Judge = (p: PolicyPack) => string[];
const BOUNDARIES: Record<
  string,
  { change: (v: number) => number; judge: Judge; expected: [string[], string[]] }
> = {
  'P04.supervisionMinServiceYears': {
    change: (v) => v + 1,
    judge: (p) =>
      ids(
        checkTitle(
          p.rules.P04,
          candidate({
            role: 'supervision',
            staff: { title: 'none', serviceStartedOn: '2009-07-01' },
            period: { start: `${2009 + N}-07-01`, end: `${2010 + N}-06-30` },
          }),
        ),
      ),
    expected: [[], ['P04']],
  },
  'P13.deputyHeadRotationWithinYears': {
    change: (v) => v + 1,
    judge: (p) =>
      ids(
        checkDeputyHeadRotation(
          p.rules.P13,
          { supportingName: '甲', recipientName: '乙', start: '2018-07-01', end: null },
          [],
          `${2018 + Y}-07-01`,
        ),
      ),
    expected: [['P13'], []],
  },
  'P28.fromYear': {
    change: (v) => v + 1,
    judge: (p) =>
      ids(
        checkPromotionLinkedDispatch(
          p.rules.P28,
          candidate({
            staff: { home: ganziPrefecture },
            period: { start: `${FROM}-01-01`, end: `${FROM}-12-31` },
          }),
        ),
      ),
    expected: [['P28'], []],
  },
};

describe('no P04/P05/P13/P28 rule hard-codes a policy number', () => {
  const rules = ['P04', 'P05', 'P13', 'P28'] as const;
  const numeric = rules.flatMap((rule) =>
    Object.entries(pack.rules[rule].params)
      .filter(([, v]) => typeof v === 'number')
      .map(([key]) => `${rule}.${key}`),
  );

  it('has a boundary case for every numeric param', () => {
    expect(numeric.filter((p) => !(p in BOUNDARIES))).toEqual([]);
  });

  it.each(Object.keys(BOUNDARIES))('%s moves its boundary', (path) => {
    const [rule, key] = path.split('.') as [(typeof rules)[number], string];
    const { change, judge, expected } = BOUNDARIES[path]!;
    const moved = clone();
    const params = moved.rules[rule].params as Record<string, unknown>;
    params[key] = change(params[key] as number);
    expect([judge(pack), judge(moved)]).toEqual(expected);
  });
});
