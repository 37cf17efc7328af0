import { Skeleton, Timeline, Typography } from 'antd';
import { formatDateTimeMinutes } from '../../../app/format';
import { WORKFLOW_ACTION_LABELS } from '../../workflow/labels';
import { type RequestKind, useRequestApproval } from '../leave-api';

const COLORS: Record<string, string> = {
  submit: 'blue',
  resubmit: 'blue',
  approve: 'green',
  return: 'orange',
  reject: 'red',
  withdraw: 'gray',
};

/** Who decided what, when and why, then the step that waits — readable by the applicant too. */
export function LeaveTimeline({ kind, id }: { kind: RequestKind; id: string }) {
  const { data, isLoading } = useRequestApproval(kind, id);
  if (isLoading) return <Skeleton active paragraph={{ rows: 2 }} />;
  const instance = data?.instance;
  if (!instance) return <Typography.Text type="secondary">暂无审批记录</Typography.Text>;
  const waiting = instance.status === 'pending' ? instance.steps[instance.currentStep] : undefined;
  return (
    <Timeline
      data-testid="leave-timeline"
      items={[
        ...instance.history.map((h) => ({
          color: COLORS[h.action] ?? 'gray',
          children: (
            <div>
              <Typography.Text strong>
                {h.stepLabel && h.action !== 'submit' && h.action !== 'resubmit' ? `${h.stepLabel} ` : ''}
                {WORKFLOW_ACTION_LABELS[h.action]}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {h.actor.displayName} · {formatDateTimeMinutes(h.at)}
              </Typography.Text>
              {h.comment && <div>意见：{h.comment}</div>}
            </div>
          ),
        })),
        ...(waiting ? [{ color: 'gray', children: <span>待{waiting.label}</span> }] : []),
      ]}
    />
  );
}
