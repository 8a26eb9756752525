import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';
import type { VerifyDefinition } from '../../engine/verify-presets.js';
import { verifyRequest } from './verify-request.js';
import type { VerifiableRequest } from './verification.js';

const NOW = 1_763_647_331_000;

function request(
  headers: Record<string, string>,
  body: string | Buffer,
  extra: Partial<VerifiableRequest> = {},
): VerifiableRequest {
  const rawBody = Buffer.isBuffer(body) ? body : Buffer.from(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(rawBody.toString());
  } catch {
    parsed = rawBody.toString();
  }
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { rawBody, headers: lower, body: parsed, url: '/webhook/catch/f/k', now: NOW, ...extra };
}

const check = (verify: VerifyDefinition, secrets: string[], req: VerifiableRequest) =>
  verifyRequest(verify, secrets, req);

describe('published vectors', () => {
  it('GitHub: the documented example passes; one changed byte fails with 401', () => {
    const headers = {
      'X-Hub-Signature-256':
        'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
    };
    const verify = { preset: 'github' } as const;
    expect(
      check(verify, ["It's a Secret to Everybody"], request(headers, 'Hello, World!')),
    ).toBeUndefined();
    const failure = check(
      verify,
      ["It's a Secret to Everybody"],
      request(headers, 'Hello, World?'),
    );
    expect(failure).toMatchObject({ status: 401, reason: 'bad-signature' });
    expect(failure!.message).toMatch(/X-Hub-Signature-256 does not match.*raw body.*flow's secret/);
    expect(failure!.message).not.toContain('757107ea');
  });

  it('Standard Webhooks: the spec example passes within the window and names the skew outside it', () => {
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    const verify = { preset: 'standard-webhooks' } as const;
    const secret = ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'];
    const at = (seconds: number) => ({ now: seconds * 1000 });
    const body = '{"test": 2432232314}';
    expect(check(verify, secret, request(headers, body, at(1614265330 + 299)))).toBeUndefined();
    const stale = check(verify, secret, request(headers, body, at(1614265330 + 412)));
    expect(stale).toMatchObject({ status: 401, reason: 'stale-timestamp' });
    expect(stale!.message).toMatch(/webhook-timestamp is 412 s behind .* at most 300 s/);
    const svix = Object.fromEntries(
      Object.entries(headers).map(([k, v]) => [k.replace('webhook', 'svix'), v]),
    );
    expect(check(verify, secret, request(svix, body, at(1614265330)))).toBeUndefined();
    const otherId = { ...headers, 'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJel' };
    expect(check(verify, secret, request(otherId, body, at(1614265330)))?.reason).toBe(
      'bad-signature',
    );
  });

  it('Slack: the example from "Verifying requests from Slack" passes', () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const headers = {
      'X-Slack-Request-Timestamp': '1531420618',
      'X-Slack-Signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    };
    const req = request(headers, body, { now: 1531420618_000 + 5_000 });
    expect(check({ preset: 'slack' }, ['8f742231b10e8888abcd99yyyzzz85a5'], req)).toBeUndefined();
    const forged = request({ ...headers, 'X-Slack-Request-Timestamp': '1531420619' }, body, {
      now: 1531420618_000,
    });
    expect(check({ preset: 'slack' }, ['8f742231b10e8888abcd99yyyzzz85a5'], forged)?.reason).toBe(
      'bad-signature',
    );
  });

  it("Twilio: the documented example passes on the configured public URL, never the request's host", () => {
    const body =
      'CallSid=CA1234567890ABCDE&Caller=%2B14158675309&Digits=1234&From=%2B14158675309&To=%2B18005551212';
    const headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
      host: 'attacker.example',
    };
    const req = request(headers, body, {
      url: '/myapp.php?foo=1&bar=2',
      publicUrl: 'https://mycompany.com',
    });
    expect(check({ preset: 'twilio' }, ['12345'], req)).toBeUndefined();
    expect(
      check({ preset: 'twilio' }, ['12345'], { ...req, publicUrl: 'https://attacker.example' })
        ?.reason,
    ).toBe('bad-signature');
    expect(
      check({ preset: 'twilio' }, ['12345'], { ...req, publicUrl: undefined })?.message,
    ).toMatch(/FLOWHUB_PUBLIC_URL/);
  });

  it("Stripe: headers from stripe's generateTestHeaderString pass; another payload fails", () => {
    const secret = 'whsec_test_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH';
    const payload = '{"id":"evt_1","object":"event"}';
    const header = new Stripe('sk_test_x').webhooks.generateTestHeaderString({
      payload,
      secret,
      timestamp: NOW / 1000,
    });
    expect(
      check({ preset: 'stripe' }, [secret], request({ 'Stripe-Signature': header }, payload)),
    ).toBeUndefined();
    const failure = check(
      { preset: 'stripe' },
      [secret],
      request({ 'Stripe-Signature': header }, payload + ' '),
    );
    expect(failure?.reason).toBe('bad-signature');
    const old = check(
      { preset: 'stripe' },
      [secret],
      request({ 'Stripe-Signature': header }, payload, { now: NOW + 301_000 }),
    );
    expect(old?.message).toMatch(/Stripe-Signature \(t=\) is 301 s behind/);
  });

  it("Standard Webhooks: the standardwebhooks library's own signatures pass", () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const payload = '{"type":"user.created"}';
    const signature = new Webhook(secret).sign('msg_1', new Date(NOW), payload);
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(NOW / 1000),
      'webhook-signature': `v1a,xyz ${signature}`,
    };
    expect(
      check({ preset: 'standard-webhooks' }, [secret], request(headers, payload)),
    ).toBeUndefined();
  });
});

describe('errors (VER-1) and secrets', () => {
  it('names a missing header with a 400', () => {
    const failure = check({ preset: 'shopify' }, ['s'], request({}, '{}'));
    expect(failure).toMatchObject({ status: 400, reason: 'missing-header' });
    expect(failure!.message).toMatch(
      /^Missing header X-Shopify-Hmac-Sha256 \(or Shopify-Hmac-Sha256\): this flow verifies Shopify requests/,
    );
  });

  it('refuses signatures that are not valid encodings, without throwing', () => {
    for (const value of [
      'sha256=zz',
      'sha256=',
      'sha256=abc',
      'sha256=' + 'a'.repeat(63),
      'md5=00',
    ]) {
      expect(
        check({ preset: 'github' }, ['s'], request({ 'x-hub-signature-256': value }, '{}'))?.status,
      ).toBe(401);
    }
  });

  it('accepts any of several secrets (current and previous)', () => {
    const body = '{"a":1}';
    const sig = createHmac('sha256', 'old').update(body).digest('base64');
    const req = request({ 'x-shopify-hmac-sha256': sig }, body);
    expect(check({ preset: 'shopify' }, ['new', 'old'], req)).toBeUndefined();
    expect(check({ preset: 'shopify' }, ['new'], req)?.reason).toBe('bad-signature');
  });

  it('static-token: a header, Bearer on Authorization, or basic auth', () => {
    const token = { preset: 'static-token', header: 'X-Api-Key' } as const;
    expect(
      check(token, ['books-key-3d9e'], request({ 'x-api-key': 'books-key-3d9e' }, '')),
    ).toBeUndefined();
    expect(
      check(token, ['books-key-3d9e'], request({ 'x-api-key': 'books-key-3d9f' }, ''))?.status,
    ).toBe(401);
    expect(check({ preset: 'static-token' }, ['t'], request({}, ''))?.message).toMatch(
      /Missing header X-Webhook-Secret/,
    );
    const bearer = { preset: 'static-token', header: 'Authorization' } as const;
    expect(check(bearer, ['t0k'], request({ authorization: 'Bearer t0k' }, ''))).toBeUndefined();
    const basic = { preset: 'static-token', basicAuth: true } as const;
    const auth = `Basic ${Buffer.from('zoho:pa55').toString('base64')}`;
    expect(check(basic, ['zoho:pa55'], request({ authorization: auth }, ''))).toBeUndefined();
    expect(check(basic, ['zoho:pa56'], request({ authorization: auth }, ''))?.status).toBe(401);
  });

  it('zoho-crm: the body token must equal the channel token', () => {
    const body = (token?: string) => JSON.stringify({ channel_id: '1', ids: ['2'], token });
    expect(
      check({ preset: 'zoho-crm' }, ['tok-7f3a'], request({}, body('tok-7f3a'))),
    ).toBeUndefined();
    expect(check({ preset: 'zoho-crm' }, ['tok-7f3a'], request({}, body('tok-7f3b')))?.status).toBe(
      401,
    );
    expect(check({ preset: 'zoho-crm' }, ['tok-7f3a'], request({}, body()))).toMatchObject({
      status: 400,
    });
  });

  it('generic hmac: header, prefix, template with timestamp and id, sha512 base64, base64 secret', () => {
    const verify: VerifyDefinition = {
      preset: 'hmac',
      header: 'X-Sig',
      algorithm: 'sha512',
      encoding: 'base64',
      prefix: 'v1=',
      template: '{id}|{timestamp}|{body}',
      timestampHeader: 'X-Ts',
      timestampUnit: 'ms',
      idHeader: 'X-Id',
      secretEncoding: 'base64',
    };
    const secret = Buffer.from('raw secret bytes').toString('base64');
    const body = '{"x":1}';
    const sig = createHmac('sha512', Buffer.from('raw secret bytes'))
      .update(`d1|${NOW}|${body}`)
      .digest('base64');
    const headers = { 'x-sig': `v1=${sig}`, 'x-ts': String(NOW), 'x-id': 'd1' };
    expect(check(verify, [secret], request(headers, body))).toBeUndefined();
    expect(check(verify, [secret], request({ ...headers, 'x-id': 'd2' }, body))?.status).toBe(401);
    expect(check(verify, [secret], request({ ...headers, 'x-ts': 'soon' }, body))?.status).toBe(
      400,
    );
    expect(
      check(verify, [secret], request({ 'x-sig': `v1=${sig}`, 'x-ts': String(NOW) }, body))
        ?.message,
    ).toMatch(/Missing header X-Id/);
  });
});

describe('senders with two header forms: both accepted, errors name the one used', () => {
  const body = '{"id":1}';
  const shopifySig = (secret: string) => createHmac('sha256', secret).update(body).digest('base64');

  it("Shopify: Events' Shopify-Hmac-Sha256 is checked when it comes; the X- form is then ignored", () => {
    const events = { 'shopify-hmac-sha256': shopifySig('s') };
    expect(check({ preset: 'shopify' }, ['s'], request(events, body))).toBeUndefined();
    const both = { ...events, 'x-shopify-hmac-sha256': shopifySig('other') };
    expect(check({ preset: 'shopify' }, ['s'], request(both, body))).toBeUndefined();
    const wrongEvents = {
      'shopify-hmac-sha256': shopifySig('other'),
      'x-shopify-hmac-sha256': shopifySig('s'),
    };
    const failure = check({ preset: 'shopify' }, ['s'], request(wrongEvents, body));
    expect(failure?.message).toMatch(/^Shopify-Hmac-Sha256 does not match: Shopify signs/);
  });

  it('Standard Webhooks: svix-* names in errors for svix-* requests, both forms when none came', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const verify = { preset: 'standard-webhooks' } as const;
    const svix = {
      'svix-id': 'msg_1',
      'svix-timestamp': String(NOW / 1000),
      'svix-signature': 'v1,AAAA',
    };
    expect(check(verify, [secret], request(svix, body))?.message).toMatch(
      /^svix-signature does not match/,
    );
    const stale = { ...svix, 'svix-timestamp': String(NOW / 1000 - 3600) };
    expect(check(verify, [secret], request(stale, body))?.message).toMatch(
      /^Timestamp in svix-timestamp is 3600 s behind/,
    );
    const { 'svix-id': _id, ...noId } = svix;
    expect(check(verify, [secret], request(noId, body))?.message).toMatch(
      /^Missing header svix-id: /,
    );
    expect(check(verify, [secret], request({}, body))?.message).toMatch(
      /^Missing header webhook-id \(or svix-id\): /,
    );
    const webhook = { 'webhook-id': 'msg_1', 'webhook-signature': 'v1,AAAA' };
    expect(check(verify, [secret], request(webhook, body))?.message).toMatch(
      /^Missing header webhook-timestamp: /,
    );
  });
});
