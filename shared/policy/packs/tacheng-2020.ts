/**
 * Tacheng prefecture (Xinjiang), 2020—2022 医疗人才“组团式”援疆 by 中国医科大学 and its
 * affiliated hospitals under Liaoning's 援疆 (seeds/003, 塔行办发〔2020〕32号). The seed sets
 * the team model (P26) and management posts (P13) and speaks to scope, pairing mode, plans,
 * mentoring and coordination; every other rule keeps the Sichuan default (its text says so),
 * except the rules tied to Sichuan's own 2018—2020 programme.
 */
import type { PolicyPack } from '../schema';
import { DOC_172, DOC_TACHENG } from '../sources';
import { inherited, notAdopted } from './derive';
import { SICHUAN_2017_172 } from './sichuan-2017-172';

const base = SICHUAN_2017_172.rules;
const SEED = '种子003';

export const TACHENG_2020: PolicyPack = {
  code: 'tacheng-2020',
  name: '塔城地区医疗人才“组团式”援疆（2020—2022）',
  source: '塔行办发〔2020〕32号',
  rules: {
    P01: {
      id: 'P01',
      level: 'mandatory',
      enabled: true,
      source: `${DOC_TACHENG} 标题、§一(二)1`,
      text: '2020—2022年医疗人才“组团式”援疆：中国医科大学组团支援塔城地区人民医院（中国医科大学塔城医院），带教资源辐射五县二市医院。',
      params: {
        periodStart: '2020-01-01',
        periodEnd: '2022-12-31',
        recipientFlags: [],
        recipientTiers: [],
        namedPrefectureInstitutions: [],
        namedRecipients: ['塔城地区人民医院'],
        povertyCountyCount: null,
      },
    },
    P02: {
      ...base.P02,
      source: `${DOC_TACHENG} §二(二)1；${DOC_172} §五(二)`,
      text: '推广“以校包院”“以院包科”帮扶模式，由中国医科大学各附属医院按学科组团支援，团队模式可按设计增加帮扶机构；一对一结对上限和调整限制种子003未作规定，沿用川卫发〔2017〕172号默认。',
    },
    P03: {
      ...base.P03,
      source: `${DOC_TACHENG} §二(二)1、2；${DOC_172} §五(三)`,
      text: '按2020—2022年三年规划，研究制定“以院包科”工作计划，明确培养目标和教学计划并签订“计划书”；年度计划报审要求种子003未作规定，沿用川卫发〔2017〕172号默认。',
    },
    P04: inherited(base.P04, SEED),
    P05: inherited(base.P05, SEED),
    P06: inherited(base.P06, SEED),
    P07: inherited(base.P07, SEED),
    P08: inherited(base.P08, SEED),
    P09: inherited(base.P09, SEED),
    P10: notAdopted(base.P10, '为四川省2018—2020年面向贫困地区的全省培训任务。'),
    P11: inherited(base.P11, SEED),
    P12: notAdopted(base.P12, '为四川省规定的完成时限。'),
    P13: {
      id: 'P13',
      level: 'mandatory',
      enabled: true,
      source: `${DOC_TACHENG} §二(一)1、2`,
      text: '援疆医疗队领队任医院院长、副领队任副院长；聘任援疆专家为首席专家、科室主任和副主任。',
      params: {
        deputyHeadRotationWithinYears: null,
        departmentHeadAppointment: true,
        teamLeaderHeadsHospital: true,
      },
    },
    P14: {
      ...base.P14,
      source: `${DOC_TACHENG} §二(二)2；${DOC_172} §五(六) 精准“带”`,
      text: '认真落实“导师带徒”和首席专家制，针对学员职称制定个性化培养方案，签订“计划书”，落实“团队带团队”“专家带骨干”“师傅带徒弟”；帮带人数比例种子003未作规定，沿用川卫发〔2017〕172号默认（仅适用于深度贫困县）。',
    },
    P15: inherited(base.P15, SEED),
    P16: inherited(base.P16, SEED),
    P17: inherited(base.P17, SEED),
    P18: inherited(base.P18, SEED),
    P19: inherited(base.P19, SEED),
    P20: {
      ...base.P20,
      source: `${DOC_TACHENG} §二(二)5；${DOC_172} §六(五)`,
      text: '建立健全引人留人机制；服务年限约定种子003未作规定，沿用川卫发〔2017〕172号默认：师带徒考核合格、获得执业资格或职称晋升、派出进修学习的人员，5年内必须在本地工作，不得借出或调走。',
    },
    P21: {
      ...base.P21,
      source: `${DOC_TACHENG} §二(六)1；${DOC_172} §六(六)`,
      text: '依托中国医科大学远程医疗中心与地区人民医院及其医联体单位的远程医疗平台开展协作；医疗三监管平台为四川省平台，本包不对接。平台记录作为考核依据，沿用川卫发〔2017〕172号默认。',
      params: { connectsToSupervisionPlatform: false, recordsBasisOfAssessment: true },
    },
    P22: {
      ...base.P22,
      source: `${DOC_TACHENG} §三(四)；种子000 §一(一)三`,
      text: '地区卫健委定期对“组团式”援疆工作开展情况进行总结和分析；按月通报种子003未作规定，沿用川卫发〔2017〕172号工程的做法。',
    },
    P23: inherited(base.P23, SEED),
    P24: {
      ...base.P24,
      source: '山阳县“四个三”医疗帮扶（种子001，2024）强化“三项措施”一（本包未启用）',
      text: '“月交账、季汇总、半年考核点评”为山阳县组团式帮扶的管理节奏，种子003未作规定，本包不启用。',
    },
    P25: {
      ...base.P25,
      source: '山阳县“四个三”医疗帮扶（种子001，2024）落实“三重保障”三（本包未启用）',
      text: '到岗补贴、按出勤日计发的补贴等为山阳县标准，种子003未作规定，本包不启用，金额置零。',
    },
    P26: {
      id: 'P26',
      level: 'mandatory',
      enabled: true,
      source: `${DOC_TACHENG} §二(二)1、3、5，§二(五)2，§二(六)4`,
      text: '每年除20名派驻医疗专家外，分两批引进柔性援塔专家20人（每批10人）；在塔专家每季度开展全院业务讲座、每周开展科室内业务讲座；每年举办继续教育项目15—20场（次）；每季度至少赴医联体成员单位开展常规巡诊1次；每年接收20名医疗骨干免费进修；每年选派5—10名中层管理干部及学科骨干到中国医科大学各附属医院进修，三年内中层以上干部完成每轮不少于1个月的进修学习。',
      params: {
        stationedExpertsPerYear: 20,
        visitingExpertsPerYear: 20,
        visitingBatchesPerYear: 2,
        visitingExpertsPerBatch: 10,
        hospitalLecturesPerQuarter: 1,
        departmentLecturesPerWeek: 1,
        cmeProjectsPerYear: { min: 15, max: 20 },
        outreachPerMemberUnitPerQuarter: 1,
        freeFurtherStudyPlacesPerYear: 20,
        managerStudyPerYear: { min: 5, max: 10 },
        managerStudyMinMonths: 1,
        managerStudyWithinYears: 3,
      },
    },
    P27: {
      ...base.P27,
      source: `${DOC_TACHENG} §三(三)、(四)`,
      text: '建立定期协调机制，多方争取政策支持和项目资金；登记援疆项目与资金的计划、到位和完成情况作为进度展示。',
    },
    P28: notAdopted(base.P28, '为四川省三州及贫困县、民族县的规定。'),
  },
};
