// Reports read closed days from their aggregates (services/reports/days.ts): every way a past day's
// sales can change must show in the next report. Each test reads a report over past days first (so
// that they are aggregated, which it checks), changes those days through one path, and reads again;
// the figures expected are computed here from the sales made, not read from the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../directus/admin-client.ts';
import {
  aggregateClosedDays,
  refreshCustomerTotals,
} from '../../extensions/phone-shop/src/services/reports/days.ts';
import { as, closeDb, db } from '../support/context.ts';
import { freshPhone, todayInKampala } from '../support/fixtures.ts';
import { freshShop, type TestShop } from '../support/shops.ts';

afterAll(closeDb);

interface Envelope<T> {
  success: boolean;
  data: T;
}
interface Report {
  rows: Record<string, string | number | boolean | null>[];
  summary?: { label: string; value: string | number | null }[];
}

// Kampala is UTC+3 all year.
const local = (day: string, time: string): Date => new Date(Date.parse(`${day}T${time}:00+03:00`));
const P1 = { price: 10_000, cost: 6_000 };
const P2 = { price: 25_000, cost: 15_000 };

let shop: TestShop;
let p1: number;
let p2: number;

async function addProduct(
  name: string,
  p: { price: number; cost: number },
  stock = 100,
  min = 2,
  category = 'Phones',
): Promise<number> {
  const [row] = (await db()('products')
    .insert({
      shop_id: shop.id,
      name,
      category,
      selling_price: p.price,
      cost_price: p.cost,
      stock_quantity: stock,
      min_stock_level: min,
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

/** A sale through the till (of any shop), then moved (with its payments) to `at`, as the other report tests do. */
async function sell(
  session: Session,
  items: { product_id: number; quantity: number }[],
  payments: { method: string; amount: number }[],
  at: Date,
  customerId?: number,
): Promise<number> {
  const sale = await session.request<Envelope<{ id: number }>>('POST', '/api/sales', {
    items,
    payments,
    ...(customerId ? { customer_id: customerId } : {}),
  });
  expect(sale.status, JSON.stringify(sale.body)).toBe(201);
  await db()('sales').where({ id: sale.body.data.id }).update({ created_at: at });
  await db()('sale_payments').where({ sale_id: sale.body.data.id }).update({ created_at: at });
  return sale.body.data.id;
}

async function report(name: string, from: string, to = from, session?: Session): Promise<Report> {
  const response = await (session ?? shop.owner).request<Envelope<Report>>(
    'GET',
    `/api/reports/${name}?from=${from}&to=${to}`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data;
}

const dayOf = async (day: string): Promise<Record<string, unknown> | undefined> =>
  (await report('sales/daily-summary', day)).rows.find((r) => r['day'] === day);

/** Whether the day is held as an aggregate (and so would go stale if nothing forgot it). */
async function aggregated(day: string, shopId = shop.id): Promise<boolean> {
  return (await db()('report_days').where({ shop_id: shopId, day }).first()) !== undefined;
}

const daysBefore = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  shop = await freshShop('Report Days Phones', 'RDP');
  p1 = await addProduct('Tecno Pop 8', P1);
  p2 = await addProduct('Infinix Hot 40', P2, 10, 20);
});

describe('a past day held as an aggregate changes when its sales do', () => {
  it('an edit of the sale (PUT /api/sales/:id)', async () => {
    const day = '2026-09-01';
    const sale = await sell(
      shop.staff,
      [{ product_id: p1, quantity: 1 }],
      [{ method: 'Cash', amount: P1.price }],
      local(day, '10:00'),
    );
    expect(await dayOf(day)).toMatchObject({ sales: 1, net: P1.price, cost: P1.cost });
    expect(await aggregated(day)).toBe(true);

    const edited = await shop.owner.request('PUT', `/api/sales/${sale}`, {
      items: [{ product_id: p1, quantity: 2 }],
      payments: [{ method: 'Cash', amount: 2 * P1.price }],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    expect(await dayOf(day)).toMatchObject({ sales: 1, net: 2 * P1.price, cost: 2 * P1.cost });
    const byProduct = await report('sales/by-product', day);
    expect(byProduct.rows.find((r) => r['product_id'] === p1)).toMatchObject({ quantity: 2 });
  });

  it('a deletion (DELETE /api/sales/:id)', async () => {
    const day = '2026-09-02';
    await sell(
      shop.staff,
      [{ product_id: p1, quantity: 1 }],
      [{ method: 'Cash', amount: P1.price }],
      local(day, '09:00'),
    );
    const second = await sell(
      shop.staff,
      [{ product_id: p2, quantity: 1 }],
      [{ method: 'Card', amount: P2.price }],
      local(day, '11:00'),
    );
    expect(await dayOf(day)).toMatchObject({ sales: 2, net: P1.price + P2.price });
    expect(await aggregated(day)).toBe(true);

    expect((await shop.owner.request('DELETE', `/api/sales/${second}`)).status).toBe(200);

    expect(await dayOf(day)).toMatchObject({ sales: 1, net: P1.price, cost: P1.cost });
    const byMethod = await report('sales/by-payment-method', day);
    expect(byMethod.rows.map((r) => r['method'])).toEqual(['Cash']);
  });

  it('a reversal of an old sale: its day keeps the sale, today takes the reversal, reorder stops counting it', async () => {
    const today = todayInKampala();
    const day = daysBefore(today, 5);
    const sale = await sell(
      shop.staff,
      [{ product_id: p2, quantity: 3 }],
      [{ method: 'Cash', amount: 3 * P2.price }],
      local(day, '12:00'),
    );
    const reorderSold = async (): Promise<unknown> =>
      (await report('inventory/reorder', daysBefore(today, 9), today)).rows.find(
        (r) => r['product_id'] === p2,
      )?.['sold_in_period'];
    expect(await reorderSold()).toBe(3);
    expect(await dayOf(day)).toMatchObject({ sales: 1, net: 3 * P2.price });
    expect(await aggregated(day)).toBe(true);

    const reversed = await shop.owner.request('POST', `/api/sales/${sale}/reverse`, { reason: 'returned' });
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);

    // The sale stays on its day (a reversal counts on its own day), and reorder counts no reversed sale.
    expect(await dayOf(day)).toMatchObject({ sales: 1, reversals: 0, net: 3 * P2.price });
    expect(await dayOf(today)).toMatchObject({ reversals: 1, returns: -3 * P2.price });
    expect(await reorderSold()).toBe(0);
  });

  it('a product deleted by its Owner in Studio: its lines become custom items, its movements go', async () => {
    const day = '2026-09-04';
    const p3 = await addProduct('Clear case', { price: 5_000, cost: 2_000 }, 100, 2, 'Accessories');
    await sell(
      shop.staff,
      [
        { product_id: p1, quantity: 1 },
        { product_id: p3, quantity: 1 },
      ],
      [{ method: 'Cash', amount: P1.price + 5_000 }],
      local(day, '15:00'),
    );
    // The ledger keeps the time a movement was written; one written on that day, as an import would.
    await db()('stock_movements').insert({
      shop_id: shop.id,
      product_id: p3,
      movement_type: 'adjustment',
      quantity: 5,
      stock_after: 105,
      created_at: local(day, '08:00'),
    });
    const profitOf = async (category: string): Promise<unknown> =>
      (await report('sales/profit', day)).rows.find((r) => r['category'] === category)?.['revenue'];
    const movements = async (): Promise<unknown> =>
      (await report('inventory/movements', day)).summary?.find((s) => s.label === 'Movements')?.value;
    expect(await profitOf('Accessories')).toBe(5_000);
    expect(await movements()).toBe(1);
    expect(await aggregated(day)).toBe(true);

    expect((await shop.owner.request('DELETE', `/items/products/${p3}`)).status).toBe(204);

    expect(await profitOf('Accessories')).toBeUndefined();
    expect(await profitOf('Custom items')).toBe(5_000);
    expect((await report('sales/by-product', day)).rows.map((r) => r['product_id'])).toEqual([p1]);
    expect(await movements()).toBe(0);
  });

  it('a customer deleted by the Owner: the sale is no longer a known customer’s', async () => {
    const day = '2026-09-05';
    const customer = await shop.owner.call<{ id: number }>('POST', '/items/customers', {
      name: 'Agnes Nambi',
      phone: freshPhone(),
    });
    await sell(
      shop.staff,
      [{ product_id: p1, quantity: 1 }],
      [{ method: 'Cash', amount: P1.price }],
      local(day, '10:00'),
      customer.id,
    );
    const patterns = async (): Promise<Report> => report('customers/purchase-patterns', day);
    const known = (r: Report): unknown =>
      r.rows.reduce((n, row) => n + Number(row['known_customer_sales']), 0);
    expect(known(await patterns())).toBe(1);
    expect((await report('customers/top', day)).rows.map((r) => r['customer_id'])).toEqual([customer.id]);
    expect(await aggregated(day)).toBe(true);

    expect((await shop.owner.request('DELETE', `/items/customers/${customer.id}`)).status).toBe(204);

    const after = await patterns();
    expect(known(after)).toBe(0);
    expect(after.summary?.find((s) => s.label === 'Customers who bought')?.value).toBe(0);
    expect((await report('customers/top', day)).rows).toEqual([]);
  });

  it('the platform admin over /items: a sale moved to another day, a payment changed, added, a line deleted', async () => {
    const day = '2026-09-06';
    const next = '2026-09-07';
    const sale = await sell(
      shop.staff,
      [{ product_id: p1, quantity: 1 }],
      [{ method: 'Cash', amount: P1.price }],
      local(day, '23:30'),
    );
    expect(await dayOf(day)).toMatchObject({ sales: 1, net: P1.price });
    expect(await dayOf(next)).toBeUndefined();
    expect(await aggregated(day)).toBe(true);
    expect(await aggregated(next)).toBe(true);
    const admin = await as('admin');

    expect(
      (await admin.request('PATCH', `/items/sales/${sale}`, { created_at: local(next, '00:30') })).status,
    ).toBe(200);
    expect(await dayOf(day)).toBeUndefined();
    expect(await dayOf(next)).toMatchObject({ sales: 1, net: P1.price });

    const payment = (await db()('sale_payments').where({ sale_id: sale }).first('id')) as { id: number };
    expect(
      (await admin.request('PATCH', `/items/sale_payments/${payment.id}`, { method: 'Card' })).status,
    ).toBe(200);
    const methods = async (): Promise<Record<string, unknown>> =>
      Object.fromEntries(
        (await report('sales/by-payment-method', next)).rows.map((r): [string, unknown] => [
          String(r['method']),
          r['net'],
        ]),
      );
    expect(await methods()).toEqual({ Card: P1.price });

    const added = await admin.request('POST', '/items/sale_payments', {
      shop_id: shop.id,
      sale_id: sale,
      method: 'MTN Mobile Money',
      amount: 500,
    });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(await methods()).toEqual({ Card: P1.price, 'MTN Mobile Money': 500 });

    const line = (await db()('sale_items').where({ sale_id: sale }).first('id')) as { id: number };
    expect((await admin.request('DELETE', `/items/sale_items/${line.id}`)).status).toBe(204);
    expect(await dayOf(next)).toMatchObject({ sales: 1, cost: 0 });
    expect((await report('sales/by-product', next)).rows).toEqual([]);
  });

  it('a sale written into a past day with SQL (an import, a correction, these tests’ own backdating)', async () => {
    const day = '2026-09-08';
    expect(await dayOf(day)).toBeUndefined();
    expect(await aggregated(day)).toBe(true);
    // Made today, then moved: the update forgets the day it lands on.
    await sell(
      shop.supervisor,
      [{ product_id: p1, quantity: 1 }],
      [{ method: 'Cash', amount: P1.price }],
      local(day, '18:00'),
    );
    expect(await dayOf(day)).toMatchObject({ sales: 1, net: P1.price });

    // Inserted straight into the past, as an import would.
    await db()('sales').insert({
      shop_id: shop.id,
      sale_number: `RDP-IMPORT-${Date.now()}`,
      total_amount: 7_000,
      final_amount: 7_000,
      payment_method: 'Cash',
      status: 'Approved',
      created_by: shop.userIds.supervisor,
      created_at: local(day, '19:00'),
    });
    expect(await dayOf(day)).toMatchObject({ sales: 2, net: P1.price + 7_000 });
  });

  it('an expense and a repair payment of a past day count there (they are read live)', async () => {
    const day = '2026-09-09';
    const line = async (key: string): Promise<unknown> =>
      (await report('financial/profit-loss', day)).rows.find((r) => r['line'] === key)?.['amount'];
    expect(await line('expenses')).toBe(0);
    const expense = await shop.supervisor.call<{ id: number }>('POST', '/api/expenses', {
      category: 'Transport',
      description: 'Boda to the supplier',
      amount: 4_000,
      payment_method: 'Cash',
      expense_date: day,
    });
    await shop.owner.call('POST', `/api/expenses/${expense.id}/approve`, {});
    expect(await line('expenses')).toBe(-4_000);
  });

  it('today is read live and never held as an aggregate', async () => {
    const today = todayInKampala();
    const before = (await dayOf(today)) ?? { sales: 0 };
    const sale = await shop.staff.request('POST', '/api/sales', {
      items: [{ product_id: p1, quantity: 1 }],
      payments: [{ method: 'Cash', amount: P1.price }],
    });
    expect(sale.status).toBe(201);
    expect(await dayOf(today)).toMatchObject({ sales: Number(before['sales']) + 1 });
    expect(await aggregated(today)).toBe(false);
  });

  it('reads that aggregate the same days at once agree, and hold each day once', async () => {
    const first = '2026-08-01';
    const last = '2026-08-10';
    for (const [i, day] of ['2026-08-02', '2026-08-05', '2026-08-09'].entries())
      await sell(
        shop.staff,
        [{ product_id: p1, quantity: i + 1 }],
        [{ method: 'Cash', amount: (i + 1) * P1.price }],
        local(day, '13:00'),
      );
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => report('sales/daily-summary', first, last)),
    );
    for (const answer of answers) expect(answer.rows).toEqual(answers[0]?.rows);
    expect(answers[0]?.rows.map((r) => [r['day'], r['net']])).toEqual([
      ['2026-08-02', P1.price],
      ['2026-08-05', 2 * P1.price],
      ['2026-08-09', 3 * P1.price],
    ]);
    const doubled = (await db()('report_sales')
      .where({ shop_id: shop.id })
      .whereBetween('day', [first, last])
      .groupBy('day', 'hour', 'seller')
      .havingRaw('count(*) > 1')
      .select('day')) as unknown[];
    expect(doubled).toEqual([]);
    expect(
      await db()('report_days')
        .where({ shop_id: shop.id })
        .whereBetween('day', [first, last])
        .count({ n: '*' })
        .first(),
    ).toEqual({
      n: 10,
    });
  });
});

describe('the background sweep (hooks/reports: at start-up and every hour)', () => {
  it('aggregates every closed day from the shop’s first sale to yesterday, never today, and the reports agree', async () => {
    const own = await freshShop('Sweep Phones', 'SWP');
    const today = todayInKampala();
    const first = daysBefore(today, 5);
    const third = daysBefore(today, 3);
    const [product] = (await db()('products')
      .insert({
        shop_id: own.id,
        name: 'Itel A70',
        category: 'Phones',
        selling_price: 12_000,
        cost_price: 8_000,
        stock_quantity: 20,
      })
      .returning('id')) as [{ id: number }];
    const saleOn = (day: string, quantity: number): Promise<number> =>
      sell(
        own.staff,
        [{ product_id: product.id, quantity }],
        [{ method: 'Cash', amount: quantity * 12_000 }],
        local(day, '12:00'),
      );
    await saleOn(first, 1);
    await saleOn(third, 2);
    await saleOn(today, 3);
    expect(await aggregated(first, own.id)).toBe(false);

    await aggregateClosedDays(db());

    const held = (await db()('report_days')
      .where({ shop_id: own.id })
      .orderBy('day')
      .select(db().raw(`to_char(day, 'YYYY-MM-DD') AS day`))) as { day: string }[];
    expect(held.map((r) => r.day)).toEqual([5, 4, 3, 2, 1].map((n) => daysBefore(today, n)));
    const summary = await own.owner.request<Envelope<Report>>(
      'GET',
      `/api/reports/sales/daily-summary?from=${first}&to=${today}`,
    );
    expect(summary.status).toBe(200);
    const byDay: Record<string, unknown> = Object.fromEntries(
      summary.body.data.rows.map((r) => [String(r['day']), r['net']]),
    );
    expect(byDay).toMatchObject({ [first]: 12_000, [third]: 24_000, [today]: 36_000 });
    // And the customer totals, through the same last closed day.
    expect(
      await db()('report_totals')
        .where({ shop_id: own.id })
        .first(db().raw(`to_char(through, 'YYYY-MM-DD') AS through`)),
    ).toEqual({ through: daysBefore(today, 1) });
  });
});

describe('customers’ lifetime value: their totals through a day, and the days after', () => {
  it('sums every day, follows changes to past days, and adds the days closed after its totals', async () => {
    const own = await freshShop('Lifetime Phones', 'LTP');
    const today = todayInKampala();
    const yesterday = daysBefore(today, 1);
    const price = 12_000;
    const [product] = (await db()('products')
      .insert({
        shop_id: own.id,
        name: 'Itel A70',
        category: 'Phones',
        selling_price: price,
        cost_price: 8_000,
        stock_quantity: 50,
      })
      .returning('id')) as [{ id: number }];
    const customer = async (name: string): Promise<number> =>
      (await own.owner.call<{ id: number }>('POST', '/items/customers', { name, phone: freshPhone() })).id;
    const amina = await customer('Amina Nakato');
    const brian = await customer('Brian Okello');
    const saleAt = (at: Date, quantity: number, customerId: number): Promise<number> =>
      sell(
        own.staff,
        [{ product_id: product.id, quantity }],
        [{ method: 'Cash', amount: quantity * price }],
        at,
        customerId,
      );
    const first = await saleAt(local(daysBefore(today, 6), '12:00'), 1, amina);
    await saleAt(local(daysBefore(today, 3), '12:00'), 2, amina);
    const brians = await saleAt(local(daysBefore(today, 4), '12:00'), 1, brian);
    await saleAt(new Date(), 1, amina);

    const lifetime = async (): Promise<Record<number, unknown>> => {
      const rows = (await report('customers/lifetime-value', today, today, own.owner)).rows;
      return Object.fromEntries(rows.map((r) => [Number(r['customer_id']), r]));
    };
    const totalsThrough = async (): Promise<string | undefined> =>
      (
        (await db()('report_totals')
          .where({ shop_id: own.id })
          .first(db().raw(`to_char(through, 'YYYY-MM-DD') AS through`))) as { through: string } | undefined
      )?.through;
    const at = (day: string): string => local(day, '12:00').toISOString();

    expect(await lifetime()).toMatchObject({
      [amina]: { purchases: 3, sales_value: 4 * price, first_purchase: at(daysBefore(today, 6)) },
      [brian]: { purchases: 1, sales_value: price, last_purchase: at(daysBefore(today, 4)) },
    });
    // The read brought the totals up to yesterday: today is read live.
    expect(await totalsThrough()).toBe(yesterday);
    expect(await aggregated(today, own.id)).toBe(false);

    // A past day changes: its day is computed again, and the totals with it.
    expect((await own.owner.request('DELETE', `/api/sales/${brians}`)).status).toBe(200);
    const edited = await own.owner.request('PUT', `/api/sales/${first}`, {
      items: [{ product_id: product.id, quantity: 3 }],
      payments: [{ method: 'Cash', amount: 3 * price }],
      customer_id: amina,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(await lifetime()).toMatchObject({
      [amina]: { purchases: 3, sales_value: 6 * price, lifetime_value: 6 * price },
      [brian]: { purchases: 0, sales_value: 0, first_purchase: null },
    });

    // Totals summed through an earlier day, as they stand when days have closed since: the read adds
    // the days after them, and brings them up to yesterday.
    await db()('report_totals').where({ shop_id: own.id }).delete();
    await refreshCustomerTotals(db(), own.id, daysBefore(today, 5));
    expect(await totalsThrough()).toBe(daysBefore(today, 5));
    expect(await lifetime()).toMatchObject({
      [amina]: { purchases: 3, sales_value: 6 * price, first_purchase: at(daysBefore(today, 6)) },
      [brian]: { purchases: 0 },
    });
    expect(await totalsThrough()).toBe(yesterday);
    expect(
      (await db()('report_customer_totals')
        .where({ shop_id: own.id })
        .orderBy('customer_id')
        .select('customer_id', 'sales', db().raw('paid::integer AS paid'))) as unknown[],
    ).toEqual([{ customer_id: amina, sales: 2, paid: 5 * price }]);
  });
});

describe('the shop’s timezone', () => {
  it('a change of timezone puts the sales on the days of the new one', async () => {
    const other = await freshShop('Timezone Phones', 'TZP');
    const [product] = (await db()('products')
      .insert({
        shop_id: other.id,
        name: 'Itel A70',
        category: 'Phones',
        selling_price: P1.price,
        cost_price: P1.cost,
        stock_quantity: 10,
        min_stock_level: 1,
      })
      .returning('id')) as [{ id: number }];
    const sale = await other.staff.request<Envelope<{ id: number }>>('POST', '/api/sales', {
      items: [{ product_id: product.id, quantity: 1 }],
      payments: [{ method: 'Cash', amount: P1.price }],
    });
    expect(sale.status).toBe(201);
    // 01:30 in Kampala on the 11th is 22:30 UTC on the 10th.
    await db()('sales')
      .where({ id: sale.body.data.id })
      .update({ created_at: local('2026-09-11', '01:30') });
    const days = async (): Promise<unknown[]> =>
      (await report('sales/daily-summary', '2026-09-10', '2026-09-11', other.owner)).rows.map(
        (r) => r['day'],
      );
    expect(await days()).toEqual(['2026-09-11']);
    expect(await aggregated('2026-09-11', other.id)).toBe(true);

    const moved = await (await as('admin')).request('PATCH', `/items/shops/${other.id}`, { timezone: 'UTC' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await days()).toEqual(['2026-09-10']);
  });
});
