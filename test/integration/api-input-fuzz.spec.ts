import fc from 'fast-check';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';

/** Characters that broke things before: NUL, lone surrogates, quotes, JSONata and path syntax. */
const UNIT = fc.constantFrom(
  'a',
  'Z',
  '0',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  'é',
  '😀',
  '"',
  '\\',
  '.',
  '$',
  '{',
  '[',
);
const shallow = fc.jsonValue({ maxDepth: 4, stringUnit: UNIT });
/**
 * JSON text of a value wrapped in up to 12,000 objects or arrays (deep values overflowed
 * class-transformer). Built as text: JSON.stringify itself overflows at that depth.
 */
const valueText = fc
  .tuple(shallow, fc.constantFrom(0, 1, 2, 50, 101, 12_000), fc.boolean())
  .map(([inner, levels, asArray]) => {
    const [open, close] = asArray ? ['[', ']'] : ['{"a":', '}'];
    return `${open.repeat(levels)}${JSON.stringify(inner)}${close.repeat(levels)}`;
  });
/** Where a shape's body holds the fuzzed value. */
const SLOT = '__FUZZED_VALUE__';
const withValue = (body: unknown, text: string) => JSON.stringify(body).replace(`"${SLOT}"`, text);
const text = fc.string({ unit: UNIT, maxLength: 20 });
const RUNS = { numRuns: 60, seed: 1515 };

describe('API input, property: any JSON body gets a 2xx or a 4xx with a message, never a 5xx', () => {
  let app: TestApp;
  let flowId: string;
  let webhookId: string;
  let connectionId: string;

  /** Posts `body` as JSON text (lone surrogates stay escaped) and checks the answer. */
  const answersWell = async (method: string, path: string, body: string) => {
    const response = await fetch(`${app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body,
    });
    const answer = (await response.json()) as { message?: unknown } | null;
    const refusedWell =
      response.status >= 400 &&
      response.status < 500 &&
      typeof answer?.message === 'string' &&
      answer.message !== '';
    if (response.status >= 300 && !refusedWell) {
      throw new Error(
        `${method} ${path} ${body.slice(0, 300)} -> ${response.status} ${JSON.stringify(answer)}`,
      );
    }
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_PLUGINS: './test/fixtures/plugins/vault-plugin.mjs' });
    const api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'fuzzed',
      trigger: { type: 'webhook' },
      steps: [{ id: 'echo', action: 'core.transform', map: '{ "got": $trigger.body }' }],
    });
    flowId = flow.body.id;
    webhookId = (
      await api.post('/api/v1/webhooks', { url: 'https://example.com/h', events: ['run.failed'] })
    ).body.id;
    connectionId = (
      await api.post('/api/v1/connections', {
        name: 'fuzz-vault',
        plugin: 'vault',
        fields: { apiKey: 'good-0123456789', region: 'eu' },
      })
    ).body.id;
  });
  afterAll(() => app.stop());

  it('whole bodies: arbitrary JSON and arbitrary text sent as JSON', async () => {
    const routes: [string, string][] = [
      ['POST', '/api/v1/flows'],
      ['PUT', `/api/v1/webhooks/${webhookId}`],
      ['PATCH', `/api/v1/connections/${connectionId}`],
      ['POST', `/api/v1/flows/${flowId}/rotate-secret`],
    ];
    const route = fc.constantFrom(...routes);
    const body = fc.oneof(valueText, text);
    await fc.assert(
      fc.asyncProperty(route, body, ([m, p], b) => answersWell(m, p, b)),
      RUNS,
    );
  });

  it('arbitrary JSON, up to 12,000 levels deep, inside the fields that take free-form values', async () => {
    const flow = {
      name: 'fuzzed',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform', input: SLOT }],
    };
    const shapes: [string, string, unknown][] = [
      ['POST', `/api/v1/flows/${flowId}/test`, { payload: SLOT }],
      ['POST', `/api/v1/flows/${flowId}/test`, { headers: SLOT, payload: {} }],
      ['PUT', `/api/v1/flows/${flowId}`, flow],
      ['PUT', `/api/v1/webhooks/${webhookId}`, { description: SLOT }],
      ['PATCH', `/api/v1/connections/${connectionId}`, { fields: SLOT }],
      ['POST', '/api/v1/api-keys', { name: SLOT }],
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...shapes), valueText, ([method, path, body], text) =>
        answersWell(method, path, withValue(body, text)),
      ),
      RUNS,
    );
  });

  it('stays healthy', async () => {
    expect((await fetch(`${app.url}/health`)).status).toBe(200);
  });
});
