import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import { useAllFlows } from '../../api/flows';
import { unwrap } from '../../api/query';
import { failingFlows, type WindowId } from './overview-data';

/** The overview refreshes every 10 s (the stats rollup's own pace). */
export const REFRESH_MS = 10_000;
/** Recent runs, for "failing now": the last hour. */
const RECENT_MS = 3_600_000;
export const FAILED_RUNS_SHOWN = 10;

export function useStats(window: WindowId) {
  return useQuery({
    queryKey: ['stats', window],
    queryFn: () => unwrap(api.GET('/api/v1/stats', { params: { query: { window } } })),
    refetchInterval: REFRESH_MS,
  });
}

export function useFailedRuns() {
  return useQuery({
    queryKey: ['runs', 'overview-failed'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/runs', {
          params: { query: { status: 'failed', limit: FAILED_RUNS_SHOWN } },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });
}

/** Flows failing now, from each flow's activity in the last hour and the newest failed runs. */
export function useFailingFlows() {
  const activity = useQuery({
    queryKey: ['runs', 'activity'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/runs/activity', {
          params: { query: { since: new Date(Date.now() - RECENT_MS).toISOString() } },
        }),
      ),
    refetchInterval: REFRESH_MS,
  });
  const flows = useAllFlows();
  const failed = useFailedRuns();
  const names = new Map(flows.map((flow) => [flow.id, flow.name]));
  return {
    flows: failingFlows(activity.data?.items ?? [], names, failed.data?.items ?? []),
    loaded: activity.data !== undefined,
    error: activity.error?.message,
  };
}
