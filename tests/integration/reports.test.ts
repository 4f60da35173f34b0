// Reports, dashboards and metrics against a dataset built in a shop of its own: sales with line and
// sale discounts and tax, a split payment, a sale at 23:30 and one ten minutes after midnight (shop
// time), a reversal the next day, a delivered repair with a part and its payment, approved and pending
// expenses. Every expected figure is computed here from those inputs, not read from the API.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../directus/admin-client.ts';
import { closeDb, db } from '../support/context.ts';
import { freshImei, freshPhone, todayInKampala } from '../support/fixtures.ts';
import { freshShop, type TestShop } from '../support/shops.ts';

afterAll(closeDb);

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string };
}
interface Report {
  report: string;
  period: { from: string; to: string } | null;
  columns: { key: string; label: string; type: string }[];
  rows: Record<string, string | number | boolean | null>[];
  summary?: { label: string; value: string | number | null }[];
}

// Kampala is UTC+3 all year: a local time is the UTC time three hours earlier.
const D1 = '2026-10-05';
const D2 = '2026-10-06';
const D3 = '2026-10-07';
const local = (day: string, time: string): Date => new Date(Date.parse(`${day}T${time}:00+03:00`));

const TAX_BP = 1_800;
const tax = (net: number): number => Math.round((net * TAX_BP) / 10_000);
const P1 = { price: 10_000, cost: 6_000 };
const P2 = { price: 25_000, cost: 15_000 };
const P3 = { price: 1_000, cost: 400 };

// Sale A (Staff, D1 10:00): 2 × P1 with 1,000 off the line, 1 × P2, 2,000 off the sale, cash.
const A = { gross: 2 * P1.price + P2.price, discounts: 1_000 + 2_000, cost: 2 * P1.cost + P2.cost };
const aNet = A.gross - A.discounts;
const aFinal = aNet + tax(aNet);
// Sale B (Supervisor, D1 23:30): 1 × P2, split 20,000 MTN and the rest in cash.
const bNet = P2.price;
const bFinal = bNet + tax(bNet);
// Sale C (Staff, D2 09:00): 3 × P3 to a customer, Airtel Money.
const cNet = 3 * P3.price;
const cFinal = cNet + tax(cNet);
// Sale A is reversed by the Owner on D2 at 15:00. Sale E (Staff) is at 00:10 on D3, outside D1-D2.
const REPAIR_PAID = 30_000;
const PART_COST = P3.cost;
const EXPENSE_APPROVED = 5_000;
const EXPENSE_PENDING = 2_000;

let shop: TestShop;
let products: { p1: number; p2: number; p3: number };
let customerId: number;

async function sell(session: Session, body: Record<string, unknown>, at: Date): Promise<number> {
  const sale = await session.request<Envelope<{ id: number }>>('POST', '/api/sales', body);
  expect(sale.status, JSON.stringify(sale.body)).toBe(201);
  await backdate(sale.body.data.id, at);
  return sale.body.data.id;
}

/**
 * The sale and its payments happened at `at`. The stock ledger is append-only (even for tests), so
 * its movements keep the time they were written: today.
 */
async function backdate(saleId: number, at: Date): Promise<void> {
  await db()('sales').where({ id: saleId }).update({ created_at: at });
  await db()('sale_payments').where({ sale_id: saleId }).update({ created_at: at });
}

async function report(session: Session, name: string, query = `from=${D1}&to=${D2}`): Promise<Report> {
  const response = await session.request<Envelope<Report>>('GET', `/api/reports/${name}?${query}`);
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data;
}

const rowBy = (r: Report, key: string, value: unknown): Record<string, unknown> | undefined =>
  r.rows.find((row) => row[key] === value);

beforeAll(async () => {
  shop = await freshShop('Reports Phone Centre', 'RPC');
  await db()('settings').insert({
    shop_id: shop.id,
    setting_key: 'tax.rate_bp',
    setting_value: String(TAX_BP),
  });
  const insertProduct = async (
    name: string,
    p: { price: number; cost: number },
    stock: number,
    min: number,
  ) =>
    (
      (await db()('products')
        .insert({
          shop_id: shop.id,
          name,
          category: name.startsWith('Case') ? 'Accessories' : 'Phones',
          selling_price: p.price,
          cost_price: p.cost,
          stock_quantity: stock,
          min_stock_level: min,
        })
        .returning('id')) as [{ id: number }]
    )[0].id;
  products = {
    p1: await insertProduct('Tecno Spark 20', P1, 50, 2),
    p2: await insertProduct('Samsung A15', P2, 10, 1),
    p3: await insertProduct('Case clear', P3, 8, 5),
  };
  customerId = (
    await shop.staff.call<{ id: number }>('POST', '/items/customers', {
      name: 'Grace Nakato',
      phone: freshPhone(),
    })
  ).id;

  const saleA = await sell(
    shop.staff,
    {
      items: [
        { product_id: products.p1, quantity: 2, discount_amount: 1_000 },
        { product_id: products.p2, quantity: 1 },
      ],
      discount_amount: 2_000,
      payments: [{ method: 'Cash', amount: aFinal }],
    },
    local(D1, '10:00'),
  );
  await sell(
    shop.supervisor,
    {
      items: [{ product_id: products.p2, quantity: 1 }],
      payments: [
        { method: 'MTN Mobile Money', amount: 20_000 },
        { method: 'Cash', amount: bFinal - 20_000 },
      ],
    },
    local(D1, '23:30'),
  );
  await sell(
    shop.staff,
    {
      customer_id: customerId,
      items: [{ product_id: products.p3, quantity: 3 }],
      payments: [{ method: 'Airtel Money', amount: cFinal }],
    },
    local(D2, '09:00'),
  );
  const reversed = await shop.owner.request<Envelope<{ reversal_id?: number }>>(
    'POST',
    `/api/sales/${saleA}/reverse`,
    { reason: 'customer returned the phones' },
  );
  expect(reversed.status, JSON.stringify(reversed.body)).toBe(201);
  const reversal = (await db()('sales').where({ reversal_of: saleA }).first('id')) as { id: number };
  await backdate(reversal.id, local(D2, '15:00'));
  await sell(
    shop.staff,
    {
      items: [{ product_id: products.p1, quantity: 1 }],
      payments: [{ method: 'Cash', amount: P1.price + tax(P1.price) }],
    },
    local(D3, '00:10'),
  );

  // A repair received on D1, with a part, completed and delivered (paid by MTN) on D2.
  const repair = await shop.supervisor.call<{ id: number }>('POST', '/api/repairs', {
    customer: { name: 'Peter Ssemanda', phone: freshPhone() },
    device: { brand: 'Tecno', model: 'Camon 20', imei_serial: freshImei() },
    issue_description: 'Broken screen',
    repair_type: 'Screen replacement',
    estimated_cost: 35_000,
    estimated_completion: D3,
    technician_id: shop.userIds.supervisor,
  });
  await shop.supervisor.call('POST', `/api/repairs/${repair.id}/parts`, {
    product_id: products.p3,
    quantity: 1,
  });
  for (const status of ['Diagnosed', 'In Progress', 'Quality Check', 'Completed'])
    await shop.supervisor.call('POST', `/api/repairs/${repair.id}/status`, { status });
  await shop.supervisor.call('POST', `/api/repairs/${repair.id}/status`, {
    status: 'Delivered',
    actual_cost: REPAIR_PAID,
    payments: [{ method: 'MTN Mobile Money', amount: REPAIR_PAID }],
  });
  await db()('repairs')
    .where({ id: repair.id })
    .update({
      created_at: local(D1, '08:00'),
      actual_completion: local(D2, '12:00'),
      delivered_at: local(D2, '12:30'),
    });
  await db()('repair_payments')
    .where({ repair_id: repair.id })
    .update({ created_at: local(D2, '12:30') });
  await db()('repair_parts')
    .where({ repair_id: repair.id })
    .update({ created_at: local(D2, '11:00') });

  // Expenses on D2: one approved, paid in cash; one still pending.
  for (const [amount, category, approve] of [
    [EXPENSE_APPROVED, 'Transport', true],
    [EXPENSE_PENDING, 'Utilities', false],
  ] as const) {
    const expense = await shop.supervisor.call<{ id: number }>('POST', '/api/expenses', {
      category,
      description: `${category} on ${D2}`,
      amount,
      payment_method: 'Cash',
      expense_date: D2,
    });
    if (approve) await shop.owner.call('POST', `/api/expenses/${expense.id}/approve`, {});
  }
});

describe('sales reports', () => {
  it('daily summary: sales and reversals on their own local days, discounts, tax, cost and profit', async () => {
    const summary = await report(shop.owner, 'sales/daily-summary');
    expect(summary.rows.map((r) => r['day'])).toEqual([D1, D2]);
    expect(rowBy(summary, 'day', D1)).toMatchObject({
      sales: 2,
      reversals: 0,
      gross: A.gross + P2.price,
      discounts: A.discounts,
      returns: 0,
      net: aNet + bNet,
      tax: tax(aNet) + tax(bNet),
      collected: aFinal + bFinal,
      cost: A.cost + P2.cost,
      profit: aNet + bNet - A.cost - P2.cost,
    });
    expect(rowBy(summary, 'day', D2)).toMatchObject({
      sales: 1,
      reversals: 1,
      gross: cNet,
      discounts: 0,
      returns: -aNet,
      net: cNet - aNet,
      tax: tax(cNet) - tax(aNet),
      collected: cFinal - aFinal,
      cost: 3 * P3.cost - A.cost,
    });
  });

  it('puts the 00:10 sale on the next local day, not on the UTC day it shares with D2', async () => {
    const d3 = await report(shop.owner, 'sales/daily-summary', `from=${D3}&to=${D3}`);
    expect(d3.rows).toHaveLength(1);
    expect(d3.rows[0]).toMatchObject({ day: D3, sales: 1, net: P1.price });
  });

  it('by payment method: split payments per method, the refund negative', async () => {
    const byMethod = await report(shop.owner, 'sales/by-payment-method');
    expect(rowBy(byMethod, 'method', 'Cash')).toMatchObject({
      received: aFinal + bFinal - 20_000,
      refunded: aFinal,
      net: bFinal - 20_000,
    });
    expect(rowBy(byMethod, 'method', 'MTN Mobile Money')).toMatchObject({ net: 20_000 });
    expect(rowBy(byMethod, 'method', 'Airtel Money')).toMatchObject({ net: cFinal });
  });

  it('by product and by staff: the reversal takes back its lines and counts against the seller', async () => {
    const byProduct = await report(shop.owner, 'sales/by-product');
    expect(rowBy(byProduct, 'product_id', products.p1)).toMatchObject({ quantity: 0, revenue: 0, profit: 0 });
    expect(rowBy(byProduct, 'product_id', products.p2)).toMatchObject({
      quantity: 1,
      revenue: P2.price,
      cost: P2.cost,
    });
    expect(rowBy(byProduct, 'product_id', products.p3)).toMatchObject({ quantity: 3, revenue: cNet });
    const byStaff = await report(shop.owner, 'sales/by-staff');
    expect(rowBy(byStaff, 'user_id', shop.userIds.staff)).toMatchObject({
      sales: 2,
      reversals: 1,
      net: cNet,
    });
    expect(rowBy(byStaff, 'user_id', shop.userIds.supervisor)).toMatchObject({ sales: 1, net: bNet });
  });

  it('trends list every day of the period, days without sales as zero', async () => {
    const trends = await report(shop.owner, 'sales/trends', `from=2026-10-04&to=${D2}`);
    expect(trends.rows.map((r) => [r['day'], r['sales'], r['net']])).toEqual([
      ['2026-10-04', 0, 0],
      [D1, 2, aNet + bNet],
      [D2, 1, cNet - aNet],
    ]);
  });
});

describe('financial reports', () => {
  it('profit and loss: revenue, cost of goods and parts, expenses, tax kept apart', async () => {
    const pl = await report(shop.owner, 'financial/profit-loss');
    const line = (key: string): unknown => rowBy(pl, 'line', key)?.['amount'];
    const netSales = aNet + bNet + cNet - aNet;
    const cogs = A.cost + P2.cost + 3 * P3.cost - A.cost;
    expect(line('net_sales')).toBe(netSales);
    expect(line('repair_revenue')).toBe(REPAIR_PAID);
    expect(line('cost_of_goods')).toBe(-cogs);
    expect(line('parts_cost')).toBe(-PART_COST);
    expect(line('gross_profit')).toBe(netSales + REPAIR_PAID - cogs - PART_COST);
    expect(line('expenses')).toBe(-EXPENSE_APPROVED);
    expect(line('net_profit')).toBe(netSales + REPAIR_PAID - cogs - PART_COST - EXPENSE_APPROVED);
    expect(line('tax_collected')).toBe(tax(aNet) + tax(bNet) + tax(cNet) - tax(aNet));
  });

  it('cash flow per method: sales, repairs, refunds and approved expenses', async () => {
    const flow = await report(shop.owner, 'financial/cash-flow');
    expect(rowBy(flow, 'method', 'Cash')).toMatchObject({
      sales_in: aFinal + bFinal - 20_000,
      refunds_out: aFinal,
      expenses_out: EXPENSE_APPROVED,
      net: bFinal - 20_000 - EXPENSE_APPROVED,
    });
    expect(rowBy(flow, 'method', 'MTN Mobile Money')).toMatchObject({
      sales_in: 20_000,
      repairs_in: REPAIR_PAID,
      net: 20_000 + REPAIR_PAID,
    });
  });

  it('expense breakdown and tax report', async () => {
    const expenses = await report(shop.owner, 'financial/expenses');
    expect(rowBy(expenses, 'category', 'Transport')).toMatchObject({
      approved: EXPENSE_APPROVED,
      pending: 0,
    });
    expect(rowBy(expenses, 'category', 'Utilities')).toMatchObject({ approved: 0, pending: EXPENSE_PENDING });
    const taxReport = await report(shop.owner, 'financial/tax');
    expect(rowBy(taxReport, 'day', D1)).toMatchObject({ taxable: aNet + bNet, tax: tax(aNet) + tax(bNet) });
    expect(rowBy(taxReport, 'day', D2)).toMatchObject({ taxable: cNet - aNet, tax: tax(cNet) - tax(aNet) });
  });
});

describe('repair, inventory, customer and staff reports', () => {
  it('repairs: by status, revenue with parts, technician and average time', async () => {
    expect(rowBy(await report(shop.owner, 'repairs/by-status'), 'status', 'Delivered')).toMatchObject({
      repairs: 1,
    });
    const revenue = await report(shop.owner, 'repairs/revenue');
    expect(rowBy(revenue, 'day', D2)).toMatchObject({ revenue: REPAIR_PAID, parts_cost: PART_COST });
    const technicians = await report(shop.owner, 'repairs/technicians');
    expect(rowBy(technicians, 'user_id', shop.userIds.supervisor)).toMatchObject({
      completed: 1,
      on_time: 1,
      average_hours: 28, // D1 08:00 to D2 12:00
    });
    expect((await report(shop.owner, 'repairs/average-time')).summary?.[1]?.value).toBe(28);
  });

  it('inventory: stock levels with cost for Owners only, low stock, movements of the period', async () => {
    const levels = await report(shop.owner, 'inventory/stock-levels');
    // P3: 8 in stock, 3 sold, 1 used in the repair.
    expect(rowBy(levels, 'product_id', products.p3)).toMatchObject({ stock_quantity: 4, low: true });
    expect(levels.columns.some((c) => c.key === 'value_at_cost')).toBe(true);
    const low = await report(shop.owner, 'inventory/low-stock');
    expect(low.rows.map((r) => r['product_id'])).toEqual([products.p3]);
    const today = todayInKampala();
    const movements = await report(shop.owner, 'inventory/movements', `from=${today}&to=${today}`);
    const moves = (product: number): unknown[] =>
      movements.rows
        .filter((r) => r['product_id'] === product)
        .map((r) => [r['movement_type'], r['quantity']])
        .reverse();
    // Sold 2, given back by the reversal, then 1 sold after midnight.
    expect(moves(products.p1)).toEqual([
      ['sale', -2],
      ['reversal', 2],
      ['sale', -1],
    ]);
    expect(moves(products.p3)).toEqual([
      ['sale', -3],
      ['repair_part', -1],
    ]);
  });

  it('customers: lifetime value and top customers net of reversals', async () => {
    const top = await report(shop.owner, 'customers/top');
    expect(rowBy(top, 'customer_id', customerId)).toMatchObject({ purchases: 1, paid: cFinal });
    const ltv = await report(shop.owner, 'customers/lifetime-value');
    expect(rowBy(ltv, 'customer_id', customerId)).toMatchObject({ lifetime_value: cFinal, purchases: 1 });
    // Instants as the API gives every instant: ISO text in UTC, to the millisecond.
    const sale = (await db()('sales')
      .where({ customer_id: customerId, kind: 'sale' })
      .first('created_at')) as {
      created_at: Date;
    };
    const customer = (await db()('customers').where({ id: customerId }).first('created_at')) as {
      created_at: Date;
    };
    expect(rowBy(ltv, 'customer_id', customerId)).toMatchObject({
      customer_since: customer.created_at.toISOString(),
      first_purchase: sale.created_at.toISOString(),
      last_purchase: sale.created_at.toISOString(),
    });
  });

  it('staff performance scores the team and attendance reads the sign-ins', async () => {
    const performance = await report(shop.owner, 'staff/performance');
    const supervisor = rowBy(performance, 'user_id', shop.userIds.supervisor);
    // The Supervisor sold the most net and did the only repair, on time: the full score.
    expect(supervisor).toMatchObject({ net_sales: bNet, repairs_completed: 1, score: 100 });
    const today = todayInKampala();
    const attendance = await report(shop.owner, 'staff/attendance', `from=${today}&to=${today}`);
    expect(rowBy(attendance, 'user_id', shop.userIds.staff)?.['logins']).toBeGreaterThanOrEqual(1);
  });
});

describe('rights', () => {
  it('a Supervisor sees the limited set: no profit and loss, no cost or profit columns', async () => {
    const pl = await shop.supervisor.request<Envelope<unknown>>(
      'GET',
      `/api/reports/financial/profit-loss?from=${D1}&to=${D2}`,
    );
    expect(pl.status).toBe(403);
    expect((await shop.supervisor.request('GET', '/api/reports/sales/profit')).status).toBe(403);
    const summary = await report(shop.supervisor, 'sales/daily-summary');
    expect(summary.columns.map((c) => c.key)).not.toContain('cost');
    expect(summary.rows.every((r) => !('profit' in r) && !('cost' in r))).toBe(true);
    expect(rowBy(summary, 'day', D1)).toMatchObject({ net: aNet + bNet });
    const levels = await report(shop.supervisor, 'inventory/stock-levels');
    expect(levels.columns.map((c) => c.key)).not.toContain('value_at_cost');
    const list = await shop.supervisor.call<{ name: string }[]>('GET', '/api/reports');
    expect(list.map((r) => r.name)).not.toContain('financial/profit-loss');
  });

  it('Staff get no report, only their own dashboard', async () => {
    expect((await shop.staff.request('GET', `/api/reports/sales/daily-summary`)).status).toBe(403);
    expect(await shop.staff.call('GET', '/api/reports')).toEqual([]);
    const mine = await shop.staff.call<{ role: string; widgets: Record<string, unknown> }>(
      'GET',
      `/api/dashboard?to=${D1}`,
    );
    expect(mine.role).toBe('Staff');
    expect(mine.widgets['today_sales']).toEqual({
      count: { value: 1, previous: 0, change_bp: null },
      value: { value: aNet, previous: 0, change_bp: null },
    });
    expect(mine.widgets['quick_actions']).toContain('new_sale');
    expect(mine.widgets['quick_actions']).not.toContain('new_expense');
  });

  it('refuses a bad period, naming the field', async () => {
    const bad = await shop.owner.request<Envelope<unknown>>(
      'GET',
      '/api/reports/sales/trends?from=2026-13-01',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toContain('from');
    const reversed = await shop.owner.request<Envelope<unknown>>(
      'GET',
      `/api/reports/sales/trends?from=${D2}&to=${D1}`,
    );
    expect(reversed.status).toBe(400);
    expect((await shop.owner.request('GET', '/api/reports/sales/unknown')).status).toBe(404);
  });
});

describe('dashboards and metrics', () => {
  it('the Supervisor’s day: revenue against the day before, pending approvals, alerts, repairs', async () => {
    const board = await shop.supervisor.call<{ widgets: Record<string, Record<string, unknown>> }>(
      'GET',
      `/api/dashboard?to=${D2}`,
    );
    expect(board.widgets['today_revenue']).toEqual({
      value: cNet - aNet + REPAIR_PAID,
      previous: aNet + bNet,
      change_bp: Math.round(((cNet - aNet + REPAIR_PAID - (aNet + bNet)) * 10_000) / (aNet + bNet)),
    });
    expect(board.widgets['pending_approvals']).toMatchObject({ expenses: 1 });
    expect(board.widgets['inventory_alerts']).toMatchObject({ count: 1 });
  });

  it('the Owner’s period against the one before, with margins and system health', async () => {
    const board = await shop.owner.call<{
      period: { from: string; to: string };
      previous_period: { from: string; to: string };
      widgets: Record<string, Record<string, unknown>>;
    }>('GET', `/api/dashboard?from=${D1}&to=${D2}`);
    expect(board.previous_period).toEqual({ from: '2026-10-03', to: '2026-10-04' });
    const netSales = bNet + cNet;
    const grossProfit = netSales + REPAIR_PAID - (P2.cost + 3 * P3.cost) - PART_COST;
    expect(board.widgets['profit_margin']?.['gross_profit']).toEqual({
      value: grossProfit,
      previous: 0,
      change_bp: null,
    });
    expect(board.widgets['system_health']).toMatchObject({
      subscription_plan: 'professional',
      active_users: 3,
    });
    expect(Array.isArray(board.widgets['top_products'])).toBe(true);
  });

  it('metrics: average transaction value; the forecast says its method and its backtest', async () => {
    const metrics = await shop.owner.call<Record<string, Record<string, unknown>>>(
      'GET',
      `/api/reports/metrics?from=${D1}&to=${D2}`,
    );
    expect(metrics['average_transaction_value']?.['value']).toBe(Math.round((aNet + bNet + cNet - aNet) / 3));
    expect(metrics['inventory_turnover']).toBeDefined();
    const supervisorMetrics = await shop.supervisor.call<Record<string, unknown>>(
      'GET',
      '/api/reports/metrics',
    );
    expect(supervisorMetrics['inventory_turnover']).toBeUndefined();
    const forecast = await shop.owner.call<{
      forecast: unknown[];
      method: string;
      backtest: { horizon: number };
    }>('GET', '/api/reports/forecast?horizon=7');
    expect(forecast.forecast).toHaveLength(7);
    expect(forecast.method).toContain('weekday');
    expect(forecast.backtest.horizon).toBe(7);
  });
});

describe('exports of a report', () => {
  it('gives the same daily summary as JSON, CSV, XLSX and PDF', async () => {
    const json = await report(shop.owner, 'sales/daily-summary');
    const download = async (format: string): Promise<Response> => {
      const response = await fetch(
        `${shop.owner.baseUrl}/api/reports/sales/daily-summary?from=${D1}&to=${D2}&format=${format}`,
        { headers: { authorization: `Bearer ${shop.owner.token}` } },
      );
      expect(response.status).toBe(200);
      return response;
    };
    const csvText = await (await download('csv')).text();
    const records = parse(csvText.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(records.map((r) => Number(r['Net sales']))).toEqual(json.rows.map((r) => r['net']));
    expect(records.map((r) => r['Day'])).toEqual([D1, D2]);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await (await download('xlsx')).arrayBuffer());
    const sheet = workbook.worksheets[0];
    const values: unknown[] = [];
    sheet?.eachRow((row) => {
      row.eachCell((cell) => {
        values.push(cell.value);
      });
    });
    for (const row of json.rows) expect(values).toContain(row['net']);

    const pdf = await extractText(
      await getDocumentProxy(new Uint8Array(await (await download('pdf')).arrayBuffer())),
      {
        mergePages: true,
      },
    );
    expect(pdf.text).toContain('Daily sales summary');
    expect(pdf.text).toContain('Reports Phone Centre');
    expect(pdf.text.replace(/\s+/g, ' ')).toContain((aNet + bNet).toLocaleString('en'));

    const file = (await (await download('json')).json()) as { data: { rows: Record<string, unknown>[] } };
    expect(file.data.rows.map((r) => r['net'])).toEqual(json.rows.map((r) => r['net']));
  });
});
