import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddCountyFlagBody,
  CountyContactDto,
  CountyContactKind,
  CountyFlagDto,
  CreateInstitutionBody,
  InstitutionDetailDto,
  InstitutionDto,
  InstitutionMapDto,
  RegionDetailDto,
  RegionDto,
  ReplaceCountyContactsBody,
  UpdateInstitutionBody,
} from '../../../shared/contracts/org';
import type { InstitutionCategory, InstitutionRole, InstitutionTier } from '../../../shared/enums';
import { ApiError, api, type Page } from '../../app/api';

export type InstitutionFilter = {
  q?: string;
  category?: InstitutionCategory;
  tier?: InstitutionTier;
  role?: InstitutionRole;
  regionCode?: string;
  programmeId?: string;
  page: number;
  pageSize: number;
};

export type MapFilter = Omit<InstitutionFilter, 'page' | 'pageSize'>;

/** `q` matches a region's name, or the start of its code. */
export type RegionFilter = { parentCode?: string; q?: string; page: number; pageSize: number };

const ORG_KEY = ['org'] as const;

export const institutionsQuery = (filter: InstitutionFilter) =>
  queryOptions({
    queryKey: [...ORG_KEY, 'institutions', filter],
    queryFn: () => api.get<Page<InstitutionDto>>('/api/institutions', filter),
  });

export const regionsQuery = (filter: RegionFilter) =>
  queryOptions({
    queryKey: [...ORG_KEY, 'regions', filter],
    queryFn: () => api.get<Page<RegionDto>>('/api/regions', filter),
    // Regions are reference data that change a few times a year.
    staleTime: 10 * 60_000,
  });

// Paged tables keep the current page on screen while the next one loads, instead of flashing empty.
export const useInstitutions = (filter: InstitutionFilter) =>
  useQuery({ ...institutionsQuery(filter), placeholderData: keepPreviousData });

export const useRegions = (filter: RegionFilter) =>
  useQuery({ ...regionsQuery(filter), placeholderData: keepPreviousData });

export const useInstitution = (id: string | null) =>
  useQuery({
    queryKey: [...ORG_KEY, 'institution', id],
    queryFn: () => api.get<InstitutionDetailDto>(`/api/institutions/${id}`),
    enabled: !!id,
  });

export const useInstitutionMap = (filter: MapFilter) =>
  useQuery({
    queryKey: [...ORG_KEY, 'map', filter],
    queryFn: () => api.get<InstitutionMapDto>('/api/institutions/map', filter),
    placeholderData: keepPreviousData,
  });

/** The boundary GeoJSON when one is configured; null when not (404), so the map plots points only. */
export const useMapBoundary = () =>
  useQuery({
    queryKey: [...ORG_KEY, 'boundary'],
    queryFn: async () => {
      try {
        return await api.get<object>('/api/map/boundary');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    staleTime: 60 * 60_000,
  });

export const useRegion = (code: string | null) =>
  useQuery({
    queryKey: [...ORG_KEY, 'region', code],
    queryFn: () => api.get<RegionDetailDto>(`/api/regions/${code}`),
    enabled: !!code,
  });

/** Region search for pickers: current regions by name or the start of their code. */
export const useRegionSearch = (q: string) =>
  useQuery({
    queryKey: [...ORG_KEY, 'regions', 'search', q],
    queryFn: () => api.get<Page<RegionDto>>('/api/regions', { q, pageSize: 30 }),
    enabled: q.length > 0,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
  });

export const useContactCandidates = (kind: CountyContactKind) =>
  useQuery({
    queryKey: [...ORG_KEY, 'contact-candidates', kind],
    queryFn: () =>
      api.get<{ items: { id: string; displayName: string; username: string }[] }>(
        '/api/org/contact-candidates',
        {
          kind,
        },
      ),
    staleTime: 60_000,
  });

/** Every write refreshes what it touched afterwards, success or not (a 409 means the record moved on). */
function useOrgMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ORG_KEY }),
  });
}

export const useCreateInstitution = () =>
  useOrgMutation((body: CreateInstitutionBody) => api.post<InstitutionDetailDto>('/api/institutions', body));

export const useUpdateInstitution = () =>
  useOrgMutation(({ id, body }: { id: string; body: UpdateInstitutionBody }) =>
    api.put<InstitutionDetailDto>(`/api/institutions/${id}`, body),
  );

export const useAddFlag = () =>
  useOrgMutation(({ code, body }: { code: string; body: AddCountyFlagBody }) =>
    api.post<CountyFlagDto>(`/api/regions/${code}/flags`, body),
  );

export const useWithdrawFlag = () =>
  useOrgMutation(({ code, id, reason }: { code: string; id: string; reason: string }) =>
    api.post<CountyFlagDto>(`/api/regions/${code}/flags/${id}/withdraw`, { reason }),
  );

export const useReplaceContacts = () =>
  useOrgMutation(({ code, body }: { code: string; body: ReplaceCountyContactsBody }) =>
    api.put<{ items: CountyContactDto[] }>(`/api/regions/${code}/contacts`, body),
  );
