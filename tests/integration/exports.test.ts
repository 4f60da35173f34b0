// /api/exports/:list through the real API: every format read back with a real parser (csv-parse,
// exceljs, unpdf) and compared with the JSON export of the same request; the matrix rights (Staff
// refused, Supervisors without cost columns, audit logs for Owners); never another shop's rows; days
// in the shop's timezone (a sale at 23:30 Kampala time belongs to that day).
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMoney } from '../../extensions/phone-shop/src/domain/money.ts';
import {
  as,
  baseUrl,
  closeDb,
  db,
  shopIds,
  userIds,
  type Account,
  type Session,
} from '../support/context.ts';
import { freshPhone } from '../support/fixtures.ts';
import { freshShop } from '../support/shops.ts';

afterAll(closeDb);

type Value = string | number | boolean | null;
interface ExportColumn {
  key: string;
  label: string;
  type: 'text' | 'integer' | 'number' | 'money' | 'basis_points' | 'date' | 'datetime' | 'boolean';
}
interface ExportJson {
  success: boolean;
  data: {
    title: string;
    shop: { name: string; code: string; currency: string; timezone: string };
    period: { from: string; to: string } | null;
    generated_at: string;
    columns: ExportColumn[];
    rows: Record<string, Value>[];
    summary: { label: string; type: string; value: Value }[];
  };
}
interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: Record<string, string[]> };
}
interface Sale {
  id: number;
  sale_number: string;
  final_amount: number;
}

/** Kampala is UTC+3 all year (no summer time): the test's own reading of local times. */
const KAMPALA_OFFSET_MS = 3 * 60 * 60 * 1000;
const kampalaWallClock = (iso: string): string =>
  new Date(new Date(iso).getTime() + KAMPALA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');

async function download(account: Account, path: string): Promise<Response> {
  const session = await as(account);
  return fetch(`${baseUrl()}${path}`, { headers: { authorization: `Bearer ${session.token}` } });
}

async function exportJson(account: Account, path: string): Promise<ExportJson> {
  const response = await download(account, `${path}${path.includes('?') ? '&' : '?'}format=json`);
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get('content-type')).toContain('application/json');
  return (await response.json()) as ExportJson;
}

async function exportBytes(account: Account, path: string, format: string): Promise<Buffer> {
  const response = await download(account, `${path}${path.includes('?') ? '&' : '?'}format=${format}`);
  expect(response.status, response.status === 200 ? '' : await response.text()).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}

/** The CSV text of a JSON value, as the export documents it (UGX has no minor digits). */
function csvOf(value: Value, type: ExportColumn['type']): string {
  if (value === null) return '';
  if (type === 'datetime') return kampalaWallClock(String(value));
  if (type === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

async function csvMatchesJson(account: Account, path: string, json: ExportJson): Promise<void> {
  const bytes = await exportBytes(account, path, 'csv');
  expect([...bytes.subarray(0, 3)], 'UTF-8 byte order mark').toEqual([0xef, 0xbb, 0xbf]);
  const records = parse(bytes.toString('utf8').slice(1)) as string[][];
  const { columns, rows } = json.data;
  expect(records[0]).toEqual(columns.map((c) => c.label));
  expect(records.slice(1)).toEqual(rows.map((row) => columns.map((c) => csvOf(row[c.key] ?? null, c.type))));
}

/** The spreadsheet value of a JSON value: numbers, local wall-clock dates, booleans, text. */
function xlsxOf(value: Value, type: ExportColumn['type']): unknown {
  if (value === null) return null;
  // Spreadsheet times keep whole seconds.
  if (type === 'datetime')
    return new Date(Math.floor(new Date(String(value)).getTime() / 1000) * 1000 + KAMPALA_OFFSET_MS);
  if (type === 'date') return new Date(`${String(value)}T00:00:00Z`);
  return value;
}

async function xlsxMatchesJson(account: Account, path: string, json: ExportJson): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(
    (await exportBytes(account, path, 'xlsx')) as unknown as Parameters<ExcelJS.Xlsx['load']>[0],
  );
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('the workbook has no sheet');
  const { columns, rows } = json.data;
  let headerRow = 0;
  sheet.eachRow((row, n) => {
    if (!headerRow && row.getCell(1).value === columns[0]?.label) headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const header = sheet.getRow(headerRow);
  expect(columns.map((_, i) => header.getCell(i + 1).value)).toEqual(columns.map((c) => c.label));
  expect(header.getCell(1).font.bold).toBe(true);
  rows.forEach((row, r) => {
    const line = sheet.getRow(headerRow + 1 + r);
    columns.forEach((c, i) => {
      const cell = line.getCell(i + 1);
      expect(cell.value ?? null, `${c.key} of row ${r + 1}`).toEqual(xlsxOf(row[c.key] ?? null, c.type));
      if (c.type === 'money' && row[c.key] !== null) expect(cell.numFmt).toBe('"UGX" #,##0');
    });
  });
  return sheet;
}

async function pdfText(account: Account, path: string): Promise<string> {
  const bytes = await exportBytes(account, path, 'pdf');
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

// Sales of Kampala moved to 29 February 2024 (a day no other test uses), at chosen local times.
const DAY = '2024-02-29';
const AT_2330 = '2024-02-29T20:30:00Z'; // 23:30 in Kampala: the 29th
const AT_0000 = '2024-02-28T21:00:00Z'; // 00:00 in Kampala: the 29th
const AT_0030_NEXT = '2024-02-29T21:30:00Z'; // 00:30 in Kampala: 1 March
const AT_MORNING = '2024-02-29T06:15:00Z'; // 09:15 in Kampala

let shops: { kampala: number; entebbe: number };
const made: {
  late: Sale;
  midnight: Sale;
  nextDay: Sale;
  reversal: Sale;
  entebbe: Sale;
  customerId: number;
  costs: Map<number, number>;
} = {} as never;

async function createProduct(session: Session, price: number, cost: number): Promise<number> {
  const product = await session.call<{ id: number }>('POST', '/items/products', {
    name: `Export test charger ${freshPhone().slice(-6)}`,
    category: 'Chargers & Cables',
    selling_price: price,
    cost_price: cost,
  });
  // Stock comes in through the ledger (an Owner's adjustment), as in the shop.
  const adjusted = await session.request('POST', `/api/products/${product.id}/adjust`, {
    quantity: 20,
    reason: 'export test stock',
  });
  expect(adjusted.status, JSON.stringify(adjusted.body)).toBe(200);
  return product.id;
}

async function sell(session: Session, body: Record<string, unknown>): Promise<Sale> {
  const response = await session.request<{ data: Sale }>('POST', '/api/sales', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function moveSale(id: number, at: string): Promise<void> {
  await db()('sales').where({ id }).update({ created_at: at });
  await db()('sale_payments').where({ sale_id: id }).update({ created_at: at });
}

beforeAll(async () => {
  shops = await shopIds();
  const owner = await as('kampalaOwner');
  const cheap = await createProduct(owner, 25_000, 10_000);
  const dear = await createProduct(owner, 120_000, 70_000);
  const customer = await owner.call<{ id: number }>('POST', '/items/customers', {
    name: 'Nakato, "Grace"',
    phone: freshPhone(),
    notes: 'pays by MTN,\nprefers evenings',
  });
  made.customerId = customer.id;
  made.late = await sell(owner, {
    customer_id: customer.id,
    items: [{ product_id: cheap, quantity: 2, discount_amount: 5_000 }],
    payments: [{ method: 'Cash', amount: 45_000 }],
  });
  made.midnight = await sell(await as('kampalaStaff'), {
    items: [{ product_id: dear, quantity: 1 }],
    payments: [
      { method: 'Cash', amount: 20_000 },
      { method: 'MTN Mobile Money', amount: 100_000, reference: 'MP240229.0000.A1' },
    ],
  });
  made.nextDay = await sell(owner, {
    items: [{ product_id: cheap, quantity: 1 }],
    payments: [{ method: 'Cash', amount: 25_000 }],
  });
  const reversed = await sell(owner, {
    items: [{ product_id: dear, quantity: 1 }],
    payments: [{ method: 'Card', amount: 120_000 }],
  });
  const reversal = await owner.request<{ data: Sale }>('POST', `/api/sales/${reversed.id}/reverse`, {
    reason: 'customer returned it',
  });
  expect(reversal.status, JSON.stringify(reversal.body)).toBe(201);
  made.reversal = reversal.body.data;
  made.costs = new Map([
    [made.late.id, 20_000],
    [made.midnight.id, 70_000],
    [reversed.id, 70_000],
    [made.reversal.id, -70_000],
  ]);

  const entebbeProduct = (await db()('products')
    .where({ shop_id: shops.entebbe, is_active: true })
    .where('stock_quantity', '>', 0)
    .orderBy('id')
    .first('id', 'selling_price')) as { id: number; selling_price: number };
  made.entebbe = await sell(await as('entebbeOwner'), {
    items: [{ product_id: entebbeProduct.id, quantity: 1 }],
    payments: [{ method: 'Cash', amount: entebbeProduct.selling_price }],
  });

  await moveSale(made.late.id, AT_2330);
  await moveSale(made.midnight.id, AT_0000);
  await moveSale(made.nextDay.id, AT_0030_NEXT);
  await moveSale(reversed.id, AT_MORNING);
  await moveSale(made.reversal.id, AT_MORNING.replace('06:15', '07:45'));
  await moveSale(made.entebbe.id, AT_MORNING);
});

const SALES_OF_DAY = `/api/exports/sales?from=${DAY}&to=${DAY}`;

describe('sales export by local day', () => {
  it('holds the day of the shop: 00:00 and 23:30 in, 00:30 the next day out, no other shop', async () => {
    const json = await exportJson('kampalaOwner', SALES_OF_DAY);
    expect(json.success).toBe(true);
    expect(json.data).toMatchObject({
      title: 'Sales',
      shop: { code: 'KPH', currency: 'UGX', timezone: 'Africa/Kampala' },
      period: { from: DAY, to: DAY },
    });
    const numbers = json.data.rows.map((r) => r['sale_number']);
    expect(numbers).toContain(made.late.sale_number);
    expect(numbers).toContain(made.midnight.sale_number);
    expect(numbers).toContain(made.reversal.sale_number);
    expect(numbers).not.toContain(made.nextDay.sale_number);
    expect(numbers).not.toContain(made.entebbe.sale_number);
    expect(numbers.every((n) => String(n).startsWith('KPH-'))).toBe(true);
    const late = json.data.rows.find((r) => r['sale_number'] === made.late.sale_number);
    expect(late).toMatchObject({
      created_at: new Date(AT_2330).toISOString(),
      customer: 'Nakato, "Grace"',
      payment_method: 'Cash',
      total_amount: 50_000,
      discount_amount: 5_000,
      final_amount: 45_000,
      cost_total: 20_000,
      margin: 25_000,
    });
    const split = json.data.rows.find((r) => r['sale_number'] === made.midnight.sale_number);
    expect(split).toMatchObject({ payment_method: 'Split', cashier: expect.any(String) as string });
    // A reversal takes back its sale's cost and margin.
    const reversal = json.data.rows.find((r) => r['sale_number'] === made.reversal.sale_number);
    expect(reversal).toMatchObject({
      kind: 'reversal',
      final_amount: -120_000,
      cost_total: -70_000,
      margin: -50_000,
    });

    // Oldest first, and the summary adds up the rows.
    const times = json.data.rows.map((r) => String(r['created_at']));
    expect([...times].sort()).toEqual(times);
    const total = json.data.rows.reduce((sum, r) => sum + Number(r['final_amount']), 0);
    expect(json.data.summary).toEqual(
      expect.arrayContaining([
        { label: 'Sales and reversals', type: 'integer', value: json.data.rows.length },
        { label: 'Total paid', type: 'money', value: total },
      ]),
    );
  });

  it('is the same day in every format: CSV, XLSX and PDF read back equal the JSON', async () => {
    const json = await exportJson('kampalaOwner', SALES_OF_DAY);
    await csvMatchesJson('kampalaOwner', SALES_OF_DAY, json);
    const sheet = await xlsxMatchesJson('kampalaOwner', SALES_OF_DAY, json);
    expect(sheet.getCell('A1').value).toBe('Sales');
    const text = await pdfText('kampalaOwner', SALES_OF_DAY);
    expect(text).toContain('Kampala Phone Hub');
    expect(text).toContain(`Period: ${DAY} to ${DAY}`);
    for (const row of json.data.rows) {
      expect(text).toContain(String(row['sale_number']));
      expect(text).toContain(formatMoney(Number(row['final_amount']), 'UGX'));
    }
    expect(text).toContain(kampalaWallClock(AT_2330));
    expect(text).toContain('2024-02-29 23:30');
  });

  it('filters by payment method (a split sale counts for each of its methods), status and cashier', async () => {
    const mtn = await exportJson('kampalaOwner', `${SALES_OF_DAY}&payment_method=MTN%20Mobile%20Money`);
    expect(mtn.data.rows.map((r) => r['sale_number'])).toEqual([made.midnight.sale_number]);
    const ids = await userIds();
    const byStaff = await exportJson('kampalaOwner', `${SALES_OF_DAY}&staff_id=${ids.kampalaStaff}`);
    expect(byStaff.data.rows.map((r) => r['sale_number'])).toEqual([made.midnight.sale_number]);
    const reversed = await exportJson('kampalaOwner', `${SALES_OF_DAY}&status=Reversed`);
    expect(reversed.data.rows).toHaveLength(1);
  });

  it('answers files with their type and a file name with the right extension', async () => {
    const types: Record<string, string> = {
      csv: 'text/csv',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      pdf: 'application/pdf',
      json: 'application/json',
    };
    for (const [format, type] of Object.entries(types)) {
      const response = await download('kampalaOwner', `${SALES_OF_DAY}&format=${format}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain(type);
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="sales-KPH-${DAY}_${DAY}.${format}"`,
      );
      await response.arrayBuffer();
    }
  });
});

describe('customers and products, every format against the JSON', () => {
  it('customers: all of the shop and only the shop, commas, quotes and line breaks intact', async () => {
    const path = '/api/exports/customers';
    const json = await exportJson('kampalaOwner', path);
    const ids = (await db()('customers').where({ shop_id: shops.kampala }).pluck('id')) as number[];
    expect(json.data.rows.map((r) => r['id']).sort()).toEqual([...ids].sort());
    const grace = json.data.rows.find((r) => r['id'] === made.customerId);
    expect(grace).toMatchObject({
      name: 'Nakato, "Grace"',
      notes: 'pays by MTN,\nprefers evenings',
      total_purchases: 45_000,
    });
    await csvMatchesJson('kampalaOwner', path, json);
    await xlsxMatchesJson('kampalaOwner', path, json);
    const text = await pdfText('kampalaOwner', path);
    expect(text).toContain('Customers');
    expect(text).toContain('Nakato, "Grace"');
  });

  it('products: cost columns for the Owner, every format equal', async () => {
    const path = '/api/exports/products';
    const json = await exportJson('kampalaOwner', path);
    expect(json.data.columns.map((c) => c.key)).toEqual(expect.arrayContaining(['cost_price', 'stock_cost']));
    const ids = (await db()('products').where({ shop_id: shops.kampala }).pluck('id')) as number[];
    expect(json.data.rows.map((r) => r['id']).sort()).toEqual([...ids].sort());
    const stock = json.data.rows.reduce((sum, r) => sum + Number(r['stock_quantity']), 0);
    expect(json.data.summary).toContainEqual({ label: 'Units in stock', type: 'integer', value: stock });
    await csvMatchesJson('kampalaOwner', path, json);
    await xlsxMatchesJson('kampalaOwner', path, json);
    const text = await pdfText('kampalaOwner', path);
    const first = json.data.rows[0];
    expect(text).toContain(formatMoney(Number(first?.['selling_price']), 'UGX'));
  });

  it('products filtered to a category', async () => {
    const json = await exportJson('kampalaOwner', '/api/exports/products?category=Chargers%20%26%20Cables');
    expect(json.data.rows.length).toBeGreaterThan(0);
    expect(new Set(json.data.rows.map((r) => r['category']))).toEqual(new Set(['Chargers & Cables']));
  });
});

describe('rights', () => {
  it('Staff may not export (403 in the envelope), in any format', async () => {
    for (const format of ['csv', 'json', 'pdf']) {
      const response = await download('kampalaStaff', `/api/exports/sales?format=${format}`);
      expect(response.status).toBe(403);
      const body = (await response.json()) as ErrorBody;
      expect(body).toMatchObject({ success: false, error: { code: 'FORBIDDEN' } });
      expect(body.error.message).toContain('export');
    }
  });

  it('without signing in: 401', async () => {
    const response = await fetch(`${baseUrl()}/api/exports/sales?format=csv`);
    expect(response.status).toBe(401);
  });

  it('Supervisors export without cost prices, purchase prices or margins', async () => {
    const sales = await exportJson('kampalaSupervisor', SALES_OF_DAY);
    const saleKeys = sales.data.columns.map((c) => c.key);
    expect(saleKeys).toContain('final_amount');
    expect(saleKeys).not.toContain('cost_total');
    expect(saleKeys).not.toContain('margin');
    expect(sales.data.rows.every((r) => !('margin' in r) && !('cost_total' in r))).toBe(true);
    expect(sales.data.summary.map((s) => s.label)).not.toContain('Total margin');

    const products = await exportJson('kampalaSupervisor', '/api/exports/products');
    expect(products.data.columns.map((c) => c.key)).not.toContain('cost_price');
    expect(products.data.columns.map((c) => c.key)).not.toContain('stock_cost');
    const csv = await exportBytes('kampalaSupervisor', '/api/exports/products', 'csv');
    const header = (parse(csv.toString('utf8').slice(1)) as string[][])[0];
    expect(header).not.toContain('Cost price');
    await xlsxMatchesJson('kampalaSupervisor', '/api/exports/products', products);

    const devices = await exportJson('kampalaSupervisor', '/api/exports/devices');
    expect(devices.data.columns.map((c) => c.key)).not.toContain('purchase_price');
    const repairs = await exportJson('kampalaSupervisor', '/api/exports/repairs');
    expect(repairs.data.columns.map((c) => c.key)).not.toContain('parts_cost');
  });

  it('audit logs: Owners only', async () => {
    const refused = await download('kampalaSupervisor', '/api/exports/audit-logs?format=csv');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as ErrorBody).error.code).toBe('FORBIDDEN');
    // Directus writes some entries just after answering: the export lies between two counts.
    const count = async (): Promise<number> => {
      const [{ n }] = (await db()('audit_logs').where({ shop_id: shops.kampala }).count({ n: '*' })) as [
        { n: string },
      ];
      return Number(n);
    };
    const before = await count();
    const json = await exportJson('kampalaOwner', '/api/exports/audit-logs');
    const after = await count();
    expect(json.data.rows.length).toBeGreaterThanOrEqual(before);
    expect(json.data.rows.length).toBeLessThanOrEqual(after);
    expect(json.data.rows.some((r) => r['entity_type'] === 'sales' && r['action'] === 'reverse')).toBe(true);
  });

  it("another shop's export holds only its own rows", async () => {
    const json = await exportJson('entebbeOwner', SALES_OF_DAY);
    expect(json.data.shop.code).toBe('EMC');
    expect(json.data.rows.map((r) => r['sale_number'])).toEqual([made.entebbe.sale_number]);
    const customers = await exportJson('entebbeOwner', '/api/exports/customers');
    expect(customers.data.rows.map((r) => r['id'])).not.toContain(made.customerId);
    const kampalaIds = new Set(
      (await db()('customers').where({ shop_id: shops.kampala }).pluck('id')) as number[],
    );
    expect(customers.data.rows.some((r) => kampalaIds.has(Number(r['id'])))).toBe(false);
  });
});

describe('every list', () => {
  it.each(['sales', 'customers', 'products', 'devices', 'repairs', 'expenses', 'closures', 'audit-logs'])(
    '%s: the CSV has the JSON rows',
    async (list) => {
      const path = `/api/exports/${list}`;
      const json = await exportJson('kampalaOwner', path);
      expect(json.data.columns.length).toBeGreaterThan(0);
      const csv = await exportBytes('kampalaOwner', path, 'csv');
      const records = parse(csv.toString('utf8').slice(1)) as string[][];
      expect(records[0]).toEqual(json.data.columns.map((c) => c.label));
      expect(records).toHaveLength(json.data.rows.length + 1);
    },
  );
});

describe('bad input', () => {
  it.each([
    ['/api/exports/sales?format=docx', 'format'],
    ['/api/exports/sales?from=2024-13-01', 'from'],
    ['/api/exports/sales?from=2024-03-02&to=2024-03-01', 'to'],
    ['/api/exports/sales?status=Lost', 'status'],
    ['/api/exports/sales?staff_id=bob', 'staff_id'],
    ['/api/exports/products?is_active=yes', 'is_active'],
    ['/api/exports/invoices', 'list'],
  ])('%s answers 400 naming %s', async (path, field) => {
    const response = await download('kampalaOwner', path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(Object.keys(body.error.details ?? {})).toContain(field);
  });
});

describe('streaming', () => {
  it('streams 5,000 sales through the cursor, in batches, without a Content-Length', async () => {
    // A shop of its own: the other suites count the demo shops' sales.
    const bulk = await freshShop('Bulk Export Phones', 'BEP');
    await db().raw(
      `INSERT INTO sales (shop_id, sale_number, total_amount, final_amount, payment_method, created_by, created_at)
       SELECT ?, 'BULK-' || n, 1000 + n, 1000 + n, 'Cash', ?, '2023-06-15T09:00:00Z'::timestamptz + n * interval '1 second'
       FROM generate_series(1, 5000) AS n`,
      [bulk.id, bulk.userIds.owner],
    );
    const response = await fetch(`${baseUrl()}/api/exports/sales?from=2023-06-15&to=2023-06-15&format=csv`, {
      headers: { authorization: `Bearer ${bulk.owner.token}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBeNull();
    const records = parse((await response.text()).replace(/^\ufeff/, '')) as string[][];
    expect(records).toHaveLength(5001);
    expect(records[1]?.[0]).toBe('BULK-1');
    expect(records[5000]?.[0]).toBe('BULK-5000');
    const total = records.slice(1).reduce((sum, r) => sum + Number(r[10]), 0);
    expect(total).toBe(5000 * 1000 + (5000 * 5001) / 2);
  });
});
