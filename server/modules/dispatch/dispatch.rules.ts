import type { Violation } from '../../../shared/contracts/pairing';
import {
  ACTIVE_DISPATCH_STATUSES,
  APPROVED_DISPATCH_STATUSES,
  DISPATCH_KIND_LABELS,
  DISPATCH_STATUS_LABELS,
  type DispatchKind,
  type DispatchRole,
  type DispatchStatus,
  LONG_TERM_KINDS,
  MANAGEMENT_POST_LABELS,
  type ManagementPost,
} from '../../../shared/dispatch-vocabulary';
import { CountyFlag, InstitutionTier } from '../../../shared/enums';
import { TITLE_LABELS } from '../../../shared/policy/labels';
import { type PolicyRules, type Rule, TITLES, type Title } from '../../../shared/policy/schema';
import { type DatedFlag, flagsOn } from '../pairing/pairing.rules';

/**
 * Pure rules of dispatches (选派/派驻) and management posts: no database, no clock. Each rule
 * is the one of the pack version in force, passed in; dates are `YYYY-MM-DD` calendar dates
 * (Asia/Shanghai), both ends of a period included.
 */

export type IsoDate = string;

export interface Period {
  start: IsoDate;
  end: IsoDate;
}

// ─── calendar dates ─────────────────────────────────────────────────────────────────────

const ymd = (d: IsoDate) => d.split('-').map(Number) as [number, number, number];
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * The same calendar day `years` later. 29 February falls on 28 February in a year without
 * one — 民法典第二百零二条: with no corresponding day, the last day of that month.
 */
export function addYears(date: IsoDate, years: number): IsoDate {
  const [y, m, d] = ymd(date);
  const year = y + years;
  return iso(year, m, m === 2 && d === 29 && !isLeapYear(year) ? 28 : d);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const [y, m, d] = ymd(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * Whole years of service from `from` (参加工作时间) to `on`: the Nth year is complete on the
 * Nth anniversary (so 2009-03-01 → 2019-03-01 is exactly 10 years, 2019-02-28 is 9 years
 * 364 days → 9). A 29 February start has its anniversary on 28 February in other years
 * (see addYears). 0 before `from`.
 */
export function serviceYears(from: IsoDate, on: IsoDate): number {
  if (on < from) return 0;
  const years = ymd(on)[0] - ymd(from)[0];
  return addYears(from, years) <= on ? years : years - 1;
}

const overlaps = (a: { start: IsoDate; end: IsoDate | null }, b: { start: IsoDate; end: IsoDate | null }) =>
  (a.end === null || b.start <= a.end) && (b.end === null || a.start <= b.end);

const titleRank = (t: Title) => TITLES.indexOf(t);

// ─── violations and conflicts ───────────────────────────────────────────────────────────

const violation = (rule: Rule, message: string, inputs: Record<string, unknown>): Violation => ({
  rule: rule.id,
  level: rule.level,
  message,
  // the source travels with the judgement: pack versions change, the record must not
  inputs: { ...inputs, source: rule.source },
});

/** "原则上应" for an in-principle rule, with the way out the policy gives; "应" otherwise. */
const should = (rule: Rule) => (rule.level === 'in_principle' ? '原则上应' : '应');
const deviationNote = (rule: Rule) =>
  rule.level === 'in_principle' ? '；确需选派的，须说明理由并经省对口支援管理办公室审核同意' : '';

/**
 * A clash with other records rather than a policy rule (one person in one place; a dispatch
 * inside its pairing): no pack switches it off, so it always blocks.
 */
export type ConflictCode =
  | 'invalid_period'
  | 'overlapping_dispatch'
  | 'outside_pairing_period'
  | 'post_outside_dispatch';
export interface Conflict {
  code: ConflictCode;
  message: string;
  inputs: Record<string, unknown>;
}

// ─── dispatch eligibility ───────────────────────────────────────────────────────────────

export interface HomeInstitution {
  name: string;
  tier: InstitutionTier;
  /** its county (or prefecture, for a prefecture-level institution), named in messages */
  regionName: string;
  /** GB/T 2260 code of the prefecture it belongs to; null for province-level and central ones */
  prefectureCode: string | null;
  /** the county flags of its county, with their validity (none for a prefecture-level one) */
  flags: readonly DatedFlag[];
}

export interface OtherDispatch {
  recipientName: string;
  start: IsoDate;
  end: IsoDate;
  status: DispatchStatus;
}

export interface DispatchCandidate {
  staff: {
    name: string;
    title: Title;
    /** 参加工作时间; null when not recorded */
    serviceStartedOn: IsoDate | null;
    home: HomeInstitution;
  };
  recipient: { name: string; tier: InstitutionTier };
  kind: DispatchKind;
  role: DispatchRole;
  period: Period;
  /** the pairing the dispatch belongs to; end null: open-ended */
  pairingPeriod: { start: IsoDate; end: IsoDate | null };
  /** the same person's other dispatches (not this one), any status */
  otherDispatches: readonly OtherDispatch[];
}

export type EligibilityRules = Pick<PolicyRules, 'P04' | 'P06' | 'P07' | 'P28'>;

export interface Eligibility {
  /** policy rules broken, at their pack level: mandatory blocks, in principle needs a reason */
  violations: Violation[];
  /** clashes with other records: always block */
  conflicts: Conflict[];
}

/**
 * Everything that decides whether a person may be proposed for a dispatch: P04 (title or
 * years of service), P06 (flexible stationing is for the P07 titles), P28 (home institutions
 * whose staff get no promotion-linked long-term dispatch), overlapping active dispatches and
 * the pairing's period. Facts are judged on the dispatch's first day.
 */
export function checkDispatchEligibility(rules: EligibilityRules, candidate: DispatchCandidate): Eligibility {
  return {
    violations: [
      ...checkTitle(rules.P04, candidate),
      ...checkKindForTitle(rules, candidate),
      ...checkPromotionLinkedDispatch(rules.P28, candidate),
    ],
    conflicts: findDispatchConflicts(candidate),
  };
}

/**
 * P04 — seed 002 §五(四), seed 000, DOMAIN "Titles (P04)": a minimum title by recipient tier
 * (a tier the pack leaves out is not checked); supervision staff (监督执法) need
 * `supervisionMinServiceYears` of service on the dispatch's first day instead of a title when
 * `supervisionTitleExempt` (参公 staff may have none), or as well as one when not.
 */
export function checkTitle(rule: Rule<'P04'>, candidate: DispatchCandidate): Violation[] {
  if (!rule.enabled) return [];
  const p = rule.params;
  const { staff, recipient, period } = candidate;
  const out: Violation[] = [];
  const supervision = candidate.role === 'supervision';

  if (supervision) {
    const need = p.supervisionMinServiceYears;
    const have = staff.serviceStartedOn === null ? null : serviceYears(staff.serviceStartedOn, period.start);
    if (have === null) {
      out.push(
        violation(
          rule,
          `监督执法支援人员${staff.name}未登记参加工作时间，无法核定工龄；${should(rule)}具有 ${need} 年以上工龄${deviationNote(rule)}`,
          { staff: staff.name, role: candidate.role, on: period.start, need, have },
        ),
      );
    } else if (have < need) {
      out.push(
        violation(
          rule,
          `监督执法支援人员${staff.name}自 ${staff.serviceStartedOn} 参加工作，至派驻开始日 ${period.start} 工龄为 ${have} 年，${should(rule)}满 ${need} 年${deviationNote(rule)}`,
          {
            staff: staff.name,
            role: candidate.role,
            serviceStartedOn: staff.serviceStartedOn,
            on: period.start,
            need,
            have,
          },
        ),
      );
    }
  }

  const min = p.minTitleByTier[recipient.tier];
  if (
    min !== undefined &&
    !(supervision && p.supervisionTitleExempt) &&
    titleRank(staff.title) < titleRank(min)
  ) {
    out.push(
      violation(
        rule,
        `支援人员${staff.name}为${TITLE_LABELS[staff.title]}，派驻${InstitutionTier.label(recipient.tier)}受援机构${recipient.name}${should(rule)}为${TITLE_LABELS[min]}及以上职称${deviationNote(rule)}`,
        {
          staff: staff.name,
          title: staff.title,
          recipient: recipient.name,
          tier: recipient.tier,
          minTitle: min,
        },
      ),
    );
  }
  return out;
}

/**
 * Which presence rule judges a dispatch, fixed by the title at approval (DOMAIN "副高+
 * presence (P07)"): P07 when the pack lists the title under P07 only; otherwise P06 — full-time
 * stationing is the default, flexibility is what a pack grants.
 */
export function presenceRuleFor(
  titleAtApproval: Title,
  rules: Pick<PolicyRules, 'P06' | 'P07'>,
): 'P06' | 'P07' {
  const flexible = rules.P07.params.titles.includes(titleAtApproval);
  const fullTime = rules.P06.params.titles.includes(titleAtApproval);
  return flexible && !fullTime ? 'P07' : 'P06';
}

/**
 * P06 — seed 002 §五(五): staff under P06 are on duty every working day, so a flexible
 * stationing (弹性驻点, DOMAIN glossary "副高+ under P07") does not fit their title.
 */
export function checkKindForTitle(rules: EligibilityRules, candidate: DispatchCandidate): Violation[] {
  const rule = rules.P06;
  if (!rule.enabled || candidate.kind !== 'flexible_resident') return [];
  if (presenceRuleFor(candidate.staff.title, rules) === 'P07') return [];
  const { staff } = candidate;
  return [
    violation(
      rule,
      `支援人员${staff.name}为${TITLE_LABELS[staff.title]}，${should(rule)}全职驻点（除法定节假日外每个工作日在岗），不能安排为${DISPATCH_KIND_LABELS.flexible_resident}；弹性驻点适用于${rules.P07.params.titles.map((t) => TITLE_LABELS[t]).join('、')}`,
      {
        staff: staff.name,
        title: staff.title,
        kind: candidate.kind,
        flexibleTitles: rules.P07.params.titles,
      },
    ),
  ];
}

/**
 * P28 — seed 002 §五(四): from `fromYear` (the dispatch's first day), staff of institutions at
 * `prefectureTiers` in the named prefectures (三州), and of institutions at `countyTiers` in a
 * county carrying one of `countyFlags` on that day, get no promotion-linked long-term
 * dispatch (every kind but 柔性, see LONG_TERM_KINDS).
 */
export function checkPromotionLinkedDispatch(rule: Rule<'P28'>, candidate: DispatchCandidate): Violation[] {
  if (!rule.enabled || !LONG_TERM_KINDS.includes(candidate.kind)) return [];
  const p = rule.params;
  const { staff, period, kind } = candidate;
  const home = staff.home;
  if (Number(period.start.slice(0, 4)) < p.fromYear) return [];

  const prefecture = p.prefectures.find((r) => r.regionCode === home.prefectureCode);
  const flags = flagsOn(home.flags, period.start).filter((f) => p.countyFlags.includes(f));
  const tier = InstitutionTier.label(home.tier);
  let why: string | null = null;
  if (prefecture && p.prefectureTiers.includes(home.tier)) why = `${prefecture.name}的${tier}医疗卫生单位`;
  else if (flags.length && p.countyTiers.includes(home.tier))
    why = `${home.regionName}（${flags.map((f) => CountyFlag.label(f)).join('、')}）的${tier}医疗卫生单位`;
  if (!why) return [];

  return [
    violation(
      rule,
      `支援人员${staff.name}所在单位${home.name}为${why}，自${p.fromYear}年起不安排与职称晋升挂钩的长期下派驻点任务（本次为${DISPATCH_KIND_LABELS[kind]}，${period.start} 起）`,
      {
        staff: staff.name,
        home: home.name,
        homeTier: home.tier,
        prefectureCode: home.prefectureCode,
        flagsOnDate: flags,
        kind,
        start: period.start,
        fromYear: p.fromYear,
      },
    ),
  ];
}

/**
 * Record clashes: a period that ends before it starts, an overlap with the person's active
 * dispatches (ACTIVE_DISPATCH_STATUSES; dates inclusive, so adjacent days do not overlap),
 * and dates outside the pairing's period.
 */
export function findDispatchConflicts(candidate: DispatchCandidate): Conflict[] {
  const { staff, period, pairingPeriod } = candidate;
  const out: Conflict[] = [];
  if (period.end < period.start) {
    out.push({
      code: 'invalid_period',
      message: `派驻结束日期 ${period.end} 早于开始日期 ${period.start}`,
      inputs: { start: period.start, end: period.end },
    });
  }
  for (const other of candidate.otherDispatches) {
    if (!ACTIVE_DISPATCH_STATUSES.includes(other.status) || !overlaps(period, other)) continue;
    out.push({
      code: 'overlapping_dispatch',
      message: `${staff.name}已有派驻${other.recipientName}的选派（${other.start} 至 ${other.end}，${DISPATCH_STATUS_LABELS[other.status]}），与本次 ${period.start} 至 ${period.end} 时间重叠`,
      inputs: { staff: staff.name, other: { ...other }, start: period.start, end: period.end },
    });
  }
  const endsAfter = pairingPeriod.end !== null && period.end > pairingPeriod.end;
  if (period.start < pairingPeriod.start || endsAfter) {
    out.push({
      code: 'outside_pairing_period',
      message: `派驻时间 ${period.start} 至 ${period.end} 超出结对期限（${pairingPeriod.start} 至 ${pairingPeriod.end ?? '未定'}）`,
      inputs: { start: period.start, end: period.end, pairing: { ...pairingPeriod } },
    });
  }
  return out;
}

// ─── P05: what counts as service ────────────────────────────────────────────────────────

export interface DispatchRecord {
  staffName: string;
  recipientName: string;
  status: DispatchStatus;
  /** the day the province office approved it; null: never reported to or approved by the province */
  provinceApprovedOn: IsoDate | null;
}

/**
 * P05 — seed 002 §五(四): a dispatch counts as grass-roots service (for promotion) only once
 * approved — statuses before approval never count — and, with
 * `countsOnlyIfApprovedByProvince`, only if the province office approved it.
 */
export function countsAsService(rule: Rule<'P05'>, dispatch: DispatchRecord): boolean {
  if (!APPROVED_DISPATCH_STATUSES.includes(dispatch.status)) return false;
  const provinceNeeded = rule.enabled && rule.params.countsOnlyIfApprovedByProvince;
  return !provinceNeeded || dispatch.provinceApprovedOn !== null;
}

/** P05 as a violation, for a service certificate or a promotion check that names the reason. */
export function checkCountsAsService(rule: Rule<'P05'>, dispatch: DispatchRecord): Violation[] {
  if (countsAsService(rule, dispatch)) return [];
  const why = APPROVED_DISPATCH_STATUSES.includes(dispatch.status)
    ? '未报送省对口支援管理办公室审核'
    : `尚未审核通过（${DISPATCH_STATUS_LABELS[dispatch.status]}）`;
  return [
    violation(
      rule,
      `${dispatch.staffName}派驻${dispatch.recipientName}${why}，其下派时间不视同申报高一级专业技术职务所必需的服务基层经历`,
      { staff: dispatch.staffName, recipient: dispatch.recipientName, status: dispatch.status },
    ),
  ];
}

// ─── P13: management posts ──────────────────────────────────────────────────────────────

export interface ManagementAppointment {
  staffName: string;
  recipientName: string;
  post: ManagementPost;
  /** the department, for department posts */
  department: string | null;
  start: IsoDate;
  /** null: held until the dispatch ends */
  end: IsoDate | null;
  /** the dispatch the person holds the post under */
  dispatch: Period;
}

/**
 * P13 — seed 002 §五(六) 精准“帮”: a support staff member holds a post at the recipient
 * (兼任) only while dispatched there, so the appointment lies inside the dispatch.
 */
export function checkManagementPost(appointment: ManagementAppointment): Conflict[] {
  const a = appointment;
  const post = `${a.department ?? ''}${MANAGEMENT_POST_LABELS[a.post]}`;
  const end = a.end ?? a.dispatch.end;
  const out: Conflict[] = [];
  if (end < a.start) {
    out.push({
      code: 'invalid_period',
      message: `${a.staffName}兼任${a.recipientName}${post}的结束日期 ${end} 早于开始日期 ${a.start}`,
      inputs: { staff: a.staffName, post: a.post, start: a.start, end },
    });
  }
  if (a.start < a.dispatch.start || end > a.dispatch.end) {
    out.push({
      code: 'post_outside_dispatch',
      message: `${a.staffName}兼任${a.recipientName}${post}（${a.start} 至 ${end}）超出其派驻期（${a.dispatch.start} 至 ${a.dispatch.end}）`,
      inputs: { staff: a.staffName, post: a.post, start: a.start, end, dispatch: { ...a.dispatch } },
    });
  }
  return out;
}

/**
 * P13 — seed 002 §五(六) 精准“帮” "3年内轮流派出…兼任单位副职领导职务": once the first
 * `deputyHeadRotationWithinYears` of the pairing (or the pairing itself, if shorter) are
 * over on `today`, at least one support staff member of the pairing has taken a deputy-head
 * (or head, 援疆-style) post starting within them. `null` years: not checked. Level from the pack (Sichuan:
 * encouraged, shown as progress).
 */
export function checkDeputyHeadRotation(
  rule: Rule<'P13'>,
  pairing: { supportingName: string; recipientName: string; start: IsoDate; end: IsoDate | null },
  appointments: readonly Pick<ManagementAppointment, 'post' | 'start'>[],
  today: IsoDate,
): Violation[] {
  const years = rule.params.deputyHeadRotationWithinYears;
  if (!rule.enabled || years === null) return [];
  const byRule = addDays(addYears(pairing.start, years), -1);
  const windowEnd = pairing.end !== null && pairing.end < byRule ? pairing.end : byRule;
  if (today <= windowEnd) return [];
  const held = appointments.some(
    (a) =>
      (a.post === 'deputy_head' || a.post === 'head') && pairing.start <= a.start && a.start <= windowEnd,
  );
  if (held) return [];
  return [
    violation(
      rule,
      `${pairing.supportingName}对口支援${pairing.recipientName}自 ${pairing.start} 起 ${years} 年内（至 ${windowEnd}）未派出人员兼任受援机构副职领导职务`,
      {
        supporter: pairing.supportingName,
        recipient: pairing.recipientName,
        pairingStart: pairing.start,
        windowEnd,
        years,
        today,
      },
    ),
  ];
}
