import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { startReceiver, type FakeReceiver, type Reply } from '../support/fake-receiver.js';
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

/** Issue 18 item 5: the webhooks pages in a real browser against the real app. */
describe('webhooks pages in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let erp: FakeReceiver;
  let hooks: FakeReceiver;
  /** What the subscribed receiver answers (changed by the tests). */
  let answer: Reply = { status: 200, body: { received: true } };
  let catchUrl: string;
  let webhookId: string;

  beforeAll(async () => {
    erp = await startReceiver(() => ({ status: 500, body: { error: 'ERP is down' } }));
    hooks = await startReceiver(() => answer);
    app = await bootTestApp({ FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32' });
    api = apiClient(app.url!);
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
    catchUrl = flow.body.catchUrl;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await erp?.close();
    await hooks?.close();
  });

  const failARun = async () => {
    const { body } = await postToCatch(catchUrl, JSON.stringify({ invoice: 'INV-7' }));
    expect((await api.waitForRun(body.runId)).status).toBe('failed');
  };
  const delivery = (page: Page, event: string) =>
    page.locator('li.delivery', { has: page.getByRole('heading', { name: event, exact: true }) });
  const alerts = () => hooks.requests.filter((r) => r.url === '/alerts');

  it('creates a subscription after the form says what to fix', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openSection(page, 'Webhooks');
    await page.getByText('No subscription yet.').waitFor();
    await page.getByRole('button', { name: 'New subscription' }).click();
    await page.getByRole('checkbox', { name: 'run.failed' }).waitFor();
    const create = page.getByRole('button', { name: 'Create subscription' });
    await create.click();
    const url = page.getByLabel('URL', { exact: true });
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.getByText('Enter the URL Flowhub should POST events to.').waitFor();
    await page.getByText('Pick at least one event.').waitFor();
    await expect(url.evaluate((el) => el.ownerDocument.activeElement === el)).resolves.toBe(true);
    expect((await api.get('/api/v1/webhooks')).body.items).toEqual([]);

    // A private address passes the form but not the server: its message is shown.
    await url.fill('http://10.1.2.3/hook');
    await page.getByRole('checkbox', { name: 'run.failed' }).check();
    await create.click();
    await page
      .getByRole('alert')
      .filter({ hasText: /^url: / })
      .waitFor();
    await expect(url.getAttribute('aria-invalid')).resolves.toBe('true');

    await url.fill(`${hooks.url}/alerts`);
    await page.getByLabel('Description').fill('Ops alerts');
    await page.getByRole('checkbox', { name: 'webhook.test' }).check();
    await create.click();
    const secret = await page.locator('.shown-once .secret-value').innerText();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const list = (await api.get('/api/v1/webhooks')).body.items;
    expect(list).toMatchObject([
      { url: `${hooks.url}/alerts`, events: ['run.failed', 'webhook.test'], isActive: true },
    ]);
    expect(JSON.stringify(list)).not.toContain(secret);
    webhookId = list[0].id;
    await page.getByRole('button', { name: 'Done' }).click();
    await waitForCount(page.locator('.secret-value'), 0);
    await page
      .getByRole('link', { name: `${hooks.url}/alerts` })
      .first()
      .waitFor();

    // A secret typed into the form is write-only: it is sent, never shown back.
    const typed = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
    await page.getByRole('button', { name: 'New subscription' }).click();
    await url.fill(`${hooks.url}/deploys`);
    await page.getByLabel('Description').fill('Deploy notices');
    await page.getByRole('checkbox', { name: 'flow.created' }).check();
    await page.getByRole('checkbox', { name: 'flow.updated' }).check();
    await page.getByLabel('Signing secret (optional)').fill(typed);
    await page.getByLabel(/^Active/).uncheck();
    await create.click();
    await page.getByText('Deliveries are signed with the secret you gave.').waitFor();
    expect(await page.locator('.secret-value').count()).toBe(0);
    expect(await page.content()).not.toContain(typed);
    await page
      .getByRole('link', { name: `${hooks.url}/deploys` })
      .first()
      .waitFor();
    const deploys = (await api.get('/api/v1/webhooks')).body.items[0];
    expect(deploys).toMatchObject({ description: 'Deploy notices', isActive: false });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a failed run’s delivery with its request and response, redelivers it, pings and rotates', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openSection(page, 'Webhooks');
    await page.getByRole('link', { name: `${hooks.url}/alerts` }).click();
    await page.getByRole('heading', { name: 'Webhook Ops alerts', level: 1 }).waitFor();
    await page.getByText('No delivery yet.').waitFor();

    await page.getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByLabel('URL', { exact: true }).inputValue()).resolves.toBe(
      `${hooks.url}/alerts`,
    );
    expect(await page.getByLabel(/secret/i).count()).toBe(0);
    const retries = page.getByLabel('Retry after (seconds)');
    await retries.fill('0.5, soon');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText("'soon' is not a number of seconds.").waitFor();
    await retries.fill('0.5, 1');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('0.5 s, 1 s').waitFor();
    expect((await api.get(`/api/v1/webhooks/${webhookId}`)).body.retrySchedule).toEqual([0.5, 1]);

    await failARun();
    const failed = delivery(page, 'run.failed');
    await failed.waitFor({ timeout: 10_000 });
    await failed.getByText('1 attempt, last HTTP 200').waitFor();
    await failed.getByRole('button', { name: 'Show details' }).click();
    await failed.getByText('Request body (as sent and signed)').waitFor();
    await expect(failed.locator('details.json[open] pre').first().innerText()).resolves.toContain(
      '"event": "run.failed"',
    );
    await failed.getByText('Request headers').first().click();
    await expect(failed.locator('.wh-attempt').first().innerText()).resolves.toMatch(
      /webhook-signature[\s\S]*Status\s*200[\s\S]*received/,
    );
    expect(alerts()).toHaveLength(1);

    await failed.getByRole('button', { name: 'Redeliver' }).click();
    await failed.getByText('Sent again: HTTP 200').waitFor();
    await failed.getByText('2 attempts').waitFor();
    await failed.getByText('manual', { exact: true }).waitFor();
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1].headers['webhook-id']).toBe(alerts()[0].headers['webhook-id']);

    await page.getByRole('button', { name: 'Send test event' }).click();
    const result = page.locator('.wh-test');
    await result.getByText(/^Test event: HTTP 200 in/).waitFor();
    await expect(result.innerText()).resolves.toContain('"received":true');
    expect(alerts().at(-1)!.headers['x-webhook-event']).toBe('webhook.test');
    await delivery(page, 'webhook.test').waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-webhook.png'), fullPage: true });
    const eventFilter = page.getByLabel('Event', { exact: true });
    await eventFilter.selectOption('webhook.test');
    await waitForCount(page.locator('li.delivery'), 1);
    await delivery(page, 'webhook.test').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('failed');
    await page.getByText('No delivery matches.').waitFor();
    await page.getByLabel('Status', { exact: true }).selectOption('');
    await eventFilter.selectOption('');
    await waitForCount(page.locator('li.delivery'), 2);

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the signing secret?' });
    await dialog.getByLabel('Previous secret keeps signing for').selectOption('3600');
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await page.locator('.shown-once .secret-value').innerText();
    expect(rotated).toMatch(/^whsec_/);
    await page.getByText(/The previous secret keeps signing too until/).waitFor();
    const after = (await api.get(`/api/v1/webhooks/${webhookId}`)).body;
    const grace = Date.parse(after.previousSecretExpiresAt) - Date.now();
    expect(grace).toBeGreaterThan(3_500_000);
    expect(grace).toBeLessThanOrEqual(3_600_000);
    expect(JSON.stringify(after)).not.toContain(rotated);
    await page.getByRole('button', { name: 'Done' }).click();
    await waitForCount(page.locator('.secret-value'), 0);
    await page.getByText('Previous secret', { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a subscription auto-paused after failed deliveries, and re-enables it', async () => {
    answer = { status: 400, body: { error: 'bad hook' } };
    for (let n = 0; n < 5; n++) await failARun();
    await until(
      async () => (await api.get(`/api/v1/webhooks/${webhookId}`)).body,
      (w) => w.isActive === false,
    );
    answer = { status: 200, body: { received: true } };

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await openSection(page, 'Webhooks');
    const row = page.locator('tr', { hasText: `${hooks.url}/alerts` });
    await row.getByText('auto-paused', { exact: true }).waitFor();
    await row.getByText(/5 deliveries in a row failed after every retry/).waitFor();
    await row.getByText(/^HTTP 400 in/).waitFor();
    await page
      .locator('tr', { hasText: 'Deploy notices' })
      .getByText('paused', { exact: true })
      .waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-webhooks.png'), fullPage: true });

    await row.getByRole('link').click();
    await page
      .locator('.wh-banner', {
        hasText: /^Auto-paused by Flowhub on .*: 5 deliveries in a row failed/,
      })
      .waitFor();
    await page.getByRole('button', { name: 'Re-enable' }).click();
    await waitForCount(page.getByRole('button', { name: 'Re-enable' }), 0);
    await page.locator('.facts').getByText('active', { exact: true }).waitFor();
    expect((await api.get(`/api/v1/webhooks/${webhookId}`)).body).toMatchObject({
      isActive: true,
      consecutiveFailures: 0,
      disabledReason: null,
    });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the subscriptions and their log, without any write button', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Read only', role: 'viewer' });
    expect(viewer.status).toBe(201);
    await api.put(`/api/v1/webhooks/${webhookId}`, { isActive: false });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, viewer.body.key);
    await page.goto(`${app.url}/webhooks`);
    await page.getByRole('heading', { name: 'Webhooks', level: 1 }).waitFor();
    await page.getByRole('link', { name: `${hooks.url}/alerts` }).waitFor();
    expect(await page.getByRole('button', { name: 'New subscription' }).count()).toBe(0);
    await page.getByRole('link', { name: `${hooks.url}/alerts` }).click();
    await page.locator('.wh-banner', { hasText: /^Paused on / }).waitFor();
    await delivery(page, 'webhook.test').waitFor();
    await delivery(page, 'webhook.test').getByRole('button', { name: 'Show details' }).click();
    await delivery(page, 'webhook.test').locator('.wh-attempt').first().waitFor();
    const writes = /Edit|Send test event|Rotate secret|Delete|Redeliver|Re-enable/;
    expect(await page.getByRole('button', { name: writes }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
    await api.put(`/api/v1/webhooks/${webhookId}`, { isActive: true });
  });

  it('deletes a subscription only once the dialog is confirmed', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    await page.goto(`${app.url}/webhooks/${webhookId}`);
    await page.getByRole('heading', { name: 'Webhook Ops alerts', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this subscription?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await api.get(`/api/v1/webhooks/${webhookId}`)).status).toBe(200);
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete subscription' }).click();
    await page.waitForURL(`${app.url}/webhooks`);
    await page.getByRole('link', { name: `${hooks.url}/deploys` }).waitFor();
    await waitForCount(page.getByRole('link', { name: `${hooks.url}/alerts` }), 0);
    expect((await api.get(`/api/v1/webhooks/${webhookId}`)).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });
});
