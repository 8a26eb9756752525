/**
 * `?match=customer.email=client@test.com`: the runs whose caught request body has this value
 * at this JSON path. The path is dot-separated keys (an array index is a number:
 * `items.0.sku`); the value is compared with the JSON value as text, so `amount=42` matches
 * 42 and "42", and `paid=true` matches true.
 */
export interface PayloadMatch {
  path: string[];
  value: string;
}

export const MATCH_MAX_DEPTH = 8;
const KEY = /^[A-Za-z0-9_$@-]{1,64}$/;

export const MATCH_MESSAGE =
  'match must be <path>=<value>, the path dot-separated keys of the request body ' +
  `(letters, digits, _ $ @ -, at most ${MATCH_MAX_DEPTH} deep), e.g. customer.email=client@test.com`;

/** The path and value of a match filter, or undefined when it is malformed. */
export function parsePayloadMatch(raw: string): PayloadMatch | undefined {
  const at = raw.indexOf('=');
  if (at <= 0) return undefined;
  const path = raw.slice(0, at).split('.');
  const value = raw.slice(at + 1);
  if (path.length > MATCH_MAX_DEPTH || !path.every((key) => KEY.test(key))) return undefined;
  if (value.length > 500) return undefined;
  return { path, value };
}
