import { ApartmentOutlined, BarChartOutlined, LinkOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const PairingsPage = lazy(() => import('./pages/PairingsPage'));
const PairingOverviewPage = lazy(() => import('./pages/PairingOverviewPage'));

/** The same group as the org feature's: 机构管理 holds institutions, programmes and pairings (issue 4). */
const orgGroup: MenuGroup = { key: 'org', title: '机构管理', icon: <ApartmentOutlined /> };

export const pairingRoutes: FeatureRoute[] = [
  {
    path: '/pairings',
    title: '结对关系',
    icon: <LinkOutlined />,
    permission: 'pairing.read',
    element: <PairingsPage />,
    menuGroup: orgGroup,
  },
  {
    path: '/pairings/overview',
    title: '结对概况',
    icon: <BarChartOutlined />,
    permission: 'pairing.read',
    element: <PairingOverviewPage />,
    menuGroup: orgGroup,
  },
];
