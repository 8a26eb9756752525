/**
 * What a step that carries a named secret or a connection's credential gets instead of the
 * plain egress client: redirects to another origin are not followed (the credential could be
 * in any header, the query or the body, and a 307/308 would resend them), and nothing is
 * sent over http:// unless the operator allowed that host (FLOWHUB_EGRESS_ALLOW_HOSTS).
 */
import { isAllowedHost } from '../common/egress/egress-policy.js';
import { FatalError, type HttpClient, type HttpRequest } from '@flowhub/plugin-sdk';

function cleartextProblem(url: string, allowHosts: readonly string[]): string | undefined {
  if (!URL.canParse(url)) return undefined; // the client reports a malformed URL
  const { protocol, hostname, origin } = new URL(url);
  if (protocol !== 'http:' || isAllowedHost(hostname, [...allowHosts])) return undefined;
  return (
    `${origin} is http: this step's credential would cross the network in clear, so nothing ` +
    `was sent; use https, or an operator allows the host with FLOWHUB_EGRESS_ALLOW_HOSTS=${hostname}`
  );
}

export function credentialHttpClient(http: HttpClient, allowHosts: readonly string[]): HttpClient {
  return {
    request: (request: HttpRequest) => {
      const problem = cleartextProblem(request.url, allowHosts);
      if (problem) return Promise.reject(new FatalError(problem));
      return http.request({ ...request, sameOriginRedirectsOnly: true });
    },
  };
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the input with secret values holds that the recorded input does not. */
export interface Derived {
  /** Strings of 8+ characters derived from a secret: redacted from outputs and errors. */
  strings: string[];
  /**
   * Set when something derived from a secret cannot be redacted: a string under 8
   * characters, a true/false, a key, a list of another length. Such a step is refused.
   */
  unredactable: boolean;
}

/**
 * Compares `real` (the input the action would get) with `shown` (the input recorded,
 * resolved with secrets as marks): every difference derives from a secret
 * (`$substring($secrets.X, 2)`). Numbers are not judged, since `$millis()` and `$random()`
 * differ between two evaluations.
 */
export function derivedFrom(real: unknown, shown: unknown, min = 8): Derived {
  const found: Derived = { strings: [], unredactable: false };
  compare(real, shown, min, found, 0);
  return found;
}

function compare(real: unknown, shown: unknown, min: number, found: Derived, depth: number) {
  if (real === shown || typeof real === 'number' || depth > 100) return;
  if (typeof real === 'string') {
    if (real.includes('[secret:')) return;
    if (real.length >= min) found.strings.push(real);
    else found.unredactable = true;
    return;
  }
  if (Array.isArray(real)) {
    const list = Array.isArray(shown) ? shown : [];
    if (list.length !== real.length) found.unredactable = true;
    real.forEach((item, index) => compare(item, list[index], min, found, depth + 1));
    return;
  }
  if (!isMap(real)) {
    found.unredactable = true;
    return;
  }
  const other = isMap(shown) ? shown : {};
  for (const [key, item] of Object.entries(real)) {
    if (!Object.hasOwn(other, key)) found.unredactable = true;
    compare(item, other[key], min, found, depth + 1);
  }
}
