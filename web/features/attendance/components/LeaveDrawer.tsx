import { Alert, Button, Descriptions, Divider, Drawer, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { DocumentApproval } from '../../workflow/components/DocumentApproval';
import { type RequestKind, useCorrection, useLeaveRequest } from '../leave-api';
import { LeaveAttachmentList } from './LeaveAttachments';
import { LeaveStatus, leaveKindText, leavePeriod } from './LeaveStatus';
import { LeaveTimeline } from './LeaveTimeline';

/** One request: what was asked, its attachments, and its approval passage (approvers decide from it). */
export function LeaveDrawer({ kind, id, onClose }: { kind: RequestKind; id: string; onClose(): void }) {
  const leave = useLeaveRequest(kind === 'leave' ? id : null);
  const correction = useCorrection(kind === 'correction' ? id : null);
  const query = kind === 'leave' ? leave : correction;
  const r = query.data;

  let items: { key: string; label: string; children: ReactNode }[] = [];
  if (r) {
    const common = [
      { key: 'staff', label: '申请人', children: r.staffName },
      { key: 'home', label: '派出单位', children: r.home.name },
      { key: 'recipient', label: '受援单位', children: r.recipient.name },
    ];
    const specific =
      kind === 'leave' && leave.data
        ? [
            { key: 'kind', label: '类别', children: leaveKindText(leave.data) },
            { key: 'period', label: '起止日期', children: leavePeriod(leave.data) },
          ]
        : correction.data
          ? [{ key: 'when', label: '补卡时间', children: `${correction.data.date} ${correction.data.time}` }]
          : [];
    items = [
      ...common,
      ...specific,
      { key: 'reason', label: kind === 'leave' ? '事由' : '补卡原因', children: r.reason },
      {
        key: 'status',
        label: '状态',
        children: (
          <DocumentApproval docType={kind === 'leave' ? 'leave' : 'punch_correction'} docId={r.id}>
            <LeaveStatus status={r.status} />
          </DocumentApproval>
        ),
      },
      { key: 'created', label: '提交时间', children: formatDateTimeMinutes(r.createdAt) },
      ...(r.decidedAt
        ? [{ key: 'decided', label: '办结时间', children: formatDateTimeMinutes(r.decidedAt) }]
        : []),
      {
        key: 'attachments',
        label: '附件',
        children: <LeaveAttachmentList kind={kind} requestId={r.id} files={r.attachments} />,
      },
    ];
  }

  return (
    <Drawer
      open
      width={560}
      title={kind === 'leave' ? '请假/出差/值班补休申请' : '补卡申请'}
      onClose={onClose}
      data-testid="leave-drawer"
      extra={<Button onClick={onClose}>关闭</Button>}
    >
      {query.error && <Alert type="error" showIcon title={errorMessage(query.error)} />}
      {query.isLoading && <Skeleton active />}
      {r && (
        <>
          <Descriptions size="small" column={1} bordered items={items} />
          <Divider titlePlacement="start">审批记录</Divider>
          <LeaveTimeline kind={kind} id={r.id} />
        </>
      )}
    </Drawer>
  );
}
