import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's chromium, headless, without the background traffic a test has no use for. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (see .ci/run)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A page that records console errors and uncaught exceptions (a CSP refusal is one). Failed
 * requests are left out: the API's 401 before signing in is one.
 */
export async function openPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (message.type() === 'error' && !text.startsWith('Failed to load resource'))
      errors.push(text);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

/**
 * Signs in through the page's form and waits for the overview (the landing page). With `keyboard`, only keys:
 * Tab until the API key field has the focus, type, Enter.
 */
export async function signIn(
  page: Page,
  baseUrl: string,
  apiKey: string,
  { keyboard = false } = {},
): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(`${baseUrl}/sign-in`);
  const field = page.getByLabel('API key');
  if (keyboard) {
    for (
      let tabs = 0;
      tabs < 5 && !(await field.evaluate((el) => el.ownerDocument.activeElement === el));
      tabs++
    )
      await page.keyboard.press('Tab');
    await page.keyboard.type(apiKey);
    await page.keyboard.press('Enter');
  } else {
    await field.fill(apiKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await page.waitForURL(`${baseUrl}/overview`);
  await page.getByRole('heading', { name: 'Overview', level: 1 }).waitFor();
}

/** Opens a section from the main menu (Overview, Flows, Runs, Webhooks, ...) and waits for its heading. */
export async function openSection(page: Page, name: string, heading = name): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true })
    .click();
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

/** Waits until the locator matches exactly `count` elements (polled from the test side). */
export async function waitForCount(locator: Locator, count: number, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const now = await locator.count();
    if (now === count) return;
    if (Date.now() > deadline) throw new Error(`${locator} matched ${now}, not ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
