import { startFakeZoho, type FakeZoho } from '../fakes/fake-zoho.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/**
 * Issue 18: what the console's connections and plugins pages need from the API: which
 * plugins have "Connect with" and its start fields, an action's declared sample output, and
 * a browser sent back to the console's /connections after the sign-in, with its outcome.
 */
describe('the console’s connections and plugins API', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let zoho: FakeZoho;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
    });
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
  });

  it('names the "Connect with" start fields, and each action’s sample output when declared', async () => {
    const { body } = await api.get('/api/v1/plugins?limit=100');
    const byName = Object.fromEntries(
      body.items.map((p: { name: string }) => [p.name, p]),
    ) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(byName['zoho-crm'].connection.authorization).toEqual({
      startFields: ['clientId', 'clientSecret', 'dataCenter', 'accountsUrl', 'apiDomain'],
    });
    expect(byName['zoho-inventory'].connection.authorization.startFields).toContain('dataCenter');
    expect(byName.http.connection.authorization).toBeNull();
    expect(byName.core.connection).toBeNull();
    const createDeal = byName['zoho-crm'].actions.find(
      (a: { action: string }) => a.action === 'zoho-crm.createDeal',
    );
    expect(createDeal).toMatchObject({
      sampleOutput: { id: '0000000000000000000', action: 'insert' },
      sampleFromInput: false,
    });
    const transform = byName.core.actions.find(
      (a: { action: string }) => a.action === 'core.transform',
    );
    expect(transform.sampleFromInput).toBe(false);
    expect('sampleOutput' in transform).toBe(false);
    expect((await api.get('/api/v1/plugins/zoho-crm')).body.connection.authorization).toEqual(
      byName['zoho-crm'].connection.authorization,
    );
  });

  const start = (name: string, clientSecret = zoho.oauth.clientSecret) =>
    api.post('/api/v1/connections/authorize', {
      name,
      plugin: 'zoho-crm',
      fields: {
        clientId: zoho.oauth.clientId,
        clientSecret,
        accountsUrl: zoho.accountsUrl,
        apiDomain: zoho.apiDomain,
      },
    });
  const backFromZoho = async (authorizeUrl: string) => {
    const atZoho = await fetch(authorizeUrl, { redirect: 'manual', headers: BROWSER });
    return fetch(atZoho.headers.get('location')!, { redirect: 'manual', headers: BROWSER });
  };

  it('sends the browser back to /connections?connected=<id> after the sign-in', async () => {
    const started = await start('zoho-console');
    expect(started.status).toBe(200);
    const back = await backFromZoho(started.body.authorizeUrl);
    expect(back.status).toBe(302);
    const location = new URL(back.headers.get('location')!, app.url);
    expect(location.pathname).toBe('/connections');
    const id = location.searchParams.get('connected');
    const connection = await api.get(`/api/v1/connections/${id}`);
    expect(connection.body).toMatchObject({ name: 'zoho-console', plugin: 'zoho-crm' });
    expect(connection.body.secretsSet).toEqual(['clientSecret', 'refreshToken']);
  });

  it('sends a browser back to /connections?connectError=<message> when the sign-in fails', async () => {
    const started = await start('zoho-wrong-secret', 'not-the-client-secret');
    const back = await backFromZoho(started.body.authorizeUrl);
    expect(back.status).toBe(302);
    const location = new URL(back.headers.get('location')!, app.url);
    expect(location.pathname).toBe('/connections');
    expect(location.searchParams.get('connected')).toBeNull();
    const message = location.searchParams.get('connectError')!;
    expect(message).toMatch(/Zoho did not grant access: invalid_client \(check clientId/);
    expect(message).not.toContain('not-the-client-secret');
    const names = (await api.get('/api/v1/connections')).body.items.map(
      (c: { name: string }) => c.name,
    );
    expect(names).not.toContain('zoho-wrong-secret');

    const forged = await fetch(`${app.url}/oauth/callback?code=x&state=forged`, {
      redirect: 'manual',
      headers: BROWSER,
    });
    expect(forged.status).toBe(302);
    const forgedTo = new URL(forged.headers.get('location')!, app.url);
    expect(forgedTo.searchParams.get('connectError')).toMatch(/start "Connect" again/);
  });

  it('still answers an API client (no text/html) with the JSON 400', async () => {
    const forged = await fetch(`${app.url}/oauth/callback?code=x&state=forged`, {
      redirect: 'manual',
      headers: { accept: 'application/json' },
    });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { message: string }).message).toMatch(/already used/);
  });
});
