// The back office's actions beyond the critical paths, each as the role that may act: a Supervisor
// assigns a repair's technician, takes a part from stock and messages the customer; an Owner adjusts
// a customer's points, imports devices from a CSV file (every row's result shown), drafts a purchase
// order, attaches a receipt to an expense by file upload and reads a staff member's activity; on a
// phone, a list's card swiped to the left shows its actions. Reports show Kiswahili column labels.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../extensions/phone-shop/src/domain/imei.ts';
import { as, closeDb, db, shopIds, userIds } from '../support/context.ts';
import { launchBrowser } from '../support/browser.ts';
import { appUrl, DESKTOP, openSession, PHONE, screenshot, signIn, type Session } from './pages.ts';

let browser: Browser;
const sessions: Session[] = [];

async function session(viewport = DESKTOP): Promise<Session> {
  const opened = await openSession(browser, viewport);
  sessions.push(opened);
  return opened;
}

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const s of sessions) await s.context.close();
  await browser.close();
  await closeDb();
});

const imei = (seed: number): string => {
  const body = `35209900${String(seed).padStart(6, '0').slice(-6)}`;
  return `${body}${String(luhnCheckDigit(body))}`;
};

describe('the back office', () => {
  it("lets a Supervisor assign a repair's technician, use a part and message the customer", async () => {
    const { kampala } = await shopIds();
    const staffId = (await userIds()).kampalaStaff;
    const supervisor = await as('kampalaSupervisor');
    const repair = await supervisor.call<{ id: number }>('POST', '/api/repairs', {
      customer: { name: 'Back Office Test', phone: '0772 456 789' },
      device: { brand: 'Tecno', model: 'Spark 20', imei_serial: imei(Date.now() % 1_000_000) },
      issue_description: 'Charging port loose',
      repair_type: 'Charging port',
      estimated_cost: 60_000,
    });
    const part = (await db()('products')
      .where({ shop_id: kampala, is_active: true })
      .where('stock_quantity', '>=', 2)
      .orderBy('id', 'desc')
      .first('id', 'name', 'stock_quantity')) as { id: number; name: string; stock_quantity: number };

    const { page, errors } = await session();
    await signIn(page, 'kampalaSupervisor');
    await page.goto(appUrl(`/repairs/${String(repair.id)}/show`));
    const actions = page.getByTestId('repair-actions');
    await actions.waitFor({ timeout: 30_000 });

    await actions.getByTestId('technician').click({ force: true });
    await page
      .getByRole('option', { name: /Staff$/ })
      .first()
      .click();
    await actions.getByRole('button', { name: 'Assign technician' }).click();
    await expect
      .poll(
        async () =>
          (
            (await db()('repairs').where({ id: repair.id }).first('technician_id')) as {
              technician_id: string | null;
            }
          ).technician_id,
      )
      .toBe(staffId);

    await actions.getByRole('button', { name: 'Add part' }).click();
    await page.locator('input[name=part-search]').fill(part.name.slice(0, 6));
    await page
      .getByRole('button', { name: new RegExp(part.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) })
      .first()
      .click();
    await page.getByRole('dialog').getByRole('button', { name: 'Add part' }).click();
    await actions.getByTestId('repair-parts').getByText(part.name).waitFor({ timeout: 30_000 });
    expect(
      ((await db()('products').where({ id: part.id }).first('stock_quantity')) as { stock_quantity: number })
        .stock_quantity,
    ).toBe(part.stock_quantity - 1);

    await actions.getByRole('button', { name: 'Notify customer' }).click();
    await page.locator('textarea[name=notify-message]').fill('Your phone is ready for pick-up.');
    await page.getByRole('dialog').getByRole('button', { name: 'Send' }).click();
    await page.getByText('The message to the customer is on its way').waitFor();
    await screenshot(page, 'repair-actions-desktop');
    expect(errors).toEqual([]);
  });

  it('lets the Owner adjust points, import devices, draft a purchase order, upload a receipt and read activity', async () => {
    const { kampala } = await shopIds();
    const customer = (await db()('customers')
      .where({ shop_id: kampala })
      .orderBy('id')
      .first('id', 'loyalty_points')) as { id: number; loyalty_points: number };
    const { page, errors } = await session();
    await signIn(page, 'kampalaOwner');

    // Loyalty points.
    await page.goto(appUrl(`/customers/${String(customer.id)}/show`));
    await page.getByRole('button', { name: 'Adjust points' }).click();
    await page.locator('input[name=points]').fill('25');
    await page.locator('input[name=reason]').fill('Apology for a late repair');
    await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
    await page.getByText(`The customer now has ${String(customer.loyalty_points + 25)} points`).waitFor();

    // Devices from a CSV file: one created, one refused with its reason.
    const good = imei((Date.now() + 7) % 1_000_000);
    await page.goto(appUrl('/devices'));
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = page.getByTestId('device-import');
    await dialog.locator('input[type=file]').setInputFiles({
      name: 'devices.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        `brand,model,imei_serial,selling_price\nTecno,Spark 20,${good},"520,000"\nSamsung,Galaxy A15,490154203237517,690000\n`,
      ),
    });
    await dialog
      .getByTestId('import-summary')
      .getByText('1 created, 0 already registered, 1 with errors, of 2 rows')
      .waitFor({ timeout: 30_000 });
    await expect.poll(() => dialog.getByTestId('import-row').count()).toBe(2);
    await screenshot(page, 'device-import-desktop');
    expect(
      await db()('devices').where({ shop_id: kampala, imei_serial: good }).count('* as n').first(),
    ).toEqual({ n: '1' });
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Reorder recommendations and a purchase order.
    await page.goto(appUrl('/purchase-orders'));
    await page
      .getByTestId('reorder-table')
      .or(page.getByText('Nothing to reorder'))
      .first()
      .waitFor({ timeout: 30_000 });
    if (await page.getByTestId('reorder-table').isVisible()) {
      await page.getByRole('button', { name: 'Draft purchase order' }).click();
      await page
        .getByTestId('purchase-order')
        .getByText(/Purchase order PO-\d{8}-\d+/)
        .waitFor();
    }

    // An expense with its receipt, uploaded from a file.
    await page.goto(appUrl('/expenses/create'));
    await page.locator('input[name=category]').fill('Transport');
    await page.getByRole('option', { name: 'Transport' }).click();
    await page.locator('input[name=amount]').fill('15000');
    await page.locator('textarea[name=description]').fill('Boda boda to the supplier');
    await page.locator('input[type=file]').setInputFiles({
      name: 'receipt.png',
      mimeType: 'image/png',
      buffer: Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      ),
    });
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/expenses\/\d+/, { timeout: 30_000 });
    const expense = (await db()('expenses')
      .where({ shop_id: kampala, description: 'Boda boda to the supplier' })
      .orderBy('id', 'desc')
      .first('id', 'receipt')) as { id: number; receipt: string | null };
    expect(expense.receipt).toMatch(/^[0-9a-f-]{36}$/);

    // A staff member's activity and performance; the month's commissions.
    const staffId = (await userIds()).kampalaStaff;
    await page.goto(appUrl(`/staff/${staffId}/show`));
    await page.getByTestId('staff-performance').getByText('Sales value').waitFor({ timeout: 30_000 });
    await page.getByTestId('staff-activity').getByRole('table').waitFor();
    await page.getByRole('button', { name: 'Reset password' }).waitFor();
    await page.goto(appUrl('/staff'));
    await page.getByTestId('commissions').getByRole('table').waitFor({ timeout: 30_000 });
    await screenshot(page, 'staff-commissions-desktop');

    // Report columns in Kiswahili.
    await page.goto(appUrl('/reports/sales'));
    await page.getByRole('columnheader', { name: 'Net sales' }).first().waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('menuitem', { name: 'Kiswahili' }).click();
    await page.getByRole('columnheader', { name: 'Mauzo halisi' }).first().waitFor();
    await screenshot(page, 'reports-kiswahili-desktop');
    await page.getByRole('button', { name: 'Kiswahili' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    expect(errors).toEqual([]);
  });

  it('shows a customer card its actions when swiped on a phone', async () => {
    const { page, errors } = await session(PHONE);
    await signIn(page, 'kampalaSupervisor');
    await page.goto(appUrl('/customers'));
    const card = page.getByTestId('phone-card').first();
    await card.waitFor({ timeout: 30_000 });
    const box = await card.boundingBox();
    if (!box) throw new Error('no card');
    // A swipe to the left, as a finger does it (touch events).
    await page.evaluate(
      ({ x, y }) => {
        const target = document.elementFromPoint(x, y);
        if (!target) return;
        const touch = (clientX: number) =>
          new Touch({ identifier: 1, target, clientX, clientY: y, pageX: clientX, pageY: y });
        const fire = (type: string, clientX: number) =>
          target.dispatchEvent(
            new TouchEvent(type, {
              bubbles: true,
              cancelable: true,
              touches: type === 'touchend' ? [] : [touch(clientX)],
              changedTouches: [touch(clientX)],
            }),
          );
        fire('touchstart', x);
        for (let step = 1; step <= 8; step += 1) fire('touchmove', x - step * 20);
        fire('touchend', x - 160);
      },
      { x: box.x + box.width - 30, y: box.y + box.height / 2 },
    );
    await page.getByRole('link', { name: 'Call' }).first().waitFor();
    await expect.poll(() => page.getByRole('link', { name: 'Edit' }).first().isVisible()).toBe(true);
    await screenshot(page, 'customers-swiped-phone');
    expect(errors).toEqual([]);
  });
});
