import { DEFAULT_PACKS } from '../../../shared/policy';
import type { PolicyPack } from '../../../shared/policy/schema';

/** The packs shipped with the platform (shared/policy/packs), to start a programme from. */
export const SHIPPED_PACKS: readonly PolicyPack[] = Object.values(DEFAULT_PACKS);

export function shippedPack(code: string): PolicyPack | undefined {
  return Object.hasOwn(DEFAULT_PACKS, code) ? DEFAULT_PACKS[code as keyof typeof DEFAULT_PACKS] : undefined;
}
