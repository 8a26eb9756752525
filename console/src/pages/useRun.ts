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
