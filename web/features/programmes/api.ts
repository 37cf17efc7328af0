import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateProgrammeBody,
  PolicyVersionDto,
  PolicyVersionSummaryDto,
  ProgrammeDto,
  PublishPolicyBody,
  ShippedPackDto,
} from '../../../shared/contracts/programme';
import { api, type Page } from '../../app/api';

export type ProgrammeFilter = { q?: string; page: number; pageSize: number };

const KEY = ['programmes'] as const;

export const useProgrammes = (filter: ProgrammeFilter) =>
  useQuery({
    queryKey: [...KEY, 'list', filter],
    queryFn: () => api.get<Page<ProgrammeDto>>('/api/programmes', filter),
    placeholderData: keepPreviousData,
  });

/** Every programme, for pickers (programmes are few). */
export const useAllProgrammes = () =>
  useQuery({
    queryKey: [...KEY, 'all'],
    queryFn: () => api.get<Page<ProgrammeDto>>('/api/programmes', { pageSize: 1000 }),
    staleTime: 5 * 60_000,
  });

export const useProgramme = (id: string) =>
  useQuery({
    queryKey: [...KEY, id],
    queryFn: () => api.get<ProgrammeDto>(`/api/programmes/${id}`),
  });

/** The pack version in force today, or a given version. */
export const usePolicy = (id: string, version?: number) =>
  useQuery({
    queryKey: [...KEY, id, 'policy', version ?? 'today'],
    queryFn: () => api.get<PolicyVersionDto>(`/api/programmes/${id}/policy`, { version }),
  });

export const usePolicyVersions = (id: string) =>
  useQuery({
    queryKey: [...KEY, id, 'versions'],
    queryFn: () => api.get<Page<PolicyVersionSummaryDto>>(`/api/programmes/${id}/policy/versions`),
  });

export const useShippedPacks = () =>
  useQuery({
    queryKey: ['policy-packs'],
    queryFn: () => api.get<Page<ShippedPackDto>>('/api/policy-packs'),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useCreateProgramme = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProgrammeBody) => api.post<ProgrammeDto>('/api/programmes', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
};

export const usePublishPolicy = (id: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublishPolicyBody) => api.post<PolicyVersionDto>(`/api/programmes/${id}/policy`, body),
    // A 409 means someone else published: reload the versions either way.
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
};
