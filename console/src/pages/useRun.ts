import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/query';
import { FINISHED } from '../format';
import { POLL_MS } from './useRuns';

/** One run with its request and steps, polled every 2 s until it has finished. */
export function useRun(id: string) {
  const query = useQuery({
    queryKey: ['run', id],
    queryFn: () => unwrap(api.GET('/api/v1/runs/{id}', { params: { path: { id } } })),
    refetchInterval: (q) =>
      q.state.data && FINISHED.includes(q.state.data.status) ? false : POLL_MS,
  });
  return {
    run: query.data,
    error: query.error?.message,
    reload: async () => (await query.refetch()).data,
  };
}

/** The flow's name, once the run says which flow (undefined until then, or when unreadable). */
export function useFlowName(flowId: string | undefined): string | undefined {
  const query = useQuery({
    queryKey: ['flow', flowId],
    enabled: flowId !== undefined,
    queryFn: () => unwrap(api.GET('/api/v1/flows/{id}', { params: { path: { id: flowId! } } })),
  });
  return query.data?.name;
}
