/** What a synchronous catch URL sends (trigger.respond mode sync). */
export interface SyncReply {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Headers a reply never carries: the HTTP server owns framing, encoding and the connection. */
const SERVER_OWNED = new Set([
  'connection',
  'content-length',
  'content-encoding',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'trailer',
  'te',
]);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** String headers a reply may set, names lower-cased; anything else is left out. */
function replyHeaders(headers: unknown): Record<string, string> {
  if (!isRecord(headers)) return {};
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name) || SERVER_OWNED.has(lower)) continue;
    if (typeof value === 'string' && !/[\r\n]/.test(value)) kept[lower] = value;
  }
  return kept;
}

/**
 * A step's output as the reply: `{status, headers, body}` (core.respond's output, or any
 * output of that shape with a status from 200 to 599) is sent as it says; any other output is
 * the JSON body of a 200. A string body goes as text unless the headers say otherwise.
 */
export function replyOf(output: unknown): SyncReply {
  const shaped =
    isRecord(output) &&
    'body' in output &&
    Number.isInteger(output.status) &&
    (output.status as number) >= 200 &&
    (output.status as number) <= 599;
  const reply: SyncReply = shaped
    ? { status: output.status as number, headers: replyHeaders(output.headers), body: output.body }
    : { status: 200, headers: {}, body: output ?? null };
  if (reply.headers['content-type'] === undefined)
    reply.headers['content-type'] =
      typeof reply.body === 'string'
        ? 'text/plain; charset=utf-8'
        : 'application/json; charset=utf-8';
  return reply;
}
