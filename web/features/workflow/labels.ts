import type { WorkflowStatus } from '../../../shared/workflow-vocabulary';

export {
  APPROVER_ROLES,
  DOC_TYPE_LABELS,
  DOC_TYPES,
  WORKFLOW_ACTION_LABELS,
  WORKFLOW_STATUS_LABELS,
} from '../../../shared/workflow-vocabulary';

export const STATUS_COLORS: Record<WorkflowStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }));
