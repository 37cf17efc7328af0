import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { ADMIN_ROLES, INSTITUTION_ROLES, scopeKindsFor } from '../../../../shared/account-rules';
import type { ScopeNodeDto } from '../../../../shared/contracts/auth';
import type { UserDto } from '../../../../shared/contracts/users';
import { Role } from '../../../../shared/enums';
import { ApiError, errorMessage } from '../../../app/api';
import { type OneTimePassword, useCreateUser, useUpdateUser } from '../api';
import { InstitutionPicker } from './Pickers';
import { ScopeEditor } from './ScopeEditor';

type Values = {
  username: string;
  displayName: string;
  role: Role;
  institutionId: string | null;
  scope: ScopeNodeDto[];
};

/** Shown when another admin saved the account after this form was opened (S29). */
export const CONFLICT_MESSAGE = '该账号已被他人修改，请刷新后重试';

const roleOptions = Role.values.map((value) => ({ value, label: Role.label(value) }));

/** Create an account (`user` absent) or edit one: name, role, institution and data scope. */
export function UserFormModal({
  user,
  onClose,
  onCreated,
}: {
  user?: UserDto;
  onClose: () => void;
  onCreated: (result: OneTimePassword) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const update = useUpdateUser();
  const saving = create.isPending || update.isPending;
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const kinds = scopeKindsFor(role);
  const isAdminRole = !!role && ADMIN_ROLES.includes(role);

  const save = async (values: Values) => {
    setError(null);
    const scope = isAdminRole ? [] : values.scope.map(({ kind, ref }) => ({ kind, ref }));
    const fields = {
      displayName: values.displayName,
      role: values.role,
      institutionId: values.institutionId ?? null,
      scope,
    };
    try {
      if (user) {
        await update.mutateAsync({ id: user.id, body: { ...fields, version: user.version } });
        message.success(`已保存账号 ${user.username}`);
        onClose();
      } else {
        const result = await create.mutateAsync({ ...fields, username: values.username.trim() });
        onClose();
        onCreated(result);
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        // The list reloads on its own (the mutation invalidates it); the admin edits the fresh copy.
        message.warning(CONFLICT_MESSAGE);
        onClose();
        return;
      }
      setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open
      title={user ? `编辑账号：${user.username}` : '新建账号'}
      width={640}
      onCancel={onClose}
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>取消</Button>
          <Button
            data-testid="user-form-submit"
            type="primary"
            loading={saving}
            onClick={() => form.submit()}
          >
            {user ? '保存' : '创建'}
          </Button>
        </Flex>
      }
      mask={{ closable: false }}
      destroyOnHidden
    >
      {error && (
        <Alert
          data-testid="user-form-error"
          type="error"
          showIcon
          title={error}
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={
          user
            ? {
                username: user.username,
                displayName: user.displayName,
                role: user.role,
                institutionId: user.institutionId,
                scope: user.scope,
              }
            : { institutionId: null, scope: [] }
        }
        onValuesChange={(changed: Partial<Values>, all: Values) => {
          if (!changed.role) return;
          // Keep only what the new role may hold; staff see their own records only.
          const allowed = scopeKindsFor(changed.role);
          let scope = (all.scope ?? []).filter((n) => allowed.includes(n.kind));
          if (allowed.length === 1 && allowed[0] === 'self')
            scope = [{ kind: 'self', ref: null, name: '本人' }];
          form.setFieldValue('scope', scope);
        }}
        onFinish={save}
      >
        <Form.Item
          name="username"
          label="用户名"
          extra={
            user ? undefined : '以小写字母开头，3至32位小写字母、数字、下划线、点或连字符；创建后不可修改'
          }
          rules={[
            { required: true, whitespace: true, message: '请输入用户名' },
            {
              pattern: /^[a-z][a-z0-9_.-]{2,31}$/,
              message: '用户名须以小写字母开头，由3至32位小写字母、数字、下划线、点或连字符组成',
            },
          ]}
        >
          <Input data-testid="user-form-username" disabled={!!user} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名最多50个字' },
          ]}
        >
          <Input data-testid="user-form-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select
            data-testid="user-form-role"
            options={roleOptions}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item
          name="institutionId"
          label="所属机构"
          rules={[
            {
              validator: (_, value: string | null) =>
                role && INSTITUTION_ROLES.includes(role) && !value
                  ? Promise.reject(new Error(`${Role.label(role)}须指定所属机构`))
                  : Promise.resolve(),
            },
          ]}
        >
          <InstitutionPicker
            data-testid="user-form-institution"
            allowClear
            valueName={user?.institutionName}
          />
        </Form.Item>
        {isAdminRole ? (
          <Form.Item label="数据范围">
            <Typography.Text type="secondary">
              系统管理员、安全管理员、审计管理员（三员）管理系统而不处理业务数据，不持有数据范围
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="scope"
            label="数据范围"
            extra="决定该账号可查看哪些地区、机构的数据；涉及双方的记录（结对、派驻等），任一方在范围内即可查看"
            rules={[
              {
                validator: (_, value: ScopeNodeDto[] | undefined) =>
                  role && !value?.length
                    ? Promise.reject(new Error('请至少指定一项数据范围'))
                    : Promise.resolve(),
              },
            ]}
          >
            <ScopeEditor kinds={kinds} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
