import type { Browser, Page } from 'playwright-core';
import { bootTestApp, TEST_ADMIN_KEY, type TestApp } from '../support/boot-test-app.js';
import { apiClient } from '../support/api-client.js';
import { launchChromium, openPage, signIn } from './browser.js';
// @ts-expect-error: plain JS run in the page (no DOM types here)
import { focusedElement, pageProblems } from './in-page.mjs';

/** The main menu's sections, as a user reaches them. */
const SECTIONS = [
  'Overview',
  'Flows',
  'Runs',
  'Issues',
  'Webhooks',
  'Connections',
  'Plugins',
  'API keys',
];

/** Issue 18: every page is keyboard reachable, labelled and readable at 1280x800 and 390 px. */
describe('console pages: labels, headings, widths', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await bootTestApp();
    const api = apiClient(app.url!);
    await api.post('/api/v1/flows', {
      name: 'Orders to CRM',
      trigger: { type: 'webhook' },
      steps: [{ id: 'shape', action: 'core.transform', map: "{ 'order': order }" }],
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  const visit = async (page: Page, section: string) => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: section, exact: true }).click();
    await page.locator('h1').first().waitFor();
    await page.waitForLoadState('networkidle');
  };

  it.each([
    ['desktop', 1280, 800],
    ['phone', 390, 844],
  ])(
    'every section has one h1, labelled fields, named controls, no sideways scroll (%s)',
    async (_name, width, height) => {
      const context = await browser.newContext({ viewport: { width, height } });
      const { page, errors } = await openPage(context);
      await signIn(page, app.url!, TEST_ADMIN_KEY);
      const found: Record<string, string[]> = {};
      for (const section of SECTIONS) {
        await visit(page, section);
        found[section] = (await page.evaluate(pageProblems)) as string[];
      }
      expect(found).toEqual(Object.fromEntries(SECTIONS.map((s) => [s, []])));
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('reaches every menu section with the keyboard alone, the focus visible', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const { page, errors } = await openPage(context);
    await signIn(page, app.url!, TEST_ADMIN_KEY, { keyboard: true });
    const reached: string[] = [];
    for (let tabs = 0; tabs < 20 && reached.length < SECTIONS.length; tabs++) {
      await page.keyboard.press('Tab');
      const focused: { text: string; inNav: boolean; outline: string } =
        await page.evaluate(focusedElement);
      if (focused.inNav) {
        expect([focused.text, focused.outline]).not.toEqual([focused.text, 'none']);
        reached.push(focused.text);
      }
    }
    expect(reached).toEqual(SECTIONS);
    await page.keyboard.press('Enter'); // the last one: API keys
    await page.waitForURL(`${app.url}/api-keys`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
