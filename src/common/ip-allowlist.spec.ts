import { invalidAllowEntries, ipAllowed } from './ip-allowlist.js';

describe('catch URL IP allowlist', () => {
  const list = ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32', '::ffff:192.0.2.0/120'];

  it.each([
    ['203.0.113.9', true],
    ['::ffff:203.0.113.9', true],
    ['198.51.100.7', true],
    ['198.51.100.8', false],
    ['2001:db8::1', true],
    ['2001:db9::1', false],
    ['192.0.2.44', true],
    ['10.0.0.1', false],
    ['not-an-ip', false],
  ])('%s allowed: %s', (ip, allowed) => {
    expect(ipAllowed(ip, list)).toBe(allowed);
  });

  it('reports entries that are not IPs or ranges', () => {
    expect(invalidAllowEntries(['10.0.0.0/8', 'office', '::1', '300.1.1.1'])).toEqual([1, 3]);
  });
});
