import { DataSource } from 'typeorm';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 18: the console signs in with an API key and then acts through a session cookie. */
describe('console sessions', () => {
  let app: TestApp;
  let admin: ReturnType<typeof apiClient>;
  let flowId: string;

  const keyWith = async (role: string) =>
    (await admin.post('/api/v1/api-keys', { name: `s-${role}`, role })).body as {
      id: string;
      key: string;
    };
  const signIn = (apiKey: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ apiKey }),
    });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0];
  const withCookie = (cookie: string, method: string, path: string, headers = {}) =>
    fetch(`${app.url}${path}`, { method, headers: { cookie, ...headers } });

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_SESSION_TTL_HOURS: '2', FLOWHUB_TRUST_PROXY: '127.0.0.1' });
    admin = apiClient(app.url!);
    const flow = await admin.post('/api/v1/flows', {
      name: 'Sessions',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    flowId = flow.body.id;
  });
  afterAll(() => app.stop());

  it('exchanges a key for an httpOnly, SameSite=Strict cookie that is not the key', async () => {
    const { key } = await keyWith('viewer');
    const response = await signIn(key);
    expect(response.status).toBe(201);
    const setCookie = response.headers.get('set-cookie')!;
    expect(setCookie).toMatch(
      /^flowhub_session=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=7200$/,
    );
    expect(setCookie).not.toContain(key);
    const body = (await response.json()) as { apiKey: { role: string }; expiresAt: string };
    expect(body.apiKey.role).toBe('viewer');
    expect(JSON.stringify(body)).not.toContain(key);
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(1.9);
    expect(hours).toBeLessThanOrEqual(2);
    const token = cookieOf(response).split('=')[1];
    const stored = await app.app.get(DataSource).query('SELECT token_hash FROM console_sessions');
    expect(
      stored.some((r: { token_hash: Buffer }) => r.token_hash.toString('utf8').includes(token)),
    ).toBe(false);
    const flows = await withCookie(cookieOf(response), 'GET', '/api/v1/flows');
    expect(flows.status).toBe(200);
    const me = await (await withCookie(cookieOf(response), 'GET', '/api/v1/session')).json();
    expect(me).toMatchObject({ apiKey: { role: 'viewer' }, expiresAt: body.expiresAt });
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const { key } = await keyWith('viewer');
    const response = await signIn(key, { 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a wrong key with 401 and sets no cookie', async () => {
    const response = await signIn('fh_not-a-real-key');
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('needs X-Flowhub-CSRF on writes made by cookie, and applies the role', async () => {
    const operator = cookieOf(await signIn((await keyWith('operator')).key));
    const bare = await withCookie(operator, 'POST', `/api/v1/flows/${flowId}/pause`);
    expect(bare.status).toBe(403);
    expect(((await bare.json()) as { message: string }).message).toContain('X-Flowhub-CSRF: 1');
    const csrf = { 'x-flowhub-csrf': '1' };
    expect((await withCookie(operator, 'POST', `/api/v1/flows/${flowId}/pause`, csrf)).status).toBe(
      200,
    );
    expect(
      (await withCookie(operator, 'POST', `/api/v1/flows/${flowId}/activate`, csrf)).status,
    ).toBe(200);
    expect((await withCookie(operator, 'DELETE', `/api/v1/flows/${flowId}`, csrf)).status).toBe(
      403,
    );
  });

  it('ends on sign-out and when its key is revoked', async () => {
    const viewer = await keyWith('viewer');
    const first = cookieOf(await signIn(viewer.key));
    const second = cookieOf(await signIn(viewer.key));
    const out = await withCookie(first, 'DELETE', '/api/v1/session', { 'x-flowhub-csrf': '1' });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^flowhub_session=; .*Max-Age=0/);
    const after = await withCookie(first, 'GET', '/api/v1/flows');
    expect(after.status).toBe(401);
    expect(((await after.json()) as { message: string }).message).toMatch(
      /^Your session has ended/,
    );
    expect((await withCookie(second, 'GET', '/api/v1/flows')).status).toBe(200);
    await admin.delete(`/api/v1/api-keys/${viewer.id}`);
    expect((await withCookie(second, 'GET', '/api/v1/flows')).status).toBe(401);
  });
});
