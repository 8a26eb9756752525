import { nextHop } from './egress-redirect.util.js';

describe('nextHop', () => {
  const headers = {
    Authorization: 'Bearer a',
    'X-Erp-Auth': 'b',
    'X-Api-Key': 'c',
    'X-Signing-Secret': 'd',
    'Idempotency-Key': 'run-1:step',
    Accept: 'application/json',
  };
  const hop = { method: 'GET', url: 'https://erp.example.com/a', headers };

  it('drops every credential header when the redirect leaves the origin', () => {
    const next = nextHop(hop, 302, 'https://other.example.net/b');
    expect(next.headers).toEqual({ 'Idempotency-Key': 'run-1:step', Accept: 'application/json' });
  });

  it('keeps them on a redirect within the origin', () => {
    expect(nextHop(hop, 302, '/b').headers).toEqual(headers);
  });
});
