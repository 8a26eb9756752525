import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { apiClient, postToCatch } from '../support/api-client.js';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { launchChromium, openPage, openSection, signIn } from './browser.js';
// @ts-expect-error: plain JS run in the page (no DOM types here)
import { activeText, clipboardText } from './in-page.mjs';

const IMAGES = join(process.cwd(), 'docs', 'images');
const FLOW_NAME = 'Orders to CRM';
const EDITOR = 'Flow definition (JSON)';

/** The first definition typed into the editor: an unknown action and a broken JSONata map. */
const BROKEN = `{
  "name": "${FLOW_NAME}",
  "trigger": { "type": "webhook" },
  "steps": [
    { "id": "shape", "action": "core.transfrom", "map": "{ 'order': order, 'total': }" }
  ]
}`;

/** Replaces the editor's whole text, as a user selecting all and pasting would. */
async function replaceText(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: EDITOR }).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

const editorText = (page: Page) => page.getByRole('textbox', { name: EDITOR }).innerText();

/** The texts the editor underlines as errors. */
const marks = (page: Page) => page.locator('.cm-lintRange-error').allInnerTexts();

/** Issue 18, the Flows pages: list, editor with inline problems, versions, actions, roles. */
describe('flows pages in Chromium', () => {
  let app: TestApp;
  let api: ReturnType<typeof apiClient>;
  let browser: Browser;
  let flowId: string;
  let catchUrl: string;

  beforeAll(async () => {
    app = await bootTestApp();
    api = apiClient(app.url!);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function adminPage(width = 1280, height = 800) {
    const context = await browser.newContext({ viewport: { width, height } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url! });
    const { page, errors } = await openPage(context);
    page.setDefaultTimeout(10_000);
    await signIn(page, app.url!, TEST_ADMIN_KEY);
    return { context, page, errors };
  }

  it('creates a flow in the editor: a syntax error is caught before sending, the server’s problems are marked at their paths and listed, fixed by keyboard, saved', async () => {
    const { context, page, errors } = await adminPage();
    await openSection(page, 'Flows');
    await page.getByRole('heading', { name: 'No flows yet' }).waitFor();
    await page.getByRole('link', { name: 'New flow' }).click();
    await page.waitForURL(`${app.url}/flows/new`);
    await expect(editorText(page)).resolves.toContain('"action": "core.transform"');

    await replaceText(page, '{ "name": "x", }');
    await page.getByRole('button', { name: 'Create flow' }).click();
    await page.getByText('Not sent: the definition is not valid JSON.').waitFor();
    await page
      .getByText(/JSON syntax error at line 1, column 16: /)
      .first()
      .waitFor();
    expect((await api.get('/api/v1/flows')).body.items).toHaveLength(0);

    await replaceText(page, BROKEN);
    await page.getByRole('button', { name: 'Create flow' }).click();
    const problems = page.getByRole('alert').filter({ hasText: 'Not saved' });
    await problems.getByText('Flowhub found 2 problems').waitFor();
    await problems
      .getByText("unknown action 'core.transfrom' (did you mean core.transform?)")
      .waitFor();
    await problems.getByText(/^JSONata syntax error at position \d+/).waitFor();
    await page.locator('.cm-lintRange-error').nth(1).waitFor();
    expect(await marks(page)).toEqual(['"core.transfrom"', `"{ 'order': order, 'total': }"`]);
    expect(await page.locator('.cm-lint-marker-error').count()).toBeGreaterThan(0);
    await page.locator('.cm-lintRange-error').first().hover();
    await page
      .locator('.cm-tooltip-lint')
      .getByText(/^steps\[0\]\.action: unknown action/)
      .waitFor();

    // Each listed problem moves the cursor to (selects) its node: typing replaces it.
    await problems.getByRole('button', { name: 'steps[0].action' }).click();
    await page.keyboard.insertText('"core.transform"');
    await problems.getByRole('button', { name: 'steps[0].map' }).click();
    await page.keyboard.insertText(`"{ 'order': order, 'total': total * 2 }"`);
    const text = await editorText(page);
    expect(text).toContain('"action": "core.transform"');
    expect(text).toContain(`"map": "{ 'order': order, 'total': total * 2 }"`);

    // Tab is not trapped: it leaves the editor for the next control, and back.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(activeText)).resolves.toBe('Create flow');
    await page.keyboard.press('Shift+Tab');
    await expect(editorText(page)).resolves.not.toContain('\t');
    await page.keyboard.press('ControlOrMeta+S'); // saves from inside the editor
    await page.waitForURL(/\/flows\/[0-9a-f-]{36}$/);
    flowId = page.url().split('/').pop()!;
    await page.getByRole('heading', { name: FLOW_NAME, level: 1 }).waitFor();
    const stored = await api.get(`/api/v1/flows/${flowId}`);
    expect(stored.body).toMatchObject({ version: 1, status: 'active' });
    expect(stored.body.definition.steps[0].action).toBe('core.transform');
    catchUrl = stored.body.catchUrl;
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists the flow, copies its catch URL, and shows a new run live with its failure rate', async () => {
    const { context, page, errors } = await adminPage();
    await page.goto(`${app.url}/flows/${flowId}`);
    const shown = await page.locator('.catch-url').innerText();
    expect(shown).toBe(catchUrl);
    await page.getByRole('button', { name: 'Copy catch URL' }).click();
    await page.getByText('Copied').waitFor();
    await expect(page.evaluate(clipboardText)).resolves.toBe(catchUrl);

    await openSection(page, 'Flows');
    const row = page.getByRole('row').filter({ hasText: FLOW_NAME });
    await row.getByText('No runs yet').waitFor();
    await expect(row.innerText()).resolves.toMatch(/active\s+1\s+No runs yet/);
    const caught = await postToCatch(shown, JSON.stringify({ order: 'A-1', total: 21 }));
    expect(caught.status).toBe(202);
    await api.waitForRun(caught.body.runId);
    await row.getByText('succeeded').waitFor({ timeout: 10_000 }); // refreshed, not reloaded
    await row.getByText('0%').waitFor();
    await row.getByRole('link').nth(1).click();
    await page.waitForURL(`${app.url}/runs/${caught.body.runId}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('marks a problem on the flow page, saves a second version, diffs it in Versions (kept in the URL)', async () => {
    const { context, page, errors } = await adminPage();
    await page.goto(`${app.url}/flows/${flowId}`);
    await page.getByRole('heading', { name: FLOW_NAME, level: 1 }).waitFor();
    const definition = (await api.get(`/api/v1/flows/${flowId}`)).body.definition;
    const next = {
      ...definition,
      steps: [
        { id: 'shape', action: 'core.transform', map: "{ 'order': order, 'total': total * 3 }" },
        { id: 'tag', action: 'core.transform', map: "{ 'note': $steps.nope.order }" },
      ],
    };
    await replaceText(page, JSON.stringify(next, null, 2));
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('refers to $steps.nope, which is not a step of this flow').waitFor();
    await page.locator('.cm-lintRange-error').first().waitFor();
    expect(await marks(page)).toEqual([`"{ 'note': $steps.nope.order }"`]);
    await page.screenshot({ path: join(IMAGES, 'console-flow.png'), fullPage: true });

    await page.getByRole('button', { name: 'steps[1].map' }).click();
    await page.keyboard.insertText(`"{ 'note': $steps.shape.order }"`);
    await page.getByRole('button', { name: 'Save as version 2' }).click();
    await page.getByText('Saved as version 2: new runs use it.').waitFor();
    await page.getByRole('button', { name: 'Save as version 3' }).waitFor();
    expect((await api.get(`/api/v1/flows/${flowId}`)).body.version).toBe(2);

    await page.getByRole('tab', { name: 'Versions' }).click();
    expect(new URL(page.url()).search).toBe('?tab=versions');
    await page
      .getByText(/^Version 1 → version 2: \d+ lines? added \(\+\), 1 removed \(−\)\.$/)
      .waitFor();
    await expect(page.locator('.diff-table del').allInnerTexts()).resolves.toEqual([
      expect.stringContaining(`total * 2`),
    ]);
    const added = await page.locator('.diff-table ins').allInnerTexts();
    expect(added.some((line) => line.includes('total * 3'))).toBe(true);
    expect(added.some((line) => line.includes('$steps.shape.order'))).toBe(true);
    await page.reload();
    await expect(
      page.getByRole('tab', { name: 'Versions' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await page.getByRole('tab', { name: 'Versions' }).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(
      page.getByRole('tab', { name: 'Definition' }).getAttribute('aria-selected'),
    ).resolves.toBe('true');
    expect(new URL(page.url()).search).toBe('');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('pauses and activates the flow, and rotates its catch key (the old URL then answers 404)', async () => {
    const { context, page, errors } = await adminPage();
    await page.goto(`${app.url}/flows/${flowId}`);
    const facts = page.locator('.facts');
    await page.getByRole('button', { name: 'Pause' }).click();
    await facts.getByText('paused', { exact: true }).waitFor();
    expect((await api.get(`/api/v1/flows/${flowId}`)).body.status).toBe('paused');
    await page.getByRole('button', { name: 'Activate' }).click();
    await facts.getByText('active', { exact: true }).waitFor();
    expect((await api.get(`/api/v1/flows/${flowId}`)).body.status).toBe('active');

    await page.getByRole('button', { name: 'Rotate catch key' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the catch key?' });
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    await page.getByText('New catch URL; the old one answers 404 from now on.').waitFor();
    const rotated = await page.locator('.catch-url').innerText();
    expect(rotated).not.toBe(catchUrl);
    expect((await postToCatch(catchUrl, '{}')).status).toBe(404);
    expect((await postToCatch(rotated, '{"order":"A-2","total":1}')).status).toBe(202);
    catchUrl = rotated;
    expect(errors).toEqual([]);
    await context.close();
  });

  it('rotates a signing secret (shown once, the old one accepted for 24 h) and deletes a flow after confirming', async () => {
    const signed = await api.post('/api/v1/flows', {
      name: 'Signed intake',
      trigger: {
        type: 'webhook',
        verify: { preset: 'static-token', secret: 'first-token-0123456789' },
      },
      steps: [{ id: 'copy', action: 'core.transform', map: "{ 'n': n }" }],
    });
    expect(signed.status).toBe(201);
    const { context, page, errors } = await adminPage();
    await page.goto(`${app.url}/flows/${signed.body.id}`);
    await page.getByRole('button', { name: 'Rotate signing secret' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the signing secret?' });
    await expect(
      dialog.getByLabel('The previous secret is still accepted').inputValue(),
    ).resolves.toBe('86400');
    await dialog.getByRole('button', { name: 'Rotate secret' }).click();
    const once = page.locator('.shown-once');
    await once.getByText('Flowhub will not show it again').waitFor();
    const secret = await once.locator('.secret-value').innerText();
    expect(secret.length).toBeGreaterThan(10);
    const stored = (await api.get(`/api/v1/flows/${signed.body.id}`)).body;
    expect(stored.verifySecrets).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toContain(secret);
    const headers = { 'x-webhook-secret': secret };
    expect(
      (await postToCatch(stored.catchUrl, '{"n":1}', 'application/json', headers)).status,
    ).toBe(202);
    await once.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByText(secret).count()).resolves.toBe(0);

    await page.getByRole('button', { name: 'Delete flow' }).click();
    await page
      .getByRole('dialog', { name: 'Delete Signed intake?' })
      .getByRole('button', { name: 'Delete flow' })
      .click();
    await page.waitForURL(`${app.url}/flows`);
    expect((await api.get(`/api/v1/flows/${signed.body.id}`)).status).toBe(404);
    await page.getByRole('link', { name: FLOW_NAME }).waitFor();
    const nightly = await api.post('/api/v1/flows', {
      name: 'Nightly stock sync',
      description: 'Paused while the warehouse moves',
      trigger: { type: 'webhook' },
      steps: [{ id: 'copy', action: 'core.transform', map: "{ 'sku': sku }" }],
    });
    await api.post(`/api/v1/flows/${nightly.body.id}/pause`);
    await page.getByRole('link', { name: 'Nightly stock sync' }).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(IMAGES, 'console-flows.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  async function signedInAs(
    role: 'viewer' | 'operator',
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const key = await api.post('/api/v1/api-keys', { name: `A ${role}`, role });
    expect(key.status).toBe(201);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, errors } = await openPage(context);
    page.setDefaultTimeout(10_000);
    await signIn(page, app.url!, key.body.key);
    return { context, page, errors };
  }

  const WRITES =
    /^(New flow|Create flow|Save as version \d+|Pause|Activate|Rotate catch key|Rotate signing secret|Delete flow)$/;

  it('shows a viewer the flows and the definition read-only, with no write control', async () => {
    const { context, page, errors } = await signedInAs('viewer');
    await openSection(page, 'Flows');
    await page.getByRole('link', { name: FLOW_NAME }).click();
    await page.getByRole('heading', { name: FLOW_NAME, level: 1 }).waitFor();
    const editor = page.getByRole('textbox', { name: EDITOR });
    await expect(editor.getAttribute('aria-readonly')).resolves.toBe('true');
    await page.getByText('Read only: your role may not change flows.').waitFor();
    expect(await page.getByRole('button', { name: WRITES }).count()).toBe(0);
    expect(await page.getByRole('link', { name: WRITES }).count()).toBe(0);
    await editor.click();
    await page.keyboard.insertText('changed');
    await expect(editorText(page)).resolves.not.toContain('changed');
    await page.getByRole('tab', { name: 'Versions' }).click();
    await page.getByRole('heading', { name: 'Versions', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: WRITES }).count()).toBe(0);
    await openSection(page, 'Flows');
    expect(await page.getByRole('link', { name: 'New flow' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows an operator Pause but no Save, Rotate or Delete', async () => {
    const { context, page, errors } = await signedInAs('operator');
    await page.goto(`${app.url}/flows/${flowId}`);
    await page.getByRole('button', { name: 'Pause' }).waitFor();
    const shown = await page.getByRole('button', { name: WRITES }).allInnerTexts();
    expect(shown).toEqual(['Pause']);
    expect(errors).toEqual([]);
    await context.close();
  });
});
