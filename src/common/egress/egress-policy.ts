/**
 * Pure egress rules (SEC-2, SEC-3): which addresses Flowhub refuses to call, which host names
 * a self-hoster opened, and a save-time URL check that gives a friendly 400. The connect-time
 * guard (egress-agents.ts) judges every connection with the same table (egress-ranges.ts).
 */
import ipaddr from 'ipaddr.js';
import { specialReason } from './egress-ranges.js';

export interface EgressPolicy {
  /** CIDR ranges (or bare addresses) that may be called although internal. */
  allowCidrs: string[];
  /** Host names (`erp.internal`) or suffix patterns (`*.corp.example`) that may be called. */
  allowHosts: string[];
}

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = [IpAddress, number];

/** Strips IPv6 brackets; IPv4-mapped IPv6 becomes the IPv4 it carries; undefined if no IP. */
export function parseAddress(ip: string): IpAddress | undefined {
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1');
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.process(bare.includes(':') ? hexTail(bare) : bare);
}

/**
 * `::127.0.0.1` is the IPv4-compatible ::7f00:1, but ipaddr.js reads a dotted tail as
 * IPv4-mapped (::ffff:7f00:1): spell the tail in hex first, as the kernel and WHATWG URL do.
 */
function hexTail(ipv6: string): string {
  return ipv6.replace(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?=%|$)/, (_all, a, b, c, d) => {
    const [w, x, y, z] = [a, b, c, d].map(Number);
    return `${((w << 8) | x).toString(16)}:${((y << 8) | z).toString(16)}`;
  });
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a single-host range). */
export function parseCidr(entry: string): Cidr | undefined {
  const text = entry.trim();
  if (!text.includes('/')) {
    const address = parseAddress(text);
    return address ? [address, address.kind() === 'ipv4' ? 32 : 128] : undefined;
  }
  try {
    const [address, bits] = ipaddr.parseCIDR(text);
    // `::ffff:10.0.0.0/104` is the IPv4 range 10.0.0.0/8 in disguise: compare it as IPv4.
    if (address.kind() === 'ipv6' && bits >= 96) {
      const v6 = address as ipaddr.IPv6;
      if (v6.isIPv4MappedAddress()) return [v6.toIPv4Address(), bits - 96];
    }
    return [address, bits];
  } catch {
    return undefined;
  }
}

/** Entries of the list that are not CIDR ranges or addresses (for a boot-time error). */
export function invalidCidrs(allowCidrs: string[]): string[] {
  return allowCidrs.filter((entry) => parseCidr(entry) === undefined);
}

export function isInAllowedCidr(address: IpAddress, allowCidrs: string[]): boolean {
  return allowCidrs.some((entry) => {
    const cidr = parseCidr(entry);
    return cidr !== undefined && cidr[0].kind() === address.kind() && address.match(cidr);
  });
}

/**
 * Why an address is refused, or undefined when it may be called: every special-purpose range
 * of egress-ranges.ts (loopback, private, link-local, CGNAT, documentation, multicast, ULA,
 * IPv4-compatible IPv6, and NAT64/6to4/Teredo carrying a refused IPv4) unless inside an
 * allowed CIDR. IPv4-mapped IPv6 is judged as the IPv4 it carries. A string that is not an IP
 * is refused (fail closed).
 */
export function blockedReason(ip: string, allowCidrs: string[] = []): string | undefined {
  const address = parseAddress(ip);
  if (!address) return 'not an IP address';
  if (isInAllowedCidr(address, allowCidrs)) return undefined;
  return specialReason(address);
}

export function isBlockedAddress(ip: string, allowCidrs: string[] = []): boolean {
  return blockedReason(ip, allowCidrs) !== undefined;
}

/** Lower case, no trailing dot, no IPv6 brackets. */
export function normaliseHostname(hostname: string): string {
  return hostname
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}

/**
 * Exact names (`erp.internal`) and suffix patterns: `*.corp.example` matches
 * `a.corp.example` and `a.b.corp.example`, not `corp.example` itself.
 */
export function isAllowedHost(hostname: string, allowHosts: string[] = []): boolean {
  const host = normaliseHostname(hostname);
  if (!host) return false;
  return allowHosts.some((pattern) => {
    const wanted = normaliseHostname(pattern);
    if (wanted.startsWith('*.')) {
      const suffix = wanted.slice(1);
      return suffix.length > 1 && host.endsWith(suffix) && host.length > suffix.length;
    }
    return wanted !== '' && host === wanted;
  });
}

/** The one wording for a refused destination, at save time and at connect time. */
export function blockedMessage(host: string, address: string, reason: string): string {
  const parsed = parseAddress(address);
  const single = parsed ? `${parsed.toString()}/${parsed.kind() === 'ipv4' ? 32 : 128}` : address;
  const why = `(${address} is ${reason})`;
  if (normaliseHostname(host) === normaliseHostname(address)) {
    return `${address} is an internal address, which is blocked: allow it with FLOWHUB_EGRESS_ALLOW_CIDRS=${single} ${why}`;
  }
  return (
    `${host} resolves to ${address}, an internal address, which is blocked: allow it with ` +
    `FLOWHUB_EGRESS_ALLOW_HOSTS=${host} or FLOWHUB_EGRESS_ALLOW_CIDRS=${single} ${why}`
  );
}

export interface UrlProblem {
  /** `invalid`: not an http(s) URL; `blocked`: an internal destination. */
  kind: 'invalid' | 'blocked';
  message: string;
}

/** checkUrl with the kind of problem, for the client's choice of error. */
export function urlProblem(url: string, policy: EgressPolicy): UrlProblem | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'invalid', message: `'${url}' is not a valid URL` };
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return {
      kind: 'invalid',
      message: `only http and https URLs can be called, not ${parsed.protocol}`,
    };
  }
  const host = normaliseHostname(parsed.hostname);
  if (!host) return { kind: 'invalid', message: `'${url}' has no host` };
  if (isAllowedHost(host, policy.allowHosts)) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) {
    const message =
      `${host} is this machine (loopback), which is blocked: allow it with ` +
      `FLOWHUB_EGRESS_ALLOW_HOSTS=${host}, or call 127.0.0.1 with FLOWHUB_EGRESS_ALLOW_CIDRS=127.0.0.1/32`;
    return { kind: 'blocked', message };
  }
  if (!parseAddress(host)) return undefined;
  const reason = blockedReason(host, policy.allowCidrs);
  return reason ? { kind: 'blocked', message: blockedMessage(host, host, reason) } : undefined;
}

/**
 * Save-time check (SEC-3): a problem for a friendly 400, or undefined. WHATWG URL parsing
 * first turns `2130706433`, `0177.0.0.1` and `[::ffff:127.0.0.1]` into what they mean. Host
 * names are not resolved here; the connect-time guard judges the addresses they resolve to.
 */
export function checkUrl(url: string, policy: EgressPolicy): string | undefined {
  return urlProblem(url, policy)?.message;
}
