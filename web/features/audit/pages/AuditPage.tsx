import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Flex,
  Input,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type {
  AuditEventDto,
  AuditVerifyDto,
  AUDIT_RESULT_LABELS as SharedResultLabels,
} from '../../../../shared/contracts/audit';
import { Role } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { ExportButton } from '../../../app/components/ExportButton';
import { formatDateTime } from '../../../app/format';
import { ActionFilter } from '../actions';
import { type AuditFilter, exportUrl, useAuditEvents, useVerifyAudit } from '../api';

// A copy checked against the contract by type: the value would pull Zod into the bundle.
const RESULT_LABELS: typeof SharedResultLabels = { ok: '成功', denied: '拒绝', failed: '失败' };
const RESULT_COLOR: Record<AuditEventDto['result'], string> = {
  ok: 'success',
  denied: 'warning',
  failed: 'error',
};
const resultOptions = (Object.keys(RESULT_LABELS) as AuditEventDto['result'][]).map((value) => ({
  value,
  label: RESULT_LABELS[value],
}));

/** Names of the kinds of object events refer to; an unknown kind is shown as it comes. */
const OBJECT_TYPES: Record<string, string> = {
  user: '账号',
  session: '会话',
  institution: '机构',
  region: '行政区划',
  audit: '审计日志',
  password_policy: '密码策略',
};

const roleLabel = (role: string | null) => (role ? (Role.labels[role as Role] ?? role) : '—');

function objectText(event: AuditEventDto): string {
  if (!event.objectType) return '—';
  const type = OBJECT_TYPES[event.objectType] ?? event.objectType;
  // An account is better known by its user name than by its id, when the event recorded it.
  const username = event.details?.username;
  const name = typeof username === 'string' ? username : event.objectId;
  return name ? `${type} ${name}` : type;
}

const columns: TableColumnsType<AuditEventDto> = [
  {
    title: '时间',
    dataIndex: 'at',
    width: 170,
    render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
  },
  {
    title: '操作人',
    dataIndex: 'actorName',
    width: 130,
    render: (name: string | null) => name ?? <Typography.Text type="secondary">—</Typography.Text>,
  },
  { title: '角色', dataIndex: 'actorRole', width: 130, render: roleLabel },
  {
    title: '操作',
    dataIndex: 'actionLabel',
    width: 150,
    render: (label: string, event) => <Tooltip title={event.action}>{label}</Tooltip>,
  },
  { title: '对象', key: 'object', ellipsis: true, render: (_, event) => objectText(event) },
  {
    title: '结果',
    dataIndex: 'result',
    width: 80,
    render: (result: AuditEventDto['result']) => (
      <Tag color={RESULT_COLOR[result]}>{RESULT_LABELS[result]}</Tag>
    ),
  },
  { title: 'IP', dataIndex: 'ip', width: 130, render: (ip: string | null) => ip ?? '—' },
];

function VerifyResult({ result }: { result: AuditVerifyDto }) {
  if (result.ok) {
    return (
      <Alert
        data-testid="audit-verify-result"
        type="success"
        showIcon
        title={`审计日志完整，共校验 ${result.checked} 条`}
        description="哈希链逐条校验一致，且与链外锚定的最新记录相符，未发现篡改或删除。"
        closable
        style={{ marginBottom: 16 }}
      />
    );
  }
  const broken = result.firstBroken;
  const where = broken?.id != null ? `第 ${broken.id} 条` : '日志末尾';
  return (
    <Alert
      data-testid="audit-verify-result"
      type="error"
      showIcon
      title={`发现篡改：${where}${broken?.reason ? ` — ${broken.reason}` : ''}`}
      description={`已校验 ${result.checked} 条。请立即保全现场并报告安全管理员，不要自行修改数据库。`}
      style={{ marginBottom: 16 }}
    />
  );
}

export default function AuditPage() {
  const [filter, setFilter] = useState<AuditFilter>({ page: 1, pageSize: 20 });
  const refine = (change: Partial<AuditFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));
  const { data, isFetching, error } = useAuditEvents(filter);
  const verify = useVerifyAudit();

  const onRange = (range: [Dayjs | null, Dayjs | null] | null) =>
    refine({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') });

  return (
    <Card
      title="审计日志"
      extra={
        <Flex gap={8}>
          <Button
            data-testid="audit-verify"
            icon={<SafetyCertificateOutlined />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            校验完整性
          </Button>
          <Tooltip title="按当前筛选条件导出全部记录（Excel），导出操作本身也会记入审计日志">
            <span>
              <ExportButton
                data-testid="audit-export-xlsx"
                path="/api/audit/export.xlsx"
                filters={filter}
                fallbackName="审计日志.xlsx"
                label="导出 Excel"
              />
            </span>
          </Tooltip>
          <Tooltip title="按当前筛选条件导出全部记录（CSV），导出操作本身也会记入审计日志">
            <Button data-testid="audit-export" icon={<DownloadOutlined />} href={exportUrl(filter)} download>
              导出 CSV
            </Button>
          </Tooltip>
        </Flex>
      }
    >
      {verify.isError && (
        <Alert
          data-testid="audit-verify-result"
          type="warning"
          showIcon
          title={`校验未完成：${errorMessage(verify.error)}`}
          style={{ marginBottom: 16 }}
        />
      )}
      {verify.data && <VerifyResult result={verify.data} />}
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          data-testid="audit-filter-dates"
          allowEmpty={[true, true]}
          placeholder={['开始日期', '结束日期']}
          onChange={onRange}
        />
        <Input.Search
          data-testid="audit-filter-actor"
          placeholder="操作人（用户名或姓名）"
          allowClear
          style={{ width: 220 }}
          onSearch={(actor) => refine({ actor: actor.trim() || undefined })}
        />
        <ActionFilter value={filter.action} onChange={(action) => refine({ action })} />
        <Select
          data-testid="audit-filter-result"
          placeholder="全部结果"
          allowClear
          style={{ width: 120 }}
          options={resultOptions}
          value={filter.result}
          onChange={(result) => refine({ result })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <div data-testid="audit-table">
        <Table<AuditEventDto>
          rowKey="id"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          scroll={{ x: 1000 }}
          expandable={{
            columnTitle: '详情',
            columnWidth: 60,
            expandIconColumnIndex: columns.length,
            rowExpandable: (event) => !!event.details && Object.keys(event.details).length > 0,
            expandedRowRender: (event) => (
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
                {JSON.stringify(event.details, null, 2)}
              </pre>
            ),
          }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 条`,
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
        />
      </div>
    </Card>
  );
}
