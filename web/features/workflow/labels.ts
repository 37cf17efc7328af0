import type {
  DocType,
  WORKFLOW_ACTION_LABELS as SharedActionLabels,
  APPROVER_ROLES as SharedApproverRoles,
  DOC_TYPE_LABELS as SharedDocTypeLabels,
  WORKFLOW_STATUS_LABELS as SharedStatusLabels,
  WorkflowStatus,
} from '../../../shared/contracts/workflow';

// Copies checked against the shared contract by type: importing its values would pull Zod into the bundle.
export const DOC_TYPE_LABELS: typeof SharedDocTypeLabels = {
  pairing_exception: '结对例外审批',
  dispatch: '人员选派审批',
  plan: '帮扶计划审核',
  leave: '请假/出差/调休审批',
  punch_correction: '补卡审批',
  workload_table: '月度工作量确认',
};

export const WORKFLOW_STATUS_LABELS: typeof SharedStatusLabels = {
  pending: '审批中',
  returned: '已退回修改',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const WORKFLOW_ACTION_LABELS: typeof SharedActionLabels = {
  submit: '提交',
  resubmit: '重新提交',
  approve: '同意',
  return: '退回修改',
  reject: '不同意',
  withdraw: '撤回',
};

export const APPROVER_ROLES: typeof SharedApproverRoles = [
  'county_authority',
  'county_liaison',
  'prefecture_authority',
  'province_office',
  'tcm_bureau',
  'supporting_admin',
  'recipient_admin',
];

export const DOC_TYPES = Object.keys(DOC_TYPE_LABELS) as DocType[];

export const STATUS_COLORS: Record<WorkflowStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
