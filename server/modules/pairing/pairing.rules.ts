import { type PairingMode, TEAM_MODES, type Violation } from '../../../shared/contracts/pairing';
import { CountyFlag, type InstitutionCategory, InstitutionTier } from '../../../shared/enums';
import type { Rule } from '../../../shared/policy/schema';

/**
 * Pure rules of pairings (结对关系): no database, no clock. The policy is the rule of the
 * pack version in force, passed in; dates are `YYYY-MM-DD` calendar dates (Asia/Shanghai).
 */

export interface DateRange {
  start: string;
  /** null: open-ended */
  end: string | null;
}

/** A county flag with its validity (DOMAIN glossary "county flags"); `validTo` null is open-ended. */
export interface DatedFlag {
  flag: CountyFlag;
  validFrom: string;
  validTo: string | null;
}

export interface RecipientFacts {
  name: string;
  tier: InstitutionTier;
  /** the region the institution belongs to (its county, or its prefecture for prefecture-level ones) */
  regionCode: string;
  regionName: string;
  /** the county flags of that region, with their validity */
  flags: readonly DatedFlag[];
}

/** The flags valid on a date: from `validFrom` through `validTo`, both included. */
export function flagsOn(flags: readonly DatedFlag[], on: string): CountyFlag[] {
  return [
    ...new Set(
      flags.filter((f) => f.validFrom <= on && (f.validTo === null || on <= f.validTo)).map((f) => f.flag),
    ),
  ];
}

/** Deep poverty (深度贫困县) on a date: the stricter P02 limit applies. */
export const isDeepPoverty = (flags: readonly DatedFlag[], on: string) =>
  flagsOn(flags, on).includes('deep_poverty');

const CATEGORY_LABELS: Record<InstitutionCategory, string> = {
  medical: '医疗',
  maternal_child: '妇幼',
  tcm: '中医',
  cdc: '疾控',
  supervision: '卫生监督',
};

const violation = (
  rule: Rule<'P01'> | Rule<'P02'>,
  message: string,
  inputs: Record<string, unknown>,
): Violation => ({ rule: rule.id, level: rule.level, message, inputs });

const flagNames = (flags: readonly CountyFlag[]) => flags.map((f) => CountyFlag.label(f)).join('、');

/**
 * P01 — seed 002 §三: the recipient is an institution at one of the pack's tiers in a county
 * carrying one of its flags on the date judged, a prefecture-level institution of a named
 * prefecture, or a recipient named by the programme; and the pairing stays within the
 * policy's period.
 */
export function checkRecipientEligible(
  rule: Rule<'P01'>,
  recipient: RecipientFacts,
  period: DateRange,
  on: string,
): Violation[] {
  if (!rule.enabled) return [];
  const p = rule.params;
  const out: Violation[] = [];

  const active = flagsOn(recipient.flags, on);
  const flagged = p.recipientFlags.filter((f) => active.includes(f));
  const inFlaggedCounty = flagged.length > 0 && p.recipientTiers.includes(recipient.tier);
  const namedPrefecture =
    recipient.tier === 'prefecture' &&
    p.namedPrefectureInstitutions.some((r) => r.regionCode === recipient.regionCode);
  const named = p.namedRecipients.includes(recipient.name);
  if (!inFlaggedCounty && !namedPrefecture && !named) {
    const why =
      flagged.length === 0
        ? `${on} 所在地区${recipient.regionName}不属于${flagNames(p.recipientFlags) || '政策规定的贫困县'}`
        : `其层级（${InstitutionTier.label(recipient.tier)}）不在实施范围内`;
    out.push(
      violation(rule, `受援机构${recipient.name}不在本项目实施范围内：${why}`, {
        recipient: recipient.name,
        regionCode: recipient.regionCode,
        tier: recipient.tier,
        flagsOnDate: active,
        on,
        recipientFlags: p.recipientFlags,
        recipientTiers: p.recipientTiers,
      }),
    );
  }

  if (period.start < p.periodStart) {
    out.push(
      violation(rule, `结对开始日期 ${period.start} 早于政策实施期限的开始日期 ${p.periodStart}`, {
        periodStart: period.start,
        policyStart: p.periodStart,
      }),
    );
  }
  if (p.periodEnd !== null && (period.end === null || period.end > p.periodEnd)) {
    out.push(
      violation(
        rule,
        `结对期限${period.end ? `至 ${period.end}` : '未设结束日期'}，超出政策实施期限（至 ${p.periodEnd}）`,
        { periodEnd: period.end, policyEnd: p.periodEnd },
      ),
    );
  }
  return out;
}

export interface PairingCandidate {
  supportingInstitutionId: string;
  supportingName: string;
  /** the supporting institution's category: P02 counts supporters per category */
  category: InstitutionCategory;
  mode: PairingMode;
  recipientName: string;
}

export interface ExistingPairing {
  supportingInstitutionId: string;
  supportingName: string;
  category: InstitutionCategory;
  mode: PairingMode;
}

/**
 * P02 — seed 002 §五(二), DOMAIN "Pairings (P02)": at most `maxOneToOnePerCategory` active
 * one-to-one supporters per category for a recipient, `deepPovertyMaxPerCategory` in a
 * deep-poverty county; team modes add supporters by design when `teamModesMayAdd`.
 * `existing` are the recipient's other pairings active in the same programme and period.
 */
export function checkPairingLimits(
  rule: Rule<'P02'>,
  candidate: PairingCandidate,
  existing: readonly ExistingPairing[],
  recipientIsDeepPoverty: boolean,
): Violation[] {
  if (!rule.enabled) return [];
  const p = rule.params;
  if (!p.categories.includes(candidate.category)) return [];
  const isTeam = (mode: PairingMode) => TEAM_MODES.includes(mode);
  if (p.teamModesMayAdd && isTeam(candidate.mode)) return [];

  const counted = existing.filter(
    (e) =>
      e.category === candidate.category &&
      e.supportingInstitutionId !== candidate.supportingInstitutionId &&
      !(p.teamModesMayAdd && isTeam(e.mode)),
  );
  const supporters = [...new Set(counted.map((e) => e.supportingName))];
  const limit = recipientIsDeepPoverty ? p.deepPovertyMaxPerCategory : p.maxOneToOnePerCategory;
  if (supporters.length + 1 <= limit) return [];

  const category = CATEGORY_LABELS[candidate.category];
  const where = recipientIsDeepPoverty ? '深度贫困县的受援机构' : '受援机构';
  return [
    violation(
      rule,
      `${where}${candidate.recipientName}原则上最多由 ${limit} 家${category}类机构一对一帮扶，` +
        `现已有 ${supporters.length} 家（${supporters.join('、')}），再增加${candidate.supportingName}将达到 ${supporters.length + 1} 家`,
      {
        recipient: candidate.recipientName,
        supporter: candidate.supportingName,
        category: candidate.category,
        mode: candidate.mode,
        deepPoverty: recipientIsDeepPoverty,
        limit,
        existing: supporters,
        count: supporters.length + 1,
      },
    ),
  ];
}

export interface PairingState {
  supportingInstitutionId: string;
  supportingName: string;
  recipientInstitutionId: string;
  recipientName: string;
  period: DateRange;
}

/**
 * P02 — seed 002 §五(二) "2020年底前无特殊情况不作调整": with `fixedForPeriod`, changing
 * the supporter (or the recipient) of a pairing inside its period is a deviation.
 */
export function checkPairingChange(
  rule: Rule<'P02'>,
  before: PairingState,
  after: PairingState,
  on: string,
): Violation[] {
  if (!rule.enabled || !rule.params.fixedForPeriod) return [];
  const inside = before.period.start <= on && (before.period.end === null || on <= before.period.end);
  if (!inside) return [];
  const parts: string[] = [];
  if (before.supportingInstitutionId !== after.supportingInstitutionId)
    parts.push(`支援机构由${before.supportingName}改为${after.supportingName}`);
  if (before.recipientInstitutionId !== after.recipientInstitutionId)
    parts.push(`受援机构由${before.recipientName}改为${after.recipientName}`);
  if (!parts.length) return [];
  return [
    violation(
      rule,
      `结对关系在期限内（${before.period.start} 至 ${before.period.end ?? '未定'}）原则上不作调整：${parts.join('，')}`,
      {
        on,
        periodStart: before.period.start,
        periodEnd: before.period.end,
        from: { supporter: before.supportingName, recipient: before.recipientName },
        to: { supporter: after.supportingName, recipient: after.recipientName },
      },
    ),
  ];
}

/** How the service treats violations: mandatory ones block, "in principle" ones need a recorded reason. */
export function classify(violations: readonly Violation[]) {
  return {
    blocking: violations.filter((v) => v.level === 'mandatory'),
    deviations: violations.filter((v) => v.level === 'in_principle'),
  };
}
