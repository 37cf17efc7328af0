import { Alert, Card, Flex, Segmented, Select, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { WorkflowInstanceDto } from '../../../../shared/contracts/workflow';
import { errorMessage } from '../../../app/api';
import { ExportButton } from '../../../app/components/ExportButton';
import { formatDateTime } from '../../../app/format';
import { useWorkflowInstances, type WorkflowFilter } from '../api';
import { ApprovalDrawer } from '../components/ApprovalDrawer';
import { DueCell } from '../components/TodoCells';
import { DOC_TYPE_LABELS, optionsOf, STATUS_COLORS, WORKFLOW_STATUS_LABELS } from '../labels';

type Mine = 'all' | NonNullable<WorkflowFilter['mine']>;

const MINE_OPTIONS: { value: Mine; label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'submitted', label: '我提交的' },
  { value: 'decided', label: '我办理的' },
];

/** 审批记录: the approvals the user may see (either side in scope, or their own submissions). */
export default function WorkflowPage() {
  const [filter, setFilter] = useState<WorkflowFilter>({ page: 1, pageSize: 20 });
  const refine = (change: Partial<WorkflowFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));
  const { data, isFetching, error } = useWorkflowInstances(filter);
  const [open, setOpen] = useState<string | null>(null);

  const columns: TableColumnsType<WorkflowInstanceDto> = [
    {
      title: '类型',
      dataIndex: 'docType',
      width: 140,
      render: (t: WorkflowInstanceDto['docType']) => DOC_TYPE_LABELS[t],
    },
    {
      title: '事项',
      key: 'title',
      render: (_, i) => (
        <div>
          <Typography.Link data-testid="workflow-open">{i.title}</Typography.Link>
          {i.programmeName && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.programmeName}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: WorkflowInstanceDto['status']) => (
        <Tag color={STATUS_COLORS[s]}>{WORKFLOW_STATUS_LABELS[s]}</Tag>
      ),
    },
    {
      title: '当前环节',
      key: 'step',
      width: 170,
      render: (_, i) =>
        i.status === 'pending' || i.status === 'returned' ? (i.steps[i.currentStep]?.label ?? '—') : '—',
    },
    { title: '提交人', key: 'submittedBy', width: 150, render: (_, i) => i.submittedBy.displayName },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: '办理时限 / 办结时间',
      key: 'due',
      width: 190,
      render: (_, i) =>
        i.decidedAt ? (
          formatDateTime(i.decidedAt)
        ) : i.status === 'pending' ? (
          <DueCell dueAt={i.dueAt} overdue={i.overdue} />
        ) : (
          '—'
        ),
    },
  ];

  return (
    <Card
      title="审批记录"
      extra={
        <ExportButton
          data-testid="workflow-export"
          path="/api/workflow/instances/export"
          filters={filter}
          fallbackName="审批记录.xlsx"
        />
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Segmented<Mine>
          data-testid="workflow-filter-mine"
          options={MINE_OPTIONS}
          value={filter.mine ?? 'all'}
          onChange={(mine) => refine({ mine: mine === 'all' ? undefined : mine })}
        />
        <Select
          data-testid="workflow-filter-status"
          placeholder="全部状态"
          allowClear
          style={{ width: 140 }}
          options={optionsOf(WORKFLOW_STATUS_LABELS)}
          value={filter.status}
          onChange={(status) => refine({ status })}
        />
        <Select
          data-testid="workflow-filter-type"
          placeholder="全部类型"
          allowClear
          style={{ width: 190 }}
          options={optionsOf(DOC_TYPE_LABELS)}
          value={filter.docType}
          onChange={(docType) => refine({ docType })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<WorkflowInstanceDto>
        data-testid="workflow-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        onRow={(i) => ({ onClick: () => setOpen(i.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条审批记录`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {open && <ApprovalDrawer instanceId={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
