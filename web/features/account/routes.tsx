import { KeyOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { PASSWORD_PATH } from '../../app/paths';
import type { FeatureRoute } from '../../app/routes';

const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));

/** One's own account: reached from the user menu, not the side menu. */
export const accountRoutes: FeatureRoute[] = [
  {
    path: PASSWORD_PATH,
    title: '修改密码',
    icon: <KeyOutlined />,
    permission: 'home.view',
    element: <ChangePasswordPage />,
  },
];
