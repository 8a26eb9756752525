import { createHmac } from 'node:crypto';
import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';

const BEARER = 'conn-bearer-CANARY-7c1e95';
const HMAC = 'conn-hmac-CANARY-2b8f40';
const NAMED = 'named-secret-CANARY-93ad1c';
const LITERAL_AUTH = 'Bearer literal-auth-CANARY-55e0b7';
const LITERAL_SIGN = 'literal-sign-CANARY-d41a6f';
const LIMITED = 'limited-secret-CANARY-6a02e9';
const CANARIES = [
  BEARER,
  HMAC,
  NAMED,
  LIMITED,
  LITERAL_AUTH,
  'literal-auth-CANARY-55e0b7',
  LITERAL_SIGN,
];

/** Every row of every table of the app's database, as text. */
async function dumpTables(url: string): Promise<string> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const tables = await db.query(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const parts: string[] = [];
    for (const { tablename } of tables.rows as { tablename: string }[]) {
      const rows = await db.query(`SELECT t::text AS row FROM "${tablename}" t`);
      parts.push(...rows.rows.map((r: { row: string }) => r.row));
    }
    return parts.join('\n');
  } finally {
    await db.end();
  }
}

/** Issue 15 item 6: flows use secrets (http connections, named secrets) without holding them. */
describe('secrets in flows', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let receiver: FakeReceiver;
  const seen: string[] = [];
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await api.call(method, path, body);
    seen.push(JSON.stringify(response.body ?? null));
    return response;
  };
  const flow = async (steps: unknown[], extra: Record<string, unknown> = {}) => {
    const created = await call('POST', '/api/v1/flows', {
      name: `f${seen.length}`,
      trigger: { type: 'webhook' },
      steps,
      ...extra,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; catchUrl: string; definition: { steps: unknown[] } };
  };
  const runOnce = async (catchUrl: string) => {
    const caught = await postToCatch(catchUrl, '{"order":7}');
    const run = await api.waitForRun(caught.body.runId);
    seen.push(JSON.stringify(run));
    seen.push(JSON.stringify((await call('GET', `/api/v1/runs/${run.id}`)).body));
    return run;
  };
  const last = () => receiver.requests[receiver.requests.length - 1];

  beforeAll(async () => {
    // /erp/echo answers with the Authorization header it got, as some test endpoints do.
    receiver = await startReceiver((request) =>
      request.url.startsWith('/erp/echo')
        ? { status: 200, body: { youSent: request.headers.authorization } }
        : { status: 200, body: { ok: true } },
    );
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await receiver.close();
  });

  it('an http connection attaches its bearer token at call time; the run records none of it', async () => {
    const created = await call('POST', '/api/v1/connections', {
      name: 'erp',
      plugin: 'http',
      fields: { baseUrl: `${receiver.url}/erp`, auth: 'bearer', token: BEARER },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ secretsSet: ['token'], fields: { auth: 'bearer' } });
    const { catchUrl } = await flow([
      {
        id: 'notify',
        action: 'http.request',
        connection: 'erp',
        input: { url: `${receiver.url}/erp/orders` },
        map: "{ 'body': { 'order': order } }",
      },
    ]);
    const run = await runOnce(catchUrl);
    expect(run.status).toBe('succeeded');
    expect(last().headers.authorization).toBe(`Bearer ${BEARER}`);
    const echo = await flow([
      {
        id: 'echo',
        action: 'http.request',
        connection: 'erp',
        input: { url: `${receiver.url}/erp/echo` },
      },
    ]);
    const echoed = await runOnce(echo.catchUrl);
    expect(echoed.steps[0].output.body).toEqual({
      youSent: 'Bearer [secret:connection:erp.token]',
    });
    const outside = await flow([
      {
        id: 'leak',
        action: 'http.request',
        connection: 'erp',
        input: { url: `${receiver.url}/elsewhere` },
      },
    ]);
    const refused = await runOnce(outside.catchUrl);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].error).toMatch(/outside the step's connection baseUrl/);
  });

  it('an hmac http connection signs the body with its secret', async () => {
    await call('POST', '/api/v1/connections', {
      name: 'signer',
      plugin: 'http',
      fields: { baseUrl: receiver.url, auth: 'hmac', signingSecret: HMAC },
    });
    const { catchUrl } = await flow([
      {
        id: 'signed',
        action: 'http.request',
        connection: 'signer',
        input: { url: `${receiver.url}/signed`, body: { a: 1 } },
      },
    ]);
    expect((await runOnce(catchUrl)).status).toBe('succeeded');
    const expected = createHmac('sha256', HMAC).update(last().raw).digest('hex');
    expect(last().headers['x-webhook-signature']).toBe(`sha256=${expected}`);
  });

  it('named secrets: write-only, used as $secrets.NAME and {"$secret": NAME}, shown as [secret:NAME] in runs', async () => {
    const created = await call('POST', '/api/v1/secrets', { name: 'ERP_TOKEN', value: NAMED });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'ERP_TOKEN',
      hint: `…${NAMED.slice(-4)}`,
      description: null,
      hosts: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(
      (await call('GET', '/api/v1/secrets')).body.map((s: { name: string }) => s.name),
    ).toEqual(['ERP_TOKEN']);
    const { catchUrl } = await flow([
      {
        id: 'call',
        action: 'http.request',
        input: { url: `${receiver.url}/named`, headers: { 'X-Static': { $secret: 'ERP_TOKEN' } } },
        map: "{ 'headers': { 'X-Erp-Token': 'Token ' & $secrets.ERP_TOKEN }, 'body': { 'echo': $secrets.ERP_TOKEN } }",
      },
    ]);
    const run = await runOnce(catchUrl);
    expect(run.status).toBe('succeeded');
    expect(last().headers['x-erp-token']).toBe(`Token ${NAMED}`);
    expect(last().headers['x-static']).toBe(NAMED);
    expect(run.steps[0].input.headers).toEqual({
      'X-Static': '[secret:ERP_TOKEN]',
      'X-Erp-Token': 'Token [secret:ERP_TOKEN]',
    });
    expect(run.steps[0].input.body).toEqual({ echo: '[secret:ERP_TOKEN]' });
    const inUse = await call('DELETE', '/api/v1/secrets/ERP_TOKEN');
    expect(inUse.status).toBe(409);
    const replaced = await call('PUT', '/api/v1/secrets/OTHER_ONE', { value: 'another-value-1' });
    expect(replaced.status).toBe(200);
    expect((await call('DELETE', '/api/v1/secrets/OTHER_ONE')).status).toBe(204);
  });

  it('a named secret limited to hosts is only sent there, and only by http.request', async () => {
    const limited = { value: LIMITED, hosts: ['erp.example.com'] };
    expect(
      (await call('POST', '/api/v1/secrets', { name: 'LIMITED', ...limited })).body.hosts,
    ).toEqual(['erp.example.com']);
    const call1 = await flow([
      {
        id: 'call',
        action: 'http.request',
        input: { url: `${receiver.url}/limited` },
        map: "{ 'headers': { 'X-K': $secrets.LIMITED } }",
      },
    ]);
    const before = receiver.requests.length;
    const refused = await runOnce(call1.catchUrl);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].error).toBe(
      "secret 'LIMITED' may only be sent to erp.example.com, not to 127.0.0.1 (PUT /api/v1/secrets/LIMITED sets its hosts)",
    );
    expect(receiver.requests.length).toBe(before);
    const transform = await flow([
      { id: 't', action: 'core.transform', map: "{ 'k': $secrets.LIMITED }" },
    ]);
    expect((await runOnce(transform.catchUrl)).steps[0].error).toMatch(
      /^secret 'LIMITED' may only be sent to erp\.example\.com, and core\.transform does not say where it sends data/,
    );
    const put = await call('PUT', '/api/v1/secrets/LIMITED', {
      value: LIMITED,
      hosts: ['127.0.0.1'],
    });
    expect(put.status).toBe(200);
    expect((await runOnce(call1.catchUrl)).status).toBe('succeeded');
    expect(last().headers['x-k']).toBe(LIMITED);
  });

  it('refuses a flow that names a missing secret or uses $secrets at the catch URL', async () => {
    const missing = await call('POST', '/api/v1/flows', {
      name: 'missing',
      trigger: { type: 'webhook', filter: "$secrets.ERP_TOKEN = 'x'" },
      steps: [{ id: 's', action: 'core.transform', map: "{ 'a': $secrets.NOPE }" }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual(
      expect.arrayContaining([
        { path: 'trigger.filter', message: expect.stringMatching(/only available in steps/) },
        {
          path: 'steps[0]',
          message: expect.stringMatching(/^uses secret 'NOPE', which does not exist/),
        },
      ]),
    );
    const inMap = await call('POST', '/api/v1/flows', {
      name: 'literal in map',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 's',
          action: 'http.request',
          input: { url: `${receiver.url}/x` },
          map: "{ 'headers': { 'Authorization': 'Bearer map-literal-123' } }",
        },
      ],
    });
    expect(inMap.status).toBe(400);
    expect(inMap.body.details).toEqual([
      {
        path: 'steps[0].map',
        message: expect.stringMatching(
          /^sets headers\.Authorization from a string literal, which would be stored in clear: store the value with POST \/api\/v1\/secrets/,
        ),
      },
    ]);
    const short = await call('POST', '/api/v1/secrets', { name: 'S', value: 'short' });
    expect(short.status).toBe(400);
  });

  it('moves a literal Authorization header and sign.secret into named secrets at save time', async () => {
    const created = await flow([
      {
        id: 'notify',
        action: 'http.request',
        input: {
          url: `${receiver.url}/literal`,
          headers: { Authorization: LITERAL_AUTH, 'Content-Type': 'application/json' },
          sign: { secret: LITERAL_SIGN },
          body: { b: 2 },
        },
      },
    ]);
    const prefix = `flow_${created.id.slice(0, 8)}_notify`;
    expect(created.definition.steps[0]).toMatchObject({
      input: {
        headers: { Authorization: { $secret: `${prefix}_authorization` } },
        sign: { secret: { $secret: `${prefix}_sign_secret` } },
      },
    });
    await call('GET', `/api/v1/flows/${created.id}`);
    await call('GET', '/api/v1/flows');
    await call('GET', `/api/v1/flows/${created.id}/versions`);
    await call('GET', `/api/v1/flows/${created.id}/versions/1`);
    const names = (await call('GET', '/api/v1/secrets')).body.map((s: { name: string }) => s.name);
    const listed = (await call('GET', '/api/v1/secrets')).body as {
      name: string;
      hosts: unknown;
    }[];
    // Moved literals stay limited to the host of the step's static url.
    expect(listed.filter((s) => s.name.startsWith(prefix))).toEqual([
      expect.objectContaining({ name: `${prefix}_authorization`, hosts: ['127.0.0.1'] }),
      expect.objectContaining({ name: `${prefix}_sign_secret`, hosts: ['127.0.0.1'] }),
    ]);
    expect(names).toEqual(
      expect.arrayContaining([`${prefix}_authorization`, `${prefix}_sign_secret`]),
    );
    const run = await runOnce(created.catchUrl);
    expect(run.status).toBe('succeeded');
    expect(last().headers.authorization).toBe(LITERAL_AUTH);
    const signature = createHmac('sha256', LITERAL_SIGN).update(last().raw).digest('hex');
    expect(last().headers['x-webhook-signature']).toBe(`sha256=${signature}`);
    // A new version with the same literal reuses the secret.
    const updated = await call('PUT', `/api/v1/flows/${created.id}`, {
      name: 'again',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'notify',
          action: 'http.request',
          input: { url: `${receiver.url}/literal`, headers: { authorization: LITERAL_AUTH } },
        },
      ],
    });
    expect(updated.body.definition.steps[0].input.headers).toEqual({
      authorization: { $secret: `${prefix}_authorization` },
    });
  });

  it('no response, log line or table holds any of the secrets in clear', async () => {
    const everything = [seen.join('\n'), app.logs.join('\n'), await dumpTables(app.database.url)];
    for (const text of everything) {
      for (const canary of CANARIES) expect(text).not.toContain(canary);
    }
    expect(seen.join('\n')).toContain('[secret:ERP_TOKEN]');
  });
});
