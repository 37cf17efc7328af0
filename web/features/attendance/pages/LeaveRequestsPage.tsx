import { Alert, Button, Card, DatePicker, Flex, Select, Table, type TableColumnsType, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LEAVE_KIND_LABELS, REQUEST_STATUS_LABELS } from '../../../../shared/attendance-vocabulary';
import type { LeaveRequestDto, PunchCorrectionDto } from '../../../../shared/contracts/leave';
import { errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { optionsOf } from '../../workflow/labels';
import { LeaveDrawer } from '../components/LeaveDrawer';
import { LeaveStatus, leaveKindText, leavePeriod } from '../components/LeaveStatus';
import {
  type CorrectionFilter,
  type LeaveFilter,
  type RequestKind,
  useCorrections,
  useLeaveRequests,
} from '../leave-api';

const kindOptions = optionsOf(LEAVE_KIND_LABELS);
const statusOptions = optionsOf(REQUEST_STATUS_LABELS);

const nameCell = (open: () => void, id: string, name: string) => (
  <Button type="link" size="small" style={{ padding: 0 }} data-testid={`leave-view-${id}`} onClick={open}>
    {name}
  </Button>
);

/**
 * 请假与补卡: the leave, trips, compensatory rest and 补卡 of the staff in the reader's scope,
 * filtered by kind, state and dates; a row opens the request with its attachments and its
 * approval passage (approvers decide from there or from 待办).
 */
export default function LeaveRequestsPage() {
  const [tab, setTab] = useState<RequestKind>('leave');
  const [leaveFilter, setLeaveFilter] = useState<LeaveFilter>({ page: 1, pageSize: 20 });
  const [corrFilter, setCorrFilter] = useState<CorrectionFilter>({ page: 1, pageSize: 20 });
  const [viewing, setViewing] = useState<{ kind: RequestKind; id: string } | null>(null);
  const leaves = useLeaveRequests(leaveFilter, tab === 'leave');
  const corrections = useCorrections(corrFilter, tab === 'correction');

  // A notification's or to-do's link (`?leaveId=…` / `?correctionId=…`) opens that request.
  const [params, setParams] = useSearchParams();
  const linkedLeave = params.get('leaveId');
  const linkedCorrection = params.get('correctionId');
  useEffect(() => {
    if (!linkedLeave && !linkedCorrection) return;
    const kind: RequestKind = linkedLeave ? 'leave' : 'correction';
    setTab(kind);
    setViewing({ kind, id: (linkedLeave ?? linkedCorrection)! });
    setParams({}, { replace: true });
  }, [linkedLeave, linkedCorrection, setParams]);

  const dates = (range: [Dayjs | null, Dayjs | null] | null) => ({
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  });

  const leaveColumns: TableColumnsType<LeaveRequestDto> = [
    {
      title: '姓名',
      key: 'name',
      width: 110,
      render: (_, r) => nameCell(() => setViewing({ kind: 'leave', id: r.id }), r.id, r.staffName),
    },
    { title: '类别', key: 'kind', width: 150, render: (_, r) => leaveKindText(r) },
    { title: '起止日期', key: 'period', width: 250, render: (_, r) => leavePeriod(r) },
    { title: '受援单位', key: 'recipient', width: 180, render: (_, r) => r.recipient.name },
    { title: '派出单位', key: 'home', width: 180, render: (_, r) => r.home.name },
    { title: '状态', key: 'status', width: 100, render: (_, r) => <LeaveStatus status={r.status} /> },
    { title: '提交时间', key: 'created', width: 150, render: (_, r) => formatDateTimeMinutes(r.createdAt) },
  ];

  const correctionColumns: TableColumnsType<PunchCorrectionDto> = [
    {
      title: '姓名',
      key: 'name',
      width: 110,
      render: (_, r) => nameCell(() => setViewing({ kind: 'correction', id: r.id }), r.id, r.staffName),
    },
    { title: '补卡时间', key: 'when', width: 160, render: (_, r) => `${r.date} ${r.time}` },
    { title: '补卡原因', dataIndex: 'reason', width: 240, ellipsis: true },
    { title: '受援单位', key: 'recipient', width: 180, render: (_, r) => r.recipient.name },
    { title: '状态', key: 'status', width: 100, render: (_, r) => <LeaveStatus status={r.status} /> },
    { title: '提交时间', key: 'created', width: 150, render: (_, r) => formatDateTimeMinutes(r.createdAt) },
  ];

  const current = tab === 'leave' ? leaves : corrections;
  const filters = (
    <Flex wrap gap={12} style={{ marginBottom: 16 }}>
      {tab === 'leave' && (
        <Select
          data-testid="leave-filter-kind"
          placeholder="全部类别"
          allowClear
          style={{ width: 140 }}
          options={kindOptions}
          value={leaveFilter.kind}
          onChange={(kind) => setLeaveFilter((f) => ({ ...f, kind, page: 1 }))}
        />
      )}
      <Select
        data-testid="leave-filter-status"
        placeholder="全部状态"
        allowClear
        style={{ width: 140 }}
        options={statusOptions}
        value={tab === 'leave' ? leaveFilter.status : corrFilter.status}
        onChange={(status) =>
          tab === 'leave'
            ? setLeaveFilter((f) => ({ ...f, status, page: 1 }))
            : setCorrFilter((f) => ({ ...f, status, page: 1 }))
        }
      />
      <DatePicker.RangePicker
        data-testid="leave-filter-dates"
        placeholder={['开始日期', '结束日期']}
        onChange={(range) =>
          tab === 'leave'
            ? setLeaveFilter((f) => ({ ...f, ...dates(range), page: 1 }))
            : setCorrFilter((f) => ({ ...f, ...dates(range), page: 1 }))
        }
      />
    </Flex>
  );

  const pagination = (
    filter: { page: number; pageSize: number },
    total: number | undefined,
    set: (p: number, s: number) => void,
  ) => ({
    current: filter.page,
    pageSize: filter.pageSize,
    total,
    showSizeChanger: true,
    showTotal: (n: number) => `共 ${n} 条`,
    onChange: set,
  });

  return (
    <Card title="请假与补卡">
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as RequestKind)}
        items={[
          { key: 'leave', label: '请假/出差/值班补休' },
          { key: 'correction', label: '补卡' },
        ]}
      />
      {filters}
      {current.error && (
        <Alert type="error" showIcon title={errorMessage(current.error)} style={{ marginBottom: 16 }} />
      )}
      {tab === 'leave' ? (
        <Table<LeaveRequestDto>
          data-testid="leave-table"
          rowKey="id"
          columns={leaveColumns}
          dataSource={leaves.data?.items}
          loading={leaves.isFetching}
          scroll={{ x: 1120 }}
          pagination={pagination(leaveFilter, leaves.data?.total, (page, pageSize) =>
            setLeaveFilter((f) => ({ ...f, page, pageSize })),
          )}
        />
      ) : (
        <Table<PunchCorrectionDto>
          data-testid="correction-table"
          rowKey="id"
          columns={correctionColumns}
          dataSource={corrections.data?.items}
          loading={corrections.isFetching}
          scroll={{ x: 940 }}
          pagination={pagination(corrFilter, corrections.data?.total, (page, pageSize) =>
            setCorrFilter((f) => ({ ...f, page, pageSize })),
          )}
        />
      )}
      {viewing && <LeaveDrawer kind={viewing.kind} id={viewing.id} onClose={() => setViewing(null)} />}
    </Card>
  );
}
