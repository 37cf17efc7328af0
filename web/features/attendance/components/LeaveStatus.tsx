import { Tag } from 'antd';
import {
  LEAVE_KIND_LABELS,
  LEAVE_TYPE_LABELS,
  REQUEST_STATUS_LABELS,
  type RequestStatus,
} from '../../../../shared/attendance-vocabulary';
import type { LeaveRequestDto } from '../../../../shared/contracts/leave';

const COLORS: Record<RequestStatus, string> = {
  pending: 'processing',
  returned: 'warning',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
};

/** A request's state (审批中, 已批准 …) as a coloured tag. */
export function LeaveStatus({ status }: { status: RequestStatus }) {
  return (
    <Tag color={COLORS[status]} data-testid="leave-status">
      {REQUEST_STATUS_LABELS[status]}
    </Tag>
  );
}

/** `请假（事假）`, `出差（成都）`, `值班补休`. */
export function leaveKindText(r: Pick<LeaveRequestDto, 'kind' | 'leaveType' | 'destination'>): string {
  if (r.kind === 'leave' && r.leaveType)
    return `${LEAVE_KIND_LABELS.leave}（${LEAVE_TYPE_LABELS[r.leaveType]}）`;
  if (r.kind === 'trip' && r.destination) return `${LEAVE_KIND_LABELS.trip}（${r.destination}）`;
  return LEAVE_KIND_LABELS[r.kind];
}

/** `2026-03-05 至 2026-03-06（2天）`, or the one day. */
export const leavePeriod = (r: Pick<LeaveRequestDto, 'startDate' | 'endDate' | 'days'>): string =>
  r.startDate === r.endDate ? `${r.startDate}（1天）` : `${r.startDate} 至 ${r.endDate}（${r.days}天）`;
