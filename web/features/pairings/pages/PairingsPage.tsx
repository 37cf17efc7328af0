import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
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
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { PairingDto } from '../../../../shared/contracts/pairing';
import { InstitutionCategory } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/ExportButton';
import { ImportWizard } from '../../../app/components/ImportWizard';
import { RegionCascadeFilter } from '../../../app/components/RegionCascadeFilter';
import { todayInShanghai } from '../../../app/format';
import { useAllProgrammes } from '../../programmes/api';
import { DocumentApproval } from '../../workflow/components/DocumentApproval';
import { type PairingFilter, usePairing, usePairings } from '../api';
import { EndPairingModal } from '../components/EndPairingModal';
import { PairingFormModal } from '../components/PairingFormModal';
import { PairingHistoryDrawer } from '../components/PairingHistoryDrawer';
import {
  EXCEPTION_COLORS,
  EXCEPTION_STATUS_LABELS,
  optionsOf,
  PAIRING_MODE_LABELS,
  PAIRING_STATUS_LABELS,
} from '../labels';

/** An import changes pairings, and its exceptions start approvals. */
const IMPORT_REFRESHES = [['pairings'], ['workflow']] as const;

const institution = (side: PairingDto['supporting']) => (
  <div>
    <div>{side.name}</div>
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {InstitutionCategory.label(side.category)} · {side.regionName}
    </Typography.Text>
  </div>
);

/** 结对关系: pairings visible to the caller (either side in scope), with filters, history and changes. */
export default function PairingsPage() {
  const me = useCurrentUser();
  const mayManage = can(me, 'pairing.manage');
  const [filter, setFilter] = useState<PairingFilter>({ page: 1, pageSize: 20 });
  const { data, isFetching, error } = usePairings(filter);
  const programmes = useAllProgrammes();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [changing, setChanging] = useState<PairingDto | null>(null);
  const [ending, setEnding] = useState<PairingDto | null>(null);
  const [history, setHistory] = useState<PairingDto | null>(null);
  // A notification's link (`?pairingId=…`) opens that pairing's history.
  const [params, setParams] = useSearchParams();
  const linked = usePairing(params.get('pairingId'));
  useEffect(() => {
    if (!linked.data) return;
    setHistory(linked.data);
    setParams({}, { replace: true });
  }, [linked.data, setParams]);
  const refine = (change: Partial<PairingFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  const columns: TableColumnsType<PairingDto> = [
    { title: '支援机构', key: 'supporting', width: 210, render: (_, p) => institution(p.supporting) },
    { title: '受援机构', key: 'recipient', width: 210, render: (_, p) => institution(p.recipient) },
    {
      title: '模式',
      key: 'mode',
      width: 120,
      render: (_, p) => (
        <div>
          <Tag color={p.mode === 'one_to_one' ? undefined : 'geekblue'}>{PAIRING_MODE_LABELS[p.mode]}</Tag>
          {p.departments.length > 0 && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.departments.join('、')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '期限',
      key: 'period',
      width: 200,
      render: (_, p) => (
        <div>
          <div style={{ whiteSpace: 'nowrap' }}>
            {p.periodStart} 至 {p.periodEnd ?? '未定'}
          </div>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12, width: 180 }}
            ellipsis={{ tooltip: p.programmeName }}
          >
            {p.programmeName}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 80,
      // A pairing past its end date is shown as such even before anyone ends it formally.
      render: (s: PairingDto['status'], p: PairingDto) =>
        s === 'active' && p.periodEnd && p.periodEnd < todayInShanghai() ? (
          <Tag>已期满</Tag>
        ) : (
          <Tag color={s === 'active' ? 'green' : undefined}>{PAIRING_STATUS_LABELS[s]}</Tag>
        ),
    },
    {
      title: '例外',
      key: 'exception',
      width: 120,
      render: (_, p) =>
        p.exceptionStatus === 'none' ? (
          '—'
        ) : (
          // The tag opens the exception's approval: its chain, history and, for approvers, the decision.
          <DocumentApproval docType="pairing_exception" docId={p.id}>
            <Tooltip title={`${p.deviations.join('、')}：${p.exceptionReason ?? ''}（点击查看审批）`}>
              <Tag color={EXCEPTION_COLORS[p.exceptionStatus]} data-testid="pairing-exception-status">
                {EXCEPTION_STATUS_LABELS[p.exceptionStatus]}
              </Tag>
            </Tooltip>
          </DocumentApproval>
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: mayManage ? 160 : 80,
      fixed: 'right',
      render: (_, p) => (
        <Space size={0}>
          <Button type="link" size="small" data-testid="pairing-history-open" onClick={() => setHistory(p)}>
            历史
          </Button>
          {mayManage && p.status === 'active' && (
            <>
              <Button type="link" size="small" data-testid="pairing-change" onClick={() => setChanging(p)}>
                变更
              </Button>
              <Button type="link" size="small" danger data-testid="pairing-end" onClick={() => setEnding(p)}>
                终止
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="结对关系"
      extra={
        <Space>
          {mayManage && (
            <Button data-testid="pairing-import" icon={<UploadOutlined />} onClick={() => setImporting(true)}>
              导入
            </Button>
          )}
          <ExportButton
            data-testid="pairing-export"
            path="/api/pairings/export"
            filters={filter}
            fallbackName="结对关系.xlsx"
          />
          {mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="pairing-create"
              onClick={() => setCreating(true)}
            >
              新建结对
            </Button>
          )}
        </Space>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="按支援或受援机构名称搜索"
          allowClear
          enterButton
          style={{ width: 280 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          data-testid="pairing-filter-programme"
          placeholder="全部项目"
          allowClear
          style={{ width: 260 }}
          loading={programmes.isPending}
          options={programmes.data?.items.map((p) => ({ value: p.id, label: p.name }))}
          value={filter.programmeId}
          onChange={(programmeId) => refine({ programmeId })}
        />
        <RegionCascadeFilter
          data-testid="pairing-filter-prefecture"
          value={filter.region}
          onChange={(region) => refine({ region })}
        />
        <Select
          data-testid="pairing-filter-category"
          placeholder="支援机构类别"
          allowClear
          style={{ width: 140 }}
          options={InstitutionCategory.values.map((value) => ({
            value,
            label: InstitutionCategory.label(value),
          }))}
          value={filter.category}
          onChange={(category) => refine({ category })}
        />
        <Select
          data-testid="pairing-filter-mode"
          placeholder="全部模式"
          allowClear
          style={{ width: 130 }}
          options={optionsOf(PAIRING_MODE_LABELS)}
          value={filter.mode}
          onChange={(mode) => refine({ mode })}
        />
        <Select
          data-testid="pairing-filter-status"
          placeholder="全部状态"
          allowClear
          style={{ width: 120 }}
          options={optionsOf(PAIRING_STATUS_LABELS)}
          value={filter.status}
          onChange={(status) => refine({ status })}
        />
        <Select
          data-testid="pairing-filter-exception"
          placeholder="例外状态"
          allowClear
          style={{ width: 140 }}
          options={optionsOf(EXCEPTION_STATUS_LABELS)}
          value={filter.exceptionStatus}
          onChange={(exceptionStatus) => refine({ exceptionStatus })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<PairingDto>
        data-testid="pairing-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个结对关系`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {creating && <PairingFormModal onClose={() => setCreating(false)} />}
      {importing && (
        <ImportWizard entity="pairings" invalidates={IMPORT_REFRESHES} onClose={() => setImporting(false)} />
      )}
      {changing && <PairingFormModal pairing={changing} onClose={() => setChanging(null)} />}
      {ending && <EndPairingModal pairing={ending} onClose={() => setEnding(null)} />}
      {history && <PairingHistoryDrawer pairing={history} onClose={() => setHistory(null)} />}
    </Card>
  );
}
