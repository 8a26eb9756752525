/**
 * Query parameter names that carry credentials (`?api_key=`): a flow may not hold their values
 * in clear (a static `query` value is moved into a named secret when the flow is saved, as a
 * credential header is) and run records show them redacted.
 */
const EXACT = new Set([
  'key',
  'apikey',
  'api_key',
  'api-key',
  'token',
  'access_token',
  'auth',
  'secret',
  'password',
  'passwd',
  'pwd',
  'signature',
  'sig',
]);
const PARTS = ['secret', 'token', 'password', 'apikey', 'api_key', 'api-key', 'signature'];

export function isCredentialQueryKey(name: string): boolean {
  const lower = name.toLowerCase();
  return EXACT.has(lower) || PARTS.some((part) => lower.includes(part));
}
