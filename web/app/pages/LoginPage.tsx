import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginBody, LoginResult, MeDto } from '../../../shared/contracts/auth';
import { api, errorMessage } from '../api';
import { homePathOf, safeNext, useMe } from '../auth';
import { PLATFORM_NAME, PLATFORM_SUBTITLE } from '../brand';
import { ME_KEY } from '../query-client';

/** What the server asks for when the account needs a second factor (S04). */
type MfaChallenge = Extract<LoginResult, { mfaRequired: true }>;

export default function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const next = safeNext(useSearchParams()[0].get('next'));
  const { data: me } = useMe();
  const [mfa, setMfa] = useState<MfaChallenge | null>(null);

  const signIn = (signedIn: MeDto) => {
    queryClient.setQueryData(ME_KEY, signedIn);
    navigate(next ?? homePathOf(signedIn), { replace: true });
  };
  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<LoginResult>('/api/auth/login', body),
    onSuccess: (result) => (result.mfaRequired ? setMfa(result) : signIn(result.me)),
  });

  // Already signed in (e.g. the login page was bookmarked): nothing to do here.
  if (me && !login.isPending) return <Navigate to={next ?? homePathOf(me)} replace />;

  return (
    <div
      style={{
        minHeight: '100%',
        display: 'grid',
        placeItems: 'center',
        padding: 16,
        boxSizing: 'border-box',
        background: 'linear-gradient(160deg, #e6f4ff 0%, #f5f5f5 60%)',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {PLATFORM_NAME}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
          {PLATFORM_SUBTITLE}
        </Typography.Paragraph>

        {login.isError && (
          <Alert
            data-testid="login-error"
            type="error"
            showIcon
            title={errorMessage(login.error)}
            style={{ marginBottom: 16 }}
          />
        )}
        {/* The MFA step (S04) replaces this notice: it will post `mfa.ticket` with a one-time code. */}
        {mfa && (
          <Alert
            type="warning"
            showIcon
            title="该账号需要二次验证，请使用动态口令登录"
            style={{ marginBottom: 16 }}
          />
        )}

        <Form<LoginBody>
          layout="vertical"
          size="large"
          requiredMark={false}
          disabled={login.isPending}
          onFinish={(values) => {
            setMfa(null);
            login.mutate(values);
          }}
        >
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input data-testid="login-username" prefix={<UserOutlined />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              data-testid="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
            />
          </Form.Item>
          <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </div>
  );
}
