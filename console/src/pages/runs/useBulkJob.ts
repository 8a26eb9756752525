import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/query';
import type { Role } from '../../roles';
import { isFinished, type BulkAction, type BulkCount, type BulkFilter } from './bulk';

export const BULK_POLL_MS = 1000;

/** The signed-in role (the session App.tsx read; cached under ['session']). */
export function useRole(): Role | undefined {
  const query = useQuery({
    queryKey: ['session'],
    queryFn: () => unwrap(api.GET('/api/v1/session')),
  });
  return query.data?.apiKey.role;
}

/** The dry run: how many runs the action would reach. */
export function useBulkCount() {
  return useMutation({
    mutationFn: async ({ action, filter }: { action: BulkAction; filter: BulkFilter }) => {
      const body = { action, filter, dryRun: true };
      return (await unwrap(api.POST('/api/v1/runs/bulk', { body }))) as BulkCount;
    },
  });
}

/** Starts the job (202 with the job, queued). */
export function useStartBulk() {
  return useMutation({
    mutationFn: async ({ action, filter }: { action: BulkAction; filter: BulkFilter }) => {
      const job = await unwrap(api.POST('/api/v1/runs/bulk', { body: { action, filter } }));
      return job as { id: string };
    },
  });
}

/** The job's progress, polled every second until it finishes (then the runs list refreshes). */
export function useBulkJob(id: string | undefined) {
  const client = useQueryClient();
  return useQuery({
    queryKey: ['bulk-job', id],
    enabled: id !== undefined,
    queryFn: async () => {
      const job = await unwrap(
        api.GET('/api/v1/runs/bulk/{jobId}', { params: { path: { jobId: id! } } }),
      );
      if (isFinished(job)) void client.invalidateQueries({ queryKey: ['runs'] });
      return job;
    },
    refetchInterval: (query) =>
      query.state.data && isFinished(query.state.data) ? false : BULK_POLL_MS,
  });
}

export function useBulkCancel(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/runs/bulk/{jobId}/cancel', { params: { path: { jobId: id! } } })),
    onSuccess: (job) => client.setQueryData(['bulk-job', id], job),
  });
}

/** The job whose progress is shown, kept for the tab's session so a reload shows it again. */
const JOB_KEY = 'flowhub.bulkJob';

export function useFollowedJob(): [string | undefined, (id: string | undefined) => void] {
  const [id, setId] = useState(() => sessionStorage.getItem(JOB_KEY) ?? undefined);
  const follow = (next: string | undefined) => {
    if (next) sessionStorage.setItem(JOB_KEY, next);
    else sessionStorage.removeItem(JOB_KEY);
    setId(next);
  };
  return [id, follow];
}
