import { KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { logout, PASSWORD_PATH, useCurrentUser } from '../../app/auth';
import { ScopeList } from '../../app/components/ScopeList';

export default function MinePage() {
  const { user, scope } = useCurrentUser();
  const navigate = useNavigate();
  return (
    <Flex vertical gap={12}>
      <Card>
        <Flex align="center" gap={12}>
          <Avatar size={56} icon={<UserOutlined />} />
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {user.displayName}
            </Typography.Title>
            <Typography.Text type="secondary">{user.roleLabel}</Typography.Text>
          </div>
        </Flex>
      </Card>
      <Card size="small" title="基本信息">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'username', label: '用户名', children: user.username },
            { key: 'institution', label: '所在机构', children: user.institutionName ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title="数据范围">
        <ScopeList scope={scope} />
      </Card>
      <Button block size="large" icon={<KeyOutlined />} onClick={() => navigate(PASSWORD_PATH)}>
        修改密码
      </Button>
      <Button data-testid="logout" danger block size="large" icon={<LogoutOutlined />} onClick={logout}>
        退出登录
      </Button>
    </Flex>
  );
}
