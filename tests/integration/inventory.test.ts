// Inventory through /api: the POS lookup, adjustments with a reason, low stock, the ledger, reorder
// recommendations from sales velocity, purchase orders and the preloaded catalogue.
import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionWithToken } from '../../directus/admin-client.ts';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { CATALOGUE } from '../../snapshots/seed/catalogue.ts';
import { anonymous, as, baseUrl, closeDb, db, shopIds } from '../support/context.ts';

afterAll(closeDb);

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

let kampala: number;
beforeAll(async () => {
  kampala = (await shopIds()).kampala;
});

async function product(
  stock: number,
  min = 2,
  name = `Inventory item ${randomUUID().slice(0, 8)}`,
): Promise<number> {
  const [row] = (await db()('products')
    .insert({
      shop_id: kampala,
      name,
      category: 'Audio',
      selling_price: 15_000,
      cost_price: 6_000,
      stock_quantity: stock,
      min_stock_level: min,
      barcode: randomUUID().slice(0, 13),
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

describe('POS lookup', () => {
  it('finds a product by barcode and by name prefix, in the caller’s shop only, without cost prices', async () => {
    const staff = await as('kampalaStaff');
    const kampalaProduct = (await db()('products')
      .where({ shop_id: kampala })
      .whereNotNull('barcode')
      .first()) as { id: number; barcode: string; name: string };
    const byBarcode = await staff.request<Envelope<{ id: number; cost_price?: number }[]>>(
      'GET',
      `/api/products/lookup?barcode=${kampalaProduct.barcode}`,
    );
    expect(byBarcode.body.data.map((p) => p.id)).toEqual([kampalaProduct.id]);
    expect(byBarcode.body.data[0]?.cost_price).toBeUndefined();
    const byName = await staff.request<Envelope<{ name: string }[]>>('GET', '/api/products/lookup?q=tecno');
    expect(byName.body.data.length).toBeGreaterThan(0);
    expect(byName.body.data.every((p) => p.name.toLowerCase().startsWith('tecno'))).toBe(true);
    const entebbe = (await db()('products')
      .whereNot({ shop_id: kampala })
      .whereNotNull('barcode')
      .first()) as { barcode: string };
    const foreign = await staff.request<Envelope<unknown[]>>(
      'GET',
      `/api/products/lookup?barcode=${entebbe.barcode}`,
    );
    expect(foreign.body.data).toEqual([]);
  });
});

describe('stock adjustments', () => {
  it('a Supervisor adjusts stock with a reason; the ledger and the audit log record it', async () => {
    const p = await product(5);
    const supervisor = await as('kampalaSupervisor');
    const response = await supervisor.request<Envelope<{ stock_quantity: number }>>(
      'POST',
      `/api/products/${p}/adjust`,
      { quantity: -2, reason: 'Two cracked in the display case' },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data.stock_quantity).toBe(3);
    expect(
      await db()('stock_movements').where({ product_id: p, movement_type: 'adjustment' }).first(),
    ).toMatchObject({ quantity: -2, stock_after: 3, notes: 'Two cracked in the display case' });
    expect(
      await db()('audit_logs')
        .where({ entity_type: 'products', entity_id: String(p), action: 'adjust_stock' })
        .first(),
    ).toBeDefined();
  });

  it('refuses an adjustment without a reason, one below zero, and one by Staff', async () => {
    const p = await product(1);
    const owner = await as('kampalaOwner');
    const noReason = await owner.request<Envelope<unknown>>('POST', `/api/products/${p}/adjust`, {
      quantity: 3,
    });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error?.details ?? {})).toEqual(['reason']);
    const belowZero = await owner.request<Envelope<unknown>>('POST', `/api/products/${p}/adjust`, {
      quantity: -2,
      reason: 'Stock count',
    });
    expect(belowZero.status).toBe(409);
    expect(belowZero.body.error?.code).toBe('INSUFFICIENT_STOCK');
    const staff = await (
      await as('kampalaStaff')
    ).request('POST', `/api/products/${p}/adjust`, { quantity: 1, reason: 'Found one' });
    expect(staff.status).toBe(403);
    expect(
      ((await db()('products').where({ id: p }).first()) as { stock_quantity: number }).stock_quantity,
    ).toBe(1);
  });

  it('stock_quantity cannot be edited directly through /items', async () => {
    const p = await product(4);
    const response = await (
      await as('kampalaOwner')
    ).request('PATCH', `/items/products/${p}`, { stock_quantity: 400 });
    expect(response.status).toBe(403);
    expect(
      ((await db()('products').where({ id: p }).first()) as { stock_quantity: number }).stock_quantity,
    ).toBe(4);
  });

  it('lists low-stock products and the stock ledger', async () => {
    const low = await product(1, 3);
    const owner = await as('kampalaOwner');
    const list = await owner.request<
      Envelope<{ id: number; stock_quantity: number; min_stock_level: number }[]>
    >('GET', '/api/products/low-stock');
    expect(list.body.data.map((p) => p.id)).toContain(low);
    expect(list.body.data.every((p) => p.stock_quantity <= p.min_stock_level)).toBe(true);
    await owner.request('POST', `/api/products/${low}/adjust`, {
      quantity: 5,
      reason: 'Delivery from the supplier',
    });
    const ledger = await owner.request<Envelope<{ product_id: number; quantity: number }[]>>(
      'GET',
      `/api/stock-movements?product_id=${low}`,
    );
    expect(ledger.body.data).toEqual([expect.objectContaining({ product_id: low, quantity: 5 })]);
    expect((await (await as('kampalaStaff')).request('GET', '/api/stock-movements')).status).toBe(403);
  });
});

describe('reordering', () => {
  it('recommends what covers lead time and target cover at the recent sales rate', async () => {
    const p = await product(3, 1);
    const staff = await as('kampalaStaff');
    for (let i = 0; i < 3; i++) {
      const sold = await staff.request('POST', '/api/sales', {
        items: [{ product_id: p, quantity: 1 }],
        payments: [{ method: 'Cash', amount: 15_000 }],
      });
      expect(sold.status).toBe(201);
    }
    const owner = await as('kampalaOwner');
    const response = await owner.request<
      Envelope<
        { product_id: number; sold_in_period: number; recommended_quantity: number; stock_quantity: number }[]
      >
    >('GET', '/api/products/reorder-recommendations?days=30&lead_days=7&cover_days=30');
    const line = response.body.data.find((r) => r.product_id === p);
    // 3 sold in 30 days = 0.1 a day; 37 days of need = 3.7 -> 4, none on the shelf: order 4.
    expect(line).toMatchObject({ sold_in_period: 3, stock_quantity: 0, recommended_quantity: 4 });
    const order = await owner.request<
      Envelope<{
        lines: { product_id: number; quantity: number; unit_cost: number; total: number }[];
        total: number;
      }>
    >('POST', '/api/products/purchase-orders', { lines: [{ product_id: p, quantity: 4 }] });
    expect(order.status).toBe(201);
    expect(order.body.data.lines).toEqual([
      expect.objectContaining({ product_id: p, quantity: 4, unit_cost: 6_000, total: 24_000 }),
    ]);
    expect(order.body.data.total).toBe(24_000);
    expect(
      (await (await as('kampalaSupervisor')).request('POST', '/api/products/purchase-orders', {})).status,
    ).toBe(403);
  });
});

async function stockOf(productId: number): Promise<number> {
  const row: { stock_quantity: number } = await db()('products')
    .where({ id: productId })
    .first('stock_quantity');
  return row.stock_quantity;
}

interface Order {
  id: number;
  reference: string;
  status: string;
  supplier: string | null;
  lines: { product_id: number; quantity: number; received_quantity: number; unit_cost?: number }[];
  total?: number;
}

describe('purchase orders', () => {
  it('an Owner orders, a Supervisor receives two deliveries, stock comes in through the ledger', async () => {
    const a = await product(1, 2);
    const b = await product(0, 2);
    const owner = await as('kampalaOwner');
    const created = await owner.request<Envelope<Order>>('POST', '/api/products/purchase-orders', {
      supplier: 'Kikuubo Wholesale',
      lines: [
        { product_id: a, quantity: 10 },
        { product_id: b, quantity: 4 },
      ],
    });
    expect(created.status).toBe(201);
    const order = created.body.data;
    expect(order).toMatchObject({ status: 'Ordered', supplier: 'Kikuubo Wholesale', total: 84_000 });
    expect(order.reference).toMatch(/^KPH-PO-\d{4}-\d{5}$/);
    expect(await stockOf(a)).toBe(1);

    const supervisor = await as('kampalaSupervisor');
    const seen = await supervisor.request<Envelope<Order>>('GET', `/api/purchase-orders/${order.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.data.total).toBeUndefined();
    expect(seen.body.data.lines.every((l) => l.unit_cost === undefined)).toBe(true);

    const first = await supervisor.request<Envelope<Order>>(
      'POST',
      `/api/purchase-orders/${order.id}/receive`,
      {
        lines: [{ product_id: a, quantity: 6 }],
        notes: 'first boxes',
      },
    );
    expect(first.status).toBe(200);
    expect(first.body.data.status).toBe('Partially Received');
    expect(await stockOf(a)).toBe(7);

    const tooMany = await supervisor.request<Envelope<Order>>(
      'POST',
      `/api/purchase-orders/${order.id}/receive`,
      {
        lines: [{ product_id: a, quantity: 5 }],
      },
    );
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body.error?.details ?? {})).toEqual([`lines.${a}`]);
    expect(await stockOf(a)).toBe(7);

    const rest = await supervisor.request<Envelope<Order>>(
      'POST',
      `/api/purchase-orders/${order.id}/receive`,
      {},
    );
    expect(rest.body.data.status).toBe('Received');
    expect(rest.body.data.lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ product_id: a, quantity: 10, received_quantity: 10 }),
        expect.objectContaining({ product_id: b, quantity: 4, received_quantity: 4 }),
      ]),
    );
    expect(await stockOf(a)).toBe(11);
    expect(await stockOf(b)).toBe(4);
    const movements = (await db()('stock_movements')
      .where({ reference_type: 'purchase_order', reference_id: order.id })
      .orderBy('id')) as { product_id: number; movement_type: string; quantity: number }[];
    expect(movements.map((m) => [m.product_id, m.movement_type, m.quantity])).toEqual([
      [a, 'purchase', 6],
      [a, 'purchase', 4],
      [b, 'purchase', 4],
    ]);

    const pdf = await fetch(`${baseUrl()}/api/purchase-orders/${order.id}/pdf`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await pdf.arrayBuffer())), {
      mergePages: true,
    });
    for (const expected of [
      'PURCHASE ORDER',
      order.reference,
      'Kikuubo Wholesale',
      'UGX 60,000',
      'UGX 84,000',
    ])
      expect(text).toContain(expected);
    const costsHidden = await fetch(`${baseUrl()}/api/purchase-orders/${order.id}/pdf`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(costsHidden.status).toBe(403);

    const again = await supervisor.request<Envelope<Order>>(
      'POST',
      `/api/purchase-orders/${order.id}/receive`,
      {},
    );
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('PURCHASE_ORDER_STATE');
    const audit = await db()('audit_logs').where({
      entity_type: 'purchase_orders',
      entity_id: String(order.id),
    });
    expect(audit.map((r: { action: string }) => r.action).sort()).toEqual(['create', 'receive', 'receive']);
  });

  it('orders the recommendations when no lines are given; cancels what has not come', async () => {
    const p = await product(0, 3);
    const owner = await as('kampalaOwner');
    const created = await owner.request<Envelope<Order>>('POST', '/api/products/purchase-orders', {});
    expect(created.status).toBe(201);
    expect(created.body.data.lines).toEqual(
      expect.arrayContaining([expect.objectContaining({ product_id: p, quantity: 4 })]),
    );
    const list = await owner.request<Envelope<Order[]>>('GET', '/api/purchase-orders?status=Ordered');
    expect(list.body.data.map((o) => o.id)).toContain(created.body.data.id);

    expect(
      (
        await (
          await as('kampalaSupervisor')
        ).request('POST', `/api/purchase-orders/${created.body.data.id}/cancel`, {
          reason: 'supplier out of stock',
        })
      ).status,
    ).toBe(403);
    const cancelled = await owner.request<Envelope<Order>>(
      'POST',
      `/api/purchase-orders/${created.body.data.id}/cancel`,
      { reason: 'supplier out of stock' },
    );
    expect(cancelled.body.data.status).toBe('Cancelled');
    const receive = await owner.request<Envelope<Order>>(
      'POST',
      `/api/purchase-orders/${created.body.data.id}/receive`,
      {},
    );
    expect(receive.status).toBe(409);
    expect(await stockOf(p)).toBe(0);
  });

  it('Staff and other shops see none; /items does not reach them', async () => {
    const owner = await as('kampalaOwner');
    const created = await owner.request<Envelope<Order>>('POST', '/api/products/purchase-orders', {
      lines: [{ product_id: await product(0), quantity: 1 }],
    });
    expect((await (await as('kampalaStaff')).request('GET', '/api/purchase-orders')).status).toBe(403);
    const entebbe = await as('entebbeOwner');
    expect((await entebbe.request('GET', `/api/purchase-orders/${created.body.data.id}`)).status).toBe(404);
    const theirs = await entebbe.request<Envelope<Order[]>>('GET', '/api/purchase-orders');
    expect(theirs.body.data.map((o) => o.id)).not.toContain(created.body.data.id);
    expect((await owner.request('GET', '/items/purchase_orders')).status).toBe(403);
    expect((await owner.request('GET', '/items/purchase_order_lines')).status).toBe(403);
  });

  it("refuses another shop's product and a product listed twice, writing nothing", async () => {
    const owner = await as('kampalaOwner');
    const [foreign] = (await db()('products')
      .insert({
        shop_id: (await shopIds()).entebbe,
        name: `Entebbe item ${randomUUID().slice(0, 8)}`,
        category: 'Audio',
        selling_price: 1_000,
        stock_quantity: 1,
      })
      .returning('id')) as [{ id: number }];
    const before = await db()('purchase_orders').count({ n: '*' }).first();
    const refused = await owner.request<Envelope<Order>>('POST', '/api/products/purchase-orders', {
      lines: [{ product_id: foreign.id, quantity: 1 }],
    });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error?.details ?? {})).toEqual([`lines.${foreign.id}`]);
    const p = await product(0);
    const twice = await owner.request<Envelope<Order>>('POST', '/api/products/purchase-orders', {
      lines: [
        { product_id: p, quantity: 1 },
        { product_id: p, quantity: 2 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(await db()('purchase_orders').count({ n: '*' }).first()).toEqual(before);
  });
});

describe('preloaded catalogue', () => {
  it('adds the catalogue to a shop in one step and skips what it already has', async () => {
    const owner = await as('kampalaOwner');
    const catalogue = await owner.request<Envelope<{ sku: string }[]>>('GET', '/api/products/catalogue');
    expect(catalogue.body.data.length).toBeGreaterThan(20);
    expect(catalogue.body.data.every((c) => 'cost_price' in c)).toBe(true);
    const forStaff = await (
      await as('kampalaStaff')
    ).request<Envelope<Record<string, unknown>[]>>('GET', '/api/products/catalogue');
    expect(forStaff.body.data.some((c) => 'cost_price' in c)).toBe(false);
    expect((await anonymous().request('GET', '/api/products/catalogue')).status).toBe(401);
    // The demo shop already has the whole catalogue: everything is skipped, nothing duplicated.
    const again = await owner.request<Envelope<{ created: string[]; skipped: string[] }>>(
      'POST',
      '/api/products/catalogue',
      {},
    );
    expect(again.status).toBe(201);
    expect(again.body.data.created).toEqual([]);
    expect(again.body.data.skipped).toHaveLength(catalogue.body.data.length);
    const unknown = await owner.request<Envelope<unknown>>('POST', '/api/products/catalogue', {
      skus: ['NOT-A-SKU'],
    });
    expect(unknown.status).toBe(400);
    expect((await (await as('kampalaStaff')).request('POST', '/api/products/catalogue', {})).status).toBe(
      403,
    );
  });

  it('a new shop gets the whole catalogue with zero stock', async () => {
    const suffix = randomUUID().slice(0, 6);
    const [shop] = (await db()('shops')
      .insert({
        shop_name: 'Jinja Phones',
        slug: `jinja-${suffix}`,
        code: 'JNP',
        owner_name: 'Test',
        phone: '+256434000000',
        email: `jinja-${suffix}@example.com`,
        timezone: 'Africa/Kampala',
      })
      .returning('id')) as [{ id: number }];
    const email = `owner-${suffix}@jinja.example.com`;
    await (
      await as('admin')
    ).call('POST', '/users', {
      email,
      password: 'jinja-password-1',
      role: ROLE_IDS.Owner,
      shop: shop.id,
      status: 'active',
    });
    const owner = sessionWithToken(baseUrl(), await login(baseUrl(), email, 'jinja-password-1'));
    const added = await owner.request<Envelope<{ created: string[]; skipped: string[] }>>(
      'POST',
      '/api/products/catalogue',
      {},
    );
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.data.created).toHaveLength(CATALOGUE.length);
    const products = (await db()('products').where({ shop_id: shop.id })) as {
      stock_quantity: number;
      is_preloaded: boolean;
    }[];
    expect(products).toHaveLength(CATALOGUE.length);
    expect(products.every((p) => p.stock_quantity === 0 && p.is_preloaded)).toBe(true);
  });
});
