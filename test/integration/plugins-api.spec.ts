import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

const FIXTURES = './test/fixtures/plugins';

describe('plugin catalogue and external plugins', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await bootTestApp({
      FLOWHUB_PLUGINS: [
        `${FIXTURES}/greeter-plugin.mjs`,
        `${FIXTURES}/broken-plugin.mjs`,
        `${FIXTURES}/misnamed-plugin.mjs`,
        `${FIXTURES}/clashing-plugin.mjs`,
        'flowhub-plugin-that-is-not-installed',
      ].join(','),
    });
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('starts despite broken external plugins and says why each was skipped', () => {
    const skipped = app.logs.filter((line) =>
      line.includes('Skipped a plugin from FLOWHUB_PLUGINS'),
    );
    expect(skipped).toHaveLength(4);
    const text = skipped.join('\n');
    expect(text).toContain('broken-plugin.mjs');
    expect(text).toContain('left-pad-9000');
    expect(text).toMatch(/name must be kebab-case/);
    expect(text).toMatch(/clashing-plugin\.mjs.*two different classes named 'Part'/);
    expect(text).toContain("'flowhub-plugin-that-is-not-installed' could not be loaded");
    expect(app.logs.join('\n')).toContain('Loaded plugin greeter@0.3.1');
  });

  it('lists the good plugins with their actions, input schemas and retry defaults', async () => {
    const { status, body: page } = await api.get('/api/v1/plugins?limit=100');
    expect(status).toBe(200);
    const body = page.items;
    expect(body.map((p: { name: string }) => p.name)).toEqual([
      'core',
      'http',
      'zoho-crm',
      'zoho-inventory',
      'greeter',
    ]);
    const http = body.find((p: { name: string }) => p.name === 'http');
    const request = http.actions[0];
    expect(request).toMatchObject({
      action: 'http.request',
      displayName: expect.any(String),
      sideEffects: true,
      retry: { attempts: 5, backoff: 'exponential', delayMs: 1000 },
    });
    expect(request.inputSchema.required).toEqual(['url']);
    expect(request.inputSchema.properties.method).toMatchObject({
      enum: expect.arrayContaining(['POST']),
      default: 'POST',
    });
    expect(request.inputSchema.definitions.SigningInput.required).toEqual(['secret']);
    const greeter = (await api.get('/api/v1/plugins/greeter')).body;
    expect(greeter.actions[0].inputSchema).toMatchObject({
      type: 'object',
      properties: { name: { type: 'string', maxLength: 50 } },
      required: ['name'],
      additionalProperties: false,
    });
    expect(greeter.connection).toBeNull();
  });

  it('answers 404 naming the installed plugins', async () => {
    const { status, body } = await api.get('/api/v1/plugins/nope');
    expect(status).toBe(404);
    expect(body.message).toBe(
      "No plugin named 'nope' (installed: core, http, zoho-crm, zoho-inventory, greeter)",
    );
  });

  it('runs an external plugin action in a flow', async () => {
    const flow = (
      await api.post('/api/v1/flows', {
        name: 'Greeting',
        trigger: { type: 'webhook' },
        steps: [{ id: 'hi', action: 'greeter.greet', map: "{ 'name': who }" }],
      })
    ).body;
    const run = await api.waitForRun(
      (await postToCatch(flow.catchUrl, '{"who":"Camille"}')).body.runId,
    );
    expect(run.steps[0].output).toEqual({ greeting: 'Hello, Camille!' });
  });
});
