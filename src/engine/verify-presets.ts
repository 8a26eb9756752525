/**
 * trigger.verify as the engine sees it: which senders Flowhub verifies, how a generic HMAC is
 * described, and the dedupe key each preset brings (webhooks.md, "Inbound"). The checks
 * themselves run at the catch URL (src/catch/signatures); the secret never reaches a definition.
 */
export const VERIFY_PRESETS = [
  'standard-webhooks',
  'stripe',
  'github',
  'shopify',
  'slack',
  'twilio',
  'zoho-crm',
  'static-token',
  'hmac',
] as const;
export type VerifyPreset = (typeof VERIFY_PRESETS)[number];

export const HMAC_ALGORITHMS = ['sha1', 'sha256', 'sha512'] as const;
export const SIGNATURE_ENCODINGS = ['hex', 'base64'] as const;
export const SECRET_ENCODINGS = ['utf8', 'base64', 'whsec'] as const;
export const TIMESTAMP_UNITS = ['s', 'ms'] as const;

/** Replay window where a timestamp is signed (Stripe, Slack, Standard Webhooks): ±300 s. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export interface VerifyDefinition {
  preset: VerifyPreset;
  /** Seconds a signed timestamp may differ from Flowhub's clock (presets that sign one). */
  toleranceSeconds?: number;
  /** static-token: the header holding the secret (default X-Webhook-Secret); hmac: the signature header. */
  header?: string;
  /** static-token: HTTP basic auth (`user:password`) instead of a header. */
  basicAuth?: boolean;
  /** hmac only, below. */
  algorithm?: (typeof HMAC_ALGORITHMS)[number];
  encoding?: (typeof SIGNATURE_ENCODINGS)[number];
  /** Text before the signature in the header, e.g. `sha256=` or `v0=`. */
  prefix?: string;
  /** What is signed: `{body}` (default), `{timestamp}.{body}`, `{id}.{timestamp}.{body}`, ... */
  template?: string;
  timestampHeader?: string;
  timestampUnit?: (typeof TIMESTAMP_UNITS)[number];
  /** The header `{id}` stands for. */
  idHeader?: string;
  secretEncoding?: (typeof SECRET_ENCODINGS)[number];
}

/** Where each preset's senders put a delivery id (VER-2): the default trigger.dedupe. */
const PRESET_DEDUPE: Partial<Record<VerifyPreset, string>> = {
  'standard-webhooks':
    "$trigger.headers.'webhook-id' ? $trigger.headers.'webhook-id' : $trigger.headers.'svix-id'",
  stripe: '$trigger.body.id',
  github: "$trigger.headers.'x-github-delivery'",
  // Shopify Events send shopify-webhook-id, webhooks X-Shopify-Webhook-Id: the first present
  shopify:
    "$trigger.headers.'shopify-webhook-id' ? $trigger.headers.'shopify-webhook-id' : $trigger.headers.'x-shopify-webhook-id'",
  slack: '$trigger.body.event_id',
  twilio: "$trigger.headers.'i-twilio-idempotency-token'",
  'zoho-crm':
    "$trigger.body.channel_id & ':' & $join($trigger.body.ids, ',') & ':' & $string($trigger.body.server_time)",
};

/** A header name as a dedupe expression (`{"header": "X-GitHub-Delivery"}`). */
export function headerExpression(header: string): string {
  return `$lookup($trigger.headers, ${JSON.stringify(header.toLowerCase())})`;
}

export type DedupeDefinition = string | { header: string } | false;

/**
 * The dedupe expression a flow uses: its own (an expression or a header), none when it says
 * `false`, else its verify preset's default.
 */
export function effectiveDedupe(
  dedupe: DedupeDefinition | undefined,
  verify: VerifyDefinition | undefined,
): string | undefined {
  if (dedupe === false) return undefined;
  if (typeof dedupe === 'string') return dedupe;
  if (dedupe) return headerExpression(dedupe.header);
  return verify ? PRESET_DEDUPE[verify.preset] : undefined;
}
