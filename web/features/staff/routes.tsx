import { IdcardOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const StaffPage = lazy(() => import('./pages/StaffPage'));

const staffGroup: MenuGroup = { key: 'staff', title: '人员管理', icon: <TeamOutlined /> };

/** 人员管理 pages (issue 6): the registry now; dispatches and bonds join this group later. */
export const staffRoutes: FeatureRoute[] = [
  {
    path: '/staff',
    title: '人员名册',
    icon: <IdcardOutlined />,
    permission: 'staff.read',
    element: <StaffPage />,
    menuGroup: staffGroup,
  },
];
