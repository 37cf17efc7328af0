import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Popconfirm,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { DelegationDto } from '../../../../shared/contracts/workflow';
import { errorMessage } from '../../../app/api';
import { useCurrentUser } from '../../../app/auth';
import { todayInShanghai } from '../../../app/format';
import { useDelegations, useRevokeDelegation } from '../api';
import { DelegationFormModal } from '../components/DelegationFormModal';

type DelegationState = 'revoked' | 'ended' | 'upcoming' | 'active';

/** Where a delegation stands today (Beijing calendar dates). */
function delegationState(d: DelegationDto, today: string): DelegationState {
  if (d.revoked) return 'revoked';
  if (d.endsOn < today) return 'ended';
  if (d.startsOn > today) return 'upcoming';
  return 'active';
}

const STATE_TAGS: Record<DelegationState, { label: string; color?: string }> = {
  active: { label: '生效中', color: 'green' },
  upcoming: { label: '未开始', color: 'blue' },
  ended: { label: '已结束' },
  revoked: { label: '已撤销' },
};

/** 代理审批: delegations I gave (revocable while not over) and those I received. */
export default function DelegationsPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const { data, isFetching, error } = useDelegations();
  const revoke = useRevokeDelegation();
  const [creating, setCreating] = useState(false);
  const today = todayInShanghai();
  const given = data?.items.filter((d) => d.from.id === me.user.id) ?? [];
  const received = data?.items.filter((d) => d.to.id === me.user.id) ?? [];

  const state = (d: DelegationDto) => {
    const tag = STATE_TAGS[delegationState(d, today)];
    return <Tag color={tag.color}>{tag.label}</Tag>;
  };
  const period = (d: DelegationDto) => `${d.startsOn} 至 ${d.endsOn}`;

  const givenColumns: TableColumnsType<DelegationDto> = [
    { title: '代理人', key: 'to', width: 120, render: (_, d) => d.to.displayName },
    { title: '委托期间', key: 'period', width: 220, render: (_, d) => period(d) },
    { title: '委托事由', dataIndex: 'reason' },
    { title: '状态', key: 'state', width: 90, render: (_, d) => state(d) },
    {
      title: '操作',
      key: 'actions',
      width: 90,
      render: (_, d) =>
        ['active', 'upcoming'].includes(delegationState(d, today)) ? (
          <Popconfirm
            title={`撤销对 ${d.to.displayName} 的委托？`}
            description="撤销后，对方立即不能再代您审批。"
            okText="撤销"
            okButtonProps={{ danger: true }}
            cancelText="取消"
            onConfirm={() =>
              revoke.mutateAsync(d.id).then(
                () => message.success('已撤销委托'),
                (e) => message.error(errorMessage(e)),
              )
            }
          >
            <Button type="link" size="small" danger data-testid="delegation-revoke">
              撤销
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
  ];

  const receivedColumns: TableColumnsType<DelegationDto> = [
    { title: '委托人', key: 'from', width: 120, render: (_, d) => d.from.displayName },
    { title: '委托期间', key: 'period', width: 220, render: (_, d) => period(d) },
    { title: '委托事由', dataIndex: 'reason' },
    { title: '状态', key: 'state', width: 90, render: (_, d) => state(d) },
  ];

  return (
    <Flex vertical gap={16}>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Card
        title="我委托的"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            data-testid="delegation-create"
            onClick={() => setCreating(true)}
          >
            委托代理审批
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          外出期间，可委托同岗位的同事代为审批；代理人以您的名义办理，办理记录注明“代您办理”。
        </Typography.Paragraph>
        <Table<DelegationDto>
          data-testid="delegation-given-table"
          rowKey="id"
          size="middle"
          columns={givenColumns}
          dataSource={given}
          loading={isFetching}
          locale={{ emptyText: '暂无委托' }}
          pagination={false}
        />
      </Card>
      <Card title="委托我的">
        <Table<DelegationDto>
          data-testid="delegation-received-table"
          rowKey="id"
          size="middle"
          columns={receivedColumns}
          dataSource={received}
          loading={isFetching}
          locale={{ emptyText: '暂无同事委托您代为审批' }}
          pagination={false}
        />
      </Card>
      {creating && <DelegationFormModal onClose={() => setCreating(false)} />}
    </Flex>
  );
}
