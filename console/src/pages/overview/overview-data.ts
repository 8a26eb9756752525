import type { components } from '../../api/schema';
import type { Run } from '../../api/client';

export type Stats = components['schemas']['StatsDto'];
export type FlowActivity = components['schemas']['FlowActivityDto'];
export type SeriesPoint = Stats['series'][number];

/** The finished statuses the chart draws, in legend order, with their colours. */
export const CHART_STATUSES = ['succeeded', 'failed', 'filtered', 'cancelled'] as const;
export type ChartStatus = (typeof CHART_STATUSES)[number];
export const STATUS_COLOURS: Record<ChartStatus, string> = {
  succeeded: '#1a7f37',
  failed: '#cf222e',
  filtered: '#57606a',
  cancelled: '#9a6700',
};

export const WINDOWS = [
  { id: '1h', label: 'Last hour', phrase: 'in the last hour' },
  { id: '24h', label: '24 hours', phrase: 'in the last 24 hours' },
  { id: '7d', label: '7 days', phrase: 'in the last 7 days' },
  { id: '30d', label: '30 days', phrase: 'in the last 30 days' },
] as const;
export type WindowId = (typeof WINDOWS)[number]['id'];

/** uPlot's data: bucket starts in seconds, then one array of counts per status. */
export function chartData(series: SeriesPoint[]): [number[], ...number[][]] {
  return [
    series.map((point) => Date.parse(point.at) / 1000),
    ...CHART_STATUSES.map((status) => series.map((point) => point[status])),
  ];
}

/** The buckets with at least one finished run (the text alternative lists those). */
export function busyBuckets(series: SeriesPoint[]): SeriesPoint[] {
  return series.filter((point) => CHART_STATUSES.some((status) => point[status] > 0));
}

/** "5 runs finished in the last hour: 3 succeeded, 2 failed." (the chart in words). */
export function runsSentence(runs: Stats['runs'], phrase: string): string {
  const total = CHART_STATUSES.reduce((sum, status) => sum + runs[status], 0);
  if (total === 0) return `No run finished ${phrase}.`;
  const parts = CHART_STATUSES.filter((s) => runs[s] > 0).map((s) => `${runs[s]} ${s}`);
  return `${total} ${total === 1 ? 'run' : 'runs'} finished ${phrase}: ${parts.join(', ')}.`;
}

/** Refusals by reason, most first. */
export function rejectionRows(stats: Stats): { reason: string; count: number }[] {
  return Object.entries(stats.rejectedByReason)
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export interface FailingFlow {
  flowId: string;
  name: string;
  runs: number;
  failed: number;
  failureRate: number | null;
  /** The newest failed run known for the flow. */
  lastFailedRun?: { id: string; createdAt: string };
}

/**
 * Flows failing now: the last run failed, or at least half of the recent runs failed. Newest
 * failure first; the name comes from the flows list, else from a failed run.
 */
export function failingFlows(
  activity: FlowActivity[],
  names: Map<string, string>,
  failedRuns: Run[],
): FailingFlow[] {
  const failing = activity.filter(
    (a) => a.lastRun?.status === 'failed' || (a.failed > 0 && (a.failureRate ?? 0) >= 0.5),
  );
  return failing
    .map((a) => {
      const newest = failedRuns.find((run) => run.flowId === a.flowId);
      const last = a.lastRun?.status === 'failed' ? a.lastRun : undefined;
      const lastFailedRun = newest ?? last;
      return {
        flowId: a.flowId,
        name: names.get(a.flowId) ?? newest?.flowName ?? a.flowId,
        runs: a.runs,
        failed: a.failed,
        failureRate: a.failureRate,
        lastFailedRun: lastFailedRun && {
          id: lastFailedRun.id,
          createdAt: lastFailedRun.createdAt,
        },
      };
    })
    .sort((a, b) =>
      (b.lastFailedRun?.createdAt ?? '').localeCompare(a.lastFailedRun?.createdAt ?? ''),
    );
}

/** A bucket's start as the table shows it: a time for minute and hour buckets, else a date and time. */
export function bucketLabel(at: string, bucketSeconds: number): string {
  const date = new Date(at);
  if (bucketSeconds < 3600 * 6) return date.toLocaleTimeString(undefined, { timeStyle: 'short' });
  return date.toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: bucketSeconds < 86400 ? 'short' : undefined,
  });
}

export function percent(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}
