// Tenant isolation over /items: a Kampala account (Staff and Owner) never reads nor changes a row of
// Entebbe, through single reads, lists, filters, search, sorts, aggregates, relational reads and
// writes, batch writes, the shop field, and update or delete by query (ARCHITECTURE, "Known
// isolation holes", holes 1 and 3). Every refusal is checked in the database too: nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_ROLES, type ShopRole } from '../../snapshots/access/matrix.ts';
import { allowsOverItems, COLLECTION_RULES } from '../../snapshots/access/rules.ts';
import {
  as,
  closeDb,
  db,
  KAMPALA_BY_ROLE,
  rowOf,
  shopIds,
  type Account,
  type Shops,
} from '../support/context.ts';
import { freshImei, freshPhone, insertRow } from '../support/fixtures.ts';

afterAll(closeDb);

interface ErrorBody {
  errors?: { message: string; extensions: { code: string; field?: string } }[];
}
type Row = Record<string, unknown>;

const firstError = (body: unknown): NonNullable<ErrorBody['errors']>[number] | undefined =>
  (body as ErrorBody).errors?.[0];

const ROLE_OF: Partial<Record<Account, ShopRole>> = { kampalaStaff: 'Staff', kampalaOwner: 'Owner' };

let shops: Shops;
let entebbeCustomer: { id: number; name: string; phone: string };
let kampalaCustomer: { id: number; name: string };

beforeAll(async () => {
  shops = await shopIds();
  entebbeCustomer = (await db()('customers')
    .where({ shop_id: shops.entebbe })
    .orderBy('id')
    .first('id', 'name', 'phone')) as typeof entebbeCustomer;
  kampalaCustomer = (await db()('customers')
    .where({ shop_id: shops.kampala })
    .orderBy('id')
    .first('id', 'name')) as typeof kampalaCustomer;
});

async function userId(account: Account): Promise<string> {
  const session = await as(account);
  return (await session.call<{ id: string }>('GET', '/users/me?fields=id')).id;
}

async function idsOfShop(collection: string, shopId: number): Promise<Set<string>> {
  const rows = (await db()(collection).where({ shop_id: shopId }).select('id')) as { id: unknown }[];
  return new Set(rows.map((r) => String(r.id)));
}

async function rowById(collection: string, id: unknown): Promise<Row | undefined> {
  return (await db()(collection).where({ id }).first()) as Row | undefined;
}

async function count(collection: string, where: Row): Promise<number> {
  const [row] = (await db()(collection).where(where).count({ n: '*' })) as [{ n: string }];
  return Number(row.n);
}

const query = (params: Record<string, string>): string => new URLSearchParams(params).toString();

describe.each(['kampalaStaff', 'kampalaOwner'] as const)('reads over /items as %s', (account) => {
  const role = ROLE_OF[account] as ShopRole;
  const readable = COLLECTION_RULES.filter(
    (rule) => rule.shopField === 'shop_id' && allowsOverItems(rule, role, 'read'),
  ).map((rule) => rule.collection);

  it('answers 403 for one Entebbe row of each collection it reads', async () => {
    // Setup
    const session = await as(account);
    for (const collection of ['customers', 'products', 'devices', 'locations']) {
      const entebbeRow = await rowOf(collection, shops.entebbe);
      // Action
      const response = await session.request('GET', `/items/${collection}/${entebbeRow}`);
      // Assert
      expect(response.status, `${collection}: ${JSON.stringify(response.body)}`).toBe(403);
    }
    expect((await session.request('GET', `/items/shops/${shops.entebbe}`)).status).toBe(403);
  });

  it('lists no Entebbe row in any collection it reads', async () => {
    const session = await as(account);
    for (const collection of readable) {
      const response = await session.request<{ data: { id: unknown }[] }>(
        'GET',
        `/items/${collection}?fields=id&limit=-1`,
      );
      expect(response.status, collection).toBe(200);
      const kampalaIds = await idsOfShop(collection, shops.kampala);
      const foreign = response.body.data.filter((row) => !kampalaIds.has(String(row.id)));
      expect(foreign, collection).toEqual([]);
    }
    const shopsSeen = await session.call<{ id: number }[]>('GET', '/items/shops?fields=id');
    expect(shopsSeen).toEqual([{ id: shops.kampala }]);
  });

  it('finds nothing when filtering on the Entebbe shop, or on any shop but its own', async () => {
    const session = await as(account);
    for (const collection of readable) {
      for (const filter of [{ _eq: shops.entebbe }, { _neq: shops.kampala }]) {
        const params = query({ filter: JSON.stringify({ shop_id: filter }), fields: 'id', limit: '-1' });
        const rows = await session.call<unknown[]>('GET', `/items/${collection}?${params}`);
        expect(rows, `${collection} ${JSON.stringify(filter)}`).toEqual([]);
      }
    }
  });

  it('finds an Entebbe customer neither by search nor by a filter on its name or phone', async () => {
    const session = await as(account);
    const bySearch = await session.call<unknown[]>(
      'GET',
      `/items/customers?${query({ search: entebbeCustomer.name })}`,
    );
    const byName = await session.call<unknown[]>(
      'GET',
      `/items/customers?${query({ filter: JSON.stringify({ name: { _eq: entebbeCustomer.name } }) })}`,
    );
    const byPhone = await session.call<unknown[]>(
      'GET',
      `/items/customers?${query({ filter: JSON.stringify({ phone: { _eq: entebbeCustomer.phone } }) })}`,
    );
    expect([bySearch, byName, byPhone]).toEqual([[], [], []]);
    // Control: the same search finds a Kampala customer.
    const own = await session.call<{ id: number }[]>(
      'GET',
      `/items/customers?${query({ search: kampalaCustomer.name, fields: 'id' })}`,
    );
    expect(own.map((r) => r.id)).toContain(kampalaCustomer.id);
  });

  it('sorts on the shop field without reaching an Entebbe row', async () => {
    const session = await as(account);
    for (const sort of ['-shop_id', 'shop_id']) {
      const rows = await session.call<{ shop_id: number }[]>(
        'GET',
        `/items/customers?${query({ sort, fields: 'shop_id', limit: '-1' })}`,
      );
      expect(new Set(rows.map((r) => r.shop_id))).toEqual(new Set([shops.kampala]));
    }
  });

  it('aggregates and groups over its own shop only', async () => {
    // Setup: the figures of Kampala, from the database
    const session = await as(account);
    const [kampala] = (await db()('customers')
      .where({ shop_id: shops.kampala })
      .count({ n: '*' })
      .sum({ total: 'total_purchases' })) as [{ n: string; total: string }];
    const products = await count('products', { shop_id: shops.kampala });

    // Action
    const totals = await session.call<{ count: string; sum: { total_purchases: string } }[]>(
      'GET',
      `/items/customers?${query({ 'aggregate[count]': '*', 'aggregate[sum]': 'total_purchases' })}`,
    );
    const distinctShops = await session.call<{ countDistinct: { shop_id: string } }[]>(
      'GET',
      `/items/customers?${query({ 'aggregate[countDistinct]': 'shop_id' })}`,
    );
    const grouped = await session.call<{ shop_id: number; count: string }[]>(
      'GET',
      `/items/products?${query({ 'aggregate[count]': '*', 'groupBy[]': 'shop_id' })}`,
    );

    // Assert
    expect(Number(totals[0]?.count)).toBe(Number(kampala.n));
    expect(Number(totals[0]?.sum.total_purchases)).toBe(Number(kampala.total));
    expect(Number(distinctShops[0]?.countDistinct.shop_id)).toBe(1);
    expect(grouped.map((g) => ({ shop_id: g.shop_id, count: Number(g.count) }))).toEqual([
      { shop_id: shops.kampala, count: products },
    ]);
  });

  it('reads relations (sale_items -> sale, product) inside its own shop only', async () => {
    const session = await as(account);
    // Every line, a page at a time: a read with related fields returns at most 200 rows a page.
    type Line = { shop_id: number; sale_id: { shop_id: number }; product_id: { shop_id: number } | null };
    const lines: Line[] = [];
    for (let page = 1; ; page++) {
      const rows = await session.call<Line[]>(
        'GET',
        `/items/sale_items?${query({ fields: '*,sale_id.*,product_id.*', limit: '200', page: String(page) })}`,
      );
      lines.push(...rows);
      if (rows.length < 200) break;
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.shop_id).toBe(shops.kampala);
      expect(line.sale_id.shop_id).toBe(shops.kampala);
      if (line.product_id) expect(line.product_id.shop_id).toBe(shops.kampala);
    }
  });

  it('finds nothing through a relational filter that names an Entebbe customer', async () => {
    const session = await as(account);
    const filter = JSON.stringify({ customer_id: { name: { _eq: entebbeCustomer.name } } });
    for (const collection of ['sales', 'devices']) {
      const rows = await session.call<unknown[]>('GET', `/items/${collection}?${query({ filter })}`);
      expect(rows, collection).toEqual([]);
    }
  });
});

describe('relational writes over /items', () => {
  it('refuses a device that points to an Entebbe customer, and writes nothing', async () => {
    // Setup
    const staff = await as('kampalaStaff');
    const imei = freshImei();
    // Action
    const response = await staff.request('POST', '/items/devices', {
      brand: 'Tecno',
      model: 'Spark 20',
      imei_serial: imei,
      customer_id: entebbeCustomer.id,
    });
    // Assert
    expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(await count('devices', { imei_serial: imei })).toBe(0);
  });

  it('refuses a nested update of an Entebbe customer through a device, and changes nothing', async () => {
    const owner = await as('kampalaOwner');
    const before = await rowById('customers', entebbeCustomer.id);
    const imei = freshImei();
    const response = await owner.request('POST', '/items/devices', {
      brand: 'Tecno',
      model: 'Spark 20',
      imei_serial: imei,
      customer_id: { id: entebbeCustomer.id, notes: 'changed from Kampala' },
    });
    expect(response.status, JSON.stringify(response.body)).toBe(403);
    expect(await rowById('customers', entebbeCustomer.id)).toEqual(before);
    expect(await count('devices', { imei_serial: imei })).toBe(0);
  });

  it('puts a nested create in Kampala, with its author', async () => {
    const staff = await as('kampalaStaff');
    const phone = freshPhone();
    const created = await staff.call<{ id: number; customer_id: number }>('POST', '/items/devices', {
      brand: 'Samsung',
      model: 'Galaxy A15',
      imei_serial: freshImei(),
      customer_id: { name: 'Nested customer', phone },
    });
    const device = await rowById('devices', created.id);
    const customer = (await db()('customers').where({ phone }).first()) as Row;
    expect(device?.['shop_id']).toBe(shops.kampala);
    expect(customer['shop_id']).toBe(shops.kampala);
    expect(customer['created_by']).toBe(await userId('kampalaStaff'));
    expect(device?.['customer_id']).toBe(customer['id']);
  });

  it('refuses a nested create that names the Entebbe shop, and writes nothing', async () => {
    const staff = await as('kampalaStaff');
    const phone = freshPhone();
    const imei = freshImei();
    const response = await staff.request('POST', '/items/devices', {
      brand: 'Samsung',
      model: 'Galaxy A15',
      imei_serial: imei,
      customer_id: { name: 'Nested elsewhere', phone, shop_id: shops.entebbe },
    });
    expect(response.status).toBe(403);
    expect(firstError(response.body)?.extensions).toMatchObject({
      code: 'SHOP_FIELD_FORBIDDEN',
      field: 'shop_id',
    });
    expect(await count('customers', { phone })).toBe(0);
    expect(await count('devices', { imei_serial: imei })).toBe(0);
  });
});

describe('batch writes over /items that include an Entebbe key', () => {
  let ownerId: string;
  let entebbeOwnerId: string;
  beforeAll(async () => {
    ownerId = await userId('kampalaOwner');
    entebbeOwnerId = await userId('entebbeOwner');
  });

  it('refuses a batch create with one row in Entebbe, and writes no row of the batch', async () => {
    const owner = await as('kampalaOwner');
    const phones = [freshPhone(), freshPhone()];
    const response = await owner.request('POST', '/items/customers', [
      { name: 'Batch one', phone: phones[0] },
      { name: 'Batch two', phone: phones[1], shop_id: shops.entebbe },
    ]);
    expect(response.status).toBe(403);
    expect(firstError(response.body)?.extensions.code).toBe('SHOP_FIELD_FORBIDDEN');
    expect(await db()('customers').whereIn('phone', phones).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it.each([
    ['by keys', (k: unknown, e: unknown) => ({ keys: [k, e], data: { notes: 'batch edit' } })],
    [
      'as an array of rows',
      (k: unknown, e: unknown) => [
        { id: k, notes: 'batch edit' },
        { id: e, notes: 'batch edit' },
      ],
    ],
  ])('refuses a batch update %s, and changes neither row', async (_form, body) => {
    // Setup
    const owner = await as('kampalaOwner');
    const kampalaId = await insertRow('customers', shops.kampala, ownerId);
    const entebbeId = await insertRow('customers', shops.entebbe, entebbeOwnerId);
    const before = [await rowById('customers', kampalaId), await rowById('customers', entebbeId)];
    // Action
    const response = await owner.request('PATCH', '/items/customers', body(kampalaId, entebbeId));
    // Assert
    expect(response.status, JSON.stringify(response.body)).toBe(403);
    expect([await rowById('customers', kampalaId), await rowById('customers', entebbeId)]).toEqual(before);
  });

  it.each([
    ['by keys', (k: unknown, e: unknown) => ({ keys: [k, e] })],
    ['as an array of keys', (k: unknown, e: unknown) => [k, e]],
  ])('refuses a batch delete %s, and deletes neither row', async (_form, body) => {
    const owner = await as('kampalaOwner');
    const kampalaId = await insertRow('customers', shops.kampala, ownerId);
    const entebbeId = await insertRow('customers', shops.entebbe, entebbeOwnerId);
    const response = await owner.request('DELETE', '/items/customers', body(kampalaId, entebbeId));
    expect(response.status, JSON.stringify(response.body)).toBe(403);
    expect(await rowById('customers', kampalaId)).toBeDefined();
    expect(await rowById('customers', entebbeId)).toBeDefined();
  });

  it('refuses an update or delete of one Entebbe row by its key', async () => {
    const owner = await as('kampalaOwner');
    const entebbeId = await insertRow('customers', shops.entebbe, entebbeOwnerId);
    const before = await rowById('customers', entebbeId);
    const patched = await owner.request('PATCH', `/items/customers/${entebbeId}`, { notes: 'x' });
    const deleted = await owner.request('DELETE', `/items/customers/${entebbeId}`);
    expect([patched.status, deleted.status]).toEqual([403, 403]);
    expect(await rowById('customers', entebbeId)).toEqual(before);
  });
});

describe('the shop field (guard: the server stamps the shop)', () => {
  it.each(['kampalaStaff', 'kampalaOwner'] as const)(
    'refuses a create by %s that names the Entebbe shop, naming the field',
    async (account) => {
      const session = await as(account);
      const phone = freshPhone();
      const response = await session.request('POST', '/items/customers', {
        name: 'Elsewhere',
        phone,
        shop_id: shops.entebbe,
      });
      expect(response.status).toBe(403);
      expect(firstError(response.body)?.extensions).toMatchObject({
        code: 'SHOP_FIELD_FORBIDDEN',
        field: 'shop_id',
      });
      expect(firstError(response.body)?.message).toContain('shop_id');
      expect(await count('customers', { phone })).toBe(0);
    },
  );

  it('refuses a create that names another author', async () => {
    const owner = await as('kampalaOwner');
    const response = await owner.request('POST', '/items/expenses', {
      category: 'Transport',
      description: 'Someone else paid',
      amount: 7000,
      payment_method: 'Cash',
      expense_date: '2026-11-20',
      created_by: await userId('kampalaStaff'),
    });
    expect(response.status).toBe(403);
    expect(firstError(response.body)?.extensions).toMatchObject({
      code: 'SHOP_FIELD_FORBIDDEN',
      field: 'created_by',
    });
    expect(await count('expenses', { description: 'Someone else paid' })).toBe(0);
  });

  it.each([
    ['kampalaStaff', 'devices'],
    ['kampalaOwner', 'customers'],
  ] as const)('refuses %s moving a %s row to Entebbe', async (account, collection) => {
    const session = await as(account);
    const id = await insertRow(collection, shops.kampala, await userId(account));
    for (const request of [
      () => session.request('PATCH', `/items/${collection}/${id}`, { shop_id: shops.entebbe }),
      () =>
        session.request('PATCH', `/items/${collection}`, { keys: [id], data: { shop_id: shops.entebbe } }),
    ]) {
      const response = await request();
      expect(response.status).toBe(403);
      expect(firstError(response.body)?.extensions).toMatchObject({
        code: 'SHOP_FIELD_FORBIDDEN',
        field: 'shop_id',
      });
    }
    expect((await rowById(collection, id))?.['shop_id']).toBe(shops.kampala);
  });
});

describe('presets (the server, not the payload, decides the shop)', () => {
  it('puts a row created without a shop by Kampala staff in Kampala', async () => {
    const staff = await as('kampalaStaff');
    const phone = freshPhone();
    const created = await staff.call<{ id: number }>('POST', '/items/customers', { name: 'Walk-in', phone });
    const row = await rowById('customers', created.id);
    expect(row?.['shop_id']).toBe(shops.kampala);
    expect(row?.['created_by']).toBe(await userId('kampalaStaff'));
  });

  it.each(SHOP_ROLES)('puts a device created by a Kampala %s in Kampala', async (role) => {
    const session = await as(KAMPALA_BY_ROLE[role]);
    const created = await session.call<{ id: number }>('POST', '/items/devices', {
      brand: 'Infinix',
      model: 'Hot 40i',
      imei_serial: freshImei(),
    });
    expect((await rowById('devices', created.id))?.['shop_id']).toBe(shops.kampala);
  });
});

describe('update or delete by query (guard: keys only for shop accounts)', () => {
  const probe = (filter: Row): Row => ({ query: { filter }, data: { notes: 'probe' } });

  it('refuses Kampala staff a PATCH by query naming an Entebbe row, and changes nothing', async () => {
    const staff = await as('kampalaStaff');
    const before = await rowById('customers', entebbeCustomer.id);
    const response = await staff.request(
      'PATCH',
      '/items/customers',
      probe({ id: { _eq: entebbeCustomer.id } }),
    );
    expect(response.status).toBe(400);
    expect(firstError(response.body)?.extensions.code).toBe('QUERY_MUTATION_FORBIDDEN');
    expect(await rowById('customers', entebbeCustomer.id)).toEqual(before);
  });

  it('answers a Kampala owner the same whether or not the query matches an Entebbe row', async () => {
    // Setup: one probe that matches an Entebbe row on a field the owner cannot read, one that does not
    const owner = await as('kampalaOwner');
    const before = await rowById('customers', entebbeCustomer.id);
    const prefix = entebbeCustomer.phone.slice(0, 7);
    // Action
    const matching = await owner.request(
      'PATCH',
      '/items/customers',
      probe({ _and: [{ id: { _eq: entebbeCustomer.id } }, { phone: { _starts_with: prefix } }] }),
    );
    const missing = await owner.request(
      'PATCH',
      '/items/customers',
      probe({ _and: [{ id: { _eq: entebbeCustomer.id } }, { phone: { _starts_with: '+1' } }] }),
    );
    // Assert: no yes/no oracle, and nothing written
    expect(matching.status).toBe(400);
    expect(firstError(matching.body)?.extensions.code).toBe('QUERY_MUTATION_FORBIDDEN');
    expect(missing).toEqual(matching);
    expect(await rowById('customers', entebbeCustomer.id)).toEqual(before);
  });

  it('refuses a PATCH by query even on its own rows (keys only)', async () => {
    const owner = await as('kampalaOwner');
    const before = await rowById('customers', kampalaCustomer.id);
    const response = await owner.request(
      'PATCH',
      '/items/customers',
      probe({ id: { _eq: kampalaCustomer.id } }),
    );
    expect(firstError(response.body)?.extensions.code).toBe('QUERY_MUTATION_FORBIDDEN');
    expect(await rowById('customers', kampalaCustomer.id)).toEqual(before);
  });

  it('refuses a DELETE by query naming an Entebbe row, and deletes nothing', async () => {
    const owner = await as('kampalaOwner');
    const target = await insertRow('customers', shops.entebbe, await userId('entebbeOwner'));
    const response = await owner.request('DELETE', '/items/customers', {
      query: { filter: { id: { _eq: target } } },
    });
    expect(response.status).toBe(400);
    expect(firstError(response.body)?.extensions.code).toBe('QUERY_MUTATION_FORBIDDEN');
    expect(await rowById('customers', target)).toBeDefined();
  });

  it('refuses a PATCH by query on /users (an oracle on other shops’ accounts)', async () => {
    const owner = await as('kampalaOwner');
    const response = await owner.request('PATCH', '/users', {
      query: { filter: { email: { _eq: 'owner@entebbe.example.com' } } },
      data: { last_name: 'Probe' },
    });
    expect(response.status).toBe(400);
    expect(firstError(response.body)?.extensions.code).toBe('QUERY_MUTATION_FORBIDDEN');
    expect(await count('directus_users', { last_name: 'Probe' })).toBe(0);
  });

  it('leaves update by query to the platform admin', async () => {
    const admin = await as('admin');
    const response = await admin.request('PATCH', '/items/customers', probe({ id: { _eq: -1 } }));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });
});
