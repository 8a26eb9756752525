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

/** 2^52 already exceeds any sane maxDelayMs; a larger exponent could make 0 * Infinity = NaN. */
const MAX_EXPONENT = 52;

const finiteOr = (value: number | undefined, fallback: number) =>
  value !== undefined && Number.isFinite(value) ? value : fallback;

/**
 * Milliseconds to wait after attempt `failedAttempt` (1-based) failed, or undefined when no
 * attempt is left. The base delay (doubled per attempt when exponential) is jittered by
 * ±RETRY_JITTER, raised to `retryAfterMs` when the receiver asked for it, capped at maxDelayMs.
 * Always a whole number of milliseconds >= 0.
 */
export function nextRetryDelayMs(
  policy: RetryPolicy,
  failedAttempt: number,
  options: { retryAfterMs?: number; random?: () => number } = {},
): number | undefined {
  if (failedAttempt >= policy.attempts) return undefined;
  const exponent = Math.min(Math.max(Math.floor(failedAttempt), 1) - 1, MAX_EXPONENT);
  const base = policy.backoff === 'fixed' ? policy.delayMs : policy.delayMs * 2 ** exponent;
  const random = Math.min(Math.max(finiteOr((options.random ?? Math.random)(), 0.5), 0), 1);
  const jittered = base * (1 + RETRY_JITTER * (2 * random - 1));
  const wanted = Math.max(jittered, finiteOr(options.retryAfterMs, 0));
  const capped = Math.min(wanted, finiteOr(policy.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs));
  return Math.max(0, Math.round(finiteOr(capped, 0)));
}
