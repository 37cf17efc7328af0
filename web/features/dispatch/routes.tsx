import { SendOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const DispatchesPage = lazy(() => import('./pages/DispatchesPage'));

/** The same group as 人员名册 (web/features/staff/routes.tsx): entries sharing its key share one submenu. */
const staffGroup: MenuGroup = { key: 'staff', title: '人员管理', icon: <TeamOutlined /> };

/** 选派管理 pages (issue 6). */
export const dispatchRoutes: FeatureRoute[] = [
  {
    path: '/dispatches',
    title: '选派管理',
    icon: <SendOutlined />,
    permission: 'dispatch.read',
    element: <DispatchesPage />,
    menuGroup: staffGroup,
  },
];
