import { Alert, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { errorMessage } from '../../../app/api';
import { useDispatches } from '../../dispatch/api';
import { DISPATCH_STATUS_LABELS, P05_NOTE, STATUS_COLORS } from '../../dispatch/labels';

const columns: TableColumnsType<DispatchDto> = [
  { title: '项目', dataIndex: 'programmeName', ellipsis: true },
  { title: '受援单位', key: 'recipient', render: (_, d) => d.recipient.name },
  { title: '批次', dataIndex: 'batch', width: 110 },
  {
    title: '期限',
    key: 'term',
    width: 120,
    render: (_, d) => (
      <span>
        {d.plannedStart}
        <br />至 {d.endedOn ?? d.plannedEnd}
      </span>
    ),
  },
  {
    title: '状态',
    key: 'status',
    width: 90,
    render: (_, d) => <Tag color={STATUS_COLORS[d.status]}>{DISPATCH_STATUS_LABELS[d.status]}</Tag>,
  },
  {
    title: (
      <Tooltip title={P05_NOTE}>
        <span>计入基层服务</span>
      </Tooltip>
    ),
    key: 'counts',
    width: 100,
    render: (_, d) => (
      <Tag color={d.countsAsService ? 'green' : undefined}>{d.countsAsService ? '是' : '否'}</Tag>
    ),
  },
];

/** 派驻经历: the person's dispatches across programmes, as far as the user's scope shows them. */
export function StaffDispatches({ staffId }: { staffId: string }) {
  const { data, error, isLoading } = useDispatches({ staffId, page: 1, pageSize: 100 });
  return (
    <div style={{ marginTop: 24 }}>
      <Typography.Title level={5}>派驻经历</Typography.Title>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<DispatchDto>
        data-testid="staff-dispatches"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={isLoading}
        pagination={false}
        locale={{ emptyText: '暂无派驻记录' }}
      />
    </div>
  );
}
