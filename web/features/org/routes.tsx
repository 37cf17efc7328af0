import { ApartmentOutlined, BankOutlined, EnvironmentOutlined, GlobalOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const InstitutionsPage = lazy(() => import('./pages/InstitutionsPage'));
const InstitutionMapPage = lazy(() => import('./pages/InstitutionMapPage'));
const RegionsPage = lazy(() => import('./pages/RegionsPage'));

const orgGroup: MenuGroup = { key: 'org', title: '机构管理', icon: <ApartmentOutlined /> };

export const orgRoutes: FeatureRoute[] = [
  {
    path: '/org/institutions',
    title: '机构名录',
    icon: <BankOutlined />,
    permission: 'org.read',
    element: <InstitutionsPage />,
    menuGroup: orgGroup,
  },
  {
    path: '/org/map',
    title: '机构地图',
    icon: <GlobalOutlined />,
    permission: 'org.read',
    element: <InstitutionMapPage />,
    menuGroup: orgGroup,
  },
  {
    path: '/org/regions',
    title: '行政区划',
    icon: <EnvironmentOutlined />,
    permission: 'org.read',
    element: <RegionsPage />,
    menuGroup: orgGroup,
  },
];
