import { createHmac, randomBytes } from 'node:crypto';
import type { VerifyPreset } from '../../src/engine/verify-presets.js';
import {
  check,
  type CanaryContext,
  type CanaryEntry,
  type CanaryFormat,
  type CreatedFlow,
} from './secret-canary.js';
import { senderHeaders } from './sender-signatures.js';

interface Signed {
  body: string;
  contentType: string;
  headers: Record<string, string>;
}

/** One trigger.verify setup: how its secret looks and how a sender signs a request with it. */
interface VerifyCase {
  name: string;
  preset: VerifyPreset;
  format?: CanaryFormat;
  /** The secret Flowhub stores, from the canary (static-token basic auth: `user:<canary>`). */
  secretOf?: (canary: string) => string;
  verify?: Record<string, unknown>;
  /** Rotation without a secret makes Flowhub generate one (not for sender-issued secrets). */
  generated?: boolean;
  sign(secret: string, url: string): Signed;
}

const uid = () => randomBytes(8).toString('hex');
const hmac = (algorithm: string, key: string | Buffer, content: string) =>
  createHmac(algorithm, key).update(content);
const now = () => Math.floor(Date.now() / 1000);

/** A JSON body with the ids the presets dedupe on, new for every request. */
const json = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ id: `evt_${uid()}`, event_id: `Ev${uid()}`, amount: 42, ...extra });

/** Signed with the preset sender's own scheme (sender-signatures.ts where it has one). */
function senderSigned(preset: keyof typeof senderHeaders) {
  return (secret: string): Signed => {
    const body = json();
    const delivery = { body: Buffer.from(body), secret, timestamp: now(), id: `msg_${uid()}` };
    const headers = senderHeaders[preset](delivery);
    return { body, contentType: 'application/json', headers };
  };
}

/** Twilio: HMAC-SHA1 of the public URL + the sorted form parameters, base64. */
function twilioSigned(secret: string, url: string): Signed {
  const params = { Body: `hello ${uid()}`, From: '+15550001111' };
  const content =
    url +
    Object.keys(params)
      .sort()
      .map((k) => k + params[k as keyof typeof params])
      .join('');
  return {
    body: new URLSearchParams(params).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: { 'x-twilio-signature': hmac('sha1', secret, content).digest('base64') },
  };
}

/** Every preset of VERIFY_PRESETS, and the variants that read the secret differently. */
export const VERIFY_CASES: VerifyCase[] = [
  { name: 'github', preset: 'github', generated: true, sign: senderSigned('github') },
  { name: 'shopify', preset: 'shopify', sign: senderSigned('shopify') },
  { name: 'slack', preset: 'slack', sign: senderSigned('slack') },
  { name: 'stripe', preset: 'stripe', format: 'whsec', sign: senderSigned('stripe') },
  {
    name: 'standard-webhooks',
    preset: 'standard-webhooks',
    format: 'whsec',
    sign: senderSigned('standard-webhooks'),
  },
  { name: 'twilio', preset: 'twilio', sign: twilioSigned },
  {
    name: 'zoho-crm',
    preset: 'zoho-crm',
    sign: (secret) => ({
      body: JSON.stringify({
        channel_id: uid(),
        ids: [uid()],
        server_time: Date.now(),
        token: secret,
      }),
      contentType: 'application/json',
      headers: {},
    }),
  },
  {
    name: 'static-token',
    preset: 'static-token',
    generated: true,
    sign: (secret) => ({
      body: json(),
      contentType: 'application/json',
      headers: { 'x-webhook-secret': secret },
    }),
  },
  {
    // A header of the flow's own choosing, whose name no fixed redaction list knows.
    name: 'static-token-custom-header',
    preset: 'static-token',
    verify: { header: 'X-Sender-Check' },
    sign: (secret) => ({
      body: json(),
      contentType: 'application/json',
      headers: { 'x-sender-check': secret },
    }),
  },
  {
    name: 'static-token-bearer',
    preset: 'static-token',
    verify: { header: 'Authorization' },
    sign: (secret) => ({
      body: json(),
      contentType: 'application/json',
      headers: { authorization: `Bearer ${secret}` },
    }),
  },
  {
    name: 'static-token-basic-auth',
    preset: 'static-token',
    verify: { basicAuth: true },
    secretOf: (canary) => `sender:${canary}`,
    sign: (secret) => ({
      body: json(),
      contentType: 'application/json',
      headers: { authorization: `Basic ${Buffer.from(secret).toString('base64')}` },
    }),
  },
  {
    name: 'hmac',
    preset: 'hmac',
    verify: {
      header: 'X-Signature',
      prefix: 'sha256=',
      template: '{timestamp}.{body}',
      timestampHeader: 'X-Timestamp',
    },
    sign: (secret) => {
      const body = json();
      const timestamp = String(now());
      const signature = hmac('sha256', secret, `${timestamp}.${body}`).digest('hex');
      return {
        body,
        contentType: 'application/json',
        headers: { 'x-signature': `sha256=${signature}`, 'x-timestamp': timestamp },
      };
    },
  },
  {
    name: 'hmac-base64-key',
    preset: 'hmac',
    format: 'base64-key',
    verify: {
      header: 'X-Hook-Mac',
      algorithm: 'sha512',
      encoding: 'base64',
      template: '{id}.{body}',
      idHeader: 'X-Delivery',
      secretEncoding: 'base64',
    },
    sign: (secret) => {
      const body = json();
      const id = uid();
      const mac = hmac('sha512', Buffer.from(secret, 'base64'), `${id}.${body}`).digest('base64');
      return {
        body,
        contentType: 'application/json',
        headers: { 'x-hook-mac': mac, 'x-delivery': id },
      };
    },
  },
];

async function deliver(ctx: CanaryContext, url: string, signed: Signed) {
  return ctx.api.call('POST', url, {
    key: null,
    raw: signed.body,
    contentType: signed.contentType,
    headers: signed.headers,
  });
}

type Send = (secret: string, status: number) => Promise<void>;

/** Sends a request signed with `secret` to the flow and throws unless it gets `status`. */
function sender(ctx: CanaryContext, c: VerifyCase, flow: CreatedFlow): Send {
  return async (secret, status) => {
    const reply = await deliver(ctx, flow.url, c.sign(secret, ctx.publicUrl + flow.path));
    if (reply.status !== status)
      throw new Error(
        `verify:${c.name}: expected ${status}, got ${reply.status} ${JSON.stringify(reply.body)}`,
      );
    if (status === 202) ctx.pendingRuns.push(reply.body.runId);
  };
}

/** PUT with a secret replaces it; a test run with the sender's headers stores them too. */
async function replaceAndTest(ctx: CanaryContext, c: VerifyCase, flow: CreatedFlow, send: Send) {
  const kind = `verify:${c.name}`;
  const replaced = (c.secretOf ?? String)(ctx.canaries.mint(kind, c.format));
  const definition = (await ctx.api.get(`/api/v1/flows/${flow.id}`)).body.definition;
  definition.trigger.verify.secret = replaced;
  check(`${kind} PUT`, await ctx.api.put(`/api/v1/flows/${flow.id}`, definition), 200);
  await send(replaced, 202);
  const { headers } = c.sign(replaced, ctx.publicUrl + flow.path);
  const tested = await ctx.api.post(`/api/v1/flows/${flow.id}/test`, { payload: {}, headers });
  check(`${kind} test run`, tested, 200);
}

/** Creates the flow, then: a signed request (202), a forged one (401), rotations and a PUT. */
async function exercise(ctx: CanaryContext, c: VerifyCase): Promise<void> {
  const kind = `verify:${c.name}`;
  const secretOf = c.secretOf ?? String;
  const secret = secretOf(ctx.canaries.mint(kind, c.format));
  const flow = await ctx.createFlow({
    name: `verify ${c.name}`,
    trigger: { type: 'webhook', verify: { preset: c.preset, secret, ...c.verify } },
    steps: [{ id: 'a', action: 'core.transform' }],
  });
  const send = sender(ctx, c, flow);
  await send(secret, 202);
  await send(secretOf(ctx.canaries.mint(`${kind} (refused guess)`, c.format)), 401);
  const rotated = secretOf(ctx.canaries.mint(kind, c.format));
  const rotation = await ctx.api.post(`/api/v1/flows/${flow.id}/rotate-secret`, {
    secret: rotated,
    graceSeconds: 3600,
  });
  check(`${kind} rotate-secret`, rotation, 200);
  await send(rotated, 202);
  await send(secret, 202); // the previous secret, in its grace period
  await replaceAndTest(ctx, c, flow, send);
  if (!c.generated) return;
  const generated = await ctx.api.post(`/api/v1/flows/${flow.id}/rotate-secret`, {});
  ctx.canaries.add('verify:generated', String(generated.body.verifySecret));
  await send(String(generated.body.verifySecret), 202);
}

export const VERIFY_ENTRIES: CanaryEntry[] = VERIFY_CASES.map((c) => ({
  kind: `verify:${c.name}`,
  covers: [`verify:${c.preset}`],
  run: (ctx) => exercise(ctx, c),
}));
