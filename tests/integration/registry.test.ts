// Devices and customers through /api: search by IMEI or serial, repair history, the CSV import of
// 10,000 rows with a result per row, purchases with lifetime value, owned devices, loyalty points.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, baseUrl, closeDb, db, shopIds } from '../support/context.ts';
import { imeiFromBody } from '../../extensions/phone-shop/src/domain/imei.ts';
import { freshImei } from '../support/fixtures.ts';

afterAll(closeDb);

interface Envelope<T> {
  success: boolean;
  data: T;
  message: string;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

let shops: { kampala: number; entebbe: number };
beforeAll(async () => {
  shops = await shopIds();
});

describe('devices', () => {
  it('finds a device by IMEI or by the start of a serial, with its owner, in the caller’s shop only', async () => {
    const staff = await as('kampalaStaff');
    const device = (await db()('devices')
      .where({ shop_id: shops.kampala })
      .whereNotNull('customer_id')
      .first()) as { id: number; imei_serial: string };
    const exact = await staff.request<Envelope<{ id: number; customer_name: string | null }[]>>(
      'GET',
      `/api/devices/search?q=${device.imei_serial}`,
    );
    expect(exact.body.data[0]?.id).toBe(device.id);
    expect(exact.body.data[0]?.customer_name).toBeTruthy();
    const entebbe = (await db()('devices').where({ shop_id: shops.entebbe }).first()) as {
      imei_serial: string;
    };
    const foreign = await staff.request<Envelope<{ id: number }[]>>(
      'GET',
      `/api/devices/search?q=${entebbe.imei_serial}`,
    );
    expect(foreign.body.data).toEqual([]);
  });

  it('lists the repairs of a device', async () => {
    const repair = (await db()('repairs')
      .where({ shop_id: shops.kampala })
      .whereNotNull('device_id')
      .first()) as { id: number; device_id: number };
    const owner = await as('kampalaOwner');
    const response = await owner.request<Envelope<{ id: number }[]>>(
      'GET',
      `/api/devices/${repair.device_id}/repairs`,
    );
    expect(response.body.data.map((r) => r.id)).toContain(repair.id);
    const entebbeDevice = (await db()('devices').where({ shop_id: shops.entebbe }).first()) as { id: number };
    expect((await owner.request('GET', `/api/devices/${entebbeDevice.id}/repairs`)).status).toBe(404);
  });

  it('imports a CSV of 10,000 rows with a result for every row: created, duplicate, or the error and field', async () => {
    const owner = await as('kampalaOwner');
    const existing = (await db()('devices').where({ shop_id: shops.kampala }).first()) as {
      imei_serial: string;
    };
    const base = `86${String(Date.now()).slice(-8)}`;
    const lines = ['brand,model,imei_serial,storage,condition,selling_price'];
    for (let i = 0; i < 10_000; i++)
      lines.push(`Tecno,Spark 20,${imeiFromBody(`${base}${String(i).padStart(4, '0')}`)},128GB,New,520000`);
    lines[10] = `Tecno,Spark 20,${existing.imei_serial},128GB,New,520000`; // already in the shop
    lines[20] = lines[21] ?? ''; // the same IMEI twice in the file
    lines[30] = 'Tecno,Spark 20,490154203237517,128GB,New,520000'; // wrong check digit
    lines[40] = 'Tecno,,353456789012348,128GB,New,520000'; // no model
    lines[50] = `Tecno,Spark 20,${imeiFromBody(`${base}9999`)},128GB,Mint,520000`; // unknown condition
    lines[60] = `Tecno,Spark 20,${imeiFromBody(`${base}9998`)},128GB,New,cheap`; // not an amount
    const response = await fetch(`${baseUrl()}/api/devices/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      body: lines.join('\n'),
    });
    const body = (await response.json()) as Envelope<{
      summary: Record<string, number>;
      rows: { row: number; status: string; field?: string; message?: string }[];
    }>;
    expect(response.status, JSON.stringify(body).slice(0, 500)).toBe(200);
    const { summary, rows } = body.data;
    expect(summary).toEqual({ rows: 10_000, created: 9_994, skipped: 2, error: 4 });
    expect(rows).toHaveLength(10_000);
    const byRow = new Map(rows.map((r) => [r.row, r]));
    expect(byRow.get(11)).toMatchObject({ status: 'skipped', message: 'already registered in your shop' });
    expect(byRow.get(22)).toMatchObject({
      status: 'skipped',
      message: 'duplicate of an earlier row of the file',
    });
    expect(byRow.get(31)).toMatchObject({ status: 'error', field: 'imei_serial' });
    expect(byRow.get(41)).toMatchObject({ status: 'error', field: 'model' });
    expect(byRow.get(51)).toMatchObject({ status: 'error', field: 'condition' });
    expect(byRow.get(61)).toMatchObject({ status: 'error', field: 'selling_price' });
    const stored = await db()('devices')
      .where({ shop_id: shops.kampala })
      .whereLike('imei_serial', `${base}%`)
      .count({ n: '*' })
      .first();
    expect(stored).toEqual({ n: 9994 });
  });

  it('refuses the import to Staff and an empty file', async () => {
    const staff = await as('kampalaStaff');
    expect(
      (
        await staff.request('POST', '/api/devices/import', {
          csv: 'brand,model,imei_serial\nTecno,Spark,SN-1234',
        })
      ).status,
    ).toBe(403);
    const owner = await as('kampalaOwner');
    const empty = await owner.request<Envelope<unknown>>('POST', '/api/devices/import', {
      csv: 'brand,model,imei_serial\n',
    });
    expect(empty.status).toBe(400);
    expect(Object.keys(empty.body.error?.details ?? {})).toEqual(['csv']);
  });
});

describe('customers', () => {
  it('shows purchases with lifetime value net of reversals, and owned devices', async () => {
    const owner = await as('kampalaOwner');
    const [customer] = (await db()('customers')
      .insert({
        shop_id: shops.kampala,
        name: 'Lifetime Customer',
        phone: `+2567${String(Date.now()).slice(-8)}`,
      })
      .returning('id')) as [{ id: number }];
    const [product] = (await db()('products')
      .insert({
        shop_id: shops.kampala,
        name: `LTV item ${randomUUID().slice(0, 6)}`,
        category: 'Audio',
        selling_price: 40_000,
        stock_quantity: 10,
      })
      .returning('id')) as [{ id: number }];
    const [device] = (await db()('devices')
      .insert({
        shop_id: shops.kampala,
        brand: 'Itel',
        model: 'A70',
        imei_serial: freshImei(),
        selling_price: 285_000,
      })
      .returning('id')) as [{ id: number }];
    const first = await owner.request<Envelope<{ id: number }>>('POST', '/api/sales', {
      customer_id: customer.id,
      items: [{ product_id: product.id, quantity: 2 }],
      payments: [{ method: 'Cash', amount: 80_000 }],
    });
    const second = await owner.request<Envelope<{ id: number }>>('POST', '/api/sales', {
      customer_id: customer.id,
      items: [{ device_id: device.id, quantity: 1 }],
      payments: [{ method: 'MTN Mobile Money', amount: 285_000 }],
    });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(
      (await owner.request('POST', `/api/sales/${first.body.data.id}/reverse`, { reason: 'Returned' }))
        .status,
    ).toBe(201);
    const purchases = await owner.request<
      Envelope<{ lifetime_value: number; purchase_count: number; sales: unknown[] }>
    >('GET', `/api/customers/${customer.id}/purchases`);
    expect(purchases.body.data).toMatchObject({ lifetime_value: 285_000, purchase_count: 1 });
    expect(purchases.body.data.sales).toHaveLength(3);
    const devices = await owner.request<Envelope<{ id: number }[]>>(
      'GET',
      `/api/customers/${customer.id}/devices`,
    );
    expect(devices.body.data.map((d) => d.id)).toEqual([device.id]);
    const customerRow = (await db()('customers').where({ id: customer.id }).first()) as {
      total_purchases: number;
      loyalty_points: number;
    };
    expect(customerRow).toMatchObject({ total_purchases: 285_000, loyalty_points: 285 });
  });

  it('lets Owners and Supervisors adjust loyalty points, never below zero, and not Staff', async () => {
    const [customer] = (await db()('customers')
      .insert({
        shop_id: shops.kampala,
        name: 'Points Customer',
        phone: `+2567${String(Date.now() + 7).slice(-8)}`,
        loyalty_points: 50,
      })
      .returning('id')) as [{ id: number }];
    const supervisor = await as('kampalaSupervisor');
    const given = await supervisor.request<Envelope<{ loyalty_points: number }>>(
      'POST',
      `/api/customers/${customer.id}/loyalty`,
      { points: 25, reason: 'Birthday reward' },
    );
    expect(given.body.data.loyalty_points).toBe(75);
    const tooMany = await supervisor.request<Envelope<unknown>>(
      'POST',
      `/api/customers/${customer.id}/loyalty`,
      { points: -100, reason: 'Correction' },
    );
    expect(tooMany.status).toBe(400);
    expect(Object.keys(tooMany.body.error?.details ?? {})).toEqual(['points']);
    expect(
      (
        await (
          await as('kampalaStaff')
        ).request('POST', `/api/customers/${customer.id}/loyalty`, { points: 5, reason: 'Nice' })
      ).status,
    ).toBe(403);
    expect(
      await db()('loyalty_transactions').where({ customer_id: customer.id }).count({ n: '*' }).first(),
    ).toEqual({ n: 1 });
  });

  it('redeems points at checkout as a discount', async () => {
    const [customer] = (await db()('customers')
      .insert({
        shop_id: shops.kampala,
        name: 'Redeemer',
        phone: `+2567${String(Date.now() + 11).slice(-8)}`,
        loyalty_points: 500,
      })
      .returning('id')) as [{ id: number }];
    const [product] = (await db()('products')
      .insert({
        shop_id: shops.kampala,
        name: `Redeem item ${randomUUID().slice(0, 6)}`,
        category: 'Audio',
        selling_price: 20_000,
        stock_quantity: 5,
      })
      .returning('id')) as [{ id: number }];
    const staff = await as('kampalaStaff');
    const sale = await staff.request<Envelope<{ final_amount: number; discount_amount: number }>>(
      'POST',
      '/api/sales',
      {
        customer_id: customer.id,
        redeem_points: 300,
        items: [{ product_id: product.id, quantity: 1 }],
        payments: [{ method: 'Cash', amount: 17_000 }],
      },
    );
    expect(sale.status, JSON.stringify(sale.body)).toBe(201);
    expect(sale.body.data).toMatchObject({ discount_amount: 3_000, final_amount: 17_000 });
    // 500 - 300 redeemed + 17 earned
    expect(await db()('customers').where({ id: customer.id }).first()).toMatchObject({ loyalty_points: 217 });
    const overdraw = await staff.request<Envelope<unknown>>('POST', '/api/sales', {
      customer_id: customer.id,
      redeem_points: 1_000,
      items: [{ product_id: product.id, quantity: 1 }],
      payments: [{ method: 'Cash', amount: 10_000 }],
    });
    expect(overdraw.status).toBe(400);
  });
});
