/** How one redirect hop becomes the next request (the client re-checks its URL). */
import { isCredentialHeader } from '@flowhub/plugin-sdk';
import { withoutHeaders } from './egress-body.util.js';

export interface Hop {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

const BODY_HEADERS = ['content-type', 'content-length', 'content-encoding', 'transfer-encoding'];

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/**
 * 303 turns any method but HEAD into a body-less GET; 301/302 turn POST into GET (as browsers
 * and the Fetch standard do); 307/308 repeat the method and body. Throws on a Location that is
 * not a URL.
 */
export function nextHop(hop: Hop, status: number, location: string): Hop {
  const url = new URL(location, hop.url);
  const toGet =
    (status === 303 && hop.method !== 'HEAD') ||
    ((status === 301 || status === 302) && hop.method === 'POST');
  let headers = toGet ? withoutHeaders(hop.headers, BODY_HEADERS) : { ...hop.headers };
  // Headers whose names say they hold credentials (authorization, cookie, any name with
  // secret/token/key/auth/...) are never carried to another origin. A request that carries a
  // named secret or a connection's credential, whatever header, query or body it is in, is not
  // redirected to another origin at all: the host sends it with sameOriginRedirectsOnly, and
  // the client fails such a hop before this is called.
  if (url.origin !== new URL(hop.url).origin) {
    headers = withoutHeaders(headers, Object.keys(headers).filter(isCredentialHeader));
  }
  return {
    method: toGet ? 'GET' : hop.method,
    url: url.toString(),
    headers,
    body: toGet ? undefined : hop.body,
  };
}
