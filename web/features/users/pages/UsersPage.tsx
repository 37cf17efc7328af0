import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { USER_STATUS_LABELS as SharedStatusLabels, UserDto } from '../../../../shared/contracts/users';
import { MFA_ROLES, Role } from '../../../../shared/enums';
import { ApiError, errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { ExportButton } from '../../../app/components/ExportButton';
import { formatDateTimeMinutes } from '../../../app/format';
import {
  type OneTimePassword,
  type UserAction,
  type UserFilter,
  useResetPassword,
  useUserAction,
  useUsers,
} from '../api';
import { OneTimePasswordModal } from '../components/OneTimePasswordModal';
import { ScopeTag } from '../components/ScopeEditor';
import { CONFLICT_MESSAGE, UserFormModal } from '../components/UserFormModal';

// A copy checked against the contract by type: the value would pull Zod into the bundle.
const STATUS_LABELS: typeof SharedStatusLabels = { active: '正常', disabled: '已停用' };

const roleOptions = Role.values.map((value) => ({ value, label: Role.label(value) }));
const statusOptions = (['active', 'disabled'] as const).map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));
const lockedOptions = [
  { value: 'true', label: '已锁定' },
  { value: 'false', label: '未锁定' },
] as const;

/** Locked after repeated failed logins (S03), until `lockedUntil`. */
const isLocked = (user: UserDto) => !!user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();

const ACTION_DONE: Record<UserAction, string> = {
  disable: '已停用账号',
  enable: '已启用账号',
  unlock: '已解锁账号',
  'reset-mfa': '已重置动态口令，该用户下次登录时须重新绑定',
};

function StatusTags({ user }: { user: UserDto }) {
  return (
    <Flex wrap gap={4}>
      {user.status === 'disabled' ? (
        <Tag color="default">{STATUS_LABELS.disabled}</Tag>
      ) : (
        !isLocked(user) && <Tag color="success">{STATUS_LABELS.active}</Tag>
      )}
      {isLocked(user) && (
        <Tooltip title="连续登录失败次数过多，账号被临时锁定">
          <Flex vertical gap={2}>
            <Tag color="error" style={{ alignSelf: 'flex-start' }}>
              已锁定
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              至 {formatDateTimeMinutes(user.lockedUntil)}
            </Typography.Text>
          </Flex>
        </Tooltip>
      )}
    </Flex>
  );
}

function MfaTag({ user }: { user: UserDto }) {
  if (user.mfaEnrolled) return <Tag color="success">已绑定</Tag>;
  // Roles that must use a second factor (S04) bind it at their next login.
  return MFA_ROLES.includes(user.role) ? (
    <Tooltip title="该角色须使用动态口令，将在下次登录时绑定">
      <Tag color="warning">未绑定</Tag>
    </Tooltip>
  ) : (
    <Tag>未绑定</Tag>
  );
}

export default function UsersPage() {
  const me = useCurrentUser();
  const { message } = App.useApp();
  const manage = can(me, 'users.manage');
  const security = can(me, 'security.manage');

  const [filter, setFilter] = useState<UserFilter>({ page: 1, pageSize: 20 });
  const refine = (change: Partial<UserFilter>) => setFilter((f) => ({ ...f, ...change, page: 1 }));
  const { data, isFetching, error } = useUsers(filter);

  /** `null`: closed; `undefined` user: a new account. */
  const [editing, setEditing] = useState<{ user?: UserDto } | null>(null);
  const [oneTime, setOneTime] = useState<{ title: string; result: OneTimePassword } | null>(null);
  const action = useUserAction();
  const resetPassword = useResetPassword();

  const failed = (e: unknown) =>
    message.error(e instanceof ApiError && e.status === 409 ? CONFLICT_MESSAGE : errorMessage(e));
  const run = (user: UserDto, kind: UserAction) =>
    action.mutate(
      { id: user.id, action: kind },
      { onSuccess: () => message.success(`${ACTION_DONE[kind]}：${user.username}`), onError: failed },
    );
  const reset = (user: UserDto) =>
    resetPassword.mutate(user.id, {
      onSuccess: (result) => setOneTime({ title: '密码已重置', result }),
      onError: failed,
    });

  const busy = (user: UserDto) =>
    (action.isPending && action.variables?.id === user.id) ||
    (resetPassword.isPending && resetPassword.variables === user.id);

  const actions = (user: UserDto) => {
    const self = user.id === me.user.id;
    const disabled = busy(user);
    const buttons = [];
    if (manage) {
      buttons.push(
        <Button
          key="edit"
          data-testid={`user-edit-${user.username}`}
          type="link"
          size="small"
          disabled={disabled}
          onClick={() => setEditing({ user })}
        >
          编辑
        </Button>,
      );
      // One's own password is changed from the user menu, and one's own account is not disabled here.
      if (!self) {
        buttons.push(
          <Popconfirm
            key="reset"
            title={`重置 ${user.displayName} 的密码？`}
            description="将生成新的初始密码，并使该用户的所有登录失效；用户登录后须修改密码。"
            okText="重置"
            cancelText="取消"
            onConfirm={() => reset(user)}
          >
            <Button data-testid={`user-reset-${user.username}`} type="link" size="small" disabled={disabled}>
              重置密码
            </Button>
          </Popconfirm>,
          user.status === 'active' ? (
            <Popconfirm
              key="disable"
              title={`停用账号 ${user.username}？`}
              description="停用后该用户无法登录，已登录的会话立即失效；可随时重新启用。"
              okText="停用"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => run(user, 'disable')}
            >
              <Button
                data-testid={`user-disable-${user.username}`}
                type="link"
                size="small"
                danger
                disabled={disabled}
              >
                停用
              </Button>
            </Popconfirm>
          ) : (
            <Button
              key="enable"
              data-testid={`user-enable-${user.username}`}
              type="link"
              size="small"
              disabled={disabled}
              onClick={() => run(user, 'enable')}
            >
              启用
            </Button>
          ),
        );
      }
    }
    if (security) {
      if (isLocked(user)) {
        buttons.push(
          <Popconfirm
            key="unlock"
            title={`解锁账号 ${user.username}？`}
            description="请先核实是用户本人多次输错密码，而非他人尝试登录。"
            okText="解锁"
            cancelText="取消"
            onConfirm={() => run(user, 'unlock')}
          >
            <Button data-testid={`user-unlock-${user.username}`} type="link" size="small" disabled={disabled}>
              解锁
            </Button>
          </Popconfirm>,
        );
      }
      if (user.mfaEnrolled) {
        buttons.push(
          <Popconfirm
            key="mfa"
            title={`重置 ${user.displayName} 的动态口令？`}
            description="用于手机丢失或更换：原绑定立即作废，该用户下次登录时须重新扫码绑定。请先核实用户身份。"
            okText="重置"
            cancelText="取消"
            onConfirm={() => run(user, 'reset-mfa')}
          >
            <Button
              data-testid={`user-mfa-reset-${user.username}`}
              type="link"
              size="small"
              disabled={disabled}
            >
              重置动态口令
            </Button>
          </Popconfirm>,
        );
      }
    }
    return buttons.length ? (
      <Flex wrap gap={0}>
        {buttons}
      </Flex>
    ) : (
      <Typography.Text type="secondary">—</Typography.Text>
    );
  };

  const columns: TableColumnsType<UserDto> = [
    { title: '用户名', dataIndex: 'username', width: 120 },
    { title: '姓名', dataIndex: 'displayName', width: 130 },
    { title: '角色', dataIndex: 'roleLabel', width: 150 },
    {
      title: '所属机构',
      dataIndex: 'institutionName',
      width: 160,
      render: (name: string | null) => name ?? '—',
    },
    {
      title: '数据范围',
      dataIndex: 'scope',
      width: 180,
      render: (scope: UserDto['scope']) =>
        scope.length ? (
          <Flex wrap gap={4}>
            {scope.map((node) => (
              <ScopeTag key={`${node.kind}:${node.ref ?? ''}`} node={node} />
            ))}
          </Flex>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    { title: '状态', key: 'status', width: 130, render: (_, user) => <StatusTags user={user} /> },
    { title: '动态口令', key: 'mfa', width: 90, render: (_, user) => <MfaTag user={user} /> },
    { title: '操作', key: 'actions', width: 180, fixed: 'right', render: (_, user) => actions(user) },
  ];

  return (
    <Card
      title="用户管理"
      extra={
        <Flex gap={8}>
          <ExportButton
            data-testid="users-export"
            path="/api/users/export"
            filters={filter}
            fallbackName="用户账号.xlsx"
          />
          {manage && (
            <Button
              data-testid="users-create"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
            >
              新建账号
            </Button>
          )}
        </Flex>
      }
    >
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="users-search"
          placeholder="按用户名或姓名搜索"
          allowClear
          enterButton
          style={{ width: 260 }}
          onSearch={(q) => refine({ q: q.trim() || undefined })}
        />
        <Select
          data-testid="users-filter-role"
          placeholder="全部角色"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 200 }}
          options={roleOptions}
          value={filter.role}
          onChange={(role) => refine({ role })}
        />
        <Select
          data-testid="users-filter-status"
          placeholder="全部状态"
          allowClear
          style={{ width: 120 }}
          options={statusOptions}
          value={filter.status}
          onChange={(status) => refine({ status })}
        />
        <Select
          data-testid="users-filter-locked"
          placeholder="是否锁定"
          allowClear
          style={{ width: 120 }}
          options={[...lockedOptions]}
          value={filter.locked}
          onChange={(locked) => refine({ locked })}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <div data-testid="users-table">
        <Table<UserDto>
          rowKey="id"
          columns={columns}
          dataSource={data?.items}
          loading={isFetching}
          scroll={{ x: 1140 }}
          pagination={{
            current: filter.page,
            pageSize: filter.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个账号`,
            onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
          }}
        />
      </div>
      {editing && (
        <UserFormModal
          user={editing.user}
          onClose={() => setEditing(null)}
          onCreated={(result) => setOneTime({ title: '账号已创建', result })}
        />
      )}
      {oneTime && (
        <OneTimePasswordModal
          title={oneTime.title}
          result={oneTime.result}
          onClose={() => setOneTime(null)}
        />
      )}
    </Card>
  );
}
