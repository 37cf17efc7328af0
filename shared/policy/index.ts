/** Policy packs (DOMAIN.md P01–P28): the schema, the shipped packs, and their Chinese labels. */
import { SHANYANG_2024 } from './packs/shanyang-2024';
import { SICHUAN_2017_172 } from './packs/sichuan-2017-172';
import { TACHENG_2020 } from './packs/tacheng-2020';
import type { PolicyPack } from './schema';

export * from './labels';
export { SHANYANG_2024 } from './packs/shanyang-2024';
export { SICHUAN_2017_172, THREE_PREFECTURES } from './packs/sichuan-2017-172';
export { TACHENG_2020 } from './packs/tacheng-2020';
export * from './schema';
export * from './sources';

/** The shipped packs by code (a test checks each key is its pack's code). */
export const DEFAULT_PACKS = {
  'sichuan-2017-172': SICHUAN_2017_172,
  'shanyang-2024': SHANYANG_2024,
  'tacheng-2020': TACHENG_2020,
} as const satisfies Record<string, PolicyPack>;
export type DefaultPackCode = keyof typeof DEFAULT_PACKS;

/** The default pack: a new Sichuan programme starts from it. */
export const DEFAULT_PACK_CODE: DefaultPackCode = 'sichuan-2017-172';
