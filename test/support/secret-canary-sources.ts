import { Redis } from 'ioredis';
import pg from 'pg';
import type { Place } from './secret-canary-scan.js';

/** Catch URLs carry their key: labels name the route, never the key. */
const routeLabel = (path: string) =>
  path.replace(/(\/webhook\/catch\/[^/?]+\/)[^/?]+/i, '$1:key').split('?')[0];

export interface CallOptions {
  body?: unknown;
  /** Bytes or text sent as they are (catch requests). */
  raw?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** The API key to send; `null` sends none. Default: the client's key. */
  key?: string | null;
}

export interface Recorded {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  headers: Record<string, string>;
}

/**
 * An HTTP client that keeps every response it sees (status, headers, body) as a place to
 * scan. It talks to the app (paths) or to any URL (catch URLs, absolute).
 */
export function recordingClient(baseUrl: string, defaultKey: string) {
  const places: Place[] = [];
  const call = async (method: string, path: string, options: CallOptions = {}) => {
    const key = options.key === undefined ? defaultKey : options.key;
    const json = options.body !== undefined;
    const response = await fetch(path.startsWith('http') ? path : `${baseUrl}${path}`, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(json || options.contentType
          ? { 'content-type': options.contentType ?? 'application/json' }
          : {}),
        ...options.headers,
      },
      body: json ? JSON.stringify(options.body) : options.raw,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics, the docs UI): scanned as text
    }
    const headers = Object.fromEntries(response.headers.entries());
    const where = `response ${method} ${routeLabel(path.replace(baseUrl, ''))} ${response.status}`;
    places.push({ where, text: JSON.stringify({ headers, body }), json: { headers, body } });
    return { status: response.status, body, headers } as Recorded;
  };
  return {
    places,
    call,
    get: (path: string, options?: CallOptions) => call('GET', path, options),
    post: (path: string, body: unknown = {}, options?: CallOptions) =>
      call('POST', path, { ...options, body }),
    put: (path: string, body: unknown) => call('PUT', path, { body }),
    patch: (path: string, body: unknown) => call('PATCH', path, { body }),
    delete: (path: string) => call('DELETE', path),
  };
}
export type RecordingClient = ReturnType<typeof recordingClient>;

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;

/**
 * Everything written to stdout, stderr and the console while it runs (besides the app's pino
 * lines, which bootTestApp keeps in `logs`): bootstrap banners, library warnings.
 */
export function captureProcessOutput() {
  const lines: string[] = [];
  const restores: (() => void)[] = [];
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => (stream.write = write));
  }
  for (const method of CONSOLE_METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      lines.push(
        args.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(' '),
      );
      original.apply(console, args);
    };
    restores.push(() => (console[method] = original));
  }
  return { lines, restore: () => restores.forEach((restore) => restore()) };
}

/** Every row of every table (bullmq's schema included), as PostgreSQL's text of the row. */
export async function dumpTables(databaseUrl: string): Promise<Place[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2`,
    );
    const places: Place[] = [];
    for (const { table_schema: schema, table_name: name } of tables) {
      const table = `"${schema}"."${name}"`;
      const { rows } = await client.query<{ row: string }>(`SELECT t::text AS row FROM ${table} t`);
      rows.forEach(({ row }, i) =>
        places.push({ where: `table ${schema}.${name} row ${i}`, text: row }),
      );
    }
    return places;
  } finally {
    await client.end();
  }
}

/** Every value under the app's queue prefix on Redis, when the suite runs with REDIS_URL. */
export async function dumpRedis(url: string | undefined, prefix: string): Promise<Place[]> {
  if (!url) return [];
  const redis = new Redis(url);
  const places: Place[] = [];
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      for (const key of keys)
        places.push({ where: `redis ${key}`, text: await redisValue(redis, key) });
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return places;
}

async function redisValue(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'string') return (await redis.get(key)) ?? '';
  if (type === 'hash') return JSON.stringify(await redis.hgetall(key));
  if (type === 'list') return JSON.stringify(await redis.lrange(key, 0, -1));
  if (type === 'set') return JSON.stringify(await redis.smembers(key));
  if (type === 'zset') return JSON.stringify(await redis.zrange(key, 0, -1));
  if (type === 'stream') return JSON.stringify(await redis.xrange(key, '-', '+'));
  return '';
}
