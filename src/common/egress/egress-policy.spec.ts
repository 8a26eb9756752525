import {
  blockedReason,
  checkUrl,
  invalidCidrs,
  isAllowedHost,
  isBlockedAddress,
  urlProblem,
} from './egress-policy.js';

// Pure classification over a table: nothing here opens a connection (TEST RULE).
describe('egress policy', () => {
  it.each([
    ['127.0.0.1', true, /loopback/],
    ['127.255.255.254', true, /loopback/],
    ['0.0.0.0', true, /unspecified/],
    ['0.1.2.3', true, /unspecified/],
    ['10.1.2.3', true, /private/],
    ['172.16.0.1', true, /private/],
    ['172.31.255.255', true, /private/],
    ['192.168.1.1', true, /private/],
    ['169.254.169.254', true, /link-local.*metadata/],
    ['100.64.0.1', true, /carrier-grade NAT/],
    ['224.0.0.1', true, /multicast/],
    ['255.255.255.255', true, /broadcast/],
    ['240.0.0.1', true, /reserved/],
    ['192.0.2.10', true, /reserved/],
    ['::1', true, /loopback/],
    ['::', true, /unspecified/],
    ['[::1]', true, /loopback/],
    ['fd00::1', true, /unique-local/],
    ['fc00::1', true, /unique-local/],
    ['fe80::1', true, /link-local/],
    ['fe80::1%eth0', true, /link-local/],
    ['ff02::1', true, /multicast/],
    ['::ffff:127.0.0.1', true, /loopback/],
    ['::ffff:7f00:1', true, /loopback/],
    ['::ffff:10.0.0.1', true, /private/],
    ['::ffff:169.254.169.254', true, /link-local/],
    ['64:ff9b::a9fe:a9fe', true, /NAT64.*169\.254\.169\.254/],
    ['2002:7f00:1::', true, /6to4/],
    ['::127.0.0.1', true, /IPv4-compatible/],
    ['::a9fe:a9fe', true, /IPv4-compatible/],
    ['not-an-ip', true, /not an IP/],
    ['', true, /not an IP/],
    ['8.8.8.8', false, undefined],
    ['172.32.0.1', false, undefined],
    ['2001:4860:4860::8888', false, undefined],
    ['::ffff:8.8.8.8', false, undefined],
  ])('%s blocked: %s', (ip, blocked, reason) => {
    expect(isBlockedAddress(ip)).toBe(blocked);
    if (reason) expect(blockedReason(ip)).toMatch(reason);
    else expect(blockedReason(ip)).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', ['127.0.0.1/32'], false],
    ['127.0.0.1', ['127.0.0.1'], false],
    ['127.0.0.2', ['127.0.0.1/32'], true],
    ['::ffff:127.0.0.1', ['127.0.0.1/32'], false],
    ['127.0.0.1', ['::ffff:127.0.0.0/104'], false],
    ['::1', ['127.0.0.1/32'], true],
    ['10.9.8.7', ['10.0.0.0/8'], false],
    ['11.0.0.1', ['10.0.0.0/8'], false],
    ['192.168.1.1', ['10.0.0.0/8'], true],
    ['fd00::5', ['fd00::/8'], false],
    ['fd00::5', ['10.0.0.0/8'], true],
    ['169.254.169.254', ['10.0.0.0/8', 'fd00::/8'], true],
  ])('%s with allowCidrs %j blocked: %s', (ip, allowCidrs, blocked) => {
    expect(isBlockedAddress(ip, allowCidrs)).toBe(blocked);
  });

  it('reports allowlist entries that are not CIDR ranges', () => {
    expect(
      invalidCidrs(['10.0.0.0/8', '::1', 'fd00::/8', '999.0.0.0/8', '10.0.0.0/33', 'x']),
    ).toEqual(['999.0.0.0/8', '10.0.0.0/33', 'x']);
  });

  it.each([
    ['erp.internal', ['erp.internal'], true],
    ['ERP.Internal.', ['erp.internal'], true],
    ['erp.internal', ['ERP.INTERNAL'], true],
    ['a.corp.example', ['*.corp.example'], true],
    ['a.b.corp.example', ['*.corp.example'], true],
    ['corp.example', ['*.corp.example'], false],
    ['evil-corp.example', ['*.corp.example'], false],
    ['corp.example.evil.com', ['*.corp.example'], false],
    ['erp.internal.evil.com', ['erp.internal'], false],
    ['anything', ['*.'], false],
    ['anything', [], false],
  ])('host %s with allowHosts %j allowed: %s', (host, allowHosts, allowed) => {
    expect(isAllowedHost(host, allowHosts)).toBe(allowed);
  });

  const none = { allowCidrs: [], allowHosts: [] };

  it.each([
    // WHATWG URL parsing turns these spellings into 127.0.0.1 before the check.
    'http://127.0.0.1/x',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://10.1.2.3:8080/',
    'http://100.64.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://0.0.0.0/',
    'http://[fd00::1]/',
    'http://[::1]:3000/',
    'http://[::127.0.0.1]/',
    'http://[::a9fe:a9fe]/',
  ])('explains at save time why %s is refused', (url) => {
    const problem = checkUrl(url, none);
    expect(problem).toMatch(
      /is an internal address, which is blocked: allow it with FLOWHUB_EGRESS_ALLOW_CIDRS=\S+\/(32|128) \(/,
    );
    expect(urlProblem(url, none)?.kind).toBe('blocked');
  });

  it('names the range and the setting in the message', () => {
    expect(checkUrl('http://2130706433/', none)).toBe(
      '127.0.0.1 is an internal address, which is blocked: allow it with ' +
        'FLOWHUB_EGRESS_ALLOW_CIDRS=127.0.0.1/32 (127.0.0.1 is a loopback address)',
    );
    expect(checkUrl('http://169.254.169.254/', none)).toMatch(/cloud metadata/);
  });

  it('refuses localhost by name unless the host is allowed', () => {
    expect(checkUrl('http://localhost:3000', none)).toMatch(
      /loopback.*FLOWHUB_EGRESS_ALLOW_HOSTS=localhost/,
    );
    expect(checkUrl('http://LOCALHOST./', none)).toMatch(/loopback/);
    expect(checkUrl('http://api.localhost/', none)).toMatch(/loopback/);
    expect(checkUrl('http://localhost:3000', { allowCidrs: [], allowHosts: ['localhost'] })).toBe(
      undefined,
    );
  });

  it('accepts only valid http(s) URLs', () => {
    expect(checkUrl('ftp://example.com', none)).toBe(
      'only http and https URLs can be called, not ftp:',
    );
    expect(checkUrl('file:///etc/passwd', none)).toMatch(/not file:/);
    expect(checkUrl('nope', none)).toBe("'nope' is not a valid URL");
    expect(urlProblem('nope', none)?.kind).toBe('invalid');
  });

  it('leaves host names to the connect-time guard and honours the allowlists', () => {
    expect(checkUrl('https://erp.example.com/hooks', none)).toBeUndefined();
    expect(checkUrl('http://8.8.8.8/', none)).toBeUndefined();
    expect(
      checkUrl('http://127.0.0.1:8080', { allowCidrs: ['127.0.0.1/32'], allowHosts: [] }),
    ).toBe(undefined);
    expect(
      checkUrl('http://[::ffff:127.0.0.1]/', { allowCidrs: ['127.0.0.1/32'], allowHosts: [] }),
    ).toBe(undefined);
    expect(
      checkUrl('http://10.1.2.3/', { allowCidrs: [], allowHosts: ['10.1.2.3'] }),
    ).toBeUndefined();
  });
});
