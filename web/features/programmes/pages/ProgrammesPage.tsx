import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Input, Table, type TableColumnsType, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { ProgrammeDto } from '../../../../shared/contracts/programme';
import { errorMessage } from '../../../app/api';
import { can, FullPageSpin, useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/ExportButton';
import { type ProgrammeFilter, useProgrammes } from '../api';
import { ProgrammeFormModal } from '../components/ProgrammeFormModal';
import { PROGRAMME_STATUS_LABELS, periodText } from '../labels';

const ProgrammeDetail = lazy(() => import('../components/ProgrammeDetail'));

const columns: TableColumnsType<ProgrammeDto> = [
  {
    title: '项目名称',
    dataIndex: 'name',
    width: 300,
    render: (name: string, p) => <Link to={`/programmes?id=${p.id}`}>{name}</Link>,
  },
  { title: '项目代码', dataIndex: 'code', width: 170 },
  { title: '期限', key: 'period', width: 220, render: (_, p) => periodText(p) },
  {
    title: '政策包',
    key: 'policy',
    width: 320,
    render: (_, p) =>
      p.policyName ? (
        <span>
          {p.policyName}
          <Tag style={{ marginLeft: 8 }}>第{p.latestPolicyVersion}版</Tag>
        </span>
      ) : (
        '—'
      ),
  },
  {
    title: '状态',
    dataIndex: 'status',
    width: 90,
    render: (s: ProgrammeDto['status']) => (
      <Tag color={s === 'active' ? 'green' : undefined}>{PROGRAMME_STATUS_LABELS[s]}</Tag>
    ),
  },
];

/** 项目与政策: the programmes; `?id=` opens one with its policy pack. */
export default function ProgrammesPage() {
  const [params, setParams] = useSearchParams();
  const id = params.get('id');
  if (id)
    return (
      <Suspense fallback={<FullPageSpin />}>
        <ProgrammeDetail id={id} onBack={() => setParams({})} />
      </Suspense>
    );
  return <ProgrammeList onOpen={(programmeId) => setParams({ id: programmeId })} />;
}

function ProgrammeList({ onOpen }: { onOpen: (id: string) => void }) {
  const me = useCurrentUser();
  const [filter, setFilter] = useState<ProgrammeFilter>({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const { data, isFetching, error } = useProgrammes(filter);

  return (
    <Card
      title="项目与政策"
      extra={
        <Flex gap={8}>
          <ExportButton
            data-testid="programme-export"
            path="/api/programmes/export"
            filters={filter}
            fallbackName="项目列表.xlsx"
          />
          {can(me, 'programme.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="programme-create"
              onClick={() => setCreating(true)}
            >
              新建项目
            </Button>
          )}
        </Flex>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按项目名称或代码搜索"
          allowClear
          enterButton
          style={{ width: 300 }}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined, page: 1 }))}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<ProgrammeDto>
        data-testid="programme-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showTotal: (total) => `共 ${total} 个项目`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {creating && (
        <ProgrammeFormModal
          onClose={() => setCreating(false)}
          onCreated={(p) => {
            setCreating(false);
            onOpen(p.id);
          }}
        />
      )}
    </Card>
  );
}
