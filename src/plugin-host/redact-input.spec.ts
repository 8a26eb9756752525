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

  it('ignores paths that are absent, and inputs that are not objects', () => {
    expect(redactInput({ url: 'u' }, ['sign.secret'])).toEqual({ url: 'u' });
    expect(redactInput(['a'], [])).toEqual(['a']);
    expect(redactInput(null, ['a'])).toBeNull();
  });
});
