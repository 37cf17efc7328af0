import { UserOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../app/routes';

const MinePage = lazy(() => import('./pages/MinePage'));

export const mobileRoutes: FeatureRoute[] = [
  { path: '/m', title: '我的', icon: <UserOutlined />, permission: 'mobile.use', element: <MinePage /> },
];
