// Tenant isolation over GraphQL (/graphql for the shop's collections, /graphql/system for users,
// files and activity): a Kampala account reads only Kampala rows, and its mutations never reach an
// Entebbe row. Refusals are checked in the database too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, closeDb, db, shopIds, type Account, type Session, type Shops } from '../support/context.ts';
import { freshPhone } from '../support/fixtures.ts';

afterAll(closeDb);

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string; field?: string } }[];
}
type Row = Record<string, unknown>;

let shops: Shops;
let entebbeCustomer: number;
let kampalaCustomer: number;

beforeAll(async () => {
  shops = await shopIds();
  const first = async (shopId: number): Promise<number> =>
    ((await db()('customers').where({ shop_id: shopId }).orderBy('id').first('id')) as { id: number }).id;
  entebbeCustomer = await first(shops.entebbe);
  kampalaCustomer = await first(shops.kampala);
});

async function graphql<T>(session: Session, query: string, path = '/graphql'): Promise<GraphqlAnswer<T>> {
  const response = await session.request<GraphqlAnswer<T>>('POST', path, { query });
  return response.body;
}

async function customer(id: number): Promise<Row | undefined> {
  return (await db()('customers').where({ id }).first()) as Row | undefined;
}

async function idsWhere(table: string, where: Row): Promise<string[]> {
  const rows = (await db()(table).where(where).select('id')) as { id: unknown }[];
  return rows.map((r) => String(r.id)).sort();
}

const sortedIds = (rows: { id: string }[] | undefined): string[] => (rows ?? []).map((r) => r.id).sort();

describe.each(['kampalaStaff', 'kampalaOwner'] as const)('GraphQL reads as %s', (account: Account) => {
  it('lists customers and sales of Kampala only', async () => {
    // Setup
    const session = await as(account);
    const me = (await session.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    const ownSales =
      account === 'kampalaStaff'
        ? await idsWhere('sales', { shop_id: shops.kampala, created_by: me })
        : await idsWhere('sales', { shop_id: shops.kampala });
    // Action: every row, a page at a time (a read with related fields returns at most 200 a page)
    type Rows = {
      customers: { id: string; shop_id: { id: string } }[];
      sales: { id: string; shop_id: { id: string } }[];
    };
    const customers: Rows['customers'] = [];
    const sales: Rows['sales'] = [];
    for (let page = 1; ; page++) {
      const answer = await graphql<Rows>(
        session,
        `{ customers(limit: 200, page: ${String(page)}) { id shop_id { id } } sales(limit: 200, page: ${String(page)}) { id shop_id { id } } }`,
      );
      expect(answer.errors).toBeUndefined();
      customers.push(...(answer.data?.customers ?? []));
      sales.push(...(answer.data?.sales ?? []));
      if ((answer.data?.customers.length ?? 0) < 200 && (answer.data?.sales.length ?? 0) < 200) break;
    }
    // Assert
    expect(sortedIds(customers)).toEqual(await idsWhere('customers', { shop_id: shops.kampala }));
    expect(sortedIds(sales)).toEqual(ownSales);
    const seenShops = new Set([...customers, ...sales].map((r) => r.shop_id.id));
    expect(seenShops).toEqual(new Set([String(shops.kampala)]));
  });

  it('gets no Entebbe customer by id, by a filter on its shop, nor in an aggregate', async () => {
    const session = await as(account);
    const byId = await graphql<{ customers_by_id: unknown }>(
      session,
      `{ customers_by_id(id: ${entebbeCustomer}) { id name } }`,
    );
    const byShop = await graphql<{ customers: unknown[] }>(
      session,
      `{ customers(filter: { shop_id: { id: { _eq: ${shops.entebbe} } } }) { id } }`,
    );
    const grouped = await graphql<{
      customers_aggregated: { group: { shop_id: number }; count: { id: number } }[];
    }>(session, '{ customers_aggregated(groupBy: ["shop_id"]) { group count { id } } }');
    expect(byId.data?.customers_by_id ?? null).toBeNull();
    expect(byId.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(byShop.data?.customers).toEqual([]);
    expect(grouped.data?.customers_aggregated).toEqual([
      {
        group: { shop_id: shops.kampala },
        count: { id: (await idsWhere('customers', { shop_id: shops.kampala })).length },
      },
    ]);
  });

  it('lists users and files of Kampala only over /graphql/system', async () => {
    const session = await as(account);
    const me = (await session.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    const answer = await graphql<{ users: { id: string }[]; files: { id: string }[] }>(
      session,
      '{ users(limit: -1) { id } files(limit: -1) { id } }',
      '/graphql/system',
    );
    expect(answer.errors).toBeUndefined();
    const kampalaUsers = await idsWhere('directus_users', { shop: shops.kampala });
    expect(sortedIds(answer.data?.users)).toEqual(account === 'kampalaStaff' ? [me] : kampalaUsers);
    expect(sortedIds(answer.data?.files)).toEqual(await idsWhere('directus_files', { shop: shops.kampala }));
  });
});

describe('GraphQL mutations', () => {
  it('refuses a Kampala owner update_customers_item on an Entebbe customer, and changes nothing', async () => {
    const owner = await as('kampalaOwner');
    const before = await customer(entebbeCustomer);
    const answer = await graphql<{ update_customers_item: unknown }>(
      owner,
      `mutation { update_customers_item(id: ${entebbeCustomer}, data: { notes: "from Kampala" }) { id } }`,
    );
    expect(answer.data?.update_customers_item ?? null).toBeNull();
    expect(answer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await customer(entebbeCustomer)).toEqual(before);
  });

  it('refuses an update_customers_items that includes an Entebbe id, and changes neither row', async () => {
    const owner = await as('kampalaOwner');
    const before = [await customer(kampalaCustomer), await customer(entebbeCustomer)];
    const answer = await graphql(
      owner,
      `mutation { update_customers_items(ids: [${kampalaCustomer}, ${entebbeCustomer}], data: { notes: "batch" }) { id } }`,
    );
    expect(answer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect([await customer(kampalaCustomer), await customer(entebbeCustomer)]).toEqual(before);
  });

  it('refuses a delete_customers_item of an Entebbe customer', async () => {
    const owner = await as('kampalaOwner');
    const answer = await graphql(owner, `mutation { delete_customers_item(id: ${entebbeCustomer}) { id } }`);
    expect(answer.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await customer(entebbeCustomer)).toBeDefined();
  });

  it('refuses a create_customers_item that names the Entebbe shop, naming the field', async () => {
    const staff = await as('kampalaStaff');
    const phone = freshPhone();
    const answer = await graphql(
      staff,
      `mutation { create_customers_item(data: { name: "Elsewhere", phone: "${phone}", shop_id: ${shops.entebbe} }) { id } }`,
    );
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code: 'SHOP_FIELD_FORBIDDEN', field: 'shop_id' });
    expect(await db()('customers').where({ phone }).first()).toBeUndefined();
  });
});
