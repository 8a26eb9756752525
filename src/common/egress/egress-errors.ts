/**
 * Errors of the egress client. They never carry the request options (whose headers may hold
 * secrets), name the request as `METHOD origin/path` (no query string, no credentials), and
 * say what happened through `name`/`code`, which classifyError (src/engine/step-errors.ts)
 * reads: AbortError/TimeoutError and network codes are retried; FatalError subclasses never.
 */
import { FatalError } from '../../engine/step-errors.js';

/** `POST https://host/path`: enough to recognise the call, nothing secret. */
export function describeRequest(method: string, url: string): string {
  try {
    const parsed = new URL(url);
    return `${method} ${parsed.origin}${parsed.pathname}`;
  } catch {
    return `${method} ${url}`;
  }
}

/** Connection refused, DNS failure, reset, TLS failure...: `code` is Node's (ECONNREFUSED). */
export class EgressNetworkError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'EgressNetworkError';
  }
}

/** The request's own timeout passed (all redirect hops share one deadline). */
export class EgressTimeoutError extends Error {
  readonly code = 'ETIMEDOUT';
  constructor(message: string) {
    super(message);
    this.name = 'TimeoutError';
  }
}

/** The caller's signal aborted the request (the step timed out). */
export class EgressAbortError extends Error {
  readonly code = 'ABORT_ERR';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AbortError';
  }
}

/** The answer was larger than the cap (SEC-4); asking again would get the same answer. */
export class ResponseTooLargeError extends FatalError {
  readonly code = 'ERR_RESPONSE_TOO_LARGE';
  constructor(message: string) {
    super(message);
    this.name = 'ResponseTooLargeError';
  }
}

/** More redirect hops than allowed, or a redirect loop. */
export class TooManyRedirectsError extends FatalError {
  readonly code = 'ERR_TOO_MANY_REDIRECTS';
  constructor(message: string) {
    super(message);
    this.name = 'TooManyRedirectsError';
  }
}
