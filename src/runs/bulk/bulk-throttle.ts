/**
 * How fast a bulk job goes, so it never starves live traffic: runs are taken `batchSize` at a
 * time, with `pauseMs` between batches, and acted on (a replay enqueues a start job) at most
 * `perSecond` a second. `maxRuns` bounds what one job may reach (and what a body match may scan).
 */
export interface BulkThrottle {
  batchSize: number;
  pauseMs: number;
  perSecond: number;
  maxRuns: number;
}

export const DEFAULT_BULK_THROTTLE: BulkThrottle = {
  batchSize: 50,
  pauseMs: 200,
  perSecond: 100,
  maxRuns: 100_000,
};

const VARIABLES: Record<keyof BulkThrottle, { name: string; min: number; max: number }> = {
  batchSize: { name: 'FLOWHUB_BULK_BATCH_SIZE', min: 1, max: 1000 },
  pauseMs: { name: 'FLOWHUB_BULK_PAUSE_MS', min: 0, max: 60_000 },
  perSecond: { name: 'FLOWHUB_BULK_RUNS_PER_SECOND', min: 1, max: 10_000 },
  maxRuns: { name: 'FLOWHUB_BULK_MAX_RUNS', min: 1, max: 10_000_000 },
};

/** The throttle from the environment (unset: the defaults); a bad value names its variable. */
export function bulkThrottleFrom(env: Record<string, string | undefined>): BulkThrottle {
  const throttle = { ...DEFAULT_BULK_THROTTLE };
  for (const key of Object.keys(VARIABLES) as (keyof BulkThrottle)[]) {
    const { name, min, max } = VARIABLES[key];
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
      throw new Error(`${name} must be an integer between ${min} and ${max} (got '${raw}')`);
    throttle[key] = value;
  }
  return throttle;
}

/**
 * How long to wait before acting on the `index`th run (0-based) of a pass that began at
 * `startedAt`, so that at most `perSecond` runs are acted on in any second.
 */
export function delayBefore(
  index: number,
  startedAt: number,
  now: number,
  perSecond: number,
): number {
  return Math.max(0, startedAt + (index * 1000) / perSecond - now);
}

/** A lease long enough for one batch at the throttled rate, with room to spare. */
export function leaseMsFor(throttle: BulkThrottle): number {
  return 30_000 + Math.ceil((2 * throttle.batchSize * 1000) / throttle.perSecond);
}
