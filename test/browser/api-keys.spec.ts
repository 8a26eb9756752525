import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { launchChromium, openPage, openSection, signIn } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');

/** Issue 18 item 7: API keys and the plugins catalogue in a real browser. */
describe('API keys and plugins pages in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const signedIn = async (key: string, width = 1280, height = 800) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, key);
    return { context, page, errors };
  };

  it('creates an operator key shown once, signs in with it elsewhere, and revoking it ends that session', async () => {
    const admin = await signedIn(TEST_ADMIN_KEY);
    await openSection(admin.page, 'API keys');
    await admin.page.getByRole('button', { name: 'Create key' }).click();
    await admin.page.getByText(/Name the key after what will use it/).waitFor();
    await admin.page.getByLabel(/^Name/).fill('ci-deployer');
    await admin.page.getByRole('radio', { name: /^operator/ }).check();
    await admin.page.getByRole('button', { name: 'Create key' }).click();
    const shown = admin.page.locator('.shown-once');
    await shown.waitFor();
    const key = await shown.locator('.secret-value').innerText();
    expect(key).toMatch(/^fh_/);
    await expect(shown.innerText()).resolves.toContain('Flowhub will not show it again');
    await shown.getByRole('button', { name: /^Copy/ }).waitFor();
    const listed = (await api.get('/api/v1/api-keys')).body.items;
    const created = listed.find((k: { name: string }) => k.name === 'ci-deployer');
    expect(created).toMatchObject({ role: 'operator', revokedAt: null });
    expect(JSON.stringify(listed)).not.toContain(key);
    await shown.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await admin.page.content()).not.toContain(key); // shown once: gone for good
    const keyRow = admin.page.getByRole('row', { name: /ci-deployer/ });
    await expect(keyRow.innerText()).resolves.toMatch(/operator[\s\S]*never/);
    await admin.page.screenshot({ path: join(IMAGES, 'console-api-keys.png') });

    // The key signs in elsewhere and acts as an operator.
    const other = await signedIn(key);
    await other.page.getByText('ci-deployer').waitFor();
    await other.page.getByRole('banner').getByText('operator', { exact: true }).waitFor();
    await openSection(other.page, 'Runs'); // refreshes every 2 s
    await admin.page.reload(); // the sign-in counts as a use of the key
    await keyRow.filter({ hasNotText: 'never' }).waitFor(); // last used: now

    await admin.page.getByRole('button', { name: 'Revoke ci-deployer' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Revoke ci-deployer?' });
    await expect(dialog.innerText()).resolves.toContain(
      'every console session signed in with it ends at once',
    );
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await keyRow.waitFor({ state: 'detached' });
    expect((await apiClient(app.url!, key).get('/api/v1/runs')).status).toBe(401);
    await other.page.waitForURL(`${app.url}/sign-in`, { timeout: 10_000 });
    await other.page.getByLabel('API key').waitFor();
    expect(admin.errors).toEqual([]);
    expect(other.errors).toEqual([]);
    await admin.context.close();
    await other.context.close();
  });

  it('tells an operator that only admins manage keys, and shows no key control', async () => {
    const operator = await api.post('/api/v1/api-keys', { name: 'Ops', role: 'operator' });
    const { context, page, errors } = await signedIn(operator.body.key, 390, 844);
    await openSection(page, 'API keys');
    await page.getByText('Only admins manage API keys').waitFor();
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    expect(await page.getByRole('table').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the plugins and shows an action’s input schema as a table, nested fields indented', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Reader', role: 'viewer' });
    const { context, page, errors } = await signedIn(viewer.body.key);
    await openSection(page, 'Plugins');
    for (const name of ['Core', 'HTTP', 'Zoho CRM', 'Zoho Inventory'])
      await page.getByRole('link', { name, exact: true }).waitFor();
    await expect(page.getByRole('main').innerText()).resolves.toContain('zoho-crm.createDeal');
    await page.getByRole('link', { name: 'HTTP', exact: true }).click();
    await page.waitForURL(`${app.url}/plugins/http`);
    await page.getByRole('heading', { name: 'HTTP', level: 1 }).waitFor();
    const action = page.locator('li.action-card', {
      has: page.getByRole('heading', { name: /^http\.request/ }),
    });
    const table = action.getByRole('table', { name: 'Input fields of http.request' });
    const url = table.locator('tr[data-path="url"]');
    await expect(url.innerText()).resolves.toMatch(/url\s+string\s+required/);
    await expect(table.locator('tr[data-path="method"]').innerText()).resolves.toContain(
      'One of: GET, POST, PUT, PATCH, DELETE, HEAD',
    );
    const nested = table.locator('tr[data-path="sign.secret"] th');
    await expect(nested.getAttribute('class')).resolves.toContain('depth-1');
    await expect(action.innerText()).resolves.toContain('yes: it changes something elsewhere');
    await page.getByRole('table', { name: 'Connection fields of http' }).waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-plugins.png'), fullPage: true });

    await page.goto(`${app.url}/plugins/zoho-crm`);
    const deal = page.locator('li.action-card', {
      has: page.getByRole('heading', { name: /^zoho-crm\.createDeal/ }),
    });
    await expect(deal.locator('tr[data-path="Deal_Name"]').innerText()).resolves.toContain(
      'required',
    );
    await deal.getByText('Sample output (what a dry run records)').click();
    await expect(deal.locator('details pre').innerText()).resolves.toContain('"action": "insert"');
    await page.goto(`${app.url}/plugins/nope`);
    await page.getByRole('alert').filter({ hasText: "No plugin named 'nope'" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
