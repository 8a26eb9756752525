import fc from 'fast-check';
import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import {
  generateWebhookSecret,
  messageIdFor,
  secretProblem,
  signDelivery,
} from './webhook-signing.js';

const verifyWith = (secret: string, body: string, headers: Record<string, string>) =>
  new Webhook(secret).verify(body, headers);

describe('signing deliveries (OUT-1..OUT-3)', () => {
  it('every generated body verifies with standardwebhooks and the seed header; a changed byte fails (fast-check, 500)', () => {
    const secret = generateWebhookSecret();
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), (data, at) => {
        const body = JSON.stringify({
          event: 'run.failed',
          timestamp: new Date().toISOString(),
          data,
        });
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = signDelivery({
          messageId: 'msg_1',
          event: 'run.failed',
          body,
          timestamp,
          secrets: [secret],
        });
        expect(verifyWith(secret, body, { ...headers })).toEqual(JSON.parse(body));
        const seed = createHmac('sha256', secret).update(body).digest('hex');
        expect(headers['x-webhook-signature']).toBe(`sha256=${seed}`);
        const bytes = Buffer.from(body);
        bytes[at % bytes.length] ^= 1;
        expect(() => verifyWith(secret, bytes.toString('latin1'), { ...headers })).toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('signs with both secrets during a rotation, so either receiver verifies', () => {
    const [next, old] = [generateWebhookSecret(), generateWebhookSecret()];
    const body = '{"event":"webhook.test"}';
    const headers = signDelivery({
      messageId: 'msg_2',
      event: 'webhook.test',
      body,
      timestamp: Math.floor(Date.now() / 1000),
      secrets: [next, old],
    });
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => verifyWith(next, body, { ...headers })).not.toThrow();
    expect(() => verifyWith(old, body, { ...headers })).not.toThrow();
    expect(() => verifyWith(generateWebhookSecret(), body, { ...headers })).toThrow();
  });

  it('writes X-Webhook-Signature as sha256=<hex> or bare hex, keyed with the whole whsec_ text', () => {
    const secret = generateWebhookSecret();
    const body = '{"event":"webhook.test"}';
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    const base = {
      messageId: 'msg_3',
      event: 'webhook.test',
      body,
      timestamp: 1,
      secrets: [secret],
    };
    expect(signDelivery(base)['x-webhook-signature']).toBe(`sha256=${hex}`);
    expect(
      signDelivery({ ...base, signatureFormat: 'sha256-prefixed' })['x-webhook-signature'],
    ).toBe(`sha256=${hex}`);
    expect(signDelivery({ ...base, signatureFormat: 'hex' })['x-webhook-signature']).toBe(hex);
  });

  it('accepts secrets of 24-64 bytes only, and derives stable message ids', () => {
    expect(secretProblem(generateWebhookSecret())).toBeUndefined();
    expect(secretProblem(`whsec_${Buffer.alloc(16).toString('base64')}`)).toMatch(/decodes to 16/);
    expect(secretProblem('whsec_not base64')).toMatch(/base64/);
    expect(messageIdFor('run.failed:r1')).toBe(messageIdFor('run.failed:r1'));
    expect(messageIdFor('run.failed:r1')).toMatch(/^msg_[A-Za-z0-9_-]{24}$/);
  });
});
