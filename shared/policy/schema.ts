/**
 * Policy packs: every number and switch of the rules P01–P28 (DOMAIN.md "Quantified rules
 * in the seeds" and "Interpretations we have fixed") as data. A programme stores a pack
 * version; rules (server/modules/*\/*.rules.ts) receive the rule they need as an argument.
 *
 * Conventions: money is integer fen (分), dates are `YYYY-MM-DD`, counts are non-negative
 * integers, `null` means "the source sets no number, so nothing is checked". Every object
 * is strict: an unknown key is refused, so a typo in an edited pack cannot pass silently.
 */
import { z } from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { CountyFlag, InstitutionCategory, InstitutionTier } from '../enums';

// ─── building blocks ────────────────────────────────────────────────────────────────────

export const RULE_IDS = [
  'P01',
  'P02',
  'P03',
  'P04',
  'P05',
  'P06',
  'P07',
  'P08',
  'P09',
  'P10',
  'P11',
  'P12',
  'P13',
  'P14',
  'P15',
  'P16',
  'P17',
  'P18',
  'P19',
  'P20',
  'P21',
  'P22',
  'P23',
  'P24',
  'P25',
  'P26',
  'P27',
  'P28',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** 强制 blocks or alerts; 原则上 needs a recorded reason to deviate; 鼓励 is shown as progress only. */
export const RULE_LEVELS = ['mandatory', 'in_principle', 'encouraged'] as const;
export const RuleLevel = z.enum(RULE_LEVELS, {
  error: '规则级别应为以下之一：mandatory（强制）、in_principle（原则上）、encouraged（鼓励）',
});
export type RuleLevel = z.infer<typeof RuleLevel>;

/** Professional titles, lowest first: 无/初级/中级/副高/正高 (参公 supervision staff may have none). */
export const TITLES = ['none', 'junior', 'intermediate', 'deputy_senior', 'senior'] as const;
export const Title = z.enum(TITLES, {
  error:
    '职称应为以下之一：none（无职称）、junior（初级）、intermediate（中级）、deputy_senior（副高）、senior（正高）',
});
export type Title = z.infer<typeof Title>;

/** An enum from shared/enums.ts whose error lists the allowed codes with their Chinese labels. */
function labelledEnum<const V extends string>(
  what: string,
  values: readonly [V, ...V[]],
  label: (v: V) => string,
) {
  const allowed = values.map((v) => `${v}（${label(v)}）`).join('、');
  return z.enum(values, { error: `${what}应为以下之一：${allowed}` });
}

export const Tier = labelledEnum('机构层级', InstitutionTier.values, InstitutionTier.label);
export const Category = labelledEnum('机构类别', InstitutionCategory.values, InstitutionCategory.label);
export const Flag = labelledEnum('县标识', CountyFlag.values, CountyFlag.label);

/** 放射 / B超 / 心电 / 检验 — the equipment disciplines of P12. */
export const EQUIPMENT_DISCIPLINES = ['radiology', 'ultrasound', 'ecg', 'laboratory'] as const;
export const EquipmentDiscipline = z.enum(EQUIPMENT_DISCIPLINES);

/** 食宿、交通、取暖、工作教学场所、仪器设备设施、工作执业权限、语言交流翻译 — P18. */
export const CONDITION_ITEMS = [
  'food',
  'lodging',
  'transport',
  'heating',
  'workplace',
  'equipment',
  'practice_permission',
  'translation',
] as const;
export const ConditionItem = z.enum(CONDITION_ITEMS);

/** The six parties of 六方考核 — P16. */
export const ASSESSMENT_PARTIES = [
  'supporting_authority',
  'recipient_authority',
  'supporting_institution',
  'recipient_institution',
  'support_staff',
  'recipient_staff',
] as const;
export const AssessmentParty = z.enum(ASSESSMENT_PARTIES);

/** Events that start a recipient staff member's service bond — P20. */
export const BOND_TRIGGERS = [
  'mentoring_passed',
  'practising_qualification',
  'promotion',
  'further_study',
] as const;
export const BondTrigger = z.enum(BOND_TRIGGERS);

/** An assessment result that unlocks an incentive — P19. */
export const ASSESSMENT_GRADES = ['pass', 'excellent'] as const;
export const AssessmentGrade = z.enum(ASSESSMENT_GRADES);

const Count = z.number().int().min(0);
const Fen = z.number().int().min(0);
const Percent = z.number().min(0).max(100);
const IsoDate = z.iso.date();
const Text = z.string().trim().min(1);
const RegionCode = z.string().regex(/^\d{6}$/, { error: '行政区划代码应为6位数字' });
const HAS_CHINESE = /[\u4e00-\u9fff]/;

/** A prefecture named by the policy, by its GB/T 2260 code (codes change: keep the name too). */
export const NamedRegion = z.strictObject({ regionCode: RegionCode, name: Text });
export type NamedRegion = z.infer<typeof NamedRegion>;

/** A [min, max] range the seed states as "15—20". */
const CountRange = z
  .strictObject({ min: Count, max: Count })
  .refine((r) => r.min <= r.max, { error: '区间下限不能大于上限' });

const nonEmpty = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, { error: `${what}至少要有一项` });

// ─── the params of each rule ───────────────────────────────────────────────────────────

/** P01 — scope and period (seed 002 §三). */
export const P01Params = z
  .strictObject({
    periodStart: IsoDate,
    /** null: open-ended */
    periodEnd: IsoDate.nullable(),
    /** institutions in counties carrying any of these flags are recipients … */
    recipientFlags: z.array(Flag),
    /** … at these tiers of such a county ("各级医疗卫生机构") */
    recipientTiers: z.array(Tier),
    /** prefecture-level institutions of these prefectures are recipients too */
    namedPrefectureInstitutions: z.array(NamedRegion),
    /** institutions named individually by the programme (e.g. 山阳县人民医院) */
    namedRecipients: z.array(Text),
    /** the number of poverty counties the policy states, shown for reconciliation only */
    povertyCountyCount: Count.nullable(),
  })
  .refine((p) => p.periodEnd === null || p.periodEnd >= p.periodStart, {
    error: '实施期限的结束日期不能早于开始日期',
    path: ['periodEnd'],
  });

/** P02 — pairings (seed 002 §五(二); DOMAIN "Pairings (P02)"). */
export const P02Params = z
  .strictObject({
    /** the categories counted separately ("五类机构") */
    categories: nonEmpty(Category, '机构类别'),
    /** active one-to-one supporters per recipient and category, without an exception */
    maxOneToOnePerCategory: Count.min(1),
    /** the same in a deep-poverty county ("深度贫困地区可适当增加帮扶机构") */
    deepPovertyMaxPerCategory: Count.min(1),
    /** team modes (组团式, 以院包科, 以校包院) may add supporters by design */
    teamModesMayAdd: z.boolean(),
    /** pairings are not changed during the period without an approved exception */
    fixedForPeriod: z.boolean(),
  })
  .refine((p) => p.deepPovertyMaxPerCategory >= p.maxOneToOnePerCategory, {
    error: '深度贫困县每类帮扶机构上限不能小于一般上限',
    path: ['deepPovertyMaxPerCategory'],
  });

/** P03 — plans and agreements (seed 002 §五(三); 000 §一(二)二). */
export const P03Params = z.strictObject({
  /** the long plan covers this many years ("三年规划") */
  planYears: Count.min(1),
  annualPlanRequired: z.boolean(),
  agreementRequired: z.boolean(),
  /** the supporting side submits the plans to the province for review */
  submittedBySupporting: z.boolean(),
  /** TCM plans are also reviewed by the TCM bureau */
  tcmBureauReview: z.boolean(),
});

/** P04 — minimum title by recipient tier (seed 002 §五(四); 000; DOMAIN "Titles (P04)"). */
export const P04Params = z.strictObject({
  minTitleByTier: z.partialRecord(Tier, Title),
  /** a supervision (卫生监督) staff member needs this many years of service instead */
  supervisionMinServiceYears: Count,
  /** supervision staff are judged by years of service, not title (参公 staff may have none) */
  supervisionTitleExempt: z.boolean(),
  /** encouraged share (%) of 副高+ among a county pairing's staff; null: not checked */
  countySeniorShare: Percent.nullable(),
});

/** P05 — only approved dispatches count as grass-roots service (seed 002 §五(四)). */
export const P05Params = z.strictObject({
  countsOnlyIfApprovedByProvince: z.boolean(),
});

/** P06 — full-time stationing of 中级 staff (seed 002 §五(五); DOMAIN "中级 attendance (P06)"). */
export const P06Params = z.strictObject({
  /** titles at approval that fall under this rule */
  titles: nonEmpty(Title, '适用职称'),
  serviceMonths: Count.min(1),
  /** on site every working day; approved leave, trips and compensatory rest excused */
  everyWorkingDay: z.boolean(),
  /** replacing the person mid-term needs a recorded special reason */
  replacementNeedsReason: z.boolean(),
});

/** P07 — flexible stationing of 副高+ staff (seed 002 §五(五); DOMAIN "副高+ presence (P07)"). */
export const P07Params = z.strictObject({
  titles: nonEmpty(Title, '适用职称'),
  serviceMonths: Count.min(1),
  /** "每月不少于1周" = on-site days in each calendar month */
  minDaysPerMonth: Count,
  /** a partly covered month needs ceil(minDaysPerMonth × covered days ÷ days in month) */
  proRatePartialMonths: z.boolean(),
  /** "累计不少于12周" = on-site days over the whole dispatch */
  minTotalDays: Count,
  /** months with fewer on-site days need remote guidance (远程诊疗/教学/审查) */
  remoteGuidanceInOffSiteMonths: z.boolean(),
});

/** P08 — clinical further study (seed 002 §五(六) 精准“传”). */
export const P08Params = z.strictObject({
  countyStaffPerYear: Count,
  centralTownshipStaffPerYear: Count,
  /** every main department's backbone staff studied once within this many years */
  mainDepartmentBackboneWithinYears: Count.min(1),
});

/** P09 — remote teaching (seed 002 §五(六) 精准“传”). */
export const P09Params = z.strictObject({
  remoteTeachingPerMonth: Count,
  /** county and township staff finish one remote course within this many years */
  remoteCourseWithinYears: Count.min(1),
  continuingEducationCreditsYearly: z.boolean(),
});

/** P10 — special training quotas, province-wide (seed 002 §五(六) 精准“传”). */
export const P10Params = z.strictObject({
  gpTransferPerYear: Count,
  villageDoctorsPerYear: Count,
  certificateRequired: z.boolean(),
});

/** P11 — team support: major-disease treatment visits (seed 002 §五(六) 精准“帮”). */
export const P11Params = z.strictObject({
  majorDiseaseVisitsPerYear: Count,
});

/** P12 — equipment-use training (seed 002 §五(六) 精准“帮”). */
export const P12Params = z.strictObject({
  deadline: IsoDate,
  disciplines: nonEmpty(EquipmentDiscipline, '培训专业'),
  /** the tiers of the county the training must cover ("覆盖全县县乡两级") */
  coverTiers: nonEmpty(Tier, '覆盖层级'),
});

/** P13 — management support (seed 002 §五(六) 精准“帮”; 003 §二(一)). */
export const P13Params = z.strictObject({
  /** supporting managers rotated into deputy-head posts within this many years; null: no term */
  deputyHeadRotationWithinYears: Count.nullable(),
  /** support staff appointed department heads or deputies */
  departmentHeadAppointment: z.boolean(),
  /** the team leader heads the recipient hospital, the deputy leader is its deputy (援疆) */
  teamLeaderHeadsHospital: z.boolean(),
});

/** P14 — mentoring ratio per support staff member (seed 002 §五(六) 精准“带”; DOMAIN "Mentoring ratio"). */
export const P14Params = z.strictObject({
  /** by the recipient's category; TCM is a medical institution for this rule */
  menteesPerStaff: z.strictObject({
    medical: Count,
    tcm: Count,
    maternal_child: Count,
    cdc: Count,
    supervision: Count,
  }),
  /** a central township hospital uses its own number whatever its category */
  centralTownship: Count,
  mainDepartmentsWithinYears: Count.min(1),
  /** the ratio applies only at recipients in deep-poverty counties */
  deepPovertyOnly: z.boolean(),
  certificateAfterAssessment: z.boolean(),
});

/** P15 — service quality review (seed 002 §五(六) 精准“带”). */
export const P15Params = z.strictObject({
  /** every service act of a mentee is reviewed */
  allServiceActs: z.boolean(),
  /** online review while a 副高+ mentor is off site */
  onlineWhenOffSite: z.boolean(),
  recordAndArchive: z.boolean(),
});

/** P16 — six-party assessment (seed 002 §五(七); 000 §一(三)三). */
export const P16Params = z.strictObject({
  parties: nonEmpty(AssessmentParty, '考核主体'),
  /** the official indicators were "另文印发": shipped indicators are examples (示例) */
  indicatorsAreExamples: z.boolean(),
});

/** P17 — staff pay (seed 002 §六(三); 000 §一(三)一). */
export const P17Params = z.strictObject({
  baseSalaryUnchanged: z.boolean(),
  performancePayMinIncreasePct: Percent,
  /** central and provincial special subsidies reach the person in full */
  specialSubsidyPaidInFull: z.boolean(),
});

/** P18 — working and living conditions (seed 002 §六(三)). */
export const P18Params = z.strictObject({
  items: nonEmpty(ConditionItem, '保障项目'),
  /** unresolved problems go up to these authorities, in order */
  escalateTo: z.array(Tier),
});

/** P19 — promotion (seed 002 §六(四); 000 §一(二)一). */
export const P19Params = z.strictObject({
  minServiceYears: Count,
  /** service with a passed assessment is a prerequisite for promotion */
  prerequisiteForPromotion: z.boolean(),
  /** may apply this many years early; 0: no */
  earlyApplicationYears: Count,
  earlyApplicationMinGrade: AssessmentGrade,
  /** this many fewer papers required */
  fewerPapers: Count,
  /** extra points in the senior title review */
  seniorReviewBonusPoints: z.boolean(),
});

/** P20 — service bond of recipient staff (seed 002 §六(五)). */
export const P20Params = z.strictObject({
  bondYears: Count.min(1),
  triggers: nonEmpty(BondTrigger, '约定起算事项'),
  /** a transfer or loan within the bond is recorded as a breach, never approved */
  transferIsBreach: z.boolean(),
});

/** P21 — the platform and the 医疗三监管平台 (seed 002 §六(六)). */
export const P21Params = z.strictObject({
  connectsToSupervisionPlatform: z.boolean(),
  recordsBasisOfAssessment: z.boolean(),
});

/** P22 — monthly bulletin (seed 000 §一(一)三). */
export const P22Params = z.strictObject({
  /** day of the following month the bulletin is due; null: the seed sets none */
  bulletinDayOfMonth: z.number().int().min(1).max(28).nullable(),
  praiseAndCriticism: z.boolean(),
});

/** P23 — attendance and spot checks (seed 000 §一(三)三). */
export const P23Params = z.strictObject({
  attendanceSystem: z.boolean(),
  unannouncedSpotChecks: z.boolean(),
  /** null: the seed sets no number */
  minSpotChecksPerYear: Count.nullable(),
  /** 补卡: approved corrections a person may file per calendar month (a pack without it: 3) */
  correctionsPerMonth: Count.default(3),
  /** 补卡: filed at most this many days after the day it corrects (a pack without it: 5) */
  correctionDeadlineDays: Count.default(5),
});

/** P24 — cadence 月交账、季汇总、半年考核点评 (seed 001 强化“三项措施”一). */
export const P24Params = z.strictObject({
  monthlyAccount: z.boolean(),
  quarterlySummary: z.boolean(),
  halfYearReview: z.boolean(),
});

/** P25 — Shanyang subsidies, in fen (seed 001 落实“三重保障”二、三). */
export const P25Params = z.strictObject({
  arrivalGrantFen: Fen,
  dailyPerformanceFen: Fen,
  dailyLivingFen: Fen,
  monthlyTransportFen: Fen,
  firstDifficultTechniqueAwardFen: Fen,
  firstNewTechniqueAwardFen: Fen,
  newTechniqueAwardNeedsTeachingTarget: z.boolean(),
  healthChecksPerYear: Count,
});

/** P26 — Tacheng team model (seed 003 §二(二), §二(五)2, §二(六)4). */
export const P26Params = z
  .strictObject({
    stationedExpertsPerYear: Count,
    visitingExpertsPerYear: Count,
    visitingBatchesPerYear: Count,
    visitingExpertsPerBatch: Count,
    hospitalLecturesPerQuarter: Count,
    departmentLecturesPerWeek: Count,
    cmeProjectsPerYear: CountRange,
    outreachPerMemberUnitPerQuarter: Count,
    freeFurtherStudyPlacesPerYear: Count,
    managerStudyPerYear: CountRange,
    managerStudyMinMonths: Count,
    managerStudyWithinYears: Count,
  })
  .refine((p) => p.visitingBatchesPerYear * p.visitingExpertsPerBatch <= p.visitingExpertsPerYear, {
    error: '柔性专家每批人数乘以批次不能超过年度人数',
    path: ['visitingExpertsPerBatch'],
  });

/** P27 — aid projects and funds (seed 004). */
export const P27Params = z.strictObject({
  tracksPlannedVsDisbursed: z.boolean(),
  tracksCompletion: z.boolean(),
  jointMeetings: z.boolean(),
});

/** P28 — no promotion-linked long-term dispatch from these institutions (seed 002 §五(四)). */
export const P28Params = z.strictObject({
  fromYear: z.number().int().min(2000).max(2100),
  /** prefecture- and county-level institutions of these prefectures (三州) … */
  prefectures: z.array(NamedRegion),
  prefectureTiers: z.array(Tier),
  /** … and county-level institutions of counties with these flags (贫困县、民族县) */
  countyFlags: z.array(Flag),
  countyTiers: z.array(Tier),
});

export const PARAMS = {
  P01: P01Params,
  P02: P02Params,
  P03: P03Params,
  P04: P04Params,
  P05: P05Params,
  P06: P06Params,
  P07: P07Params,
  P08: P08Params,
  P09: P09Params,
  P10: P10Params,
  P11: P11Params,
  P12: P12Params,
  P13: P13Params,
  P14: P14Params,
  P15: P15Params,
  P16: P16Params,
  P17: P17Params,
  P18: P18Params,
  P19: P19Params,
  P20: P20Params,
  P21: P21Params,
  P22: P22Params,
  P23: P23Params,
  P24: P24Params,
  P25: P25Params,
  P26: P26Params,
  P27: P27Params,
  P28: P28Params,
} as const satisfies Record<RuleId, z.ZodType>;

// ─── a rule and a pack ─────────────────────────────────────────────────────────────────

function ruleSchema<const Id extends RuleId>(id: Id) {
  return z.strictObject(
    {
      id: z.literal(id, { error: `规则编号应为 ${id}` }),
      level: RuleLevel,
      enabled: z.boolean(),
      /** the seed and section, e.g. 川卫发〔2017〕172号 §五(五) */
      source: Text,
      /** the rule in Chinese, as the policy says it */
      text: Text.regex(HAS_CHINESE, { error: `规则 ${id} 的说明应为中文` }),
      params: PARAMS[id],
    },
    {
      error: (issue) =>
        issue.input === undefined ? `缺少规则 ${id}：政策包必须包含 P01–P28 全部规则` : undefined,
    },
  );
}

export const RuleSchemas = {
  P01: ruleSchema('P01'),
  P02: ruleSchema('P02'),
  P03: ruleSchema('P03'),
  P04: ruleSchema('P04'),
  P05: ruleSchema('P05'),
  P06: ruleSchema('P06'),
  P07: ruleSchema('P07'),
  P08: ruleSchema('P08'),
  P09: ruleSchema('P09'),
  P10: ruleSchema('P10'),
  P11: ruleSchema('P11'),
  P12: ruleSchema('P12'),
  P13: ruleSchema('P13'),
  P14: ruleSchema('P14'),
  P15: ruleSchema('P15'),
  P16: ruleSchema('P16'),
  P17: ruleSchema('P17'),
  P18: ruleSchema('P18'),
  P19: ruleSchema('P19'),
  P20: ruleSchema('P20'),
  P21: ruleSchema('P21'),
  P22: ruleSchema('P22'),
  P23: ruleSchema('P23'),
  P24: ruleSchema('P24'),
  P25: ruleSchema('P25'),
  P26: ruleSchema('P26'),
  P27: ruleSchema('P27'),
  P28: ruleSchema('P28'),
} as const satisfies Record<RuleId, z.ZodType>;

export const PolicyPack = z.strictObject({
  /** stable machine code, e.g. sichuan-2017-172 */
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: '政策包代码只能由小写字母、数字和连字符组成' }),
  /** Chinese name shown to users */
  name: Text.regex(HAS_CHINESE, { error: '政策包名称应为中文' }),
  /** the document it implements, e.g. 川卫发〔2017〕172号 */
  source: Text,
  rules: z.strictObject(RuleSchemas, {
    error: (issue) => (issue.input === undefined ? '缺少规则表 rules' : undefined),
  }),
});
export type PolicyPack = z.infer<typeof PolicyPack>;
/** The input shape (identical to the output: the schema has no transforms or defaults). */
export type PolicyPackInput = z.input<typeof PolicyPack>;

export type PolicyRules = PolicyPack['rules'];
export type Rule<Id extends RuleId = RuleId> = PolicyRules[Id];
export type RuleParams<Id extends RuleId> = PolicyRules[Id]['params'];

export type PolicyPackIssue = { path: string; message: string };
export type ParsePolicyPackResult = { ok: true; pack: PolicyPack } | { ok: false; errors: PolicyPackIssue[] };

const zhLocale = zhCN();

/**
 * Validate a pack (from the database, an import, or the editor). Messages are Chinese even
 * where the app-wide zh-CN error map has not been applied; paths read `rules.P07.params.minDaysPerMonth`.
 */
export function parsePolicyPack(input: unknown): ParsePolicyPackResult {
  const result = PolicyPack.safeParse(input, { error: zhLocale.localeError });
  if (result.success) return { ok: true, pack: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  };
}
