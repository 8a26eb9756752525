/**
 * What a plugin throws to say how a failure is retried: FatalError never, RetryableError
 * (optionally after `retryAfterMs`). Errors carrying an HTTP `status` are classified by it;
 * anything else (network errors, timeouts, bugs) is retryable. The host classifies with these
 * very classes (src/engine/step-errors.ts re-exports them).
 */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** Wait at least this long before the next attempt (e.g. from Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}

export class FatalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FatalError';
  }
}
