import { Alert, Button, Card, Empty, Flex, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../../app/api';
import { useTodos } from '../api';
import { DOC_TYPE_LABELS } from '../labels';
import { ApprovalDrawer } from './ApprovalDrawer';
import { DueCell, TodoKindTags } from './TodoCells';

const SHOWN = 5;

/** The home page's 待办 card: the first few to-dos, overdue first, each opening its approval. */
export function TodoCard() {
  const navigate = useNavigate();
  const { data, isPending, error } = useTodos();
  const [open, setOpen] = useState<string | null>(null);
  const items = [...(data?.items ?? [])]
    .sort((a, b) => Number(b.overdue) - Number(a.overdue))
    .slice(0, SHOWN);
  const overdue = data?.items.filter((t) => t.overdue).length ?? 0;

  return (
    <Card
      data-testid="home-todos"
      title={
        <Flex gap={8} align="baseline">
          待办事项
          {data && (
            <Typography.Text type="secondary" style={{ fontSize: 13, fontWeight: 'normal' }}>
              共 {data.total} 项{overdue ? `，其中 ${overdue} 项已超期` : ''}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={
        <Button type="link" onClick={() => navigate('/todos')}>
          查看全部
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      {isPending && <Skeleton active paragraph={{ rows: 2 }} />}
      {data && !data.items.length && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办事项" />
      )}
      <Flex vertical gap={12}>
        {items.map((t) => (
          <Flex key={t.id} wrap justify="space-between" gap={8}>
            <div style={{ minWidth: 0, flex: 1 }}>
              <Typography.Link data-testid="home-todo-open" onClick={() => setOpen(t.id)}>
                {t.title}
              </Typography.Link>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 8 }}>
                  {DOC_TYPE_LABELS[t.docType]} · {t.stepLabel} · {t.submittedBy.displayName}提交
                </Typography.Text>
                <TodoKindTags todo={t} />
              </div>
            </div>
            {t.dueAt && (
              <div style={{ fontSize: 12 }}>
                <Typography.Text type="secondary">办理时限 </Typography.Text>
                <DueCell dueAt={t.dueAt} overdue={t.overdue} />
              </div>
            )}
          </Flex>
        ))}
      </Flex>
      {open && <ApprovalDrawer instanceId={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
