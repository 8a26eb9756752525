/** OUT-5: after the first attempt, 1 min, 5 min, 30 min, 2 h (seconds). */
export const DEFAULT_RETRY_SCHEDULE = [60, 300, 1800, 7200];
/** OUT-8: a subscription is disabled after this many exhausted deliveries in a row. */
export const MAX_CONSECUTIVE_FAILURES = 5;
/** A Retry-After longer than this is treated as this (seconds). */
const MAX_RETRY_AFTER_S = 6 * 3600;
const JITTER = 0.2;

export type AttemptVerdict = 'succeeded' | 'retry' | 'failed' | 'gone';

/**
 * OUT-6: 2xx succeeds; 410 disables the subscription; 408, 429 and 5xx are retried, as is
 * any network failure (status 0) except a destination the egress guard refuses; 3xx (never
 * followed) and other 4xx fail at once.
 */
export function verdictOf(status: number, errorClass?: string): AttemptVerdict {
  if (status >= 200 && status < 300) return 'succeeded';
  if (status === 410) return 'gone';
  if (status === 0) return errorClass === 'blocked' ? 'failed' : 'retry';
  if (status === 408 || status === 429 || status >= 500) return 'retry';
  return 'failed';
}

/**
 * Milliseconds until the attempt after `attempt` (1-based), or undefined when the schedule
 * is used up. The schedule's delay gets ±20 % jitter; a Retry-After pushes it later, never earlier.
 */
export function nextDelayMs(
  schedule: readonly number[],
  attempt: number,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number | undefined {
  const base = schedule[attempt - 1];
  if (base === undefined) return undefined;
  const jittered = base * 1000 * (1 - JITTER + 2 * JITTER * random());
  const asked = Math.min(retryAfterMs ?? 0, MAX_RETRY_AFTER_S * 1000);
  return Math.round(Math.max(jittered, asked));
}
