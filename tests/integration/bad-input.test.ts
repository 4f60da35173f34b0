// Bad input answers 400 naming the field and writes nothing: a missing required field, a wrong
// type, a value outside a CHECK, a duplicate IMEI within a shop. The same IMEI in another shop is
// a different device and is allowed.
import { afterAll, describe, expect, it } from 'vitest';
import { as, closeDb, db } from '../support/context.ts';
import { freshImei, freshPhone } from '../support/fixtures.ts';

afterAll(closeDb);

interface DirectusErrorBody {
  errors: { message: string; extensions: { code: string; field?: string } }[];
}

async function count(table: string): Promise<number> {
  const [row] = (await db()(table).count({ n: '*' })) as [{ n: string }];
  return Number(row.n);
}

async function expectRefused(
  collection: string,
  payload: Record<string, unknown>,
  field: string,
): Promise<DirectusErrorBody['errors'][number]> {
  const owner = await as('kampalaOwner');
  const before = await count(collection);
  const response = await owner.request<DirectusErrorBody>('POST', `/items/${collection}`, payload);
  expect(response.status, JSON.stringify(response.body)).toBe(400);
  const [error] = response.body.errors;
  expect(error?.extensions.field ?? error?.message).toContain(field);
  expect(await count(collection)).toBe(before);
  return error as DirectusErrorBody['errors'][number];
}

describe('bad input', () => {
  it('refuses a product without its required name', async () => {
    await expectRefused('products', { category: 'Audio', selling_price: 1000 }, 'name');
  });

  it('refuses a price that is not a number', async () => {
    await expectRefused(
      'products',
      { name: 'Cable', category: 'Audio', selling_price: 'cheap' },
      'selling_price',
    );
  });

  it('refuses a negative price (CHECK)', async () => {
    const error = await expectRefused(
      'products',
      { name: 'Cable', category: 'Audio', selling_price: -5 },
      'selling_price',
    );
    expect(error.extensions.code).toBe('CONSTRAINT_VIOLATION');
  });

  it('refuses a device status outside the list (CHECK)', async () => {
    await expectRefused(
      'devices',
      { brand: 'Tecno', model: 'Spark', imei_serial: freshImei(), status: 'Lost at sea' },
      'status',
    );
  });

  it('refuses a phone number that is not a phone number', async () => {
    await expectRefused('customers', { name: 'Amina', phone: '12345' }, 'phone');
  });

  it('stores a local phone number in E.164 with the shop country as default', async () => {
    const staff = await as('kampalaStaff');
    const local = `07${String(Date.now()).slice(-8)}`;
    const created = await staff.request<{ data: { phone: string } }>('POST', '/items/customers', {
      name: 'Amina',
      phone: local,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.data.phone).toBe(`+256${local.slice(1)}`);
  });

  it('refuses an IMEI whose check digit is wrong, and accepts a serial number', async () => {
    const error = await expectRefused(
      'devices',
      { brand: 'Tecno', model: 'Spark', imei_serial: '490154203237517' },
      'imei_serial',
    );
    expect(error.message).toContain('check digit');
    const owner = await as('kampalaOwner');
    const serial = `SN-${Date.now()}`;
    expect(
      (await owner.request('POST', '/items/devices', { brand: 'Apple', model: 'iPad', imei_serial: serial }))
        .status,
    ).toBe(200);
  });

  it('refuses a duplicate IMEI within a shop, naming the IMEI field', async () => {
    const owner = await as('kampalaOwner');
    const imei = freshImei();
    const first = await owner.request('POST', '/items/devices', {
      brand: 'Samsung',
      model: 'A15',
      imei_serial: imei,
    });
    expect(first.status).toBe(200);
    const error = await expectRefused(
      'devices',
      { brand: 'Samsung', model: 'A15', imei_serial: imei },
      'imei_serial',
    );
    expect(error.extensions.code).toBe('RECORD_NOT_UNIQUE');
    expect(error.extensions.field).toBe('imei_serial');
  });

  it('allows the same IMEI in another shop', async () => {
    const imei = freshImei();
    const kampala = await (
      await as('kampalaStaff')
    ).request('POST', '/items/devices', { brand: 'Tecno', model: 'Spark 20', imei_serial: imei });
    const entebbe = await (
      await as('entebbeStaff')
    ).request('POST', '/items/devices', { brand: 'Tecno', model: 'Spark 20', imei_serial: imei });
    expect(kampala.status).toBe(200);
    expect(entebbe.status).toBe(200);
    expect(await db()('devices').where({ imei_serial: imei }).count({ n: '*' }).first()).toEqual({ n: 2 });
  });

  it('refuses a customer whose phone another customer of the shop already has', async () => {
    const phone = freshPhone();
    const staff = await as('kampalaStaff');
    expect((await staff.request('POST', '/items/customers', { name: 'First', phone })).status).toBe(200);
    const error = await expectRefused('customers', { name: 'Second', phone }, 'phone');
    expect(error.extensions.field).toBe('phone');
  });
});
