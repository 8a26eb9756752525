import type { VerifyDefinition } from './verify-presets.js';

/** The static-token preset's header when the flow names none. */
export const DEFAULT_TOKEN_HEADER = 'X-Webhook-Secret';

const REDACTED_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

/**
 * Headers as stored for `$trigger.headers`: names lower-cased, values joined, credentials
 * (authorization, cookie, proxy-authorization, a static-token preset's header) redacted.
 * Used for catch requests and for test runs (`POST /flows/:id/test`) alike.
 */
export function storedHeaders(
  raw: Record<string, string | string[] | number | undefined>,
  verify?: VerifyDefinition,
): Record<string, string> {
  const token = tokenHeaderOf(verify);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    headers[lower] = REDACTED_HEADERS.has(lower) || lower === token ? '[redacted]' : text;
  }
  return headers;
}

/** The header a static-token preset reads its secret from (lower case), if any. */
export function tokenHeaderOf(verify: VerifyDefinition | undefined): string | undefined {
  if (verify?.preset !== 'static-token' || verify.basicAuth) return undefined;
  return (verify.header ?? DEFAULT_TOKEN_HEADER).toLowerCase();
}
