// Page objects of the front end for the browser tests: sign-in (with a two-factor or recovery code),
// the profile's two-factor section, the point of sale, repairs and closures, the Owner's webhooks,
// driven through roles and labels as a user sees them.
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ACCOUNTS, baseUrl, closeDb, type Account } from '../support/context.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../setup/instance.ts';
import { msLeftInStep, totp } from './totp.ts';

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

/** The sign-in page, for accounts other than the demo ones (fresh accounts, two-factor codes). */
export const login = {
  /** Types the e-mail and password and submits them. */
  async submit(page: Page, email: string, password: string): Promise<void> {
    await page.goto(appUrl('/login'));
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  },
  /** Waits for the two-factor prompt after the password. */
  async codePrompt(page: Page): Promise<void> {
    await page.locator('input[name=otp]').waitFor({ timeout: 15_000 });
  },
  async withCode(page: Page, code: string): Promise<void> {
    await page.locator('input[name=otp]').fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
  },
  async withRecoveryCode(page: Page, code: string): Promise<void> {
    const field = page.locator('input[name=recovery_code]');
    if (!(await field.isVisible()))
      await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await field.fill(code);
    await page.getByRole('button', { name: 'Sign in' }).click();
  },
};

/** The current code of a secret, waiting for the next step when this one is about to expire. */
export async function freshCode(page: Page, secret: string): Promise<string> {
  if (msLeftInStep() < 5000) await page.waitForTimeout(msLeftInStep() + 200);
  return totp(secret);
}

/** Signs out through the user menu (the back office's or the till's), back to the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Profile' }).first().click();
  await page.getByRole('menuitem', { name: 'Logout' }).click();
  await page.waitForURL((url) => url.pathname.endsWith('/login'), { timeout: 30_000 });
}

/** The profile's two-factor section. */
export const twoFactor = {
  card: (page: Page) => page.getByTestId('two-factor-card'),
  /**
   * Turns it on as a user does: the password, the key shown for typing by hand (read here as the
   * authenticator app would from the QR code), a code from it; answers the key and the recovery
   * codes, shown once, after saying they are saved.
   */
  async turnOn(page: Page, password: string): Promise<{ secret: string; codes: string[] }> {
    await twoFactor.card(page).getByRole('button', { name: 'Turn on two-factor' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=two_factor_password]').fill(password);
    await dialog.getByRole('button', { name: 'Next' }).click();
    const key = dialog.getByTestId('two-factor-key');
    await key.waitFor({ timeout: 15_000 });
    await dialog.getByRole('img', { name: 'QR code for the authenticator app' }).waitFor();
    const secret = (await key.innerText()).replace(/\s/g, '');
    await dialog.locator('input[name=two_factor_code]').fill(await freshCode(page, secret));
    await dialog.getByRole('button', { name: 'Turn on', exact: true }).click();
    const codes = page.getByTestId('recovery-code');
    await codes.first().waitFor({ timeout: 15_000 });
    const shown = (await codes.allInnerTexts()).map((c) => c.trim());
    const close = page.getByRole('dialog').getByRole('button', { name: 'Close' });
    if (await close.isEnabled()) throw new Error('the codes dialog closes before they are said to be saved');
    await page.getByRole('checkbox', { name: 'I have saved them' }).check();
    await close.click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    return { secret, codes: shown };
  },
  async turnOff(page: Page, code: string): Promise<void> {
    await twoFactor.card(page).getByRole('button', { name: 'Turn off two-factor' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=code]').fill(code);
    await dialog.getByRole('button', { name: 'Turn off two-factor' }).click();
    await dialog.waitFor({ state: 'detached' });
  },
  async status(page: Page): Promise<string> {
    return (await twoFactor.card(page).getByTestId('two-factor-status').innerText()).trim();
  },
};

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
  /** Takes the exact amount in cash, charges, and answers the sale number of the receipt. */
  async chargeExact(page: Page): Promise<string> {
    await page.getByRole('button', { name: 'Exact amount' }).click();
    await page.getByTestId('charge').click();
    const receipt = page.getByTestId('receipt-dialog');
    await receipt.waitFor({ timeout: 30_000 });
    const saleNumber = /[A-Z]+-\d{4}-\d+/.exec((await receipt.textContent()) ?? '')?.[0];
    if (!saleNumber) throw new Error('the receipt shows no sale number');
    return saleNumber;
  },
};

/** How far a page scrolls sideways (0: it fits the screen's width). */
export async function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Settings › Webhooks, the Owner's. */
export const webhooks = {
  /** From the Settings page, as an Owner finds it. */
  async open(page: Page): Promise<void> {
    await page.goto(appUrl('/settings'));
    await page.getByRole('link', { name: 'Manage webhooks' }).click();
    await page.getByTestId('webhooks-page').waitFor({ timeout: 30_000 });
  },
  card: (page: Page, url: string) => page.getByTestId('webhook-card').filter({ hasText: url }),
  /**
   * Adds a webhook for some events of the catalogue and answers its secret, read from the dialog that
   * shows it once, after saying it is saved.
   */
  async create(page: Page, input: { url: string; description: string; events: string[] }): Promise<string> {
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const form = page.getByRole('dialog');
    await form.getByRole('textbox', { name: 'Address (URL)' }).fill(input.url);
    await form.getByRole('textbox', { name: 'Description' }).fill(input.description);
    // Each event's box is named by its type, then what it is ("sale.created A sale is made...").
    for (const type of input.events)
      await form.getByRole('checkbox', { name: new RegExp(`^${type.replace('.', '\\.')}`) }).check();
    await form.getByRole('button', { name: 'Create' }).click();
    const shown = page.getByTestId('webhook-secret');
    await shown.waitFor({ timeout: 15_000 });
    const secret = (await shown.innerText()).trim();
    const close = page.getByRole('dialog').getByRole('button', { name: 'Close' });
    if (await close.isEnabled()) throw new Error('the secret dialog closes before it is said to be saved');
    await page.getByRole('checkbox', { name: 'I have saved the secret' }).check();
    await close.click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    return secret;
  },
  /** One webhook's page with its delivery log, through its card. */
  async openLog(page: Page, url: string): Promise<void> {
    await webhooks.card(page, url).getByRole('link', { name: 'Delivery log' }).click();
    await page.getByTestId('delivery-log').waitFor({ timeout: 30_000 });
  },
  attempts: (page: Page) => page.getByTestId('webhook-attempt'),
};
