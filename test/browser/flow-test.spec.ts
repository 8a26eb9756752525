import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { launchChromium, openPage, signIn } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');
const SHAPE_MAP = "{ 'order': order, 'total': amount * 2 }";

/** Opens the flow's page and one of its tabs ("Test", "Mapping playground"). */
async function openFlowTab(page: Page, baseUrl: string, flowId: string, tab: string) {
  await page.goto(`${baseUrl}/flows/${flowId}`);
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByRole('heading', { name: tab, level: 2, exact: true }).waitFor();
}

/** In the page: whether it scrolls sideways (wider than the viewport). */
function scrollsSideways(): boolean {
  const page = globalThis as unknown as {
    innerWidth: number;
    document: { documentElement: { scrollWidth: number } };
  };
  return page.document.documentElement.scrollWidth > page.innerWidth;
}

/** Waits until the result's run link names another run than `previous` (the live run). */
async function waitForNewRun(link: Locator, previous: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while ((await link.getAttribute('href'))?.endsWith(previous)) {
    if (Date.now() > deadline) throw new Error(`the result still shows run ${previous}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The step card of the test's result for a step id. */
const testStep = (page: Page, id: string) =>
  page.locator('.test-result li.step', {
    has: page.getByRole('heading', { name: new RegExp(`^${id}`) }),
  });

/** Issue 18: a flow's Test tab and Mapping playground, in a real browser against the real app. */
describe('flow Test panel and Mapping playground in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let erp: FakeReceiver;
  let flowId: string;
  /** The runs of the two caught requests, A-1 first. */
  const caughtRunIds: string[] = [];

  beforeAll(async () => {
    erp = await startReceiver(() => ({ status: 201, body: { accepted: true } }));
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
    const flow = await api.post('/api/v1/flows', {
      name: 'Orders to ERP',
      trigger: { type: 'webhook' },
      steps: [
        { id: 'shape', action: 'core.transform', map: SHAPE_MAP },
        {
          id: 'erp',
          action: 'http.request',
          input: { method: 'POST', url: `${erp.url}/orders` },
          map: "{ 'body': { 'order': $steps.shape.order, 'total': $steps.shape.total } }",
        },
      ],
    });
    expect(flow.status).toBe(201);
    flowId = flow.body.id;
    for (const [order, amount] of [
      ['A-1', 21],
      ['B-2', 5],
    ] as const) {
      const caught = await postToCatch(flow.body.catchUrl, JSON.stringify({ order, amount }));
      expect(caught.status).toBe(202);
      const run = await api.waitForRun(caught.body.runId);
      expect(run.status).toBe('succeeded');
      caughtRunIds.push(run.id);
    }
    expect(erp.requests).toHaveLength(2);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await erp?.close();
  });

  it('runs a past request in dry-run (the http step skipped, nothing sent), then live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openFlowTab(page, app.url!, flowId, 'Test');
    // The newest request (B-2) is picked first; the older one is picked by hand.
    await expect(page.getByRole('radio', { name: /"order":"B-2"/ }).isChecked()).resolves.toBe(
      true,
    );
    await page.getByRole('radio', { name: /"order":"A-1"/ }).check();
    await page.getByRole('button', { name: 'Run dry-run' }).click();

    const shape = testStep(page, 'shape');
    await shape.getByText('succeeded', { exact: true }).waitFor();
    await expect(
      shape.locator('details', { hasText: 'Output' }).locator('pre').innerText(),
    ).resolves.toContain('"total": 42');
    const http = testStep(page, 'erp');
    await http.getByText('skipped', { exact: true }).waitFor();
    await http.getByText(/Skipped: dry-run/).waitFor();
    const resolved = await http
      .locator('details', { hasText: 'Resolved input' })
      .locator('pre')
      .innerText();
    expect(resolved).toContain(`${erp.url}/orders`);
    expect(resolved).toContain('"order": "A-1"');
    const runLink = page.getByRole('link', { name: 'Open the full run' });
    const dryRunId = (await runLink.getAttribute('href'))!.split('/').pop()!;
    const dryRun = (await api.get(`/api/v1/runs/${dryRunId}`)).body;
    expect(dryRun).toMatchObject({ mode: 'dry-run', status: 'succeeded' });
    expect(dryRun.steps[1]).toMatchObject({ id: 'erp', status: 'skipped', reason: 'dry-run' });
    expect(erp.requests).toHaveLength(2); // the dry run sent nothing
    await page.screenshot({ path: join(IMAGES, 'console-flow-test.png'), fullPage: true });

    await page.getByRole('radio', { name: /^Live/ }).check();
    await page.getByText(/Live mode performs the side effects/).waitFor();
    await page.getByRole('button', { name: 'Run live' }).click();
    await waitForNewRun(runLink, dryRunId);
    await testStep(page, 'erp').getByText('succeeded', { exact: true }).waitFor();
    await expect(
      testStep(page, 'erp').locator('details', { hasText: 'Output' }).locator('pre').innerText(),
    ).resolves.toContain('"accepted": true');
    expect(erp.requests).toHaveLength(3); // one call, from the live run
    expect(erp.requests[2].body).toEqual({ order: 'A-1', total: 42 });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('evaluates a map as you type, shows a broken one’s error, and saves nothing', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openFlowTab(page, app.url!, flowId, 'Mapping playground');
    await page.getByText(/Nothing here is saved/).waitFor();
    const map = page.getByRole('textbox', { name: /^map/ });
    await expect(map.inputValue()).resolves.toBe(SHAPE_MAP);
    await page
      .getByRole('radio', { name: /"order":"A-1"/ })
      .last()
      .check(); // the caught one
    const result = page.getByRole('region', { name: 'Result of map' });
    await result.getByText('"total": 42').waitFor();

    await map.fill('');
    await map.pressSequentially("{ 'doubled': amount * 2, 'who': $uppercase(order) }", {
      delay: 20,
    });
    await result.getByText('"who": "A-1"').waitFor();
    await expect(result.locator('pre').innerText()).resolves.toContain('"doubled": 42');

    await map.fill("{ 'broken': amount * }");
    const alert = result.getByRole('alert');
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/syntax error at position \d+/);
    await expect(result.getByLabel(/At position \d+/).innerText()).resolves.toContain('^');

    // The http step's map, with $steps from the first caught run.
    await page.getByRole('combobox', { name: 'Step', exact: true }).selectOption('erp');
    await page.getByRole('combobox', { name: /outputs/ }).selectOption(caughtRunIds[0]);
    await result.getByText('"total": 42').waitFor();
    await expect(result.locator('pre').innerText()).resolves.toContain('"order": "A-1"');
    await page.getByRole('combobox', { name: 'Step', exact: true }).selectOption('shape');
    await map.fill("{ 'who': order, 'total': amount * 2 }");
    await result.getByText('"who": "A-1"').waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-playground.png'), fullPage: true });

    const flow = (await api.get(`/api/v1/flows/${flowId}`)).body;
    expect(flow.version).toBe(1);
    expect(flow.definition.steps[0].map).toBe(SHAPE_MAP);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the past requests and the playground, but no run button', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Looks only', role: 'viewer' });
    expect(viewer.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, viewer.body.key);
    await openFlowTab(page, app.url!, flowId, 'Test');
    await page
      .getByRole('radio', { name: /"order":"B-2"/ })
      .first()
      .waitFor();
    await page.getByText(/needs an admin key/).waitFor();
    expect(await page.getByRole('button', { name: /^Run/ }).count()).toBe(0);
    expect(await page.getByRole('radio', { name: /^Live/ }).count()).toBe(0);
    await expect(page.evaluate(scrollsSideways)).resolves.toBe(false); // a phone's width

    await page.getByRole('tab', { name: 'Mapping playground' }).click();
    const result = page.getByRole('region', { name: 'Result of map' });
    await result.locator('pre').waitFor();
    await expect(result.locator('pre').innerText()).resolves.toContain('"total"');
    await expect(page.evaluate(scrollsSideways)).resolves.toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});
