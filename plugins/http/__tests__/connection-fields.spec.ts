import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { httpConnection, HttpConnection } from '../connection.js';

const problems = (fields: Record<string, unknown>) =>
  validateSync(plainToInstance(HttpConnection, fields)).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );

describe('the http connection fields', () => {
  it('refuses secret fields under 8 characters (they cannot be redacted reliably)', () => {
    const base = { baseUrl: 'https://erp.example.com' };
    expect(problems({ ...base, auth: 'basic', username: 'ann', password: 'admin' })).toEqual([
      'password must be at least 8 characters (shorter ones cannot be redacted from run records reliably)',
    ]);
    expect(problems({ ...base, auth: 'bearer', token: 'short' })).toHaveLength(1);
    expect(problems({ ...base, auth: 'api-key', apiKey: 'k', headerName: 'X-K' })).toHaveLength(1);
    expect(problems({ ...base, auth: 'hmac', signingSecret: 'abc' })).toHaveLength(1);
    expect(problems({ ...base, auth: 'basic', username: 'ann', password: 'long-enough' })).toEqual(
      [],
    );
  });

  it('declares the forms basic credentials take on the wire, for redaction', () => {
    const fields = { auth: 'basic', username: 'ann', password: 'long-enough' };
    const basic = Buffer.from('ann:long-enough').toString('base64');
    expect(httpConnection.derivedSecrets?.(fields)).toEqual({ basic });
    expect(httpConnection.derivedSecrets?.({ auth: 'bearer', token: 'tok-12345' })).toEqual({});
  });
});
