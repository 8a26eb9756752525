import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { launchChromium, openPage, openSection, signIn, waitForCount } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');

/** Polls `read` until `done` holds (from the test side). */
async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Issue 19 items 3 and 6: a failing flow's issue on the Issues page, acted on by role. */
describe('issues page in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let erp: FakeReceiver;
  let issueId: string;
  const runIds: string[] = [];

  const fail = async (catchUrl: string, body: unknown) => {
    const caught = await postToCatch(catchUrl, JSON.stringify(body));
    expect((await api.waitForRun(caught.body.runId)).status).toBe('failed');
    return caught.body.runId as string;
  };

  beforeAll(async () => {
    erp = await startReceiver(() => ({ status: 422, body: { error: 'order refused' } }));
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Orders to ERP',
      trigger: { type: 'webhook' },
      steps: [
        { id: 'push', action: 'http.request', input: { method: 'POST', url: `${erp.url}/orders` } },
      ],
    });
    const mapping = await api.post('/api/v1/flows', {
      name: 'Invoices',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'shape',
          action: 'core.transform',
          map: '$error("invoice " & $trigger.body.n & " has no total")',
        },
      ],
    });
    expect([flow.status, mapping.status]).toEqual([201, 201]);
    await fail(mapping.body.catchUrl, { n: 1 });
    for (const order of [1, 2, 3]) runIds.push(await fail(flow.body.catchUrl, { order }));
    const issues = await until(
      async () => (await api.get(`/api/v1/issues?flowId=${flow.body.id}`)).body.items,
      (items: { id: string; count: number }[]) => items.length === 1 && items[0].count === 3,
    );
    issueId = issues[0].id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await erp?.close();
  });

  it('shows the failing flow as an issue, and an admin acknowledges it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openSection(page, 'Issues');
    const rows = page.locator('table.issues tbody tr');
    await waitForCount(rows, 2);
    const row = rows.filter({ hasText: 'Orders to ERP' });
    await expect(row.locator('.issue-count').textContent()).resolves.toBe('3');
    await expect(row.textContent()).resolves.toContain('http_422');
    await expect(row.getByRole('link', { name: /^Run / }).count()).resolves.toBe(3);
    const newest = await row.getByRole('link', { name: /^Run / }).first().getAttribute('href');
    expect(newest).toBe(`/runs/${runIds[2]}`);
    await expect(rows.filter({ hasText: 'Invoices' }).textContent()).resolves.toContain(
      'by message',
    );
    await page.screenshot({ path: join(IMAGES, 'console-issues.png'), fullPage: true });

    await row.getByRole('button', { name: 'Acknowledge: Orders to ERP, step push' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Orders to ERP · push is acknowledged now.' })
      .waitFor();
    await until(
      async () => (await api.get(`/api/v1/issues/${issueId}`)).body.status,
      (status) => status === 'acknowledged',
    );
    await row.getByText('acknowledged', { exact: true }).waitFor();
    await expect(row.getByRole('button').allTextContents()).resolves.toEqual(['Resolve', 'Ignore']);

    await page.getByLabel('Status').selectOption('open');
    await waitForCount(rows, 1);
    await expect(rows.first().textContent()).resolves.toContain('Invoices');
    await page.getByLabel('Status').selectOption('acknowledged');
    await waitForCount(rows, 1);
    await rows.first().getByRole('link', { name: 'Orders to ERP' }).click();
    await page.getByRole('heading', { level: 1, name: 'Orders to ERP · push' }).waitFor();
    await page.getByText('3 failed steps').waitFor();
    await page.getByRole('link', { name: `Run ${runIds[2]}` }).click();
    await page.waitForURL(`${app.url}/runs/${runIds[2]}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('resolves from the issue page, and the API says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await page.goto(`${app.url}/issues/${issueId}`);
    await page.getByRole('heading', { level: 1, name: 'Orders to ERP · push' }).waitFor();
    await page.getByRole('button', { name: 'Resolve: Orders to ERP, step push' }).click();
    await page.getByRole('status').filter({ hasText: 'is resolved now.' }).waitFor();
    expect((await api.get(`/api/v1/issues/${issueId}`)).body.status).toBe('resolved');
    await page.getByRole('button', { name: 'Reopen: Orders to ERP, step push' }).waitFor();

    // Every run it failed in: the runs page filtered to them, its bulk replay kept to them.
    await page.getByRole('link', { name: 'Every run it failed in' }).click();
    await page.waitForURL(`${app.url}/runs?issueId=${issueId}`);
    await waitForCount(page.locator('tbody tr'), runIds.length);
    await page.getByRole('button', { name: 'Replay all matching…' }).click();
    await page.getByText('failed as one issue').waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await page.getByRole('button', { name: 'All runs' }).click();
    await waitForCount(page.getByRole('link', { name: 'one issue' }), 0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the issues, on a phone too, without any write button', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Read only', role: 'viewer' });
    expect(viewer.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, viewer.body.key);
    await page.goto(`${app.url}/issues`);
    await page.getByRole('heading', { level: 1, name: 'Issues' }).waitFor();
    const rows = page.locator('table.issues tbody tr');
    await waitForCount(rows, 2);
    await expect(page.locator('main button, section button').count()).resolves.toBe(0);
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(390);
    await page.goto(`${app.url}/issues/${issueId}`);
    await page.getByRole('heading', { level: 1, name: 'Orders to ERP · push' }).waitFor();
    await expect(page.locator('section button').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
