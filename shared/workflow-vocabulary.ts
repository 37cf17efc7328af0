import type { Role } from './enums';

/**
 * The workflow vocabulary with its zh-CN labels, free of Zod so the web's first-load bundle
 * can use it; `contracts/workflow.ts` builds its schemas from these lists.
 */

export const DOC_TYPES = [
  'pairing_exception',
  'dispatch',
  'plan',
  'leave',
  'punch_correction',
  'workload_table',
  'device_binding',
] as const;
export const DOC_TYPE_LABELS: Record<(typeof DOC_TYPES)[number], string> = {
  pairing_exception: '结对例外审批',
  dispatch: '人员选派审批',
  plan: '帮扶计划审核',
  leave: '请假/出差/调休审批',
  punch_correction: '补卡审批',
  workload_table: '月度工作量确认',
  device_binding: '打卡设备更换审批',
};

export const WORKFLOW_STATUSES = ['pending', 'returned', 'approved', 'rejected', 'withdrawn'] as const;
export const WORKFLOW_STATUS_LABELS: Record<(typeof WORKFLOW_STATUSES)[number], string> = {
  pending: '审批中',
  returned: '已退回修改',
  approved: '已通过',
  rejected: '未通过',
  withdrawn: '已撤回',
};

export const WORKFLOW_ACTIONS = ['submit', 'resubmit', 'approve', 'return', 'reject', 'withdraw'] as const;
export const WORKFLOW_ACTION_LABELS: Record<(typeof WORKFLOW_ACTIONS)[number], string> = {
  submit: '提交',
  resubmit: '重新提交',
  approve: '同意',
  return: '退回修改',
  reject: '不同意',
  withdraw: '撤回',
};

/** Roles that can decide an approval step. */
export const APPROVER_ROLES = [
  'county_authority',
  'county_liaison',
  'prefecture_authority',
  'province_office',
  'tcm_bureau',
  'supporting_admin',
  'recipient_admin',
] as const satisfies readonly Role[];

export type DocType = (typeof DOC_TYPES)[number];
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
