import { LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Form, Input, Skeleton, Typography } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import type { LoginBody, LoginResult, MeDto, MfaBody, MfaEnrolmentDto } from '../../../shared/contracts/auth';
import { ApiError, api, errorMessage } from '../api';
import { homePathOf, PASSWORD_PATH, safeNext, useMe } from '../auth';
import { PLATFORM_NAME, PLATFORM_SUBTITLE } from '../brand';
import { ME_KEY } from '../query-client';

/** What the server asks for when the account needs a second factor (S04). */
type MfaChallenge = Extract<LoginResult, { mfaRequired: true }>;
type SignedIn = Extract<LoginResult, { mfaRequired: false }>;

/** The ticket of the password step expired or was used: the user starts again from there. */
const isTicketExpired = (error: unknown) => error instanceof ApiError && error.code === 'TICKET_EXPIRED';

const ENROL_KEY = ['auth', 'mfa-enrol'] as const;

export default function LoginPage() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const next = safeNext(useSearchParams()[0].get('next'));
  const { data: me } = useMe();
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  /** Why the user is back at the password step (e.g. the second step took too long). */
  const [notice, setNotice] = useState<string | null>(null);
  const [username, setUsername] = useState<string>();

  const signIn = ({ me: signedIn, passwordExpired }: SignedIn) => {
    const current: MeDto = { ...signedIn, passwordExpired: signedIn.passwordExpired || passwordExpired };
    queryClient.removeQueries({ queryKey: ENROL_KEY });
    queryClient.setQueryData(ME_KEY, current);
    // A password that must be changed comes first (S02); the guard would send the user there anyway.
    navigate(current.passwordExpired ? PASSWORD_PATH : (next ?? homePathOf(current)), { replace: true });
  };
  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<LoginResult>('/api/auth/login', body),
    onSuccess: (result) => (result.mfaRequired ? setChallenge(result) : signIn(result)),
  });
  const restart = (message: string | null) => {
    queryClient.removeQueries({ queryKey: ENROL_KEY });
    login.reset();
    setChallenge(null);
    setNotice(message);
  };

  // Already signed in (e.g. the login page was bookmarked): nothing to do here.
  if (me && !login.isPending) {
    return <Navigate to={me.passwordExpired ? PASSWORD_PATH : (next ?? homePathOf(me))} replace />;
  }

  const error = notice ?? (login.isError ? errorMessage(login.error) : null);
  return (
    <LoginFrame wide={challenge?.enrol}>
      {challenge ? (
        <MfaStep key={challenge.ticket} challenge={challenge} onSignedIn={signIn} onRestart={restart} />
      ) : (
        <>
          {error && (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              title={error}
              style={{ marginBottom: 16 }}
            />
          )}
          <Form<LoginBody>
            layout="vertical"
            size="large"
            requiredMark={false}
            disabled={login.isPending}
            initialValues={{ username }}
            onFinish={(values) => {
              setNotice(null);
              setUsername(values.username);
              login.mutate(values);
            }}
          >
            <Form.Item
              name="username"
              label="用户名"
              rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
            >
              <Input
                data-testid="login-username"
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus={!username}
              />
            </Form.Item>
            <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
              <Input.Password
                data-testid="login-password"
                prefix={<LockOutlined />}
                autoComplete="current-password"
                autoFocus={!!username}
              />
            </Form.Item>
            <Button
              data-testid="login-submit"
              type="primary"
              htmlType="submit"
              block
              loading={login.isPending}
            >
              登录
            </Button>
          </Form>
        </>
      )}
    </LoginFrame>
  );
}

function LoginFrame({ wide, children }: { wide?: boolean; children: ReactNode }) {
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
      <Card style={{ width: '100%', maxWidth: wide ? 480 : 400 }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          {PLATFORM_NAME}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 24 }}>
          {PLATFORM_SUBTITLE}
        </Typography.Paragraph>
        {children}
      </Card>
    </div>
  );
}

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`: easier to type into an app by hand. */
const groupsOf4 = (secret: string) => secret.match(/.{1,4}/g)?.join(' ') ?? secret;

/**
 * Second step of login (S04): a 6-digit code from the authenticator app. An admin without one
 * yet first binds the app (QR code, or the secret typed in), and the first code completes it.
 */
function MfaStep({
  challenge,
  onSignedIn,
  onRestart,
}: {
  challenge: MfaChallenge;
  onSignedIn: (result: SignedIn) => void;
  onRestart: (message: string | null) => void;
}) {
  const { ticket, enrol } = challenge;
  const [form] = Form.useForm<{ code: string }>();
  const enrolment = useQuery({
    queryKey: [...ENROL_KEY, ticket],
    queryFn: () => api.post<MfaEnrolmentDto>('/api/auth/mfa/enrol', { ticket }),
    enabled: enrol,
    // One secret per ticket: asking again would not help, and may replace the one already scanned.
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const verify = useMutation({
    mutationFn: (body: MfaBody) => api.post<SignedIn>('/api/auth/mfa', body),
    onSuccess: onSignedIn,
    onError: (error) => {
      if (isTicketExpired(error)) onRestart(errorMessage(error));
      else form.setFieldValue('code', '');
    },
  });
  useEffect(() => {
    if (isTicketExpired(enrolment.error)) onRestart(errorMessage(enrolment.error));
  }, [enrolment.error, onRestart]);

  const error = verify.isError
    ? errorMessage(verify.error)
    : enrolment.isError
      ? errorMessage(enrolment.error)
      : null;
  const ready = !enrol || enrolment.isSuccess;

  return (
    <>
      <Flex align="center" gap={8} style={{ marginBottom: 12 }}>
        <SafetyCertificateOutlined style={{ fontSize: 20, color: '#1677ff' }} />
        <Typography.Text strong style={{ fontSize: 16 }}>
          {enrol ? '绑定动态口令' : '动态口令验证'}
        </Typography.Text>
      </Flex>
      {error && (
        <Alert data-testid="login-error" type="error" showIcon title={error} style={{ marginBottom: 16 }} />
      )}
      {enrol ? (
        <EnrolInstructions enrolment={enrolment.data} pending={enrolment.isPending} />
      ) : (
        <Typography.Paragraph type="secondary">
          您的账号已启用二次验证。请打开手机上的身份验证器，输入当前显示的6位动态口令。
        </Typography.Paragraph>
      )}
      {ready && (
        <Form<{ code: string }>
          form={form}
          layout="vertical"
          size="large"
          requiredMark={false}
          disabled={verify.isPending}
          onFinish={({ code }) => verify.mutate({ ticket, code })}
        >
          <Form.Item
            name="code"
            label={enrol ? '输入验证器中显示的6位动态口令，完成绑定' : '动态口令'}
            normalize={(value: string) => value.replace(/\D/g, '').slice(0, 6)}
            rules={[
              { required: true, message: '请输入动态口令' },
              { pattern: /^\d{6}$/, message: '请输入6位动态口令' },
            ]}
          >
            <Input
              data-testid="mfa-code"
              prefix={<SafetyCertificateOutlined />}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              placeholder="6位数字"
              autoFocus
            />
          </Form.Item>
          <Button data-testid="mfa-submit" type="primary" htmlType="submit" block loading={verify.isPending}>
            {enrol ? '完成绑定并登录' : '验证并登录'}
          </Button>
        </Form>
      )}
      <Button type="link" block style={{ marginTop: 8 }} onClick={() => onRestart(null)}>
        返回重新登录
      </Button>
    </>
  );
}

function EnrolInstructions({ enrolment, pending }: { enrolment?: MfaEnrolmentDto; pending: boolean }) {
  return (
    <>
      <Typography.Paragraph>
        管理类账号须使用动态口令进行二次验证。请在手机上使用“微信小程序-腾讯身份验证器”、“阿里云 App”、Google
        Authenticator 等身份验证器扫描下方二维码绑定本账号。
      </Typography.Paragraph>
      {pending ? (
        <Flex justify="center" style={{ marginBottom: 16 }}>
          <Skeleton.Image active style={{ width: 180, height: 180 }} />
        </Flex>
      ) : enrolment ? (
        <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
          <img
            data-testid="mfa-qr"
            src={enrolment.qrDataUrl}
            alt="动态口令绑定二维码"
            width={180}
            height={180}
            style={{ border: '1px solid #f0f0f0', borderRadius: 8 }}
          />
          <Typography.Text type="secondary">无法扫码时，可在验证器中手动输入以下密钥：</Typography.Text>
          <Typography.Text
            code
            copyable={{ text: enrolment.secret, tooltips: ['复制密钥', '已复制'] }}
            style={{ fontSize: 15, letterSpacing: 1 }}
          >
            <span data-testid="mfa-secret">{groupsOf4(enrolment.secret)}</span>
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            类型选择“基于时间”，密钥请妥善保管，不要截图或转发给他人。
          </Typography.Text>
        </Flex>
      ) : null}
    </>
  );
}
