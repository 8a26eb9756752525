import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startFakeZoho, type FakeZoho } from '../fakes/fake-zoho.js';
import { apiClient } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { launchChromium, openPage, openSection, signIn } from './browser.js';

const IMAGES = join(process.cwd(), 'docs', 'images');

/** A port nothing listens on now: the app is booted on it so FLOWHUB_PUBLIC_URL can name it. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Issue 18 item 6: connections in a real browser, with "Connect with Zoho" against the fake. */
describe('connections page in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let zoho: FakeZoho;
  let browser: Browser;
  let publicUrl: string;

  beforeAll(async () => {
    zoho = await startFakeZoho();
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    app = await bootTestApp({
      PORT: String(port),
      FLOWHUB_PUBLIC_URL: publicUrl,
      FLOWHUB_EGRESS_ALLOW_CIDRS: '127.0.0.1/32',
      FLOWHUB_EGRESS_ALLOW_HOSTS: '127.0.0.1', // the fake Zoho is a Zoho endpoint host here
    });
    api = apiClient(app.url!);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await zoho?.close();
  });

  const signedIn = async (key = TEST_ADMIN_KEY, width = 1280, height = 800) => {
    const context = await browser.newContext({ viewport: { width, height } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, key);
    await openSection(page, 'Connections');
    return { context, page, errors };
  };
  const row = (page: Page, name: string) =>
    page.locator('table.connections tbody tr', { has: page.getByRole('rowheader', { name }) });
  const lastTest = (page: Page, name: string) =>
    page.getByRole('status', { name: `Last test of ${name}` });

  it('creates a Zoho connection from its declared fields; its secrets show as "set", never their values', async () => {
    const { context, page, errors } = await signedIn();
    await page.getByRole('button', { name: 'New connection' }).click();
    await page.getByLabel('Plugin').selectOption('zoho-crm');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await page.getByText('Client ID is required.').waitFor(); // checked before anything is sent
    await page.getByLabel(/^Name/).fill('crm-main');
    await page.getByLabel(/^Client ID/).fill(zoho.oauth.clientId);
    await page.getByLabel(/^Client secret/).fill(zoho.oauth.clientSecret);
    await page.getByLabel(/^Refresh token/).fill(zoho.oauth.refreshToken);
    await page.getByLabel(/^Data center/).selectOption('eu');
    await page.getByLabel(/^Accounts URL/).fill(zoho.accountsUrl);
    await page.getByLabel(/^API domain/).fill(zoho.apiDomain);
    expect(await page.getByLabel(/^Client secret/).getAttribute('type')).toBe('password');
    await page.getByRole('button', { name: 'Create connection' }).click();
    await row(page, 'crm-main').waitFor();
    await expect(row(page, 'crm-main').innerText()).resolves.toMatch(/clientSecret\s+set/);

    const secrets = [zoho.oauth.clientSecret, zoho.oauth.refreshToken];
    const listed = await api.get('/api/v1/connections');
    const stored = listed.body.items.find((c: { name: string }) => c.name === 'crm-main');
    expect(stored).toMatchObject({ plugin: 'zoho-crm', fields: { dataCenter: 'eu' } });
    expect(stored.secretsSet).toEqual(['clientSecret', 'refreshToken']);
    for (const secret of secrets) {
      expect(JSON.stringify(listed.body)).not.toContain(secret);
      expect(await page.content()).not.toContain(secret);
    }

    await page.getByRole('button', { name: 'Test crm-main' }).click();
    await expect(
      lastTest(page, 'crm-main').getByText('ok', { exact: true }).waitFor(),
    ).resolves.toBeUndefined();

    // Edit: the secret inputs start empty and "set"; left empty they keep their value.
    await page.getByRole('button', { name: 'Edit crm-main' }).click();
    await page.getByRole('heading', { name: 'Edit crm-main' }).waitFor();
    await expect(page.getByLabel(/^Client secret/).inputValue()).resolves.toBe('');
    await page.getByLabel(/^Data center/).selectOption('us');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Edit crm-main' }).waitFor({ state: 'detached' });
    const edited = await api.get(`/api/v1/connections/${stored.id}`);
    expect(edited.body.fields.dataCenter).toBe('us');
    expect(edited.body.secretsSet).toEqual(['clientSecret', 'refreshToken']);
    await page.getByRole('button', { name: 'Test crm-main' }).click();
    await lastTest(page, 'crm-main').getByText('ok', { exact: true }).waitFor();

    // A wrong secret typed in: the test says what Zoho answered.
    await page.getByRole('button', { name: 'Edit crm-main' }).click();
    await page.getByLabel(/^Client secret/).fill('not-the-client-secret');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Edit crm-main' }).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Test crm-main' }).click();
    await lastTest(page, 'crm-main')
      .getByText(/failed: Zoho token refresh failed: invalid_client/)
      .waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('edits an http connection: moving its baseUrl asks for the token again; deletes it after a confirmation', async () => {
    const created = await api.post('/api/v1/connections', {
      name: 'erp',
      plugin: 'http',
      fields: { baseUrl: 'https://erp.example.com/api', auth: 'bearer', token: 'erp-token-123456' },
    });
    expect(created.status).toBe(201);
    const { context, page, errors } = await signedIn();
    await page.getByRole('button', { name: 'Edit erp' }).click();
    await page.getByLabel(/^Base URL/).fill('https://erp2.example.com/api');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/Type Token again/).waitFor();
    await page.getByLabel(/^Token/).fill('erp-token-654321');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Edit erp' }).waitFor({ state: 'detached' });
    expect((await api.get('/api/v1/connections/erp')).body.fields.baseUrl).toBe(
      'https://erp2.example.com/api',
    );
    expect(await page.content()).not.toContain('erp-token-654321');

    await page.getByRole('button', { name: 'Delete erp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete erp?' });
    await dialog.getByRole('button', { name: 'Delete connection' }).click();
    await row(page, 'erp').waitFor({ state: 'detached' });
    expect((await api.get('/api/v1/connections/erp')).status).toBe(404);
    expect(errors).toEqual([]);
    await context.close();
  });

  const connectWithZoho = async (page: Page, name: string, clientSecret: string) => {
    await page.getByRole('button', { name: 'Connect with Zoho' }).click();
    await page.getByRole('heading', { name: 'Connect with Zoho' }).waitFor();
    await page.getByLabel(/^Product/).selectOption('zoho-crm');
    await page.getByLabel(/^Name/).fill(name);
    await page.getByLabel(/^Client ID/).fill(zoho.oauth.clientId);
    await page.getByLabel(/^Client secret/).fill(clientSecret);
    await page.getByLabel(/^Data center/).selectOption('us');
    await page.getByText('Advanced: other servers').click();
    await page.getByLabel(/^Accounts URL/).fill(zoho.accountsUrl);
    await page.getByLabel(/^API domain/).fill(zoho.apiDomain);
    await page.getByRole('button', { name: 'Continue to Zoho' }).click();
  };

  it('connects with Zoho: to the (fake) consent page and back with the new connection', async () => {
    const { context, page, errors } = await signedIn();
    const before = zoho.oauth.authorizations.length;
    await connectWithZoho(page, 'zoho-signed-in', zoho.oauth.clientSecret);
    await page.waitForURL(`${app.url}/connections`);
    await page
      .getByRole('status')
      .filter({ hasText: 'Connected. zoho-signed-in (zoho-crm) was created' })
      .waitFor();
    expect(zoho.oauth.authorizations.length).toBe(before + 1);
    expect(zoho.oauth.authorizations.at(-1)!.redirect_uri).toBe(`${publicUrl}/oauth/callback`);
    const connection = (await api.get('/api/v1/connections/zoho-signed-in')).body;
    expect(connection.secretsSet).toEqual(['clientSecret', 'refreshToken']);
    await expect(row(page, 'zoho-signed-in').getAttribute('class')).resolves.toBe('highlight');
    expect(await page.content()).not.toContain(zoho.oauth.clientSecret);
    await page.getByRole('button', { name: 'Test zoho-signed-in' }).click();
    await lastTest(page, 'zoho-signed-in').getByText('ok', { exact: true }).waitFor();
    await page.screenshot({ path: join(IMAGES, 'console-connections.png'), fullPage: true });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('comes back from a refused sign-in with the error, and no connection', async () => {
    const { context, page, errors } = await signedIn();
    await connectWithZoho(page, 'zoho-refused', 'not-the-client-secret');
    await page.waitForURL(`${app.url}/connections`);
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'The sign-in did not create a connection' });
    await alert.waitFor();
    await expect(alert.innerText()).resolves.toMatch(/Zoho did not grant access: invalid_client/);
    expect((await api.get('/api/v1/connections/zoho-refused')).status).toBe(404);
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a viewer the connections without any create, connect, test, edit or delete button', async () => {
    const viewer = await api.post('/api/v1/api-keys', { name: 'Reader', role: 'viewer' });
    const { context, page, errors } = await signedIn(viewer.body.key, 390, 844); // a phone
    await row(page, 'crm-main').waitFor();
    await expect(row(page, 'crm-main').innerText()).resolves.toMatch(/refreshToken\s+set/);
    const buttons = page.getByRole('main').getByRole('button');
    expect(await buttons.count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
