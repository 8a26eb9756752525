import { get, type Agent } from 'node:http';
import type { LookupFunction } from 'node:net';
import { createEgressAgents, guardedLookup, refusedAddress } from './egress-agents.js';
import { blockedReason, checkUrl, urlProblem } from './egress-policy.js';

/**
 * One row per special-purpose range (IANA IPv4/IPv6 registries, multicast, deprecated IPv6
 * forms): addresses that must be refused (first/last or samples) and a public neighbour.
 * Written out by hand, not derived from egress-ranges.ts, so the table is checked, not echoed.
 */
const V6_PUBLIC = '2001:4860:4860::8888';
const ROWS: [string, string[], string[]][] = [
  ['0.0.0.0/8', ['0.0.0.0', '0.255.255.255'], ['1.0.0.0']],
  ['10.0.0.0/8', ['10.0.0.0', '10.255.255.255'], ['9.255.255.255', '11.0.0.0']],
  ['100.64.0.0/10', ['100.64.0.0', '100.127.255.255'], ['100.63.255.255', '100.128.0.0']],
  ['127.0.0.0/8', ['127.0.0.0', '127.255.255.255'], ['128.0.0.0']],
  ['169.254.0.0/16', ['169.254.0.0', '169.254.169.254', '169.254.255.255'], ['169.255.0.0']],
  ['172.16.0.0/12', ['172.16.0.0', '172.31.255.255'], ['172.15.255.255', '172.32.0.0']],
  ['192.0.0.0/24', ['192.0.0.0', '192.0.0.255'], ['192.0.1.0']],
  ['192.0.2.0/24', ['192.0.2.0', '192.0.2.255'], ['192.0.3.0']],
  ['192.31.196.0/24', ['192.31.196.0', '192.31.196.255'], ['192.31.197.0']],
  ['192.52.193.0/24', ['192.52.193.0', '192.52.193.255'], ['192.52.194.0']],
  ['192.88.99.0/24', ['192.88.99.0', '192.88.99.255'], ['192.88.100.0']],
  ['192.168.0.0/16', ['192.168.0.0', '192.168.255.255'], ['192.167.255.255', '192.169.0.0']],
  ['192.175.48.0/24', ['192.175.48.0', '192.175.48.255'], ['192.175.49.0']],
  ['198.18.0.0/15', ['198.18.0.0', '198.19.255.255'], ['198.17.255.255', '198.20.0.0']],
  ['198.51.100.0/24', ['198.51.100.0', '198.51.100.255'], ['198.51.101.0']],
  ['203.0.113.0/24', ['203.0.113.0', '203.0.113.255'], ['203.0.114.0']],
  ['224.0.0.0/4', ['224.0.0.0', '239.255.255.255'], ['223.255.255.255']],
  ['240.0.0.0/4', ['240.0.0.0', '255.255.255.254'], ['223.255.255.254']],
  ['255.255.255.255/32', ['255.255.255.255'], ['1.1.1.1']],
  ['::/128', ['::'], [V6_PUBLIC]],
  ['::1/128', ['::1'], [V6_PUBLIC]],
  ['::/96', ['::2', '::127.0.0.1', '::a9fe:a9fe', '::8.8.8.8', '::ffff:ffff'], [V6_PUBLIC]],
  [
    '::ffff:0:0/96',
    ['::ffff:127.0.0.1', '::ffff:a9fe:a9fe', '::ffff:10.0.0.1'],
    ['::ffff:8.8.8.8'],
  ],
  ['::ffff:0:0:0/96', ['::ffff:0:7f00:1', '::ffff:0:808:808'], [V6_PUBLIC]],
  [
    '64:ff9b::/96',
    ['64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b::10.0.0.1'],
    ['64:ff9b::8.8.8.8'],
  ],
  [
    '64:ff9b:1::/48',
    ['64:ff9b:1::', '64:ff9b:1::8.8.8.8', '64:ff9b:1:ffff:ffff:ffff:ffff:ffff'],
    [V6_PUBLIC],
  ],
  ['100::/64', ['100::', '100::ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  ['100:0:0:1::/64', ['100:0:0:1::', '100::1:ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  [
    '2001::/23',
    ['2001:2::1', '2001:10::1', '2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff'],
    ['2001:200::1'],
  ],
  // Teredo: server 8.8.8.8 with client 127.0.0.1 (inverted), server 10.0.0.1 with client 8.8.8.8
  [
    '2001::/32',
    ['2001:0:808:808::80ff:fffe', '2001:0:a00:1::f7f7:f7f7'],
    ['2001:0:808:808::f7f7:f7f7'],
  ],
  ['2001:db8::/32', ['2001:db8::', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff'], ['2001:db9::1']],
  [
    '2002::/16',
    ['2002:7f00:1::', '2002:a9fe:a9fe::1', '2002:c0a8:101::'],
    ['2002:808:808::1', '2003::1'],
  ],
  [
    '2620:4f:8000::/48',
    ['2620:4f:8000::', '2620:4f:8000:ffff:ffff:ffff:ffff:ffff'],
    ['2620:4f:8001::1'],
  ],
  ['3fff::/20', ['3fff::', '3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff'], ['3fff:1000::1']],
  ['5f00::/16', ['5f00::', '5f00:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  ['fc00::/7', ['fc00::', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  ['fe80::/10', ['fe80::', 'febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  ['fec0::/10', ['fec0::', 'feff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  ['ff00::/8', ['ff00::', 'ff02::1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'], [V6_PUBLIC]],
  ['outside 2000::/3', ['4000::1', '1fff:ffff::1', 'e000::1'], ['2000::1', '3ffe:ffff::1']],
];

const none = { allowCidrs: [], allowHosts: [] };
const urlOf = (address: string) => `http://${address.includes(':') ? `[${address}]` : address}/`;

/** The connect-time lookup check over a fake resolver: no DNS, no network. */
function lookupThroughGuard(address: string): Promise<unknown> {
  const fake: LookupFunction = (_host, _options, callback) =>
    callback(null, [{ address, family: address.includes(':') ? 6 : 4 }]);
  const lookup = guardedLookup((ip) => blockedReason(ip), fake);
  return new Promise((resolve) =>
    lookup('receiver.example', { all: true }, (error) => resolve(error ?? 'allowed')),
  );
}

/** A literal IP through the guarded agent: refused before any connection is opened. */
function literalThroughAgent(agent: Agent, address: string): Promise<unknown> {
  return new Promise((resolve) => {
    get(urlOf(address), { agent }, (response) => resolve(response.statusCode)).on('error', resolve);
  });
}

describe('special-purpose ranges (one table for save time and connect time)', () => {
  const agents = createEgressAgents([]);
  afterAll(() => agents.destroy());

  describe.each(ROWS)('%s', (_range, refused, allowed) => {
    it.each(refused)('refuses %s at save time and at connect time', async (address) => {
      expect(blockedReason(address)).toEqual(expect.any(String));
      expect(urlProblem(urlOf(address), none)?.kind).toBe('blocked');
      expect(refusedAddress(await lookupThroughGuard(address))).toBe(address);
      expect(refusedAddress(await literalThroughAgent(agents.guarded.http, address))).toEqual(
        expect.any(String),
      );
    });

    it.each(allowed)('allows the public neighbour %s', async (address) => {
      expect(blockedReason(address)).toBeUndefined();
      expect(checkUrl(urlOf(address), none)).toBeUndefined();
      expect(await lookupThroughGuard(address)).toBe('allowed');
    });
  });

  it('names the range and the IPv4 an IPv6 wrapper carries', () => {
    expect(checkUrl('http://[::127.0.0.1]/', none)).toMatch(
      /::7f00:1 is an internal address.*IPv4-compatible/,
    );
    expect(blockedReason('64:ff9b::a9fe:a9fe')).toMatch(
      /NAT64 address carrying 169\.254\.169\.254, a link-local address/,
    );
    expect(blockedReason('2002:7f00:1::')).toMatch(/6to4 address carrying 127\.0\.0\.1/);
  });

  it('still opens ranges on FLOWHUB_EGRESS_ALLOW_CIDRS', () => {
    expect(blockedReason('127.0.0.1', ['127.0.0.0/8'])).toBeUndefined();
    expect(blockedReason('::7f00:1', ['::/96'])).toBeUndefined();
    expect(blockedReason('64:ff9b::7f00:1', ['127.0.0.0/8'])).toMatch(/NAT64/);
  });
});
