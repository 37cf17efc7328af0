import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CheckDispatchBody,
  ConfirmArrivalBody,
  CreateDispatchBody,
  CreateManagementPostBody,
  DispatchDto,
  DispatchListQuery,
  EligibilityDto,
  EndDispatchBody,
  ManagementPostDto,
  ReplaceDispatchBody,
  ReplaceDispatchResultDto,
  SubmitDispatchBody,
} from '../../../shared/contracts/dispatch';
import type { PairingDto } from '../../../shared/contracts/pairing';
import type { StaffDto } from '../../../shared/contracts/staff';
import { api, type Page } from '../../app/api';

export type DispatchFilter = Partial<Omit<DispatchListQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize: number;
};

const KEY = ['dispatches'] as const;

export const useDispatches = (filter: DispatchFilter) =>
  useQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: () => api.get<Page<DispatchDto>>('/api/dispatches', filter),
    placeholderData: keepPreviousData,
  });

export const useDispatch = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, id],
    queryFn: () => api.get<DispatchDto>(`/api/dispatches/${id}`),
    enabled: !!id,
  });

/**
 * The live judgement of a dispatch being filled in (nothing saved). `body` is null until the
 * form is complete; the previous answer stays on screen while the next one loads.
 */
export const useDispatchCheck = (body: CheckDispatchBody | null) =>
  useQuery({
    queryKey: [...KEY, 'check', body],
    queryFn: () => api.post<EligibilityDto>('/api/dispatches/check', body),
    enabled: body !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });

/** Every write refreshes lists and records (and the workflow's to-dos a submission starts), success or not. */
function useDispatchMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEY }),
        queryClient.invalidateQueries({ queryKey: ['workflow'] }),
      ]),
  });
}

export const useCreateDispatch = () =>
  useDispatchMutation((body: CreateDispatchBody) => api.post<DispatchDto>('/api/dispatches', body));

export const useSubmitDispatch = () =>
  useDispatchMutation(({ id, body }: { id: string; body: SubmitDispatchBody }) =>
    api.post<DispatchDto>(`/api/dispatches/${id}/submit`, body),
  );

export const useConfirmArrival = () =>
  useDispatchMutation(({ id, body }: { id: string; body: ConfirmArrivalBody }) =>
    api.post<DispatchDto>(`/api/dispatches/${id}/arrive`, body),
  );

export const useEndDispatch = () =>
  useDispatchMutation(({ id, body }: { id: string; body: EndDispatchBody }) =>
    api.post<DispatchDto>(`/api/dispatches/${id}/end`, body),
  );

/** P13: the management posts the dispatched person holds at the recipient. */
export const useDispatchPosts = (id: string) =>
  useQuery({
    queryKey: [...KEY, id, 'posts'],
    queryFn: () => api.get<Page<ManagementPostDto>>(`/api/dispatches/${id}/posts`),
  });

export const useCreatePost = () =>
  useDispatchMutation(({ id, body }: { id: string; body: CreateManagementPostBody }) =>
    api.post<ManagementPostDto>(`/api/dispatches/${id}/posts`, body),
  );

/** The home side replaces the person; the replacement comes back proposed. */
export const useReplaceDispatch = () =>
  useDispatchMutation(({ id, body }: { id: string; body: ReplaceDispatchBody }) =>
    api.post<ReplaceDispatchResultDto>(`/api/dispatches/${id}/replace`, body),
  );

/** Support staff whose name contains `q`, for the 新增选派 picker. */
export const useSupportStaffSearch = (q: string) =>
  useQuery({
    queryKey: ['staff', 'search', 'support', q],
    queryFn: () =>
      api.get<Page<StaffDto>>('/api/staff', { side: 'support', q: q || undefined, page: 1, pageSize: 30 }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

/** Pairings (ended ones too: a past dispatch may be recorded) whose either institution's name contains `q`. */
export const usePairingSearch = (q: string) =>
  useQuery({
    queryKey: ['pairings', 'search', q],
    queryFn: () =>
      api.get<Page<PairingDto>>('/api/pairings', {
        status: 'active',
        q: q || undefined,
        page: 1,
        pageSize: 30,
      }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
