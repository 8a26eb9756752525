import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver } from '../support/fake-receiver.js';
import { BULK_THROTTLE } from '../../src/runs/bulk/bulk-runs.service.js';
import type { BulkThrottle } from '../../src/runs/bulk/bulk-throttle.js';
import { launchChromium, openPage, openSection, signIn } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');
const RUNS = 30;

/** Issue 19 item 6: the runs page's "Replay all matching / Cancel all matching" in Chromium. */
describe('bulk actions on the runs page in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let erp: FakeReceiver;
  let erpUp = false;
  let throttle: BulkThrottle;
  let db: DataSource;

  beforeAll(async () => {
    erp = await startReceiver(() =>
      erpUp ? { status: 200, body: { ok: true } } : { status: 500, body: { error: 'ERP down' } },
    );
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
    throttle = app.app.get(BULK_THROTTLE);
    db = app.app.get(DataSource);
    const flow = await api.post('/api/v1/flows', {
      name: 'Invoices to ERP',
      trigger: { type: 'webhook' },
      steps: [
        {
          id: 'erp',
          action: 'http.request',
          input: { method: 'POST', url: `${erp.url}/invoices` },
          retry: { attempts: 1 },
        },
      ],
    });
    expect(flow.status).toBe(201);

    const caught = await Promise.all(
      Array.from({ length: RUNS }, (_, i) =>
        postToCatch(flow.body.catchUrl, JSON.stringify({ invoice: `INV-${i}` })),
      ),
    );
    for (const { body } of caught) expect((await api.waitForRun(body.runId)).status).toBe('failed');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await erp?.close();
  });

  /** The runs page filtered on the flow's failed runs. */
  const failedRuns = async (page: Page) => {
    await openSection(page, 'Runs');
    await page.getByLabel('Flow').selectOption({ label: 'Invoices to ERP' });
    await page.getByLabel('Status').selectOption('failed');
  };
  const latestJob = async () => {
    const [row] = await db.query('SELECT id FROM bulk_jobs ORDER BY created_at DESC LIMIT 1');
    return (await api.get(`/api/v1/runs/bulk/${row.id}`)).body;
  };

  it('counts first, then replays every matching run with its progress', async () => {
    Object.assign(throttle, { batchSize: 5, pauseMs: 100, perSecond: 10 });
    erpUp = true;
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await failedRuns(page);
    await page.getByRole('button', { name: 'Replay all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay all matching runs?' });
    await dialog.getByText('Filters: flow Invoices to ERP, status failed').waitFor();
    await dialog.getByText(`${RUNS} runs match. Each is replayed once`, { exact: false }).waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-runs-bulk-confirm.png') });
    await dialog.getByRole('button', { name: 'Replay them' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const progress = page.getByRole('region', { name: 'Bulk replay' });
    await progress.getByText(/^Running: \d+ of 30 replayed/).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(IMAGES, 'console-runs-bulk.png') });
    await progress.getByText('Finished: 30 of 30 replayed').waitFor({ timeout: 30_000 });
    expect(await latestJob()).toMatchObject({ status: 'succeeded', total: RUNS, done: RUNS });
    const replays = await db.query(
      'SELECT count(DISTINCT replay_of)::int AS n, count(*)::int AS all FROM runs WHERE replay_of IS NOT NULL',
    );
    expect(replays).toEqual([{ n: RUNS, all: RUNS }]);
    await progress.getByRole('button', { name: 'Dismiss' }).click();
    await progress.waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it('stops a job with Cancel job, after its batch', async () => {
    Object.assign(throttle, { batchSize: 2, pauseMs: 300, perSecond: 4 });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await failedRuns(page);
    await page.getByRole('button', { name: 'Replay all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Replay all matching runs?' });
    await dialog.getByText(`${RUNS} runs match.`, { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Replay them' }).click();
    const progress = page.getByRole('region', { name: 'Bulk replay' });
    await progress.getByText(/^Running: [1-9]\d* of 30 replayed/).waitFor({ timeout: 15_000 });
    await page.reload(); // the page follows the same job after a reload
    await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    await progress.getByText(/^Running: [1-9]\d* of 30 replayed/).waitFor();
    await progress.getByRole('button', { name: 'Cancel job' }).click();
    await progress.getByText(/^Cancelled: \d+ of 30 replayed/).waitFor({ timeout: 15_000 });
    const job = await latestJob();
    expect(job.status).toBe('cancelled');
    expect(job.done).toBeLessThan(RUNS);
    await expect(progress.getByRole('button', { name: 'Cancel job' }).count()).resolves.toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);

  it('says so when nothing matches, and a viewer sees no bulk action (phone width)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await failedRuns(page);
    await page.getByRole('button', { name: 'Cancel all matching…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel all matching runs?' });
    await dialog.getByText(/nothing to cancel/).waitFor();
    await expect(dialog.getByRole('button', { name: 'Cancel them' }).isDisabled()).resolves.toBe(
      true,
    );
    await dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    expect(errors).toEqual([]);
    await context.close();

    const key = (await api.post('/api/v1/api-keys', { name: 'viewer', role: 'viewer' })).body.key;
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const viewer = await openPage(phone);
    await signIn(viewer.page, app.url!, key);
    await openSection(viewer.page, 'Runs');
    await viewer.page
      .getByRole('cell', { name: /Invoices to ERP/ })
      .first()
      .waitFor();
    await expect(viewer.page.getByRole('button', { name: /all matching/ }).count()).resolves.toBe(
      0,
    );
    expect(viewer.errors).toEqual([]);
    await phone.close();
  }, 60_000);
});
