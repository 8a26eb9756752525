import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { launchChromium, openPage, openSection, signIn } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');
const SECRET = 'overview-spec-github-secret';
const sign = (body: string) => ({
  'x-hub-signature-256': `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`,
});

/** In the page: whether the page is wider than the window (a phone would scroll sideways). */
function overflowsSideways(): boolean {
  const root = (
    globalThis as unknown as {
      document: { documentElement: { scrollWidth: number; clientWidth: number } };
    }
  ).document.documentElement;
  return root.scrollWidth > root.clientWidth;
}

/** Issue 18 item 2: the overview in Chromium, against a known mix posted to catch URLs. */
describe('console overview in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let ordersId: string;

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    const orders = await api.post('/api/v1/flows', {
      name: 'Orders',
      trigger: { type: 'webhook', verify: { preset: 'github', secret: SECRET } },
      steps: [
        {
          id: 'check',
          action: 'core.transform',
          map: "fail ? $error('no customer') : { 'ok': true }",
        },
      ],
    });
    expect(orders.status).toBe(201);
    ordersId = orders.body.id;
    const healthy = await api.post('/api/v1/flows', {
      name: 'Healthy',
      trigger: { type: 'webhook' },
      steps: [{ id: 'copy', action: 'core.transform' }],
    });
    const runIds: string[] = [];
    for (const fail of [false, false, false, true, true]) {
      const body = JSON.stringify({ fail });
      const caught = await postToCatch(orders.body.catchUrl, body, 'application/json', sign(body));
      expect(caught.status).toBe(202);
      runIds.push(caught.body.runId);
    }
    runIds.push((await postToCatch(healthy.body.catchUrl, '{}')).body.runId);
    for (const id of runIds) await api.waitForRun(id);
    // Rejected: two forged signatures (counted, by reason); a wrong key is a 404 for no flow.
    const forged = { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` };
    for (let i = 0; i < 2; i++)
      expect(
        (await postToCatch(orders.body.catchUrl, '{}', 'application/json', forged)).status,
      ).toBe(401);
    const wrongKey = orders.body.catchUrl.replace(/\/[^/]+$/, '/not-the-key');
    expect((await postToCatch(wrongKey, '{}')).status).toBe(404);
    expect((await api.get(`/api/v1/flows/${ordersId}/rejections`)).body.total).toBe(2);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const figure = (page: Page, label: string) =>
    page.locator('.overview-figure', { has: page.getByText(label, { exact: true }) }).locator('dd');

  it('shows the counts, the chart and its table, rejections, and the failing flow', async () => {
    const stats = (await api.get('/api/v1/stats?window=24h')).body;
    expect(stats.requests).toEqual({ received: 8, accepted: 6, rejected: 2, duplicates: 0 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    const summary = page.getByText('6 runs finished in the last 24 hours: 4 succeeded, 2 failed.');
    await summary.waitFor();
    await expect(figure(page, 'Requests received').innerText()).resolves.toBe('8');
    await expect(figure(page, 'Accepted').innerText()).resolves.toBe('6');
    await expect(figure(page, 'Rejected').innerText()).resolves.toBe('2');
    await expect(figure(page, 'Failed').innerText()).resolves.toBe('2');
    await expect(page.locator('.overview-chart canvas').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('.overview-chart .u-legend').innerText()).resolves.toContain(
      'failed',
    );

    await page.getByText(/^The chart as a table/).click();
    const table = page.locator('.overview-table table');
    await table.waitFor();
    const cells = await table
      .locator('tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('td')].map((td) => Number(td.textContent))),
      );
    const sums = cells.reduce((a, row) => a.map((n, i) => n + row[i]), [0, 0, 0, 0]);
    expect(sums).toEqual([4, 2, 0, 0]);

    const rejections = page.getByRole('region', { name: 'Catch URL rejections by reason' });
    await expect(rejections.locator('tbody tr').innerText()).resolves.toMatch(/bad-signature\s+2/);
    const failedSteps = page.getByRole('region', { name: 'Failed steps' });
    await expect(failedSteps.locator('tbody tr').innerText()).resolves.toMatch(
      /core\.transform.*2/s,
    );

    const failing = page.getByRole('region', { name: 'Flows failing now' });
    await failing.getByRole('link', { name: 'Orders', exact: true }).waitFor();
    await expect(failing.locator('tbody tr').count()).resolves.toBe(1);
    await failing.getByText('2 of 5').waitFor();
    const issues = page.getByRole('region', { name: 'Open issues' });
    await issues.getByRole('link', { name: 'Orders · check' }).waitFor();
    await expect(issues.locator('tbody tr').count()).resolves.toBe(1);
    const latest = page.getByRole('region', { name: 'Latest failed runs' });
    await expect(latest.locator('tbody tr').count()).resolves.toBe(2);
    await page.screenshot({ path: join(IMAGES, 'console-overview.png'), fullPage: true });

    await page.getByRole('button', { name: 'Last hour' }).click();
    await page.getByText('6 runs finished in the last hour: 4 succeeded, 2 failed.').waitFor();
    await expect(
      page.getByRole('button', { name: 'Last hour' }).getAttribute('aria-pressed'),
    ).resolves.toBe('true');

    await failing.getByRole('link', { name: 'Runs of Orders' }).click();
    await page.waitForURL(`${app.url}/runs?flowId=${ordersId}`);
    await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Orders' }).first().waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("opens the failing flow's latest failed run from the overview", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    const failing = page.getByRole('region', { name: 'Flows failing now' });
    await failing.locator('tbody tr td a').click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    const run = await api.get(`/api/v1/runs/${page.url().split('/').pop()}`);
    expect(run.body).toMatchObject({ status: 'failed', flowId: ordersId });
    await openSection(page, 'Overview');
    await page.getByRole('heading', { name: 'Flows failing now' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the same overview with no write control, readable on a phone', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Read only', role: 'viewer' });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, viewer.body.key);
    await page.getByText('6 runs finished in the last 24 hours: 4 succeeded, 2 failed.').waitFor();
    await page
      .getByRole('region', { name: 'Flows failing now' })
      .getByRole('link', { name: 'Orders', exact: true })
      .waitFor();
    const buttons = await page.locator('main').getByRole('button').allInnerTexts();
    expect(buttons).toEqual(['Last hour', '24 hours', '7 days', '30 days']);
    await expect(page.evaluate(overflowsSideways)).resolves.toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
