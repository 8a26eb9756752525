/** class-validator rules the http plugin needs and class-validator does not ship. */
import { registerDecorator, type ValidationArguments } from '@flowhub/plugin-sdk/validators';

/** RFC 9110 token: what a header name may contain. */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rule(
  name: string,
  test: (value: unknown) => boolean,
  message: (args: ValidationArguments) => string,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      validator: { validate: test, defaultMessage: message },
    });
}

/** An absolute http: or https: URL, judged by the WHATWG parser the client uses. */
export function IsHttpUrl() {
  return rule(
    'isHttpUrl',
    (value) => {
      if (typeof value !== 'string') return false;
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    ({ property }) =>
      `${property} must be an absolute http or https URL, e.g. https://example.com/hook`,
  );
}

/** Set by the HTTP stack from the body actually sent; a stale value would corrupt the request. */
const RESERVED_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection']);

function headerMapProblem(value: unknown): string | undefined {
  if (!isPlainObject(value)) return 'must be an object of header names to string values';
  for (const [name, item] of Object.entries(value)) {
    if (!HEADER_NAME.test(name))
      return `has '${name}', which is not a header name (letters, digits, -)`;
    if (RESERVED_HEADERS.has(name.toLowerCase())) return `cannot set ${name}: Flowhub sets it`;
    if (typeof item !== 'string') return `${name} must be a string`;
    if (/[\r\n\0]/.test(item)) return `${name} must not contain line breaks`;
  }
  return undefined;
}

/** `{ "Header-Name": "value" }`: token names, string values without line breaks. */
export function IsHeaderMap() {
  return rule(
    'isHeaderMap',
    (value) => headerMapProblem(value) === undefined,
    ({ property, value }) => `${property} ${headerMapProblem(value) ?? 'is invalid'}`,
  );
}

/** `{ "name": "value" }` with string, number or boolean values. */
export function IsQueryMap() {
  return rule(
    'isQueryMap',
    (value) =>
      isPlainObject(value) &&
      Object.values(value).every((item) => ['string', 'number', 'boolean'].includes(typeof item)),
    ({ property }) => `${property} must map parameter names to strings, numbers or booleans`,
  );
}

/** A header name (for the signing options). */
export function IsHeaderName() {
  return rule(
    'isHeaderName',
    (value) => typeof value === 'string' && HEADER_NAME.test(value),
    ({ property }) => `${property} must be a header name (letters, digits, -)`,
  );
}
