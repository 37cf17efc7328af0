import {
  DOC_TYPE_LABELS,
  WORKFLOW_STATUS_LABELS,
  type WorkflowInstanceDto,
  type WorkflowListQuery,
} from '../../../shared/contracts/workflow';
import type { Ctx } from '../../platform/context';
import type { Column } from '../../platform/xlsx';
import { EXPORT_ROW_CAP, filterList, type ListExport, refuseLargeExport } from '../excel/exports';
import { listInstances } from './workflow.service';

/** The approvals list's filters, without paging. */
export type WorkflowExportQuery = Omit<WorkflowListQuery, 'page' | 'pageSize'>;

const MINE_LABELS = { submitted: '我提交的', decided: '我办理的' } as const;

/** Only a passage still under way, or returned to its submitter, is at a step. */
const atStep = (i: WorkflowInstanceDto) => i.status === 'pending' || i.status === 'returned';

const COLUMNS: Column<WorkflowInstanceDto>[] = [
  { header: '类型', key: 'docType', value: (i) => DOC_TYPE_LABELS[i.docType] },
  { header: '事项', key: 'title', width: 50 },
  { header: '项目', key: 'programmeName', width: 30 },
  { header: '受援机构', key: 'institution', width: 26, value: (i) => i.institution.name },
  { header: '支援机构', key: 'counterpart', width: 26, value: (i) => i.counterpart?.name },
  { header: '状态', key: 'status', value: (i) => WORKFLOW_STATUS_LABELS[i.status] },
  {
    header: '当前环节',
    key: 'step',
    width: 24,
    value: (i) => (atStep(i) ? i.steps[i.currentStep]?.label : null),
  },
  { header: '提交人', key: 'submittedBy', width: 24, value: (i) => i.submittedBy.displayName },
  { header: '提交时间', key: 'submittedAt', type: 'datetime' },
  {
    header: '办理时限',
    key: 'dueAt',
    type: 'datetime',
    value: (i) => (i.status === 'pending' ? i.dueAt : null),
  },
  {
    header: '已逾期',
    key: 'overdue',
    type: 'bool',
    value: (i) => (i.status === 'pending' ? i.overdue : null),
  },
  { header: '办结时间', key: 'decidedAt', type: 'datetime' },
];

/**
 * 审批记录: the approvals the list shows — the same service call, so the same visibility (either
 * side in scope, one's own submissions and decisions, a delegator's pending steps) and filters.
 */
export async function workflowExport(ctx: Ctx, q: WorkflowExportQuery): Promise<ListExport> {
  refuseLargeExport('审批记录', (await listInstances(ctx, { ...q, page: 1, pageSize: 1 })).total);
  const { items } = await listInstances(ctx, { ...q, page: 1, pageSize: EXPORT_ROW_CAP });
  return {
    title: '审批记录',
    rows: items.length,
    filters: filterList([
      ['范围', q.mine && MINE_LABELS[q.mine]],
      ['状态', q.status && WORKFLOW_STATUS_LABELS[q.status]],
      ['类型', q.docType && DOC_TYPE_LABELS[q.docType]],
      ['单据编号', q.docId],
    ]),
    query: q,
    sheets: [{ name: '审批记录', columns: COLUMNS, rows: items }],
  };
}
