import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { catchGroupParams } from '../../src/runs/stored-request.js';
import { CATCH_GROUP_SQL } from '../../src/runs/state/catch-insert.sql.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * Concurrent deliveries share one INSERT statement (RunsRepository's catch groups): each
 * still gets its own answer, only after the commit, and one bad row fails only itself.
 */
describe('grouped catch writes', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  const newFlow = async (trigger: Record<string, unknown> = {}) =>
    (
      await api.post('/api/v1/flows', {
        name: 'Grouped',
        trigger: { type: 'webhook', rateLimit: { perSecond: 10000 }, ...trigger },
        steps: [{ id: 'echo', action: 'core.transform' }],
      })
    ).body as { id: string; catchUrl: string };

  const stored = async (flowId: string) => {
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT r.id, r.status, q.body FROM runs r JOIN inbound_requests q ON q.id = r.request_id
         WHERE r.flow_id = $1`,
        [flowId],
      );
      return rows as { id: string; status: string; body: unknown }[];
    } finally {
      await client.end();
    }
  };

  it('answers 300 concurrent deliveries each with its own run, every one stored', async () => {
    const flow = await newFlow();
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) => postToCatch(flow.catchUrl, JSON.stringify({ n: i }))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(300).fill(202));
    const rows = await stored(flow.id);
    expect(new Set(rows.map((row) => row.id))).toEqual(
      new Set(replies.map((reply) => reply.body.runId)),
    );
    expect(rows.map((row) => (row.body as { n: number }).n).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 300 }, (_, i) => i),
    );
  });

  it('stores every field of a grouped delivery as sent: bytes, JSON, text, headers, query', async () => {
    const flow = await newFlow();
    // Numbers as written (1.50, beyond double precision), escapes, non-ASCII, nesting.
    const jsonBody = (i: number) =>
      JSON.stringify({
        i,
        text: 'café "q" \\ ☃ 😀',
        nested: [[1, { a: null }], []],
        empty: {},
      }).replace('{', '{"price": 1.50, "big": 12345678901234567890, ');
    const sends = Array.from({ length: 40 }, (_, i) =>
      i % 4 === 3
        ? postToCatch(`${flow.catchUrl}?i=${i}&tag=t%20x`, `plain ${i} "quoted" \\`, 'text/plain', {
            'x-custom': `v${i}`,
          })
        : postToCatch(`${flow.catchUrl}?i=${i}&tag=t%20x`, jsonBody(i), 'application/json', {
            'x-custom': `v${i}`,
          }),
    );
    const replies = await Promise.all(sends);
    expect(replies.map((reply) => reply.status)).toEqual(Array(40).fill(202));
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT q.method, q.headers, q.query, q.raw_body, q.body, q.content_type, q.size,
                q.source_ip, q.received_at, q.dedupe_key FROM inbound_requests q WHERE q.flow_id = $1`,
        [flow.id],
      );
      expect(rows).toHaveLength(40);
      for (const row of rows) {
        const i = Number(row.query.i);
        const sent = i % 4 === 3 ? `plain ${i} "quoted" \\` : jsonBody(i);
        expect(row.raw_body.toString('utf8')).toBe(sent);
        expect(row.size).toBe(Buffer.byteLength(sent));
        expect(row.body).toEqual(i % 4 === 3 ? sent : JSON.parse(sent));
        expect(row).toMatchObject({
          method: 'POST',
          query: { i: String(i), tag: 't x' },
          source_ip: '127.0.0.1',
          dedupe_key: null,
        });
        expect(row.headers['x-custom']).toBe(`v${i}`);
        expect(row.content_type).toMatch(i % 4 === 3 ? /^text\/plain/ : /^application\/json/);
        expect(Math.abs(Date.now() - row.received_at.getTime())).toBeLessThan(60_000);
      }
    } finally {
      await client.end();
    }
  });

  it('reads the flows of a group by primary key, however many flows there are', async () => {
    const flow = await newFlow();
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      // 5,000 more flows, copied in SQL (the bench's 10,000-flow case once scanned them all).
      await client.query(
        `INSERT INTO flows (id, name, status, current_version, catch_key_hash, catch_key_sealed)
         SELECT gen_random_uuid(), f.name || n, f.status, f.current_version, $2::bytea || n::text::bytea,
                f.catch_key_sealed
         FROM flows f, generate_series(1, 5000) AS n WHERE f.id = $1`,
        [flow.id, randomBytes(16)],
      );
      await client.query('ANALYZE flows');
      const rows = Array.from({ length: 20 }, () => {
        const raw = Buffer.from('{}');
        const request = {
          id: randomUUID(),
          method: 'POST',
          headers: {},
          query: {},
          rawBody: raw,
          body: {},
          contentType: 'application/json',
          size: raw.length,
          sourceIp: null,
          receivedAt: new Date(),
        };
        return { flowId: flow.id, runId: randomUUID(), request };
      });
      for (const sql of CATCH_GROUP_SQL) {
        await client.query('BEGIN');
        const { rows: plan } = await client.query(
          `EXPLAIN (COSTS OFF) ${sql}`,
          catchGroupParams(rows),
        );
        await client.query('ROLLBACK');
        const text = plan.map((line: Record<string, string>) => line['QUERY PLAN']).join('\n');
        expect(text).toMatch(/Index Scan .*on "?PK_flows_id"?|Index Scan using "?PK_flows_id"?/);
        expect(text).not.toMatch(/Seq Scan on flows/);
      }
    } finally {
      await client.end();
    }
  });

  it('fails only the delivery Postgres refuses, not the others of its group', async () => {
    const flow = await newFlow();
    const types = Array.from({ length: 40 }, () => 'application/json');
    // content_type is a varchar(255): PostgreSQL refuses a longer one (SQLSTATE 22001).
    types[17] = `application/json; note=${'x'.repeat(300)}`;
    const replies = await Promise.all(
      types.map((type, i) => postToCatch(flow.catchUrl, JSON.stringify({ n: i }), type)),
    );
    expect(replies[17].status).toBe(400);
    expect(replies[17].body.message).toMatch(/SQLSTATE 22001.*too long: send a shorter one/);
    expect(replies.filter((reply) => reply.status === 202)).toHaveLength(39);
    expect(await stored(flow.id)).toHaveLength(39);
  });

  it('stores one run for copies of a delivery that land in the same group', async () => {
    const flow = await newFlow({ dedupe: "$trigger.headers.'x-id'" });
    const send = (id: string) =>
      postToCatch(flow.catchUrl, '{}', 'application/json', { 'x-id': id });
    const replies = await Promise.all([
      ...Array.from({ length: 10 }, () => send('same')),
      ...Array.from({ length: 10 }, (_, i) => send(`other-${i}`)),
    ]);
    const copies = replies.slice(0, 10);
    expect(copies.filter((reply) => reply.status === 202)).toHaveLength(1);
    expect(new Set(copies.map((reply) => reply.body.runId)).size).toBe(1);
    expect(replies.slice(10).map((reply) => reply.status)).toEqual(Array(10).fill(202));
    expect(await stored(flow.id)).toHaveLength(11);
  });

  it('holds the runs of a paused flow and refuses a deleted one, whatever the group', async () => {
    const paused = await newFlow();
    const deleted = await newFlow();
    expect((await api.post(`/api/v1/flows/${paused.id}/pause`, {})).status).toBeLessThan(300);
    expect((await api.delete(`/api/v1/flows/${deleted.id}`)).status).toBeLessThan(300);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        postToCatch(i % 2 ? paused.catchUrl : deleted.catchUrl, '{}'),
      ),
    );
    expect(replies.filter((_, i) => i % 2).map((reply) => reply.body.status)).toEqual(
      Array(10).fill('held'),
    );
    expect(replies.filter((_, i) => i % 2 === 0).map((reply) => reply.status)).toEqual(
      Array(10).fill(404),
    );
  });
});
