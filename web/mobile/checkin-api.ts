import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckinContextDto, CheckinResultDto, CreateCheckinBody } from '../../shared/contracts/checkin';
import { ApiError, api, errorMessage } from '../app/api';
import { onQueueChange, pendingPunches, type QueuedPunch, removePunch, savePunch } from './offline-queue';

/** The phone check-in API (shared/contracts/checkin.ts) and the offline queue's synchronisation. */

const KEY = ['checkins'] as const;
const contextKey = (deviceId: string) => [...KEY, 'context', deviceId] as const;

type Consent = CheckinContextDto['consent'];
type Device = CheckinContextDto['device'];

/** Who, where, consent, this phone's binding and today's punches. Refreshed when the phone wakes. */
export const useCheckinContext = (deviceId: string) =>
  useQuery({
    queryKey: contextKey(deviceId),
    queryFn: () => api.get<CheckinContextDto>('/api/checkins/context', { deviceId }),
    staleTime: 0,
    refetchOnWindowFocus: true,
  });

/** Consent given or withdrawn (S17): the answer is the new consent state, put straight into the context. */
function useConsentMutation(mutationFn: () => Promise<Consent>, deviceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: (consent) =>
      queryClient.setQueryData<CheckinContextDto>(contextKey(deviceId), (c) => (c ? { ...c, consent } : c)),
  });
}

export const useGiveConsent = (deviceId: string, noticeVersion: number) =>
  useConsentMutation(() => api.post<Consent>('/api/checkins/consent', { noticeVersion }), deviceId);

export const useWithdrawConsent = (deviceId: string) =>
  useConsentMutation(() => api.delete<Consent>('/api/checkins/consent'), deviceId);

/** 申请更换设备: this phone becomes pending until the sending institution approves it. */
export const useRequestDevice = (deviceId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { label: string; reason: string }) =>
      api.post<Device>('/api/checkins/devices', { deviceId, ...body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contextKey(deviceId) }),
  });
};

/** Refresh what shows the punches: the page's context and any attendance view. */
export function useRefreshPunches() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEY }),
        queryClient.invalidateQueries({ queryKey: ['attendance'] }),
      ]),
    [queryClient],
  );
}

/** Send one punch. The body is built once per tap: a retry sends it again unchanged (S28). */
export const sendPunch = (body: CreateCheckinBody) => api.post<CheckinResultDto>('/api/checkins', body);

/** The request never reached the server, or the phone says it has no network. */
export const isNetworkFailure = (e: unknown) =>
  (e instanceof ApiError && e.status === 0) ||
  (typeof navigator !== 'undefined' && navigator.onLine === false);

/** Errors worth sending the same punch again for: the server was busy or failing, not refusing it. */
export const isRetryable = (e: unknown) =>
  e instanceof ApiError && (e.status === 0 || e.status === 408 || e.status === 429 || e.status >= 500);

/**
 * Refusals that may pass once the person acts (signs in again, consents, gets the phone
 * approved, changes the password): a queued punch waits for them. Any other 4xx is final
 * (e.g. older than the server accepts, or the id used by someone else) and the punch is dropped.
 */
const WAITING_CODES = new Set(['CONSENT_REQUIRED', 'DEVICE_NOT_BOUND', 'PASSWORD_EXPIRED']);

type QueueOutcome = 'keep' | 'needsReason' | 'drop';

export function queueOutcome(e: unknown): QueueOutcome {
  if (!(e instanceof ApiError)) return 'keep';
  if (e.status === 422 && e.code === 'OUTSIDE_NEEDS_REASON') return 'needsReason';
  if (isRetryable(e) || e.status === 401 || WAITING_CODES.has(e.code)) return 'keep';
  return e.status >= 400 && e.status < 500 ? 'drop' : 'keep';
}

export interface FlushResult {
  sent: CheckinResultDto[];
  /** refused for good: removed from the phone, the person is told why */
  dropped: { punch: QueuedPunch; message: string }[];
  /** why the flush stopped early (still offline, signed out, …), if it did */
  stopped: unknown;
}

let flushing: Promise<FlushResult> | null = null;

/**
 * Send the waiting punches, oldest first, each with its original id and time. One flush at
 * a time per page (the triggers overlap); punches still waiting for a 外勤 reason are not
 * sent again until the person gives one.
 */
export function flushQueue(): Promise<FlushResult> {
  flushing ??= (async () => {
    const result: FlushResult = { sent: [], dropped: [], stopped: null };
    if (typeof navigator !== 'undefined' && navigator.onLine === false) return result;
    for (const punch of await pendingPunches()) {
      if (punch.needsReason && !punch.body.outsideReason) continue;
      try {
        result.sent.push(await sendPunch(punch.body));
        await removePunch(punch.id);
      } catch (e) {
        const outcome = queueOutcome(e);
        if (outcome === 'needsReason') {
          await savePunch({ ...punch, needsReason: errorMessage(e) });
        } else if (outcome === 'drop') {
          await removePunch(punch.id);
          result.dropped.push({ punch, message: errorMessage(e) });
        } else {
          result.stopped = e;
          break;
        }
      }
    }
    return result;
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/** How often the page retries the queue while it is open (besides `online` and waking up). */
export const FLUSH_INTERVAL_MS = 20_000;

/**
 * The waiting punches of this phone, kept in step with IndexedDB, and their synchronisation:
 * on page load, when the network comes back, when the phone wakes, and every 20 s.
 */
export function usePunchQueue(onFlushed: (result: FlushResult) => void) {
  const [items, setItems] = useState<QueuedPunch[]>([]);
  const [loaded, setLoaded] = useState(false);
  const onFlushedRef = useRef(onFlushed);
  onFlushedRef.current = onFlushed;

  const reload = useCallback(async () => {
    try {
      setItems(await pendingPunches());
    } catch {
      setItems([]);
    }
    setLoaded(true);
  }, []);

  const flush = useCallback(async () => {
    try {
      const result = await flushQueue();
      if (result.sent.length || result.dropped.length) onFlushedRef.current(result);
    } catch {
      // IndexedDB unavailable: nothing can be waiting
    }
    await reload();
  }, [reload]);

  useEffect(() => onQueueChange(() => void reload()), [reload]);

  useEffect(() => {
    void flush();
    const onVisible = () => {
      if (document.visibilityState === 'visible') void flush();
    };
    window.addEventListener('online', flush);
    document.addEventListener('visibilitychange', onVisible);
    const timer = setInterval(flush, FLUSH_INTERVAL_MS);
    return () => {
      window.removeEventListener('online', flush);
      document.removeEventListener('visibilitychange', onVisible);
      clearInterval(timer);
    };
  }, [flush]);

  return { items, loaded, reload, flush };
}
