/**
 * The windows GET /stats answers, each a fixed number of buckets ending with the current
 * (partial) one, aligned to UTC: 1h = 60 one-minute buckets, 24h = 24 one-hour buckets,
 * 7d = 28 six-hour buckets, 30d = 30 one-day buckets.
 */
export const STATS_WINDOWS = ['1h', '24h', '7d', '30d'] as const;
export type StatsWindow = (typeof STATS_WINDOWS)[number];

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Rollup rows by how much time each covers: minute, hour, day. */
export type Grain = 'm' | 'h' | 'd';

interface WindowShape {
  bucketMs: number;
  buckets: number;
  /** The coarsest rollup rows this window reads for complete periods. */
  coarsest: Grain;
}

const SHAPES: Record<StatsWindow, WindowShape> = {
  '1h': { bucketMs: MINUTE, buckets: 60, coarsest: 'm' },
  '24h': { bucketMs: HOUR, buckets: 24, coarsest: 'h' },
  '7d': { bucketMs: 6 * HOUR, buckets: 28, coarsest: 'h' },
  '30d': { bucketMs: DAY, buckets: 30, coarsest: 'd' },
};

/** A half-open time range [from, to) of rollup rows of one grain. */
export interface GrainRange {
  grain: Grain;
  from: Date;
  to: Date;
}

export interface WindowPlan {
  from: Date;
  bucketMs: number;
  buckets: number;
  /** Which settled rollup rows cover which part of the window (complete days, hours, minutes). */
  ranges: GrainRange[];
  /** From here on, minute rows still growing (the watermark's minute and later) and the tail. */
  recentFrom: Date;
}

const floor = (ms: number, step: number) => Math.floor(ms / step) * step;

/**
 * The window's start and the rollup rows that cover it: day rows exist for days before the
 * day of the rollup's watermark, hour rows for hours before its hour, settled minute rows for
 * minutes before its minute; minute rows from its minute on are still growing.
 */
export function planWindow(window: StatsWindow, now: Date, rolledTo: Date): WindowPlan {
  const { bucketMs, buckets, coarsest } = SHAPES[window];
  const start = floor(now.getTime(), bucketMs) - (buckets - 1) * bucketMs;
  const dayEdge = Math.max(start, floor(rolledTo.getTime(), DAY));
  const hourEdge = Math.max(start, floor(rolledTo.getTime(), HOUR));
  const minuteEdge = Math.max(start, floor(rolledTo.getTime(), MINUTE));
  const at = (ms: number) => new Date(ms);
  let ranges: GrainRange[];
  if (coarsest === 'm') ranges = [{ grain: 'm', from: at(start), to: at(minuteEdge) }];
  else if (coarsest === 'h')
    ranges = [
      { grain: 'h', from: at(start), to: at(hourEdge) },
      { grain: 'm', from: at(hourEdge), to: at(minuteEdge) },
    ];
  else
    ranges = [
      { grain: 'd', from: at(start), to: at(dayEdge) },
      { grain: 'h', from: at(dayEdge), to: at(hourEdge) },
      { grain: 'm', from: at(hourEdge), to: at(minuteEdge) },
    ];
  return { from: at(start), bucketMs, buckets, ranges, recentFrom: at(minuteEdge) };
}

/** The bucket a time falls in, or undefined outside the window. */
export function bucketOf(plan: WindowPlan, at: Date): number | undefined {
  const index = Math.floor((at.getTime() - plan.from.getTime()) / plan.bucketMs);
  return index >= 0 && index < plan.buckets ? index : undefined;
}
