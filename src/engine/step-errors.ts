/**
 * How a step failure is classified. Plugins throw RetryableError or FatalError (re-exported
 * by the plugin SDK); errors carrying an HTTP `status` are classified by it; anything else
 * (network errors, timeouts, bugs) is retryable.
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

export interface ClassifiedError {
  retryable: boolean;
  message: string;
  retryAfterMs?: number;
  /** e.g. `http_503`, `timeout`, `fatal`, `retryable`, `network` */
  code: string;
}

const RETRYABLE_STATUS = new Set([408, 425, 429]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status) || status >= 500;
}

export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof FatalError)
    return { retryable: false, message: error.message, code: 'fatal' };
  if (error instanceof RetryableError) {
    return {
      retryable: true,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      code: 'retryable',
    };
  }
  const candidate = error as {
    status?: unknown;
    retryAfterMs?: unknown;
    message?: unknown;
    name?: unknown;
    code?: unknown;
  };
  const message = typeof candidate?.message === 'string' ? candidate.message : String(error);
  if (typeof candidate?.status === 'number') {
    const retryAfterMs =
      typeof candidate.retryAfterMs === 'number' ? candidate.retryAfterMs : undefined;
    return {
      retryable: isRetryableStatus(candidate.status),
      message,
      retryAfterMs,
      code: `http_${candidate.status}`,
    };
  }
  if (candidate?.name === 'AbortError' || candidate?.name === 'TimeoutError') {
    return { retryable: true, message, code: 'timeout' };
  }
  return {
    retryable: true,
    message,
    code: typeof candidate?.code === 'string' ? candidate.code : 'error',
  };
}
