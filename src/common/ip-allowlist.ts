import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** IPv4-mapped IPv6 (::ffff:1.2.3.4) is judged as the IPv4 address it carries. */
function normalise(address: Address): Address {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function rangeOf(entry: string): [Address, number] | undefined {
  try {
    if (entry.includes('/')) {
      const [address, bits] = ipaddr.parseCIDR(entry);
      return [
        normalise(address),
        address.kind() === 'ipv6' && normalise(address).kind() === 'ipv4' ? bits - 96 : bits,
      ];
    }
    const address = normalise(ipaddr.parse(entry));
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

/** Entries that are not an IP or a CIDR range, for a save-time 400. */
export function invalidAllowEntries(entries: string[]): number[] {
  return entries.flatMap((entry, index) => (rangeOf(entry) ? [] : [index]));
}

/** ING-4: whether `ip` (as the socket or a trusted proxy gave it) is inside the allowlist. */
export function ipAllowed(ip: string, entries: string[]): boolean {
  let address: Address;
  try {
    address = normalise(ipaddr.parse(ip));
  } catch {
    return false;
  }
  return entries.some((entry) => {
    const range = rangeOf(entry);
    return (
      range !== undefined && range[0].kind() === address.kind() && address.match(range as never)
    );
  });
}
