import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { AuditEventDto, AuditVerifyDto } from '../../../shared/contracts/audit';
import { api, type Page, urlWithParams } from '../../app/api';

/** `AuditQuery`: dates are calendar days `YYYY-MM-DD` in Beijing time, both ends included. */
export type AuditFilter = {
  from?: string;
  to?: string;
  actor?: string;
  action?: string;
  result?: AuditEventDto['result'];
  page: number;
  pageSize: number;
};

export const useAuditEvents = (filter: AuditFilter) =>
  useQuery({
    queryKey: ['audit', 'events', filter],
    queryFn: () => api.get<Page<AuditEventDto>>('/api/audit', filter),
    placeholderData: keepPreviousData,
  });

/** The CSV of every event matching the filters (not only the page on screen); the export is itself audited. */
export const exportUrl = ({ page: _page, pageSize: _pageSize, ...filters }: AuditFilter) =>
  urlWithParams('/api/audit/export', filters);

/** Recompute the hash chain and compare it with the anchored head (S12). */
export const useVerifyAudit = () =>
  useMutation({ mutationFn: () => api.get<AuditVerifyDto>('/api/audit/verify') });
