import { PlusOutlined, SwapOutlined, UploadOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Flex,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { BondDto } from '../../../../shared/contracts/bond';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { ImportWizard } from '../../../app/components/ImportWizard';
import { RegionCascadeFilter } from '../../../app/components/RegionCascadeFilter';
import { type BondFilter, useBonds } from '../api';
import { BondDrawer } from '../components/BondDrawer';
import { BondFormModal } from '../components/BondFormModal';
import { BondStatus, bondPeriod } from '../components/BondStatus';
import { BreachModal } from '../components/BreachModal';
import { BOND_STATE_LABELS, BOND_TRIGGER_LABELS, optionsOf } from '../labels';

/** An import adds bonds. */
const IMPORT_REFRESHES = [['bonds']] as const;

const stateOptions = optionsOf(BOND_STATE_LABELS);
const triggerOptions = optionsOf(BOND_TRIGGER_LABELS);

const clipped = (text: string, width: number) => (
  <Typography.Text style={{ maxWidth: width }} ellipsis={{ tooltip: text }}>
    {text}
  </Typography.Text>
);

/** 服务年限约定 (P20): recipient staff bound to serve after mentoring, a qualification, promotion or study. */
export default function BondsPage() {
  const me = useCurrentUser();
  const canManage = can(me, 'bond.manage');
  const [filter, setFilter] = useState<BondFilter>({ page: 1, pageSize: 20 });
  const [viewing, setViewing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [breaching, setBreaching] = useState<BondDto | null>(null);
  const [importing, setImporting] = useState(false);
  const { data, isFetching, error } = useBonds(filter);
  // A notification's link (`?bondId=…`) opens that bond's drawer.
  const [params, setParams] = useSearchParams();
  const linked = params.get('bondId');
  useEffect(() => {
    if (!linked) return;
    setViewing(linked);
    setParams({}, { replace: true });
  }, [linked, setParams]);
  // A changed filter starts again from the first page.
  const refine = (change: Partial<BondFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  const columns: TableColumnsType<BondDto> = [
    {
      title: '姓名',
      key: 'name',
      width: 120,
      fixed: 'left',
      render: (_, b) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0, maxWidth: 104 }}
          data-testid={`bond-view-${b.id}`}
          onClick={() => setViewing(b.id)}
        >
          <Typography.Text ellipsis={{ tooltip: b.staff.name }} style={{ maxWidth: 104, color: 'inherit' }}>
            {b.staff.name}
          </Typography.Text>
        </Button>
      ),
    },
    {
      title: '单位',
      key: 'institution',
      width: 200,
      render: (_, b) => (
        <div>
          {clipped(b.staff.institution.name, 184)}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {b.staff.institution.regionName}
          </Typography.Text>
        </div>
      ),
    },
    { title: '项目', dataIndex: 'programmeName', width: 180, render: (n: string) => clipped(n, 164) },
    {
      title: '起算事项',
      dataIndex: 'trigger',
      width: 130,
      render: (t: BondDto['trigger']) => BOND_TRIGGER_LABELS[t],
    },
    {
      title: '事由',
      dataIndex: 'source',
      width: 180,
      render: (s: string | null) => (s ? clipped(s, 164) : '—'),
    },
    {
      title: '约定期限',
      key: 'period',
      width: 200,
      render: (_, b) => <span style={{ whiteSpace: 'nowrap' }}>{bondPeriod(b)}</span>,
    },
    { title: '状态', key: 'status', width: 100, render: (_, b) => <BondStatus bond={b} /> },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 130,
            fixed: 'right' as const,
            render: (_: unknown, b: BondDto) => (
              <Button
                type="link"
                size="small"
                danger
                icon={<SwapOutlined />}
                data-testid={`bond-breach-${b.id}`}
                onClick={() => setBreaching(b)}
              >
                登记调动/借调
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      title="服务年限约定"
      extra={
        canManage && (
          <Space>
            <Button data-testid="bond-import" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入
            </Button>
            <Button
              data-testid="bond-create"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
            >
              新增约定
            </Button>
          </Space>
        )
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="bond-search"
          placeholder="姓名"
          allowClear
          enterButton
          style={{ width: 220 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          data-testid="bond-filter-state"
          placeholder="全部状态"
          allowClear
          style={{ width: 120 }}
          options={stateOptions}
          value={filter.state}
          onChange={(state) => refine({ state })}
        />
        <Select
          data-testid="bond-filter-trigger"
          placeholder="全部起算事项"
          allowClear
          style={{ width: 170 }}
          options={triggerOptions}
          value={filter.trigger}
          onChange={(trigger) => refine({ trigger })}
        />
        <RegionCascadeFilter
          data-testid="bond-filter-prefecture"
          value={filter.region}
          onChange={(region) => refine({ region })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<BondDto>
        data-testid="bond-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1240 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {viewing && (
        <BondDrawer
          id={viewing}
          onClose={() => setViewing(null)}
          onBreach={canManage ? (bond) => setBreaching(bond) : undefined}
        />
      )}
      {creating && <BondFormModal onClose={() => setCreating(false)} onView={setViewing} />}
      {breaching && (
        <BreachModal
          bond={breaching}
          onClose={() => setBreaching(null)}
          onRecorded={(bond) => setViewing(bond.id)}
        />
      )}
      {importing && (
        <ImportWizard entity="bonds" invalidates={IMPORT_REFRESHES} onClose={() => setImporting(false)} />
      )}
    </Card>
  );
}
