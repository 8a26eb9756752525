import { apiClient, postToCatch } from '../support/api-client.js';
import { json } from '../support/json.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';

describe('a trusted reverse proxy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_TRUST_PROXY: '127.0.0.1', FLOWHUB_ROLE: 'api' });
  });
  afterAll(() => app.stop());

  it('gives the forwarded client IP and host when the request comes from it', async () => {
    const api = apiClient(app.url!);
    const created = await fetch(`${app.url}/api/v1/flows`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TEST_ADMIN_KEY}`,
        'content-type': 'application/json',
        'x-forwarded-proto': 'https',
        'x-forwarded-host': 'hooks.example.com',
      },
      body: JSON.stringify({
        name: 'p',
        trigger: { type: 'webhook' },
        steps: [{ id: 'a', action: 'core.transform' }],
      }),
    });
    const flow = await json(created);
    expect(flow.catchUrl).toMatch(/^https:\/\/hooks\.example\.com\/webhook\/catch\//);
    const local = flow.catchUrl.replace('https://hooks.example.com', app.url!);
    const caught = await postToCatch(local, '{}', 'application/json', {
      'x-forwarded-for': '203.0.113.9',
    });
    expect((await api.get(`/api/v1/runs/${caught.body.runId}`)).body.trigger.sourceIp).toBe(
      '203.0.113.9',
    );
  });
});
