/** The most of a normalised message kept as an issue's grouping key. */
const MAX_FINGERPRINT = 200;

const QUOTED = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Long hex or mixed letter-and-digit tokens: record ids, hashes, request ids. */
const ID_TOKEN = /\b(?=[A-Za-z_-]*\d)(?=[0-9_-]*[A-Za-z])[A-Za-z0-9_-]{8,}\b/g;
const NUMBER = /[-+]?\d+(?:[.,]\d+)*/g;

/**
 * A failure message with what changes from one occurrence to the next taken out: quoted
 * values, uuids and other ids, numbers. `record '4711' not found after 3 tries` and
 * `record "99" not found after 5 tries` become the same `record <q> not found after <n> tries`.
 */
export function normaliseMessage(message: string): string {
  return message
    .replace(QUOTED, '<q>')
    .replace(UUID, '<id>')
    .replace(ID_TOKEN, '<id>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, MAX_FINGERPRINT);
}

/**
 * Codes that name a class of failure, not what failed (a plugin's FatalError or
 * RetryableError, an unclassified throw): their messages tell the failures apart.
 */
export const GENERIC_CODES: readonly string[] = ['fatal', 'retryable', 'error'];

/**
 * What groups a failed step's occurrences into one issue (with the flow and the step): its
 * error code when the step reported a specific one (`http_422`, `ETIMEDOUT`, `timeout`),
 * else its normalised message (after the generic code, if any).
 */
export function issueFingerprint(errorCode: string | null, message: string | null): string {
  if (errorCode && !GENERIC_CODES.includes(errorCode)) return `code:${errorCode}`;
  return `${errorCode ?? 'message'}:${normaliseMessage(message ?? '')}`;
}
