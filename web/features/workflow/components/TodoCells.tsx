import { Tag, Typography } from 'antd';
import type { TodoDto } from '../../../../shared/contracts/workflow';
import { formatDateTimeMinutes } from '../../../app/format';

/** 办理时限: the deadline of the step, in red once passed. */
export function DueCell({ dueAt, overdue }: { dueAt: string | null; overdue: boolean }) {
  if (!dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  return overdue ? (
    <Typography.Text type="danger" data-testid="todo-overdue">
      {formatDateTimeMinutes(dueAt)}（已超期）
    </Typography.Text>
  ) : (
    <span>{formatDateTimeMinutes(dueAt)}</span>
  );
}

/** What the to-do asks of me, and for whom when I stand in for a colleague. */
export function TodoKindTags({ todo }: { todo: TodoDto }) {
  return (
    <>
      {todo.kind === 'resubmit' ? <Tag color="orange">退回待修改</Tag> : <Tag color="blue">待审批</Tag>}
      {todo.onBehalfOf && <Tag color="purple">代 {todo.onBehalfOf.displayName}</Tag>}
    </>
  );
}
