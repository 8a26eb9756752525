// The floor: minimal hand-written code doing Flowhub's durable work with the same libraries
// (Fastify, pg, BullMQ on Redis, JSONata, axios). Catch: check the key, store request + run in
// one statement per group (up to 100 rows or 2 ms), one addBulk per group, then 202. Worker:
// one job per run; claim, JSONata map, POST to the receiver, step row, finish the run.
// FLOOR_ROLE=api|all (the bench uses these two), DATABASE_URL, REDIS_URL, FLOOR_QUEUE_PREFIX, PORT, CONCURRENCY.
import axios from 'axios';
import { Queue, Worker } from 'bullmq';
import Fastify from 'fastify';
import jsonata from 'jsonata';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Agent } from 'node:http';
import pg from 'pg';

const ROLE = process.env.FLOOR_ROLE ?? 'all';
const GROUP_ROWS = 100;
const GROUP_WAIT_MS = 2;
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const connection = { url: process.env.REDIS_URL, maxRetriesPerRequest: null };
const prefix = process.env.FLOOR_QUEUE_PREFIX;
const JOB = { removeOnComplete: { age: 3600, count: 1000 }, removeOnFail: { age: 86400 } };

const flows = new Map();
for (const row of (await pool.query('SELECT id, key_hash, definition FROM floor_flows')).rows) {
  const steps = row.definition.steps.map((s) => ({ ...s, compiled: jsonata(s.map) }));
  flows.set(row.id, { keyHash: row.key_hash, steps });
}
const sha256 = (text) => createHash('sha256').update(text, 'utf8').digest();

// ---- catch path -------------------------------------------------------------------------
let queue;
let group = [];
let timer;

async function flush(rows) {
  const col = (pick) => rows.map(pick);
  try {
    await pool.query(
      `WITH req AS (
         INSERT INTO floor_requests (id, flow_id, method, headers, query, raw_body, body, content_type, size, source_ip, received_at)
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[], $5::jsonb[], $6::bytea[],
                              $7::jsonb[], $8::text[], $9::int[], $10::text[], $11::timestamptz[]) RETURNING id)
       INSERT INTO floor_runs (id, flow_id, request_id, status, created_at)
       SELECT * FROM unnest($12::uuid[], $2::uuid[], $1::uuid[], $13::text[], $11::timestamptz[])`,
      [
        col((r) => r.id),
        col((r) => r.flowId),
        col((r) => r.method),
        col((r) => JSON.stringify(r.headers)),
        col((r) => JSON.stringify(r.query)),
        col((r) => r.raw),
        col((r) => JSON.stringify(r.body)),
        col((r) => r.contentType),
        col((r) => r.raw.length),
        col((r) => r.ip),
        col((r) => r.at),
        col((r) => r.runId),
        col(() => 'queued'),
      ],
    );
  } catch (error) {
    for (const row of rows) row.reject(error);
    return;
  }
  // Stored: a lost enqueue would be re-driven from Postgres, so the 202 does not wait on it.
  await queue
    .addBulk(
      rows.map((r) => ({
        name: 'run',
        data: { runId: r.runId },
        opts: { ...JOB, jobId: `run-${r.runId}` },
      })),
    )
    .catch(() => undefined);
  for (const row of rows) row.resolve();
}

function store(row) {
  return new Promise((resolve, reject) => {
    group.push({ ...row, resolve, reject });
    if (group.length >= GROUP_ROWS) {
      clearTimeout(timer);
      timer = undefined;
      const rows = group;
      group = [];
      void flush(rows);
    } else if (!timer) {
      timer = setTimeout(() => {
        timer = undefined;
        const rows = group;
        group = [];
        void flush(rows);
      }, GROUP_WAIT_MS);
    }
  });
}

async function startApi() {
  queue = new Queue('floor-runs', { connection, prefix });
  const app = Fastify({ bodyLimit: 1024 * 1024 });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, raw, done) => {
    request.rawBody = raw;
    try {
      done(null, raw.length ? JSON.parse(raw.toString('utf8')) : null);
    } catch (error) {
      error.statusCode = 400;
      done(error);
    }
  });
  app.get('/ready', async () => 'ok');
  app.post('/webhook/catch/:flowId/:key', async (request, reply) => {
    const { flowId, key } = request.params;
    const flow = flows.get(flowId);
    const hash = sha256(key);
    if (!flow || !timingSafeEqual(hash, flow.keyHash))
      return reply.code(404).send({ error: 'not found' });
    const headers = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
    const runId = randomUUID();
    const raw = request.rawBody ?? Buffer.alloc(0);
    await store({
      id: randomUUID(),
      runId,
      flowId,
      method: request.method,
      headers,
      query: { ...request.query },
      raw,
      body: request.body ?? null,
      contentType: request.headers['content-type'] ?? null,
      ip: request.ip,
      at: new Date(),
    });
    reply.code(202);
    return { runId, status: 'queued', statusUrl: `/api/v1/runs/${runId}` };
  });
  await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
}

// ---- worker -----------------------------------------------------------------------------
const http = axios.create({ httpAgent: new Agent({ keepAlive: true }), timeout: 30_000 });

async function runJob(job) {
  const { runId } = job.data;
  const claimed = await pool.query(
    `UPDATE floor_runs r SET status = 'running', started_at = now() FROM floor_requests q
     WHERE r.id = $1 AND r.status = 'queued' AND q.id = r.request_id
     RETURNING r.flow_id, q.body, q.headers, q.query, q.method, q.received_at`,
    [runId],
  );
  if (claimed.rowCount === 0) return;
  const { flow_id: flowId, ...request } = claimed.rows[0];
  const trigger = { ...request, receivedAt: request.received_at.toISOString() };
  const outputs = {};
  for (const step of flows.get(flowId).steps) {
    const startedAt = new Date();
    const input = {
      ...step.input,
      ...(await step.compiled.evaluate(request.body, { trigger, steps: outputs })),
    };
    const response = await http.request({
      method: input.method,
      url: input.url,
      data: input.body,
      headers: { 'idempotency-key': `${runId}:${step.id}` },
    });
    outputs[step.id] = { status: response.status, headers: response.headers, body: response.data };
    await pool.query(
      `INSERT INTO floor_steps (run_id, step_id, status, input, output, started_at, finished_at)
       VALUES ($1, $2, 'succeeded', $3, $4, $5, now())`,
      [runId, step.id, JSON.stringify(input), JSON.stringify(outputs[step.id]), startedAt],
    );
  }
  await pool.query(
    `UPDATE floor_runs SET status = 'succeeded', finished_at = now() WHERE id = $1`,
    [runId],
  );
}

function startWorker() {
  const concurrency = Number(process.env.CONCURRENCY ?? 10);
  new Worker('floor-runs', runJob, { connection, prefix, concurrency });
}

if (ROLE !== 'api') startWorker();
if (ROLE !== 'worker') await startApi();
process.on('SIGTERM', () => process.exit(0));
