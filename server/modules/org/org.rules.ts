import type { CountyFlag } from '../../../shared/enums';
import { CountyFlag as CountyFlags } from '../../../shared/enums';
import type { ScopeNode } from '../../platform/context';

/** Pure rules of the org module: no database, no Fastify, no clock. */

/** Whether a region (by its `/000000/510000/…/` path) lies in a user's scope: all, or under one of their regions. */
export function regionWithinScope(scope: readonly ScopeNode[], regionPath: string): boolean {
  return scope.some(
    (node) =>
      node.kind === 'all' ||
      (node.kind === 'region' && !!node.regionPath && regionPath.startsWith(node.regionPath)),
  );
}

export interface FlagPeriod {
  id: string;
  flag: CountyFlag;
  validFrom: string;
  validTo: string | null;
  withdrawnAt: Date | null;
}

const periodText = (p: { validFrom: string; validTo: string | null }) =>
  p.validTo ? `${p.validFrom} 至 ${p.validTo}` : `${p.validFrom} 起`;

/**
 * A county holds one flag of a kind at a time: a new period must not overlap a standing
 * (not withdrawn) one of the same flag. Returns the Chinese reason, or null.
 */
export function flagOverlap(
  existing: readonly FlagPeriod[],
  candidate: { flag: CountyFlag; validFrom: string; validTo: string | null },
): string | null {
  const end = (p: { validTo: string | null }) => p.validTo ?? '9999-12-31';
  const clash = existing.find(
    (f) =>
      f.flag === candidate.flag &&
      f.withdrawnAt === null &&
      f.validFrom <= end(candidate) &&
      candidate.validFrom <= end(f),
  );
  return clash
    ? `与已有的“${CountyFlags.label(clash.flag)}”（${periodText(clash)}）有效期重叠；如原记录有误，请先撤回`
    : null;
}

export interface ChildPlan<T> {
  /** stored rows no longer listed */
  remove: string[];
  /** listed rows with the id of a stored one */
  keep: (T & { id: string })[];
  /** listed rows without an id */
  add: T[];
  /** ids listed that are not this parent's */
  unknown: string[];
}

/**
 * Departments and geofences are edited as a list that replaces the stored one; rows that
 * keep their id are updated in place, so references to them survive an edit.
 */
export function planChildren<T extends { id?: string }>(
  storedIds: readonly string[],
  listed: readonly T[],
): ChildPlan<T> {
  const stored = new Set(storedIds);
  const listedIds = new Set(listed.flatMap((i) => (i.id ? [i.id] : [])));
  return {
    remove: storedIds.filter((id) => !listedIds.has(id)),
    keep: listed.filter((i): i is T & { id: string } => !!i.id && stored.has(i.id)),
    add: listed.filter((i) => !i.id),
    unknown: [...listedIds].filter((id) => !stored.has(id)),
  };
}

/** The fields of a record that changed, as `{ field: [before, after] }`, for the audit trail. */
export function changedFields<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  for (const key of Object.keys(after) as (keyof T & string)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changes[key] = [before[key], after[key]];
  }
  return changes;
}

/** Who may be named as a county contact: 定点联系领导 are province-office users, 驻点负责人 county liaisons (DOMAIN.md). */
export const CONTACT_ROLES = { contact_leader: 'province_office', liaison: 'county_liaison' } as const;
