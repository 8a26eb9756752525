import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { senderHeaders } from '../support/sender-signatures.js';

/** What a catch URL lets in: raw bodies by size alone (ING-1/2), forgeries on their own budget (ING-3). */
describe('catch URL admission', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  const createFlow = async (trigger: Record<string, unknown>, map = '$trigger') => {
    const reply = await api.post('/api/v1/flows', {
      name: 'Admission',
      trigger: { type: 'webhook', ...trigger },
      steps: [{ id: 'a', action: 'core.transform', map }],
    });
    expect(reply.status).toBe(201);
    return reply.body as { id: string; catchUrl: string };
  };
  const storedRaw = async (runId: string): Promise<Buffer> => {
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT q.raw_body FROM runs r JOIN inbound_requests q ON q.id = r.request_id WHERE r.id = $1',
        [runId],
      );
      return rows[0].raw_body as Buffer;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_CATCH_BODY_LIMIT: String(1024 * 1024) });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('accepts a 200 KB raw body, stores its exact bytes and hands them to the run', async () => {
    const flow = await createFlow({}, '{ "body": $trigger.body }');
    const bytes = randomBytes(200 * 1024);
    const caught = await postToCatch(flow.catchUrl, bytes, 'application/octet-stream');
    expect(caught.status).toBe(202);
    expect((await storedRaw(caught.body.runId)).equals(bytes)).toBe(true);
    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('succeeded');
    expect(Buffer.from(run.steps[0].output.body, 'base64').equals(bytes)).toBe(true);
  });

  it("checks the flow's size limit before anything looks inside the body", async () => {
    const flow = await createFlow({ maxBodyBytes: 50_000 });
    const wide = JSON.stringify(
      Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, 1])),
    );
    const tooBig = await postToCatch(flow.catchUrl, wide);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.message).toMatch(/this flow accepts at most 50000 \(trigger.maxBodyBytes\)/);
    const text = await postToCatch(flow.catchUrl, 'x'.repeat(40_000), 'text/plain');
    expect(text.status).toBe(202);
  });

  it('keeps forgeries from spending the tokens of correctly signed deliveries', async () => {
    const secret = 'github-secret-for-admission';
    const flow = await createFlow({
      verify: { preset: 'github', secret },
      rateLimit: { perSecond: 1, burst: 3 },
    });
    const body = Buffer.from('{"ok":true}');
    const forged = [];
    for (let i = 0; i < 6; i += 1) {
      const headers = {
        'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
        'x-github-delivery': `f${i}`,
      };
      forged.push((await postToCatch(flow.catchUrl, body, 'application/json', headers)).status);
    }
    // The refusals budget (the flow's rate, bursts of 3) bounds the flood: 401 while it lasts, then 429.
    expect(forged.slice(0, 3)).toEqual([401, 401, 401]);
    expect(forged.slice(3)).toEqual([429, 429, 429]);
    const last = await postToCatch(flow.catchUrl, body, 'application/json', {
      'x-hub-signature-256': `sha256=${'0'.repeat(64)}`,
    });
    expect(last.status).toBe(429);
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(last.body.message).toMatch(/refused too many requests that failed verification/);
    const signed = senderHeaders.github({ body, secret, timestamp: 0, id: 'good-1' });
    const good = await postToCatch(flow.catchUrl, body, 'application/json', signed);
    expect(good.status).toBe(202);
  });
});
