import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const CANARY = 'good-CANARY-secret-4d1f9e';

describe('connections', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  const responses: string[] = [];
  const call = async (method: 'get' | 'post' | 'put' | 'delete', path: string, body?: unknown) => {
    const response =
      method === 'get' || method === 'delete'
        ? await api[method](path)
        : await api[method](path, body);
    responses.push(JSON.stringify(response.body ?? null));
    return response;
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_PLUGINS: './test/fixtures/plugins/vault-plugin.mjs' });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('stores a connection with its secret encrypted and never shows the secret', async () => {
    const created = await call('post', '/api/v1/connections', {
      name: 'vault-main',
      plugin: 'vault',
      fields: { apiKey: CANARY, region: 'eu' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'vault-main',
      plugin: 'vault',
      fields: { region: 'eu' },
      secretsSet: ['apiKey'],
    });
    expect((await call('get', `/api/v1/connections/${created.body.id}`)).body.fields).toEqual({
      region: 'eu',
    });
    expect((await call('get', '/api/v1/connections/vault-main')).body.id).toBe(created.body.id);
    expect((await call('get', '/api/v1/connections')).body.items).toHaveLength(1);
    expect((await call('post', `/api/v1/connections/${created.body.id}/test`)).body).toEqual({
      ok: true,
    });
    const catalogue = (await call('get', '/api/v1/plugins/vault')).body;
    expect(catalogue.connection.fields).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'apiKey', secret: true, required: true }),
        expect.objectContaining({ name: 'region', secret: false, required: true }),
        expect.objectContaining({ name: 'label', secret: false, required: false }),
      ]),
    );
  });

  it('validates fields against the plugin and explains what is wrong', async () => {
    const bad = await call('post', '/api/v1/connections', {
      name: 'v2',
      plugin: 'vault',
      fields: { apiKey: 'short', region: 'mars', extra: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual([
      'fields.apiKey',
      'fields.extra',
      'fields.region',
    ]);
    const unknown = await call('post', '/api/v1/connections', {
      name: 'v3',
      plugin: 'nope',
      fields: {},
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(
      /^unknown plugin 'nope' \(installed: core, http, zoho-crm, zoho-inventory, vault\)/,
    );
    const none = await call('post', '/api/v1/connections', {
      name: 'v4',
      plugin: 'core',
      fields: {},
    });
    expect(none.body.message).toBe("plugin 'core' takes no connection");
    const taken = await call('post', '/api/v1/connections', {
      name: 'vault-main',
      plugin: 'vault',
      fields: { apiKey: 'good-xxxxxx', region: 'us' },
    });
    expect(taken.status).toBe(409);
  });

  it('updates fields, keeps the secret when not given, and reports a failing credential check', async () => {
    const patched = await api.call('PATCH', '/api/v1/connections/vault-main', {
      fields: { region: 'us', label: 'prod' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      fields: { region: 'us', label: 'prod' },
      secretsSet: ['apiKey'],
    });
    responses.push(JSON.stringify(patched.body));
    expect((await call('post', '/api/v1/connections/vault-main/test')).body).toEqual({ ok: true });
    const other = await call('post', '/api/v1/connections', {
      name: 'vault-bad',
      plugin: 'vault',
      fields: { apiKey: 'bad-key-123', region: 'eu' },
    });
    expect((await call('post', `/api/v1/connections/${other.body.id}/test`)).body).toEqual({
      ok: false,
      message: 'the vault refused this API key (401)',
    });
  });

  it('gives a step its connection at run time, and checks connections when a flow is saved', async () => {
    const missing = await call('post', '/api/v1/flows', {
      name: 'x',
      trigger: { type: 'webhook' },
      steps: [{ id: 'who', action: 'vault.whoAmI' }],
    });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toEqual([
      {
        path: 'steps[0].connection',
        message: expect.stringMatching(/^vault\.whoAmI needs a connection/),
      },
    ]);
    const wrong = await call('post', '/api/v1/flows', {
      name: 'x',
      trigger: { type: 'webhook' },
      steps: [{ id: 'who', action: 'vault.whoAmI', connection: 'ghost' }],
    });
    expect(wrong.body.details[0].message).toBe(
      "no connection 'ghost' (GET /api/v1/connections lists them)",
    );
    const flow = await call('post', '/api/v1/flows', {
      name: 'Who',
      trigger: { type: 'webhook' },
      steps: [{ id: 'who', action: 'vault.whoAmI', connection: 'vault-main' }],
    });
    expect(flow.status).toBe(201);
    const run = await api.waitForRun((await postToCatch(flow.body.catchUrl, '{}')).body.runId);
    responses.push(JSON.stringify(run));
    expect(run.steps[0].output).toEqual({ region: 'us', keyLength: CANARY.length });
    const inUse = await call('delete', '/api/v1/connections/vault-main');
    expect(inUse.status).toBe(409);
    expect(inUse.body.message).toContain('used by flows: Who');
  });

  it('never lets the secret reach a response, a log line or an unencrypted column', async () => {
    expect(responses.join('\n')).not.toContain(CANARY);
    expect(app.logs.join('\n')).not.toContain(CANARY);
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      for (const table of [
        'connections',
        'run_steps',
        'runs',
        'inbound_requests',
        'flow_versions',
        'flows',
      ]) {
        const { rows } = await client.query(`SELECT * FROM ${table}`);
        expect(JSON.stringify(rows)).not.toContain(CANARY);
      }
    } finally {
      await client.end();
    }
  });
});
