// Tenant isolation of imports and exports: rows imported by the Kampala owner land in Kampala, a row
// naming Entebbe (or an Entebbe key) is refused and the whole import writes nothing, and every
// export (?export= and /utils/export) holds Kampala rows only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, baseUrl, closeDb, db, shopIds, type Session, type Shops } from '../support/context.ts';
import { freshPhone } from '../support/fixtures.ts';

afterAll(closeDb);

interface ErrorBody {
  errors?: { message: string; extensions: { code: string; field?: string } }[];
}
type Row = Record<string, unknown>;

/** An import must answer promptly; a hung import holds a database connection for IMPORT_TIMEOUT. */
const IMPORT_ANSWER_MS = 15_000;

let shops: Shops;
let entebbeCustomers: { id: number; name: string; phone: string }[];

beforeAll(async () => {
  shops = await shopIds();
  entebbeCustomers = (await db()('customers')
    .where({ shop_id: shops.entebbe })
    .select('id', 'name', 'phone')) as typeof entebbeCustomers;
});

async function importFile(
  session: Session,
  collection: string,
  file: { name: string; type: string; content: string },
): Promise<{ status: number; body: Partial<ErrorBody> | string }> {
  const form = new FormData();
  form.append('file', new Blob([file.content], { type: file.type }), file.name);
  try {
    const response = await fetch(`${baseUrl()}/utils/import/${collection}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
      body: form,
      signal: AbortSignal.timeout(IMPORT_ANSWER_MS),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as ErrorBody) : '' };
  } catch (error) {
    return { status: 0, body: `no answer within ${IMPORT_ANSWER_MS} ms (${String(error)})` };
  }
}

const csv = (rows: string[][]): { name: string; type: string; content: string } => ({
  name: 'customers.csv',
  type: 'text/csv',
  content: `${rows.map((row) => row.join(',')).join('\n')}\n`,
});
const json = (rows: Row[]): { name: string; type: string; content: string } => ({
  name: 'customers.json',
  type: 'application/json',
  content: JSON.stringify(rows),
});

async function customersWithPhones(phones: string[]): Promise<Row[]> {
  return (await db()('customers').whereIn('phone', phones).orderBy('phone')) as Row[];
}

const firstError = (body: unknown): NonNullable<ErrorBody['errors']>[number] | undefined =>
  typeof body === 'object' && body ? (body as ErrorBody).errors?.[0] : undefined;

describe('imports (POST /utils/import/customers)', () => {
  it('puts CSV rows imported by the Kampala owner in Kampala, with their author', async () => {
    // Setup
    const owner = await as('kampalaOwner');
    const ownerId = (await owner.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    const phones = [freshPhone(), freshPhone()];
    // Action
    const response = await importFile(
      owner,
      'customers',
      csv([
        ['name', 'phone'],
        ['Imported one', phones[0] ?? ''],
        ['Imported two', phones[1] ?? ''],
      ]),
    );
    // Assert
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    const rows = await customersWithPhones(phones);
    expect(rows.map((r) => [r['shop_id'], r['created_by']])).toEqual([
      [shops.kampala, ownerId],
      [shops.kampala, ownerId],
    ]);
  });

  it('puts JSON rows imported by the Kampala owner in Kampala', async () => {
    const owner = await as('kampalaOwner');
    const phone = freshPhone();
    const response = await importFile(owner, 'customers', json([{ name: 'Imported JSON', phone }]));
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect((await customersWithPhones([phone])).map((r) => r['shop_id'])).toEqual([shops.kampala]);
  });

  it('refuses a JSON row that names the Entebbe shop, naming the field, and writes nothing', async () => {
    const owner = await as('kampalaOwner');
    const phones = [freshPhone(), freshPhone()];
    const response = await importFile(
      owner,
      'customers',
      json([
        { name: 'Fine', phone: phones[0] },
        { name: 'Planted', phone: phones[1], shop_id: shops.entebbe },
      ]),
    );
    expect(response.status).toBe(400);
    expect(firstError(response.body)?.extensions).toMatchObject({
      code: 'SHOP_FIELD_FORBIDDEN',
      field: 'shop_id',
    });
    expect(await customersWithPhones(phones)).toEqual([]);
  });

  it('refuses a CSV whose second row names the Entebbe shop, and writes no row of it', async () => {
    const owner = await as('kampalaOwner');
    const phones = [freshPhone(), freshPhone()];
    const response = await importFile(
      owner,
      'customers',
      csv([
        ['name', 'phone', 'shop_id'],
        ['Fine', phones[0] ?? '', ''],
        ['Planted', phones[1] ?? '', String(shops.entebbe)],
      ]),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(firstError(response.body)?.extensions).toMatchObject({
      code: 'SHOP_FIELD_FORBIDDEN',
      field: 'shop_id',
    });
    expect(await customersWithPhones(phones)).toEqual([]);
  });

  it('refuses, promptly, a one-row CSV that names the Entebbe shop, and writes nothing', async () => {
    // A refusal before the file is fully read used to leave the import (and its transaction) open
    // for IMPORT_TIMEOUT: ten such requests took every database connection of the platform.
    const owner = await as('kampalaOwner');
    const phone = freshPhone();
    const response = await importFile(
      owner,
      'customers',
      csv([
        ['name', 'phone', 'shop_id'],
        ['Planted', phone, String(shops.entebbe)],
      ]),
    );
    expect(response.status, JSON.stringify(response.body)).toBe(400);
    expect(firstError(response.body)?.extensions).toMatchObject({
      code: 'SHOP_FIELD_FORBIDDEN',
      field: 'shop_id',
    });
    expect(await customersWithPhones([phone])).toEqual([]);
  });

  it('refuses a row carrying the key of an Entebbe customer, and changes nothing', async () => {
    const owner = await as('kampalaOwner');
    const target = entebbeCustomers[0] as { id: number };
    const before = (await db()('customers').where({ id: target.id }).first()) as Row | undefined;
    const response = await importFile(owner, 'customers', json([{ id: target.id, name: 'Taken over' }]));
    expect(response.status, JSON.stringify(response.body)).toBe(403);
    expect(await db()('customers').where({ id: target.id }).first()).toEqual(before);
  });

  it('refuses an import by Kampala staff, who may not update customers', async () => {
    const staff = await as('kampalaStaff');
    const phone = freshPhone();
    const response = await importFile(staff, 'customers', json([{ name: 'Staff import', phone }]));
    expect(response.status).toBe(403);
    expect(await customersWithPhones([phone])).toEqual([]);
  });
});

describe('exports', () => {
  /** Entebbe names and phones that no Kampala customer shares ("Test customer" proves nothing). */
  async function entebbeMarkers(): Promise<string[]> {
    const kampala = (await db()('customers').where({ shop_id: shops.kampala }).select('name', 'phone')) as {
      name: string;
      phone: string;
    }[];
    const shared = new Set(kampala.flatMap((c) => [c.name, c.phone]));
    return entebbeCustomers.flatMap((c) => [c.name, c.phone]).filter((marker) => !shared.has(marker));
  }

  async function kampalaCustomerIds(): Promise<string[]> {
    const rows = (await db()('customers').where({ shop_id: shops.kampala }).select('id')) as { id: number }[];
    return rows.map((r) => String(r.id)).sort();
  }

  /** The `id` column of an export in CSV whose first two columns are id and shop_id. */
  function csvRows(text: string): { id: string; shop: string }[] {
    const [header, ...lines] = text.trim().split('\n');
    expect(header).toBe('"id","shop_id"');
    return lines.map((line) => {
      const [id = '', shop = ''] = line.split(',');
      return { id, shop };
    });
  }

  it.each(['kampalaStaff', 'kampalaOwner'] as const)(
    'exports Kampala customers only to %s (CSV and JSON)',
    async (account) => {
      // Setup
      const session = await as(account);
      // Action
      const full = await session.request<string>('GET', '/items/customers?export=csv&limit=-1');
      const narrow = await session.request<string>(
        'GET',
        '/items/customers?export=csv&limit=-1&fields=id,shop_id',
      );
      const asJson = await session.request<{ id: number; shop_id: number }[]>(
        'GET',
        '/items/customers?export=json&limit=-1',
      );
      // Assert
      expect([full.status, narrow.status, asJson.status]).toEqual([200, 200, 200]);
      for (const marker of await entebbeMarkers()) expect(full.body).not.toContain(marker);
      const rows = csvRows(narrow.body);
      expect(rows.map((r) => r.id).sort()).toEqual(await kampalaCustomerIds());
      expect(new Set(rows.map((r) => r.shop))).toEqual(new Set([String(shops.kampala)]));
      expect(asJson.body.map((r) => String(r.id)).sort()).toEqual(await kampalaCustomerIds());
    },
  );

  it('exports to a Kampala file with /utils/export, holding Kampala customers only', async () => {
    // Setup
    const owner = await as('kampalaOwner');
    const ownerId = (await owner.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    const started = new Date();
    // Action: the export runs in the background and stores a file
    const response = await owner.request('POST', '/utils/export/customers', {
      query: { fields: ['id', 'shop_id'], limit: -1 },
      format: 'csv',
      file: {},
    });
    expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    let file: Row | undefined;
    const deadline = Date.now() + 15_000;
    while (!file && Date.now() < deadline) {
      file = (await db()('directus_files')
        .where({ uploaded_by: ownerId })
        .andWhere('filename_download', 'like', 'export-customers%')
        .andWhere('created_on', '>=', started)
        .first()) as Row | undefined;
      if (!file) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Assert
    expect(file, 'no export file within 15 s').toBeDefined();
    expect(file?.['shop']).toBe(shops.kampala);
    const content = await owner.request<string>('GET', `/assets/${String(file?.['id'])}`);
    expect(content.status).toBe(200);
    expect(
      csvRows(content.body)
        .map((r) => r.id)
        .sort(),
    ).toEqual(await kampalaCustomerIds());
    const fromEntebbe = await (await as('entebbeOwner')).request('GET', `/assets/${String(file?.['id'])}`);
    expect(fromEntebbe.status).toBe(403);
  });
});
