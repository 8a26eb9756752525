import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { unwrap } from '../../../api/query';
import type { EvaluateBody, Evaluation, StoredRequest } from './logic';

/** How long typing must pause before the playground asks the server. */
export const DEBOUNCE_MS = 300;
/** Past requests (and runs) offered to pick from: the newest ones. */
export const PICK_LIMIT = 20;

/** The flow's newest past requests (GET /flows/:id/requests), shared by the test panel and playground. */
export function useFlowRequests(flowId: string) {
  const query = useQuery({
    queryKey: ['flow-requests', flowId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/flows/{id}/requests', {
          params: { path: { id: flowId }, query: { limit: PICK_LIMIT } },
        }),
      ),
  });
  return {
    requests: (query.data?.items ?? []) as StoredRequest[],
    loaded: query.data !== undefined,
    error: query.error?.message,
  };
}

/** The flow's newest runs, whose step outputs the playground can use as $steps. */
export function useFlowRuns(flowId: string) {
  const query = useQuery({
    queryKey: ['runs', { flowId, limit: PICK_LIMIT }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/runs', { params: { query: { flowId, limit: PICK_LIMIT } } })),
  });
  return { runs: query.data?.items ?? [], error: query.error?.message };
}

/** `value`, once it has not changed for `ms` (the timer restarts on every change). */
export function useDebounced<T>(value: T, ms = DEBOUNCE_MS): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * One expression evaluated by POST /flows/:id/evaluate, asked again when the body has not
 * changed for 300 ms. Each body is its own query: an answer to an older body never shows for
 * a newer one, and the request for a body no longer wanted is aborted (TanStack Query cancels
 * it through the signal). The last result stays shown, marked stale, while the next one comes.
 */
export function useEvaluation(flowId: string, body: EvaluateBody | undefined) {
  const wanted = body === undefined ? '' : JSON.stringify(body);
  const settled = useDebounced(wanted);
  const query = useQuery({
    queryKey: ['evaluate', flowId, settled],
    enabled: settled !== '',
    queryFn: ({ signal }) =>
      unwrap(
        api.POST('/api/v1/flows/{id}/evaluate', {
          params: { path: { id: flowId } },
          body: JSON.parse(settled) as EvaluateBody,
          signal,
        }),
      ) as Promise<Evaluation>,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
  });
  const current = wanted !== '' && settled === wanted && !query.isPlaceholderData;
  return {
    evaluation: wanted === '' ? undefined : query.data,
    error: wanted === '' ? undefined : query.error?.message,
    /** The shown answer is for what the fields hold now (not typing, not waiting). */
    current: current && !query.isFetching,
  };
}
