import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import {
  EgressBlockedError,
  HttpStatusError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../../plugin-sdk/http-client.js';
import { FatalError } from '../../engine/step-errors.js';
import { checkUrl, isAllowedHost, type EgressPolicy } from './egress-policy.js';

export interface EgressOptions extends EgressPolicy {
  /** Response bodies are read up to this size (SEC-4). Default 1 MiB. */
  maxResponseBytes?: number;
  defaultTimeoutMs?: number;
  maxRedirects?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_RETRY_AFTER_MS = 3_600_000;

export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms)
    ? Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS)
    : undefined;
}

function headersOf(response: AxiosResponse): Record<string, string> {
  return Object.fromEntries(
    Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]),
  );
}

function bodyOf(response: AxiosResponse<Buffer>): unknown {
  const text = Buffer.from(response.data ?? []).toString('utf8');
  if (/json/i.test(String(response.headers['content-type'] ?? ''))) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function encode(body: unknown, headers: Record<string, string>): Buffer | string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type'))
    headers['content-type'] = 'application/json';
  return JSON.stringify(body);
}

/**
 * The one HTTP client for everything Flowhub sends out. Its agents check the resolved IP at
 * connect time (so DNS rebinding fails); redirects are followed by hand and each hop is
 * checked again; bodies are capped; non-2xx answers throw HttpStatusError.
 */
export function createEgressClient(options: EgressOptions): HttpClient {
  const filter = {
    allowIPAddressList: options.allowCidrs,
    allowPrivateIPAddress: false,
    allowMetaIPAddress: false,
  };
  const guarded = axios.create({
    httpAgent: new RequestFilteringHttpAgent({ keepAlive: true, ...filter }),
    httpsAgent: new RequestFilteringHttpsAgent({ keepAlive: true, ...filter }),
  });
  const trusted = axios.create({
    httpAgent: new HttpAgent({ keepAlive: true }),
    httpsAgent: new HttpsAgent({ keepAlive: true }),
  });
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  const pick = (url: string): AxiosInstance =>
    isAllowedHost(new URL(url).hostname, options.allowHosts) ? trusted : guarded;

  const send = async (request: HttpRequest, url: string) => {
    const problem = checkUrl(url, options);
    if (problem) throw new EgressBlockedError(`${request.method} ${url} refused: ${problem}`);
    const headers = { ...request.headers };
    const data = encode(request.body, headers);
    try {
      return await pick(url).request<Buffer>({
        method: request.method,
        url,
        params: request.query,
        headers,
        data,
        timeout: request.timeoutMs ?? options.defaultTimeoutMs ?? 30_000,
        signal: request.signal,
        maxRedirects: 0,
        maxContentLength: maxBytes,
        responseType: 'arraybuffer',
        validateStatus: () => true,
        transformResponse: (raw: Buffer) => raw,
      });
    } catch (error) {
      throw translate(error, request.method, url, maxBytes);
    }
  };

  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      let url = request.url;
      for (let hop = 0; ; hop += 1) {
        const response = await send(request, url);
        const location = response.headers.location;
        if (REDIRECTS.has(response.status) && typeof location === 'string') {
          if (hop >= (options.maxRedirects ?? 5))
            throw new Error(`${request.method} ${request.url}: too many redirects`);
          url = new URL(location, url).toString();
          continue;
        }
        const result = {
          status: response.status,
          headers: headersOf(response),
          body: bodyOf(response),
        };
        if (response.status >= 200 && response.status < 300) return result;
        throw statusError(request.method, url, result);
      }
    },
  };
}

function statusError(method: string, url: string, response: HttpResponse): HttpStatusError {
  const excerpt = (
    typeof response.body === 'string' ? response.body : JSON.stringify(response.body)
  ).slice(0, 500);
  const message = `${method} ${url} answered ${response.status}: ${excerpt}`;
  return new HttpStatusError(
    response.status,
    message,
    response,
    parseRetryAfter(response.headers['retry-after']),
  );
}

function translate(error: unknown, method: string, url: string, maxBytes: number): Error {
  const e = error as Error & { code?: string; cause?: Error };
  const text = `${e.message} ${e.cause?.message ?? ''}`;
  if (/is not allowed\. Because/.test(text)) {
    return new EgressBlockedError(
      `${method} ${url} refused: it resolves to an internal address (allow it with FLOWHUB_EGRESS_ALLOW_CIDRS or FLOWHUB_EGRESS_ALLOW_HOSTS)`,
    );
  }
  if (/maxContentLength/.test(text))
    return new EgressBlockedError(`${method} ${url}: response larger than ${maxBytes} bytes`);
  if (e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT') {
    return Object.assign(new Error(`${method} ${url} timed out`), {
      name: 'TimeoutError',
      code: 'timeout',
    });
  }
  if (e.name === 'CanceledError')
    return Object.assign(new Error(`${method} ${url} was aborted`), { name: 'AbortError' });
  return Object.assign(new Error(`${method} ${url} failed: ${e.message}`), {
    code: e.code ?? 'network',
  });
}
