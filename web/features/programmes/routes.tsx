import { ApartmentOutlined, ProfileOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const ProgrammesPage = lazy(() => import('./pages/ProgrammesPage'));

/** The same group as the org feature's: 机构管理 holds institutions, programmes and pairings (issue 4). */
const orgGroup: MenuGroup = { key: 'org', title: '机构管理', icon: <ApartmentOutlined /> };

export const programmeRoutes: FeatureRoute[] = [
  {
    path: '/programmes',
    title: '项目与政策',
    icon: <ProfileOutlined />,
    permission: 'programme.read',
    element: <ProgrammesPage />,
    menuGroup: orgGroup,
  },
];
