/**
 * A named secret is bound to origins: scheme, host and port, as a browser compares them. An
 * entry is written `https://erp.example.com`, `https://erp.example.com:8443` or as a bare host
 * (`erp.example.com`, meaning https on 443). `http://` origins would carry the secret in clear
 * and are refused unless the operator allows their host with FLOWHUB_EGRESS_ALLOW_HOSTS.
 */
import { isAllowedHost } from '../common/egress/egress-policy.js';

export interface OriginProblem {
  path: string;
  message: string;
}

const EXAMPLE = 'e.g. https://erp.example.com or https://erp.example.com:8443';

function parse(entry: string): URL | undefined {
  try {
    return new URL(entry.includes('://') ? entry : `https://${entry}`);
  } catch {
    return undefined;
  }
}

/** The origin an entry stands for (`https://host[:port]`), or why it is not one. */
export function parseOrigin(
  entry: string,
  allowHosts: readonly string[] | 'any' = [],
): { origin: string } | { problem: string } {
  const url = parse(entry.trim());
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '')
    return { problem: `'${entry.slice(0, 100)}' is not an origin (${EXAMPLE})` };
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/')
    return { problem: `an origin has no path, query or user name: write ${url.origin}` };
  const allowed = allowHosts === 'any' || isAllowedHost(url.hostname, [...allowHosts]);
  if (url.protocol === 'http:' && !allowed) {
    return {
      problem: `${url.origin} is http: the secret would cross the network in clear; use https, or an operator allows the host with FLOWHUB_EGRESS_ALLOW_HOSTS=${url.hostname}`,
    };
  }
  return { origin: url.origin };
}

/** The origins to store (deduplicated), or a problem per bad entry. */
export function checkOrigins(
  entries: readonly string[],
  allowHosts: readonly string[] | 'any' = [],
): { origins: string[]; problems: OriginProblem[] } {
  const origins = new Set<string>();
  const problems: OriginProblem[] = [];
  entries.forEach((entry, index) => {
    const parsed = parseOrigin(entry, allowHosts);
    if ('origin' in parsed) origins.add(parsed.origin);
    else problems.push({ path: `hosts[${index}]`, message: parsed.problem });
  });
  return { origins: [...origins], problems };
}

/** The origin of a URL, as the destination check compares it. */
export function originOfUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
