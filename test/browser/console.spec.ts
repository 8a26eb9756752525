import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { CONSOLE_CSP } from '../../src/console/console-static.js';
import { launchChromium, openPage, openSection, signIn, waitForCount } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');

/** What the two functions below use of the page's globals (they run in the page). */
interface PageGlobals {
  document: { querySelectorAll(selector: string): { length: number }; body: unknown };
  MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: object): void;
    disconnect(): void;
  };
  performance: {
    now(): number;
    getEntriesByType(type: 'resource'): { name: string; responseEnd: number }[];
  };
  rowsShownAt?: number;
}

/** In the page: the bytes each script took on the wire (headers included) and its sizes. */
function scriptTransfer() {
  const page = globalThis as unknown as {
    performance: {
      getEntriesByType(type: 'resource'): {
        name: string;
        transferSize: number;
        encodedBodySize: number;
        decodedBodySize: number;
      }[];
    };
  };
  return page.performance
    .getEntriesByType('resource')
    .filter((entry) => entry.name.endsWith('.js'))
    .map((entry) => ({
      bytes: entry.transferSize,
      encoded: entry.encodedBodySize,
      decoded: entry.decodedBodySize,
    }));
}

/** In the page: notes (performance.now()) when the runs table first holds `count` rows. */
function watchRowCount(count: number) {
  const page = globalThis as unknown as PageGlobals;
  const observer = new page.MutationObserver(() => {
    if (page.document.querySelectorAll('tbody tr').length < count) return;
    page.rowsShownAt = page.performance.now();
    observer.disconnect();
  });
  observer.observe(page.document.body, { childList: true, subtree: true });
}

/** In the page: ms from the end of the flow's runs response to the rows being shown. */
function renderDelay(flowId: string): number {
  const page = globalThis as unknown as PageGlobals;
  const entry = page.performance
    .getEntriesByType('resource')
    .find((e) => e.name.includes('/api/v1/runs?') && e.name.includes(flowId));
  if (page.rowsShownAt === undefined || !entry)
    throw new Error('no runs response, or the rows were not shown');
  return page.rowsShownAt - entry.responseEnd;
}
const FLOW_NAME = 'Orders to CRM';

/** Issue 18: the console in a real browser against the real app. */
describe('console in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let crm: FakeReceiver;
  let catchUrl: string;
  let firstRunId: string;

  beforeAll(async () => {
    // The CRM refuses every other call: the step's timeline shows a failed attempt, then one
    // that succeeded.
    crm = await startReceiver((request, index) =>
      request.url === '/slow'
        ? { status: 200, body: { ok: true }, delayMs: 4000 }
        : index % 2 === 0
          ? { status: 503, body: { error: 'busy' } }
          : { status: 201, body: { dealId: index } },
    );
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: FLOW_NAME,
      trigger: { type: 'webhook' },
      steps: [
        { id: 'shape', action: 'core.transform', map: "{ 'order': order, 'total': amount * 2 }" },
        {
          id: 'crm',
          action: 'http.request',
          input: { method: 'POST', url: `${crm.url}/deals` },
          retry: { attempts: 3, backoff: 'fixed', delayMs: 150 },
        },
        { id: 'summary', action: 'core.transform', map: "{ 'done': true }" },
      ],
    });
    expect(flow.status).toBe(201);
    catchUrl = flow.body.catchUrl;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await crm?.close();
  });

  const runLinks = (page: Page) => page.getByRole('link', { name: FLOW_NAME });

  it('signs in, sees a new run arrive live, reads a step and replays from it', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openSection(page, 'Runs');
    await expect(runLinks(page).count()).resolves.toBe(0);

    const caught = await postToCatch(catchUrl, JSON.stringify({ order: 'A-1001', amount: 42 }));
    expect(caught.status).toBe(202);
    await runLinks(page).first().waitFor({ timeout: 10_000 });
    for (const order of ['A-1002', 'A-1003'])
      await postToCatch(catchUrl, JSON.stringify({ order, amount: 5 }));
    await page.locator('tbody tr').nth(2).waitFor();
    await page.getByText('succeeded').nth(2).waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-runs.png') });

    await runLinks(page).last().click();
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    firstRunId = page.url().split('/').pop()!;
    const shape = page.locator('li.step', { has: page.getByRole('heading', { name: /^shape/ }) });
    await shape.getByText('succeeded', { exact: true }).waitFor();
    await shape.getByText('Output', { exact: true }).click();
    await expect(
      shape.locator('details', { hasText: 'Output' }).locator('pre').innerText(),
    ).resolves.toContain('"total": 84');
    await page.screenshot({ path: join(IMAGES, 'console-run.png'), fullPage: true });

    const summary = page.locator('li.step', {
      has: page.getByRole('heading', { name: /^summary/ }),
    });
    await summary.getByRole('button', { name: 'Replay from this step' }).click();
    await page.waitForURL(
      (url) => /\/runs\/[0-9a-f-]{36}$/.test(url.pathname) && !url.pathname.endsWith(firstRunId),
    );
    await page.getByText(`(from-step from summary)`).waitFor();
    const replayId = page.url().split('/').pop()!;
    const replayed = await api.waitForRun(replayId);
    expect(replayed).toMatchObject({
      status: 'succeeded',
      replay: { of: firstRunId, mode: 'from-step' },
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a viewer's session no Replay or Cancel button, and signs out", async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Read only', role: 'viewer' });
    expect(viewer.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, viewer.body.key, { keyboard: true });
    await page.getByText('viewer', { exact: true }).waitFor();
    await page.goto(`${app.url}/runs/${firstRunId}`);
    await page.getByRole('heading', { name: 'Steps' }).waitFor();
    await page.getByRole('heading', { name: /^shape/ }).waitFor();
    expect(await page.getByRole('button', { name: /Replay|Fresh run|Cancel/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${app.url}/sign-in`);
    expect((await api.get('/api/v1/runs')).status).toBe(200);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('sends the page back to sign in when the session ends (its key revoked)', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Soon revoked', role: 'viewer' });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, viewer.body.key);
    await openSection(page, 'Runs'); // it refreshes every 2 s
    expect((await api.delete(`/api/v1/api-keys/${viewer.body.id}`)).status).toBe(204);
    await page.waitForURL(`${app.url}/sign-in`, { timeout: 10_000 });
    await page.getByLabel('API key').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('filters by flow and status, shows 100 runs at once, and pages back with Older', async () => {
    const nightly = await api.post('/api/v1/flows', {
      name: 'Nightly sync',
      trigger: { type: 'webhook' },
      steps: [{ id: 'copy', action: 'core.transform', map: "{ 'n': n }" }],
    });
    const runIds: string[] = [];
    for (let n = 0; n < 102; n++)
      runIds.push((await postToCatch(nightly.body.catchUrl, JSON.stringify({ n }))).body.runId);
    await api.waitForRun(runIds[101]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openSection(page, 'Runs');
    await page.evaluate(watchRowCount, 100);
    await page.getByLabel('Flow').selectOption({ label: 'Nightly sync' });
    const rows = page.locator('tbody tr');
    await waitForCount(rows, 100);
    const render = await page.evaluate(renderDelay, nightly.body.id);
    // Reported, not asserted (issue 18's bar: within 200 ms of the data arriving).
    console.log(`runs page: 100 runs shown ${render.toFixed(1)} ms after their data arrived`);
    expect(render).toBeGreaterThanOrEqual(0);
    expect(await page.getByRole('link', { name: FLOW_NAME }).count()).toBe(0);
    await page.getByRole('button', { name: 'Older' }).click();
    await waitForCount(rows, 102);
    await expect(rows.last().innerText()).resolves.toContain(runIds[0]);
    expect(await page.getByRole('button', { name: 'Older' }).count()).toBe(0);
    await page.getByLabel('Status').selectOption('failed');
    await page.getByText('No run matches.').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await waitForCount(rows, 100);
    await page.getByLabel('Error code').fill('NO_SUCH_CODE');
    await page.getByText('No run matches.').waitFor();
    await page.getByLabel('Error code').fill('');
    await page.getByLabel('Body match').fill('n=57');
    await waitForCount(rows, 1);
    await expect(rows.first().innerText()).resolves.toContain(runIds[57]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('cancels a run that has not finished', async () => {
    const slow = await api.post('/api/v1/flows', {
      name: 'Slow export',
      trigger: { type: 'webhook' },
      steps: [
        { id: 'export', action: 'http.request', input: { method: 'POST', url: `${crm.url}/slow` } },
      ],
    });
    const { runId } = (await postToCatch(slow.body.catchUrl, '{}')).body;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await page.goto(`${app.url}/runs/${runId}`);
    await page.getByRole('heading', { name: 'Steps' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.locator('.facts .status', { hasText: 'cancelled' }).waitFor();
    expect((await api.get(`/api/v1/runs/${runId}`)).body.status).toBe('cancelled');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('transfers less than 250 KB of JS on the first load (compressed)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await page.goto(`${app.url}/sign-in`);
    await page.getByLabel('API key').waitFor();
    const scripts = await page.evaluate(scriptTransfer);
    const total = scripts.reduce((sum, entry) => sum + entry.bytes, 0);
    console.log(`first load: ${scripts.length} script(s), ${(total / 1024).toFixed(1)} KB sent`);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((entry) => entry.encoded < entry.decoded)).toBe(true); // compressed
    expect(total).toBeLessThan(250 * 1024);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is served by the app with its CSP, and leaves the API and webhook 404s as JSON', async () => {
    const page = await fetch(`${app.url}/runs/anything`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(await page.text()).toMatch(/<script type="module" crossorigin src="\/assets\//);
    for (const path of ['/api/v1/nope', '/webhook/nope', '/health/nope', '/nope']) {
      const response = await fetch(`${app.url}${path}`);
      expect([path, response.status]).toEqual([path, 404]);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('content-security-policy')).toBeNull();
    }
  });
});
