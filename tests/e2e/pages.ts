// Page objects of the front end for the browser tests: sign-in, the point of sale, repairs and
// closures, driven through roles and labels as a user sees them.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ACCOUNTS, baseUrl, closeDb, type Account } from '../support/context.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../setup/instance.ts';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 800 };

export const appUrl = (route = ''): string => `${baseUrl()}/app${route}`;

export interface Session {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** A fresh browser context (no stored session) at a viewport, in English. */
export async function openSession(browser: Browser, viewport = PHONE): Promise<Session> {
  const context = await browser.newContext({
    viewport,
    locale: 'en-GB',
    hasTouch: viewport.width < 600,
    isMobile: viewport.width < 600,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/**
 * One browser for a test file: launched before its tests; after them every session it opened is
 * closed, then `cleanup` runs (while the database client is still open), then the browser and the
 * database client close. Answers the function that opens a session (at `viewport` unless told).
 */
export function browserSessions(
  viewport = PHONE,
  cleanup?: () => Promise<void>,
): (at?: { width: number; height: number }) => Promise<Session> {
  let browser: Browser | undefined;
  const sessions: Session[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close();
    await cleanup?.();
    await browser?.close();
    await closeDb();
  });
  return async (at = viewport) => {
    if (!browser) throw new Error('the browser is not started yet');
    const opened = await openSession(browser, at);
    sessions.push(opened);
    return opened;
  };
}

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto(appUrl('/login'));
  await page.locator('input[name=email]').fill(ACCOUNTS[account]);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/login'), { timeout: 30_000 });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `app-${name}.png`), fullPage: true });
}

/** The sidebar's entries (opened on a phone through "More"). */
export async function menuLabels(page: Page): Promise<string[]> {
  const more = page.getByRole('button', { name: 'More' });
  if (await more.isVisible()) await more.click();
  const menu = page.locator('.RaMenu-open, .RaSidebar-fixed').first();
  await menu.waitFor();
  const labels = await menu.locator('a[role=menuitem]').allTextContents();
  await page.keyboard.press('Escape');
  return labels.map((l) => l.trim());
}

export const pos = {
  async open(page: Page): Promise<void> {
    await page.goto(appUrl('/pos'));
    await page.getByTestId('pos').waitFor({ timeout: 30_000 });
  },
  async searchAndAdd(page: Page, name: string): Promise<void> {
    const search = page.getByRole('textbox', { name: 'Search product or scan barcode' });
    await search.fill(name.slice(0, 6));
    await page
      .getByRole('button', { name: new RegExp(name) })
      .first()
      .click();
  },
  async scan(page: Page, barcode: string): Promise<void> {
    const search = page.getByRole('textbox', { name: 'Search product or scan barcode' });
    await search.fill(barcode);
    await search.press('Enter');
  },
};
