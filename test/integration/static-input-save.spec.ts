import pg from 'pg';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const flow = (steps: unknown[]) => ({ name: 'static input', trigger: { type: 'webhook' }, steps });
const shape = { id: 'shape', action: 'core.transform', map: "{ 'a': 1 }" };

/** Issue 16 item 4: a step's static input is judged at save, by its action's input class. */
describe('static step input at save', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
  });
  afterAll(() => app.stop());

  it('refuses a static field of the wrong type, with the step path, on POST and PUT', async () => {
    const bad = flow([shape, { id: 'wait', action: 'core.delay', input: { ms: 'soon' } }]);
    const posted = await api.post('/api/v1/flows', bad);
    expect(posted.status).toBe(400);
    expect(posted.body.message).toMatch(/steps\[1\]\.input\.ms: ms must be a whole number/);
    expect(posted.body.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'steps[1].input.ms' })]),
    );
    const created = await api.post('/api/v1/flows', flow([shape]));
    expect(created.status).toBe(201);
    const put = await api.put(`/api/v1/flows/${created.body.id}`, bad);
    expect(put.status).toBe(400);
    expect(put.body.message).toMatch(/steps\[1\]\.input\.ms: /);
  });

  it('refuses a step without a map that lacks what its action requires', async () => {
    const { status, body } = await api.post(
      '/api/v1/flows',
      flow([{ id: 'wait', action: 'core.delay', input: {} }]),
    );
    expect(status).toBe(400);
    expect(body.message).toMatch(/steps\[0\]\.input\.ms: exactly one of ms .* or until/);
  });

  it('leaves to run time what the map sets or could set', async () => {
    const steps = [
      // the map sets ms: the static value is overridden, so it is not judged
      { id: 'a', action: 'core.delay', input: { ms: 'soon' }, map: "{ 'ms': 5 }" },
      // a required field missing from input is fine when there is a map
      { id: 'b', action: 'core.delay', input: {}, map: "{ 'ms': 5 }" },
      // a map whose fields cannot be told might set anything
      { id: 'c', action: 'core.delay', input: { ms: 'soon' }, map: '$merge([{}, {"ms": 5}])' },
    ];
    expect((await api.post('/api/v1/flows', flow(steps))).status).toBe(201);
  });

  it('still judges a static field the map does not set', async () => {
    const step = { id: 'a', action: 'core.delay', input: { until: 'tomorrow' }, map: "{ 'x': 1 }" };
    const { status, body } = await api.post('/api/v1/flows', flow([step]));
    expect(status).toBe(400);
    expect(body.message).toMatch(/steps\[0\]\.input\.until: until must be an ISO 8601/);
  });

  it('accepts secret references in http.request input', async () => {
    const secret = await api.post('/api/v1/secrets', {
      name: 'static_input_token',
      value: 'tok-0123456789abcdef',
      hosts: ['erp.example.com'],
    });
    expect(secret.status).toBe(201);
    const step = {
      id: 'send',
      action: 'http.request',
      input: {
        url: 'https://erp.example.com/orders',
        method: 'POST',
        headers: { Authorization: { $secret: 'static_input_token' } },
      },
    };
    const { status, body } = await api.post('/api/v1/flows', flow([step]));
    expect({ status, message: body.message }).toEqual({ status: 201, message: undefined });
  });
});

describe('a stored flow whose static input would now be refused', () => {
  let database: TestDatabase;
  let app: TestApp | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await app?.stop();
    await database.drop();
  });

  it('still loads and runs (validation is on save only)', async () => {
    app = await bootTestApp({}, { database });
    let api = apiClient(app.url!);
    const created = await api.post(
      '/api/v1/flows',
      flow([{ id: 'wait', action: 'core.delay', input: { ms: 1 } }]),
    );
    expect(created.status).toBe(201);
    await app.stop();
    app = undefined;
    // What an older Flowhub let through: the row is written as it was saved then.
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      await db.query(
        `UPDATE flow_versions SET definition = jsonb_set(definition, '{steps,0,input,ms}', '"soon"')
          WHERE flow_id = $1`,
        [created.body.id],
      );
    } finally {
      await db.end();
    }
    app = await bootTestApp({}, { database });
    api = apiClient(app.url!);
    const got = await api.get(`/api/v1/flows/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.definition.steps[0].input).toEqual({ ms: 'soon' });
    const caught = await postToCatch(got.body.catchUrl, '{}');
    const run = await api.waitForRun(caught.body.runId);
    expect(run.status).toBe('failed');
    expect(JSON.stringify(run.steps)).toMatch(/ms must be a whole number/);
  });
});
