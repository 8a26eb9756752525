import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startFakeZoho, type FakeZoho, zohoConnectionFields } from '../fakes/fake-zoho.js';

/** createDeal needs the custom Deal field Flowhub_Key: the connection test says when it is missing. */
describe('zoho-crm connection test checks the Flowhub_Key Deal field', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let api: ReturnType<typeof apiClient>;
  let id: string;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = apiClient(app.url!);
    const created = await api.post('/api/v1/connections', {
      name: 'zoho-crm-test',
      plugin: 'zoho-crm',
      fields: zohoConnectionFields(zoho),
    });
    expect(created.status).toBe(201);
    id = created.body.id;
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
  });

  const fieldCalls = () =>
    zoho.crm.requests.filter((request) => request.path === '/crm/v8/settings/fields');

  it('is ok when Deals has Flowhub_Key, after reading the Deals fields with the new token', async () => {
    zoho.crm.flowhubKeyField = true;
    const before = fieldCalls().length;
    const result = await api.post(`/api/v1/connections/${id}/test`);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ ok: true });
    const calls = fieldCalls().slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe('GET');
    expect(calls[0].query).toEqual({ module: 'Deals' });
    expect(calls[0].headers.authorization).toMatch(/^Zoho-oauthtoken \S+$/);
  });

  it('is not ok without Flowhub_Key and says exactly how to add it', async () => {
    zoho.crm.flowhubKeyField = false;
    const result = await api.post(`/api/v1/connections/${id}/test`);
    expect(result.status).toBe(200);
    expect(result.body.ok).toBe(false);
    const message: string = result.body.message;
    expect(message).toContain("no field with API name 'Flowhub_Key'");
    expect(message).toContain('Setup > Customization > Modules and Fields > Deals');
    expect(message).toContain('Single Line');
    expect(message).toContain('"Flowhub Key"');
    expect(message).toMatch(/never creates a Deal twice/);
    expect(message).not.toContain(zoho.oauth.clientSecret);
    expect(message).not.toContain(zoho.oauth.refreshToken);
  });

  it('is not ok, naming the missing scope, when Zoho refuses the fields metadata', async () => {
    zoho.crm.flowhubKeyField = true;
    zoho.crm.failNext(401, {
      code: 'OAUTH_SCOPE_MISMATCH',
      details: {},
      message: 'invalid oauth scope to access this URL',
      status: 'error',
    });
    zoho.crm.failNext(401, {
      code: 'OAUTH_SCOPE_MISMATCH',
      details: {},
      message: 'invalid oauth scope to access this URL',
      status: 'error',
    });
    const result = await api.post(`/api/v1/connections/${id}/test`);
    expect(result.body.ok).toBe(false);
    expect(result.body.message).toContain('ZohoCRM.settings.fields.READ');
  });
});
