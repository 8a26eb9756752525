import type { Backoff, RetryPolicyInput } from './flow-definition.js';

export interface RetryPolicy {
  attempts: number;
  backoff: Backoff;
  delayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  attempts: 3,
  backoff: 'exponential',
  delayMs: 1000,
  maxDelayMs: 3_600_000,
};

/** ±20 % so that many failed steps do not all retry at the same instant. */
export const RETRY_JITTER = 0.2;

/** Field by field: the step's retry, then the action's default, then Flowhub's. */
export function resolveRetryPolicy(
  step?: RetryPolicyInput,
  action?: RetryPolicyInput,
): RetryPolicy {
  const pick = <K extends keyof RetryPolicy>(key: K): RetryPolicy[K] =>
    (step?.[key] ?? action?.[key] ?? DEFAULT_RETRY_POLICY[key]) as RetryPolicy[K];
  return {
    attempts: pick('attempts'),
    backoff: pick('backoff'),
    delayMs: pick('delayMs'),
    maxDelayMs: pick('maxDelayMs'),
  };
}

/**
 * Milliseconds to wait after attempt `failedAttempt` (1-based) failed, or undefined when no
 * attempt is left. At least `retryAfterMs` when the receiver asked for it; never above maxDelayMs.
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  options: { retryAfterMs?: number; random?: () => number } = {},
): number | undefined {
  if (failedAttempt >= policy.attempts) return undefined;
  const base =
    policy.backoff === 'fixed' ? policy.delayMs : policy.delayMs * 2 ** (failedAttempt - 1);
  const random = options.random ?? Math.random;
  const jittered = base * (1 + RETRY_JITTER * (2 * random() - 1));
  const wanted = Math.max(jittered, options.retryAfterMs ?? 0);
  return Math.max(0, Math.round(Math.min(wanted, policy.maxDelayMs)));
}
