// One answer for another shop's rows and for rows that do not exist, on every generic surface that
// names rows by key: reads, updates and deletes one by one and in batches, nested relational writes,
// imports that upsert by primary key, users, files, and the /api reads. Nothing learns which keys
// exist outside its shop, and nothing is written.
import { randomUUID } from 'node:crypto';
import { FormData } from 'undici';
import { beforeAll, describe, expect, it } from 'vitest';
import { db, shopIds, userIds } from '../support/context.ts';
import { freshImei } from '../support/fixtures.ts';
import { from, newMember, tokensOf, type Answer, type Caller } from './support.ts';

let caller: Caller;
let token = '';
let kampala = 0;
let entebbe = 0;

beforeAll(async () => {
  ({ kampala, entebbe } = await shopIds());
  const owner = await newMember('Owner', 'uniform');
  caller = from('127.0.80.1');
  token = (await tokensOf(caller, owner)).access_token;
});

/** A row id of the Entebbe shop, and an id no row has. */
async function keys(
  table: string,
  shopColumn = 'shop_id',
): Promise<{ foreign: number | string; missing: number | string }> {
  const row = (await db()(table).where(shopColumn, entebbe).first('id')) as
    { id: number | string } | undefined;
  if (!row) throw new Error(`no Entebbe row in ${table}`);
  if (typeof row.id === 'string') return { foreign: row.id, missing: randomUUID() };
  const [max] = (await db()(table).max({ m: 'id' })) as [{ m: number | string }];
  return { foreign: row.id, missing: Number(max.m) + 10_000 };
}

/** Status and body of an answer, with the key itself taken out of messages. */
function shape(answer: Answer, key: number | string): { status: number; body: string } {
  return {
    status: answer.status,
    body: answer.text.replaceAll(String(key), '<key>').replace(/"timestamp":"[^"]*"/, ''),
  };
}

async function importCsv(collection: string, csv: string): Promise<Answer> {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'rows.csv');
  return caller.request('POST', `/utils/import/${collection}`, { token, raw: form });
}

async function snapshot(table: string, id: number | string): Promise<unknown> {
  return db()(table).where({ id }).first();
}

describe('another shop’s keys and missing keys', () => {
  const surfaces: {
    name: string;
    table: string;
    shopColumn?: string;
    send: (key: number | string) => Promise<Answer>;
  }[] = [
    {
      name: 'read one',
      table: 'customers',
      send: (k) => caller.request('GET', `/items/customers/${String(k)}`, { token }),
    },
    {
      name: 'update one',
      table: 'customers',
      send: (k) => caller.request('PATCH', `/items/customers/${String(k)}`, { token, body: { notes: 'x' } }),
    },
    {
      name: 'delete one',
      table: 'customers',
      send: (k) => caller.request('DELETE', `/items/customers/${String(k)}`, { token }),
    },
    {
      name: 'batch update by keys',
      table: 'customers',
      send: (k) =>
        caller.request('PATCH', '/items/customers', { token, body: { keys: [k], data: { notes: 'x' } } }),
    },
    {
      name: 'batch update of rows',
      table: 'customers',
      send: (k) => caller.request('PATCH', '/items/customers', { token, body: [{ id: k, notes: 'x' }] }),
    },
    {
      name: 'batch delete',
      table: 'customers',
      send: (k) => caller.request('DELETE', '/items/customers', { token, body: [k] }),
    },
    {
      name: 'nested write through a relation',
      table: 'customers',
      send: (k) =>
        caller.request('POST', '/items/devices', {
          token,
          body: {
            imei_serial: freshImei(),
            brand: 'Tecno',
            model: 'Spark',
            customer_id: { id: k, name: 'Taken' },
          },
        }),
    },
    {
      name: 'import upserting by key',
      table: 'customers',
      send: (k) => importCsv('customers', `id,name,phone\n${String(k)},Imported,+256772999111\n`),
    },
    {
      name: 'create choosing the key',
      table: 'customers',
      send: (k) =>
        caller.request('POST', '/items/customers', {
          token,
          body: { id: k, name: 'Chosen', phone: '+256772999112' },
        }),
    },
    {
      name: 'update a product',
      table: 'products',
      send: (k) =>
        caller.request('PATCH', `/items/products/${String(k)}`, { token, body: { selling_price: 1 } }),
    },
    {
      name: 'update a user',
      table: 'directus_users',
      shopColumn: 'shop',
      send: (k) => caller.request('PATCH', `/users/${String(k)}`, { token, body: { first_name: 'Taken' } }),
    },
    {
      name: 'delete a user',
      table: 'directus_users',
      shopColumn: 'shop',
      send: (k) => caller.request('DELETE', `/users/${String(k)}`, { token }),
    },
    {
      name: 'read a sale (/api)',
      table: 'sales',
      send: (k) => caller.request('GET', `/api/sales/${String(k)}`, { token }),
    },
    {
      name: 'a customer’s purchases (/api)',
      table: 'customers',
      send: (k) => caller.request('GET', `/api/customers/${String(k)}/purchases`, { token }),
    },
  ];

  for (const surface of surfaces) {
    it(`answers the same on ${surface.name}, and writes nothing`, async () => {
      const { foreign, missing } = await keys(surface.table, surface.shopColumn);
      const before = await snapshot(surface.table, foreign);
      const [toForeign, toMissing] = [await surface.send(foreign), await surface.send(missing)];
      expect(toForeign.status, toForeign.text).toBeGreaterThanOrEqual(400);
      expect(toForeign.status).toBeLessThan(500);
      expect(shape(toForeign, foreign)).toEqual(shape(toMissing, missing));
      expect(await snapshot(surface.table, foreign)).toEqual(before);
      expect(await snapshot(surface.table, missing)).toBeUndefined();
    });
  }

  it('still lets an Owner update, delete and import its own rows by key', async () => {
    const { kampalaOwner } = await userIds();
    expect(kampalaOwner).toBeTruthy();
    const [own] = (await db()('customers')
      .insert({ shop_id: kampala, name: 'Own customer', phone: `+2567729${String(Date.now()).slice(-5)}` })
      .returning('id')) as [{ id: number }];
    expect(
      (await caller.request('PATCH', `/items/customers/${String(own.id)}`, { token, body: { notes: 'ok' } }))
        .status,
    ).toBe(200);
    expect((await importCsv('customers', `id,name\n${String(own.id)},Own renamed\n`)).status).toBe(200);
    expect(await db()('customers').where({ id: own.id }).first('name')).toEqual({ name: 'Own renamed' });
    expect((await caller.request('DELETE', `/items/customers/${String(own.id)}`, { token })).status).toBe(
      204,
    );
  });
});
