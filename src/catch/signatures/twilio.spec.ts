import { createHmac } from 'node:crypto';
import { parse } from 'node:querystring';
import { verifyRequest } from './verify-request.js';
import type { VerifiableRequest } from './verification.js';

/*
 * The twilio package is not in node_modules: the reference below is twilio-node's
 * src/webhooks/webhooks.ts (getExpectedTwilioSignature + toFormUrlEncodedParam) restated, with
 * the params as Express's urlencoded parser (node:querystring) hands them to validateRequest,
 * and the hash the `algorithm` of X-Twilio-Webhooks-Signature-Settings names
 * (examples/WebhookSignatureValidation.md: "Only the hash changes").
 */
function twilioNode(
  secret: string,
  url: string,
  body: string,
  hash: 'sha1' | 'sha256' = 'sha1',
): string {
  const params = parse(body) as Record<string, string | string[]>;
  const encode = (name: string, value: string | string[]): string =>
    Array.isArray(value)
      ? Array.from(new Set(value))
          .sort()
          .map((item) => encode(name, item))
          .join('')
      : name + value;
  const data = Object.keys(params)
    .sort()
    .reduce((text, name) => text + encode(name, params[name]), url);
  return createHmac(hash, secret).update(Buffer.from(data, 'utf-8')).digest('base64');
}

const PUBLIC_URL = 'https://mycompany.com';
const PATH = '/webhook/catch/0b5c8a8e-8f5e-4a43-9a0e-3f4d2c1b0a99/ck_s3cr3tCatchKey';
const TOKEN = 'twilio-auth-token';
const SHARED_KEY = 'shared-key-secret';
const SHA256 = { 'x-twilio-webhooks-signature-settings': 'key=WK123,algorithm=HMAC_SHA256' };

function request(body: string, headers: Record<string, string>): VerifiableRequest {
  return {
    rawBody: Buffer.from(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
    url: PATH,
    publicUrl: PUBLIC_URL,
    now: Date.now(),
  };
}
const check = (req: VerifiableRequest, secrets = [TOKEN]) =>
  verifyRequest({ preset: 'twilio' }, secrets, req);

describe('twilio preset, as twilio-node validates', () => {
  const body = 'CallSid=CA1&From=%2B14158675309&To=%2B18005551212&Body=hi+there';

  it('accepts HMAC-SHA256 with the SharedKey when the signature settings header says so', () => {
    const signature = twilioNode(SHARED_KEY, PUBLIC_URL + PATH, body, 'sha256');
    const headers = { 'x-twilio-signature': signature, ...SHA256 };
    expect(check(request(body, headers), [SHARED_KEY])).toBeUndefined();
    expect(check(request(body, headers), [TOKEN, SHARED_KEY])).toBeUndefined();
    // The same signature without the settings header is a SHA1 check, and fails.
    expect(check(request(body, { 'x-twilio-signature': signature }), [SHARED_KEY])?.status).toBe(
      401,
    );
    // A SHA1 signature announced as SHA256 fails too: the header decides the hash.
    const sha1 = twilioNode(SHARED_KEY, PUBLIC_URL + PATH, body);
    expect(check(request(body, { 'x-twilio-signature': sha1, ...SHA256 }), [SHARED_KEY])).toEqual(
      expect.objectContaining({ status: 401, reason: 'bad-signature' }),
    );
  });

  it('refuses an algorithm it does not know, naming the settings header', () => {
    const headers = {
      'x-twilio-signature': twilioNode(TOKEN, PUBLIC_URL + PATH, body),
      'x-twilio-webhooks-signature-settings': 'key=WK123,algorithm=HMAC_MD5',
    };
    const failure = check(request(body, headers));
    expect(failure?.status).toBe(401);
    expect(failure?.message).toMatch(
      /X-Twilio-Webhooks-Signature-Settings names a signing algorithm .* HMAC_SHA256 or HMAC_SHA1/,
    );
  });

  it.each([
    ['a=1&a=1', 'a1'],
    ['a=2&a=1', 'a1a2'],
    ['b=x&a=2&a=1&a=2', 'a1a2bx'],
  ])('repeated parameters %s sign as twilio-node does (%s)', (params, signed) => {
    const url = PUBLIC_URL + PATH;
    const reference = twilioNode(TOKEN, url, params);
    expect(reference).toBe(
      createHmac('sha1', TOKEN)
        .update(url + signed)
        .digest('base64'),
    );
    expect(check(request(params, { 'x-twilio-signature': reference }))).toBeUndefined();
    expect(
      check(request(params, { 'x-twilio-signature': twilioNode(TOKEN, url, params, 'sha256') })),
    ).toBeDefined();
  });

  it('accepts the URL with the default port written out, as validateRequest does', () => {
    const signature = twilioNode(TOKEN, `https://mycompany.com:443${PATH}`, body);
    expect(check(request(body, { 'x-twilio-signature': signature }))).toBeUndefined();
    const other = twilioNode(TOKEN, `https://mycompany.com:8443${PATH}`, body);
    expect(check(request(body, { 'x-twilio-signature': other }))?.status).toBe(401);
  });

  it('a mismatch explains what Twilio signs and names the URL used, never the secret or signature', () => {
    const signature = twilioNode(TOKEN, `http://mycompany.com${PATH}`, body);
    const failure = check({
      ...request(body, { 'x-twilio-signature': signature }),
      url: `${PATH}?lang=en`,
    });
    expect(failure).toMatchObject({ status: 401, reason: 'bad-signature' });
    const message = failure!.message;
    expect(message).toContain('sorted by name');
    expect(message).toContain(
      'https://mycompany.com/webhook/catch/0b5c8a8e-8f5e-4a43-9a0e-3f4d2c1b0a99/[redacted]',
    );
    expect(message).toMatch(/FLOWHUB_PUBLIC_URL .*scheme, host, port, or a proxy/);
    for (const hidden of [signature, TOKEN, 'ck_s3cr3tCatchKey', 'lang=en']) {
      expect(message).not.toContain(hidden);
    }
  });
});
