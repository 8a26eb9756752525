import { describe, expect, it } from 'vitest';
import type { Run } from '../../api/client';
import {
  busyBuckets,
  chartData,
  failingFlows,
  rejectionRows,
  runsSentence,
  type FlowActivity,
  type SeriesPoint,
  type Stats,
} from './overview-data';

const point = (at: string, succeeded = 0, failed = 0): SeriesPoint => ({
  at,
  succeeded,
  failed,
  filtered: 0,
  cancelled: 0,
});

describe('chartData', () => {
  it('gives uPlot the bucket starts in seconds and one array per status, in legend order', () => {
    const series = [
      point('2026-12-03T10:00:00.000Z', 3, 1),
      point('2026-12-03T10:01:00.000Z', 0, 2),
    ];
    expect(chartData(series)).toEqual([
      [Date.parse('2026-12-03T10:00:00Z') / 1000, Date.parse('2026-12-03T10:01:00Z') / 1000],
      [3, 0],
      [1, 2],
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('the text alternative', () => {
  it('lists only the buckets that had runs and says the totals in words', () => {
    const series = [point('a'), point('b', 1), point('c', 0, 4)];
    expect(busyBuckets(series).map((p) => p.at)).toEqual(['b', 'c']);
    const runs = { succeeded: 3, failed: 2, filtered: 0, cancelled: 0 };
    expect(runsSentence(runs, 'in the last hour')).toBe(
      '5 runs finished in the last hour: 3 succeeded, 2 failed.',
    );
    expect(runsSentence({ ...runs, succeeded: 0, failed: 1 }, 'in the last hour')).toBe(
      '1 run finished in the last hour: 1 failed.',
    );
    expect(runsSentence({ ...runs, succeeded: 0, failed: 0 }, 'in the last 7 days')).toBe(
      'No run finished in the last 7 days.',
    );
  });
});

describe('rejectionRows', () => {
  it('orders reasons by count, then name', () => {
    const stats = {
      rejectedByReason: { 'bad-signature': 2, 'body-too-large': 5, 'ip-not-allowed': 2 },
    };
    expect(rejectionRows(stats as unknown as Stats)).toEqual([
      { reason: 'body-too-large', count: 5 },
      { reason: 'bad-signature', count: 2 },
      { reason: 'ip-not-allowed', count: 2 },
    ]);
  });
});

describe('failingFlows', () => {
  const activity = (flowId: string, last: string | null, runs: number, failed: number) =>
    ({
      flowId,
      lastRun: last
        ? { id: `${flowId}-last`, status: last, createdAt: `2026-12-03T10:0${runs}:00Z` }
        : null,
      runs,
      failed,
      failureRate: runs ? failed / runs : null,
    }) as FlowActivity;
  const failedRun = (flowId: string, id: string, createdAt: string) =>
    ({ id, flowId, flowName: `${flowId} (from run)`, createdAt, status: 'failed' }) as Run;

  it('picks flows whose last run failed or half of whose recent runs failed', () => {
    const flows = failingFlows(
      [
        activity('ok', 'succeeded', 4, 0),
        activity('last-failed', 'failed', 1, 1),
        activity('flaky', 'succeeded', 4, 2),
        activity('rare', 'succeeded', 5, 1),
        activity('idle', null, 0, 0),
      ],
      new Map([['last-failed', 'Orders']]),
      [failedRun('flaky', 'r2', '2026-12-03T10:05:00Z')],
    );
    expect(flows.map((f) => [f.flowId, f.name, f.lastFailedRun?.id])).toEqual([
      ['flaky', 'flaky (from run)', 'r2'],
      ['last-failed', 'Orders', 'last-failed-last'],
    ]);
  });

  it('links the newest failed run of the flow, not its last run when that succeeded', () => {
    const [flow] = failingFlows([activity('f', 'succeeded', 2, 1)], new Map([['f', 'F']]), [
      failedRun('g', 'other', '2026-12-03T10:09:00Z'),
      failedRun('f', 'mine', '2026-12-03T10:01:00Z'),
    ]);
    expect(flow).toEqual({
      flowId: 'f',
      name: 'F',
      runs: 2,
      failed: 1,
      failureRate: 0.5,
      lastFailedRun: { id: 'mine', createdAt: '2026-12-03T10:01:00Z' },
    });
  });
});
