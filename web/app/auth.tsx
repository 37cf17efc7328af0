import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import type { MeDto } from '../../shared/contracts/auth';
import type { Permission } from '../../shared/permissions';
import { ApiError, api, errorMessage } from './api';
import { PASSWORD_PATH } from './paths';
import { ME_KEY, queryClient } from './query-client';

export { PASSWORD_PATH };

async function fetchMe(): Promise<MeDto | null> {
  try {
    return await api.get<MeDto>('/api/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user (`null` when signed out); TanStack Query is the one cache of it. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** Ask the server again who is signed in (after a password change, say), and wait for the answer. */
export function refreshMe(): Promise<MeDto | null> {
  return queryClient.fetchQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 0 });
}

/** For use below `RequireAuth`, where the user is known to be signed in. */
export function useCurrentUser(): MeDto {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser outside RequireAuth');
  return data;
}

export function can(me: MeDto, permission: Permission): boolean {
  return me.permissions.includes(permission);
}

/** Where a user lands after sign-in: support staff work from their phones. */
export function homePathOf(me: MeDto): string {
  return me.user.role === 'support_staff' ? '/m/checkin' : '/';
}

/** Accept only same-site paths as `next`, so a crafted link cannot send the user elsewhere. */
export function safeNext(next: string | null): string | null {
  if (!next?.startsWith('/') || next.startsWith('//') || next.startsWith('/login')) return null;
  return next;
}

export async function logout(): Promise<void> {
  // Signed out locally even if the server cannot be reached: the cookie expires on its own.
  await api.post('/api/auth/logout').catch(() => undefined);
  queryClient.clear();
  // A full load leaves nothing of the previous user in memory (cache, page state): offices share computers.
  window.location.replace('/login');
}

export function FullPageSpin() {
  return (
    <div style={{ height: '100%', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Routes below need a session; without one, go to the login page and come back afterwards. */
export function RequireAuth() {
  const { data: me, isPending, error, refetch } = useMe();
  const location = useLocation();
  if (isPending) return <FullPageSpin />;
  // A failed background refetch keeps the user: only a confirmed sign-out (null) leaves.
  if (me) {
    // First login, a reset by an admin, or an expired password: nothing else until it is changed (S02).
    if (me.passwordExpired && location.pathname !== PASSWORD_PATH)
      return <Navigate to={PASSWORD_PATH} replace />;
    return <Outlet />;
  }
  if (me === null) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <Result
      status="warning"
      title={errorMessage(error)}
      extra={
        <Button type="primary" onClick={() => refetch()}>
          重试
        </Button>
      }
    />
  );
}
