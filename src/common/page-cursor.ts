/** The most a cursor this API hands out can be: base64url of `["<timestamp>","<uuid>"]`. */
const MAX_CURSOR_LENGTH = 200;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `created_at::text` as PostgreSQL prints it, e.g. 2026-11-23 10:07:46.199+00 */
const TIMESTAMP =
  /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.\d{1,6})?[+-](\d\d)(?::(\d\d))?$/;

export const CURSOR_MESSAGE = 'cursor is not valid: pass the nextCursor of a previous page';

/** A date PostgreSQL takes: year 1-9999, a real day of that month, offsets within ±15:59. */
function isStorableTimestamp(text: string): boolean {
  const parts = TIMESTAMP.exec(text)
    ?.slice(1)
    .map((part) => Number(part ?? 0));
  if (!parts) return false;
  const [year, month, day, hour, minute, second, offsetHour, offsetMinute] = parts;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  const realDay = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const clock = hour <= 23 && minute <= 59 && second <= 59;
  return year >= 1 && realDay && clock && offsetHour <= 15 && offsetMinute <= 59;
}

/**
 * Whether `cursor` has the shape of a keyset cursor (the `nextCursor` of a page): checked in
 * the query DTO so a forged one is a 400, never a database error on a bad uuid or timestamp.
 */
export function isPageCursor(cursor: unknown): boolean {
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH) return false;
  if (!BASE64URL.test(cursor)) return false;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 2) return false;
    const [createdAt, id] = decoded as unknown[];
    return (
      typeof createdAt === 'string' &&
      typeof id === 'string' &&
      UUID.test(id) &&
      isStorableTimestamp(createdAt)
    );
  } catch {
    return false;
  }
}

/** `created_at::text` as PostgreSQL prints it (the looser check decodeCursor has always made). */
const POSTGRES_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/;

/** The keyset cursor of the row after which the next page starts: `created_at::text` and id. */
export function encodeCursor(createdAtText: string, id: string): string {
  return Buffer.from(JSON.stringify([createdAtText, id])).toString('base64url');
}

/** The row an encodeCursor cursor names, or undefined for anything that is not one. */
export function decodeCursor(cursor: string): { createdAt: string; id: string } | undefined {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [
      string,
      string,
    ];
    const valid = typeof createdAt === 'string' && POSTGRES_TIMESTAMP.test(createdAt);
    return valid && /^[0-9a-f-]{36}$/i.test(id) ? { createdAt, id } : undefined;
  } catch {
    return undefined;
  }
}
