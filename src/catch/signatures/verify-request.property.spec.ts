import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import type { VerifyDefinition } from '../../engine/verify-presets.js';
import { senderHeaders, type Delivery } from '../../../test/support/sender-signatures.js';
import { verifyRequest } from './verify-request.js';
import type { VerifiableRequest } from './verification.js';

const NOW_S = 1_763_647_331;
const RUNS = 300;

/** Senders' headers for the generic preset: sha256 hex over `{timestamp}.{id}.{body}`. */
const GENERIC: VerifyDefinition = {
  preset: 'hmac',
  header: 'X-Signature',
  prefix: 'sha256=',
  template: '{timestamp}.{id}.{body}',
  timestampHeader: 'X-Timestamp',
  idHeader: 'X-Id',
};
const genericHeaders = (d: Delivery) => ({
  'x-signature': `sha256=${createHmac('sha256', d.secret).update(`${d.timestamp}.${d.id}.`).update(d.body).digest('hex')}`,
  'x-timestamp': String(d.timestamp),
  'x-id': d.id,
});

interface Case {
  verify: VerifyDefinition;
  headers: (d: Delivery) => Record<string, string>;
  /** Which of id and timestamp are signed (a change to them must fail). */
  signs: { id: boolean; timestamp: boolean };
  secret: fc.Arbitrary<string>;
}

const text = fc.string({ minLength: 1, maxLength: 40 });
const whsec = fc
  .uint8Array({ minLength: 24, maxLength: 32 })
  .map((b) => `whsec_${Buffer.from(b).toString('base64')}`);
const CASES: Record<string, Case> = {
  github: {
    verify: { preset: 'github' },
    headers: senderHeaders.github,
    signs: { id: false, timestamp: false },
    secret: text,
  },
  shopify: {
    verify: { preset: 'shopify' },
    headers: senderHeaders.shopify,
    signs: { id: false, timestamp: false },
    secret: text,
  },
  slack: {
    verify: { preset: 'slack' },
    headers: senderHeaders.slack,
    signs: { id: false, timestamp: true },
    secret: text,
  },
  stripe: {
    verify: { preset: 'stripe' },
    headers: senderHeaders.stripe,
    signs: { id: false, timestamp: true },
    secret: text,
  },
  'standard-webhooks': {
    verify: { preset: 'standard-webhooks' },
    headers: senderHeaders['standard-webhooks'],
    signs: { id: true, timestamp: true },
    secret: whsec,
  },
  hmac: {
    verify: GENERIC,
    headers: genericHeaders,
    signs: { id: true, timestamp: true },
    secret: text,
  },
};

const delivery = (secret: fc.Arbitrary<string>) =>
  fc.record({
    body: fc
      .string({ maxLength: 300, unit: 'grapheme' })
      .map((s) => Buffer.from(JSON.stringify({ s }))),
    secret,
    timestamp: fc.integer({ min: NOW_S - 250, max: NOW_S + 250 }),
    id: fc.stringMatching(/^msg_[A-Za-z0-9]{1,30}$/),
  });

const pick = (headers: Record<string, string>, name: RegExp) =>
  Object.fromEntries(Object.entries(headers).filter(([key]) => name.test(key)));

/** The same headers with another timestamp (a header of its own, or Stripe's `t=`), signature kept. */
function retimed(headers: Record<string, string>, from: number, to: number) {
  return Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [
      name,
      /timestamp$/.test(name) ? String(to) : value.replace(`t=${from},`, `t=${to},`),
    ]),
  );
}

function asRequest(headers: Record<string, string>, body: Buffer): VerifiableRequest {
  return { rawBody: body, headers, body: null, url: '/', now: NOW_S * 1000 };
}

describe.each(Object.entries(CASES))(
  '%s: sign, then verify (fast-check, 300 cases)',
  (_name, c) => {
    it('accepts what the sender signed', () => {
      fc.assert(
        fc.property(delivery(c.secret), (d) => {
          expect(
            verifyRequest(c.verify, [d.secret], asRequest(c.headers(d), d.body)),
          ).toBeUndefined();
        }),
        { numRuns: RUNS },
      );
    });

    it('refuses every one-byte change of the body, and a changed id, timestamp or secret', () => {
      fc.assert(
        fc.property(
          delivery(c.secret),
          fc.nat(),
          fc.integer({ min: 1, max: 255 }),
          c.secret,
          (d, at, flip, otherSecret) => {
            const headers = c.headers(d);
            const body = Buffer.from(d.body);
            body[at % body.length] ^= flip;
            expect(verifyRequest(c.verify, [d.secret], asRequest(headers, body))?.status).toBe(401);
            if (otherSecret !== d.secret) {
              const resigned = c.headers({ ...d, secret: otherSecret });
              expect(verifyRequest(c.verify, [d.secret], asRequest(resigned, d.body))?.status).toBe(
                401,
              );
            }
            const other = { ...d, id: `${d.id}x`, timestamp: d.timestamp + 1 };
            if (c.signs.id) {
              const moved = { ...headers, ...pick(c.headers(other), /id$/) };
              expect(verifyRequest(c.verify, [d.secret], asRequest(moved, d.body))?.status).toBe(
                401,
              );
            }
            if (c.signs.timestamp) {
              const moved = retimed(headers, d.timestamp, other.timestamp);
              expect(moved).not.toEqual(headers);
              expect(verifyRequest(c.verify, [d.secret], asRequest(moved, d.body))?.status).toBe(
                401,
              );
            }
          },
        ),
        { numRuns: RUNS },
      );
    });
  },
);

describe('twilio: sign, then verify (fast-check, 300 cases)', () => {
  const PUBLIC = 'https://hooks.example.com';
  const PATH = '/webhook/catch/f/k';
  /** Twilio's documented algorithm, written independently of the verifier. */
  const signTwilio = (token: string, url: string, params: Record<string, string>) =>
    createHmac('sha1', token)
      .update(
        Object.keys(params)
          .sort()
          .reduce((text, key) => text + key + params[key], url),
      )
      .digest('base64');
  const request = (params: Record<string, string>, signature: string): VerifiableRequest => ({
    rawBody: Buffer.from(new URLSearchParams(params).toString()),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
    },
    body: params,
    url: PATH,
    publicUrl: PUBLIC,
    now: NOW_S * 1000,
  });
  const params = fc.dictionary(
    fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,15}$/),
    fc.string({ maxLength: 40 }),
    {
      minKeys: 1,
      maxKeys: 8,
    },
  );

  it('accepts what Twilio signed and refuses a changed value, path or token', () => {
    fc.assert(
      fc.property(params, text, fc.nat(), (p, token, pick) => {
        const signature = signTwilio(token, PUBLIC + PATH, p);
        expect(verifyRequest({ preset: 'twilio' }, [token], request(p, signature))).toBeUndefined();
        const key = Object.keys(p)[pick % Object.keys(p).length];
        const changed = { ...p, [key]: `${p[key]}x` };
        expect(
          verifyRequest({ preset: 'twilio' }, [token], request(changed, signature))?.status,
        ).toBe(401);
        const elsewhere = signTwilio(token, `${PUBLIC}/webhook/catch/f/other`, p);
        expect(verifyRequest({ preset: 'twilio' }, [token], request(p, elsewhere))?.status).toBe(
          401,
        );
        expect(
          verifyRequest({ preset: 'twilio' }, [`${token}x`], request(p, signature))?.status,
        ).toBe(401);
      }),
      { numRuns: RUNS },
    );
  });
});
