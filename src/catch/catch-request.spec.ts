import type { StoredRequest } from '../runs/stored-request.js';
import { storedHeaders } from '../engine/stored-headers.js';
import { withoutVerifySecret } from './catch-request.js';

const stored = (contentType: string, raw: string, body: unknown): StoredRequest => ({
  id: 'r1',
  method: 'POST',
  headers: { 'content-type': contentType },
  query: {},
  rawBody: Buffer.from(raw),
  body,
  contentType,
  size: raw.length,
  sourceIp: null,
  receivedAt: new Date(0),
});

describe('withoutVerifySecret (zoho-crm body token)', () => {
  const verify = { preset: 'zoho-crm' } as const;

  it('stores a form body again with the token redacted, repeated fields kept', () => {
    const raw = 'module=Leads&ids=1&ids=2&token=s3cr%C3%A9t';
    const body = { module: 'Leads', ids: ['1', '2'], token: 's3crét' };
    const kept = withoutVerifySecret(
      stored('application/x-www-form-urlencoded', raw, body),
      verify,
    );
    expect(kept.rawBody.toString()).toBe('module=Leads&ids=1&ids=2&token=%5Bredacted%5D');
    expect(kept.body).toEqual({ ...body, token: '[redacted]' });
    expect(kept.size).toBe(raw.length);
  });

  it('stores a JSON body again with the token redacted; other presets keep the bytes', () => {
    const raw = '{"module":"Leads","token":"s3cret"}';
    const body = JSON.parse(raw);
    const kept = withoutVerifySecret(stored('application/json', raw, body), verify);
    expect(JSON.parse(kept.rawBody.toString())).toEqual({ module: 'Leads', token: '[redacted]' });
    const other = withoutVerifySecret(stored('application/json', raw, body), {
      preset: 'github',
    } as never);
    expect(other.rawBody.toString()).toBe(raw);
  });
});

describe('storedHeaders (catch requests and test runs)', () => {
  it('lower-cases names and redacts credentials and a static-token header', () => {
    const headers = storedHeaders(
      { Authorization: 'Bearer abc', 'X-Sender-Check': 's3cret', 'X-Shop': ['a', 'b'] },
      { preset: 'static-token', header: 'X-Sender-Check' },
    );
    expect(headers).toEqual({
      authorization: '[redacted]',
      'x-sender-check': '[redacted]',
      'x-shop': 'a, b',
    });
  });

  it('keeps the token header of a flow without the static-token preset', () => {
    expect(storedHeaders({ 'X-Webhook-Secret': 'v' })).toEqual({ 'x-webhook-secret': 'v' });
  });
});
