import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JustificationStatus } from '../../../shared/attendance-vocabulary';
import type {
  BoardDto,
  DailyStatusDto,
  JustificationDto,
  PresenceDto,
} from '../../../shared/contracts/attendance';
import type { CheckinContextDto } from '../../../shared/contracts/checkin';
import type { DispatchDto } from '../../../shared/contracts/dispatch';
import { api, type Page } from '../../app/api';

/** Query hooks of the attendance views: the on-duty board, a person's days, presence and justifications. */

const KEY = ['attendance'] as const;

export interface BoardFilter {
  date?: string;
  region?: string;
  recipientInstitutionId?: string;
  /** HH:mm */
  by: string;
  missing?: boolean;
  page: number;
  pageSize: number;
}

export const useBoard = (filter: BoardFilter) =>
  useQuery({
    queryKey: [...KEY, 'board', filter],
    queryFn: () =>
      api.get<BoardDto>('/api/attendance/board', {
        ...filter,
        missing: filter.missing === undefined ? undefined : String(filter.missing),
      }),
    placeholderData: keepPreviousData,
  });

/** One row per day of `from`–`to` that lies in one of the person's approved dispatches. */
export const useDaily = (staffId: string | undefined, from: string, to: string) =>
  useQuery({
    queryKey: [...KEY, 'daily', staffId, from, to],
    queryFn: () => api.get<Page<DailyStatusDto>>('/api/attendance/daily', { staffId, from, to }),
    enabled: !!staffId && from <= to,
    placeholderData: keepPreviousData,
  });

export const usePresence = (dispatchId: string | undefined) =>
  useQuery({
    queryKey: [...KEY, 'presence', dispatchId],
    queryFn: () => api.get<PresenceDto>('/api/attendance/presence', { dispatchId }),
    enabled: !!dispatchId,
  });

export interface JustificationFilter {
  dispatchId?: string;
  status?: JustificationStatus;
  page: number;
  pageSize: number;
}

export const useJustifications = (filter: JustificationFilter) =>
  useQuery({
    queryKey: [...KEY, 'justifications', filter],
    queryFn: () => api.get<Page<JustificationDto>>('/api/attendance/justifications', { ...filter }),
    placeholderData: keepPreviousData,
  });

export interface CreateJustification {
  dispatchId: string;
  rule: 'P06' | 'P07';
  fromDate: string;
  toDate: string;
  cause: JustificationDto['cause'];
  text: string;
}

export interface ReviewJustification {
  id: string;
  decision: 'accepted' | 'rejected';
  comment?: string;
  version: number;
}

/** A justification changes the presence judgement and the lists: refresh all of attendance, success or not. */
function useAttendanceMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }) });
}

export const useCreateJustification = () =>
  useAttendanceMutation((body: CreateJustification) =>
    api.post<JustificationDto>('/api/attendance/justifications', body),
  );

export const useReviewJustification = () =>
  useAttendanceMutation(({ id, ...body }: ReviewJustification) =>
    api.post<JustificationDto>(`/api/attendance/justifications/${id}/review`, body),
  );

/** Approved dispatches whose person's name contains `q`, for the person picker (newest first). */
export const useDispatchSearch = (q: string) =>
  useQuery({
    queryKey: [...KEY, 'dispatch-search', q],
    queryFn: async () => {
      const page = await api.get<Page<DispatchDto>>('/api/dispatches', { q, page: 1, pageSize: 50 });
      return page.items.filter((d) => d.approvedAt !== null && d.presenceRule !== null);
    },
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

export const useDispatchOf = (id: string | undefined) =>
  useQuery({
    queryKey: ['dispatches', id],
    queryFn: () => api.get<DispatchDto>(`/api/dispatches/${id}`),
    enabled: !!id,
  });

/**
 * The phone's own context: who I am and my dispatch in force today. The device id only
 * answers whether this phone is bound; the attendance view does not need it.
 */
export const useMyAttendanceContext = () =>
  useQuery({
    queryKey: [...KEY, 'mine', 'context'],
    queryFn: () => api.get<CheckinContextDto>('/api/checkins/context', { deviceId: 'attendance-view' }),
    staleTime: 60_000,
  });
