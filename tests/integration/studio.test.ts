// An Owner in Directus Studio sees only its own shop: the Kampala owner's customer list shows the
// Kampala customers and none of Entebbe's, and opening an Entebbe customer by its URL shows nothing.
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, baseUrl, closeDb, db, shopIds } from '../support/context.ts';
import { ARTIFACTS, launchBrowser } from '../support/browser.ts';
import { DEMO_PASSWORD } from '../setup/instance.ts';

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${baseUrl()}/admin/login`);
  await page.fill('input[type=email]', ACCOUNTS.kampalaOwner);
  await page.fill('input[type=password]', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.waitForURL(/\/admin\/content/, { timeout: 30_000 });
});

afterAll(async () => {
  await browser.close();
  await closeDb();
});

async function customerNames(shopId: number): Promise<string[]> {
  const rows: { name: string }[] = await db()('customers')
    .where({ shop_id: shopId })
    .orderBy('id')
    .select('name');
  return rows.map((r) => r.name);
}

describe('Directus Studio as the Kampala owner', () => {
  it('lists the Kampala customers and none of Entebbe', async () => {
    const { kampala, entebbe } = await shopIds();
    await page.goto(`${baseUrl()}/admin/content/customers`);
    await page.getByText('Brian Ssemwogerere').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'studio-owner-customers.png') });
    const text = (await page.textContent('main')) ?? '';
    const kampalaNames = await customerNames(kampala);
    for (const name of kampalaNames.slice(0, 8)) expect(text).toContain(name);
    // Names other tests gave customers of both shops ("Test customer") prove nothing either way.
    const onlyEntebbe = (await customerNames(entebbe)).filter((name) => !kampalaNames.includes(name));
    expect(onlyEntebbe.length).toBeGreaterThan(0);
    for (const name of onlyEntebbe) expect(text).not.toContain(name);
  });

  it('shows nothing of an Entebbe customer opened by its URL', async () => {
    const { entebbe } = await shopIds();
    const [customer]: { id: number; name: string; phone: string }[] = await db()('customers')
      .where({ shop_id: entebbe })
      .select('id', 'name', 'phone');
    if (!customer) throw new Error('Entebbe has no customer');
    await page.goto(`${baseUrl()}/admin/content/customers/${customer.id}`);
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(ARTIFACTS, 'studio-owner-foreign-customer.png') });
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toContain(customer.name);
    expect(text).not.toContain(customer.phone);
  });

  it('offers no Entebbe data in the shops collection', async () => {
    await page.goto(`${baseUrl()}/admin/content/shops`);
    await page.getByText('Kampala Phone Hub').first().waitFor({ timeout: 30_000 });
    expect((await page.textContent('main')) ?? '').not.toContain('Entebbe Mobile Care');
  });
});
