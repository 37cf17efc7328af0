import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RegionDto } from '../../../shared/contracts/org';
import type {
  CreatePairingBody,
  EndPairingBody,
  PairingChangeDto,
  PairingDto,
  PairingListQuery,
  PairingOverviewDto,
  UpdatePairingBody,
} from '../../../shared/contracts/pairing';
import { api, type Page } from '../../app/api';

export type PairingFilter = Partial<Omit<PairingListQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize: number;
};

const KEY = ['pairings'] as const;

export const usePairings = (filter: PairingFilter) =>
  useQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: () => api.get<Page<PairingDto>>('/api/pairings', filter),
    placeholderData: keepPreviousData,
  });

/** One pairing, e.g. the one a notification links to (`/pairings?pairingId=…`). */
export const usePairing = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, id],
    queryFn: () => api.get<PairingDto>(`/api/pairings/${id}`),
    enabled: id !== null,
  });

export const usePairingHistory = (id: string) =>
  useQuery({
    queryKey: [...KEY, id, 'history'],
    queryFn: () => api.get<Page<PairingChangeDto>>(`/api/pairings/${id}/history`),
  });

export const usePairingOverview = (prefecture: string, programmeId?: string, on?: string) =>
  useQuery({
    queryKey: [...KEY, 'overview', prefecture, programmeId, on],
    queryFn: () => api.get<PairingOverviewDto>('/api/pairings/overview', { prefecture, programmeId, on }),
    placeholderData: keepPreviousData,
  });

/** Every write refreshes lists, history and overview, success or not (a 409 means the row moved on). */
function usePairingMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }) });
}

export const useCreatePairing = () =>
  usePairingMutation((body: CreatePairingBody) => api.post<PairingDto>('/api/pairings', body));

export const useUpdatePairing = () =>
  usePairingMutation(({ id, body }: { id: string; body: UpdatePairingBody }) =>
    api.put<PairingDto>(`/api/pairings/${id}`, body),
  );

export const useEndPairing = () =>
  usePairingMutation(({ id, body }: { id: string; body: EndPairingBody }) =>
    api.post<PairingDto>(`/api/pairings/${id}/end`, body),
  );

/** Sichuan's prefectures, or the counties of one, for the region filter. */
export const useRegionChildren = (parentCode: string | undefined) =>
  useQuery({
    queryKey: ['org', 'regions', { parentCode, page: 1, pageSize: 200 }],
    queryFn: () => api.get<Page<RegionDto>>('/api/regions', { parentCode, page: 1, pageSize: 200 }),
    enabled: !!parentCode,
    staleTime: 10 * 60_000,
  });
