import { PlusOutlined } from '@ant-design/icons';
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
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/ExportButton';
import { RegionCascadeFilter } from '../../../app/components/RegionCascadeFilter';
import { useAllProgrammes } from '../../programmes/api';
import { DocumentApproval } from '../../workflow/components/DocumentApproval';
import { type DispatchFilter, useDispatches } from '../api';
import { ArrivalModal } from '../components/ArrivalModal';
import { DispatchDrawer, hasApproval } from '../components/DispatchDrawer';
import { DispatchFormModal } from '../components/DispatchFormModal';
import { EndDispatchModal } from '../components/EndDispatchModal';
import { ReplaceDispatchModal } from '../components/ReplaceDispatchModal';
import { SubmitDispatchModal } from '../components/SubmitDispatchModal';
import {
  DISPATCH_KIND_LABELS,
  DISPATCH_ROLE_LABELS,
  DISPATCH_STATUS_LABELS,
  optionsOf,
  P05_NOTE,
  STATUS_COLORS,
  TITLE_LABELS,
} from '../labels';

/** A row's open action: one modal at a time. */
type Acting = { kind: 'submit' | 'arrive' | 'end' | 'replace'; dispatch: DispatchDto } | null;

/** 选派管理: dispatches in scope, with filters, the live-judged 新增选派 and the status actions. */
export default function DispatchesPage() {
  const me = useCurrentUser();
  const mayPropose = can(me, 'dispatch.propose');
  const mayConfirm = can(me, 'dispatch.confirm');
  const [filter, setFilter] = useState<DispatchFilter>({ page: 1, pageSize: 20 });
  const [batchText, setBatchText] = useState('');
  const { data, isFetching, error } = useDispatches(filter);
  const programmes = useAllProgrammes();
  const [creating, setCreating] = useState(false);
  const [acting, setActing] = useState<Acting>(null);
  // The approvals' links open a dispatch by ?dispatchId=.
  const [params] = useSearchParams();
  const [detail, setDetail] = useState<string | null>(params.get('dispatchId'));
  const refine = (change: Partial<DispatchFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));

  const action = (kind: NonNullable<Acting>['kind'], d: DispatchDto, label: string, danger = false) => (
    <Button
      type="link"
      size="small"
      danger={danger}
      data-testid={`dispatch-${kind}`}
      onClick={() => setActing({ kind, dispatch: d })}
    >
      {label}
    </Button>
  );

  const columns: TableColumnsType<DispatchDto> = [
    {
      title: '姓名',
      key: 'name',
      width: 100,
      fixed: 'left',
      render: (_, d) => (
        <Typography.Link data-testid="dispatch-name" onClick={() => setDetail(d.id)}>
          {d.staff.name}
        </Typography.Link>
      ),
    },
    { title: '职称', key: 'title', width: 70, render: (_, d) => TITLE_LABELS[d.staff.title] },
    { title: '派出单位', key: 'home', width: 180, render: (_, d) => d.staff.institution.name },
    {
      title: '受援单位',
      key: 'recipient',
      width: 180,
      render: (_, d) => (
        <div>
          <div>{d.recipient.name}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.recipient.regionName}
          </Typography.Text>
        </div>
      ),
    },
    { title: '批次', dataIndex: 'batch', width: 120 },
    { title: '派驻方式', key: 'kind', width: 90, render: (_, d) => DISPATCH_KIND_LABELS[d.kind] },
    { title: '岗位', key: 'role', width: 90, render: (_, d) => DISPATCH_ROLE_LABELS[d.role] },
    {
      title: '计划期限',
      key: 'planned',
      width: 190,
      render: (_, d) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {d.plannedStart} 至 {d.plannedEnd}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 110,
      render: (_, d) => {
        const tag = (
          <Tag color={STATUS_COLORS[d.status]} data-testid="dispatch-status">
            {DISPATCH_STATUS_LABELS[d.status]}
          </Tag>
        );
        // Once submitted, the tag opens the approval: its chain, history and, for approvers, the decision.
        return hasApproval(d) ? (
          <DocumentApproval docType="dispatch" docId={d.id}>
            <Tooltip title="点击查看审批">{tag}</Tooltip>
          </DocumentApproval>
        ) : (
          tag
        );
      },
    },
    {
      title: (
        <Tooltip title={P05_NOTE}>
          <span>计入基层服务</span>
        </Tooltip>
      ),
      key: 'counts',
      width: 110,
      render: (_, d) => (
        <Tooltip title={P05_NOTE}>
          <Tag color={d.countsAsService ? 'green' : undefined} data-testid="dispatch-counts">
            {d.countsAsService ? '是' : '否'}
          </Tag>
        </Tooltip>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 220,
      fixed: 'right',
      render: (_, d) => (
        <Space size={0}>
          {mayPropose && d.status === 'proposed' && action('submit', d, '提交审批')}
          {mayConfirm && d.status === 'approved' && action('arrive', d, '确认到岗')}
          {mayConfirm && d.status === 'on_duty' && action('end', d, '结束派驻', true)}
          {mayPropose &&
            (d.status === 'approved' || d.status === 'on_duty') &&
            action('replace', d, '更换人员', true)}
          <Button type="link" size="small" data-testid="dispatch-detail-open" onClick={() => setDetail(d.id)}>
            详情
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="选派管理"
      extra={
        <Flex gap={8}>
          <ExportButton
            data-testid="dispatch-export"
            path="/api/dispatches/export"
            filters={filter}
            fallbackName="派驻人员.xlsx"
          />
          {mayPropose && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              data-testid="dispatch-create"
              onClick={() => setCreating(true)}
            >
              新增选派
            </Button>
          )}
        </Flex>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="dispatch-filter-name"
          placeholder="按姓名搜索"
          allowClear
          enterButton
          style={{ width: 220 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          data-testid="dispatch-filter-programme"
          placeholder="全部项目"
          allowClear
          style={{ width: 260 }}
          loading={programmes.isPending}
          options={programmes.data?.items.map((p) => ({ value: p.id, label: p.name }))}
          value={filter.programmeId}
          onChange={(programmeId) => refine({ programmeId })}
        />
        <Select
          data-testid="dispatch-filter-status"
          placeholder="全部状态"
          allowClear
          style={{ width: 130 }}
          options={optionsOf(DISPATCH_STATUS_LABELS)}
          value={filter.status}
          onChange={(status) => refine({ status })}
        />
        <Input.Search
          data-testid="dispatch-filter-batch"
          placeholder="批次，如 2026年第一批"
          allowClear
          style={{ width: 210 }}
          value={batchText}
          onChange={(e) => setBatchText(e.target.value)}
          onSearch={(b) => refine({ batch: b.trim() || undefined })}
        />
        <RegionCascadeFilter
          data-testid="dispatch-filter-prefecture"
          value={filter.region}
          onChange={(region) => refine({ region })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<DispatchDto>
        data-testid="dispatch-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1400 }}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条选派记录`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
      {creating && <DispatchFormModal onClose={() => setCreating(false)} />}
      {acting?.kind === 'submit' && (
        <SubmitDispatchModal dispatch={acting.dispatch} onClose={() => setActing(null)} />
      )}
      {acting?.kind === 'arrive' && (
        <ArrivalModal dispatch={acting.dispatch} onClose={() => setActing(null)} />
      )}
      {acting?.kind === 'end' && (
        <EndDispatchModal dispatch={acting.dispatch} onClose={() => setActing(null)} />
      )}
      {acting?.kind === 'replace' && (
        <ReplaceDispatchModal dispatch={acting.dispatch} onClose={() => setActing(null)} />
      )}
      {detail && <DispatchDrawer id={detail} onClose={() => setDetail(null)} onOpen={setDetail} />}
    </Card>
  );
}
