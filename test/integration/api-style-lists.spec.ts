import { apiClient } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/** Issue 16 item 12: every list of the API is `{items, nextCursor}` with ?limit=&cursor=. */
describe('one paging style for every list', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
  });
  afterAll(async () => {
    await app.stop();
  });

  const walk = async (path: string) => {
    const ids: unknown[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const reply = await api.get(`${path}${sep}limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(Object.keys(reply.body).sort()).toEqual(['items', 'nextCursor']);
      expect(reply.body.items.length).toBeLessThanOrEqual(1);
      ids.push(
        ...reply.body.items.map(
          (i: { id?: string; name?: string; version?: number }) => i.id ?? i.name ?? i.version,
        ),
      );
      cursor = reply.body.nextCursor;
      pages += 1;
    } while (cursor && pages < 50);
    return ids;
  };

  it('pages flows, versions, connections, API keys, secrets, plugins, webhooks and events', async () => {
    const flows: string[] = [];
    for (const name of ['A', 'B']) {
      const made = await api.post('/api/v1/flows', {
        name,
        trigger: { type: 'webhook' },
        steps: [{ id: 'a', action: 'core.transform' }],
      });
      flows.push(made.body.id);
    }
    await api.put(`/api/v1/flows/${flows[0]}`, {
      name: 'A2',
      trigger: { type: 'webhook' },
      steps: [{ id: 'a', action: 'core.transform' }],
    });
    await api.post('/api/v1/api-keys', { name: 'second' });
    const listed = await walk('/api/v1/flows');
    expect(listed).toEqual(expect.arrayContaining(flows));
    expect(new Set(listed).size).toBe(listed.length);
    expect(await walk(`/api/v1/flows/${flows[0]}/versions`)).toEqual([1, 2]);
    expect((await walk('/api/v1/api-keys')).length).toBeGreaterThanOrEqual(2);
    expect((await walk('/api/v1/plugins')).length).toBeGreaterThanOrEqual(3);
    expect((await walk('/api/v1/webhooks/events/available')).length).toBeGreaterThanOrEqual(8);
    for (const path of ['/api/v1/connections', '/api/v1/secrets', '/api/v1/webhooks']) {
      expect(Array.isArray(await walk(path))).toBe(true);
    }
    const forged = await api.get('/api/v1/flows?cursor=bm90LWpzb24');
    expect(forged.status).toBe(400);
    expect((await api.get('/api/v1/plugins?limit=0')).status).toBe(400);
  });
});
