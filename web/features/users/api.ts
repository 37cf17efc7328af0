import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, UserDto } from '../../../shared/contracts/users';
import type { Role } from '../../../shared/enums';
import { api, type Page } from '../../app/api';

export type UserFilter = {
  q?: string;
  role?: Role;
  status?: UserDto['status'];
  locked?: 'true' | 'false';
  page: number;
  pageSize: number;
};

/** A generated password and its account (`OneTimePasswordDto`): shown once, never again. */
export type OneTimePassword = { user: UserDto; password: string };

export type InstitutionOption = { id: string; name: string; regionName: string };
export type RegionOption = { code: string; name: string; level: string };

const USERS_KEY = ['users'] as const;

export const useUsers = (filter: UserFilter) =>
  useQuery({
    queryKey: [...USERS_KEY, 'list', filter],
    queryFn: () => api.get<Page<UserDto>>('/api/users', filter),
    placeholderData: keepPreviousData,
  });

/** Every write refreshes the list afterwards, success or not (a 409 means the row moved on). */
function useUserMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: [...USERS_KEY, 'list'] }),
  });
}

export const useCreateUser = () =>
  useUserMutation((body: CreateUserBody) => api.post<OneTimePassword>('/api/users', body));

export const useUpdateUser = () =>
  useUserMutation(({ id, body }: { id: string; body: UpdateUserBody }) =>
    api.put<UserDto>(`/api/users/${id}`, body),
  );

export type UserAction = 'disable' | 'enable' | 'unlock' | 'reset-mfa';

export const useUserAction = () =>
  useUserMutation(({ id, action }: { id: string; action: UserAction }) =>
    api.post<UserDto>(`/api/users/${id}/${action}`),
  );

export const useResetPassword = () =>
  useUserMutation((id: string) => api.post<OneTimePassword>(`/api/users/${id}/reset-password`));

// Pickers of the user form (policy users.manage): at most 50 matches each.
export const useInstitutionLookup = (q: string) =>
  useQuery({
    queryKey: [...USERS_KEY, 'lookup', 'institutions', q],
    queryFn: () => api.get<{ items: InstitutionOption[] }>('/api/users/lookup/institutions', { q }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const useRegionLookup = (q: string, parentCode?: string) =>
  useQuery({
    queryKey: [...USERS_KEY, 'lookup', 'regions', q, parentCode],
    queryFn: () => api.get<{ items: RegionOption[] }>('/api/users/lookup/regions', { q, parentCode }),
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });
