// Privacy through the real API and database: a customer's data export (JSON and PDF), their erasure
// (every copy of their name, phone, e-mail and ID number scrubbed, the books and every report
// unchanged), and each shop's data retention with the hourly purge.
import { randomUUID } from 'node:crypto';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpiredData } from '../../extensions/phone-shop/src/services/privacy/retention.service.ts';
import { closeDb, db, type Session } from '../support/context.ts';
import { freshImei, freshPhone, todayInKampala } from '../support/fixtures.ts';
import { freshShop, type TestShop } from '../support/shops.ts';

afterAll(closeDb);

interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

type Row = Record<string, unknown>;

interface DataDocument {
  generated_at: string;
  shop: { name: string; timezone: string; currency: string };
  customer: Row;
  sales: (Row & { items: Row[]; payments: Row[] })[];
  repairs: (Row & { status_history: Row[]; parts: Row[]; payments: Row[] })[];
  devices: Row[];
  loyalty_transactions: Row[];
  notifications: Row[];
  audit_entries: Row[];
  events: Row[];
  mentions: { table: string; id: number | string; column: string; text: string }[];
}

const suffix = randomUUID().slice(0, 6);
// A name no other row of the database holds, so that finding it anywhere is finding a copy.
const PERSON = {
  name: `Zawadi Privacytest${suffix}`,
  phone: freshPhone(),
  email: `zawadi.${suffix}@example.com`,
  id_number: `CM${suffix.toUpperCase()}90PRV`,
};
/** 0772 123 456: the national form of the phone, with spaces, as a cashier types it. */
const nationalSpaced = (e164: string): string => {
  const digits = `0${e164.slice(4)}`;
  return `${digits.slice(0, 4)} ${digits.slice(4, 7)} ${digits.slice(7)}`;
};

let shop: TestShop;
let other: TestShop;
let customerId: number;
let otherCustomerId: number;
let saleNumber: string;
let saleId: number;
let repairId: number;
let productId: number;

async function product(shopId: number, stock = 20, price = 10_000): Promise<number> {
  const [row] = (await db()('products')
    .insert({
      shop_id: shopId,
      name: `Privacy cable ${randomUUID().slice(0, 8)}`,
      category: 'Chargers & Cables',
      selling_price: price,
      cost_price: price / 2,
      stock_quantity: stock,
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

async function ok<T>(session: Session, method: string, path: string, body?: unknown): Promise<T> {
  const response = await session.request<Envelope<T>>(method, path, body);
  expect(response.status, `${method} ${path}: ${JSON.stringify(response.body)}`).toBeLessThan(300);
  return response.body.data;
}

/** The hook audits /items writes after it has answered: wait for the entries to land. */
async function auditEntries(entityType: string, entityId: number, count: number): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    const [{ n }] = (await db()('audit_logs')
      .where({ shop_id: shop.id, entity_type: entityType, entity_id: String(entityId) })
      .count({ n: '*' })) as [{ n: string }];
    if (Number(n) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the audit entries of ${entityType} ${entityId} did not arrive`);
}

beforeAll(async () => {
  shop = await freshShop('Privacy Phones', 'PRV');
  other = await freshShop('Other Privacy Phones', 'OPV');
  productId = await product(shop.id);

  // The customer through /items, as in Studio: the audit hook and Directus's revisions keep copies.
  const created = await shop.owner.call<{ id: number }>('POST', '/items/customers', {
    name: PERSON.name,
    phone: PERSON.phone,
    email: PERSON.email,
    id_number: PERSON.id_number,
    address: 'Plot 12, Ntinda Road',
    date_of_birth: '1991-04-03',
    gender: 'Female',
    notes: 'Prefers WhatsApp',
  });
  customerId = created.id;
  await shop.owner.call('PATCH', `/items/customers/${customerId}`, { notes: `Ask for ${PERSON.name}` });
  await auditEntries('customers', customerId, 2);

  const sale = await ok<{ id: number; sale_number: string }>(shop.staff, 'POST', '/api/sales', {
    items: [{ product_id: productId, quantity: 2 }],
    payments: [
      { method: 'MTN Mobile Money', amount: 20_000, reference: `MoMo ${nationalSpaced(PERSON.phone)}` },
    ],
    customer_id: customerId,
    notes: `Delivered to ${PERSON.name}`,
  });
  saleId = sale.id;
  saleNumber = sale.sale_number;
  // A sale without a customer whose notes name them anyway.
  await ok(shop.staff, 'POST', '/api/sales', {
    items: [{ product_id: productId, quantity: 1 }],
    payments: [{ method: 'Cash', amount: 10_000 }],
    notes: `Gift bought for ${PERSON.email}`,
  });

  const repair = await ok<{ id: number }>(shop.supervisor, 'POST', '/api/repairs', {
    customer_id: customerId,
    device: { brand: 'Tecno', model: 'Camon 30', imei_serial: freshImei() },
    issue_description: `Screen cracked; ${PERSON.name} dropped it`,
    repair_type: 'Screen replacement',
    estimated_cost: 150_000,
    notes: `Call ${PERSON.phone} when ready`,
  });
  repairId = repair.id;
  await ok(shop.supervisor, 'POST', `/api/repairs/${repairId}/status`, {
    status: 'Diagnosed',
    notes: `Told ${PERSON.name} the price`,
  });
  await ok(shop.supervisor, 'POST', `/api/customers/${customerId}/loyalty`, {
    points: 40,
    reason: `Welcome gift for ${PERSON.name}`,
  });

  // Texts elsewhere in the shop that name them: a message, an expense, a stock movement.
  await db()('notifications').insert({
    shop_id: shop.id,
    user_id: shop.userIds.owner,
    title: 'Customer called',
    message: `${PERSON.name} (${PERSON.phone}) asked about the repair`,
    type: 'info',
  });
  await db()('expenses').insert({
    shop_id: shop.id,
    category: 'Transport',
    description: `Boda to deliver to ${PERSON.name}, NIN ${PERSON.id_number}`,
    amount: 5_000,
    payment_method: 'Cash',
    expense_date: todayInKampala(),
    created_by: shop.userIds.owner,
  });
  await db()('stock_movements').insert({
    shop_id: shop.id,
    product_id: productId,
    movement_type: 'adjustment',
    quantity: 1,
    stock_after: 18,
    notes: `Returned by ${PERSON.name}`,
    created_by: shop.userIds.owner,
  });

  const [row] = (await db()('customers')
    .insert({ shop_id: other.id, name: 'Other shop customer', phone: freshPhone() })
    .returning('id')) as [{ id: number }];
  otherCustomerId = row.id;
});

describe('the data export of a customer', () => {
  it('holds everything about them as one JSON document, and is audited', async () => {
    const document = await ok<DataDocument>(shop.owner, 'GET', `/api/customers/${customerId}/data-export`);
    expect(Date.parse(document.generated_at)).not.toBeNaN();
    expect(document.shop).toMatchObject({ name: 'Privacy Phones', timezone: 'Africa/Kampala' });
    expect(document.customer).toMatchObject({
      id: customerId,
      name: PERSON.name,
      phone: PERSON.phone,
      email: PERSON.email,
      id_number: PERSON.id_number,
      date_of_birth: '1991-04-03',
      address: 'Plot 12, Ntinda Road',
    });
    expect(document.sales.map((s) => s['sale_number'])).toEqual([saleNumber]);
    expect(document.sales[0]?.items).toHaveLength(1);
    expect(document.sales[0]?.items[0]).not.toHaveProperty('unit_cost');
    expect(document.sales[0]?.payments[0]).toMatchObject({ method: 'MTN Mobile Money' });
    expect(document.repairs.map((r) => r['id'])).toEqual([repairId]);
    expect(document.repairs[0]?.status_history.map((h) => h['new_status'])).toEqual(['Pending', 'Diagnosed']);
    expect(document.repairs[0]).not.toHaveProperty('parts_cost');
    expect(document.devices).toHaveLength(1);
    expect(document.loyalty_transactions.map((l) => Number(l['points'])).sort()).toEqual([20, 40]);
    expect(document.notifications.map((n) => n['title'])).toEqual(['Customer called']);
    expect(document.audit_entries.map((a) => `${String(a['entity_type'])}:${String(a['action'])}`)).toEqual(
      expect.arrayContaining([
        'customers:create',
        'customers:update',
        'sales:create',
        'customers:adjust_loyalty',
      ]),
    );
    expect(document.events.map((e) => e['event_type'])).toContain('repair.status_changed');
    expect(document.mentions.map((m) => `${m.table}.${m.column}`).sort()).toEqual([
      'expenses.description',
      'sales.notes',
      'stock_movements.notes',
    ]);
    // Nothing about the staff: no user ids, addresses or browsers.
    expect(JSON.stringify(document)).not.toContain(shop.userIds.staff);

    const entry = (await db()('audit_logs')
      .where({
        shop_id: shop.id,
        entity_type: 'customers',
        entity_id: String(customerId),
        action: 'data_export',
      })
      .orderBy('id', 'desc')
      .first()) as Row;
    expect(entry).toMatchObject({ user_id: shop.userIds.owner, new_value: { format: 'json' } });
  });

  it('is a readable PDF naming the customer and their sales', async () => {
    const response = await fetch(`${shop.owner.baseUrl}/api/customers/${customerId}/data-export?format=pdf`, {
      headers: { authorization: `Bearer ${shop.owner.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="customer-${customerId}-data.pdf"`,
    );
    const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain(PERSON.name);
    expect(text).toContain(saleNumber);
    expect(text).toContain('UGX 20,000');
    const entry = (await db()('audit_logs')
      .where({ shop_id: shop.id, entity_id: String(customerId), action: 'data_export' })
      .orderBy('id', 'desc')
      .first()) as Row;
    expect(entry['new_value']).toEqual({ format: 'pdf' });
  });

  it('is refused to Supervisors and Staff, and an unknown format is refused', async () => {
    for (const session of [shop.supervisor, shop.staff]) {
      const response = await session.request<Envelope>('GET', `/api/customers/${customerId}/data-export`);
      expect(response.status).toBe(403);
      expect(response.body.error?.code).toBe('FORBIDDEN');
    }
    const bad = await shop.owner.request<Envelope>(
      'GET',
      `/api/customers/${customerId}/data-export?format=xml`,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.details).toHaveProperty('format');
  });

  it("answers another shop's customer exactly as a missing one", async () => {
    const [{ max }] = (await db()('customers').max({ max: 'id' })) as [{ max: number }];
    const missing = max + 1000;
    const answer = async (id: number, path: string, body?: unknown) => {
      const response = await shop.owner.request<Envelope>(
        body ? 'POST' : 'GET',
        path.replace(':id', String(id)),
        body,
      );
      return {
        status: response.status,
        code: response.body.error?.code,
        message: response.body.error?.message.replace(String(id), '<id>'),
      };
    };
    for (const [path, body] of [
      ['/api/customers/:id/data-export', undefined],
      ['/api/customers/:id/erase', { reason: 'Asked to be forgotten', confirm: 'Other shop customer' }],
    ] as const) {
      const foreign = await answer(otherCustomerId, path, body);
      expect(foreign).toEqual(await answer(missing, path, body));
      expect(foreign).toEqual({
        status: 404,
        code: 'NOT_FOUND',
        message: 'Customer <id> was not found in your shop.',
      });
    }
    expect(await db()('customers').where({ id: otherCustomerId }).first('name')).toEqual({
      name: 'Other shop customer',
    });
  });
});

/** Every text column of every table of the shop that holds one of the person's identifiers. */
async function copiesInShop(shopId: number, needles: string[]): Promise<string[]> {
  const columns = (await db()
    .select('c.table_name', 'c.column_name')
    .from('information_schema.columns as c')
    .join('information_schema.columns as s', function join() {
      this.on('s.table_name', 'c.table_name').andOn('s.table_schema', 'c.table_schema');
    })
    .where('c.table_schema', 'public')
    .where('s.column_name', 'shop_id')
    .whereIn('c.data_type', ['text', 'character varying', 'character', 'json', 'jsonb'])
    .whereIn(
      'c.table_name',
      db()
        .select('table_name')
        .from('information_schema.tables')
        .where({ table_schema: 'public', table_type: 'BASE TABLE' }),
    )) as { table_name: string; column_name: string }[];
  expect(columns.length).toBeGreaterThan(40);
  const found: string[] = [];
  for (const { table_name: table, column_name: column } of columns) {
    const { rows } = await db().raw<{ rows: { n: string }[] }>(
      `SELECT count(*) AS n FROM ?? WHERE shop_id = ? AND ??::text ILIKE ANY(?)`,
      [table, shopId, column, needles.map((n) => `%${n}%`)],
    );
    if (Number(rows[0]?.n) > 0) found.push(`${table}.${column}`);
  }
  // Directus's own tables: the revisions of the shop's rows.
  const { rows } = await db().raw<{ rows: { n: string }[] }>(
    `SELECT count(*) AS n FROM directus_revisions
      WHERE (data->>'shop_id' = ? OR (collection = 'customers' AND item = ?))
        AND (coalesce(data::text, '') || coalesce(delta::text, '')) ILIKE ANY(?)`,
    [String(shopId), String(customerId), needles.map((n) => `%${n}%`)],
  );
  if (Number(rows[0]?.n) > 0) found.push('directus_revisions.data');
  return found;
}

interface ReportAnswer {
  columns: { key: string; type: string }[];
  rows: Row[];
  summary?: { label: string; value: unknown }[];
}

/** Every report's figures (text columns aside: a customer's name changes), today and yesterday. */
async function reportFigures(): Promise<Record<string, unknown>> {
  const today = todayInKampala();
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const list = await shop.owner.call<{ name: string }[]>('GET', '/api/reports');
  expect(list.length).toBeGreaterThan(20);
  const figures: Record<string, unknown> = {};
  for (const { name } of list) {
    // Attendance is read from the audit trail, where the erasure itself is an entry of the Owner's day.
    if (name === 'staff/attendance') continue;
    const report = await shop.owner.call<ReportAnswer>(
      'GET',
      `/api/reports/${name}?from=${yesterday}&to=${today}`,
    );
    const kept = report.columns.filter((c) => c.type !== 'text').map((c) => c.key);
    figures[name] = {
      rows: report.rows.map((r) => Object.fromEntries(kept.map((k) => [k, r[k]]))),
      summary: report.summary ?? null,
    };
  }
  return figures;
}

async function books(): Promise<Record<string, unknown>> {
  const sum = async (table: string, column: string): Promise<string> => {
    const [row] = (await db()(table).where({ shop_id: shop.id }).sum({ total: column })) as [
      { total: string | number },
    ];
    return String(row.total);
  };
  return {
    sales: await db()('sales')
      .where({ shop_id: shop.id })
      .orderBy('id')
      .select('id', 'customer_id', 'status', 'total_amount', 'discount_amount', 'tax_amount', 'final_amount'),
    sale_items: await sum('sale_items', 'total_price'),
    sale_payments: await sum('sale_payments', 'amount'),
    repairs: await db()('repairs')
      .where({ shop_id: shop.id })
      .orderBy('id')
      .select('id', 'customer_id', 'status', 'estimated_cost', 'actual_cost', 'parts_cost'),
    repair_payments: await sum('repair_payments', 'amount'),
    loyalty: await sum('loyalty_transactions', 'points'),
    stock: await sum('stock_movements', 'quantity'),
    customer: await db()('customers')
      .where({ id: customerId })
      .first('loyalty_points', 'total_purchases', 'created_at'),
  };
}

describe('erasing a customer', () => {
  const needles = [PERSON.name, PERSON.phone, PERSON.phone.slice(4), PERSON.email, PERSON.id_number];

  it('is refused to Supervisors and Staff, and without the right confirmation', async () => {
    for (const session of [shop.supervisor, shop.staff]) {
      const response = await session.request<Envelope>('POST', `/api/customers/${customerId}/erase`, {
        reason: 'Asked to be forgotten',
        confirm: PERSON.name,
      });
      expect(response.status).toBe(403);
    }
    const wrong = await shop.owner.request<Envelope>('POST', `/api/customers/${customerId}/erase`, {
      reason: 'Asked to be forgotten',
      confirm: 'Zawadi',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.details).toHaveProperty('confirm');
    const noReason = await shop.owner.request<Envelope>('POST', `/api/customers/${customerId}/erase`, {
      reason: ' x ',
      confirm: PERSON.name,
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error?.details).toHaveProperty('reason');
    expect(await copiesInShop(shop.id, needles)).not.toEqual([]);
    expect(await db()('customers').where({ id: customerId }).first('name')).toEqual({ name: PERSON.name });
  });

  it('scrubs every copy of the person, keeps the books and every report, and is audited', async () => {
    const before = { figures: await reportFigures(), books: await books() };
    expect(await copiesInShop(shop.id, needles)).toEqual(
      expect.arrayContaining(['customers.name', 'audit_logs.new_value', 'notifications.message']),
    );

    const response = await shop.owner.request<Envelope<{ id: number; erased_at: string }>>(
      'POST',
      `/api/customers/${customerId}/erase`,
      { reason: `${PERSON.name} asked us by phone to forget her`, confirm: nationalSpaced(PERSON.phone) },
    );
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(response.body.data.id).toBe(customerId);
    expect(Date.parse(response.body.data.erased_at)).not.toBeNaN();

    expect(await copiesInShop(shop.id, needles)).toEqual([]);
    const customer = (await db()('customers').where({ id: customerId }).first()) as Row;
    expect(customer).toMatchObject({
      name: 'Erased customer',
      phone: null,
      email: null,
      address: null,
      id_number: null,
      date_of_birth: null,
      gender: null,
      notes: null,
      erased_by: shop.userIds.owner,
    });
    expect(customer['erased_at']).not.toBeNull();
    // The texts keep what is not about the person.
    expect(await db()('repairs').where({ id: repairId }).first('notes', 'issue_description')).toEqual({
      notes: 'Call [erased] when ready',
      issue_description: 'Screen cracked; [erased] dropped it',
    });

    expect(await books()).toEqual(before.books);
    expect(await reportFigures()).toEqual(before.figures);

    const entry = (await db()('audit_logs')
      .where({ shop_id: shop.id, entity_type: 'customers', entity_id: String(customerId), action: 'erase' })
      .first()) as Row;
    expect(entry).toMatchObject({ user_id: shop.userIds.owner });
    const erasure = entry['new_value'] as {
      reason: string;
      erased_at: string;
      scrubbed: Record<string, number>;
    };
    expect(erasure.reason).toBe('[erased] asked us by phone to forget her');
    expect(erasure.erased_at).toBe(response.body.data.erased_at);
    expect(erasure.scrubbed['repair_status_history']).toBe(1);
    expect(erasure.scrubbed['audit_logs']).toBeGreaterThan(3);
    // The fact of every earlier entry stays.
    const actions = (await db()('audit_logs')
      .where({ shop_id: shop.id, entity_type: 'customers', entity_id: String(customerId) })
      .orderBy('id')
      .pluck('action')) as string[];
    expect(actions).toEqual(
      expect.arrayContaining(['create', 'update', 'adjust_loyalty', 'data_export', 'erase']),
    );
    const event = (await db()('outbox_events')
      .where({ shop_id: shop.id, event_type: 'customer.erased' })
      .first('payload')) as { payload: { data: Row } };
    expect(event.payload.data).toEqual({ customer_id: customerId, erased_at: response.body.data.erased_at });
  });

  it('answers 409 to a second erasure', async () => {
    const again = await shop.owner.request<Envelope>('POST', `/api/customers/${customerId}/erase`, {
      reason: 'Asked again',
      confirm: 'Erased customer',
    });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('CUSTOMER_ERASED');
  });

  it('leaves the person unfindable by name or phone', async () => {
    for (const query of [
      `search=${encodeURIComponent(PERSON.name)}`,
      `filter[phone][_eq]=${encodeURIComponent(PERSON.phone)}`,
      `filter[name][_icontains]=${encodeURIComponent(PERSON.name)}`,
    ]) {
      const found = await shop.owner.call<Row[]>('GET', `/items/customers?${query}`);
      expect(found, query).toEqual([]);
    }
  });

  it('attaches nothing new to the erased customer, but their sale can still be reversed', async () => {
    const stock = (await db()('products').where({ id: productId }).first('stock_quantity')) as Row;
    const sale = await shop.staff.request<Envelope>('POST', '/api/sales', {
      items: [{ product_id: productId, quantity: 1 }],
      payments: [{ method: 'Cash', amount: 10_000 }],
      customer_id: customerId,
    });
    expect(sale.status).toBe(409);
    expect(sale.body.error?.code).toBe('CUSTOMER_ERASED');
    expect(sale.body.error?.message).toMatch(/nothing new can be attached/);
    expect(await db()('products').where({ id: productId }).first('stock_quantity')).toEqual(stock);

    const repair = await shop.supervisor.request<Envelope>('POST', '/api/repairs', {
      customer_id: customerId,
      device: { brand: 'Tecno', model: 'Spark 20', imei_serial: freshImei() },
      issue_description: 'Battery',
      repair_type: 'Battery replacement',
    });
    expect(repair.status).toBe(409);
    expect(repair.body.error?.code).toBe('CUSTOMER_ERASED');

    const refill = await shop.owner.request<{ errors?: { extensions: { code: string } }[] }>(
      'PATCH',
      `/items/customers/${customerId}`,
      { name: PERSON.name },
    );
    expect(refill.status).toBe(409);
    expect(refill.body.errors?.[0]?.extensions.code).toBe('CUSTOMER_ERASED');

    const reversal = await shop.owner.request<Envelope>('POST', `/api/sales/${saleId}/reverse`, {
      reason: 'Returned unopened',
    });
    expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
  });
});

describe('erasing a customer who has a namesake', () => {
  it('scrubs their name from their own records only, and their phone everywhere', async () => {
    const name = `Amani Namesake${suffix}`;
    const [first, second] = [freshPhone(), freshPhone()];
    const ids: number[] = [];
    for (const phone of [first, second]) {
      const [row] = (await db()('customers').insert({ shop_id: other.id, name, phone }).returning('id')) as [
        { id: number },
      ];
      ids.push(row.id);
    }
    const [erased, namesake] = ids as [number, number];
    const otherProduct = await product(other.id);
    const sale = await ok<{ id: number }>(other.owner, 'POST', '/api/sales', {
      items: [{ product_id: otherProduct, quantity: 1 }],
      payments: [{ method: 'Cash', amount: 10_000 }],
      customer_id: erased,
      notes: `For ${name}`,
    });
    const [note] = (await db()('notifications')
      .insert({
        shop_id: other.id,
        user_id: other.userIds.owner,
        title: 'Call back',
        message: `${name} called from ${first}`,
        type: 'info',
      })
      .returning('id')) as [{ id: number }];

    await ok(other.owner, 'POST', `/api/customers/${erased}/erase`, { reason: 'Asked', confirm: first });

    expect(await db()('sales').where({ id: sale.id }).first('notes')).toEqual({ notes: 'For [erased]' });
    // The name alone may be the namesake's: a text outside the erased customer's records keeps it.
    expect(await db()('notifications').where({ id: note.id }).first('message')).toEqual({
      message: `${name} called from [erased]`,
    });
    expect(await db()('customers').where({ id: namesake }).first('name', 'phone')).toEqual({
      name,
      phone: second,
    });
  });
});

describe('data retention', () => {
  it('is read and set by the Owner only, validated field by field, and audited', async () => {
    expect(await shop.owner.call('GET', '/api/shop/retention')).toEqual({
      messages_days: null,
      logs_days: null,
      deleted_records_days: null,
      minimums: { messages_days: 30, logs_days: 365, deleted_records_days: 30 },
      maximum_days: 36_500,
    });
    for (const session of [shop.supervisor, shop.staff]) {
      expect((await session.request('GET', '/api/shop/retention')).status).toBe(403);
      expect(
        (
          await session.request('PUT', '/api/shop/retention', {
            messages_days: null,
            logs_days: null,
            deleted_records_days: null,
          })
        ).status,
      ).toBe(403);
    }
    for (const [body, field, message] of [
      [{ messages_days: 60, logs_days: 100, deleted_records_days: null }, 'logs_days', /at least 365 days/],
      [
        { messages_days: 'soon', logs_days: null, deleted_records_days: null },
        'messages_days',
        /number of days/,
      ],
      [{ messages_days: 45.5, logs_days: null, deleted_records_days: null }, 'messages_days', /whole number/],
      [{ messages_days: 60, logs_days: null }, 'deleted_records_days', /./],
    ] as const) {
      const response = await shop.owner.request<Envelope>('PUT', '/api/shop/retention', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body.error?.code).toBe('VALIDATION_ERROR');
      expect(response.body.error?.details?.[field]?.join(' ')).toMatch(message);
    }

    const set = await shop.owner.call<Row>('PUT', '/api/shop/retention', {
      messages_days: 30,
      logs_days: 365,
      deleted_records_days: 30,
    });
    expect(set).toMatchObject({ messages_days: 30, logs_days: 365, deleted_records_days: 30 });
    expect(
      await db()('settings')
        .where({ shop_id: shop.id })
        .where('setting_key', 'like', 'retention.%')
        .orderBy('setting_key')
        .select('setting_key', 'setting_value'),
    ).toEqual([
      { setting_key: 'retention.deleted_records_days', setting_value: '30' },
      { setting_key: 'retention.logs_days', setting_value: '365' },
      { setting_key: 'retention.messages_days', setting_value: '30' },
    ]);
    const entry = (await db()('audit_logs')
      .where({ shop_id: shop.id, entity_type: 'shops', action: 'update_retention' })
      .first()) as Row;
    expect(entry).toMatchObject({
      user_id: shop.userIds.owner,
      old_value: { messages_days: null, logs_days: null, deleted_records_days: null },
      new_value: { messages_days: 30, logs_days: 365, deleted_records_days: 30 },
    });
  });

  it('purges only what is older than each period, only in that shop, once, and audits it', async () => {
    const daysAgo = (days: number): Date => new Date(Date.now() - days * 86_400_000);
    const seed = async (shopId: number, userId: string) => {
      const notification = async (days: number) =>
        (
          (await db()('notifications')
            .insert({
              shop_id: shopId,
              user_id: userId,
              title: 'Old',
              message: 'x',
              type: 'info',
              created_at: daysAgo(days),
            })
            .returning('id')) as [{ id: number }]
        )[0].id;
      const entry = async (days: number, action = 'update', oldValue: unknown = null) =>
        (
          (await db()('audit_logs')
            .insert({
              shop_id: shopId,
              user_id: userId,
              entity_type: 'products',
              entity_id: '1',
              action,
              old_value: oldValue === null ? null : JSON.stringify(oldValue),
              created_at: daysAgo(days),
            })
            .returning('id')) as [{ id: string }]
        )[0].id;
      const activity = async (days: number) =>
        (
          (await db()('directus_activity')
            .insert({
              action: 'login',
              user: userId,
              timestamp: daysAgo(days),
              collection: 'directus_users',
              item: userId,
            })
            .returning('id')) as [{ id: number }]
        )[0].id;
      const event = async (days: number, status: string) =>
        (
          (await db()('outbox_events')
            .insert({
              shop_id: shopId,
              event_type: 'sale.created',
              payload: '{}',
              status,
              created_at: daysAgo(days),
              // Fanned out already: the delivery engine leaves the event's state alone.
              fanned_out_at: daysAgo(days),
            })
            .returning('id')) as [{ id: string }]
        )[0].id;
      return {
        oldNotification: await notification(31),
        newNotification: await notification(29),
        oldEntry: await entry(366),
        newEntry: await entry(300),
        oldCopy: await entry(31, 'delete', { name: 'Deleted product' }),
        newCopy: await entry(29, 'delete', { name: 'Recently deleted product' }),
        oldActivity: await activity(366),
        newActivity: await activity(300),
        oldDelivered: await event(31, 'delivered'),
        oldPending: await event(31, 'pending'),
      };
    };
    const mine = await seed(shop.id, shop.userIds.staff);
    const theirs = await seed(other.id, other.userIds.staff);

    await purgeExpiredData(db());

    const exists = async (table: string, id: number | string): Promise<boolean> =>
      (await db()(table).where({ id }).first('id')) !== undefined;
    expect(await exists('notifications', mine.oldNotification)).toBe(false);
    expect(await exists('notifications', mine.newNotification)).toBe(true);
    expect(await exists('audit_logs', mine.oldEntry)).toBe(false);
    expect(await exists('audit_logs', mine.newEntry)).toBe(true);
    expect(await exists('directus_activity', mine.oldActivity)).toBe(false);
    expect(await exists('directus_activity', mine.newActivity)).toBe(true);
    expect(await exists('outbox_events', mine.oldDelivered)).toBe(false);
    expect(await exists('outbox_events', mine.oldPending)).toBe(true);
    // A deleted record's copy goes, the fact of its deletion stays.
    expect(await db()('audit_logs').where({ id: mine.oldCopy }).first('action', 'old_value')).toEqual({
      action: 'delete',
      old_value: null,
    });
    expect(await db()('audit_logs').where({ id: mine.newCopy }).first('old_value')).toEqual({
      old_value: { name: 'Recently deleted product' },
    });
    // The other shop keeps everything: it has no retention setting.
    for (const [table, id] of [
      ['notifications', theirs.oldNotification],
      ['audit_logs', theirs.oldEntry],
      ['directus_activity', theirs.oldActivity],
      ['outbox_events', theirs.oldDelivered],
    ] as const)
      expect(await exists(table, id), `${table} ${id}`).toBe(true);
    expect(await db()('audit_logs').where({ id: theirs.oldCopy }).first('old_value')).toEqual({
      old_value: { name: 'Deleted product' },
    });

    // One entry per purge with its counts (the instance's own hourly purge may have taken a part).
    const purges = async (): Promise<Row[]> =>
      (await db()('audit_logs')
        .where({ shop_id: shop.id, entity_type: 'shops', action: 'retention_purge' })
        .select('user_id', 'new_value')) as Row[];
    const entries = await purges();
    expect(entries.length).toBeGreaterThan(0);
    const totals: Record<string, number> = {};
    for (const entry of entries) {
      expect(entry['user_id']).toBeNull();
      for (const [kind, counts] of Object.entries(entry['new_value'] as Record<string, Row>))
        for (const [what, n] of Object.entries(counts))
          if (what !== 'before') totals[`${kind}.${what}`] = (totals[`${kind}.${what}`] ?? 0) + Number(n);
    }
    expect(totals).toEqual({
      'messages.notifications': 1,
      'messages.events': 1,
      'logs.audit_logs': 1,
      'logs.activity': 1,
      'deleted_records.audit_copies': 1,
    });
    expect(
      await db()('audit_logs').where({ shop_id: other.id, action: 'retention_purge' }).first(),
    ).toBeUndefined();

    // Idempotent: nothing older is left, so nothing is purged nor audited again.
    expect((await purgeExpiredData(db())).get(shop.id)).toBeUndefined();
    expect(await purges()).toHaveLength(entries.length);
  });

  it('keeps the audit trail append-only outside the purge, and a year at least within it', async () => {
    const [young] = (await db()('audit_logs')
      .insert({
        shop_id: shop.id,
        entity_type: 'products',
        entity_id: '1',
        action: 'update',
        created_at: new Date(Date.now() - 200 * 86_400_000),
      })
      .returning('id')) as [{ id: string }];
    await expect(db()('audit_logs').where({ id: young.id }).delete()).rejects.toThrow(/append-only/);
    await expect(db()('audit_logs').where({ id: young.id }).update({ action: 'create' })).rejects.toThrow(
      /append-only/,
    );
    await expect(
      db().transaction(async (trx) => {
        await trx.raw("SELECT set_config('phone_shop.retention_purge', 'on', true)");
        await trx('audit_logs').where({ id: young.id }).delete();
      }),
    ).rejects.toThrow(/append-only/);
    // The scrub switch lets only the values change, never the fact of the entry.
    await expect(
      db().transaction(async (trx) => {
        await trx.raw("SELECT set_config('phone_shop.privacy_scrub', 'on', true)");
        await trx('audit_logs').where({ id: young.id }).update({ action: 'create' });
      }),
    ).rejects.toThrow(/append-only/);
  });
});
