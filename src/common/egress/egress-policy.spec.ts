import { checkUrl, isAllowedHost, isBlockedAddress } from './egress-policy.js';

// Pure classification over a table: nothing here opens a connection (TEST RULE).
describe('egress policy', () => {
  it.each([
    ['127.0.0.1', true],
    ['0.0.0.0', true],
    ['10.1.2.3', true],
    ['172.16.0.1', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['224.0.0.1', true],
    ['255.255.255.255', true],
    ['::1', true],
    ['fd00::1', true],
    ['fe80::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:10.0.0.1', true],
    ['8.8.8.8', false],
    ['2001:4860:4860::8888', false],
    ['not-an-ip', true],
  ])('%s blocked: %s', (ip, blocked) => {
    expect(isBlockedAddress(ip)).toBe(blocked);
  });

  it('opens exactly the allowed CIDRs', () => {
    expect(isBlockedAddress('127.0.0.1', ['127.0.0.1/32'])).toBe(false);
    expect(isBlockedAddress('127.0.0.2', ['127.0.0.1/32'])).toBe(true);
    expect(isBlockedAddress('::ffff:127.0.0.1', ['127.0.0.1/32'])).toBe(false);
    expect(isBlockedAddress('10.9.8.7', ['10.0.0.0/8'])).toBe(false);
    expect(isBlockedAddress('fd00::5', ['fd00::/8'])).toBe(false);
  });

  it('matches allowed host names exactly or by *.suffix', () => {
    expect(isAllowedHost('erp.internal', ['erp.internal'])).toBe(true);
    expect(isAllowedHost('a.corp.example', ['*.corp.example'])).toBe(true);
    expect(isAllowedHost('corp.example', ['*.corp.example'])).toBe(false);
    expect(isAllowedHost('evil-corp.example', ['*.corp.example'])).toBe(false);
  });

  it('explains a blocked destination at save time', () => {
    const policy = { allowCidrs: [], allowHosts: [] };
    // WHATWG URL parsing turns these spellings into 127.0.0.1
    for (const url of [
      'http://127.0.0.1/x',
      'http://2130706433/',
      'http://0177.0.0.1/',
      'http://[::ffff:127.0.0.1]/',
    ]) {
      expect(checkUrl(url, policy)).toMatch(
        /is an internal address, which is blocked: allow it with FLOWHUB_EGRESS_ALLOW_CIDRS/,
      );
    }
    expect(checkUrl('http://localhost:3000', policy)).toMatch(/loopback/);
    expect(checkUrl('http://169.254.169.254/latest/meta-data', policy)).toMatch(/internal address/);
    expect(checkUrl('ftp://example.com', policy)).toBe(
      'only http and https URLs can be called, not ftp:',
    );
    expect(checkUrl('nope', policy)).toBe("'nope' is not a valid URL");
    expect(checkUrl('https://erp.example.com/hooks', policy)).toBeUndefined();
    expect(
      checkUrl('http://127.0.0.1:8080', { allowCidrs: ['127.0.0.1/32'], allowHosts: [] }),
    ).toBeUndefined();
  });
});
