import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 16 item 12: links in answers are absolute when FLOWHUB_PUBLIC_URL is set. */
describe('statusUrl with FLOWHUB_PUBLIC_URL', () => {
  let app: TestApp;
  const PUBLIC = 'https://flowhub.example.com';
  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_PUBLIC_URL: PUBLIC });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('the 202 and the duplicate 200 of a catch URL point at the run absolutely', async () => {
    const api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Linked',
      trigger: { type: 'webhook', dedupe: "$trigger.headers.'x-id'" },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    expect(flow.status).toBe(201);
    const path = new URL(flow.body.catchUrl as string).pathname;
    const send = () =>
      fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-id': 'one' },
        body: '{"a":1}',
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { runId: string; statusUrl: string },
      }));
    const first = await send();
    expect(first.status).toBe(202);
    expect(first.body.statusUrl).toBe(`${PUBLIC}/api/v1/runs/${first.body.runId}`);
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body.statusUrl).toBe(`${PUBLIC}/api/v1/runs/${first.body.runId}`);
  });
});
