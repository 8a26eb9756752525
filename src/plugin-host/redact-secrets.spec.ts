import { redactCredentialHeaders, redactSecretText, redactSecretValues } from './redact-secrets.js';

describe('redacting secrets in run records', () => {
  it('replaces every occurrence of each value, longest first, and leaves the input alone', () => {
    const secrets = { SHORT: 'abc12345', LONG: 'abc12345-and-more' };
    const value = { h: 'Bearer abc12345-and-more', list: ['abc12345', 1, null], n: { m: 'x' } };
    expect(redactSecretValues(value, secrets)).toEqual({
      h: 'Bearer [secret:LONG]',
      list: ['[secret:SHORT]', 1, null],
      n: { m: 'x' },
    });
    expect(value.h).toBe('Bearer abc12345-and-more');
    expect(redactSecretText('failed with abc12345', secrets)).toBe('failed with [secret:SHORT]');
    expect(redactSecretValues(value, {})).toBe(value);
  });

  it('redacts credential headers of the declared maps, but not secret marks or other headers', () => {
    const input = {
      headers: {
        Authorization: 'Bearer x',
        'X-Shop-Token': 't',
        'Idempotency-Key': 'k',
        'Content-Type': 'application/json',
        'X-Api-Key': '[secret:ERP]',
      },
      body: { Authorization: 'kept' },
    };
    expect(redactCredentialHeaders(input, ['headers'])).toEqual({
      headers: {
        Authorization: '[redacted]',
        'X-Shop-Token': '[redacted]',
        'Idempotency-Key': 'k',
        'Content-Type': 'application/json',
        'X-Api-Key': '[secret:ERP]',
      },
      body: { Authorization: 'kept' },
    });
    expect(redactCredentialHeaders({ url: 'u' }, ['headers'])).toEqual({ url: 'u' });
  });
});
