/**
 * The one table of special-purpose addresses Flowhub refuses to call (SEC-2): the IANA IPv4
 * and IPv6 Special-Purpose Address Registries, multicast, and the deprecated IPv6 forms that
 * carry an IPv4 address. The save-time check (egress-policy.ts) and the connect-time agents
 * (egress-agents.ts) both judge addresses with `specialRangeOf` / `blockedReason`.
 */
import ipaddr from 'ipaddr.js';

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

export interface SpecialRange {
  cidr: string;
  /** Plain words for messages: "`<address>` is <words>". */
  words: string;
  /**
   * For wrappers of an IPv4 address (NAT64, 6to4, Teredo): the IPv4 addresses carried. The
   * wrapper is refused only when one of them is refused; else it is judged a public address.
   */
  embedded?: (address: IPv6) => IPv4[];
}

const v4 = (bytes: number[]) => new ipaddr.IPv4(bytes);
const lastFour = (address: IPv6) => v4(address.toByteArray().slice(12, 16));
/** 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD. */
const sixToFour = (address: IPv6) => [v4(address.toByteArray().slice(2, 6))];
/** Teredo: the server's IPv4 in bits 32-63, the client's (inverted) in the last 32 bits. */
const teredo = (address: IPv6) => {
  const bytes = address.toByteArray();
  return [v4(bytes.slice(4, 8)), v4(bytes.slice(12, 16).map((byte) => byte ^ 0xff))];
};

const TABLE: SpecialRange[] = [
  // IPv4 (RFC 6890 and successors; multicast from its own registry)
  { cidr: '0.0.0.0/8', words: 'an unspecified ("this network", 0.0.0.0/8) address' },
  { cidr: '10.0.0.0/8', words: 'a private network address' },
  { cidr: '100.64.0.0/10', words: 'a carrier-grade NAT (100.64.0.0/10) address' },
  { cidr: '127.0.0.0/8', words: 'a loopback address' },
  {
    cidr: '169.254.0.0/16',
    words: 'a link-local address, where cloud metadata lives (169.254.0.0/16)',
  },
  { cidr: '172.16.0.0/12', words: 'a private network address' },
  { cidr: '192.0.0.0/24', words: 'a reserved IETF protocol address (192.0.0.0/24)' },
  { cidr: '192.0.2.0/24', words: 'a reserved documentation address (192.0.2.0/24)' },
  { cidr: '192.31.196.0/24', words: 'a reserved AS112 address (192.31.196.0/24)' },
  { cidr: '192.52.193.0/24', words: 'a reserved AMT address (192.52.193.0/24)' },
  { cidr: '192.88.99.0/24', words: 'a reserved 6to4 relay address (192.88.99.0/24)' },
  { cidr: '192.168.0.0/16', words: 'a private network address' },
  { cidr: '192.175.48.0/24', words: 'a reserved AS112 address (192.175.48.0/24)' },
  { cidr: '198.18.0.0/15', words: 'a reserved benchmarking address (198.18.0.0/15)' },
  { cidr: '198.51.100.0/24', words: 'a reserved documentation address (198.51.100.0/24)' },
  { cidr: '203.0.113.0/24', words: 'a reserved documentation address (203.0.113.0/24)' },
  { cidr: '224.0.0.0/4', words: 'a multicast address (224.0.0.0/4)' },
  { cidr: '240.0.0.0/4', words: 'a reserved address (240.0.0.0/4)' },
  { cidr: '255.255.255.255/32', words: 'the broadcast address' },
  // IPv6
  { cidr: '::/128', words: 'the unspecified address (::)' },
  { cidr: '::1/128', words: 'a loopback address' },
  { cidr: '::/96', words: 'an IPv4-compatible IPv6 address (::/96, deprecated)' },
  { cidr: '::ffff:0:0/96', words: 'an IPv4-mapped address', embedded: (a) => [lastFour(a)] },
  { cidr: '::ffff:0:0:0/96', words: 'an IPv4-translated address (::ffff:0:0:0/96)' },
  { cidr: '64:ff9b::/96', words: 'a NAT64 address', embedded: (a) => [lastFour(a)] },
  { cidr: '64:ff9b:1::/48', words: 'a local-use NAT64 address (64:ff9b:1::/48)' },
  { cidr: '100::/64', words: 'a discard-only address (100::/64)' },
  { cidr: '100:0:0:1::/64', words: 'a dummy-prefix address (100:0:0:1::/64)' },
  { cidr: '2001::/23', words: 'a reserved IETF protocol address (2001::/23)' },
  { cidr: '2001::/32', words: 'a Teredo address', embedded: teredo },
  { cidr: '2001:db8::/32', words: 'a reserved documentation address (2001:db8::/32)' },
  { cidr: '2002::/16', words: 'a 6to4 address', embedded: sixToFour },
  { cidr: '2620:4f:8000::/48', words: 'a reserved AS112 address (2620:4f:8000::/48)' },
  { cidr: '3fff::/20', words: 'a reserved documentation address (3fff::/20)' },
  { cidr: '5f00::/16', words: 'a reserved SRv6 address (5f00::/16)' },
  { cidr: 'fc00::/7', words: 'a unique-local IPv6 (fc00::/7) address' },
  { cidr: 'fe80::/10', words: 'a link-local address, where cloud metadata lives (fe80::/10)' },
  { cidr: 'fec0::/10', words: 'a site-local address (fec0::/10, deprecated)' },
  { cidr: 'ff00::/8', words: 'a multicast address (ff00::/8)' },
];

const PARSED = TABLE.map((range) => ({ range, cidr: ipaddr.parseCIDR(range.cidr) }))
  // Most specific first: Teredo (2001::/32) before 2001::/23, ::1 before ::/96.
  .sort((a, b) => b.cidr[1] - a.cidr[1]);

/** The special-purpose ranges, as listed (read-only, for docs and tests). */
export const SPECIAL_PURPOSE_RANGES: readonly SpecialRange[] = TABLE;

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

/** The most specific table entry holding the address, if any. */
export function specialRangeOf(address: IPv4 | IPv6): SpecialRange | undefined {
  return PARSED.find(
    ({ cidr }) => cidr[0].kind() === address.kind() && address.match(cidr as [never, number]),
  )?.range;
}

/**
 * Why an address (already parsed) may not be called, or undefined for a public address.
 * Wrappers of IPv4 are refused when they carry a refused IPv4; IPv6 outside the table and
 * outside global unicast (2000::/3) is refused as unassigned.
 */
export function specialReason(address: IPv4 | IPv6): string | undefined {
  const range = specialRangeOf(address);
  if (range?.embedded) {
    for (const carried of range.embedded(address as IPv6)) {
      const reason = specialReason(carried);
      if (reason) return `${range.words} carrying ${carried.toString()}, ${reason}`;
    }
    return undefined;
  }
  if (range) return range.words;
  if (address.kind() === 'ipv6' && !address.match(GLOBAL_UNICAST as [never, number])) {
    return 'an unassigned IPv6 address (outside global unicast 2000::/3)';
  }
  return undefined;
}
