import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateStaffBody,
  RevealBody,
  RevealDto,
  StaffDto,
  StaffListQuery,
  UpdateStaffBody,
} from '../../../shared/contracts/staff';
import { api, type Page } from '../../app/api';

export type StaffFilter = Partial<Omit<StaffListQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize: number;
};

const KEY = ['staff'] as const;

export const useStaffList = (filter: StaffFilter) =>
  useQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: () => api.get<Page<StaffDto>>('/api/staff', filter),
    placeholderData: keepPreviousData,
  });

export const useStaff = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, id],
    queryFn: () => api.get<StaffDto>(`/api/staff/${id}`),
    enabled: !!id,
  });

/** Every write refreshes lists and records afterwards, success or not (a 409 means the record moved on). */
function useStaffMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateStaff = () =>
  useStaffMutation((body: CreateStaffBody) => api.post<StaffDto>('/api/staff', body));

export const useUpdateStaff = () =>
  useStaffMutation(({ id, body }: { id: string; body: UpdateStaffBody }) =>
    api.put<StaffDto>(`/api/staff/${id}`, body),
  );

/**
 * A full ID number or phone, with a reason (audited, S16). Deliberately not a query or a
 * mutation hook: the value must not stay in TanStack Query's caches, only in the modal's state.
 */
export const revealStaffField = (id: string, body: RevealBody) =>
  api.post<RevealDto>(`/api/staff/${id}/reveal`, body);
