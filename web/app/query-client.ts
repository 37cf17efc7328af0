import { QueryClient } from '@tanstack/react-query';
import type { MeDto } from '../../shared/contracts/auth';
import { ApiError } from './api';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; network blips and 5xx might.
      retry: (failures, error) =>
        failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

/** Key of `GET /api/auth/me`; its data is `MeDto`, or `null` when nobody is signed in. */
export const ME_KEY = ['auth', 'me'] as const;

/**
 * The session is gone (expired, revoked): drop every cached row of the previous user and mark
 * them signed out. The auth guard then sends the browser to /login?next=….
 */
export function forgetSession(): void {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

/**
 * The server refused a request because the password must be changed first (S02), e.g. it expired
 * while the page was open: mark it on the cached user, and the auth guard sends the browser to
 * the change-password page.
 */
export function markPasswordExpired(): void {
  queryClient.setQueryData<MeDto | null>(ME_KEY, (me) =>
    me && !me.passwordExpired ? { ...me, passwordExpired: true } : me,
  );
}
