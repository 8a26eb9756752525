import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { Webhook } from 'standardwebhooks';

/**
 * Headers a real sender would attach, computed the sender's way (their own library where one
 * exists), independently of Flowhub's verifier.
 */
export interface Delivery {
  body: Buffer;
  secret: string;
  /** Unix seconds */
  timestamp: number;
  id: string;
}

const hmac = (algorithm: string, key: string | Buffer, content: string | Buffer) =>
  createHmac(algorithm, key).update(content);
const stripe = new Stripe('sk_test_flowhub');

export const senderHeaders: Record<string, (d: Delivery) => Record<string, string>> = {
  github: (d) => ({
    'x-hub-signature-256': `sha256=${hmac('sha256', d.secret, d.body).digest('hex')}`,
    'x-github-delivery': d.id,
  }),
  shopify: (d) => ({
    'x-shopify-hmac-sha256': hmac('sha256', d.secret, d.body).digest('base64'),
    'x-shopify-webhook-id': d.id,
  }),
  slack: (d) => ({
    'x-slack-request-timestamp': String(d.timestamp),
    'x-slack-signature': `v0=${hmac('sha256', d.secret, Buffer.concat([Buffer.from(`v0:${d.timestamp}:`), d.body])).digest('hex')}`,
  }),
  stripe: (d) => ({
    'stripe-signature': stripe.webhooks.generateTestHeaderString({
      payload: d.body.toString('utf8'),
      secret: d.secret,
      timestamp: d.timestamp,
    }),
  }),
  'standard-webhooks': (d) => ({
    'webhook-id': d.id,
    'webhook-timestamp': String(d.timestamp),
    'webhook-signature': new Webhook(d.secret).sign(
      d.id,
      new Date(d.timestamp * 1000),
      d.body.toString('utf8'),
    ),
  }),
};
