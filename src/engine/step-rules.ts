/**
 * The rules every step attempt follows, in one place: how long it may take, how long its
 * lease lasts, and the idempotency key a plugin sees. Pure: the executor, the step attempt
 * and replay planning read them from here.
 */

/** A step's time budget when its definition sets no `timeoutMs`. */
export const DEFAULT_STEP_TIMEOUT_MS = 30_000;

/** Extra lease beyond the step's timeout before the reconciler assumes the worker died. */
export const LEASE_MARGIN_MS = 5_000;

export interface TimedStep {
  timeoutMs?: number;
}

/** How long one attempt of the step may run before it is aborted. */
export function stepTimeoutMs(step: TimedStep): number {
  return step.timeoutMs ?? DEFAULT_STEP_TIMEOUT_MS;
}

/** How long a claimed attempt holds its lease (renewed after each forEach item). */
export function stepLeaseMs(step: TimedStep): number {
  return stepTimeoutMs(step) + LEASE_MARGIN_MS;
}

/**
 * `<runId>:<stepId>`: the key a step's side effects are deduplicated on, stable across its
 * retries and re-drives. `keysFrom` is the run whose keys a replay keeps (the run itself
 * otherwise); a fresh replay passes its own id and so gets new keys.
 */
export function stepIdempotencyKey(keysFrom: string, stepId: string): string {
  return `${keysFrom}:${stepId}`;
}

/** `<step key>:<index>`: one forEach item's key. */
export function itemIdempotencyKey(stepKey: string, index: number): string {
  return `${stepKey}:${index}`;
}
