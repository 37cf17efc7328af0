import { Alert, Button, Card, Table, type TableColumnsType, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import type { TodoDto } from '../../../../shared/contracts/workflow';
import { errorMessage } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { useTodos } from '../api';
import { ApprovalDrawer } from '../components/ApprovalDrawer';
import { DueCell, TodoKindTags } from '../components/TodoCells';
import { DOC_TYPE_LABELS } from '../labels';

/** 待办事项: everything awaiting the signed-in user, or a colleague they stand in for. */
export default function TodosPage() {
  const { data, isFetching, error } = useTodos();
  // `?open=<instance>`: a notification's link opens the drawer straight away.
  const [params, setParams] = useSearchParams();
  const open = params.get('open');
  const setOpen = (id: string | null) => setParams(id ? { open: id } : {});

  const columns: TableColumnsType<TodoDto> = [
    {
      title: '类型',
      dataIndex: 'docType',
      width: 150,
      render: (t: TodoDto['docType']) => DOC_TYPE_LABELS[t],
    },
    {
      title: '事项',
      key: 'title',
      render: (_, t) => (
        <div>
          <Typography.Link data-testid="todo-open" onClick={() => setOpen(t.id)}>
            {t.title}
          </Typography.Link>
          <div style={{ marginTop: 4 }}>
            <TodoKindTags todo={t} />
          </div>
        </div>
      ),
    },
    { title: '当前环节', dataIndex: 'stepLabel', width: 170 },
    { title: '提交人', key: 'submittedBy', width: 150, render: (_, t) => t.submittedBy.displayName },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: '办理时限',
      key: 'due',
      width: 190,
      render: (_, t) => <DueCell dueAt={t.dueAt} overdue={t.overdue} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, t) => (
        <Button type="link" size="small" onClick={() => setOpen(t.id)}>
          办理
        </Button>
      ),
    },
  ];

  return (
    <Card title="待办事项">
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<TodoDto>
        data-testid="todo-table"
        rowKey="id"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        locale={{ emptyText: '暂无待办事项' }}
        pagination={{ showTotal: (total) => `共 ${total} 项待办` }}
        onRow={(t) => ({ onClick: () => setOpen(t.id), style: { cursor: 'pointer' } })}
      />
      {open && <ApprovalDrawer instanceId={open} onClose={() => setOpen(null)} />}
    </Card>
  );
}
