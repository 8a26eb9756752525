import { createHmac, timingSafeEqual } from 'node:crypto';
import { DEFAULT_TOLERANCE_SECONDS, type VerifyDefinition } from '../../engine/verify-presets.js';
import {
  badSignature,
  checkTimestamp,
  headerValue,
  missingHeader,
  VerificationFailure,
  type VerifiableRequest,
} from './verification.js';

type Algorithm = 'sha1' | 'sha256' | 'sha512';
type Encoding = 'hex' | 'base64';

/**
 * What a request carries: candidate signatures and the signed timestamp and id, if any, and
 * the header names it used where a sender has two forms (`svix-*`, `Shopify-*`), so that
 * errors name the header the sender actually sent.
 */
export interface SignedParts {
  signatures: string[];
  timestamp?: string;
  id?: string;
  signatureHeader?: string;
  timestampHeader?: string;
}

/** An HMAC signature scheme: where the parts are, what is signed, how the secret is read. */
export interface HmacScheme {
  sender: string;
  signatureHeader: string;
  algorithm: Algorithm;
  encoding: Encoding;
  template: string;
  timestamp?: { header: string; unit: 's' | 'ms' };
  secretBytes(secret: string): Buffer;
  read(request: VerifiableRequest): SignedParts | VerificationFailure;
}

const HEX = /^(?:[0-9a-fA-F]{2})+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const utf8 = (secret: string) => Buffer.from(secret, 'utf8');
const whsec = (secret: string) => Buffer.from(secret.replace(/^whsec_/, ''), 'base64');

/** Decodes one presented signature strictly; undefined when it is not valid hex/base64. */
function decode(signature: string, encoding: Encoding): Buffer | undefined {
  const text = signature.trim();
  const valid = encoding === 'hex' ? HEX.test(text) : text.length > 0 && BASE64.test(text);
  return valid ? Buffer.from(text, encoding) : undefined;
}

/** The signed bytes: the template with `{body}` as the raw bytes, `{timestamp}` and `{id}` as text. */
function signedContent(template: string, parts: SignedParts, body: Buffer): Buffer {
  const pieces = template.split(/(\{body\}|\{timestamp\}|\{id\})/);
  return Buffer.concat(
    pieces.map((piece) => {
      if (piece === '{body}') return body;
      if (piece === '{timestamp}') return utf8(parts.timestamp ?? '');
      if (piece === '{id}') return utf8(parts.id ?? '');
      return utf8(piece);
    }),
  );
}

/** Requires a header, with the prefix stripped when the scheme has one. */
function single(header: string, sender: string, prefix = '') {
  return (request: VerifiableRequest): SignedParts | VerificationFailure => {
    const value = headerValue(request, header);
    if (value === undefined) return missingHeader(header, sender);
    if (!value.startsWith(prefix)) return badSignature(header, sender);
    return { signatures: [value.slice(prefix.length)] };
  };
}

const github: HmacScheme = {
  sender: 'GitHub',
  signatureHeader: 'X-Hub-Signature-256',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{body}',
  secretBytes: utf8,
  read: single('X-Hub-Signature-256', 'GitHub', 'sha256='),
};

/**
 * Shopify webhooks send `X-Shopify-Hmac-Sha256`; Shopify Events send `Shopify-Hmac-Sha256` (and,
 * for now, the X- form too). As @shopify/shopify-api's webhook validate() does, the unprefixed
 * form wins when present and the other is then ignored; the default dedupe follows suit.
 */
const SHOPIFY_EVENTS_HMAC = 'Shopify-Hmac-Sha256';
const shopify: HmacScheme = {
  sender: 'Shopify',
  signatureHeader: 'X-Shopify-Hmac-Sha256',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{body}',
  secretBytes: utf8,
  read(request) {
    const events = headerValue(request, SHOPIFY_EVENTS_HMAC);
    if (events !== undefined) return { signatures: [events], signatureHeader: SHOPIFY_EVENTS_HMAC };
    const value = headerValue(request, 'X-Shopify-Hmac-Sha256');
    return value === undefined
      ? missingHeader(`X-Shopify-Hmac-Sha256 (or ${SHOPIFY_EVENTS_HMAC})`, 'Shopify')
      : { signatures: [value] };
  },
};

const slack: HmacScheme = {
  sender: 'Slack',
  signatureHeader: 'X-Slack-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: 'v0:{timestamp}:{body}',
  timestamp: { header: 'X-Slack-Request-Timestamp', unit: 's' },
  secretBytes: utf8,
  read(request) {
    const parts = single('X-Slack-Signature', 'Slack', 'v0=')(request);
    if (parts instanceof VerificationFailure) return parts;
    const timestamp = headerValue(request, 'X-Slack-Request-Timestamp');
    return timestamp === undefined
      ? missingHeader('X-Slack-Request-Timestamp', 'Slack')
      : { ...parts, timestamp };
  },
};

/** `Stripe-Signature: t=<ts>,v1=<hex>[,v1=<hex>]` (other schemes such as v0 are ignored). */
const stripe: HmacScheme = {
  sender: 'Stripe',
  signatureHeader: 'Stripe-Signature',
  algorithm: 'sha256',
  encoding: 'hex',
  template: '{timestamp}.{body}',
  timestamp: { header: 'Stripe-Signature (t=)', unit: 's' },
  secretBytes: utf8,
  read(request) {
    const value = headerValue(request, 'Stripe-Signature');
    if (value === undefined) return missingHeader('Stripe-Signature', 'Stripe');
    const pairs = value.split(',').map((pair) => pair.trim().split('='));
    const timestamp = pairs.find(([name]) => name === 't')?.[1];
    const signatures = pairs.filter(([name]) => name === 'v1').map(([, sig]) => sig ?? '');
    if (timestamp === undefined || signatures.length === 0)
      return new VerificationFailure(
        401,
        'bad-signature',
        'Stripe-Signature must hold t=<timestamp> and at least one v1=<signature>',
      );
    return { signatures, timestamp };
  },
};

/** Whether a request sends any of Standard Webhooks' three headers under this prefix. */
const sendsAny = (request: VerifiableRequest, prefix: 'webhook' | 'svix') =>
  ['id', 'timestamp', 'signature'].some(
    (name) => headerValue(request, `${prefix}-${name}`) !== undefined,
  );

/** Standard Webhooks (and Svix's svix-* names): `v1,<base64>` entries, space-separated. */
const standardWebhooks: HmacScheme = {
  sender: 'Standard Webhooks',
  signatureHeader: 'webhook-signature',
  algorithm: 'sha256',
  encoding: 'base64',
  template: '{id}.{timestamp}.{body}',
  timestamp: { header: 'webhook-timestamp', unit: 's' },
  secretBytes: whsec,
  read(request) {
    // Svix's names when the request sends them and none of the webhook-* ones.
    const webhook = sendsAny(request, 'webhook');
    const prefix = !webhook && sendsAny(request, 'svix') ? 'svix' : 'webhook';
    const get = (name: string) => headerValue(request, `${prefix}-${name}`);
    for (const name of ['id', 'timestamp', 'signature']) {
      if (get(name) !== undefined) continue;
      const either = prefix === 'webhook' && !webhook ? ` (or svix-${name})` : '';
      return missingHeader(`${prefix}-${name}${either}`, 'Standard Webhooks');
    }
    const signatures = get('signature')!
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .map((entry) => entry.slice(3));
    return {
      signatures,
      id: get('id'),
      timestamp: get('timestamp'),
      signatureHeader: `${prefix}-signature`,
      timestampHeader: `${prefix}-timestamp`,
    };
  },
};

function genericScheme(verify: VerifyDefinition): HmacScheme {
  const header = verify.header!;
  const secretEncoding = verify.secretEncoding ?? 'utf8';
  return {
    sender: 'the sender',
    signatureHeader: header,
    algorithm: verify.algorithm ?? 'sha256',
    encoding: verify.encoding ?? 'hex',
    template: verify.template ?? '{body}',
    timestamp: verify.timestampHeader
      ? { header: verify.timestampHeader, unit: verify.timestampUnit ?? 's' }
      : undefined,
    secretBytes:
      secretEncoding === 'utf8'
        ? utf8
        : secretEncoding === 'whsec'
          ? whsec
          : (s) => Buffer.from(s, 'base64'),
    read(request) {
      const parts = single(header, 'the sender', verify.prefix ?? '')(request);
      if (parts instanceof VerificationFailure) return parts;
      for (const [field, name] of [
        ['timestamp', verify.timestampHeader],
        ['id', verify.idHeader],
      ] as const) {
        if (name === undefined) continue;
        const value = headerValue(request, name);
        if (value === undefined) return missingHeader(name, 'the sender');
        parts[field] = value;
      }
      return parts;
    },
  };
}

const PRESET_SCHEMES: Record<string, HmacScheme> = {
  github,
  shopify,
  slack,
  stripe,
  'standard-webhooks': standardWebhooks,
};

/** The HMAC scheme of a verify definition, or undefined for the non-HMAC presets. */
export function hmacSchemeOf(verify: VerifyDefinition): HmacScheme | undefined {
  return verify.preset === 'hmac' ? genericScheme(verify) : PRESET_SCHEMES[verify.preset];
}

/** The signature `secret` gives for a request's parts (tests and senders' helpers use it too). */
export function sign(scheme: HmacScheme, secret: string, parts: SignedParts, body: Buffer): Buffer {
  return createHmac(scheme.algorithm, scheme.secretBytes(secret))
    .update(signedContent(scheme.template, parts, body))
    .digest();
}

/** Verifies against every secret, in constant time per comparison; the timestamp first. */
export function verifyHmac(
  scheme: HmacScheme,
  secrets: readonly string[],
  request: VerifiableRequest,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): VerificationFailure | undefined {
  const parts = scheme.read(request);
  if (parts instanceof VerificationFailure) return parts;
  if (scheme.timestamp) {
    const { header, unit } = scheme.timestamp;
    const stale = checkTimestamp(
      parts.timestamp ?? '',
      unit,
      parts.timestampHeader ?? header,
      toleranceSeconds,
      request.now,
    );
    if (stale) return stale;
  }
  const presented = parts.signatures
    .map((signature) => decode(signature, scheme.encoding))
    .filter((bytes): bytes is Buffer => bytes !== undefined);
  for (const secret of secrets) {
    const expected = sign(scheme, secret, parts, request.rawBody);
    if (
      presented.some(
        (bytes) => bytes.length === expected.length && timingSafeEqual(bytes, expected),
      )
    )
      return undefined;
  }
  return badSignature(parts.signatureHeader ?? scheme.signatureHeader, scheme.sender);
}
