import {
  AuditOutlined,
  BellOutlined,
  CheckSquareOutlined,
  FileSearchOutlined,
  PartitionOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const TodosPage = lazy(() => import('./pages/TodosPage'));
const NotificationsPage = lazy(() => import('./pages/NotificationsPage'));
const WorkflowPage = lazy(() => import('./pages/WorkflowPage'));
const DelegationsPage = lazy(() => import('./pages/DelegationsPage'));
const ChainsPage = lazy(() => import('./pages/ChainsPage'));

const approvalGroup: MenuGroup = { key: 'approval', title: '审批管理', icon: <AuditOutlined /> };

/** 待办、消息 near the top for everyone; the approval pages under 审批管理. */
export const workflowRoutes: FeatureRoute[] = [
  {
    path: '/todos',
    title: '待办事项',
    icon: <CheckSquareOutlined />,
    permission: 'home.view',
    element: <TodosPage />,
  },
  {
    path: '/notifications',
    title: '消息通知',
    icon: <BellOutlined />,
    permission: 'home.view',
    element: <NotificationsPage />,
  },
  {
    path: '/workflow',
    title: '审批记录',
    icon: <FileSearchOutlined />,
    permission: 'workflow.act',
    element: <WorkflowPage />,
    menuGroup: approvalGroup,
  },
  {
    path: '/workflow/delegations',
    title: '代理审批',
    icon: <UserSwitchOutlined />,
    permission: 'workflow.act',
    element: <DelegationsPage />,
    menuGroup: approvalGroup,
  },
  {
    path: '/workflow/chains',
    title: '审批流程配置',
    icon: <PartitionOutlined />,
    permission: 'workflow.manage',
    element: <ChainsPage />,
    menuGroup: approvalGroup,
  },
];
