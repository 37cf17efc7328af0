import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import type { DispatchDto, ManagementPostDto } from '../../../../shared/contracts/dispatch';
import type { ManagementPost } from '../../../../shared/dispatch-vocabulary';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { DateInput } from '../../programmes/components/DateInput';
import { useCreatePost, useDispatchPosts } from '../api';
import { MANAGEMENT_POST_LABELS, optionsOf } from '../labels';

type Values = { post: ManagementPost; department?: string; startsOn: string; endsOn?: string | null };

const DEPARTMENT_POSTS: readonly ManagementPost[] = ['department_head', 'deputy_department_head'];

const postName = (p: ManagementPostDto) => `${p.department ?? ''}${MANAGEMENT_POST_LABELS[p.post]}`;

/** 新增任职: the recipient appoints the person; the dates must lie inside the dispatch (P13). */
function PostForm({ dispatch, onDone }: { dispatch: DispatchDto; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreatePost();
  const [error, setError] = useState<string | null>(null);
  const post = Form.useWatch('post', form);

  const save = async (v: Values) => {
    setError(null);
    try {
      await create.mutateAsync({
        id: dispatch.id,
        body: {
          post: v.post,
          ...(DEPARTMENT_POSTS.includes(v.post) && v.department?.trim()
            ? { department: v.department.trim() }
            : {}),
          startsOn: v.startsOn,
          ...(v.endsOn ? { endsOn: v.endsOn } : {}),
        },
      });
      message.success('已登记任职');
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Card size="small" title="新增任职" data-testid="dispatch-post-form">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={create.isPending}
        initialValues={{ startsOn: dispatch.arrivedOn ?? dispatch.plannedStart }}
        onFinish={save}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="post"
            label="职务"
            rules={[{ required: true, message: '请选择职务' }]}
            style={{ width: 200 }}
          >
            <Select data-testid="dispatch-post-kind" options={optionsOf(MANAGEMENT_POST_LABELS)} />
          </Form.Item>
          {post && DEPARTMENT_POSTS.includes(post) && (
            <Form.Item
              name="department"
              label="科室"
              rules={[{ required: true, whitespace: true, message: '科室职务须填写科室名称' }]}
              style={{ width: 200 }}
            >
              <Input data-testid="dispatch-post-department" maxLength={100} placeholder="如 普外科" />
            </Form.Item>
          )}
          <Form.Item
            name="startsOn"
            label="任职开始日期"
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <DateInput data-testid="dispatch-post-start" />
          </Form.Item>
          <Form.Item name="endsOn" label="任职结束日期" extra="不填则至派驻结束">
            <DateInput data-testid="dispatch-post-end" allowClear />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary">
          任职期须在派驻期（{dispatch.plannedStart} 至 {dispatch.plannedEnd}）内。
        </Typography.Text>
        <Flex justify="end" gap={8}>
          <Button onClick={onDone}>取消</Button>
          <Button
            type="primary"
            htmlType="submit"
            data-testid="dispatch-post-submit"
            loading={create.isPending}
          >
            保存
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

/** P13 管理帮扶: the posts the person holds at the recipient, and 新增任职 for the recipient. */
export function ManagementPosts({ dispatch }: { dispatch: DispatchDto }) {
  const me = useCurrentUser();
  const { data, error, isLoading } = useDispatchPosts(dispatch.id);
  const [adding, setAdding] = useState(false);
  const mayAppoint =
    can(me, 'dispatch.confirm') && (dispatch.status === 'approved' || dispatch.status === 'on_duty');

  return (
    <Flex vertical gap={8}>
      <Flex justify="space-between" align="center">
        <Typography.Title level={5} style={{ margin: 0 }}>
          兼任管理职务（P13）
        </Typography.Title>
        {mayAppoint && !adding && (
          <Button
            size="small"
            icon={<PlusOutlined />}
            data-testid="dispatch-post-add"
            onClick={() => setAdding(true)}
          >
            新增任职
          </Button>
        )}
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} />}
      <Table<ManagementPostDto>
        data-testid="dispatch-posts"
        size="small"
        rowKey="id"
        loading={isLoading}
        pagination={false}
        dataSource={data?.items}
        locale={{ emptyText: '未登记兼任职务' }}
        columns={[
          { title: '职务', key: 'post', render: (_, p) => postName(p) },
          { title: '开始日期', dataIndex: 'startsOn', width: 120 },
          {
            title: '结束日期',
            key: 'endsOn',
            width: 140,
            render: (_, p) => p.endsOn ?? <Typography.Text type="secondary">至派驻结束</Typography.Text>,
          },
        ]}
      />
      {adding && <PostForm dispatch={dispatch} onDone={() => setAdding(false)} />}
    </Flex>
  );
}
