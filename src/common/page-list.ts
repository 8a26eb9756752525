import { AppError, ErrorCode } from './app-error.js';
import { CURSOR_MESSAGE } from './page-cursor.js';

/** Every list answer of the API: one page of items and the cursor of the next page. */
export interface Page<T> {
  items: T[];
  /** Pass as `?cursor=` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** A sort key: compared part by part; the last part makes it unique (an id, a name). */
export type PageKey = (string | number)[];

export const DEFAULT_PAGE_LIMIT = 20;

/** `created_at::text` as PostgreSQL prints it (UTC), so keyset cursors share one format. */
export function timestampText(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', '+00');
}

export function encodePageKey(key: PageKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The key in a cursor when it has the shape of `like`'s keys; else a 400. */
function decodePageKey(cursor: string, like: PageKey): PageKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const fits =
      Array.isArray(key) &&
      key.length === like.length &&
      key.every((part, i) => typeof part === typeof like[i]);
    if (fits) return key as PageKey;
  } catch {
    // not JSON: refused below
  }
  throw new AppError(ErrorCode.BadRequest, CURSOR_MESSAGE);
}

function compareKeys(a: PageKey, b: PageKey): number {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

export interface PageOptions<T> {
  /** The unique sort key of an item. */
  key: (item: T) => PageKey;
  /** `asc`: smallest key first (oldest, A-Z); `desc`: largest first (newest). */
  order: 'asc' | 'desc';
}

/**
 * One page of a list held in memory (the catalogue, a flow's versions, the small tables):
 * sorted by `key`, the items after the cursor's key, `limit` of them (1-100, default 20).
 * The same `{items, nextCursor}` and `?limit=&cursor=` as the keyset pages of runs.
 */
export function pageList<T>(
  all: readonly T[],
  query: { limit?: number; cursor?: string },
  options: PageOptions<T>,
): Page<T> {
  const sign = options.order === 'asc' ? 1 : -1;
  const keyed = all.map((item) => ({ item, key: options.key(item) }));
  keyed.sort((a, b) => sign * compareKeys(a.key, b.key));
  const after =
    query.cursor === undefined || keyed.length === 0
      ? undefined
      : decodePageKey(query.cursor, keyed[0].key);
  const rest = after ? keyed.filter((k) => sign * compareKeys(k.key, after) > 0) : keyed;
  const limit = query.limit ?? DEFAULT_PAGE_LIMIT;
  const page = rest.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((k) => k.item),
    nextCursor: rest.length > limit && last ? encodePageKey(last.key) : null,
  };
}

/** Newest first by (createdAt, id), like runs: flows, API keys, webhook subscriptions. */
export const byCreatedAt = <
  T extends { id: string; createdAt: string | Date },
>(): PageOptions<T> => ({
  key: (item) => [timestampText(new Date(item.createdAt)), item.id],
  order: 'desc',
});

/** A-Z by a unique name: plugins, connections, secrets, the event catalogue. */
export const byName = <T>(name: (item: T) => string): PageOptions<T> => ({
  key: (item) => [name(item)],
  order: 'asc',
});
