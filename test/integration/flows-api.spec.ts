import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const flow = (overrides: Record<string, unknown> = {}) => ({
  name: 'Order to ERP',
  trigger: { type: 'webhook' },
  steps: [{ id: 'shape', action: 'core.transform', map: "{ 'order': order_number }" }],
  ...overrides,
});

describe('flows API', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_PUBLIC_URL: 'https://hooks.example.com/' });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('creates a flow with a catch URL holding a 256-bit key', async () => {
    const { status, body } = await api.post('/api/v1/flows', flow({ description: 'demo' }));
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name: 'Order to ERP',
      description: 'demo',
      status: 'active',
      version: 1,
    });
    expect(body.catchUrl).toMatch(
      new RegExp(`^https://hooks\\.example\\.com/webhook/catch/${body.id}/[\\w-]{43}$`),
    );
    expect(body.definition.steps[0].id).toBe('shape');
    const got = await api.get(`/api/v1/flows/${body.id}`);
    expect(got.body.catchUrl).toBe(body.catchUrl);
    expect((await api.get('/api/v1/flows')).body.items.map((f: { id: string }) => f.id)).toContain(
      body.id,
    );
  });

  it('lists every problem of an invalid flow with its path', async () => {
    const { status, body } = await api.post('/api/v1/flows', {
      name: 'Broken',
      trigger: { type: 'webhook', verify: { preset: 'shopify', secret: 's', algorithm: 'sha1' } },
      steps: [
        { id: 'deal', action: 'core.transfrom', map: "{ 'a': $steps.notify.id }" },
        { id: 'notify', action: 'http.request', map: '{ "a": ' },
        { id: 'deal', action: 'core.transform', when: '$steps.ghost' },
      ],
    });
    expect(status).toBe(400);
    const paths = body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'trigger.verify.algorithm',
        'steps[0].action',
        'steps[0].map',
        'steps[1].map',
        'steps[2].id',
        'steps[2].when',
      ]),
    );
    const byPath = Object.fromEntries(
      body.details.map((d: { path: string; message: string }) => [d.path, d.message]),
    );
    expect(byPath['steps[0].action']).toContain('did you mean core.transform?');
    expect(byPath['steps[1].map']).toMatch(/^JSONata syntax error at position \d+/);
    expect(body.message).toMatch(/^Flow definition is invalid: /);
  });

  it('reports shape errors with indexed paths', async () => {
    const { status, body } = await api.post('/api/v1/flows', {
      name: 'x',
      trigger: { type: 'email' },
      steps: [{ id: 'a', action: 'core.transform', timeoutMs: 5, colour: 'red' }],
    });
    expect(status).toBe(400);
    const paths = body.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['trigger.type', 'steps[0].timeoutMs', 'steps[0].colour']),
    );
  });

  it('keeps every version and pins nothing retroactively', async () => {
    const created = (await api.post('/api/v1/flows', flow())).body;
    const updated = await api.put(`/api/v1/flows/${created.id}`, flow({ name: 'Order to ERP v2' }));
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      version: 2,
      name: 'Order to ERP v2',
      catchUrl: created.catchUrl,
    });
    const versions = (await api.get(`/api/v1/flows/${created.id}/versions`)).body.items;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    const v1 = (await api.get(`/api/v1/flows/${created.id}/versions/1`)).body;
    expect(v1.definition.name).toBe('Order to ERP');
    expect((await api.get(`/api/v1/flows/${created.id}/versions/9`)).status).toBe(404);
  });

  it('rotates the key: the old catch URL is 404 at once, the new one works', async () => {
    const created = (await api.post('/api/v1/flows', flow())).body;
    const rotated = (await api.post(`/api/v1/flows/${created.id}/rotate-key`)).body;
    expect(rotated.catchUrl).not.toBe(created.catchUrl);
    const local = (url: string) => url.replace('https://hooks.example.com', app.url!);
    expect((await postToCatch(local(created.catchUrl), '{}')).status).toBe(404);
    expect((await postToCatch(local(rotated.catchUrl), '{}')).status).toBe(202);
  });

  it('deletes a flow: gone from the API and its catch URL', async () => {
    const created = (await api.post('/api/v1/flows', flow())).body;
    expect((await api.delete(`/api/v1/flows/${created.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/flows/${created.id}`)).status).toBe(404);
    const local = created.catchUrl.replace('https://hooks.example.com', app.url!);
    expect((await postToCatch(local, '{}')).status).toBe(404);
  });

  it('refuses a connection on a step whose plugin takes none', async () => {
    const { status, body } = await api.post(
      '/api/v1/flows',
      flow({
        steps: [{ id: 'a', action: 'core.transform', connection: 'zoho-main' }],
      }),
    );
    expect(status).toBe(400);
    expect(body.details).toEqual([expect.objectContaining({ path: 'steps[0].connection' })]);
  });

  it('refuses a static destination the egress guard would block, saying how to allow it', async () => {
    const { status, body } = await api.post(
      '/api/v1/flows',
      flow({
        steps: [
          {
            id: 'a',
            action: 'http.request',
            input: { url: 'http://169.254.169.254/latest/meta-data' },
          },
        ],
      }),
    );
    expect(status).toBe(400);
    expect(body.details).toEqual([
      {
        path: 'steps[0].input.url',
        message: expect.stringMatching(
          /169\.254\.169\.254 is an internal address, which is blocked: allow it with FLOWHUB_EGRESS_ALLOW_CIDRS/,
        ),
      },
    ]);
  });
});
