import { markSensitiveHeaders, verifyHeaderNames } from './sensitive-headers.js';

describe('verify headers kept out of log lines', () => {
  it.each([
    [{ preset: 'static-token' }, ['x-webhook-secret']],
    [{ preset: 'static-token', header: 'X-Deliver-Pass' }, ['x-deliver-pass']],
    [{ preset: 'static-token', basicAuth: true }, ['authorization']],
    [
      { preset: 'hmac', header: 'X-Mac', timestampHeader: 'X-When', idHeader: 'X-Id' },
      ['x-mac', 'x-when', 'x-id'],
    ],
    [{ preset: 'shopify' }, ['x-shopify-hmac-sha256', 'shopify-hmac-sha256']],
    [{ preset: 'twilio' }, ['x-twilio-signature']],
    [{ preset: 'stripe' }, ['stripe-signature']],
    [{ preset: 'zoho-crm' }, []],
  ] as const)('%j reads %j', (verify, names) => {
    expect(verifyHeaderNames(verify)).toEqual(names);
  });

  it('names nothing without trigger.verify', () => {
    expect(verifyHeaderNames(undefined)).toEqual([]);
    expect(() => markSensitiveHeaders({ raw: {} }, undefined)).not.toThrow();
  });
});
