/**
 * How a step failure is classified. Plugins throw RetryableError or FatalError from
 * @flowhub/plugin-sdk (the engine classifies with those very classes, re-exported here);
 * errors carrying an HTTP `status` are classified by it; anything else (network errors,
 * timeouts, bugs) is retryable.
 */
import { FatalError, RetryableError } from '@flowhub/plugin-sdk';

export { FatalError, RetryableError };

/**
 * What a failed step's `errorCode` can be: Flowhub's own codes, `http_<status>` for an HTTP
 * error status, or a Node or egress code passed through as it is (`ECONNREFUSED`,
 * `ETIMEDOUT`, `ERR_RESPONSE_TOO_LARGE`, ...). Any other thrown code becomes `error`.
 */
export type StepErrorCode =
  | 'fatal'
  | 'retryable'
  | 'timeout'
  | 'attempts_exhausted'
  | 'error'
  | `http_${number}`
  | SystemErrorCode;

/** A code in the form Node and the egress client use: upper case, digits and underscores (at most 40). */
export type SystemErrorCode = Uppercase<string>;

const SYSTEM_CODE = /^[A-Z][A-Z0-9_]{0,39}$/; // error_code is varchar(64)

function systemCode(code: unknown): SystemErrorCode | undefined {
  return typeof code === 'string' && SYSTEM_CODE.test(code) ? (code as SystemErrorCode) : undefined;
}

export interface ClassifiedError {
  retryable: boolean;
  message: string;
  retryAfterMs?: number;
  code: StepErrorCode;
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
    code: systemCode(candidate?.code) ?? 'error',
  };
}
