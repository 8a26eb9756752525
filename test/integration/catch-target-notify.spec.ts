import { setTimeout as sleep } from 'node:timers/promises';
import { TTL_MS } from '../../src/catch/catch-key.cache.js';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, type TestApp } from '../support/boot-test-app.js';

/**
 * Two api processes on one database: a change made through one (rotate-key, a new version,
 * delete) reaches the other's catch-target cache through Postgres NOTIFY, well before TTL_MS.
 */
describe('catch targets across api processes', () => {
  let first: TestApp;
  let second: TestApp;
  let api: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    first = await bootTestApp({ FLOWHUB_ROLE: 'api' });
    second = await bootTestApp({ FLOWHUB_ROLE: 'api' }, { database: first.database });
    api = apiClient(first.url!);
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
  });

  const onSecond = (catchUrl: string) => catchUrl.replace(first.url!, second.url!);
  const flowBody = (trigger: Record<string, unknown> = {}) => ({
    name: 'Shared',
    trigger: { type: 'webhook', ...trigger },
    steps: [{ id: 'echo', action: 'core.transform' }],
  });

  /** Polls until `check` passes; returns how long it took. */
  const within = async (check: () => Promise<boolean>, limitMs: number) => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
      await sleep(20);
    }
    return Date.now() - started;
  };
  const statusOn = async (url: string, body = '{}') => (await postToCatch(url, body)).status;

  it('refuses a rotated key, applies a new version and refuses a deleted flow on the other process', async () => {
    const flow = (await api.post('/api/v1/flows', flowBody())).body;
    await within(async () => (await statusOn(onSecond(flow.catchUrl))) === 202, 3000);
    await sleep(300); // the second process's LISTEN connection is up

    const rotated = (await api.post(`/api/v1/flows/${flow.id}/rotate-key`, {})).body;
    expect(
      await within(async () => (await statusOn(onSecond(flow.catchUrl))) === 404, TTL_MS / 2),
    ).toBeLessThan(TTL_MS / 2);
    expect(await statusOn(onSecond(rotated.catchUrl))).toBe(202);

    await api.put(`/api/v1/flows/${flow.id}`, flowBody({ maxBodyBytes: 10 }));
    const big = JSON.stringify({ padding: 'x'.repeat(100) });
    await within(async () => (await statusOn(onSecond(rotated.catchUrl), big)) === 413, TTL_MS / 2);

    await api.delete(`/api/v1/flows/${flow.id}`);
    await within(async () => (await statusOn(onSecond(rotated.catchUrl))) === 404, TTL_MS / 2);
  });
});
