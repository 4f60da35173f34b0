// The back office's actions beyond the critical paths, each as the role that may act: a Supervisor
// assigns a repair's technician, takes a part from stock and messages the customer; an Owner adjusts
// a customer's points, imports devices from a CSV file (every row's result shown), attaches a receipt
// to an expense by file upload and reads a staff member's activity; a purchase order is stored by the
// Owner from the reorder page, partly received by a Supervisor on a phone (the stock rises by that
// much) and cancelled by the Owner; on a phone, a list's card swiped to the left shows its actions.
// Reports show Kiswahili column labels.
import { describe, expect, it } from 'vitest';
import { luhnCheckDigit } from '../../extensions/phone-shop/src/domain/imei.ts';
import { as, db, shopIds, userIds } from '../support/context.ts';
import { appUrl, DESKTOP, menuLabels, browserSessions, PHONE, screenshot, signIn } from './pages.ts';

const session = browserSessions(DESKTOP);

interface PurchaseOrder {
  id: number;
  reference: string;
  status: string;
  supplier: string | null;
  notes: string | null;
  lines: { product_id: number | null; quantity: number; received_quantity: number }[];
  total?: number;
}

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

  it('lets the Owner adjust points, import devices, upload a receipt and read activity', async () => {
    const { kampala } = await shopIds();
    const customer = (await db()('customers')
      .where({ shop_id: kampala })
      .orderBy('id')
      .first('id', 'loyalty_points')) as { id: number; loyalty_points: number };
    // Setup: the staff member has signed in (a line of their activity log).
    await as('kampalaStaff');
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
    ).toEqual({ n: 1 });
    await dialog.getByRole('button', { name: 'Close' }).click();

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

  it('stores a purchase order from the reorder page; a Supervisor receives part of it, the Owner cancels the rest', async () => {
    // Setup: a product the shop has none of, below its minimum, so the reorder page recommends it.
    const owner = await as('kampalaOwner');
    const supervisor = await as('kampalaSupervisor');
    const name = `PO test charger ${String(Date.now() % 1_000_000)}`;
    const product = await owner.call<{ id: number }>('POST', '/items/products', {
      name,
      category: 'Chargers & Cables',
      selling_price: 25_000,
      cost_price: 9_000,
      min_stock_level: 3,
    });
    const stock = async (): Promise<number> =>
      (
        await supervisor.call<{ stock_quantity: number }>(
          'GET',
          `/items/products/${String(product.id)}?fields=stock_quantity`,
        )
      ).stock_quantity;
    const stored = (id: number) => owner.call<PurchaseOrder>('GET', `/api/purchase-orders/${String(id)}`);
    expect(await stock()).toBe(0);

    // The Owner picks that one line on the reorder page, with a supplier and notes, and stores it.
    const { page, errors } = await session();
    await signIn(page, 'kampalaOwner');
    await page.goto(appUrl('/products'));
    await page.getByRole('link', { name: 'Reorder recommendations' }).click();
    const table = page.getByTestId('reorder-table');
    await table.getByRole('checkbox', { name }).waitFor({ timeout: 30_000 });
    await table.getByRole('checkbox', { name: 'Select all' }).uncheck();
    await table.getByRole('checkbox', { name }).check();
    await table.getByRole('spinbutton', { name }).fill('6');
    await page.locator('input[name=supplier]').fill('Kikuubo Wholesale');
    await page.locator('input[name=notes]').fill('Deliver before Friday');
    await page.getByRole('button', { name: 'Create purchase order' }).click();
    await page.waitForURL(/\/purchase-orders\/\d+\/show$/, { timeout: 30_000 });
    const orderId = Number(/\/purchase-orders\/(\d+)\/show$/.exec(page.url())?.[1]);
    const created = await stored(orderId);
    expect(created).toMatchObject({
      status: 'Ordered',
      supplier: 'Kikuubo Wholesale',
      notes: 'Deliver before Friday',
      total: 54_000,
    });
    expect(created.reference).toMatch(/^KPH-PO-\d{4}-\d{5}$/);
    expect(created.lines).toEqual([
      expect.objectContaining({ product_id: product.id, quantity: 6, received_quantity: 0 }),
    ]);
    await page.getByText(`Purchase order ${created.reference} created`).waitFor();
    await page.getByTestId('po-lines').getByText(name).waitFor();
    await page.getByTestId('po-lines').getByText('UGX 54,000').first().waitFor();
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PDF' }).click(),
    ]);
    expect(pdf.suggestedFilename()).toBe(`${created.reference}.pdf`);
    await screenshot(page, 'purchase-order-desktop');

    // A Supervisor, on a phone, opens it from the menu's list and receives 2 of the 6.
    const phone = await session(PHONE);
    await signIn(phone.page, 'kampalaSupervisor');
    await phone.page.getByRole('button', { name: 'More' }).click();
    await phone.page.getByRole('menuitem', { name: 'Purchase orders' }).click();
    const card = phone.page.getByTestId('phone-card').filter({ hasText: created.reference });
    await card.waitFor({ timeout: 30_000 });
    await card.getByText(created.reference).click();
    await phone.page.getByTestId('po-lines').getByText(name).waitFor({ timeout: 30_000 });
    // Cancelling, the PDF and the costs are the Owner's.
    for (const button of ['Cancel order', 'PDF'])
      expect(await phone.page.getByRole('button', { name: button }).count(), button).toBe(0);
    expect(await phone.page.getByText('Unit cost').count()).toBe(0);
    await phone.page.getByRole('button', { name: 'Receive delivery' }).click();
    const receive = phone.page.getByRole('dialog');
    const quantity = receive.getByRole('spinbutton', { name });
    expect(await quantity.inputValue()).toBe('6');
    const confirm = receive.getByRole('button', { name: 'Receive', exact: true });
    await quantity.fill('7');
    await receive.getByText('A whole number from 0 to 6').waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    await quantity.fill('2');
    await receive.locator('textarea[name=delivery-notes]').fill('First boxes');
    await confirm.click();
    await phone.page.getByText(`Delivery received: ${created.reference} is now Partially received`).waitFor();
    await phone.page.getByTestId('po-status').getByText('Partially received').waitFor();
    await receive.waitFor({ state: 'hidden' });
    await screenshot(phone.page, 'purchase-order-received-phone');
    expect(await stock()).toBe(2);
    expect(await stored(orderId)).toMatchObject({
      status: 'Partially Received',
      lines: [expect.objectContaining({ quantity: 6, received_quantity: 2 })],
    });

    // The Owner cancels the rest with a reason; what came stays in stock.
    await page.reload();
    await page.getByTestId('po-status').getByText('Partially received').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Cancel order' }).click();
    const cancel = page.getByRole('dialog');
    const cancelButton = cancel.getByRole('button', { name: 'Cancel order' });
    expect(await cancelButton.isDisabled()).toBe(true);
    await cancel.locator('textarea[name=cancel-reason]').fill('Supplier out of stock');
    await cancelButton.click();
    await page.getByText(`Purchase order ${created.reference} cancelled`).waitFor();
    await page.getByTestId('po-status').getByText('Cancelled').waitFor();
    for (const button of ['Receive delivery', 'Cancel order'])
      expect(await page.getByRole('button', { name: button }).count(), button).toBe(0);
    const cancelled = await stored(orderId);
    expect(cancelled.status).toBe('Cancelled');
    expect(cancelled.notes).toContain('Supplier out of stock');
    expect(await stock()).toBe(2);

    // The list, filtered by status, shows it with its total, and not an order still open.
    const open = await owner.call<PurchaseOrder>('POST', '/api/products/purchase-orders', {
      lines: [{ product_id: product.id, quantity: 1 }],
    });
    await page.goto(appUrl('/purchase-orders'));
    const rows = page.locator('tbody tr.RaDatagrid-row');
    await rows.filter({ hasText: open.reference }).waitFor({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Cancelled' }).click();
    await expect
      .poll(() => rows.allInnerTexts(), { timeout: 30_000 })
      .toEqual([expect.stringMatching(new RegExp(`${created.reference}.*Cancelled.*UGX 54,000`, 's'))]);
    await screenshot(page, 'purchase-orders-desktop');
    expect(errors).toEqual([]);
    expect(phone.errors).toEqual([]);

    // Staff have no purchase orders.
    const staff = await session();
    await signIn(staff.page, 'kampalaStaff');
    expect(await menuLabels(staff.page)).not.toContain('Purchase orders');
    await staff.page.goto(appUrl(`/purchase-orders/${String(orderId)}/show`));
    await staff.page.getByTestId('forbidden').waitFor({ timeout: 30_000 });
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
