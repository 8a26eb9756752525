/**
 * Header names that carry credentials, in one list: a flow may not hold their values in clear
 * (they are moved into named secrets when it is saved), run records and log lines never show
 * them, and a redirect to another origin drops them.
 */
const EXACT = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'x-auth-token',
  'cookie',
]);
const PARTS = ['secret', 'token', 'key', 'signature', 'password', 'auth', 'hmac', 'cookie'];
/** Not credentials although their names say `key`: Flowhub sets it to the step's key. */
const NOT_CREDENTIALS = new Set(['idempotency-key']);

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  if (NOT_CREDENTIALS.has(lower)) return false;
  return EXACT.has(lower) || PARTS.some((part) => lower.includes(part));
}
