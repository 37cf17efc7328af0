import { AuditOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import { systemGroup } from '../../app/menu-groups';
import type { FeatureRoute } from '../../app/routes';

const AuditPage = lazy(() => import('./pages/AuditPage'));

export const auditRoutes: FeatureRoute[] = [
  {
    path: '/admin/audit',
    title: '审计日志',
    icon: <AuditOutlined />,
    permission: 'audit.read',
    element: <AuditPage />,
    menuGroup: systemGroup,
  },
];
