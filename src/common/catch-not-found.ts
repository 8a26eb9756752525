/** ING-5: the one answer for an unknown flow, a wrong key, or anything else not a catch URL. */
export const CATCH_NOT_FOUND =
  'No flow at this catch URL: check the flow id and key (rotate-key issues a new URL)';

export const CATCH_PATH_PREFIX = '/webhook/catch/';

export const catchNotFoundBody = () => ({
  statusCode: 404,
  error: 'Not Found',
  message: CATCH_NOT_FOUND,
});

const CENSOR = '[redacted]';
/** `webhook`, any separators (`/`, `//`, `\`, `/./`), `catch`: in any case, after decoding. */
const CATCH_PATH = /webhook[^a-z0-9]*catch(?![a-z0-9])[^a-z0-9]*/i;
const UUID_START = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** Percent-decoding (repeated, never throwing) so `%2F`, `%252F` and `%77ebhook` are seen. */
function decoded(path: string): string {
  let text = path;
  for (let round = 0; round < 4 && /%[0-9a-f]{2}/i.test(text); round++) {
    text = text.replace(/%([0-9a-f]{2})/gi, (_all, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
  return text;
}

const pathOf = (url: string) => url.split('?')[0];

/**
 * Whether a request path looks like a catch URL however it is spelled (`/Webhook/catch/`,
 * `//webhook/catch/`, `/webhook%2Fcatch/`...): such a path may hold a catch key, so it gets the
 * catch 404 and is never echoed.
 */
export function isCatchPath(url: string | undefined): boolean {
  return url !== undefined && CATCH_PATH.test(decoded(pathOf(url)));
}

/**
 * The path with everything after the catch prefix and a flow id (if one is there) replaced by
 * `[redacted]`; other paths are returned unchanged. Query strings are not handled here.
 */
export function redactCatchPath(path: string): string {
  const text = decoded(path);
  const match = CATCH_PATH.exec(text);
  if (!match) return path;
  const head = text.slice(0, match.index + match[0].length);
  const rest = text.slice(head.length);
  const flowId = UUID_START.exec(rest)?.[0] ?? '';
  if (rest.length === flowId.length) return head + flowId;
  return flowId ? `${head}${flowId}/${CENSOR}` : `${head}${CENSOR}`;
}
