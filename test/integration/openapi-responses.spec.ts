import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

/**
 * Issue 16 item 12: every route of the OpenAPI document describes its success answer with a
 * schema (204 excepted), so clients can be generated from /docs/json. /metrics is described too.
 */
describe('OpenAPI response schemas', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('every route and method has a schema for its success status', async () => {
    const document = (await (await fetch(`${app.url}/docs/json`)).json()) as {
      paths: Record<string, Record<string, Operation>>;
    };
    const methods = ['get', 'post', 'put', 'patch', 'delete'];
    const missing: string[] = [];
    let operations = 0;
    for (const [path, item] of Object.entries(document.paths)) {
      for (const method of methods.filter((m) => item[m])) {
        operations += 1;
        const responses = Object.entries(item[method].responses ?? {});
        const success = responses.filter(([status]) => /^[23]\d\d$/.test(status));
        const described = success.some(
          ([status, response]) =>
            status === '204' ||
            /^30[1278]$/.test(status) || // a redirect has no body to describe
            Object.values(response.content ?? {}).some((media) => media.schema !== undefined),
        );
        if (!described) missing.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(operations).toBeGreaterThan(30);
    expect(missing).toEqual([]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/metrics', '/health', '/webhook/catch/{flowId}/{key}']),
    );
  });
});
