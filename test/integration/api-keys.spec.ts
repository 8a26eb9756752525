import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { json } from '../support/json.js';

describe('API keys and authentication', () => {
  let app: TestApp;
  const call = (path: string, init: RequestInit & { key?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.key) headers.set('authorization', `Bearer ${init.key}`);
    if (init.body) headers.set('content-type', 'application/json');
    return fetch(`${app.url}${path}`, { ...init, headers });
  };

  beforeAll(async () => {
    app = await bootTestApp();
  });
  afterAll(() => app.stop());

  it('answers 401 with what to send when no key is given', async () => {
    const response = await call('/api/v1/api-keys');
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect(await json(response)).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message:
        "Missing API key: send 'Authorization: Bearer <api key>' (create keys with POST /api/v1/api-keys), or sign in with POST /api/v1/session",
    });
  });

  it('rejects a wrong key and a malformed header', async () => {
    const wrong = await call('/api/v1/api-keys', { key: 'fh_not-a-real-key' });
    expect(wrong.status).toBe(401);
    expect((await json(wrong)).message).toMatch(/^Invalid or revoked API key/);
    const basic = await call('/api/v1/api-keys', { headers: { authorization: 'Basic abc' } });
    expect(basic.status).toBe(401);
    expect((await json(basic)).message).toMatch(/^Malformed Authorization header/);
  });

  it('accepts the bootstrap key from FLOWHUB_ADMIN_KEY', async () => {
    const response = await call('/api/v1/api-keys', { key: TEST_ADMIN_KEY });
    expect(response.status).toBe(200);
    const keys = (await json(response)).items;
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({
      name: 'admin (FLOWHUB_ADMIN_KEY)',
      hint: 'test…',
      revokedAt: null,
    });
    expect(JSON.stringify(keys)).not.toContain(TEST_ADMIN_KEY);
  });

  it('creates a key shown once, which works until it is revoked', async () => {
    const created = await call('/api/v1/api-keys', {
      method: 'POST',
      key: TEST_ADMIN_KEY,
      body: JSON.stringify({ name: 'ci-deployer' }),
    });
    expect(created.status).toBe(201);
    const { id, key, name } = await json(created);
    expect(name).toBe('ci-deployer');
    expect(key).toMatch(/^fh_[\w-]{43}$/);

    const listed = (await json(await call('/api/v1/api-keys', { key }))).items;
    expect(listed.map((k: { id: string }) => k.id)).toContain(id);
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.find((k: { id: string }) => k.id === id).lastUsedAt).not.toBeNull();

    const revoked = await call(`/api/v1/api-keys/${id}`, { method: 'DELETE', key: TEST_ADMIN_KEY });
    expect(revoked.status).toBe(204);
    const after = await call('/api/v1/api-keys', { key });
    expect(after.status).toBe(401);

    const active = (await json(await call('/api/v1/api-keys', { key: TEST_ADMIN_KEY }))).items;
    expect(active.map((k: { id: string }) => k.id)).not.toContain(id);
    const all = (
      await json(
        await call('/api/v1/api-keys?includeRevoked=true&limit=100', { key: TEST_ADMIN_KEY }),
      )
    ).items;
    expect(all.find((k: { id: string }) => k.id === id).revokedAt).not.toBeNull();
  });

  it('stores only a hash of each key', async () => {
    const { key } = await json(
      await call('/api/v1/api-keys', { method: 'POST', key: TEST_ADMIN_KEY, body: '{"name":"x"}' }),
    );
    const rows = await app.database.admin(async () => {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: app.database.url });
      await client.connect();
      try {
        return (await client.query('SELECT * FROM api_keys')).rows;
      } finally {
        await client.end();
      }
    });
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(TEST_ADMIN_KEY);
  });

  it('lists every validation problem with its path', async () => {
    const response = await call('/api/v1/api-keys', {
      method: 'POST',
      key: TEST_ADMIN_KEY,
      body: JSON.stringify({ name: '', colour: 'red' }),
    });
    expect(response.status).toBe(400);
    const body = await json(response);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(body.details).toEqual(
      expect.arrayContaining([
        { path: 'colour', message: 'property colour should not exist' },
        { path: 'name', message: 'name should not be empty' },
      ]),
    );
  });

  it('gives the standard error body for bad JSON, unknown ids and unknown routes', async () => {
    const badJson = await call('/api/v1/api-keys', {
      method: 'POST',
      key: TEST_ADMIN_KEY,
      body: '{"name":',
    });
    expect(badJson.status).toBe(400);
    expect(Object.keys(await json(badJson)).sort()).toEqual(['error', 'message', 'statusCode']);

    const notUuid = await call('/api/v1/api-keys/abc', { method: 'DELETE', key: TEST_ADMIN_KEY });
    expect(notUuid.status).toBe(400);
    expect((await json(notUuid)).message).toMatch(/^id must be a UUID/);

    const unknown = await call('/api/v1/api-keys/00000000-0000-4000-8000-000000000000', {
      method: 'DELETE',
      key: TEST_ADMIN_KEY,
    });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).message).toBe(
      "No API key with id '00000000-0000-4000-8000-000000000000'",
    );

    const route = await call('/api/v1/nothing-here', { key: TEST_ADMIN_KEY });
    expect(route.status).toBe(404);
    expect(await json(route)).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it('logs requests with a request id and without the key', async () => {
    const response = await call('/api/v1/api-keys', {
      key: TEST_ADMIN_KEY,
      headers: { 'x-request-id': 'trace-123' },
    });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const line = app.logs.find((l) => l.includes('"trace-123"'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!)).toMatchObject({
      req: { id: 'trace-123', url: '/api/v1/api-keys' },
      res: { statusCode: 200 },
    });
    expect(app.logs.join('\n')).not.toContain(TEST_ADMIN_KEY);
  });
});
