// Starting the systems under test (Flowhub, the floor, the receiver) and their flows.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { freePort, startNode, waitForOk } from './processes.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const ADMIN_URL =
  process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

export async function withAdmin(work) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(name) {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export const createDatabase = (name) =>
  withAdmin(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  });
export const dropDatabase = (name) =>
  withAdmin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));

/** Deletes every Redis key under `prefix:`. */
export async function clearRedisPrefix(prefix) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function startReceiver() {
  const port = await freePort();
  const proc = startNode('receiver', [here('../receiver.mjs')], { PORT: String(port) });
  await waitForOk(proc, `http://127.0.0.1:${port}/`).catch(async () => {
    await waitForOk(proc, `http://127.0.0.1:${port}/`);
  });
  return { ...proc, url: `http://127.0.0.1:${port}/hook` };
}

/** A flow with `steps` steps, each one JSONata map + one http.request to the receiver. */
export function benchFlow(name, receiverUrl, steps = 1) {
  return {
    name,
    trigger: { type: 'webhook', rateLimit: { perSecond: 100000 } },
    steps: Array.from({ length: steps }, (_, i) => ({
      id: `notify${i + 1}`,
      action: 'http.request',
      input: { method: 'POST', url: receiverUrl },
      map: "{ 'body': { 'event': 'order.created', 'order': order_number, 'lines': $count(items), 'total': $sum(items.(qty * price)), 'email': customer.email } }",
    })),
  };
}

// ---- Flowhub ----------------------------------------------------------------------------
export const ADMIN_KEY = randomBytes(32).toString('base64url');
const MASTER_KEYS = `k1:${randomBytes(32).toString('base64')}`;

/**
 * Starts `node dist/src/main.js`; `storage` is { db, prefix } or 'embedded' with a dataDir.
 * `concurrency: null` leaves the worker concurrency at Flowhub's default.
 */
export async function startFlowhub({ role, storage, concurrency = 10, nodeFlags = [], env = {} }) {
  const port = await freePort();
  const base = {
    PORT: String(port),
    HOST: '127.0.0.1',
    FLOWHUB_ROLE: role,
    LOG_LEVEL: 'warn',
    FLOWHUB_ADMIN_KEY: ADMIN_KEY,
    ...(concurrency !== null && { FLOWHUB_WORKER_CONCURRENCY: String(concurrency) }),
    FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
    ...(storage.dataDir
      ? { FLOWHUB_DATA_DIR: storage.dataDir }
      : {
          DATABASE_URL: databaseUrl(storage.db),
          REDIS_URL,
          FLOWHUB_QUEUE_PREFIX: storage.prefix,
          FLOWHUB_MASTER_KEYS: MASTER_KEYS,
        }),
    ...env,
  };
  const main = process.env.BENCH_FLOWHUB_MAIN ?? here('../../dist/src/main.js');
  const proc = startNode(`flowhub-${role}`, [main], base, nodeFlags);
  const health = role === 'worker' ? undefined : `http://127.0.0.1:${port}/health/ready`;
  if (health) await waitForOk(proc, health);
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}

/** Creates flows through the API, `parallel` at a time; returns their catch paths. */
export async function createFlowhubFlows(origin, count, makeFlow, parallel = 8) {
  const paths = new Array(count);
  let next = 0;
  const one = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${origin}/api/v1/flows`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(makeFlow(i)),
      });
      const body = await response.json();
      if (response.status !== 201)
        throw new Error(`create flow: ${response.status} ${JSON.stringify(body)}`);
      paths[i] = new URL(body.catchUrl).pathname;
    }
  };
  await Promise.all(Array.from({ length: parallel }, one));
  return paths;
}

// ---- floor ------------------------------------------------------------------------------
export async function floorSchema(db) {
  const client = new pg.Client({ connectionString: databaseUrl(db) });
  await client.connect();
  await client.query(`
    CREATE TABLE floor_flows (id uuid PRIMARY KEY, key_hash bytea NOT NULL, definition jsonb NOT NULL);
    CREATE TABLE floor_requests (id uuid PRIMARY KEY, flow_id uuid NOT NULL, method varchar NOT NULL,
      headers jsonb NOT NULL, query jsonb NOT NULL, raw_body bytea NOT NULL, body jsonb, content_type varchar,
      size int NOT NULL, source_ip varchar, received_at timestamptz NOT NULL);
    CREATE TABLE floor_runs (id uuid PRIMARY KEY, flow_id uuid NOT NULL, request_id uuid NOT NULL REFERENCES floor_requests(id),
      status varchar NOT NULL, created_at timestamptz NOT NULL, started_at timestamptz, finished_at timestamptz);
    CREATE INDEX ON floor_runs (flow_id, created_at);
    CREATE INDEX ON floor_runs (status) WHERE status IN ('queued', 'running');
    CREATE TABLE floor_steps (run_id uuid NOT NULL REFERENCES floor_runs(id), step_id varchar NOT NULL, status varchar NOT NULL,
      input jsonb, output jsonb, started_at timestamptz, finished_at timestamptz, PRIMARY KEY (run_id, step_id));`);
  await client.end();
}

/** Inserts flows for the floor (it reads them at start); returns their catch paths. */
export async function createFloorFlows(db, count, makeFlow) {
  const client = new pg.Client({ connectionString: databaseUrl(db) });
  await client.connect();
  const paths = [];
  for (let i = 0; i < count; i += 1) {
    const id = randomUUID();
    const key = randomBytes(32).toString('base64url');
    const hash = createHash('sha256').update(key, 'utf8').digest();
    await client.query('INSERT INTO floor_flows VALUES ($1, $2, $3)', [id, hash, makeFlow(i)]);
    paths.push(`/webhook/catch/${id}/${key}`);
  }
  await client.end();
  return paths;
}

export async function startFloor({ role, db, prefix, concurrency = 10 }) {
  const port = await freePort();
  const env = {
    FLOOR_ROLE: role,
    DATABASE_URL: databaseUrl(db),
    REDIS_URL,
    FLOOR_QUEUE_PREFIX: prefix,
    PORT: String(port),
    CONCURRENCY: String(concurrency),
  };
  const proc = startNode(`floor-${role}`, [here('../floor-server.mjs')], env);
  if (role !== 'worker') await waitForOk(proc, `http://127.0.0.1:${port}/ready`);
  return { ...proc, origin: `http://127.0.0.1:${port}` };
}
