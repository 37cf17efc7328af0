import { HomeOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/routes';

const HomePage = lazy(() => import('./pages/HomePage'));

export const homeRoutes: FeatureRoute[] = [
  { path: '/', title: '工作台', icon: <HomeOutlined />, permission: 'home.view', element: <HomePage /> },
];
