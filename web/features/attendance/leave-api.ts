import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CorrectionListQuery,
  CreateCorrectionBody,
  CreateLeaveBody,
  FileDto,
  LeaveListQuery,
  LeaveRequestDto,
  PunchCorrectionDto,
  RequestApprovalDto,
  WithdrawRequestBody,
} from '../../../shared/contracts/leave';
import { api, type Page } from '../../app/api';
import { downloadFile } from '../../app/download';
import { uploadFile } from '../../app/upload';
import { NOTIFICATIONS_KEY, WORKFLOW_KEY } from '../workflow/keys';

/** 请假、出差、值班补休 and 补卡: requests of support staff and their approvals (issue 7). */

type Paged<Q> = Partial<Omit<Q, 'page' | 'pageSize'>> & { page: number; pageSize: number };
export type LeaveFilter = Paged<LeaveListQuery>;
export type CorrectionFilter = Paged<CorrectionListQuery>;
export type RequestKind = 'leave' | 'correction';

const KEY = ['attendance-requests'] as const;
const PATH: Record<RequestKind, string> = {
  leave: '/api/leave-requests',
  correction: '/api/punch-corrections',
};

export const useLeaveRequests = (filter: LeaveFilter, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'leave', filter],
    queryFn: () => api.get<Page<LeaveRequestDto>>(PATH.leave, filter),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useCorrections = (filter: CorrectionFilter, enabled = true) =>
  useQuery({
    queryKey: [...KEY, 'correction', filter],
    queryFn: () => api.get<Page<PunchCorrectionDto>>(PATH.correction, filter),
    placeholderData: keepPreviousData,
    enabled,
  });

export const useLeaveRequest = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, 'leave', id],
    queryFn: () => api.get<LeaveRequestDto>(`${PATH.leave}/${id}`),
    enabled: !!id,
  });

export const useCorrection = (id: string | null) =>
  useQuery({
    queryKey: [...KEY, 'correction', id],
    queryFn: () => api.get<PunchCorrectionDto>(`${PATH.correction}/${id}`),
    enabled: !!id,
  });

/** The request's approval passage and its history, as its reader may see it (the applicant too). */
export const useRequestApproval = (kind: RequestKind, id: string | null) =>
  useQuery({
    queryKey: [...KEY, kind, id, 'approval'],
    queryFn: () => api.get<RequestApprovalDto>(`${PATH[kind]}/${id}/approval`),
    enabled: !!id,
  });

/** Every write refreshes the requests, the to-dos and notifications, success or not. */
function useRequestMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: KEY }),
        queryClient.invalidateQueries({ queryKey: WORKFLOW_KEY }),
        queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
      ]),
  });
}

export const useCreateLeave = () =>
  useRequestMutation((body: CreateLeaveBody) => api.post<LeaveRequestDto>(PATH.leave, body));

export const useCreateCorrection = () =>
  useRequestMutation((body: CreateCorrectionBody) => api.post<PunchCorrectionDto>(PATH.correction, body));

export const useWithdrawRequest = () =>
  useRequestMutation(({ kind, id, body }: { kind: RequestKind; id: string; body: WithdrawRequestBody }) =>
    api.post<LeaveRequestDto | PunchCorrectionDto>(`${PATH[kind]}/${id}/withdraw`, body),
  );

export const useResubmitRequest = () =>
  useRequestMutation(({ kind, id, body }: { kind: RequestKind; id: string; body: WithdrawRequestBody }) =>
    api.post<LeaveRequestDto | PunchCorrectionDto>(`${PATH[kind]}/${id}/resubmit`, body),
  );

/** The content type the server's parser takes for a chosen file (it judges the bytes itself). */
const contentTypeOf = (file: File) =>
  ['application/pdf', 'image/png', 'image/jpeg'].includes(file.type) ? file.type : 'application/octet-stream';

/** Upload one attachment (S23: the server checks its type by its bytes and caps its size). */
export const uploadAttachment = (file: File): Promise<FileDto> =>
  uploadFile<FileDto>('/api/files', { fileName: file.name }, file, contentTypeOf(file), () => undefined).done;

/** Download an attachment through the request that holds it. */
export const downloadAttachment = (kind: RequestKind, requestId: string, file: FileDto) =>
  downloadFile(`${PATH[kind]}/${requestId}/attachments/${file.id}`, {}, file.fileName);
