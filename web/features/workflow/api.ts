import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ChainDto,
  CreateDelegationBody,
  DelegationDto,
  DocType,
  SaveChainBody,
  TodoDto,
  UserRefDto,
  WorkflowInstanceDto,
  WorkflowListQuery,
} from '../../../shared/contracts/workflow';
import { api, type Page } from '../../app/api';
import { NOTIFICATIONS_KEY, PAIRINGS_KEY, TODOS_KEY, WORKFLOW_KEY } from './keys';

export type WorkflowFilter = Partial<Omit<WorkflowListQuery, 'page' | 'pageSize'>> & {
  page: number;
  pageSize: number;
};

/** The decisions and the submitter's own actions, each a POST on the instance. */
export type WorkflowDecision = 'approve' | 'return' | 'reject' | 'resubmit' | 'withdraw';

const INSTANCES_KEY = [...WORKFLOW_KEY, 'instances'] as const;
const CHAINS_KEY = [...WORKFLOW_KEY, 'chains'] as const;
const DELEGATIONS_KEY = [...WORKFLOW_KEY, 'delegations'] as const;

export const useTodos = () =>
  useQuery({ queryKey: TODOS_KEY, queryFn: () => api.get<Page<TodoDto>>('/api/todos') });

export const useWorkflowInstances = (filter: WorkflowFilter) =>
  useQuery({
    queryKey: [...INSTANCES_KEY, 'list', filter],
    queryFn: () => api.get<Page<WorkflowInstanceDto>>('/api/workflow/instances', filter),
    placeholderData: keepPreviousData,
  });

export const useWorkflowInstance = (id: string) =>
  useQuery({
    queryKey: [...INSTANCES_KEY, id],
    queryFn: () => api.get<WorkflowInstanceDto>(`/api/workflow/instances/${id}`),
  });

/** The approval passages of one document, newest first by submission (a pairing's exception, say). */
export async function fetchDocumentInstances(docType: DocType, docId: string) {
  const { items } = await api.get<Page<WorkflowInstanceDto>>('/api/workflow/instances', {
    docType,
    docId,
    pageSize: 100,
  });
  return [...items].sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
}

/**
 * Every decision changes to-dos, counts, the instance, its lists and the document it decides
 * (a pairing's exception status): all are refreshed, success or not (a 409 means it moved on).
 */
export function useDecide() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      comment,
      version,
    }: {
      id: string;
      decision: WorkflowDecision;
      comment?: string;
      version: number;
    }) =>
      api.post<WorkflowInstanceDto>(`/api/workflow/instances/${id}/${decision}`, {
        ...(comment ? { comment } : {}),
        version,
      }),
    onSettled: () =>
      Promise.all(
        [WORKFLOW_KEY, NOTIFICATIONS_KEY, PAIRINGS_KEY].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

export const useChains = () =>
  useQuery({ queryKey: CHAINS_KEY, queryFn: () => api.get<Page<ChainDto>>('/api/workflow/chains') });

function useChainMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: CHAINS_KEY }),
  });
}

export const useSaveChain = () =>
  useChainMutation((body: SaveChainBody) => api.put<ChainDto>('/api/workflow/chains', body));

export const useDeleteChain = () =>
  useChainMutation((id: string) => api.delete<void>(`/api/workflow/chains/${id}`));

export const useDelegations = () =>
  useQuery({
    queryKey: DELEGATIONS_KEY,
    queryFn: () => api.get<Page<DelegationDto>>('/api/workflow/delegations'),
  });

/** Colleagues one may delegate to, searched by name on the server. */
export const useDelegateCandidates = (q: string) =>
  useQuery({
    queryKey: [...DELEGATIONS_KEY, 'candidates', q],
    queryFn: () => api.get<Page<UserRefDto>>('/api/workflow/delegates', { q }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });

/** A delegation also changes whose to-dos a pending step is: to-dos and counts are refreshed too. */
function useDelegationMutation<TVars, TResult>(mutationFn: (vars: TVars) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () =>
      Promise.all(
        [DELEGATIONS_KEY, TODOS_KEY, NOTIFICATIONS_KEY].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
  });
}

export const useCreateDelegation = () =>
  useDelegationMutation((body: CreateDelegationBody) =>
    api.post<DelegationDto>('/api/workflow/delegations', body),
  );

export const useRevokeDelegation = () =>
  useDelegationMutation((id: string) => api.post<DelegationDto>(`/api/workflow/delegations/${id}/revoke`));
