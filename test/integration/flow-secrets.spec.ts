import { createHmac } from 'node:crypto';
import { startSecretFlows, type SecretFlows } from '../support/secret-flows.js';

const NAMED = 'named-secret-CANARY-93ad1c';
const LITERAL_AUTH = 'Bearer literal-auth-CANARY-55e0b7';
const LITERAL_SIGN = 'literal-sign-CANARY-d41a6f';
const LIMITED = 'limited-secret-CANARY-6a02e9';
const CANARIES = [NAMED, LIMITED, LITERAL_AUTH, 'literal-auth-CANARY-55e0b7', LITERAL_SIGN];

/** Issue 15 item 6: named secrets, and credentials typed into flows. */
describe('named secrets in flows', () => {
  let h: SecretFlows;
  const call = (method: string, path: string, body?: unknown) => h.call(method, path, body);
  const flow = (steps: unknown[], extra?: Record<string, unknown>) => h.flow(steps, extra);
  const runOnce = (catchUrl: string) => h.runOnce(catchUrl);
  const last = () => h.last();

  beforeAll(async () => {
    h = await startSecretFlows();
  });
  afterAll(() => h.stop());

  it('named secrets: write-only, used as $secrets.NAME and {"$secret": NAME}, shown as [secret:NAME] in runs', async () => {
    const created = await call('POST', '/api/v1/secrets', {
      name: 'ERP_TOKEN',
      value: NAMED,
      hosts: [h.receiver.url],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      name: 'ERP_TOKEN',
      hint: `…${NAMED.slice(-4)}`,
      description: null,
      hosts: [h.receiver.url],
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(
      (await call('GET', '/api/v1/secrets?limit=100')).body.items.map(
        (s: { name: string }) => s.name,
      ),
    ).toEqual(['ERP_TOKEN']);
    const { catchUrl } = await flow([
      {
        id: 'call',
        action: 'http.request',
        input: {
          url: `${h.receiver.url}/named`,
          headers: { 'X-Static': { $secret: 'ERP_TOKEN' } },
        },
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
    const replaced = await call('PUT', '/api/v1/secrets/OTHER_ONE', {
      value: 'another-value-1',
      hosts: ['erp.example.com'],
    });
    expect(replaced.status).toBe(200);
    expect((await call('DELETE', '/api/v1/secrets/OTHER_ONE')).status).toBe(204);
  });

  it('a named secret is only sent to its origins, and only by http.request', async () => {
    const limited = { value: LIMITED, hosts: ['erp.example.com'] };
    expect(
      (await call('POST', '/api/v1/secrets', { name: 'LIMITED', ...limited })).body.hosts,
    ).toEqual(['https://erp.example.com']);
    const call1 = await flow([
      {
        id: 'call',
        action: 'http.request',
        input: { url: `${h.receiver.url}/limited` },
        map: "{ 'headers': { 'X-K': $secrets.LIMITED } }",
      },
    ]);
    const before = h.receiver.requests.length;
    const refused = await runOnce(call1.catchUrl);
    expect(refused.status).toBe('failed');
    expect(refused.steps[0].error).toBe(
      `secret 'LIMITED' may only be sent to https://erp.example.com, not to ${h.receiver.url}; nothing was sent (PUT /api/v1/secrets/LIMITED sets its hosts)`,
    );
    expect(refused.steps[0].input.headers).toEqual({ 'X-K': '[secret:LIMITED]' });
    expect(h.receiver.requests.length).toBe(before);
    const put = await call('PUT', '/api/v1/secrets/LIMITED', {
      value: LIMITED,
      hosts: [h.receiver.url],
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
        {
          path: 'trigger.filter',
          message: expect.stringMatching(/^\$secrets is not available at the catch URL/),
        },
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
          input: { url: `${h.receiver.url}/x` },
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
    const short = await call('POST', '/api/v1/secrets', {
      name: 'S',
      value: 'short',
      hosts: ['erp.example.com'],
    });
    expect(short.status).toBe(400);
  });

  it('moves a literal Authorization header and sign.secret into named secrets at save time', async () => {
    const created = await flow([
      {
        id: 'notify',
        action: 'http.request',
        input: {
          url: `${h.receiver.url}/literal`,
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
    const names = (await call('GET', '/api/v1/secrets?limit=100')).body.items.map(
      (s: { name: string }) => s.name,
    );
    const listed = (await call('GET', '/api/v1/secrets?limit=100')).body.items as {
      name: string;
      hosts: unknown;
    }[];
    // Moved literals are bound to the origin of the step's static url.
    expect(listed.filter((s) => s.name.startsWith(prefix))).toEqual([
      expect.objectContaining({ name: `${prefix}_authorization`, hosts: [h.receiver.url] }),
      expect.objectContaining({ name: `${prefix}_sign_secret`, hosts: [h.receiver.url] }),
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
          input: { url: `${h.receiver.url}/literal`, headers: { authorization: LITERAL_AUTH } },
        },
      ],
    });
    expect(updated.body.definition.steps[0].input.headers).toEqual({
      authorization: { $secret: `${prefix}_authorization` },
    });
  });

  it('no response, log line or table holds any of the secrets in clear', async () => {
    for (const text of await h.everything()) {
      for (const canary of CANARIES) expect(text).not.toContain(canary);
    }
    expect(h.seen.join('\n')).toContain('[secret:ERP_TOKEN]');
  });
});
