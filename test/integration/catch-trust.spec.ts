import pg from 'pg';
import { RUNTIME } from '../../src/config/runtime.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { Reconciler } from '../../src/runs/reconciler.job.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** VER-2: one delivery, one run, however often the sender retries it; VER-3 handshakes; ING-4 allowlists. */
describe('dedupe at the catch URL', () => {
  let app: TestApp;
  let worker: TestApp | undefined;
  let api: ReturnType<typeof apiClient>;
  let flow: { id: string; catchUrl: string };
  const send = (id: string, body = '{}') =>
    postToCatch(flow.catchUrl, body, 'application/json', { 'x-shopify-webhook-id': id });
  const runCount = async () => {
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT count(*)::int AS n FROM runs WHERE flow_id = $1',
        [flow.id],
      );
      return rows[0].n as number;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    worker = await bootTestApp(
      { FLOWHUB_ROLE: 'worker', FLOWHUB_QUEUE_PREFIX: 'dedupe-worker' },
      { database: app.database },
    );
    api = apiClient(app.url!);
    flow = (
      await api.post('/api/v1/flows', {
        name: 'Deduped',
        trigger: {
          type: 'webhook',
          dedupe: "$trigger.headers.'x-shopify-webhook-id'",
          rateLimit: { perSecond: 100_000 },
        },
        steps: [{ id: 'a', action: 'core.transform' }],
      })
    ).body;
  });
  afterAll(async () => {
    await worker?.stop();
    await app.stop();
  });

  it('answers a repeated delivery with 200 and the original run', async () => {
    const first = await send('b54557e4-1');
    expect(first.status).toBe(202);
    const again = await send('b54557e4-1', '{"changed": true}');
    expect(again.status).toBe(200);
    expect(again.body).toEqual({
      runId: first.body.runId,
      // The original run's status now: the worker may already have started or finished it.
      status: expect.stringMatching(/^(queued|running|succeeded)$/),
      statusUrl: first.body.statusUrl,
      duplicate: true,
    });
    expect(await runCount()).toBe(1);
  });

  it('gives 20 concurrent copies of one delivery exactly one run', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, () => send('concurrent-42')));
    const runIds = new Set(replies.map((reply) => reply.body.runId));
    expect(runIds.size).toBe(1);
    expect(replies.filter((reply) => reply.status === 202)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 200 && reply.body.duplicate)).toHaveLength(
      19,
    );
    expect(await runCount()).toBe(2);
  });

  it('runs every one of 1,000 distinct deliveries, and deliveries without the header are not deduplicated', async () => {
    const statuses: number[] = [];
    for (let batch = 0; batch < 20; batch += 1) {
      const replies = await Promise.all(
        Array.from({ length: 50 }, (_, i) => send(`distinct-${batch * 50 + i}`)),
      );
      statuses.push(...replies.map((reply) => reply.status));
    }
    expect(statuses.filter((status) => status === 202)).toHaveLength(1000);
    const bare = await Promise.all([1, 2].map(() => postToCatch(flow.catchUrl, '{}')));
    expect(bare.map((reply) => reply.status)).toEqual([202, 202]);
    expect(await runCount()).toBe(1004);
  });

  it('checks the dedupe expression when the flow is saved', async () => {
    const bad = await api.post('/api/v1/flows', {
      name: 'x',
      trigger: { type: 'webhook', dedupe: '$trigger.headers.(' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0]).toMatchObject({
      path: 'trigger.dedupe',
      message: expect.stringMatching(/^JSONata syntax error/),
    });
  });

  it('releases dedupe keys after 72 hours', async () => {
    const first = await send('old-delivery');
    await app.database.admin(async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: app.database.url });
      await client.connect();
      try {
        await client.query(
          "UPDATE inbound_requests SET received_at = now() - interval '73 hours' WHERE dedupe_key = 'old-delivery'",
        );
      } finally {
        await client.end();
      }
    });
    // The reconciler runs in worker processes: the suite's own worker has one.
    expect(await worker!.app.get(Reconciler).pruneDedupeKeys()).toBe(1);
    const later = await send('old-delivery');
    expect(later.status).toBe(202);
    expect(later.body.runId).not.toBe(first.body.runId);
  });

  it("answers Slack's URL check before storing anything", async () => {
    const slack = (
      await api.post('/api/v1/flows', {
        name: 'Slack events',
        trigger: { type: 'webhook', handshake: 'slack' },
        steps: [{ id: 'a', action: 'core.transform' }],
      })
    ).body;
    const check = await postToCatch(
      slack.catchUrl,
      JSON.stringify({ token: 't', challenge: 'c-123', type: 'url_verification' }),
    );
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ challenge: 'c-123' });
    expect((await api.get(`/api/v1/runs?flowId=${slack.id}`)).body.items).toHaveLength(0);
    const event = await postToCatch(
      slack.catchUrl,
      JSON.stringify({ type: 'event_callback', event: {} }),
    );
    expect(event.status).toBe(202);
    const wrong = await api.post('/api/v1/flows', {
      name: 'x',
      trigger: { type: 'webhook', handshake: 'teams' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(wrong.body.details).toEqual([
      {
        path: 'trigger.handshake',
        message: 'trigger.handshake must be one of: slack, echo-challenge',
      },
    ]);
  });

  it('accepts requests only from allowed IPs when the flow has an allowlist', async () => {
    const create = (allowIps: string[]) =>
      api.post('/api/v1/flows', {
        name: 'Allowlisted',
        trigger: { type: 'webhook', allowIps },
        steps: [{ id: 'a', action: 'core.transform' }],
      });
    const elsewhere = (await create(['203.0.113.0/24'])).body;
    const refused = await postToCatch(elsewhere.catchUrl, '{}');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(
      "This catch URL accepts requests only from the flow's allowed IPs (trigger.allowIps); 127.0.0.1 is not one of them",
    );
    expect((await api.get(`/api/v1/runs?flowId=${elsewhere.id}`)).body.items).toHaveLength(0);
    const local = (await create(['127.0.0.1', '::1'])).body;
    expect((await postToCatch(local.catchUrl, '{}')).status).toBe(202);
    const bad = await create(['10.0.0.0/8', 'the office']);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([
      {
        path: 'trigger.allowIps[1]',
        message: "'the office' is not an IP address or a CIDR range (e.g. 203.0.113.0/24)",
      },
    ]);
  });

  it('applies a per-flow body limit below the global one', async () => {
    const small = (
      await api.post('/api/v1/flows', {
        name: 'Small',
        trigger: { type: 'webhook', maxBodyBytes: 64 },
        steps: [{ id: 'a', action: 'core.transform' }],
      })
    ).body;
    expect((await postToCatch(small.catchUrl, JSON.stringify({ ok: 1 }))).status).toBe(202);
    const big = await postToCatch(small.catchUrl, JSON.stringify({ pad: 'x'.repeat(100) }));
    expect(big.status).toBe(413);
    expect(big.body.message).toBe(
      'Request body is 110 bytes; this flow accepts at most 64 (trigger.maxBodyBytes)',
    );
  });

  it('rate-limits a catch URL across api processes, with Retry-After', async () => {
    const second = await bootTestApp(
      { FLOWHUB_ROLE: 'api', FLOWHUB_QUEUE_PREFIX: app.app.get(RUNTIME).config.queuePrefix },
      { database: app.database },
    );
    try {
      const limited = (
        await api.post('/api/v1/flows', {
          name: 'Limited',
          trigger: { type: 'webhook', rateLimit: { perSecond: 1, burst: 3 } },
          steps: [{ id: 'a', action: 'core.transform' }],
        })
      ).body;
      const viaSecond = limited.catchUrl.replace(app.url!, second.url!);
      const replies = [];
      for (const url of [
        limited.catchUrl,
        viaSecond,
        limited.catchUrl,
        viaSecond,
        limited.catchUrl,
      ]) {
        replies.push(await postToCatch(url, '{}'));
      }
      expect(replies.map((r) => r.status)).toEqual([202, 202, 202, 429, 429]);
      expect(Number(replies[3].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(replies[3].body.message).toMatch(
        /^This catch URL accepts 1 requests per second \(bursts of 3\); retry after \d+ s$/,
      );
      expect((await api.get(`/api/v1/runs?flowId=${limited.id}`)).body.items).toHaveLength(3);
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await postToCatch(viaSecond, '{}')).status).toBe(202);

      const allowlisted = async (allowIps: string[]) => {
        const created = await api.post('/api/v1/flows', {
          name: 'Allowlisted',
          trigger: { type: 'webhook', allowIps },
          steps: [{ id: 'a', action: 'core.transform' }],
        });
        return created.body.catchUrl.replace(app.url!, second.url!) as string;
      };
      expect((await postToCatch(await allowlisted(['203.0.113.0/24']), '{}')).status).toBe(403);
      expect((await postToCatch(await allowlisted(['127.0.0.0/8']), '{}')).status).toBe(202);
    } finally {
      await second.stop();
    }
  });
});
