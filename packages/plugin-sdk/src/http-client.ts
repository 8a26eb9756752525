import { FatalError } from './errors.js';

/** The egress HTTP client a plugin receives as `ctx.http` (SSRF guard, timeouts, caps). */
export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean>;
  /** Objects are sent as JSON; strings and Buffers as they are. */
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
  /**
   * A redirect to another origin (scheme, host, port) fails the call instead of being
   * followed. The host sets it for steps that carry a named secret or a connection's
   * credential: wherever the credential sits (any header, the query, the body), it never
   * follows a redirect off the origin it was bound to.
   */
  sameOriginRedirectsOnly?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response says so, else text (capped, see SEC-4). */
  body: unknown;
}

/**
 * Thrown for a non-2xx answer: `status` drives retry classification (408, 425, 429, 5xx
 * retryable, other 4xx fatal); `retryAfterMs` comes from Retry-After. The message carries
 * the start of the receiver's body so step errors say what the receiver said.
 */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly response: HttpResponse,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** Thrown when the egress guard refuses a destination (never retried). */
export class EgressBlockedError extends FatalError {
  constructor(message: string) {
    super(message);
    this.name = 'EgressBlockedError';
  }
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}
