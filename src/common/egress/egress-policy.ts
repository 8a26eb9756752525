/**
 * Pure egress rules (SEC-2, SEC-3): which addresses Flowhub refuses to call, which host names
 * a self-hoster opened, and a save-time URL check that gives a friendly 400. The connect-time
 * guard (request-filtering-agent, see egress-agents.ts) enforces the same default.
 */
import ipaddr from 'ipaddr.js';

export interface EgressPolicy {
  /** CIDR ranges (or bare addresses) that may be called although internal. */
  allowCidrs: string[];
  /** Host names (`erp.internal`) or suffix patterns (`*.corp.example`) that may be called. */
  allowHosts: string[];
}

export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [IpAddress, number];

/** Plain words for ipaddr.js range names, for messages. */
const RANGE_WORDS: Record<string, string> = {
  unspecified: 'an unspecified (0.0.0.0 / ::) address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (cloud metadata lives at 169.254.169.254)',
  loopback: 'a loopback address',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10) address',
  private: 'a private network address',
  uniqueLocal: 'a unique-local IPv6 (fc00::/7) address',
  reserved: 'a reserved address',
};

/** Strips IPv6 brackets and a zone id; returns undefined for anything that is not an IP. */
export function parseAddress(ip: string): IpAddress | undefined {
  const bare = ip.trim().replace(/^\[(.*)\]$/, '$1');
  const withoutZone = bare.includes(':') ? bare.replace(/%.*$/, '') : bare;
  if (!ipaddr.isValid(withoutZone)) return undefined;
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 address it carries.
  return ipaddr.process(withoutZone);
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a single-host range). */
export function parseCidr(entry: string): Cidr | undefined {
  const text = entry.trim();
  try {
    if (text.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(text);
      return [normaliseCidrAddress(address, bits), bits];
    }
  } catch {
    return undefined;
  }
  const address = parseAddress(text);
  return address ? [address, address.kind() === 'ipv4' ? 32 : 128] : undefined;
}

/** `::ffff:10.0.0.0/104` is the IPv4 range 10.0.0.0/8 in disguise: compare it as IPv4. */
function normaliseCidrAddress(address: IpAddress, bits: number): IpAddress {
  if (address.kind() === 'ipv6' && bits >= 96 && (address as ipaddr.IPv6).isIPv4MappedAddress()) {
    return (address as ipaddr.IPv6).toIPv4Address();
  }
  return address;
}

/** Entries of the list that are not CIDR ranges or addresses (for a boot-time error). */
export function invalidCidrs(allowCidrs: string[]): string[] {
  return allowCidrs.filter((entry) => parseCidr(entry) === undefined);
}

function inCidr(address: IpAddress, cidr: Cidr): boolean {
  const [base, bits] = cidr;
  const mappedBits = base.kind() === 'ipv4' && bits > 32 ? bits - 96 : bits;
  return address.kind() === base.kind() && address.match(base, mappedBits);
}

export function isInAllowedCidr(address: IpAddress, allowCidrs: string[]): boolean {
  return allowCidrs.some((entry) => {
    const cidr = parseCidr(entry);
    return cidr !== undefined && inCidr(address, cidr);
  });
}

/**
 * Why an address is refused, or undefined when it may be called: everything outside the
 * public unicast range is refused (loopback, private, link-local, CGNAT, 0.0.0.0/8,
 * multicast, reserved, broadcast, ULA, 6to4/Teredo/NAT64 wrappers...) unless allowed.
 * A string that is not an IP address is refused (fail closed).
 */
export function blockedReason(ip: string, allowCidrs: string[] = []): string | undefined {
  const address = parseAddress(ip);
  if (!address) return 'not an IP address';
  if (isInAllowedCidr(address, allowCidrs)) return undefined;
  const range = address.range();
  if (range === 'unicast') return undefined;
  return RANGE_WORDS[range] ?? `a special-purpose address (${range})`;
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
    if (wanted.startsWith('*.'))
      return host.endsWith(wanted.slice(1)) && host.length > wanted.length - 1;
    return wanted !== '' && host === wanted;
  });
}

export const ALLOW_HINT =
  'add its range to FLOWHUB_EGRESS_ALLOW_CIDRS (e.g. 10.0.0.0/8) or its host name to FLOWHUB_EGRESS_ALLOW_HOSTS';

/**
 * Save-time check (SEC-3): a problem for a friendly 400, or undefined. Host names are not
 * resolved here; the connect-time guard judges the addresses they resolve to.
 */
export function checkUrl(url: string, policy: EgressPolicy): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a valid URL (expected e.g. https://example.com/hook)`;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    return `only http and https URLs can be called (got ${parsed.protocol.replace(/:$/, '')})`;
  }
  const host = normaliseHostname(parsed.hostname);
  if (!host) return `'${url}' has no host`;
  if (isAllowedHost(host, policy.allowHosts)) return undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) {
    return `${host} is this machine; Flowhub does not call it unless allowed: ${ALLOW_HINT}`;
  }
  if (!parseAddress(host)) return undefined;
  const reason = blockedReason(host, policy.allowCidrs);
  return reason
    ? `${host} is ${reason}; Flowhub does not call internal addresses unless allowed: ${ALLOW_HINT}`
    : undefined;
}
