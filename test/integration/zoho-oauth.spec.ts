import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { startFakeZoho, type FakeZoho, zohoConnectionFields } from '../fakes/fake-zoho.js';

/** Zoho allows 10 tokens per 10 minutes: Flowhub must refresh once per connection. */
describe('Zoho OAuth through Flowhub connections', () => {
  let app: TestApp;
  let zoho: FakeZoho;
  let api: ReturnType<typeof apiClient>;
  let catchUrl: string;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    app = await bootTestApp({
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      // the fake Zoho listens on loopback: allowed as a Zoho endpoint host
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1',
      FLOWHUB_WORKER_CONCURRENCY: '20',
    });
    api = apiClient(app.url!);
    const connection = await api.post('/api/v1/connections', {
      name: 'zoho-main',
      plugin: 'zoho-crm',
      fields: zohoConnectionFields(zoho),
    });
    expect(connection.status).toBe(201);
    expect(connection.body.secretsSet).toEqual(['clientSecret', 'refreshToken']);
    expect((await api.post(`/api/v1/connections/${connection.body.id}/test`)).body).toEqual({
      ok: true,
    });
    zoho.crm.addRecord('Contacts', { Last_Name: 'Durand', Email: 'client@test.com' });
    const flow = await api.post('/api/v1/flows', {
      name: 'Search contact',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'find',
          action: 'zoho-crm.searchRecords',
          connection: 'zoho-main',
          input: { module: 'Contacts' },
          map: "{ 'email': email }",
        },
      ],
    });
    expect(flow.status).toBe(201);
    catchUrl = flow.body.catchUrl;
  });
  afterAll(async () => {
    await app.stop();
    await zoho.close();
  });

  it('refreshes the token once for 20 concurrent runs', async () => {
    const before = zoho.oauth.issued.length;
    const caught = await Promise.all(
      Array.from({ length: 20 }, () => postToCatch(catchUrl, '{"email":"client@test.com"}')),
    );
    const runs = await Promise.all(caught.map((c) => api.waitForRun(c.body.runId, 20_000)));
    expect(runs.map((r) => r.status)).toEqual(runs.map(() => 'succeeded'));
    expect(runs.every((r) => r.steps[0].output.count === 1)).toBe(true);
    expect(zoho.oauth.issued.length - before).toBeLessThanOrEqual(1);
  });

  it('refreshes an expired token mid-run and the call succeeds', async () => {
    const before = zoho.oauth.issued.length;
    zoho.oauth.expire();
    const run = await api.waitForRun(
      (await postToCatch(catchUrl, '{"email":"client@test.com"}')).body.runId,
    );
    expect(run.status).toBe('succeeded');
    expect(run.steps[0].attempts).toBe(1);
    expect(zoho.oauth.issued.length).toBe(before + 1);
  });

  it('keeps the token, client secret and refresh token out of responses, logs and clear columns', async () => {
    const secrets = [zoho.oauth.clientSecret, zoho.oauth.refreshToken, ...zoho.oauth.issued];
    const everything = [
      JSON.stringify((await api.get('/api/v1/connections')).body),
      JSON.stringify((await api.get('/api/v1/runs?limit=100')).body),
      app.logs.join('\n'),
    ].join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      const rows =
        JSON.stringify((await client.query('SELECT * FROM connections')).rows) +
        JSON.stringify((await client.query('SELECT * FROM run_steps')).rows);
      for (const secret of secrets) expect(rows).not.toContain(secret);
    } finally {
      await client.end();
    }
  });
});
