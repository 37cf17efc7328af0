import {
  CalendarOutlined,
  CarryOutOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  ScheduleOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute, MenuGroup } from '../../app/routes';

const BoardPage = lazy(() => import('./pages/BoardPage'));
const PersonAttendancePage = lazy(() => import('./pages/PersonAttendancePage'));
const LeaveRequestsPage = lazy(() => import('./pages/LeaveRequestsPage'));
const JustificationsPage = lazy(() => import('./pages/JustificationsPage'));
const CalendarPage = lazy(() => import('./pages/CalendarPage'));

const attendanceGroup: MenuGroup = { key: 'attendance', title: '考勤管理', icon: <ScheduleOutlined /> };

/** 考勤管理 pages (issue 7). */
export const attendanceRoutes: FeatureRoute[] = [
  {
    path: '/attendance/board',
    title: '今日在岗',
    icon: <DashboardOutlined />,
    permission: 'attendance.read',
    element: <BoardPage />,
    menuGroup: attendanceGroup,
  },
  {
    path: '/attendance/person',
    title: '个人考勤',
    icon: <CarryOutOutlined />,
    permission: 'attendance.read',
    element: <PersonAttendancePage />,
    menuGroup: attendanceGroup,
  },
  {
    path: '/attendance/requests',
    title: '请假与补卡',
    icon: <FileDoneOutlined />,
    permission: 'attendance.read',
    element: <LeaveRequestsPage />,
    menuGroup: attendanceGroup,
  },
  {
    path: '/attendance/justifications',
    title: '考勤情况说明',
    icon: <SolutionOutlined />,
    permission: 'attendance.read',
    element: <JustificationsPage />,
    menuGroup: attendanceGroup,
  },
  {
    path: '/attendance/calendar',
    title: '节假日日历',
    icon: <CalendarOutlined />,
    permission: 'calendar.read',
    element: <CalendarPage />,
    menuGroup: attendanceGroup,
  },
];
