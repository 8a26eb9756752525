import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { launchChromium, openPage, signIn } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');
const DAY = 86_400_000;

/** Issue 19 item 6: the flow page's Storage and retention panel, against the API. */
describe('storage and retention panel in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let db: DataSource;
  let flowId: string;
  let plainId: string;

  /** A finished run (with its request) of `flow`, `ageMs` old. */
  const oldRun = async (flow: string, ageMs: number) => {
    const request = randomUUID();
    await db.query(
      `INSERT INTO inbound_requests (id, flow_id, method, headers, query, raw_body, body, size, received_at)
       VALUES ($1, $2, 'POST', '{}', '{}', '\\x7b7d', '{}', 2, now() - $3 * interval '1 ms')`,
      [request, flow, ageMs],
    );
    await db.query(
      `INSERT INTO runs (id, flow_id, flow_version, status, request_id, created_at)
       VALUES ($1, $2, 1, 'succeeded', $3, now() - $4 * interval '1 ms')`,
      [randomUUID(), flow, request, ageMs],
    );
  };

  beforeAll(async () => {
    app = await bootTestApp({ FLOWHUB_RETENTION_DAYS: '14' });
    api = apiClient(app.url!);
    db = app.app.get(DataSource);
    browser = await launchChromium();
    const flow = (name: string, retention?: object) =>
      api.post('/api/v1/flows', {
        name,
        trigger: { type: 'webhook' },
        steps: [{ id: 'a', action: 'core.transform' }],
        retention,
      });
    flowId = (await flow('Orders kept a week', { days: 7, keepFailedDays: 30 })).body.id;
    plainId = (await flow('Orders, default retention')).body.id;
    await oldRun(flowId, 5 * DAY + 3_600_000);
    await oldRun(flowId, 9 * DAY);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function pageAs(
    key: string,
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    page.setDefaultTimeout(10_000);
    await signIn(page, app.url!, key);
    return { context, page, errors };
  }
  const panel = (page: Page) => page.getByRole('region', { name: 'Storage and retention' });
  const fact = (page: Page, term: string) =>
    panel(page)
      .locator('dt', { hasText: new RegExp(`^${term}$`) })
      .locator('xpath=following-sibling::dd[1]');

  it("shows an admin the flow's retention and oldest records, and follows a pruning pass", async () => {
    const { context, page, errors } = await pageAs(TEST_ADMIN_KEY);
    await page.goto(`${app.url}/flows/${flowId}`);
    await panel(page).getByRole('heading', { name: 'Storage and retention', level: 2 }).waitFor();
    await expect(fact(page, 'Kept for').innerText()).resolves.toBe(
      "7 days · set by this flow's retention field",
    );
    await expect(fact(page, 'Failed runs kept for').innerText()).resolves.toBe('30 days');
    await expect(fact(page, 'Oldest kept run').innerText()).resolves.toContain('9 days ago');
    await expect(fact(page, 'Pruning').innerText()).resolves.toContain('every 10 minutes');
    await panel(page).getByText('To change it, add').waitFor();

    const pruned = await api.post('/api/v1/retention/prune');
    expect(pruned.body).toMatchObject({ pruned: true, runs: 1 });
    const stats = (await api.get(`/api/v1/flows/${flowId}/stats`)).body.storage;
    expect(Date.now() - Date.parse(stats.oldestRunAt)).toBeLessThan(6 * DAY);
    await page.reload();
    await expect(fact(page, 'Oldest kept run').innerText()).resolves.toContain('5 days ago');
    await panel(page).scrollIntoViewIfNeeded();
    await panel(page).screenshot({ path: join(IMAGES, 'console-flow-storage.png') });

    await page.goto(`${app.url}/flows/${plainId}`);
    await expect(fact(page, 'Kept for').innerText()).resolves.toBe(
      "14 days · the server's default (FLOWHUB_RETENTION_DAYS)",
    );
    await expect(fact(page, 'Oldest kept run').innerText()).resolves.toBe('none kept');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the same facts, with no control and no hint to edit', async () => {
    const key = await api.post('/api/v1/api-keys', { name: 'A viewer', role: 'viewer' });
    expect(key.status).toBe(201);
    const { context, page, errors } = await pageAs(key.body.key);
    await page.goto(`${app.url}/flows/${flowId}`);
    await expect(fact(page, 'Kept for').innerText()).resolves.toContain('7 days');
    expect(await panel(page).getByRole('button').count()).toBe(0);
    expect(await panel(page).getByText('To change it, add').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
