/** Request and response bodies and headers of the egress client, as plain functions. */

export function hasHeader(headers: Record<string, string>, name: string): boolean {
  const wanted = name.toLowerCase();
  return Object.keys(headers).some((key) => key.toLowerCase() === wanted);
}

export function withoutHeaders(
  headers: Record<string, string>,
  names: string[],
): Record<string, string> {
  const drop = new Set(names.map((name) => name.toLowerCase()));
  return Object.fromEntries(
    Object.entries(headers).filter(([key]) => !drop.has(key.toLowerCase())),
  );
}

/**
 * Objects (and arrays, numbers, booleans, null) are sent as JSON; strings and Buffers as they
 * are. A content type is added only when the caller set none.
 */
export function encodeRequestBody(
  body: unknown,
  headers: Record<string, string>,
): { data?: Buffer; headers: Record<string, string> } {
  if (body === undefined) return { headers };
  const typed = (data: Buffer, contentType: string) => ({
    data,
    headers: hasHeader(headers, 'content-type')
      ? headers
      : { ...headers, 'content-type': contentType },
  });
  if (body instanceof Uint8Array) {
    return typed(
      Buffer.from(body.buffer, body.byteOffset, body.byteLength),
      'application/octet-stream',
    );
  }
  if (typeof body === 'string')
    return typed(Buffer.from(body, 'utf8'), 'text/plain; charset=utf-8');
  return typed(Buffer.from(JSON.stringify(body), 'utf8'), 'application/json');
}

/** Lower-case names, one string per header (repeated headers joined with ", "). */
export function flattenHeaders(headers: unknown): Record<string, string> {
  const source =
    typeof (headers as { toJSON?: unknown })?.toJSON === 'function'
      ? (headers as { toJSON(): Record<string, unknown> }).toJSON()
      : ((headers ?? {}) as Record<string, unknown>);
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || value === null) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return flat;
}

const JSON_TYPE = /^(application|text)\/([\w.-]+\+)?json\s*(;|$)/i;

function charsetOf(contentType: string): string {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType);
  return match ? match[1].toLowerCase() : 'utf-8';
}

function decodeText(data: Buffer, contentType: string): string {
  try {
    return new TextDecoder(charsetOf(contentType)).decode(data);
  } catch {
    return data.toString('utf8');
  }
}

/** Parsed JSON when the content type says JSON (and it parses), else text. */
export function decodeResponseBody(data: Buffer | undefined, contentType = ''): unknown {
  const text = data && data.length > 0 ? decodeText(data, contentType) : '';
  if (text.trim() !== '' && JSON_TYPE.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

/** The start of a body for an error message. */
export function bodyExcerpt(body: unknown, max = 500): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return text === undefined ? '' : text.slice(0, max);
}

const MAX_RETRY_AFTER_MS = 3_600_000;

/** Retry-After as seconds or an HTTP date, in ms, clamped to [0, 1 h]; undefined if absent. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  let ms = Number.NaN;
  if (/^\d+(\.\d+)?$/.test(text)) ms = Number(text) * 1000;
  // An HTTP date names its day and month; Date.parse alone would read '-5' as a year.
  else if (/[a-z]{3}/i.test(text)) ms = Date.parse(text) - now;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}
