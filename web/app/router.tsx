import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '../../shared/permissions';
import { MobileLayout } from '../mobile/MobileLayout';
import { can, FullPageSpin, RequireAuth, useCurrentUser } from './auth';
import { AppLayout } from './layout/AppLayout';
import { ForbiddenPage, NotFoundPage, RouteErrorPage } from './pages/ErrorPages';
import { accountRoutes, desktopRoutes, type FeatureRoute, mobileRoutes } from './routes';

const LoginPage = lazy(() => import('./pages/LoginPage'));

function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return can(useCurrentUser(), permission) ? children : <ForbiddenPage />;
}

const guarded = (route: FeatureRoute): RouteObject => ({
  path: route.path,
  element: <RequirePermission permission={route.permission}>{route.element}</RequirePermission>,
});

const notFound: RouteObject = { path: '*', element: <NotFoundPage /> };

export const router = createBrowserRouter([
  {
    errorElement: <RouteErrorPage />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<FullPageSpin />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        element: <RequireAuth />,
        children: [
          { path: '/m', element: <MobileLayout />, children: [...mobileRoutes.map(guarded), notFound] },
          {
            element: <AppLayout />,
            children: [...desktopRoutes.map(guarded), ...accountRoutes.map(guarded), notFound],
          },
        ],
      },
    ],
  },
]);
