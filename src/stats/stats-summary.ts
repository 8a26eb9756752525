import { type DurationSummary, summarise } from './duration-histogram.js';
import type { CountRow } from './stats.repository.js';
import { bucketOf, type WindowPlan } from './stats-windows.js';

export const FINISHED = ['succeeded', 'failed', 'filtered', 'cancelled'] as const;
export const OPEN = ['queued', 'running', 'held'] as const;
type Finished = (typeof FINISHED)[number];

export interface StatsSummary {
  requests: { received: number; accepted: number; rejected: number; duplicates: number };
  rejectedByReason: Record<string, number>;
  runs: Record<Finished, number>;
  failedSteps: { action: string; errorCode: string | null; count: number }[];
  durationMs: DurationSummary;
  series: ({ at: string } & Record<Finished, number>)[];
}

const zeros = (): Record<Finished, number> => ({
  succeeded: 0,
  failed: 0,
  filtered: 0,
  cancelled: 0,
});

const add = (map: Map<string, number>, key: string, n: number) =>
  map.set(key, (map.get(key) ?? 0) + n);

/** Rollup rows and tail rows summed over a window: totals, percentiles and the series. */
export function summariseWindow(plan: WindowPlan, rows: CountRow[]): StatsSummary {
  const series = Array.from({ length: plan.buckets }, (_, i) => ({
    at: new Date(plan.from.getTime() + i * plan.bucketMs).toISOString(),
    ...zeros(),
  }));
  const totals = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const bucket = bucketOf(plan, new Date(row.at));
    if (bucket === undefined) continue;
    const metric = totals.get(row.metric) ?? new Map<string, number>();
    totals.set(row.metric, add(metric, row.key, row.n));
    if (row.metric === 'run' && (FINISHED as readonly string[]).includes(row.key))
      series[bucket][row.key as Finished] += row.n;
  }
  const of = (metric: string) => totals.get(metric) ?? new Map<string, number>();
  const sum = (metric: string) => [...of(metric).values()].reduce((a, b) => a + b, 0);
  const runs = zeros();
  for (const [status, n] of of('run')) if (status in runs) runs[status as Finished] += n;
  const histogram = new Map([...of('duration')].map(([k, n]) => [Number(k), n]));
  const requests = {
    accepted: sum('accepted'),
    rejected: sum('rejected'),
    duplicates: sum('duplicate'),
  };
  return {
    requests: {
      received: requests.accepted + requests.rejected + requests.duplicates,
      ...requests,
    },
    rejectedByReason: Object.fromEntries(
      [...of('rejected')].sort(([a], [b]) => a.localeCompare(b)),
    ),
    runs,
    failedSteps: [...of('step-failed')]
      .map(([key, count]) => {
        const [action, code] = key.split(' ');
        return { action, errorCode: code || null, count };
      })
      .sort((a, b) => b.count - a.count || a.action.localeCompare(b.action)),
    durationMs: summarise(histogram),
    series,
  };
}
