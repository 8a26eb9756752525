import pg from 'pg';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { startFakeZoho, type FakeZoho, zohoConnectionFields } from '../fakes/fake-zoho.js';

/** Issue 15 item 5: a connection's endpoint fields cannot send its stored secrets elsewhere. */
describe('connection endpoint fields', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let attacker: FakeReceiver;
  let api: ReturnType<typeof apiClient>;
  let id: string;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    attacker = await startReceiver(() => ({
      status: 200,
      body: { access_token: 'stolen', expires_in: 3600 },
    }));
    // The fake Zoho and the attacker both listen on 127.0.0.1, which the operator allows here.
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = apiClient(app.url!);
    const created = await api.post('/api/v1/connections', {
      name: 'zoho-main',
      plugin: 'zoho-crm',
      fields: zohoConnectionFields(zoho),
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });
  afterAll(async () => {
    await app.stop();
    await Promise.all([zoho.close(), attacker.close()]);
  });

  it('refuses a PATCH that points accountsUrl elsewhere without the secrets, and nothing reaches the new address', async () => {
    for (const field of ['accountsUrl', 'apiDomain']) {
      const patched = await api.call('PATCH', `/api/v1/connections/${id}`, {
        fields: { [field]: attacker.url },
      });
      expect(patched.status).toBe(400);
      expect(patched.body.details.map((d: { path: string }) => d.path)).toEqual([
        'fields.clientSecret',
        'fields.refreshToken',
      ]);
      expect(patched.body.message).toContain(
        `clientSecret must be given again in the same request: changing ${field} changes where the credentials are sent`,
      );
    }
    expect((await api.post(`/api/v1/connections/${id}/test`)).body).toEqual({ ok: true });
    expect((await api.get(`/api/v1/connections/${id}`)).body.fields.accountsUrl).toBe(
      zoho.accountsUrl,
    );
    expect(attacker.requests).toHaveLength(0);
  });

  it('accepts a PATCH that changes accountsUrl when the secrets are given again', async () => {
    const patched = await api.call('PATCH', `/api/v1/connections/${id}`, {
      fields: {
        accountsUrl: `${zoho.accountsUrl}/`,
        clientSecret: zoho.oauth.clientSecret,
        refreshToken: zoho.oauth.refreshToken,
      },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.fields.accountsUrl).toBe(`${zoho.accountsUrl}/`);
    expect(patched.body.secretsSet).toEqual(['clientSecret', 'refreshToken']);
    expect((await api.post(`/api/v1/connections/${id}/test`)).body).toEqual({ ok: true });
    // Other fields still change without the secrets.
    const renamed = await api.call('PATCH', `/api/v1/connections/${id}`, {
      name: 'zoho-renamed',
      fields: { clientId: zoho.oauth.clientId, accountsUrl: `${zoho.accountsUrl}/` },
    });
    expect(renamed.status).toBe(200);
  });

  it("keeps Zoho's endpoints on Zoho's domains unless FLOWHUB_EGRESS_ALLOW_HOSTS allows another host", async () => {
    const create = (fields: Record<string, unknown>, name = 'z2') =>
      api.post('/api/v1/connections', {
        name,
        plugin: 'zoho-crm',
        fields: { clientId: 'c', clientSecret: 's', refreshToken: 'r', ...fields },
      });
    const foreign = await create({ accountsUrl: 'https://accounts.evil.example' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details).toEqual([
      {
        path: 'fields.accountsUrl',
        message: expect.stringMatching(
          /^accountsUrl points at accounts\.evil\.example, which is not one of this plugin's hosts \(zoho\.com, .*zohocloud\.ca.*\): credentials are sent there, so an operator must allow it with FLOWHUB_EGRESS_ALLOW_HOSTS=accounts\.evil\.example$/,
        ),
      },
    ]);
    const lookalike = await create({ apiDomain: 'https://www.zohoapis.com.evil.example' });
    expect(lookalike.body.details[0].path).toBe('fields.apiDomain');
    const clear = await create({ accountsUrl: 'http://accounts.zoho.eu' });
    expect(clear.body.details[0].message).toMatch(/^accountsUrl must be an https URL/);
    const eu = await create({
      accountsUrl: 'https://accounts.zoho.eu',
      apiDomain: 'https://www.zohoapis.eu',
    });
    expect(eu.status).toBe(201);
    const catalogue = (await api.get('/api/v1/plugins/zoho-crm')).body.connection.fields;
    expect(catalogue).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'accountsUrl', endpoint: true, hosts: expect.any(Array) }),
        expect.objectContaining({ name: 'clientSecret', endpoint: false, secret: true }),
      ]),
    );
  });

  it('refuses to use a stored connection whose endpoint is outside the allowed hosts', async () => {
    const outside = `http://localhost:${new URL(attacker.url).port}`;
    const db = new pg.Client({ connectionString: app.database.url });
    await db.connect();
    try {
      await db.query(
        `UPDATE connections SET fields = jsonb_set(fields, '{accountsUrl}', to_jsonb($2::text)) WHERE id = $1`,
        [id, outside],
      );
    } finally {
      await db.end();
    }
    const tested = await api.post(`/api/v1/connections/${id}/test`);
    expect(tested.body).toEqual({
      ok: false,
      message: expect.stringContaining('accountsUrl points at localhost'),
    });
    expect(attacker.requests).toHaveLength(0);
  });
});
