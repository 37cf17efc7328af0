import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import {
  Avatar,
  Button,
  Drawer,
  Dropdown,
  Flex,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Skeleton,
  Typography,
} from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import type { MeDto } from '../../../shared/contracts/auth';
import { HeaderNotifications } from '../../features/workflow/components/HeaderNotifications';
import { can, homePathOf, logout, PASSWORD_PATH, useCurrentUser } from '../auth';
import { PLATFORM_NAME } from '../brand';
import { accountRoutes, desktopRoutes, type FeatureRoute } from '../routes';

type MenuItem = Required<MenuProps>['items'][number];

/** Menu entries for the pages this user may open, grouped as the features declare. */
function buildMenu(routes: FeatureRoute[], me: MeDto): MenuItem[] {
  const items: MenuItem[] = [];
  const groups = new Map<string, MenuItem[]>();
  for (const route of routes.filter((r) => can(me, r.permission))) {
    const item: MenuItem = {
      key: route.path,
      icon: route.icon,
      label: <Link to={route.path}>{route.title}</Link>,
    };
    const group = route.menuGroup;
    if (!group) {
      items.push(item);
      continue;
    }
    let children = groups.get(group.key);
    if (!children) {
      children = [];
      groups.set(group.key, children);
      items.push({ key: group.key, icon: group.icon, label: group.title, children });
    }
    children.push(item);
  }
  return items;
}

export function AppLayout() {
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  // `md` is undefined before the first measurement: assume a desktop until told otherwise.
  const narrow = Grid.useBreakpoint().md === false;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);

  const items = useMemo(() => buildMenu(desktopRoutes, me), [me]);
  const current = [...desktopRoutes, ...accountRoutes].find((r) => r.path === pathname);
  useEffect(() => {
    document.title = current ? `${current.title} - ${PLATFORM_NAME}` : PLATFORM_NAME;
  }, [current]);

  // Until a required password change is done, the menu is withheld: the server refuses the rest anyway (S02).
  const showMenu = !me.passwordExpired;
  const home = homePathOf(me);
  if (pathname === '/' && home !== '/') return <Navigate to={home} replace />;

  const menu = (
    <Menu
      data-testid="side-menu"
      mode="inline"
      theme="dark"
      items={items}
      selectedKeys={current ? [current.path] : []}
      defaultOpenKeys={current?.menuGroup ? [current.menuGroup.key] : []}
      onClick={() => setDrawerOpen(false)}
    />
  );
  const { user } = me;
  const affiliation = [user.roleLabel, user.institutionName].filter(Boolean).join(' · ');

  return (
    <Layout style={{ minHeight: '100%' }}>
      {!showMenu ? null : narrow ? (
        <Drawer
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          placement="left"
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} width={220}>
          <div style={{ height: 64, display: 'grid', placeItems: 'center', color: '#fff', fontWeight: 600 }}>
            {collapsed ? '对口' : '对口支援平台'}
          </div>
          {menu}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{ background: '#fff', padding: '0 16px', display: 'flex', alignItems: 'center', gap: 12 }}
        >
          {narrow && showMenu && (
            <Button
              type="text"
              aria-label="打开菜单"
              icon={drawerOpen ? <MenuFoldOutlined /> : <MenuUnfoldOutlined />}
              onClick={() => setDrawerOpen(true)}
            />
          )}
          <Typography.Text strong ellipsis style={{ flex: 1, fontSize: narrow ? 15 : 17 }}>
            {PLATFORM_NAME}
          </Typography.Text>
          <HeaderNotifications compact={narrow} enabled={showMenu} />
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                {
                  key: 'password',
                  icon: <KeyOutlined />,
                  label: <span data-testid="change-password">修改密码</span>,
                },
                { type: 'divider' },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: <span data-testid="logout">退出登录</span>,
                },
              ],
              onClick: ({ key }) => {
                if (key === 'password') navigate(PASSWORD_PATH);
                if (key === 'logout') void logout();
              },
            }}
          >
            <Button type="text" data-testid="user-menu" style={{ height: 'auto' }}>
              <Flex align="center" gap={8}>
                <Avatar size="small" icon={<UserOutlined />} />
                <span>{user.displayName}</span>
                {!narrow && affiliation && <Typography.Text type="secondary">{affiliation}</Typography.Text>}
                <DownOutlined style={{ fontSize: 10 }} />
              </Flex>
            </Button>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 8 : 16 }}>
          <Suspense fallback={<Skeleton active />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
