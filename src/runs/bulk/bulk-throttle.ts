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

/** The defaults of FLOWHUB_BULK_* (src/config/env.schema.ts). */
export const DEFAULT_BULK_THROTTLE: BulkThrottle = {
  batchSize: 50,
  pauseMs: 200,
  perSecond: 100,
  maxRuns: 100_000,
};

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
