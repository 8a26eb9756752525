/**
 * The one HTTP client for everything Flowhub sends out (SEC-1..SEC-4): the guarded agents
 * (egress-agents.ts) judge the address each connection really goes to, redirects are followed
 * by hand with every hop checked again, bodies are capped, non-2xx answers throw
 * HttpStatusError.
 */
import { STATUS_CODES } from 'node:http';
import { FatalError } from '../../engine/step-errors.js';
import {
  EgressBlockedError,
  HttpStatusError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '@flowhub/plugin-sdk';
import { createEgressAgents, refusedAddress, type EgressAgents } from './egress-agents.js';
import {
  bodyExcerpt,
  decodeResponseBody,
  encodeRequestBody,
  flattenHeaders,
  parseRetryAfter,
} from './egress-body.util.js';
import {
  describeRequest,
  EgressAbortError,
  EgressNetworkError,
  EgressTimeoutError,
  ResponseTooLargeError,
  TooManyRedirectsError,
} from './egress-errors.js';
import {
  blockedMessage,
  blockedReason,
  invalidCidrs,
  isAllowedHost,
  urlProblem,
  type EgressPolicy,
  type UrlProblem,
} from './egress-policy.js';
import { isRedirect, nextHop, type Hop } from './egress-redirect.util.js';
import { BodyOverCapError, exchange, type TransportResponse } from './egress-transport.js';

export { parseRetryAfter } from './egress-body.util.js';

export interface EgressClientOptions extends EgressPolicy {
  /** Response bodies are read up to this many bytes, else the call fails (SEC-4). 1 MiB. */
  maxResponseBytes?: number;
  /** Used when a request names no timeoutMs; covers every redirect hop. 30 s. */
  defaultTimeoutMs?: number;
  /** Redirect hops followed (0: a 3xx answer is an HttpStatusError). 5. */
  maxRedirects?: number;
}

/** @deprecated name kept for the first callers; use EgressClientOptions. */
export type EgressOptions = EgressClientOptions;

export interface EgressClient extends HttpClient {
  /** Closes pooled connections (shutdown). */
  close(): void;
}

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_EGRESS_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_REDIRECTS = 5;
/** Origins whose verdict (allowed or why not) is kept; the map starts over when full. */
const MAX_VERDICTS = 500;

interface Call {
  first: Hop;
  /** Aborted by the deadline or by the caller's signal, whichever comes first. */
  signal: AbortSignal;
  timedOut: boolean;
  caller?: AbortSignal;
  timeoutMs: number;
  /** sameOriginRedirectsOnly: the origin every hop must stay on. */
  pinnedOrigin?: string;
  /** Stops the deadline timer and lets go of the caller's signal. */
  end(): void;
}

class GuardedHttpClient implements EgressClient {
  private readonly agents: EgressAgents;
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;
  private readonly verdicts = new Map<string, UrlProblem | undefined>();

  constructor(private readonly policy: EgressClientOptions) {
    const invalid = invalidCidrs(policy.allowCidrs);
    if (invalid.length > 0) {
      throw new Error(
        `FLOWHUB_EGRESS_ALLOW_CIDRS has entries that are not CIDR ranges: ${invalid.join(', ')} (e.g. 10.0.0.0/8, fd00::/8)`,
      );
    }
    this.maxBytes = policy.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.timeoutMs = policy.defaultTimeoutMs ?? DEFAULT_EGRESS_TIMEOUT_MS;
    this.maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.agents = createEgressAgents(policy.allowCidrs);
  }

  async request(request: HttpRequest): Promise<HttpResponse> {
    const call = this.start(request);
    try {
      return await this.follow(request, call);
    } finally {
      call.end();
    }
  }

  private async follow(request: HttpRequest, call: Call): Promise<HttpResponse> {
    let hop = call.first;
    for (let redirects = 0; ; redirects += 1) {
      const response = await this.send(hop, call);
      const headers = flattenHeaders(response.headers);
      if (isRedirect(response.status) && headers.location && this.maxRedirects > 0) {
        if (redirects >= this.maxRedirects) {
          throw new TooManyRedirectsError(
            `${describeRequest(call.first.method, request.url)} redirected more than ${this.maxRedirects} times (last to ${describeRequest(hop.method, hop.url)})`,
          );
        }
        hop = this.redirect(hop, response.status, headers.location, call.pinnedOrigin);
        continue;
      }
      const result: HttpResponse = {
        status: response.status,
        headers,
        body: decodeResponseBody(response.data, headers['content-type']),
      };
      if (response.status >= 200 && response.status < 300) return result;
      throw this.statusError(hop, response, result);
    }
  }

  close(): void {
    this.agents.destroy();
  }

  private start(request: HttpRequest): Call {
    const method = request.method.toUpperCase();
    this.check(method, request.url);
    const url = new URL(request.url);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      url.searchParams.append(key, String(value));
    }
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const caller = request.signal;
    if (caller?.aborted) {
      throw new EgressAbortError(
        `${describeRequest(method, request.url)} was aborted before it started`,
        {
          cause: caller.reason,
        },
      );
    }
    const { data, headers } = encodeRequestBody(request.body, { ...request.headers });
    // One controller and one timer: cheaper than AbortSignal.timeout + AbortSignal.any.
    const controller = new AbortController();
    const onAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener('abort', onAbort, { once: true });
    const call: Call = {
      first: { method, url: url.toString(), headers, body: data },
      signal: controller.signal,
      timedOut: false,
      caller,
      timeoutMs,
      pinnedOrigin: request.sameOriginRedirectsOnly ? url.origin : undefined,
      end: () => {
        clearTimeout(timer);
        caller?.removeEventListener('abort', onAbort);
      },
    };
    const timer = setTimeout(() => {
      call.timedOut = true;
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
    }, timeoutMs);
    return call;
  }

  /**
   * Scheme and literal addresses before connecting; DNS names are judged at connect time.
   * The verdict depends only on scheme and host, so it is kept per origin (a few hundred).
   */
  private check(method: string, url: string, from?: Hop): void {
    const problem = this.problemOf(url);
    if (!problem) return;
    const via = from ? ` (redirected from ${describeRequest(from.method, from.url)})` : '';
    const message = `${describeRequest(method, url)}${via} refused: ${problem.message}`;
    throw problem.kind === 'blocked' ? new EgressBlockedError(message) : new FatalError(message);
  }

  private problemOf(url: string): UrlProblem | undefined {
    const origin = URL.canParse(url) ? new URL(url).origin : undefined;
    if (origin === undefined || origin === 'null') return urlProblem(url, this.policy);
    if (this.verdicts.has(origin)) return this.verdicts.get(origin);
    const problem = urlProblem(url, this.policy);
    if (this.verdicts.size >= MAX_VERDICTS) this.verdicts.clear();
    this.verdicts.set(origin, problem);
    return problem;
  }

  private redirect(hop: Hop, status: number, location: string, pinnedOrigin?: string): Hop {
    let next: Hop;
    try {
      next = nextHop(hop, status, location);
    } catch {
      throw new FatalError(
        `${describeRequest(hop.method, hop.url)} answered ${status} with an unusable Location header`,
      );
    }
    const origin = new URL(next.url).origin;
    if (pinnedOrigin !== undefined && origin !== pinnedOrigin) {
      throw new FatalError(
        `${describeRequest(hop.method, hop.url)} answered ${status}, a redirect to ${origin}, another origin: ` +
          `not followed, so the step's credential was not sent there (it may only go to ${pinnedOrigin}); call the final URL directly`,
      );
    }
    this.check(next.method, next.url, hop);
    return next;
  }

  private async send(hop: Hop, call: Call): Promise<TransportResponse> {
    const { protocol, hostname } = new URL(hop.url);
    const agents = isAllowedHost(hostname, this.policy.allowHosts)
      ? this.agents.trusted
      : this.agents.guarded;
    try {
      return await exchange(hop, {
        agent: protocol === 'https:' ? agents.https : agents.http,
        signal: call.signal,
        maxBytes: this.maxBytes,
      });
    } catch (error) {
      throw this.translate(error, hop, call);
    }
  }

  private statusError(
    hop: Hop,
    response: TransportResponse,
    result: HttpResponse,
  ): HttpStatusError {
    const reason = response.statusText || STATUS_CODES[response.status] || '';
    const excerpt = bodyExcerpt(result.body);
    const message =
      `${describeRequest(hop.method, hop.url)} answered ${response.status}` +
      `${reason ? ` ${reason}` : ''}${excerpt ? `: ${excerpt}` : ''}`;
    return new HttpStatusError(
      response.status,
      message,
      result,
      parseRetryAfter(result.headers['retry-after']),
    );
  }

  /** Plain errors that say what happened, never the request (its headers may hold secrets). */
  private translate(error: unknown, hop: Hop, call: Call): Error {
    const what = describeRequest(hop.method, hop.url);
    if (call.timedOut) {
      return new EgressTimeoutError(`${what} timed out after ${call.timeoutMs} ms`);
    }
    if (call.caller?.aborted) {
      return new EgressAbortError(`${what} was aborted`, { cause: call.caller.reason });
    }
    const address = refusedAddress(error);
    if (address !== undefined) {
      const host = new URL(hop.url).hostname.replace(/^\[(.*)\]$/, '$1');
      const reason = blockedReason(address, this.policy.allowCidrs) ?? 'not allowed';
      return new EgressBlockedError(`${what} refused: ${blockedMessage(host, address, reason)}`);
    }
    if (error instanceof BodyOverCapError) {
      return new ResponseTooLargeError(
        `${what} answered with a body over the ${this.maxBytes}-byte egress limit; it was not read (ask the receiver for less data)`,
      );
    }
    const failure = error as { message?: string; code?: string; cause?: { message?: string } };
    const detail = failure.message || failure.cause?.message || failure.code || 'unknown error';
    return new EgressNetworkError(`${what} failed: ${detail}`, failure.code ?? 'ERR_NETWORK');
  }
}

/**
 * One client per process: allowCidrs open internal ranges, allowHosts open host names (they
 * may resolve anywhere but 0.0.0.0/::). Throws at construction on an invalid CIDR.
 */
export function createEgressClient(options: EgressClientOptions): EgressClient {
  return new GuardedHttpClient(options);
}
