import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Typography } from 'antd';
import type { OneTimePassword } from '../api';

/**
 * A password the server generated (new account, or a reset), shown this once: it is stored
 * only as a hash, and the user must change it at first login (S02).
 */
export function OneTimePasswordModal({
  title,
  result,
  onClose,
}: {
  title: string;
  result: OneTimePassword;
  onClose: () => void;
}) {
  const { user, password } = result;
  return (
    <Modal
      open
      title={title}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      footer={
        <Button data-testid="otp-close" type="primary" onClick={onClose}>
          我已记下，关闭
        </Button>
      }
    >
      <Alert
        type="warning"
        showIcon
        title="该密码仅显示这一次，关闭后将无法再次查看"
        description="请立即复制，并通过安全渠道（当面或电话）告知用户本人，切勿通过群聊转发。用户首次登录时须修改密码。"
        style={{ marginBottom: 16 }}
      />
      <Descriptions
        column={1}
        size="small"
        bordered
        items={[
          { key: 'username', label: '用户名', children: user.username },
          { key: 'name', label: '姓名', children: user.displayName },
          {
            key: 'password',
            label: '初始密码',
            children: (
              <Typography.Text
                code
                copyable={{
                  text: password,
                  icon: [
                    <span key="copy" data-testid="otp-copy">
                      <CopyOutlined /> 复制
                    </span>,
                    <span key="copied">
                      <CheckOutlined /> 已复制
                    </span>,
                  ],
                  tooltips: ['复制密码', '已复制到剪贴板'],
                }}
                style={{ fontSize: 16 }}
              >
                <span data-testid="user-password">{password}</span>
              </Typography.Text>
            ),
          },
        ]}
      />
    </Modal>
  );
}
