/** An action's default retry policy (a step's `retry` overrides it). */
export interface RetryPolicyInput {
  /** Attempts in all, the first one included. */
  attempts?: number;
  backoff?: 'fixed' | 'exponential';
  delayMs?: number;
  maxDelayMs?: number;
}
