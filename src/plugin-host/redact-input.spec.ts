import { redactInput } from './redact-input.js';

describe('redactInput', () => {
  it('blanks the secret paths and leaves the original untouched', () => {
    const input = { url: 'https://x', sign: { secret: 's3cr3t-value', header: 'X-Sig' } };
    expect(redactInput(input, ['sign.secret'])).toEqual({
      url: 'https://x',
      sign: { secret: '[redacted]', header: 'X-Sig' },
    });
    expect(input.sign.secret).toBe('s3cr3t-value');
  });

  it('copies only the objects on a redacted path', () => {
    const input = { sign: { secret: 's' }, body: { big: [1, 2, 3] }, list: [{ token: 't' }] };
    const redacted = redactInput(input, ['sign.secret', 'list.0.token']) as typeof input;
    expect(redacted).toEqual({
      sign: { secret: '[redacted]' },
      body: { big: [1, 2, 3] },
      list: [{ token: '[redacted]' }],
    });
    expect(redacted.body).toBe(input.body);
    expect(input).toEqual({
      sign: { secret: 's' },
      body: { big: [1, 2, 3] },
      list: [{ token: 't' }],
    });
    expect(redactInput(input, ['headers.authorization'])).toBe(input);
  });

  it('ignores paths that are absent, and inputs that are not objects', () => {
    expect(redactInput({ url: 'u' }, ['sign.secret'])).toEqual({ url: 'u' });
    expect(redactInput(['a'], [])).toEqual(['a']);
    expect(redactInput(null, ['a'])).toBeNull();
  });
});
