import type { ReactNode } from 'react';
import type { Permission } from '../../shared/permissions';
import { accountRoutes as accountFeatureRoutes } from '../features/account/routes';
import { attendanceRoutes } from '../features/attendance/routes';
import { auditRoutes } from '../features/audit/routes';
import { bondRoutes } from '../features/bond/routes';
import { dispatchRoutes } from '../features/dispatch/routes';
import { homeRoutes } from '../features/home/routes';
import { orgRoutes } from '../features/org/routes';
import { pairingRoutes } from '../features/pairings/routes';
import { programmeRoutes } from '../features/programmes/routes';
import { staffRoutes } from '../features/staff/routes';
import { usersRoutes } from '../features/users/routes';
import { workflowRoutes } from '../features/workflow/routes';
import { mobileRoutes as mobileFeatureRoutes } from '../mobile/routes';

export interface MenuGroup {
  key: string;
  title: string;
  icon: ReactNode;
}

/** A page a feature contributes: its route, its menu entry, and the permission both require. */
export interface FeatureRoute {
  /** absolute path */
  path: string;
  title: string;
  icon: ReactNode;
  permission: Permission;
  /** a lazy page, so each feature is its own chunk */
  element: ReactNode;
  /** entries sharing a group appear under one submenu */
  menuGroup?: MenuGroup;
}

/** Desktop pages, in menu order. */
export const desktopRoutes: FeatureRoute[] = [
  ...homeRoutes,
  ...workflowRoutes,
  ...orgRoutes,
  ...programmeRoutes,
  ...pairingRoutes,
  ...staffRoutes,
  ...dispatchRoutes,
  ...bondRoutes,
  ...attendanceRoutes,
  ...usersRoutes,
  ...auditRoutes,
];

/** Pages of one's own account, inside the desktop layout but outside the side menu (user menu instead). */
export const accountRoutes: FeatureRoute[] = accountFeatureRoutes;

/** Phone pages under `/m`, in tab-bar order. */
export const mobileRoutes: FeatureRoute[] = mobileFeatureRoutes;
