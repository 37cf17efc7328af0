/**
 * Chinese labels for showing a policy pack as a table (web) or in a document: rule titles,
 * levels, every param key with its unit, and `describeParams` rendering the values.
 */
import { CountyFlag, InstitutionCategory, InstitutionTier } from '../enums';
import type {
  ASSESSMENT_GRADES,
  ASSESSMENT_PARTIES,
  BOND_TRIGGERS,
  CONDITION_ITEMS,
  EQUIPMENT_DISCIPLINES,
  PolicyPack,
  Rule,
  RuleId,
  RuleLevel,
  RuleParams,
  Title,
} from './schema';
import { RULE_IDS } from './schema';

export const RULE_TITLES: Record<RuleId, string> = {
  P01: '实施范围与期限',
  P02: '结对关系',
  P03: '三年规划、年度计划与协议',
  P04: '选派人员职称',
  P05: '未经审核的下派不视同服务基层经历',
  P06: '中级职称人员驻点工作',
  P07: '副高及以上人员驻点时间',
  P08: '临床进修',
  P09: '远程教学',
  P10: '专项培训',
  P11: '组团帮扶（大病集中诊治指导）',
  P12: '设备规范使用培训',
  P13: '管理帮扶',
  P14: '师带徒',
  P15: '服务质量审查',
  P16: '六方考核',
  P17: '支援人员待遇',
  P18: '工作生活条件保障',
  P19: '职称晋升激励',
  P20: '诚信制度（服务年限约定）',
  P21: '信息化管理与医疗三监管平台',
  P22: '按月通报',
  P23: '考勤与随机暗访抽查',
  P24: '月交账、季汇总、半年考核点评',
  P25: '帮扶专家补助与奖励',
  P26: '组团式援疆团队指标',
  P27: '帮扶项目与资金',
  P28: '不安排与职称晋升挂钩的长期下派',
};

export const LEVEL_LABELS: Record<RuleLevel, string> = {
  mandatory: '强制',
  in_principle: '原则上',
  encouraged: '鼓励',
};

export const TITLE_LABELS: Record<Title, string> = {
  none: '无职称',
  junior: '初级',
  intermediate: '中级',
  deputy_senior: '副高',
  senior: '正高',
};

export const DISCIPLINE_LABELS: Record<(typeof EQUIPMENT_DISCIPLINES)[number], string> = {
  radiology: '放射',
  ultrasound: 'B超',
  ecg: '心电',
  laboratory: '检验',
};

export const CONDITION_LABELS: Record<(typeof CONDITION_ITEMS)[number], string> = {
  food: '饮食',
  lodging: '住宿',
  transport: '交通',
  heating: '取暖',
  workplace: '工作教学场所',
  equipment: '仪器设备设施',
  practice_permission: '工作执业权限',
  translation: '语言交流翻译',
};

export const PARTY_LABELS: Record<(typeof ASSESSMENT_PARTIES)[number], string> = {
  supporting_authority: '支援地卫生健康行政部门',
  recipient_authority: '受援地卫生健康行政部门',
  supporting_institution: '支援机构',
  recipient_institution: '受援机构',
  support_staff: '支援人员',
  recipient_staff: '受援人员',
};

export const BOND_TRIGGER_LABELS: Record<(typeof BOND_TRIGGERS)[number], string> = {
  mentoring_passed: '师带徒考核合格',
  practising_qualification: '获得执业资格',
  promotion: '职称晋升',
  further_study: '派出进修学习',
};

export const GRADE_LABELS: Record<(typeof ASSESSMENT_GRADES)[number], string> = {
  pass: '合格',
  excellent: '优秀',
};

/** Units shown after a number; money is stored in fen and shown in 元. */
export const UNITS = {
  day: '天',
  person: '人',
  times: '次',
  session: '场',
  batch: '批',
  month: '个月',
  year: '年',
  institution: '家',
  county: '个',
  paper: '篇',
  yuan: '元',
  percent: '%',
} as const;
export type Unit = keyof typeof UNITS;

/** How a param's value is rendered. */
export type ParamKind =
  | { kind: 'count'; unit: Unit }
  | { kind: 'range'; unit: Unit }
  | { kind: 'money' }
  | { kind: 'percent' }
  | { kind: 'bool' }
  | { kind: 'date' }
  | { kind: 'year' }
  | { kind: 'dayOfMonth' }
  | { kind: 'grade' }
  | { kind: 'titles' }
  | { kind: 'titleByTier' }
  | { kind: 'menteesByCategory' }
  | { kind: 'list'; labels: Readonly<Record<string, string>> }
  | { kind: 'regions' }
  | { kind: 'names' };

/** A param's label, how to render it, and what `null` means for it. */
export type ParamMeta = ParamKind & { label: string; whenNull?: string };

/** Every param key of every rule. */
export type ParamKey = { [Id in RuleId]: keyof RuleParams<Id> & string }[RuleId];

const tiers = { kind: 'list', labels: InstitutionTier.labels } as const;
const flags = { kind: 'list', labels: CountyFlag.labels } as const;
const categories = { kind: 'list', labels: InstitutionCategory.labels } as const;
const NOT_CHECKED = '未规定（不检查）';

/** The label of every param key (the type makes a missing one a compile error). */
export const PARAM_META: Record<ParamKey, ParamMeta> = {
  // P01
  periodStart: { label: '实施开始日期', kind: 'date' },
  periodEnd: { label: '实施结束日期', kind: 'date', whenNull: '不设' },
  recipientFlags: { label: '受援县标识', ...flags },
  recipientTiers: { label: '受援县内机构层级', ...tiers },
  namedPrefectureInstitutions: { label: '州（地区）级受援机构所在地', kind: 'regions' },
  namedRecipients: { label: '指定受援机构', kind: 'names' },
  povertyCountyCount: { label: '贫困县数量', kind: 'count', unit: 'county', whenNull: '未规定' },
  // P02
  categories: { label: '分别结对的机构类别', ...categories },
  maxOneToOnePerCategory: { label: '每类一对一帮扶机构上限', kind: 'count', unit: 'institution' },
  deepPovertyMaxPerCategory: { label: '深度贫困县每类帮扶机构上限', kind: 'count', unit: 'institution' },
  teamModesMayAdd: { label: '组团式、以院包科、以校包院可增加帮扶机构', kind: 'bool' },
  fixedForPeriod: { label: '实施期内结对关系不作调整', kind: 'bool' },
  // P03
  planYears: { label: '规划年限', kind: 'count', unit: 'year' },
  annualPlanRequired: { label: '须制定年度实施计划', kind: 'bool' },
  agreementRequired: { label: '须签订协议', kind: 'bool' },
  submittedBySupporting: { label: '由支援机构报省审核', kind: 'bool' },
  tcmBureauReview: { label: '中医机构由省中医药管理局会审', kind: 'bool' },
  // P04
  minTitleByTier: { label: '按受援机构层级的最低职称', kind: 'titleByTier' },
  supervisionMinServiceYears: { label: '监督执法支援人员最低工龄', kind: 'count', unit: 'year' },
  supervisionTitleExempt: { label: '监督执法人员以工龄代替职称要求', kind: 'bool' },
  countySeniorShare: { label: '县级受援机构副高及以上人员占比', kind: 'percent', whenNull: NOT_CHECKED },
  // P05
  countsOnlyIfApprovedByProvince: { label: '须经省对口支援管理办公室审核方视同服务基层经历', kind: 'bool' },
  // P06, P07
  titles: { label: '适用职称（按审批时职称）', kind: 'titles' },
  serviceMonths: { label: '支援时间', kind: 'count', unit: 'month' },
  everyWorkingDay: { label: '除法定节假日外每个工作日在岗', kind: 'bool' },
  replacementNeedsReason: { label: '中途换人须有特殊事由', kind: 'bool' },
  minDaysPerMonth: { label: '每月最少驻点天数', kind: 'count', unit: 'day' },
  proRatePartialMonths: { label: '不满整月按覆盖天数折算', kind: 'bool' },
  minTotalDays: { label: '累计最少驻点天数', kind: 'count', unit: 'day' },
  remoteGuidanceInOffSiteMonths: { label: '不驻点期间须远程指导', kind: 'bool' },
  // P08
  countyStaffPerYear: { label: '县级医疗机构每年最少进修人数', kind: 'count', unit: 'person' },
  centralTownshipStaffPerYear: { label: '中心卫生院每年最少进修人数', kind: 'count', unit: 'person' },
  mainDepartmentBackboneWithinYears: { label: '主要科室业务骨干全覆盖进修年限', kind: 'count', unit: 'year' },
  // P09
  remoteTeachingPerMonth: { label: '每月最少远程教学次数', kind: 'count', unit: 'times' },
  remoteCourseWithinYears: { label: '县乡人员完成一个远程教程的年限', kind: 'count', unit: 'year' },
  continuingEducationCreditsYearly: { label: '每年继续教育学分全部达标', kind: 'bool' },
  // P10
  gpTransferPerYear: { label: '每年全科医生转岗培训人数', kind: 'count', unit: 'person' },
  villageDoctorsPerYear: { label: '每年合格村医达标培训人数', kind: 'count', unit: 'person' },
  certificateRequired: { label: '考核合格发放培训合格证书', kind: 'bool' },
  // P11
  majorDiseaseVisitsPerYear: { label: '每年最少大病集中诊治指导次数', kind: 'count', unit: 'times' },
  // P12
  deadline: { label: '完成期限', kind: 'date' },
  disciplines: { label: '培训专业', kind: 'list', labels: DISCIPLINE_LABELS },
  coverTiers: { label: '覆盖机构层级', ...tiers },
  // P13
  deputyHeadRotationWithinYears: {
    label: '轮流派出兼任副职领导的年限',
    kind: 'count',
    unit: 'year',
    whenNull: '不设',
  },
  departmentHeadAppointment: { label: '支援人员兼任科室主任、副主任', kind: 'bool' },
  teamLeaderHeadsHospital: { label: '医疗队领队任院长、副领队任副院长', kind: 'bool' },
  // P14
  menteesPerStaff: { label: '每名支援人员最少帮带人数（按受援机构类别）', kind: 'menteesByCategory' },
  centralTownship: { label: '中心卫生院每名支援人员最少帮带人数', kind: 'count', unit: 'person' },
  mainDepartmentsWithinYears: { label: '覆盖主要科室（专业）的年限', kind: 'count', unit: 'year' },
  deepPovertyOnly: { label: '仅适用于深度贫困县', kind: 'bool' },
  certificateAfterAssessment: { label: '考核合格后颁发师带徒证书', kind: 'bool' },
  // P15
  allServiceActs: { label: '所有服务行为全覆盖核查点评', kind: 'bool' },
  onlineWhenOffSite: { label: '不驻点期间在线核查点评', kind: 'bool' },
  recordAndArchive: { label: '评价指导记录并存档', kind: 'bool' },
  // P16
  parties: { label: '考核主体', kind: 'list', labels: PARTY_LABELS },
  indicatorsAreExamples: { label: '考核指标为示例（正式指标另文印发）', kind: 'bool' },
  // P17
  baseSalaryUnchanged: { label: '基本工资不变', kind: 'bool' },
  performancePayMinIncreasePct: { label: '绩效工资最低上浮比例', kind: 'percent' },
  specialSubsidyPaidInFull: { label: '专项补助全额落实到人', kind: 'bool' },
  // P18
  items: { label: '保障项目', kind: 'list', labels: CONDITION_LABELS },
  escalateTo: { label: '无法保障时逐级协调', ...tiers },
  // P19
  minServiceYears: { label: '最少服务年限', kind: 'count', unit: 'year' },
  prerequisiteForPromotion: { label: '作为职称晋升必备条件', kind: 'bool' },
  earlyApplicationYears: { label: '可提前申报年限', kind: 'count', unit: 'year' },
  earlyApplicationMinGrade: { label: '提前申报所需考核等次', kind: 'grade' },
  fewerPapers: { label: '减少论文篇数', kind: 'count', unit: 'paper' },
  seniorReviewBonusPoints: { label: '高级职称评审加分', kind: 'bool' },
  // P20
  bondYears: { label: '须在本地工作年限', kind: 'count', unit: 'year' },
  triggers: { label: '约定起算事项', kind: 'list', labels: BOND_TRIGGER_LABELS },
  transferIsBreach: { label: '期内借出或调走记为违约', kind: 'bool' },
  // P21
  connectsToSupervisionPlatform: { label: '对接医疗三监管平台', kind: 'bool' },
  recordsBasisOfAssessment: { label: '平台记录作为考核依据', kind: 'bool' },
  // P22
  bulletinDayOfMonth: { label: '通报日期', kind: 'dayOfMonth', whenNull: '未规定（由省办确定）' },
  praiseAndCriticism: { label: '通报含表扬和批评', kind: 'bool' },
  // P23
  attendanceSystem: { label: '实行考勤管理制度', kind: 'bool' },
  unannouncedSpotChecks: { label: '随机暗访抽查', kind: 'bool' },
  minSpotChecksPerYear: { label: '每年最少抽查次数', kind: 'count', unit: 'times', whenNull: NOT_CHECKED },
  correctionsPerMonth: { label: '每月补卡次数上限', kind: 'count', unit: 'times' },
  correctionDeadlineDays: { label: '补卡申请期限（缺卡后）', kind: 'count', unit: 'day' },
  // P24
  monthlyAccount: { label: '月交账', kind: 'bool' },
  quarterlySummary: { label: '季汇总', kind: 'bool' },
  halfYearReview: { label: '半年考核点评', kind: 'bool' },
  // P25
  arrivalGrantFen: { label: '新到岗一次性补贴', kind: 'money' },
  dailyPerformanceFen: { label: '每出勤一天绩效', kind: 'money' },
  dailyLivingFen: { label: '每出勤一天生活补贴', kind: 'money' },
  monthlyTransportFen: { label: '每月交通补贴', kind: 'money' },
  firstDifficultTechniqueAwardFen: { label: '首例疑难关键核心技术或首诊疑难病种奖励', kind: 'money' },
  firstNewTechniqueAwardFen: { label: '首例新技术一次性奖励', kind: 'money' },
  newTechniqueAwardNeedsTeachingTarget: { label: '新技术奖励须同时完成年度带教任务', kind: 'bool' },
  healthChecksPerYear: { label: '每年健康体检次数', kind: 'count', unit: 'times' },
  // P26
  stationedExpertsPerYear: { label: '每年派驻医疗专家人数', kind: 'count', unit: 'person' },
  visitingExpertsPerYear: { label: '每年柔性专家人数', kind: 'count', unit: 'person' },
  visitingBatchesPerYear: { label: '柔性专家每年批次', kind: 'count', unit: 'batch' },
  visitingExpertsPerBatch: { label: '柔性专家每批人数', kind: 'count', unit: 'person' },
  hospitalLecturesPerQuarter: { label: '每季度全院业务讲座次数', kind: 'count', unit: 'times' },
  departmentLecturesPerWeek: { label: '每周科室内业务讲座次数', kind: 'count', unit: 'times' },
  cmeProjectsPerYear: { label: '每年继续教育项目场（次）', kind: 'range', unit: 'session' },
  outreachPerMemberUnitPerQuarter: {
    label: '每季度赴每家医联体成员单位巡诊次数',
    kind: 'count',
    unit: 'times',
  },
  freeFurtherStudyPlacesPerYear: { label: '每年免费进修名额', kind: 'count', unit: 'person' },
  managerStudyPerYear: { label: '每年选派中层管理干部及学科骨干进修人数', kind: 'range', unit: 'person' },
  managerStudyMinMonths: { label: '中层以上干部每轮进修最短时间', kind: 'count', unit: 'month' },
  managerStudyWithinYears: { label: '中层以上干部完成进修的年限', kind: 'count', unit: 'year' },
  // P27
  tracksPlannedVsDisbursed: { label: '登记资金计划与到位', kind: 'bool' },
  tracksCompletion: { label: '登记项目完成情况', kind: 'bool' },
  jointMeetings: { label: '登记联席会议', kind: 'bool' },
  // P28
  fromYear: { label: '起始年份', kind: 'year' },
  prefectures: { label: '适用的州', kind: 'regions' },
  prefectureTiers: { label: '上述州内适用的机构层级', ...tiers },
  countyFlags: { label: '适用的县标识', ...flags },
  countyTiers: { label: '上述县内适用的机构层级', ...tiers },
};

// ─── rendering ─────────────────────────────────────────────────────────────────────────

/** 200000 fen → '2,000.00 元' (integer arithmetic: no floating-point rounding). */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = String(Math.trunc(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${yuan}.${cents} ${UNITS.yuan}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const join = (parts: string[]): string => (parts.length === 0 ? '无' : parts.join('、'));
const labelOf = (labels: Readonly<Record<string, string>>, key: unknown): string =>
  typeof key === 'string' ? (labels[key] ?? key) : String(key);
const titleLabel = (v: unknown) => labelOf(TITLE_LABELS, v);

function renderValue(meta: ParamMeta, value: unknown): string {
  if (value === null || value === undefined) return meta.whenNull ?? NOT_CHECKED;
  switch (meta.kind) {
    case 'count':
      return `${String(value)} ${UNITS[meta.unit]}`;
    case 'range':
      return isRecord(value)
        ? `${String(value.min)}—${String(value.max)} ${UNITS[meta.unit]}`
        : String(value);
    case 'money':
      return typeof value === 'number' ? formatFen(value) : String(value);
    case 'percent':
      return `${String(value)}${UNITS.percent}`;
    case 'bool':
      return value === true ? '是' : '否';
    case 'date':
      return String(value);
    case 'year':
      return `${String(value)}年`;
    case 'dayOfMonth':
      return `每月${String(value)}日`;
    case 'grade':
      return labelOf(GRADE_LABELS, value);
    case 'titles':
      return Array.isArray(value) ? join(value.map(titleLabel)) : String(value);
    case 'titleByTier':
      if (!isRecord(value)) return String(value);
      // in tier order, not key order, so the table reads from prefecture down
      return (
        InstitutionTier.values
          .filter((tier) => value[tier] !== undefined)
          .map((tier) => `${InstitutionTier.label(tier)}：${titleLabel(value[tier])}及以上`)
          .join('；') || '无'
      );
    case 'menteesByCategory':
      if (!isRecord(value)) return String(value);
      return Object.entries(value)
        .map(
          ([category, n]) => `${labelOf(InstitutionCategory.labels, category)} ${String(n)} ${UNITS.person}`,
        )
        .join('；');
    case 'list':
      return Array.isArray(value) ? join(value.map((v) => labelOf(meta.labels, v))) : String(value);
    case 'regions':
      return Array.isArray(value)
        ? join(value.map((r) => (isRecord(r) ? `${String(r.name)}（${String(r.regionCode)}）` : String(r))))
        : String(value);
    case 'names':
      return Array.isArray(value) ? join(value.map(String)) : String(value);
  }
}

function isParamKey(key: string): key is ParamKey {
  return Object.hasOwn(PARAM_META, key);
}

/** The label of a param key, for column headers and messages. */
export function paramLabel(key: ParamKey): string {
  return PARAM_META[key].label;
}

/** A rule's params as Chinese rows, in the order the pack declares them. */
export function describeParams(rule: Rule): { label: string; value: string }[] {
  return Object.entries(rule.params).map(([key, value]) => {
    const meta = isParamKey(key) ? PARAM_META[key] : undefined;
    return meta
      ? { label: meta.label, value: renderValue(meta, value) }
      : { label: key, value: String(value) };
  });
}

/** One row of the pack table the web shows. */
export type PolicyTableRow = {
  id: RuleId;
  title: string;
  level: string;
  enabled: string;
  source: string;
  text: string;
  params: { label: string; value: string }[];
};

/** A whole pack as Chinese table rows, P01 … P28. */
export function describePack(pack: PolicyPack): PolicyTableRow[] {
  return RULE_IDS.map((id) => {
    const rule: Rule = pack.rules[id];
    return {
      id,
      title: RULE_TITLES[id],
      level: LEVEL_LABELS[rule.level],
      enabled: rule.enabled ? '启用' : '未启用',
      source: rule.source,
      text: rule.text,
      params: describeParams(rule),
    };
  });
}
