import { TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { systemGroup } from '../../app/menu-groups';
import type { FeatureRoute } from '../../app/routes';

const UsersPage = lazy(() => import('./pages/UsersPage'));

export const usersRoutes: FeatureRoute[] = [
  {
    path: '/admin/users',
    title: '用户管理',
    icon: <TeamOutlined />,
    permission: 'users.read',
    element: <UsersPage />,
    menuGroup: systemGroup,
  },
];
