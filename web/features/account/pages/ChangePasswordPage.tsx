import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { ChangePasswordBody, PasswordPolicyDto } from '../../../../shared/contracts/auth';
import { api, errorMessage } from '../../../app/api';
import { homePathOf, logout, refreshMe, useCurrentUser } from '../../../app/auth';

type Values = ChangePasswordBody & { confirmPassword: string };

/** The four classes the server counts (server/platform/password-policy.ts). */
const CLASSES = [/[A-Z]/, /[a-z]/, /[0-9]/, /[^A-Za-z0-9]/];

/**
 * The checks the browser can make before sending (S02). The server decides: it also rejects
 * common passwords, and its message is shown as it comes.
 */
function policyProblem(policy: PasswordPolicyDto | undefined, password: string, username: string) {
  if (!policy || !password) return null;
  if ([...password].length < policy.minLength) return `密码长度至少 ${policy.minLength} 位`;
  if (CLASSES.filter((re) => re.test(password)).length < policy.minClasses) {
    return `密码须至少包含大写字母、小写字母、数字、特殊字符中的 ${policy.minClasses} 类`;
  }
  if (password.toLowerCase().includes(username.toLowerCase())) return '密码不得包含用户名';
  return null;
}

export default function ChangePasswordPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const policy = useQuery({
    queryKey: ['auth', 'password-policy'],
    queryFn: () => api.get<PasswordPolicyDto>('/api/auth/password-policy'),
    staleTime: 10 * 60_000,
  });
  const forced = me.passwordExpired;

  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<void>('/api/auth/password', body),
    onSuccess: async () => {
      message.success('密码已修改，其他设备上的登录已失效');
      // The server has cleared the requirement: ask it again before leaving, or the guard would send us back.
      const fresh = await refreshMe().catch(() => null);
      navigate(fresh ? homePathOf(fresh) : '/', { replace: true });
    },
    onError: () => form.setFieldValue('currentPassword', ''),
  });

  return (
    <Flex justify="center">
      <Card title="修改密码" style={{ width: '100%', maxWidth: 520 }}>
        {forced && (
          <Alert
            data-testid="pw-required"
            type="warning"
            showIcon
            title="请先修改密码"
            description="首次登录或管理员重置后须修改密码；密码已超过有效期的，也须修改后方可继续使用系统。"
            style={{ marginBottom: 16 }}
          />
        )}
        {policy.isPending ? (
          <Skeleton active paragraph={{ rows: 3 }} title={false} />
        ) : policy.data ? (
          <Alert
            data-testid="pw-policy"
            type="info"
            title="密码要求"
            description={
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {policy.data.rules.map((rule) => (
                  <li key={rule}>{rule}</li>
                ))}
              </ul>
            }
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {change.isError && (
          <Alert
            data-testid="pw-error"
            type="error"
            showIcon
            title={errorMessage(change.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          disabled={change.isPending}
          onFinish={({ currentPassword, newPassword }) => change.mutate({ currentPassword, newPassword })}
        >
          {/* Lets password managers file the new password under the right account. */}
          <input
            type="text"
            name="username"
            autoComplete="username"
            value={me.user.username}
            readOnly
            hidden
          />
          <Form.Item
            name="currentPassword"
            label="当前密码"
            rules={[{ required: true, message: '请输入当前密码' }]}
          >
            <Input.Password data-testid="pw-current" autoComplete="current-password" autoFocus />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: '请输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => {
                  if (!value) return Promise.resolve();
                  if (value === getFieldValue('currentPassword')) {
                    return Promise.reject(new Error('新密码不能与当前密码相同'));
                  }
                  const problem = policyProblem(policy.data, value, me.user.username);
                  return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
                },
              }),
            ]}
          >
            <Input.Password data-testid="pw-new" autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error('两次输入的新密码不一致')),
              }),
            ]}
          >
            <Input.Password data-testid="pw-confirm" autoComplete="new-password" />
          </Form.Item>
          <Flex gap={12}>
            <Button data-testid="pw-submit" type="primary" htmlType="submit" loading={change.isPending}>
              确认修改
            </Button>
            {forced ? (
              <Button onClick={() => void logout()}>退出登录</Button>
            ) : (
              <Button onClick={() => navigate(homePathOf(me))}>取消</Button>
            )}
          </Flex>
        </Form>
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
          修改成功后，您在其他设备或浏览器上的登录将失效，需要使用新密码重新登录。
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}
