import type {
  OverviewPrefectureDto,
  OverviewRecipientDto,
  PairingMode,
  PairingOverviewDto,
} from '../../../shared/contracts/pairing';
import type { InstitutionCategory, InstitutionTier } from '../../../shared/enums';

/** A recipient the overview counts: in a poverty-flagged county, or receiving a visible pairing. */
export interface OverviewRecipient {
  id: string;
  name: string;
  category: InstitutionCategory;
  tier: InstitutionTier;
  regionCode: string;
  regionName: string;
  regionPath: string;
}

export interface OverviewPairing {
  id: string;
  recipient: OverviewRecipient;
  supporting: { id: string; name: string; category: InstitutionCategory };
  mode: PairingMode;
  programmeName: string;
}

/** The prefecture a region path lies in: `/000000/510000/513400/513431/` → 513400 (the province itself above that). */
export function prefectureOf(path: string): string {
  const codes = path.split('/').filter(Boolean);
  return codes[2] ?? codes[codes.length - 1] ?? '';
}

/**
 * Per prefecture: how many recipients, how many have an active supporter at all and per
 * category of supporter, and who supports whom; recipients without one are listed with
 * an empty supporter list. Pure: the service loads the rows within the caller's scope.
 */
export function buildOverview(
  recipients: readonly OverviewRecipient[],
  pairings: readonly OverviewPairing[],
  deepPovertyRegions: ReadonlySet<string>,
  prefectureNames: ReadonlyMap<string, string>,
): Omit<PairingOverviewDto, 'on'> {
  const byId = new Map<string, OverviewRecipientDto & { path: string }>();
  const add = (r: OverviewRecipient) => {
    if (!byId.has(r.id))
      byId.set(r.id, {
        id: r.id,
        name: r.name,
        category: r.category,
        tier: r.tier,
        regionCode: r.regionCode,
        regionName: r.regionName,
        deepPoverty: deepPovertyRegions.has(r.regionCode),
        supporters: [],
        path: r.regionPath,
      });
    return byId.get(r.id)!;
  };
  for (const r of recipients) add(r);
  for (const p of pairings) {
    add(p.recipient).supporters.push({
      pairingId: p.id,
      institutionId: p.supporting.id,
      name: p.supporting.name,
      category: p.supporting.category,
      mode: p.mode,
      programmeName: p.programmeName,
    });
  }

  const groups = new Map<string, OverviewPrefectureDto>();
  const sorted = [...byId.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.name.localeCompare(b.name),
  );
  for (const { path, ...r } of sorted) {
    const code = prefectureOf(path);
    let g = groups.get(code);
    if (!g) {
      g = {
        code,
        name: prefectureNames.get(code) ?? code,
        recipients: 0,
        covered: 0,
        coveredByCategory: {},
        recipientList: [],
      };
      groups.set(code, g);
    }
    g.recipients++;
    if (r.supporters.length) g.covered++;
    for (const category of new Set(r.supporters.map((s) => s.category)))
      g.coveredByCategory[category] = (g.coveredByCategory[category] ?? 0) + 1;
    g.recipientList.push(r);
  }
  const prefectures = [...groups.values()].sort((a, b) => a.code.localeCompare(b.code));
  return {
    prefectures,
    totals: {
      recipients: prefectures.reduce((n, p) => n + p.recipients, 0),
      covered: prefectures.reduce((n, p) => n + p.covered, 0),
    },
  };
}
