import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BondDto,
  BondListQuery,
  CreateBondBody,
  RecordBreachBody,
} from '../../../shared/contracts/bond';
import type { StaffDto } from '../../../shared/contracts/staff';
import { api, type Page } from '../../app/api';

export type BondFilter = Partial<Omit<BondListQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize: number;
};

const KEY = ['bonds'] as const;

export const useBonds = (filter: BondFilter) =>
  useQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: () => api.get<Page<BondDto>>('/api/bonds', filter),
    placeholderData: keepPreviousData,
  });

export const useBond = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, id],
    queryFn: () => api.get<BondDto>(`/api/bonds/${id}`),
    enabled: !!id,
  });

/** Every write refreshes lists and records (and notifications a breach raises), success or not. */
function useBondMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEY }),
        queryClient.invalidateQueries({ queryKey: ['notifications'] }),
      ]),
  });
}

export const useCreateBond = () =>
  useBondMutation((body: CreateBondBody) => api.post<BondDto>('/api/bonds', body));

export const useRecordBreach = () =>
  useBondMutation(({ id, body }: { id: string; body: RecordBreachBody }) =>
    api.post<BondDto>(`/api/bonds/${id}/breaches`, body),
  );

/** Recipient staff whose name contains `q`, for the 新增约定 picker. */
export const useRecipientStaffSearch = (q: string) =>
  useQuery({
    queryKey: ['staff', 'search', 'recipient', q],
    queryFn: () =>
      api.get<Page<StaffDto>>('/api/staff', { side: 'recipient', q: q || undefined, page: 1, pageSize: 30 }),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
