import { SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const BondsPage = lazy(() => import('./pages/BondsPage'));

/** The same group as 人员名册 (web/features/staff/routes.tsx): entries sharing its key share one submenu. */
const staffGroup: MenuGroup = { key: 'staff', title: '人员管理', icon: <TeamOutlined /> };

/** 服务年限约定 pages (issue 6, P20). */
export const bondRoutes: FeatureRoute[] = [
  {
    path: '/bonds',
    title: '服务年限约定',
    icon: <SafetyCertificateOutlined />,
    permission: 'bond.read',
    element: <BondsPage />,
    menuGroup: staffGroup,
  },
];
