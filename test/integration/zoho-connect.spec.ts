import { startFakeZoho, type FakeZoho } from '../fakes/fake-zoho.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 18: "Connect with Zoho", the authorization-code grant, against the fake Zoho Accounts. */
describe('Connect with Zoho', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let zoho: FakeZoho;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1', // the fake Zoho is a Zoho endpoint host here
    });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
  });

  const start = async (name: string, fields: Record<string, unknown> = {}) => {
    const reply = await api.post('/api/v1/connections/authorize', {
      name,
      plugin: 'zoho-crm',
      fields: {
        clientId: zoho.oauth.clientId,
        clientSecret: zoho.oauth.clientSecret,
        accountsUrl: zoho.accountsUrl,
        apiDomain: zoho.apiDomain,
        ...fields,
      },
    });
    return reply;
  };
  /** The browser's trip: to Zoho's consent page, which sends it back to our callback. */
  const consent = async (authorizeUrl: string) => {
    const atZoho = await fetch(authorizeUrl, { redirect: 'manual' });
    expect(atZoho.status).toBe(302);
    return new URL(atZoho.headers.get('location')!);
  };

  it('signs in at Zoho, checks state, stores the refresh token encrypted, and the connection works', async () => {
    const started = await start('zoho-connected');
    expect(started.status).toBe(200);
    const authorize = new URL(started.body.authorizeUrl);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${zoho.accountsUrl}/oauth/v2/auth`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: zoho.oauth.clientId,
      access_type: 'offline',
      redirect_uri: `${app.url}/oauth/callback`,
      scope: 'ZohoCRM.modules.ALL,ZohoCRM.settings.fields.READ',
    });
    expect(started.body.authorizeUrl).not.toContain(zoho.oauth.clientSecret);
    const callback = await consent(started.body.authorizeUrl);
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(302);
    const id = /^\/connections\?connected=([0-9a-f-]{36})$/.exec(
      back.headers.get('location')!,
    )?.[1];
    const connection = await api.get(`/api/v1/connections/${id}`);
    expect(connection.body).toMatchObject({ name: 'zoho-connected', plugin: 'zoho-crm' });
    expect(connection.body.secretsSet).toEqual(['clientSecret', 'refreshToken']);
    expect(JSON.stringify(connection.body)).not.toContain(zoho.oauth.refreshToken);
    expect((await api.post(`/api/v1/connections/${id}/test`)).body).toMatchObject({ ok: true });
    const again = await fetch(callback, { redirect: 'manual' });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { message: string }).message).toMatch(/already used/);
  });

  it('never sends the client secret to an accounts server the redirect names by itself', async () => {
    const started = await start('zoho-tampered');
    const callback = await consent(started.body.authorizeUrl);
    callback.searchParams.set('accounts-server', 'https://accounts.evil.example');
    const before = zoho.oauth.tokenRequests;
    const back = await fetch(callback, { redirect: 'manual' });
    expect(back.status).toBe(400);
    const { message } = (await back.json()) as { message: string };
    expect(message).toContain('not a Zoho accounts server this connection may use');
    expect(message).not.toContain(zoho.oauth.clientSecret);
    expect(zoho.oauth.tokenRequests).toBe(before);
    expect(
      (await api.get('/api/v1/connections')).body.items.map((c: { name: string }) => c.name),
    ).not.toContain('zoho-tampered');
  });

  it('refuses a forged state, an endpoint outside Zoho, a plugin without sign-in and a non-admin', async () => {
    const forged = await fetch(`${app.url}/oauth/callback?code=x&state=forged`, {
      redirect: 'manual',
    });
    expect(forged.status).toBe(400);
    const doubled = await fetch(`${app.url}/oauth/callback?code=x&state=a&state=b`, {
      redirect: 'manual',
    });
    expect(doubled.status).toBe(400); // a repeated parameter is not one value: no 500
    const outside = await start('zoho-outside', { accountsUrl: 'https://accounts.evil.example' });
    expect(outside.status).toBe(400);
    const http = await api.post('/api/v1/connections/authorize', {
      name: 'h',
      plugin: 'http',
      fields: {},
    });
    expect(http.status).toBe(400);
    expect(http.body.message).toContain('has no "Connect with" sign-in');
    const key = (await api.post('/api/v1/api-keys', { name: 'op', role: 'operator' })).body.key;
    const operator = apiClient(app.url!, key);
    const refused = await operator.post('/api/v1/connections/authorize', {
      name: 'z',
      plugin: 'zoho-crm',
      fields: {},
    });
    expect(refused.status).toBe(403);
  });
});
