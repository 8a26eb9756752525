import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const NUL = '\u0000';
const LONE = '\ud800';
const FFFD = '\ufffd';

/**
 * U+0000 and lone surrogates, which PostgreSQL's jsonb and text refuse: such requests are
 * stored (exact values kept beside a jsonb-safe copy), run, and recorded with U+FFFD.
 */
describe('requests with characters PostgreSQL cannot store', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let flow: { id: string; catchUrl: string };
  const stored = async (runId: string) => {
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT q.raw_body, q.body, q.query, q.exact_values FROM runs r
         JOIN inbound_requests q ON q.id = r.request_id WHERE r.id = $1`,
        [runId],
      );
      return rows[0] as { raw_body: Buffer; body: unknown; query: unknown; exact_values: string };
    } finally {
      await client.end();
    }
  };
  /** Posts, expects 202, waits for the run to succeed; returns the run as the API shows it. */
  const caughtRun = async (url: string, body: string | Buffer, contentType: string) => {
    const caught = await postToCatch(url, body, contentType);
    expect(caught.status).toBe(202);
    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('succeeded');
    return run;
  };

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    const created = await api.post('/api/v1/flows', {
      name: 'Unstorable characters',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'a',
          action: 'core.transform',
          map: '{ "body": $trigger.body, "query": $trigger.query }',
        },
        { id: 'b', action: 'core.transform', map: '{ "seen": $steps.a.body }' },
      ],
    });
    expect(created.status).toBe(201);
    flow = created.body;
  });
  afterAll(() => app.stop());

  it('stores a JSON body with U+0000 and a lone surrogate, and the run sees them exactly', async () => {
    const text = JSON.stringify({ nul: `x${NUL}y`, lone: LONE, ok: 'plain' });
    const run = await caughtRun(flow.catchUrl, text, 'application/json');
    expect(run.trigger.body).toEqual({ nul: `x${NUL}y`, lone: LONE, ok: 'plain' });
    // Records hold U+FFFD instead, and the next step sees the value as recorded.
    expect(run.steps[0].output.body).toEqual({ nul: `x${FFFD}y`, lone: FFFD, ok: 'plain' });
    expect(run.steps[1].output.seen).toEqual(run.steps[0].output.body);
    const row = await stored(run.id);
    expect(row.raw_body.toString('utf8')).toBe(text);
    expect(row.body).toEqual({ nul: `x${FFFD}y`, lone: FFFD, ok: 'plain' });
    expect(JSON.parse(row.exact_values).body).toEqual({ nul: `x${NUL}y`, lone: LONE, ok: 'plain' });
  });

  it('stores a text body with a NUL byte, a form field and a query value of %00', async () => {
    const textRun = await caughtRun(flow.catchUrl, Buffer.from([0x61, 0x00, 0x62]), 'text/plain');
    expect(textRun.trigger.body).toBe(`a${NUL}b`);
    expect(textRun.steps[0].output.body).toBe(`a${FFFD}b`);
    expect((await stored(textRun.id)).raw_body).toEqual(Buffer.from([0x61, 0x00, 0x62]));

    const form = await caughtRun(flow.catchUrl, 'a=%00&b=1', 'application/x-www-form-urlencoded');
    expect(form.trigger.body).toEqual({ a: NUL, b: '1' });
    expect(form.steps[0].output.body).toEqual({ a: FFFD, b: '1' });

    const query = await caughtRun(`${flow.catchUrl}?x=%00`, '{}', 'application/json');
    expect(query.trigger.query).toEqual({ x: NUL });
    expect(query.steps[0].output.query).toEqual({ x: FFFD });
    expect((await stored(query.id)).query).toEqual({ x: FFFD });
  });

  it('stores them in a grouped write too, beside ordinary deliveries', async () => {
    const bodies = Array.from({ length: 30 }, (_, i) => ({ n: i, s: i % 3 ? 'ok' : `${NUL}${i}` }));
    const replies = await Promise.all(
      bodies.map((body) => postToCatch(flow.catchUrl, JSON.stringify(body))),
    );
    expect(replies.map((reply) => reply.status)).toEqual(Array(30).fill(202));
    for (const i of [0, 1, 3]) {
      const run = await api.waitForRun(replies[i].body.runId);
      expect(run.status).toBe('succeeded');
      expect(run.trigger.body).toEqual(bodies[i]);
      expect(run.steps[0].output.body.s).toBe(i % 3 ? 'ok' : `${FFFD}${i}`);
    }
  });

  it("records a step's error that holds U+0000, and the run fails as it should", async () => {
    const failing = await api.post('/api/v1/flows', {
      name: 'Failing on NUL',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform', map: '$error($trigger.body.why)' }],
    });
    const caught = await postToCatch(failing.body.catchUrl, JSON.stringify({ why: `no${NUL}pe` }));
    expect(caught.status).toBe(202);
    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('failed');
    expect(run.steps[0].error).toContain(`no${FFFD}pe`);
  });

  it('keeps ordinary requests as they were: no exact copy', async () => {
    const run = await caughtRun(
      flow.catchUrl,
      JSON.stringify({ text: '\\u0000 is six characters' }),
      'application/json',
    );
    expect(run.steps[0].output.body).toEqual({ text: '\\u0000 is six characters' });
    expect((await stored(run.id)).exact_values).toBeNull();
  });
});
