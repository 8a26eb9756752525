/**
 * Conversions between what JSONata (or a caller) hands us and plain JSON that stores cleanly
 * in Postgres: JSONata marks sequences with extra array properties, may return functions and
 * non-finite numbers, and never promises fresh objects.
 */
export const MAX_JSON_DEPTH = 1000;

/** Thrown by toPlainJson when a value has no JSON form; `at` is a JSON path such as `.a[2]`. */
export class NotJsonError extends Error {
  constructor(
    readonly at: string,
    message: string,
  ) {
    super(at === '' ? message : `${message} at ${at}`);
    this.name = 'NotJsonError';
  }
}

function isJsonataFunction(value: object): boolean {
  const candidate = value as { _jsonata_lambda?: unknown; _jsonata_function?: unknown };
  return candidate._jsonata_lambda === true || candidate._jsonata_function === true;
}

function arrayToJson(value: unknown[], at: string, depth: number): unknown[] {
  const out: unknown[] = new Array(value.length);
  for (let index = 0; index < value.length; index += 1) {
    const item = convert(value[index], `${at}[${index}]`, depth + 1);
    out[index] = item === undefined ? null : item;
  }
  return out;
}

function objectToJson(value: object, at: string, depth: number): Record<string, unknown> {
  const entries: [string, unknown][] = [];
  for (const key of Object.keys(value)) {
    const item = convert((value as Record<string, unknown>)[key], `${at}.${key}`, depth + 1);
    if (item !== undefined) entries.push([key, item]);
  }
  // fromEntries defines own data properties: a `__proto__` key stays a plain key.
  return Object.fromEntries(entries);
}

function convert(value: unknown, at: string, depth: number): unknown {
  if (depth > MAX_JSON_DEPTH) {
    throw new NotJsonError(at, `a value nested deeper than ${MAX_JSON_DEPTH} levels`);
  }
  switch (typeof value) {
    case 'undefined':
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isFinite(value)) return value;
      throw new NotJsonError(at, `a non-finite number (${value}) has no JSON form`);
    case 'function':
      throw new NotJsonError(at, 'a function has no JSON form');
    case 'object':
      return objectLike(value, at, depth);
    default:
      throw new NotJsonError(at, `a ${typeof value} has no JSON form`);
  }
}

function objectLike(value: object | null, at: string, depth: number): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return arrayToJson(value, at, depth);
  if (isJsonataFunction(value)) {
    throw new NotJsonError(at, 'a function has no JSON form');
  }
  const withToJson = value as { toJSON?: () => unknown };
  if (typeof withToJson.toJSON === 'function') return convert(withToJson.toJSON(), at, depth + 1);
  return objectToJson(value, at, depth);
}

/**
 * A deep copy of `value` as plain JSON: arrays lose JSONata's sequence flags, `undefined`
 * object members are dropped (and become null inside arrays, like JSON.stringify). Functions,
 * non-finite numbers, bigints and symbols throw NotJsonError naming where they are, instead of
 * silently turning into null or vanishing. Never mutates `value`.
 */
export function toPlainJson(value: unknown): unknown {
  return convert(value, '', 0);
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `array`, `null`, `undefined`, `object`, `string`, `number`, `boolean`, `function`. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object' && isJsonataFunction(value)) return 'function';
  return typeof value;
}
