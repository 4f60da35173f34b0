// The till without a connection (Chromium's offline mode): search and scan from the catalogue kept on
// the phone, a sale saved with its Idempotency-Key and shown as waiting, sent when the connection
// returns and recorded once (a replay of its key answers the same sale), and a sale the server
// refuses kept for the cashier, who takes it back into the till and sells it corrected.
import { describe, expect, it } from 'vitest';
import { db, shopIds } from '../support/context.ts';
import { browserSessions, PHONE, pos, screenshot, signIn } from './pages.ts';

const session = browserSessions(PHONE);

interface Product {
  id: number;
  name: string;
  barcode: string;
  selling_price: number;
  stock_quantity: number;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function salesOf(shop: number): Promise<number> {
  const row = (await db()('sales').where({ shop_id: shop }).count('* as n').first()) as { n: string };
  return Number(row.n);
}

async function stockOf(id: number): Promise<number> {
  const row = (await db()('products').where({ id }).first('stock_quantity')) as { stock_quantity: number };
  return row.stock_quantity;
}

describe('the till offline', () => {
  it('sells without a connection, sends each sale once when it returns, and keeps a refused one to resolve', async () => {
    const { kampala } = await shopIds();
    const products = (await db()('products')
      .where({ shop_id: kampala, is_active: true })
      .whereNotNull('barcode')
      .where('stock_quantity', '>=', 1)
      .where('stock_quantity', '<=', 40)
      .orderBy('stock_quantity')
      .select('id', 'name', 'barcode', 'selling_price', 'stock_quantity')) as Product[];
    const short = products[0];
    const sold = [...products].reverse().find((p) => p.stock_quantity >= 3 && p.id !== short?.id);
    if (!short || !sold) throw new Error('the demo shop has no products to sell');
    const salesBefore = await salesOf(kampala);

    const opened = await session();
    const { context, page, errors } = opened;
    await signIn(page, 'kampalaStaff');
    await pos.open(page);
    // The till keeps the catalogue on the phone once it is drawn.
    await page.waitForFunction(() => localStorage.getItem('phone-shop.catalogue') !== null, null, {
      timeout: 30_000,
    });

    await context.setOffline(true);
    await page.getByText('Offline: changes need a connection').waitFor();

    // Search and scan answer from the phone's copy.
    const search = page.getByRole('textbox', { name: 'Search product or scan barcode' });
    await search.fill(sold.name.slice(0, 6));
    await page.getByText('Offline: from the catalogue saved on this phone').waitFor();
    await page
      .locator('.MuiList-root')
      .getByRole('button', { name: new RegExp(escape(sold.name)) })
      .click();
    await pos.scan(page, sold.barcode);
    await expect.poll(() => page.getByTestId('cart-count').textContent()).toBe('2 items');
    await page.getByRole('button', { name: 'Exact amount' }).click();
    await page.getByTestId('offline-charge-note').waitFor();
    await page.getByTestId('charge').click();
    await page.getByTestId('queued-note').waitFor();
    await screenshot(page, 'pos-offline-saved-phone');
    await page.getByRole('button', { name: 'New sale' }).click();

    // More than the stock: the server will refuse it.
    await search.fill(short.name.slice(0, 6));
    await page
      .locator('.MuiList-root')
      .getByRole('button', { name: new RegExp(escape(short.name)) })
      .click();
    for (let i = 0; i < short.stock_quantity; i += 1)
      await page.getByRole('button', { name: 'One more' }).click();
    await page.getByRole('button', { name: 'Exact amount' }).click();
    await page.getByTestId('charge').click();
    await page.getByTestId('queued-note').waitFor();
    await page.getByRole('button', { name: 'New sale' }).click();

    const pending = page.getByTestId('pending-sales');
    const pendingText = () => pending.locator('.MuiAlert-message').textContent();
    await expect.poll(pendingText).toBe('2 sales waiting to be sent');
    await screenshot(page, 'pos-offline-pending-phone');
    const queued = await page.evaluate(
      () =>
        (
          JSON.parse(localStorage.getItem('phone-shop.sale-queue') ?? '{}') as {
            sales: { key: string; body: unknown }[];
          }
        ).sales,
    );
    expect(queued).toHaveLength(2);
    const [first, second] = queued;
    if (!first || !second) throw new Error('two sales should wait');
    expect(first.key).not.toBe(second.key);
    expect(await salesOf(kampala)).toBe(salesBefore);
    expect(await stockOf(sold.id)).toBe(sold.stock_quantity);

    // The connection returns: the first is recorded, the second refused and kept.
    await context.setOffline(false);
    await expect.poll(pendingText, { timeout: 30_000 }).toBe('1 sale refused by the server');
    expect(await salesOf(kampala)).toBe(salesBefore + 1);
    expect(await stockOf(sold.id)).toBe(sold.stock_quantity - 2);
    expect(await stockOf(short.id)).toBe(short.stock_quantity);
    // The refused one saved nothing, its key included.
    const keys = (await db()('idempotency_keys')
      .where({ shop_id: kampala })
      .whereIn('key', [first.key, second.key])
      .select('key', 'resource_id')) as { key: string; resource_id: number }[];
    expect(keys.map((k) => k.key)).toEqual([first.key]);
    const recorded = (await db()('sales')
      .where({ id: keys[0]?.resource_id })
      .first('sale_number', 'final_amount')) as { sale_number: string; final_amount: number };
    expect(recorded.final_amount).toBe(2 * sold.selling_price);
    const saleNumber = recorded.sale_number;

    // Sending it again (a retry whose answer was lost) records nothing: the server answers the same sale.
    const replay = await page.evaluate(
      async ({ key, body }) => {
        const auth = JSON.parse(localStorage.getItem('phone-shop.auth') ?? '{}') as { access_token: string };
        const response = await fetch('/api/sales', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${auth.access_token}`,
            'content-type': 'application/json',
            'idempotency-key': key,
          },
          body: JSON.stringify(body),
        });
        const answer = (await response.json()) as { data: { sale_number: string } };
        return {
          status: response.status,
          replayed: response.headers.get('idempotent-replayed'),
          number: answer.data.sale_number,
        };
      },
      { key: first.key, body: first.body },
    );
    expect(replay).toEqual({ status: 201, replayed: 'true', number: saleNumber });
    expect(await salesOf(kampala)).toBe(salesBefore + 1);

    // The refused sale, with the server's reason, back into the till, one less, sold.
    await pending.getByRole('button', { name: 'Show' }).click();
    const dialog = page.getByTestId('pending-dialog');
    await dialog.getByText(`Not enough stock of ${short.name}`).waitFor();
    await dialog.getByText(saleNumber).waitFor();
    // The dialog's fade-in (225 ms), for the screenshot.
    await page.waitForTimeout(400);
    await screenshot(page, 'pos-offline-refused-phone');
    await dialog.getByRole('button', { name: 'Back into the till' }).click();
    await expect.poll(() => page.getByTestId('pending-sales').count()).toBe(0);
    await page.getByRole('button', { name: 'One less' }).click();
    await page.getByRole('button', { name: 'Exact amount' }).click();
    await page.getByTestId('charge').click();
    await page
      .getByTestId('receipt-dialog')
      .getByText(/Sale KPH-\d{4}-\d+ recorded/)
      .waitFor();
    expect(await salesOf(kampala)).toBe(salesBefore + 2);
    expect(await stockOf(short.id)).toBe(0);
    expect(errors).toEqual([]);
  });
});
