// The spec's tests/test_sales.py through the real /api, plus the checkout's guarantees: no oversell
// under concurrency, idempotent replays, reversal once, locked means final, and nothing of another
// shop can be sold.
import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, baseUrl, closeDb, db, shopIds, type Session } from '../support/context.ts';
import { freshImei } from '../support/fixtures.ts';

afterAll(closeDb);

interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  data: T;
  message: string;
  timestamp: string;
  error?: {
    code: string;
    message: string;
    details?: Record<string, string[]>;
    context?: Record<string, unknown>;
  };
}

interface Sale {
  id: number;
  sale_number: string;
  status: string;
  total_amount: number;
  discount_amount: number;
  final_amount: number;
  payment_method: string;
  items: {
    product_id: number | null;
    quantity: number;
    total_price: number;
    unit_cost?: number;
    margin?: number;
  }[];
  payments: { method: string; amount: number }[];
  margin?: number;
}

let shops: { kampala: number; entebbe: number };
beforeAll(async () => {
  shops = await shopIds();
});

async function product(stock: number, price = 10_000, minStock = 0, shopId = shops.kampala): Promise<number> {
  const [row] = (await db()('products')
    .insert({
      shop_id: shopId,
      name: `Test cable ${randomUUID().slice(0, 8)}`,
      category: 'Chargers & Cables',
      selling_price: price,
      cost_price: price / 2,
      stock_quantity: stock,
      min_stock_level: minStock,
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

async function stockOf(productId: number): Promise<number> {
  const row: { stock_quantity: number } = await db()('products')
    .where({ id: productId })
    .first('stock_quantity');
  return row.stock_quantity;
}

const cash = (amount: number): { method: string; amount: number }[] => [{ method: 'Cash', amount }];

function sell(session: Session, body: Record<string, unknown>, key?: string) {
  return session.request<Envelope<Sale>>('POST', '/api/sales', body, key ? { 'idempotency-key': key } : {});
}

async function saleOf(session: Session, productId: number, quantity = 1, price = 10_000): Promise<Sale> {
  const response = await sell(session, {
    items: [{ product_id: productId, quantity }],
    payments: cash(price * quantity),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

describe('checkout', () => {
  it('gives every till the settings it prices with, though only Owners read the settings table', async () => {
    const key = 'discount.staff_limit_bp';
    const where = { shop_id: shops.kampala, setting_key: key };
    const before = (await db()('settings').where(where).first()) as { setting_value: string } | undefined;
    await db()('settings').where(where).delete();
    await db()('settings').insert({ ...where, setting_value: '750' });
    try {
      const staff = await as('kampalaStaff');
      expect((await staff.request('GET', '/items/settings')).status).toBe(403);
      const till = await staff.call<Record<string, unknown>>('GET', '/api/sales/settings');
      expect(till).toMatchObject({
        currency: 'UGX',
        timezone: 'Africa/Kampala',
        tax_rate_bp: 0,
        staff_discount_limit_bp: 750,
        amount_per_point: 1_000,
      });
      expect(till['payment_methods']).toContain('MTN Mobile Money');
    } finally {
      await db()('settings').where(where).delete();
      if (before) await db()('settings').insert({ ...where, setting_value: before.setting_value });
    }
  });

  it('test_create_sale_as_staff: prices from the catalogue, numbers per shop, deducts stock with a movement', async () => {
    const staff = await as('kampalaStaff');
    const p = await product(5, 25_000);
    const response = await sell(staff, {
      items: [{ product_id: p, quantity: 2, unit_price: 1 }].map(({ unit_price: _ignored, ...item }) => item),
      payments: cash(50_000),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.success).toBe(true);
    const sale = response.body.data;
    expect(sale.sale_number).toMatch(/^KPH-\d{4}-\d{6}$/);
    expect(sale).toMatchObject({
      total_amount: 50_000,
      final_amount: 50_000,
      payment_method: 'Cash',
      status: 'Submitted',
    });
    expect(await stockOf(p)).toBe(3);
    const movements = (await db()('stock_movements').where({ product_id: p, reference_id: sale.id })) as {
      quantity: number;
      stock_after: number;
      movement_type: string;
    }[];
    expect(movements).toEqual([
      expect.objectContaining({ quantity: -2, stock_after: 3, movement_type: 'sale' }),
    ]);
    expect(
      await db()('audit_logs')
        .where({ entity_type: 'sales', entity_id: String(sale.id), action: 'create' })
        .first(),
    ).toBeDefined();
    const event = (await db()('outbox_events')
      .where({ event_type: 'sale.created' })
      .whereRaw("payload->'data'->>'sale_id' = ?", [String(sale.id)])
      .first()) as { payload: { data: { total_amount: number } } };
    expect(event.payload.data.total_amount).toBe(50_000);
  });

  it('test_create_sale_as_owner: split payments across methods, customer credited with loyalty points', async () => {
    const owner = await as('kampalaOwner');
    const p = await product(3, 120_000);
    const customer = (await db()('customers').where({ shop_id: shops.kampala }).orderBy('id').first()) as {
      id: number;
      loyalty_points: number;
      total_purchases: number;
    };
    const response = await sell(owner, {
      customer_id: customer.id,
      items: [{ product_id: p, quantity: 1 }],
      payments: [
        { method: 'Cash', amount: 20_000 },
        { method: 'MTN Mobile Money', amount: 100_000, reference: 'MP240101.1234.A56789' },
      ],
    });
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body.data.payment_method).toBe('Split');
    expect(response.body.data.payments).toEqual([
      { method: 'Cash', amount: 20_000, reference: null },
      { method: 'MTN Mobile Money', amount: 100_000, reference: 'MP240101.1234.A56789' },
    ]);
    expect(response.body.data.margin).toBe(60_000);
    const after = (await db()('customers').where({ id: customer.id }).first()) as typeof customer;
    expect(after.loyalty_points).toBe(customer.loyalty_points + 120);
    expect(after.total_purchases).toBe(customer.total_purchases + 120_000);
  });

  it('refuses payments that do not add up, naming the field, and writes nothing', async () => {
    const staff = await as('kampalaStaff');
    const p = await product(5);
    const before = (await db()('sales').count({ n: '*' }).first()) as { n: string };
    const response = await sell(staff, { items: [{ product_id: p, quantity: 1 }], payments: cash(9_000) });
    expect(response.status).toBe(400);
    expect(response.body.error?.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(response.body.error?.details ?? {})).toEqual(['payments']);
    expect(await db()('sales').count({ n: '*' }).first()).toEqual(before);
    expect(await stockOf(p)).toBe(5);
  });

  it('answers 409 INSUFFICIENT_STOCK naming the product and what is available, and writes nothing', async () => {
    const staff = await as('kampalaStaff');
    const plenty = await product(10);
    const scarce = await product(1);
    const response = await sell(staff, {
      items: [
        { product_id: plenty, quantity: 1 },
        { product_id: scarce, quantity: 2 },
      ],
      payments: cash(30_000),
    });
    expect(response.status).toBe(409);
    expect(response.body.error?.code).toBe('INSUFFICIENT_STOCK');
    expect(response.body.error?.message).toMatch(/Test cable .*1 available, 2 requested/);
    expect(response.body.error?.context).toMatchObject({ product_id: scarce, available: 1, requested: 2 });
    expect(await stockOf(plenty)).toBe(10);
    expect(await stockOf(scarce)).toBe(1);
  });

  it('test_auto_stock_deduction: 50 parallel checkouts of 1 unit against a stock of 10 sell exactly 10', async () => {
    const sessions = await Promise.all([as('kampalaStaff'), as('kampalaSupervisor'), as('kampalaOwner')]);
    const p = await product(10);
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sell(sessions[i % 3] as Session, { items: [{ product_id: p, quantity: 1 }], payments: cash(10_000) }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(40);
    expect(await stockOf(p)).toBe(0);
    expect(await db()('sale_items').where({ product_id: p }).count({ n: '*' }).first()).toEqual({ n: 10 });
    const ledger = (await db()('stock_movements')
      .where({ product_id: p })
      .sum({ total: 'quantity' })
      .first()) as { total: string };
    expect(Number(ledger.total)).toBe(-10);
  });

  it('refuses a product of another shop and a device of another shop', async () => {
    const staff = await as('kampalaStaff');
    const foreign = await product(5, 10_000, 0, shops.entebbe);
    const refused = await sell(staff, {
      items: [{ product_id: foreign, quantity: 1 }],
      payments: cash(10_000),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toHaveProperty(['items[0].product_id']);
    expect(await stockOf(foreign)).toBe(5);
    const [device] = (await db()('devices')
      .insert({
        shop_id: shops.entebbe,
        brand: 'Tecno',
        model: 'Spark',
        imei_serial: freshImei(),
        selling_price: 500_000,
      })
      .returning('id')) as [{ id: number }];
    const refusedDevice = await sell(staff, {
      items: [{ device_id: device.id, quantity: 1 }],
      payments: cash(500_000),
    });
    expect(refusedDevice.status).toBe(400);
    expect(((await db()('devices').where({ id: device.id }).first()) as { status: string }).status).toBe(
      'In Stock',
    );
  });

  it('sells a device in stock to the customer, and refuses it a second time', async () => {
    const staff = await as('kampalaStaff');
    const customer = (await db()('customers')
      .where({ shop_id: shops.kampala })
      .orderBy('id', 'desc')
      .first()) as { id: number };
    const [device] = (await db()('devices')
      .insert({
        shop_id: shops.kampala,
        brand: 'Samsung',
        model: 'A15',
        imei_serial: freshImei(),
        selling_price: 690_000,
      })
      .returning('id')) as [{ id: number }];
    const sold = await sell(staff, {
      customer_id: customer.id,
      items: [{ device_id: device.id, quantity: 1 }],
      payments: [{ method: 'Airtel Money', amount: 690_000 }],
    });
    expect(sold.status, JSON.stringify(sold.body)).toBe(201);
    expect(await db()('devices').where({ id: device.id }).first()).toMatchObject({
      status: 'Sold',
      customer_id: customer.id,
    });
    const again = await sell(staff, {
      items: [{ device_id: device.id, quantity: 1 }],
      payments: cash(690_000),
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('DEVICE_NOT_AVAILABLE');
  });

  it('lets Staff discount up to the shop limit (10%) and asks a Supervisor beyond it', async () => {
    const p = await product(5, 100_000);
    const staff = await as('kampalaStaff');
    const within = await sell(staff, {
      items: [{ product_id: p, quantity: 1, discount_amount: 10_000 }],
      payments: cash(90_000),
    });
    expect(within.status, JSON.stringify(within.body)).toBe(201);
    const beyond = await sell(staff, {
      items: [{ product_id: p, quantity: 1 }],
      discount_amount: 15_000,
      payments: cash(85_000),
    });
    expect(beyond.status).toBe(403);
    expect(beyond.body.error?.code).toBe('DISCOUNT_NEEDS_SUPERVISOR');
    const supervisor = await sell(await as('kampalaSupervisor'), {
      items: [{ product_id: p, quantity: 1 }],
      discount_amount: 15_000,
      payments: cash(85_000),
    });
    expect(supervisor.status).toBe(201);
    expect(supervisor.body.data).toMatchObject({
      total_amount: 100_000,
      discount_amount: 15_000,
      final_amount: 85_000,
    });
  });

  it('names the field of a malformed checkout', async () => {
    const staff = await as('kampalaStaff');
    const response = await sell(staff, {
      items: [{ product_id: 1, quantity: 0 }],
      payments: [{ method: 'Bitcoin', amount: 5 }],
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.body.error?.details ?? {})).toEqual(
      expect.arrayContaining(['items[0].quantity', 'payments[0].method']),
    );
  });
});

describe('idempotency', () => {
  it('a replay with the same key returns the original sale and creates nothing', async () => {
    const staff = await as('kampalaStaff');
    const p = await product(5);
    const key = randomUUID();
    const body = { items: [{ product_id: p, quantity: 1 }], payments: cash(10_000) };
    const first = await sell(staff, body, key);
    const replays = await Promise.all([sell(staff, body, key), sell(staff, body, key)]);
    expect(first.status).toBe(201);
    for (const replay of replays) {
      expect(replay.status).toBe(201);
      expect(replay.body.data.id).toBe(first.body.data.id);
    }
    expect(await stockOf(p)).toBe(4);
    expect(await db()('sale_items').where({ product_id: p }).count({ n: '*' }).first()).toEqual({ n: 1 });
  });

  it('the same key with a different body answers 409', async () => {
    const staff = await as('kampalaStaff');
    const p = await product(5);
    const key = randomUUID();
    expect(
      (await sell(staff, { items: [{ product_id: p, quantity: 1 }], payments: cash(10_000) }, key)).status,
    ).toBe(201);
    const other = await sell(staff, { items: [{ product_id: p, quantity: 2 }], payments: cash(20_000) }, key);
    expect(other.status).toBe(409);
    expect(other.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stockOf(p)).toBe(4);
  });

  it('a replay answers the sale as it is now; another user with the same key is refused', async () => {
    const p = await product(5);
    const key = randomUUID();
    const body = { items: [{ product_id: p, quantity: 1 }], payments: cash(10_000) };
    const first = await sell(await as('kampalaStaff'), body, key);
    expect(first.status).toBe(201);
    expect(first.body.data.status).toBe('Submitted');
    const approve = await (
      await as('kampalaOwner')
    ).request<Envelope<Sale>>('POST', `/api/sales/${first.body.data.id}/approve`);
    expect(approve.status).toBe(200);

    const replay = await sell(await as('kampalaStaff'), body, key);
    expect(replay.status).toBe(201);
    expect(replay.body.data).toMatchObject({
      id: first.body.data.id,
      sale_number: first.body.data.sale_number,
      status: 'Approved',
    });
    const someoneElse = await sell(await as('kampalaSupervisor'), body, key);
    expect(someoneElse.status).toBe(409);
    expect(someoneElse.body.error?.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stockOf(p)).toBe(4);
  });
});

describe('after the checkout', () => {
  it('test_edit_sale_as_staff_forbidden and test_delete_sale_as_supervisor_forbidden', async () => {
    const p = await product(5);
    const sale = await saleOf(await as('kampalaStaff'), p);
    const body = { items: [{ product_id: p, quantity: 2 }], payments: cash(20_000) };
    const edit = await (await as('kampalaStaff')).request<Envelope>('PUT', `/api/sales/${sale.id}`, body);
    expect(edit.status).toBe(403);
    const del = await (await as('kampalaSupervisor')).request<Envelope>('DELETE', `/api/sales/${sale.id}`);
    expect(del.status).toBe(403);
    expect(await stockOf(p)).toBe(4);
  });

  it('test_edit_sale_as_owner: lines change, stock moves by the difference only', async () => {
    const a = await product(10);
    const b = await product(10, 5_000);
    const sale = await saleOf(await as('kampalaStaff'), a, 3);
    const edited = await (
      await as('kampalaOwner')
    ).request<Envelope<Sale>>('PUT', `/api/sales/${sale.id}`, {
      items: [
        { product_id: a, quantity: 1 },
        { product_id: b, quantity: 2 },
      ],
      payments: cash(20_000),
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.data.final_amount).toBe(20_000);
    expect(await stockOf(a)).toBe(9);
    expect(await stockOf(b)).toBe(8);
    const movements = (await db()('stock_movements')
      .where({ reference_id: sale.id, movement_type: 'sale_edit' })
      .orderBy('product_id')) as { product_id: number; quantity: number }[];
    expect(movements.map((m) => [m.product_id, m.quantity])).toEqual([
      [a, 2],
      [b, -2],
    ]);
    const auditRow = (await db()('audit_logs')
      .where({ entity_type: 'sales', entity_id: String(sale.id), action: 'update' })
      .first()) as { old_value: Sale; new_value: Sale };
    expect(auditRow.old_value.final_amount).toBe(30_000);
    expect(auditRow.new_value.final_amount).toBe(20_000);
  });

  it('test_approve_sale_as_owner (and not as a Supervisor)', async () => {
    const sale = await saleOf(await as('kampalaStaff'), await product(2));
    expect(
      (await (await as('kampalaSupervisor')).request('POST', `/api/sales/${sale.id}/approve`)).status,
    ).toBe(403);
    const approved = await (
      await as('kampalaOwner')
    ).request<Envelope<Sale & { approved_by: string }>>('POST', `/api/sales/${sale.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('Approved');
    expect(approved.body.data.approved_by).toBeTruthy();
  });

  it('test_lock_sale_as_owner: a locked sale refuses every edit', async () => {
    const p = await product(5);
    const sale = await saleOf(await as('kampalaStaff'), p);
    const owner = await as('kampalaOwner');
    expect((await owner.request('POST', `/api/sales/${sale.id}/lock`)).status).toBe(200);
    const attempts = await Promise.all([
      owner.request<Envelope>('PUT', `/api/sales/${sale.id}`, {
        items: [{ product_id: p, quantity: 2 }],
        payments: cash(20_000),
      }),
      owner.request<Envelope>('DELETE', `/api/sales/${sale.id}`),
      owner.request<Envelope>('POST', `/api/sales/${sale.id}/approve`),
      owner.request<Envelope>('POST', `/api/sales/${sale.id}/lock`),
      (await as('kampalaSupervisor')).request<Envelope>('PUT', `/api/sales/${sale.id}`, {
        items: [{ product_id: p, quantity: 1 }],
        payments: cash(10_000),
      }),
      owner.request<Envelope>('PATCH', `/items/sales/${sale.id}`, { notes: 'sneaky' }),
    ]);
    for (const attempt of attempts) expect([403, 409]).toContain(attempt.status);
    expect(await db()('sales').where({ id: sale.id }).first()).toMatchObject({
      status: 'Locked',
      final_amount: 10_000,
      notes: null,
    });
    expect(await stockOf(p)).toBe(4);
  });

  it('test_reverse_sale_with_audit: restocks once, with the reason, and refuses a second reversal', async () => {
    const p = await product(5);
    const sale = await saleOf(await as('kampalaStaff'), p, 2);
    const owner = await as('kampalaOwner');
    expect(
      (
        await (
          await as('kampalaSupervisor')
        ).request('POST', `/api/sales/${sale.id}/reverse`, { reason: 'Customer returned it' })
      ).status,
    ).toBe(403);
    const reversed = await owner.request<Envelope<Sale & { kind: string; reversal_of: number }>>(
      'POST',
      `/api/sales/${sale.id}/reverse`,
      { reason: 'Customer returned it unopened' },
    );
    expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);
    // It gives back two units costing 5,000 each: its cost and margin are the sale's, negated.
    expect(reversed.body.data).toMatchObject({
      kind: 'reversal',
      reversal_of: sale.id,
      final_amount: -20_000,
      cost_total: -10_000,
      margin: -10_000,
    });
    expect(await stockOf(p)).toBe(5);
    expect(await db()('sales').where({ id: sale.id }).first()).toMatchObject({ status: 'Reversed' });
    const auditRow = (await db()('audit_logs')
      .where({ entity_type: 'sales', entity_id: String(sale.id), action: 'reverse' })
      .first()) as { new_value: { reason: string } };
    expect(auditRow.new_value.reason).toBe('Customer returned it unopened');
    const again = await owner.request<Envelope>('POST', `/api/sales/${sale.id}/reverse`, { reason: 'Twice' });
    expect(again.status).toBe(409);
    expect(await stockOf(p)).toBe(5);
  });

  it('deleting a sale (Owner) puts its stock back', async () => {
    const p = await product(5);
    const sale = await saleOf(await as('kampalaStaff'), p, 3);
    expect(await stockOf(p)).toBe(2);
    expect((await (await as('kampalaOwner')).request('DELETE', `/api/sales/${sale.id}`)).status).toBe(200);
    expect(await stockOf(p)).toBe(5);
    expect(await db()('sales').where({ id: sale.id }).first()).toBeUndefined();
  });
});

describe('reading sales', () => {
  it('Staff see only their own sales; cost prices and margins are the Owner’s', async () => {
    const p = await product(5);
    const bySupervisor = await saleOf(await as('kampalaSupervisor'), p);
    const staff = await as('kampalaStaff');
    expect((await staff.request('GET', `/api/sales/${bySupervisor.id}`)).status).toBe(404);
    const list = await staff.request<Envelope<{ created_by: string }[]>>('GET', '/api/sales?limit=500');
    const me = (await staff.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    expect(list.body.data.length).toBeGreaterThan(0);
    expect(list.body.data.every((s) => s.created_by === me)).toBe(true);
    const asSupervisor = await (
      await as('kampalaSupervisor')
    ).request<Envelope<Sale>>('GET', `/api/sales/${bySupervisor.id}`);
    expect(asSupervisor.body.data.margin).toBeUndefined();
    expect(asSupervisor.body.data.items[0]?.unit_cost).toBeUndefined();
    const asOwner = await (
      await as('kampalaOwner')
    ).request<Envelope<Sale>>('GET', `/api/sales/${bySupervisor.id}`);
    expect(asOwner.body.data.items[0]?.unit_cost).toBe(5_000);
    expect(asOwner.body.data.margin).toBe(5_000);
  });

  it('filters by day in the shop timezone: a sale at 23:30 Kampala time belongs to that day', async () => {
    const owner = await as('kampalaOwner');
    const sale = await saleOf(owner, await product(2));
    // 23:30 in Kampala (UTC+3) on 15 March 2026 is 20:30 UTC.
    await db()('sales').where({ id: sale.id }).update({ created_at: '2026-03-15T20:30:00Z' });
    const day = await owner.request<Envelope<{ id: number }[]>>(
      'GET',
      '/api/sales?from=2026-03-15&to=2026-03-15',
    );
    expect(day.body.data.map((s) => s.id)).toContain(sale.id);
    const next = await owner.request<Envelope<{ id: number }[]>>(
      'GET',
      '/api/sales?from=2026-03-16&to=2026-03-16',
    );
    expect(next.body.data.map((s) => s.id)).not.toContain(sale.id);
  });

  it('an Entebbe account cannot read a Kampala sale', async () => {
    const sale = await saleOf(await as('kampalaStaff'), await product(2));
    expect((await (await as('entebbeOwner')).request('GET', `/api/sales/${sale.id}`)).status).toBe(404);
  });
});

describe('receipts', () => {
  it('renders the A4 invoice and the 80 mm thermal PDF with shop, number, cashier and amounts in UGX', async () => {
    const owner = await as('kampalaOwner');
    const sale = await saleOf(owner, await product(5, 1_250_000), 1, 1_250_000);
    for (const format of ['a4', 'thermal']) {
      const response = await fetch(`${baseUrl()}/api/sales/receipt/${sale.id}?format=${format}`, {
        headers: { authorization: `Bearer ${owner.token}` },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
      const { text } = await extractText(pdf, { mergePages: true });
      expect(text).toContain('Kampala Phone Hub');
      expect(text).toContain(sale.sale_number);
      expect(text).toContain('UGX 1,250,000');
      expect(text).toContain('Sarah Namubiru');
      expect(text).toContain('+256414123456');
    }
  });

  it('produces ESC/POS bytes for a thermal printer', async () => {
    const owner = await as('kampalaOwner');
    const sale = await saleOf(owner, await product(5, 35_000), 1, 35_000);
    const response = await fetch(`${baseUrl()}/api/sales/receipt/${sale.id}?format=escpos`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 2)]).toEqual([0x1b, 0x40]); // ESC @: initialise the printer
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text).toContain('Kampala Phone Hub');
    expect(text).toContain(sale.sale_number);
    expect(text).toContain('UGX 35,000');
    const tail = [...bytes.slice(-8)].join(',');
    expect(tail).toContain([0x1d, 0x56].join(',')); // GS V: cut the paper
  });
});

describe('low stock', () => {
  it('alerts Owners and Supervisors once per crossing, not on every sale', async () => {
    const p = await product(4, 10_000, 2);
    const staff = await as('kampalaStaff');
    const alerts = async (): Promise<number> =>
      Number(
        (
          (await db()('outbox_events')
            .where({ event_type: 'stock.low_alert' })
            .whereRaw("payload->'data'->>'product_id' = ?", [String(p)])
            .count({ n: '*' })
            .first()) as { n: string }
        ).n,
      );
    await saleOf(staff, p); // 3 left: above the minimum
    expect(await alerts()).toBe(0);
    await saleOf(staff, p); // 2 left: crosses the minimum
    expect(await alerts()).toBe(1);
    await saleOf(staff, p); // 1 left: still below, no new alert
    expect(await alerts()).toBe(1);
    const notified = (await db()('notifications')
      .where({ type: 'stock.low_alert' })
      .whereLike('link', `/products/${p}`)) as { user_id: string }[];
    expect(notified).toHaveLength(2); // the Kampala Owner and Supervisor
  });
});
