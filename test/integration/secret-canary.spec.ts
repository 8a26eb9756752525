import { setTimeout as sleep } from 'node:timers/promises';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Webhook } from 'standardwebhooks';
import { VERIFY_PRESETS } from '../../src/engine/verify-presets.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import {
  CanaryRegistry,
  type CanaryContext,
  type CanaryEntry,
  type ConnectionField,
} from '../support/secret-canary.js';
import { OTHER_ENTRIES } from '../support/secret-canary-entries.js';
import { describeHits, scan, type Allowance, type Place } from '../support/secret-canary-scan.js';
import {
  captureProcessOutput,
  dumpRedis,
  dumpTables,
  recordingClient,
  type RecordingClient,
} from '../support/secret-canary-sources.js';
import { fastifyGetRoutes, sweepGetRoutes } from '../support/secret-canary-sweep.js';
import { VERIFY_ENTRIES } from '../support/secret-canary-verify.js';

const PUBLIC_URL = 'https://hooks.example.com';

/** The table: adding a secret kind is one entry (see CanaryEntry). Webhooks first: they see the rest. */
const ENTRIES: CanaryEntry[] = [...OTHER_ENTRIES, ...VERIFY_ENTRIES];

/**
 * The only places a secret may appear, each on purpose. Everything else is a leak.
 */
const ALLOWED: Allowance[] = [
  {
    kind: /^api-key$/,
    where: /^response POST \/api\/v1\/api-keys 201$/,
    field: 'key',
    why: 'a new API key is shown once, in the response that creates it',
  },
  {
    kind: /^webhook-signing/,
    where: /^response POST \/api\/v1\/webhooks(\/[^/]+\/rotate-secret)? 20[01]$/,
    field: 'secret',
    why: "a subscription's signing secret is shown once, when it is set or rotated (docs/webhooks.md)",
  },
  {
    kind: /^verify:generated$/,
    where: /^response POST \/api\/v1\/flows\/[^/]+\/rotate-secret 200$/,
    field: 'verifySecret',
    why: 'a trigger.verify secret Flowhub generates is shown once, in the rotation (docs/flows.md)',
  },
  {
    kind: /^catch-key$/,
    where: /^response (GET|POST|PUT) \/api\/v1\/flows(\/[^/]+(\/[a-z-]+)?)? 20[01]$/,
    field: 'catchUrl',
    why: "the catch URL is the flow's address: the management API shows it to operators (docs/flows.md)",
  },
];

/** Secret-bearing things Flowhub has, as `covers` of the entries name them. */
async function secretsFlowhubHas(api: RecordingClient): Promise<string[]> {
  const plugins = (await api.get('/api/v1/plugins?limit=100')).body.items as {
    name: string;
    connection: { fields: ConnectionField[] } | null;
  }[];
  const fields = plugins.flatMap((plugin) =>
    (plugin.connection?.fields ?? [])
      .filter((field) => field.secret)
      .map((field) => `connection:${plugin.name}.${field.name}`),
  );
  return [...VERIFY_PRESETS.map((preset) => `verify:${preset}`), ...fields];
}

describe('secret canaries: no secret in plaintext in any response, log line or table', () => {
  const canaries = new CanaryRegistry();
  let output: ReturnType<typeof captureProcessOutput>;
  let app: TestApp;
  let receiver: FakeReceiver;
  let api: RecordingClient;
  let ctx: CanaryContext;
  let sweep: { swept: string[]; uncovered: string[] };
  let tables: Place[] = [];

  const waitFor = async (what: string, probe: () => Promise<boolean>, ms = 20_000) => {
    for (const deadline = Date.now() + ms; !(await probe()); await sleep(100))
      if (Date.now() > deadline) throw new Error(`${what}: not done after ${ms} ms`);
  };

  const runToEnd = async (runId: string) => {
    let run: Record<string, unknown> = {};
    await waitFor(`run ${runId}`, async () => {
      run = (await api.get(`/api/v1/runs/${runId}`)).body;
      return ['succeeded', 'failed', 'filtered', 'cancelled'].includes(String(run.status));
    });
    return run;
  };

  const context = (): CanaryContext => {
    const registerFlow = (flow: { id: string; catchUrl: string }) => {
      const path = new URL(flow.catchUrl).pathname;
      canaries.add('catch-key', path.split('/').at(-1)!);
      return { id: flow.id, url: `${app.url}${path}`, path };
    };
    return {
      api,
      canaries,
      appUrl: app.url!,
      publicUrl: PUBLIC_URL,
      receiverUrl: receiver.url,
      received: (path) => receiver.requests.filter((request) => request.url.startsWith(path)),
      registerFlow,
      localUrl: (catchUrl) => catchUrl.replace(PUBLIC_URL, app.url!),
      createFlow: async (definition) => {
        const reply = await api.post('/api/v1/flows', definition);
        if (reply.status !== 201) throw new Error(`create flow: ${JSON.stringify(reply.body)}`);
        return registerFlow(reply.body);
      },
      runThroughCatch: async (url, body = {}) => {
        const caught = await api.post(url, body, { key: null });
        if (caught.status !== 202)
          throw new Error(`catch: ${caught.status} ${JSON.stringify(caught.body)}`);
        return runToEnd(caught.body.runId);
      },
      pendingRuns: [],
      subscriptions: [],
      cleanup: [],
    };
  };

  const settle = async () => {
    for (const runId of ctx.pendingRuns) await runToEnd(runId);
    for (const id of ctx.subscriptions)
      await waitFor(`deliveries of ${id}`, async () => {
        const pending = await api.get(`/api/v1/webhooks/${id}/deliveries?status=pending&limit=1`);
        return pending.body.items.length === 0;
      });
  };

  beforeAll(async () => {
    const adminKey = canaries.mint('admin-key');
    const masterKeys = [
      canaries.mint('master-key', 'base64-key'),
      canaries.mint('master-key', 'base64-key'),
    ];
    output = captureProcessOutput();
    receiver = await startReceiver();
    app = await bootTestApp({
      LOG_LEVEL: 'trace',
      FLOWHUB_ADMIN_KEY: adminKey,
      FLOWHUB_MASTER_KEYS: `k2:${masterKeys[0]},k1:${masterKeys[1]}`,
      FLOWHUB_PUBLIC_URL: PUBLIC_URL,
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = recordingClient(app.url!, adminKey);
    ctx = context();
    for (const entry of ENTRIES) await entry.run(ctx);
    await settle();
    const fastify = (app.app as NestFastifyApplication).getHttpAdapter().getInstance();
    sweep = await sweepGetRoutes(
      api,
      fastifyGetRoutes(fastify.printRoutes({ commonPrefix: false })),
    );
    tables = [
      ...(await dumpTables(app.database.url)),
      ...(await dumpRedis(app.runtime.config.redisUrl, app.runtime.config.queuePrefix)),
    ];
  }, 60_000);

  afterAll(async () => {
    output?.restore();
    await app?.stop();
    await receiver?.close();
    for (const close of ctx?.cleanup ?? []) await close();
  });

  it('has an entry for every trigger.verify preset and every secret connection field', async () => {
    const covered = ENTRIES.flatMap((entry) => entry.covers ?? []);
    const missing = (await secretsFlowhubHas(api)).filter(
      (secret) =>
        !covered.some(
          (c) => c === secret || (c.endsWith('.*') && secret.startsWith(c.slice(0, -1))),
        ),
    );
    expect(missing).toEqual([]);
  });

  it('swept every GET route of the OpenAPI document with the ids it created', () => {
    expect(sweep.uncovered).toEqual([]);
    expect(sweep.swept).toEqual(
      expect.arrayContaining([
        '/metrics',
        '/webhook/catch/{flowId}/{key}',
        '/api/v1/runs/{id}',
        '/docs/json',
      ]),
    );
  });

  it('sees a secret where it is shown on purpose (the sweep is not blind)', () => {
    const created = api.places.filter((place) => ALLOWED.some((a) => a.where.test(place.where)));
    const found = new Set(scan(canaries.all, created, []).map((hit) => hit.kind));
    expect([...found].sort()).toEqual(
      expect.arrayContaining(['api-key', 'catch-key', 'verify:generated', 'webhook-signing']),
    );
  });

  it('recognises a canary inside encodings (base64 at any offset, base64url, hex, a whsec key)', () => {
    const registry = new CanaryRegistry();
    const text = registry.mint('t');
    const whsec = registry.mint('w', 'whsec');
    const places = [
      { where: 'basic', text: `Basic ${Buffer.from(`user:${text}`).toString('base64')}` },
      { where: 'bytea', text: `\\x${Buffer.from(`{"token":"${text}"}`).toString('hex')}` },
      { where: 'url', text: Buffer.from(`ab${text}`).toString('base64url') },
      { where: 'key', text: Buffer.from(whsec.slice(6), 'base64').toString('hex') },
      { where: 'clean', text: `nothing here but ${text.slice(0, 12)}` },
    ];
    const hits = scan(registry.all, places, []).map((hit) => `${hit.kind}@${hit.where}`);
    expect(hits).toEqual(['t@basic', 't@bytea', 't@url', 'w@key']);
  });

  it("signed the deliveries with the subscription's current and previous secrets", () => {
    const delivered = receiver.requests.filter((request) => request.url === '/events');
    expect(delivered.length).toBeGreaterThan(5);
    const last = delivered.at(-1)!;
    const headers = Object.fromEntries(
      Object.entries(last.headers).map(([k, v]) => [k, String(v)]),
    );
    for (const kind of ['webhook-signing (generated)', 'webhook-signing'])
      expect(() =>
        new Webhook(canaries.valueOf(kind)).verify(last.raw.toString('utf8'), headers),
      ).not.toThrow();
  });

  it('finds no canary in any API response (headers and body)', () => {
    expect(describeHits(scan(canaries.all, api.places, ALLOWED))).toEqual([]);
  });

  it('finds no canary in any log line (pino, Nest, request log, stdout, stderr, console)', () => {
    const lines = [...app.logs, ...output.lines];
    expect(app.logs.length).toBeGreaterThan(100);
    const places = lines.map((text, i) => ({ where: `log #${i}`, text }));
    expect(describeHits(scan(canaries.all, places, []))).toEqual([]);
  });

  it('sends no secret to a URL a connection was repointed at without them', () => {
    const sent = receiver.requests.filter((request) => request.url.startsWith('/attacker'));
    const places = sent.map((request, i) => ({
      where: `request to /attacker #${i}`,
      text: JSON.stringify(request.headers) + request.raw.toString('utf8'),
    }));
    expect(describeHits(scan(canaries.all, places, []))).toEqual([]);
  });

  it('finds no canary in any table row (bullmq schema included) or queue key', () => {
    const holds = (prefix: string) => tables.some((place) => place.where.startsWith(prefix));
    expect(holds('table public.flow_versions')).toBe(true);
    // The queue's own store: BullMQ's schema without Redis, the queue prefix's keys with it.
    const redis = Boolean(app.runtime.config.redisUrl);
    expect({ bullmq: holds('table bullmq.job'), redis: holds('redis ') }).toEqual({
      bullmq: !redis,
      redis,
    });
    expect(describeHits(scan(canaries.all, tables, []))).toEqual([]);
  });
});
