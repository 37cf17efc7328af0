import type {
  PAIRING_CHANGE_LABELS as SharedChangeLabels,
  EXCEPTION_STATUS_LABELS as SharedExceptionLabels,
  PAIRING_FIELD_LABELS as SharedFieldLabels,
  PAIRING_MODE_LABELS as SharedModeLabels,
  PAIRING_STATUS_LABELS as SharedStatusLabels,
} from '../../../shared/contracts/pairing';

// Copies checked against the shared labels by type: importing the contract would pull Zod into this chunk.
export const PAIRING_MODE_LABELS: typeof SharedModeLabels = {
  one_to_one: '一对一',
  team: '组团式',
  hospital_department: '以院包科',
  school_hospital: '以校包院',
};

export const PAIRING_STATUS_LABELS: typeof SharedStatusLabels = { active: '执行中', ended: '已终止' };

export const EXCEPTION_STATUS_LABELS: typeof SharedExceptionLabels = {
  none: '无',
  pending: '例外待审批',
  approved: '例外已批准',
  rejected: '例外未批准',
};

export const EXCEPTION_COLORS: Record<keyof typeof SharedExceptionLabels, string | undefined> = {
  none: undefined,
  pending: 'orange',
  approved: 'green',
  rejected: 'red',
};

export const PAIRING_CHANGE_LABELS: typeof SharedChangeLabels = {
  create: '建立结对',
  update: '变更',
  end: '终止',
};

export const PAIRING_FIELD_LABELS: typeof SharedFieldLabels = {
  supportingInstitution: '支援机构',
  recipientInstitution: '受援机构',
  mode: '模式',
  departments: '所包科室',
  periodStart: '开始日期',
  periodEnd: '结束日期',
  status: '状态',
  exceptionStatus: '例外状态',
  exceptionReason: '例外理由',
  deviations: '偏离规则',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));

/** A history value as read by people: enum codes by their labels, lists joined, empty as —. */
export function fieldValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.join('、') : '—';
  const labels: Record<string, Record<string, string>> = {
    mode: PAIRING_MODE_LABELS,
    status: PAIRING_STATUS_LABELS,
    exceptionStatus: EXCEPTION_STATUS_LABELS,
  };
  return labels[field]?.[String(value)] ?? String(value);
}
