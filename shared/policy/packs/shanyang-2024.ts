/**
 * Shanyang county (Shaanxi), 干部人才“组团式”帮扶 by 西安交通大学第一附属医院, as reported
 * in 2024 (seeds/001). The seed sets the cadence (P24) and the subsidies (P25) and speaks to
 * scope, conditions, promotion and meetings; every other rule keeps the Sichuan default
 * (its text says so), except the rules tied to Sichuan's own 2018—2020 programme.
 */
import type { PolicyPack } from '../schema';
import { DOC_172, SEED_001 } from '../sources';
import { inherited, notAdopted } from './derive';
import { SICHUAN_2017_172 } from './sichuan-2017-172';

const base = SICHUAN_2017_172.rules;
const SEED = '种子001';

export const SHANYANG_2024: PolicyPack = {
  code: 'shanyang-2024',
  name: '山阳县医疗人才“组团式”帮扶（2024）',
  source: SEED_001,
  rules: {
    P01: {
      id: 'P01',
      level: 'mandatory',
      enabled: true,
      source: `${SEED_001} 导语、坚持“三项原则”二`,
      text: '中央干部人才“组团式”帮扶：西安交通大学第一附属医院组团帮扶山阳县人民医院。种子未规定起止日期，自其报告年度2024年起计，结束日期不设。',
      params: {
        periodStart: '2024-01-01',
        periodEnd: null,
        recipientFlags: [],
        recipientTiers: [],
        namedPrefectureInstitutions: [],
        namedRecipients: ['山阳县人民医院'],
        povertyCountyCount: null,
      },
    },
    P02: inherited(base.P02, SEED),
    P03: inherited(base.P03, SEED),
    P04: inherited(base.P04, SEED),
    P05: inherited(base.P05, SEED),
    P06: inherited(base.P06, SEED),
    P07: inherited(base.P07, SEED),
    P08: inherited(base.P08, SEED),
    P09: inherited(base.P09, SEED),
    P10: notAdopted(base.P10, '为四川省2018—2020年面向贫困地区的全省培训任务。'),
    P11: inherited(base.P11, SEED),
    P12: notAdopted(base.P12, '为四川省规定的完成时限，已过期。'),
    P13: inherited(base.P13, SEED),
    P14: inherited(base.P14, SEED),
    P15: inherited(base.P15, SEED),
    P16: inherited(base.P16, SEED),
    P17: {
      ...base.P17,
      source: `${SEED_001} 落实“三重保障”三；${DOC_172} §六(三)`,
      text: '帮扶专家享受原单位各项工资福利待遇（基本工资不变）；绩效工资上浮比例和专项补助全额到人，种子001未作规定，沿用川卫发〔2017〕172号默认。山阳县另发补助见P25。',
    },
    P18: {
      ...base.P18,
      source: `${SEED_001} 落实“三重保障”二、建立“三项机制”二`,
      text: '山阳县人民医院统筹安排，为帮扶专家提供良好生活及工作环境，充分保障生活及办公需求；县卫健局定期走访、谈心谈话，帮助解决实际困难。保障项目沿用川卫发〔2017〕172号默认。',
      params: { ...base.P18.params, escalateTo: ['county'] },
    },
    P19: {
      ...base.P19,
      source: `${SEED_001} 落实“三重保障”一；${DOC_172} §六(四)`,
      text: '完成帮扶任务且考核优秀的，可提前申报高一级职称；提前年限、服务年限及其他晋升条件种子001未作规定，沿用川卫发〔2017〕172号默认。',
      params: { ...base.P19.params, earlyApplicationMinGrade: 'excellent' },
    },
    P20: inherited(base.P20, SEED),
    P21: {
      ...base.P21,
      source: `${SEED_001} 强化“三项措施”三；${DOC_172} §六(六)`,
      text: '山阳县依托“数字健康一张网”对医共体总院和分院的医疗质量、运行效率、质控数据进行日常监管；医疗三监管平台为四川省平台，本包不对接。平台记录作为考核依据，沿用川卫发〔2017〕172号默认。',
      params: { connectsToSupervisionPlatform: false, recordsBasisOfAssessment: true },
    },
    P22: inherited(base.P22, SEED),
    P23: inherited(base.P23, SEED),
    P24: {
      id: 'P24',
      level: 'mandatory',
      enabled: true,
      source: `${SEED_001} 强化“三项措施”一`,
      text: '严格落实《三级医院派驻专家考核管理办法》，实行“月交账、季汇总、半年考核点评”。',
      params: { monthlyAccount: true, quarterlySummary: true, halfYearReview: true },
    },
    P25: {
      id: 'P25',
      level: 'mandatory',
      enabled: true,
      source: `${SEED_001} 落实“三重保障”二、三`,
      text: '帮扶专家新到岗享受一次性补贴2000元，每出勤一天发放150元绩效和30元生活补贴，每月发放400元交通补贴；首次成功开展1例疑难关键核心技术或首诊1例疑难病种奖励500元；在支医期间开展首例新技术，同时完成年度带教工作任务，一次性奖励5000元；每年集中开展1次健康体检。',
      params: {
        arrivalGrantFen: 200_000,
        dailyPerformanceFen: 15_000,
        dailyLivingFen: 3_000,
        monthlyTransportFen: 40_000,
        firstDifficultTechniqueAwardFen: 50_000,
        firstNewTechniqueAwardFen: 500_000,
        newTechniqueAwardNeedsTeachingTarget: true,
        healthChecksPerYear: 1,
      },
    },
    P26: {
      ...base.P26,
      source: '塔行办发〔2020〕32号（种子003）§二(二)（本包未启用）',
      text: '派驻与柔性专家人数、讲座频次等为塔城组团式援疆的规划指标，种子001未作规定，本包不启用，数值置零。',
    },
    P27: {
      ...base.P27,
      source: `${SEED_001} 建立“三项机制”一、坚持“三项原则”二、三`,
      text: '县卫健局、县医院与交大一附院定期沟通对接、召开座谈会和线上联席会议；增设人才专项基金等帮扶资金，登记计划与到位情况作为进度展示。',
    },
    P28: notAdopted(base.P28, '为四川省三州及贫困县、民族县的规定。'),
  },
};
