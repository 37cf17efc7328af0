import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NotificationPageDto, UnreadCountDto } from '../../../shared/contracts/notifications';
import { api } from '../../app/api';
import { NOTIFICATIONS_KEY, UNREAD_COUNT_KEY } from './keys';

export type NotificationFilter = { unread?: 'true'; page: number; pageSize: number };

/** Polled every minute and whenever the window regains focus: the header's bell and to-do badge. */
export const useUnreadCount = (enabled = true) =>
  useQuery({
    queryKey: UNREAD_COUNT_KEY,
    queryFn: () => api.get<UnreadCountDto>('/api/notifications/unread-count'),
    enabled,
    refetchInterval: 60_000,
    refetchOnWindowFocus: 'always',
  });

export const useNotifications = (filter: NotificationFilter, enabled = true) =>
  useQuery({
    queryKey: [...NOTIFICATIONS_KEY, 'list', filter],
    queryFn: () => api.get<NotificationPageDto>('/api/notifications', filter),
    placeholderData: keepPreviousData,
    enabled,
  });

function useNotificationMutation<TVars>(mutationFn: (vars: TVars) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

export const useMarkRead = () =>
  useNotificationMutation((id: string) => api.post(`/api/notifications/${id}/read`));

export const useMarkAllRead = () => useNotificationMutation(() => api.post('/api/notifications/read-all'));
