import { CalendarOutlined, EnvironmentOutlined, FormOutlined, UserOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../app/routes';

const CheckinPage = lazy(() => import('./pages/CheckinPage'));
const MyAttendancePage = lazy(() => import('./pages/MyAttendancePage'));
const MobileLeavePage = lazy(() => import('./pages/MobileLeavePage'));
const MinePage = lazy(() => import('./pages/MinePage'));

export const mobileRoutes: FeatureRoute[] = [
  {
    path: '/m/checkin',
    title: '打卡',
    icon: <EnvironmentOutlined />,
    permission: 'attendance.checkin',
    element: <CheckinPage />,
  },
  {
    path: '/m/attendance',
    title: '考勤',
    icon: <CalendarOutlined />,
    permission: 'attendance.read',
    element: <MyAttendancePage />,
  },
  {
    path: '/m/leave',
    title: '请假',
    icon: <FormOutlined />,
    permission: 'attendance.request',
    element: <MobileLeavePage />,
  },
  { path: '/m', title: '我的', icon: <UserOutlined />, permission: 'mobile.use', element: <MinePage /> },
];
