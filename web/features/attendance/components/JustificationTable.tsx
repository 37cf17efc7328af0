import { Button, Flex, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useState } from 'react';
import {
  JUSTIFICATION_CAUSE_LABELS,
  JUSTIFICATION_STATUS_LABELS,
  type JustificationStatus,
} from '../../../../shared/attendance-vocabulary';
import type { JustificationDto } from '../../../../shared/contracts/attendance';
import { formatDateTimeMinutes } from '../../../app/format';
import { JustificationReviewModal } from './JustificationReviewModal';
import { monthLabel } from './MonthCalendar';

export const JUSTIFICATION_STATUS_COLORS: Record<JustificationStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  rejected: 'red',
};

/** The days a justification covers: a P07 month by its name, otherwise the dates. */
export function justificationPeriod(j: Pick<JustificationDto, 'rule' | 'fromDate' | 'toDate'>): string {
  const month = j.fromDate.slice(0, 7);
  if (j.rule === 'P07' && j.toDate.startsWith(month) && j.fromDate.endsWith('-01')) return monthLabel(month);
  return j.fromDate === j.toDate ? j.fromDate : `${j.fromDate} 至 ${j.toDate}`;
}

export function JustificationStatusTag({ status }: { status: JustificationStatus }) {
  return (
    <Tag color={JUSTIFICATION_STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }}>
      {JUSTIFICATION_STATUS_LABELS[status]}
    </Tag>
  );
}

/** Presence justifications; a reviewer (attendance.review) accepts or rejects the pending ones. */
export function JustificationTable({
  items,
  loading,
  canReview,
  showStaff = true,
  pagination,
}: {
  items: readonly JustificationDto[] | undefined;
  loading?: boolean;
  canReview: boolean;
  showStaff?: boolean;
  pagination?:
    | false
    | { current: number; pageSize: number; total: number; onChange: (p: number, s: number) => void };
}) {
  const [reviewing, setReviewing] = useState<{
    j: JustificationDto;
    decision: 'accepted' | 'rejected';
  } | null>(null);
  const columns: TableColumnsType<JustificationDto> = [
    ...(showStaff ? [{ title: '人员', dataIndex: 'staffName', width: 90 }] : []),
    {
      title: '事项',
      key: 'what',
      width: 190,
      render: (_, j) => (
        <Flex vertical gap={4} align="flex-start">
          <Tag color={j.rule === 'P06' ? 'red' : 'orange'}>
            {j.rule === 'P06' ? 'P06 缺勤' : 'P07 驻点天数不足'}
          </Tag>
          <span>{justificationPeriod(j)}</span>
        </Flex>
      ),
    },
    {
      title: '原因类别',
      dataIndex: 'cause',
      width: 150,
      render: (c: JustificationDto['cause']) => JUSTIFICATION_CAUSE_LABELS[c],
    },
    {
      title: '情况说明',
      dataIndex: 'text',
      render: (t: string) => <Typography.Paragraph style={{ margin: 0 }}>{t}</Typography.Paragraph>,
    },
    { title: '提交时间', dataIndex: 'createdAt', width: 140, render: formatDateTimeMinutes },
    {
      title: '审核',
      key: 'status',
      width: 200,
      render: (_, j) => (
        <Flex vertical gap={2} align="flex-start">
          <JustificationStatusTag status={j.status} />
          {j.reviewedAt && (
            <Typography.Text type="secondary">{formatDateTimeMinutes(j.reviewedAt)}</Typography.Text>
          )}
          {j.reviewComment && <Typography.Text type="secondary">{j.reviewComment}</Typography.Text>}
        </Flex>
      ),
    },
    ...(canReview
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_: unknown, j: JustificationDto) =>
              j.status === 'pending' ? (
                <Space size={4}>
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`justification-accept-${j.id}`}
                    onClick={() => setReviewing({ j, decision: 'accepted' })}
                  >
                    认可
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid={`justification-reject-${j.id}`}
                    onClick={() => setReviewing({ j, decision: 'rejected' })}
                  >
                    不予认可
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <>
      <Table<JustificationDto>
        data-testid="justification-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={items as JustificationDto[] | undefined}
        loading={loading}
        pagination={pagination}
        scroll={{ x: 900 }}
      />
      {reviewing && (
        <JustificationReviewModal
          justification={reviewing.j}
          initialDecision={reviewing.decision}
          onClose={() => setReviewing(null)}
        />
      )}
    </>
  );
}
