import type { InstitutionRole, StaffSide } from '../../../shared/enums';
import type { TITLE_LABELS as SharedTitleLabels } from '../../../shared/policy/labels';
import type { Title } from '../../../shared/policy/schema';

// A copy checked against the shared labels by type: importing those would pull Zod into the page.
export const TITLE_LABELS: typeof SharedTitleLabels = {
  none: '无职称',
  junior: '初级',
  intermediate: '中级',
  deputy_senior: '副高',
  senior: '正高',
};

export const titleOptions = (Object.keys(TITLE_LABELS) as Title[]).map((value) => ({
  value,
  label: TITLE_LABELS[value],
}));

export const optionsOf = <T extends string>(e: { values: readonly T[]; label: (v: T) => string }) =>
  e.values.map((value) => ({ value, label: e.label(value) }));

/** Where each side works: 支援人员 at supporting institutions, 受援人员 at recipient ones; dual-role at either. */
export const INSTITUTION_ROLES_OF: Record<StaffSide, readonly InstitutionRole[]> = {
  support: ['supporting', 'both'],
  recipient: ['recipient', 'both'],
};

export const CONFLICT_MESSAGE = '已被他人修改，请刷新后重试';

/** How long a revealed ID number or phone stays on screen (S16). */
export const REVEAL_SECONDS = 30;
