import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CalendarDayDto,
  CalendarYearDto,
  CreateRegionalHolidayBody,
  RegionalHolidayDto,
  SetCalendarDayBody,
} from '../../../shared/contracts/calendar';
import { api, type Page } from '../../app/api';

const KEY = ['calendar'] as const;

export const useCalendarYear = (year: number, region: string | undefined) =>
  useQuery({
    queryKey: [...KEY, 'year', year, region ?? null],
    queryFn: () => api.get<CalendarYearDto>(`/api/calendar/${year}`, { region }),
    staleTime: 5 * 60_000,
  });

export const useRegionalHolidays = (year: number, region: string | undefined) =>
  useQuery({
    queryKey: [...KEY, 'regional', year, region ?? null],
    queryFn: () => api.get<Page<RegionalHolidayDto>>('/api/calendar/regional-holidays', { year, region }),
    staleTime: 5 * 60_000,
  });

/** Every edit refreshes the year views and the regional list (the attendance views recompute on read). */
function useCalendarMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEY }),
        queryClient.invalidateQueries({ queryKey: ['attendance'] }),
      ]),
  });
}

export const useSetCalendarDay = () =>
  useCalendarMutation(({ date, body }: { date: string; body: SetCalendarDayBody }) =>
    api.put<CalendarDayDto>(`/api/calendar/days/${date}`, body),
  );

export const useClearCalendarDay = () =>
  useCalendarMutation((date: string) => api.delete<CalendarDayDto>(`/api/calendar/days/${date}`));

export const useAddRegionalHoliday = () =>
  useCalendarMutation((body: CreateRegionalHolidayBody) =>
    api.post<RegionalHolidayDto[]>('/api/calendar/regional-holidays', body),
  );

export const useDeleteRegionalHoliday = () =>
  useCalendarMutation((id: string) => api.delete<void>(`/api/calendar/regional-holidays/${id}`));
