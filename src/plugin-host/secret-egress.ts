/**
 * What a step that carries a named secret or a connection's credential gets instead of the
 * plain egress client: redirects to another origin are not followed (the credential could be
 * in any header, the query or the body, and a 307/308 would resend them), and nothing is
 * sent over http:// unless the operator allowed that host (FLOWHUB_EGRESS_ALLOW_HOSTS).
 */
import { isAllowedHost } from '../common/egress/egress-policy.js';
import { FatalError, type HttpClient, type HttpRequest } from '../plugin-sdk/index.js';

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

/**
 * The strings of `real` (the input the action got) that differ from the same place in
 * `shown` (the input recorded, resolved with secrets as marks): values derived from a secret
 * (`$substring($secrets.X, 2)`), redacted from outputs and errors as a second line. Only
 * strings of at least `min` characters: shorter ones cannot be redacted without corrupting
 * the record.
 */
export function derivedStrings(real: unknown, shown: unknown, min = 8, depth = 0): string[] {
  if (typeof real === 'string')
    return real !== shown && real.length >= min && !real.includes('[secret:') ? [real] : [];
  if (depth > 100 || typeof real !== 'object' || real === null) return [];
  if (Array.isArray(real)) {
    const list = Array.isArray(shown) ? shown : [];
    return real.flatMap((item, index) => derivedStrings(item, list[index], min, depth + 1));
  }
  const other = isMap(shown) ? shown : {};
  return Object.entries(real).flatMap(([key, item]) => [
    ...(Object.hasOwn(other, key) || key.length < min ? [] : [key]),
    ...derivedStrings(item, other[key], min, depth + 1),
  ]);
}
