/**
 * An HTTP client that answers from recorded exchanges, in order, and never opens a socket.
 * A request that differs from the next recorded one (method, URL with its query, the recorded
 * headers, the body) is refused and remembered, so the test fails even if the action
 * swallowed the error.
 */
import { isDeepStrictEqual } from 'node:util';
import {
  HttpStatusError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../http-client.js';

export interface RecordedRequest {
  method: string;
  /** The full URL, query string included. */
  url: string;
  /** Only these headers are compared (names case-insensitive); others may differ. */
  headers?: Record<string, string>;
  /** The body as sent (JSON bodies as JSON); absent when the request has none. */
  body?: unknown;
}

export interface RecordedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedExchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

function fullUrl(request: HttpRequest): string {
  const url = new URL(request.url);
  for (const [key, value] of Object.entries(request.query ?? {}))
    url.searchParams.append(key, String(value));
  return url.href;
}

function sameUrl(actual: string, recorded: string): boolean {
  const [a, b] = [new URL(actual), new URL(recorded)];
  const params = (url: URL) => [...url.searchParams.entries()].map((e) => e.join('=')).sort();
  return (
    a.origin === b.origin && a.pathname === b.pathname && isDeepStrictEqual(params(a), params(b))
  );
}

function bodyOf(body: unknown): unknown {
  if (Buffer.isBuffer(body)) body = body.toString('utf8');
  if (typeof body !== 'string')
    return body === undefined ? undefined : JSON.parse(JSON.stringify(body));
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** What differs between the request made and the one recorded (empty: they match). */
export function requestDifferences(request: HttpRequest, recorded: RecordedRequest): string[] {
  const found: string[] = [];
  const url = fullUrl(request);
  if (request.method.toUpperCase() !== recorded.method.toUpperCase())
    found.push(`method ${request.method.toUpperCase()}, recorded ${recorded.method}`);
  if (!sameUrl(url, recorded.url)) found.push(`URL ${url}, recorded ${recorded.url}`);
  const headers = Object.fromEntries(
    Object.entries(request.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  for (const [name, value] of Object.entries(recorded.headers ?? {})) {
    const sent = headers[name.toLowerCase()];
    if (sent !== value) found.push(`header ${name}: ${sent ?? '(none)'}, recorded ${value}`);
  }
  const [sent, expected] = [bodyOf(request.body), bodyOf(recorded.body)];
  if (!isDeepStrictEqual(sent, expected))
    found.push(`body ${JSON.stringify(sent)}, recorded ${JSON.stringify(expected)}`);
  return found;
}

function answer(request: HttpRequest, recorded: RecordedResponse): HttpResponse {
  const headers = Object.fromEntries(
    Object.entries(recorded.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const response = { status: recorded.status, headers, body: recorded.body ?? '' };
  if (recorded.status >= 200 && recorded.status < 300) return response;
  const seconds = Number(headers['retry-after']);
  const excerpt = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  throw new HttpStatusError(
    recorded.status,
    `${request.method.toUpperCase()} ${new URL(request.url).origin} answered ${recorded.status}: ${excerpt.slice(0, 200)}`,
    response,
    Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined,
  );
}

export interface ReplayHttp {
  client: HttpClient;
  /** Throws for the first request that did not match its recording (or had none). */
  assertNoMismatch(): void;
  /** Throws when recorded exchanges were never requested. */
  assertAllUsed(): void;
}

export function replayHttp(exchanges: readonly RecordedExchange[]): ReplayHttp {
  let next = 0;
  const mismatches: string[] = [];
  const refuse = (message: string) => {
    mismatches.push(message);
    return Promise.reject(new Error(message));
  };
  const client: HttpClient = {
    request: async (request) => {
      const at = next;
      const recorded = exchanges[at];
      const what = `request ${at + 1} (${request.method.toUpperCase()} ${fullUrl(request)})`;
      if (!recorded)
        return refuse(`${what} was not recorded (the fixture has ${exchanges.length})`);
      const differences = requestDifferences(request, recorded.request);
      if (differences.length > 0)
        return refuse(`${what} differs from the recording: ${differences.join('; ')}`);
      next += 1;
      return answer(request, recorded.response);
    },
  };
  return {
    client,
    assertNoMismatch: () => {
      if (mismatches.length > 0) throw new Error(mismatches[0]);
    },
    assertAllUsed: () => {
      if (next < exchanges.length) {
        const unused = exchanges.slice(next).map((e) => `${e.request.method} ${e.request.url}`);
        throw new Error(`recorded requests were never made: ${unused.join(', ')}`);
      }
    },
  };
}
