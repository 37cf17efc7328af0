import { beforeAll, describe, expect, it } from 'vitest';
import { applyChineseZodErrors } from '../zod-zh';
import {
  DEFAULT_PACKS,
  describePack,
  describeParams,
  formatFen,
  PARAM_META,
  type PolicyPack,
  parsePolicyPack,
  RULE_IDS,
  RULE_TITLES,
  SHANYANG_2024,
  SICHUAN_2017_172,
  TACHENG_2020,
} from './index';

const CHINESE = /[\u4e00-\u9fff]/;
const packs = Object.entries(DEFAULT_PACKS);

/** A deep copy to break: packs are plain JSON. */
const copy = (pack: PolicyPack): Record<string, unknown> & { rules: Record<string, unknown> } =>
  JSON.parse(JSON.stringify(pack));

function errorsOf(input: unknown) {
  const result = parsePolicyPack(input);
  if (result.ok) throw new Error('expected the pack to be refused');
  return result.errors;
}

beforeAll(() => applyChineseZodErrors());

describe('shipped packs', () => {
  it.each(packs)('%s parses and comes back unchanged', (code, pack) => {
    const result = parsePolicyPack(pack);
    expect(result).toEqual({ ok: true, pack });
    expect(pack.code).toBe(code);
  });

  it.each(packs)('%s: every rule P01–P28 is present, has its id, a Chinese text and a source', (_, pack) => {
    expect(Object.keys(pack.rules)).toEqual([...RULE_IDS]);
    for (const id of RULE_IDS) {
      const rule = pack.rules[id];
      expect(rule.id).toBe(id);
      expect(rule.text).toMatch(CHINESE);
      expect(rule.source.trim()).not.toBe('');
    }
  });

  it('the packs differ where their seeds do', () => {
    const on = (pack: PolicyPack) => RULE_IDS.filter((id) => pack.rules[id].enabled);
    expect(on(SICHUAN_2017_172)).not.toContain('P24');
    expect(on(SICHUAN_2017_172)).not.toContain('P25');
    expect(on(SICHUAN_2017_172)).not.toContain('P26');
    expect(on(SHANYANG_2024)).toEqual(expect.arrayContaining(['P24', 'P25']));
    expect(on(SHANYANG_2024)).not.toContain('P26');
    expect(on(TACHENG_2020)).toContain('P26');
    expect(on(TACHENG_2020)).not.toContain('P25');
    for (const pack of [SHANYANG_2024, TACHENG_2020]) {
      expect(on(pack)).not.toContain('P10');
      expect(on(pack)).not.toContain('P12');
      expect(on(pack)).not.toContain('P28');
    }
  });

  it('carries the numbers of the seeds and of DOMAIN.md', () => {
    const sc = SICHUAN_2017_172.rules;
    expect(sc.P01.params.periodEnd).toBe('2020-12-31');
    expect(sc.P02.params).toMatchObject({ maxOneToOnePerCategory: 1, deepPovertyMaxPerCategory: 2 });
    expect(sc.P04.params.minTitleByTier).toEqual({
      prefecture: 'deputy_senior',
      county: 'intermediate',
      central_township: 'intermediate',
      township: 'intermediate',
    });
    expect(sc.P07.params).toMatchObject({ serviceMonths: 12, minDaysPerMonth: 5, minTotalDays: 60 });
    expect(sc.P10.params).toMatchObject({ gpTransferPerYear: 350, villageDoctorsPerYear: 7000 });
    expect(sc.P14.params.menteesPerStaff).toEqual({
      medical: 3,
      tcm: 3,
      maternal_child: 2,
      cdc: 1,
      supervision: 1,
    });
    expect(sc.P17.params.performancePayMinIncreasePct).toBe(20);
    expect(sc.P20.params.bondYears).toBe(5);
    expect(SHANYANG_2024.rules.P25.params).toMatchObject({
      arrivalGrantFen: 200_000,
      dailyPerformanceFen: 15_000,
      dailyLivingFen: 3_000,
      monthlyTransportFen: 40_000,
      firstDifficultTechniqueAwardFen: 50_000,
      firstNewTechniqueAwardFen: 500_000,
    });
    expect(TACHENG_2020.rules.P26.params).toMatchObject({
      stationedExpertsPerYear: 20,
      visitingExpertsPerYear: 20,
      visitingExpertsPerBatch: 10,
      cmeProjectsPerYear: { min: 15, max: 20 },
      freeFurtherStudyPlacesPerYear: 20,
    });
  });

  it('a rule a seed is silent on keeps the Sichuan default and says so', () => {
    expect(SHANYANG_2024.rules.P07.params).toEqual(SICHUAN_2017_172.rules.P07.params);
    expect(SHANYANG_2024.rules.P07.text).toContain('种子001未作规定');
    expect(TACHENG_2020.rules.P14.params).toEqual(SICHUAN_2017_172.rules.P14.params);
    expect(TACHENG_2020.rules.P14.text).toContain('种子003未作规定');
  });
});

describe('parsePolicyPack refuses', () => {
  it('a pack missing a rule, naming it', () => {
    const pack = copy(SICHUAN_2017_172);
    delete pack.rules.P14;
    const errors = errorsOf(pack);
    expect(errors).toEqual([{ path: 'rules.P14', message: expect.stringContaining('缺少规则 P14') }]);
  });

  it.each([
    ['a negative number', -1],
    ['a number as text', '5'],
    ['a fraction', 2.5],
  ])('%s for P07 minDaysPerMonth, with a Chinese message and the path', (_, bad) => {
    const pack = copy(SICHUAN_2017_172);
    (pack.rules.P07 as { params: Record<string, unknown> }).params.minDaysPerMonth = bad;
    const errors = errorsOf(pack);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.path).toBe('rules.P07.params.minDaysPerMonth');
    expect(errors[0]?.message).toMatch(CHINESE);
  });

  it('an unknown param', () => {
    const pack = copy(SICHUAN_2017_172);
    (pack.rules.P07 as { params: Record<string, unknown> }).params.minWeeksPerMonth = 1;
    const errors = errorsOf(pack);
    expect(errors).toEqual([
      { path: 'rules.P07.params', message: expect.stringContaining('minWeeksPerMonth') },
    ]);
    expect(errors[0]?.message).toMatch(CHINESE);
  });

  it('an unknown rule', () => {
    const pack = copy(SICHUAN_2017_172);
    pack.rules.P29 = pack.rules.P28;
    expect(errorsOf(pack)).toEqual([{ path: 'rules', message: expect.stringContaining('P29') }]);
  });

  it.each([
    ['a rule filed under the wrong id', (p: PolicyPack) => ({ ...p.rules.P07, id: 'P06' }), 'rules.P07.id'],
    ['an unknown level', (p: PolicyPack) => ({ ...p.rules.P07, level: 'strict' }), 'rules.P07.level'],
    ['an English text', (p: PolicyPack) => ({ ...p.rules.P07, text: 'one week a month' }), 'rules.P07.text'],
    ['an empty source', (p: PolicyPack) => ({ ...p.rules.P07, source: ' ' }), 'rules.P07.source'],
  ])('%s', (_, broken, path) => {
    const pack = copy(SICHUAN_2017_172);
    pack.rules.P07 = broken(SICHUAN_2017_172);
    const errors = errorsOf(pack);
    expect(errors.map((e) => e.path)).toEqual([path]);
    expect(errors[0]?.message).toMatch(CHINESE);
  });

  it.each([
    [
      'an unknown title',
      ['P04', 'minTitleByTier'],
      { county: 'professor' },
      'rules.P04.params.minTitleByTier.county',
    ],
    [
      'an unknown tier',
      ['P04', 'minTitleByTier'],
      { city: 'intermediate' },
      'rules.P04.params.minTitleByTier',
    ],
    ['a bad date', ['P12', 'deadline'], '2019-13-31', 'rules.P12.params.deadline'],
    ['money in yuan with cents', ['P25', 'arrivalGrantFen'], 2000.5, 'rules.P25.params.arrivalGrantFen'],
    ['an end before the start', ['P01', 'periodEnd'], '2017-12-31', 'rules.P01.params.periodEnd'],
    [
      'a deep-poverty cap below the general one',
      ['P02', 'deepPovertyMaxPerCategory'],
      0,
      'rules.P02.params.deepPovertyMaxPerCategory',
    ],
    [
      'an inverted range',
      ['P26', 'cmeProjectsPerYear'],
      { min: 20, max: 15 },
      'rules.P26.params.cmeProjectsPerYear',
    ],
  ] as const)('%s', (_, [id, key], bad, path) => {
    const pack = copy(TACHENG_2020);
    (pack.rules[id] as { params: Record<string, unknown> }).params[key] = bad;
    const errors = errorsOf(pack);
    expect(errors.map((e) => e.path)).toContain(path);
    for (const e of errors) expect(e.message).toMatch(CHINESE);
  });

  it('an unknown code, listing the allowed ones with their Chinese labels', () => {
    const pack = copy(SICHUAN_2017_172);
    (pack.rules.P04 as { params: { minTitleByTier: Record<string, unknown> } }).params.minTitleByTier.county =
      '教授';
    expect(errorsOf(pack)).toEqual([
      {
        path: 'rules.P04.params.minTitleByTier.county',
        message: expect.stringContaining('deputy_senior（副高）'),
      },
    ]);
  });

  it('something that is not a pack at all', () => {
    const errors = errorsOf('sichuan');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(CHINESE);
  });
});

describe('labels', () => {
  it('formats money from fen', () => {
    expect(formatFen(200_000)).toBe('2,000.00 元');
    expect(formatFen(15_000)).toBe('150.00 元');
    expect(formatFen(5)).toBe('0.05 元');
    expect(formatFen(123_456_789)).toBe('1,234,567.89 元');
  });

  it('renders Shanyang money, Sichuan titles, booleans and nulls in Chinese', () => {
    const p25 = describeParams(SHANYANG_2024.rules.P25);
    expect(p25[0]).toEqual({ label: '新到岗一次性补贴', value: '2,000.00 元' });
    expect(p25).toContainEqual({ label: '每月交通补贴', value: '400.00 元' });
    expect(p25).toContainEqual({ label: '新技术奖励须同时完成年度带教任务', value: '是' });

    const p04 = describeParams(SICHUAN_2017_172.rules.P04);
    expect(p04[0]?.value).toBe(
      '市(州)级：副高及以上；县级：中级及以上；中心卫生院：中级及以上；乡镇卫生院：中级及以上',
    );
    expect(p04).toContainEqual({ label: '县级受援机构副高及以上人员占比', value: '未规定（不检查）' });

    expect(describeParams(SICHUAN_2017_172.rules.P07)).toEqual([
      { label: '适用职称（按审批时职称）', value: '副高、正高' },
      { label: '支援时间', value: '12 个月' },
      { label: '每月最少驻点天数', value: '5 天' },
      { label: '不满整月按覆盖天数折算', value: '是' },
      { label: '累计最少驻点天数', value: '60 天' },
      { label: '不驻点期间须远程指导', value: '是' },
    ]);
    expect(describeParams(SICHUAN_2017_172.rules.P17)).toContainEqual({
      label: '绩效工资最低上浮比例',
      value: '20%',
    });
  });

  it.each(packs)('%s: every param of every rule has a label and renders as Chinese text', (_, pack) => {
    for (const id of RULE_IDS) {
      for (const row of describeParams(pack.rules[id])) {
        expect(row.label, `${id} ${row.label}`).toMatch(CHINESE);
        expect(row.value, `${id} ${row.label}`).not.toMatch(/undefined|\[object|NaN/);
      }
    }
  });

  it('labels every param key with Chinese', () => {
    for (const meta of Object.values(PARAM_META)) expect(meta.label).toMatch(CHINESE);
  });

  it('describes a pack as 28 table rows', () => {
    const rows = describePack(SICHUAN_2017_172);
    expect(rows).toHaveLength(28);
    expect(rows[6]).toMatchObject({ id: 'P07', title: RULE_TITLES.P07, level: '原则上', enabled: '启用' });
    expect(rows[23]).toMatchObject({ id: 'P24', enabled: '未启用' });
  });
});
