import { addSensitiveHeaderNames } from '../common/request-logging.js';
import type { VerifyDefinition } from '../engine/verify-presets.js';
import { DEFAULT_TOKEN_HEADER } from '../engine/stored-headers.js';

/** The headers each preset reads (src/catch/signatures): kept out of log lines. */
const PRESET_HEADERS: Record<VerifyDefinition['preset'], string[]> = {
  'standard-webhooks': [
    'webhook-signature',
    'webhook-id',
    'webhook-timestamp',
    'svix-signature',
    'svix-id',
    'svix-timestamp',
  ],
  stripe: ['stripe-signature'],
  github: ['x-hub-signature-256', 'x-hub-signature'],
  shopify: ['x-shopify-hmac-sha256', 'shopify-hmac-sha256'],
  slack: ['x-slack-signature', 'x-slack-request-timestamp'],
  twilio: ['x-twilio-signature'],
  'zoho-crm': [],
  'static-token': [],
  hmac: [],
};

/** Every header name a flow's trigger.verify reads, lower-case. */
export function verifyHeaderNames(verify: VerifyDefinition | undefined): string[] {
  if (!verify) return [];
  const own =
    verify.preset === 'static-token'
      ? [verify.basicAuth ? 'authorization' : (verify.header ?? DEFAULT_TOKEN_HEADER)]
      : verify.preset === 'hmac'
        ? [verify.header, verify.timestampHeader, verify.idHeader]
        : [];
  return [...(PRESET_HEADERS[verify.preset] ?? []), ...own]
    .filter((name): name is string => typeof name === 'string' && name !== '')
    .map((name) => name.toLowerCase());
}

/** Called once the catch URL's flow is known: its verify headers are redacted in the log. */
export function markSensitiveHeaders(
  request: { raw?: object },
  verify: VerifyDefinition | undefined,
): void {
  // Marked even when empty: the request log then knows the flow's verify headers are named.
  addSensitiveHeaderNames(request, verifyHeaderNames(verify));
}
