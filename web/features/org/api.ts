import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { InstitutionDto, RegionDto } from '../../../shared/contracts/org';
import type { InstitutionCategory, InstitutionRole } from '../../../shared/enums';
import { api, type Page } from '../../app/api';

export type InstitutionFilter = {
  q?: string;
  category?: InstitutionCategory;
  role?: InstitutionRole;
  regionCode?: string;
  page: number;
  pageSize: number;
};

/** `q` matches a region's name, or the start of its code. */
export type RegionFilter = { parentCode?: string; q?: string; page: number; pageSize: number };

export const institutionsQuery = (filter: InstitutionFilter) =>
  queryOptions({
    queryKey: ['org', 'institutions', filter],
    queryFn: () => api.get<Page<InstitutionDto>>('/api/institutions', filter),
  });

export const regionsQuery = (filter: RegionFilter) =>
  queryOptions({
    queryKey: ['org', 'regions', filter],
    queryFn: () => api.get<Page<RegionDto>>('/api/regions', filter),
    // Regions are reference data that change a few times a year.
    staleTime: 10 * 60_000,
  });

// Paged tables keep the current page on screen while the next one loads, instead of flashing empty.
export const useInstitutions = (filter: InstitutionFilter) =>
  useQuery({ ...institutionsQuery(filter), placeholderData: keepPreviousData });

export const useRegions = (filter: RegionFilter) =>
  useQuery({ ...regionsQuery(filter), placeholderData: keepPreviousData });
