// The plain baseline: node:http + pg doing the same SQL as the /api endpoints (the extension's own
// statements, prepared the same way), with none of Directus (no auth, no permissions, no hooks) and
// none of knex. Started by pos.bench.ts as a child process.
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';
import { prefixEnd } from '../extensions/phone-shop/src/database/prefix-range.ts';
import {
  BY_BARCODE,
  BY_NAME_PREFIX,
} from '../extensions/phone-shop/src/services/inventory/inventory.service.ts';
import { Journal } from '../extensions/phone-shop/src/services/journal.ts';
import { NEXT_NUMBER } from '../extensions/phone-shop/src/services/numbering.ts';
import { CHECKOUT_FACTS } from '../extensions/phone-shop/src/services/sales/checkout.service.ts';

const [databaseUrl, portText, shopText, userId] = process.argv.slice(2);
const shopId = Number(shopText);
readInt8AsNumber();
const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 });

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function sendRaw(res: ServerResponse, json: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(json);
}

async function body(req: IncomingMessage): Promise<{
  items: { product_id: number; quantity: number }[];
  payments: { method: string; amount: number }[];
}> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as never;
}

/** The lookup's statements answer the products as one JSON text, sent as it is (as the extension does). */
async function lookup(url: URL): Promise<string> {
  const barcode = url.searchParams.get('barcode');
  const q = (url.searchParams.get('q') ?? '').toLowerCase();
  const { rows } = await pool.query<{ rows: string }>(
    barcode
      ? statement(BY_BARCODE, [shopId, barcode, barcode, 20])
      : statement(BY_NAME_PREFIX, [shopId, q, prefixEnd(q), 20]),
  );
  return rows[0]?.rows ?? '[]';
}

// The checkout's own statements (prepared, as the extension prepares them): the first one, which
// claims the idempotency key, takes the stock and reads the facts; the sale number on a connection
// of its own; the journal's one write; the commit. What it computes in between is reduced to the plain sum of the prices.
const counters = new pg.Pool({ connectionString: databaseUrl, max: 4, options: '-c synchronous_commit=off' });
const named = new Map<string, string>();

function statement(sql: string, values: unknown[]): { name: string; text: string; values: unknown[] } {
  let name = named.get(sql);
  if (!name) {
    name = `plain_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`;
    named.set(sql, name);
  }
  let n = 0;
  return { name, text: sql.replace(/\?/g, () => `$${++n}`), values };
}

interface Facts {
  sale_id: number;
  item_ids: number[];
  now: Date;
  shop: { code: string; timezone: string };
  products: { id: number; name: string; selling_price: number; cost_price: number }[];
  moved: { productId: number; quantity: number; stock_quantity: number }[];
  cashier: string | null;
}

async function checkout(input: Awaited<ReturnType<typeof body>>, key: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const stock = [...input.items]
      .sort((a, b) => a.product_id - b.product_id)
      .map((i) => ({ product_id: i.product_id, quantity: i.quantity }));
    const ids = input.items.map((i) => i.product_id);
    const facts = (
      await client.query<Facts>(
        statement(CHECKOUT_FACTS, [
          shopId,
          userId,
          'POST /api/sales',
          'x'.repeat(64),
          key,
          key,
          JSON.stringify(stock),
          shopId,
          shopId,
          input.items.length,
          shopId,
          shopId,
          shopId,
          ids,
          shopId,
          [],
          null,
          shopId,
          null,
          shopId,
          userId,
        ]),
      )
    ).rows[0];
    if (!facts || facts.moved.length !== stock.length) throw new Error('insufficient stock');
    const lines = input.items.map((item, i) => {
      const product = facts.products.find((p) => p.id === item.product_id);
      if (!product) throw new Error('unknown product');
      return {
        id: facts.item_ids[i],
        shop_id: shopId,
        sale_id: facts.sale_id,
        product_id: product.id,
        device_id: null,
        item_name: product.name,
        quantity: item.quantity,
        unit_price: product.selling_price,
        unit_cost: product.cost_price,
        discount_amount: 0,
        total_price: product.selling_price * item.quantity,
      };
    });
    const total = lines.reduce((sum, l) => sum + l.total_price, 0);
    const number = (
      await counters.query<{ value: number }>(statement(NEXT_NUMBER, [shopId, 'bench', facts.shop.timezone]))
    ).rows[0];
    const saleNumber = `PLAIN-${number?.value ?? 0}`;
    const sale = {
      id: facts.sale_id,
      shop_id: shopId,
      sale_number: saleNumber,
      kind: 'sale',
      status: 'Submitted',
      payment_status: 'Paid',
      customer_id: null,
      total_amount: total,
      discount_amount: 0,
      tax_amount: 0,
      final_amount: total,
      payment_method: 'Cash',
      created_by: userId,
      created_at: facts.now.toISOString(),
    };
    const journal = new Journal();
    journal.append(
      'stock_movements',
      ...facts.moved.map((m) => ({
        shop_id: shopId,
        product_id: m.productId,
        movement_type: 'sale',
        quantity: -m.quantity,
        stock_after: m.stock_quantity,
        reference_type: 'sale',
        reference_id: facts.sale_id,
        created_by: userId,
      })),
    );
    journal.append('sales', sale);
    journal.append('sale_items', ...lines);
    journal.append('sale_payments', {
      shop_id: shopId,
      sale_id: facts.sale_id,
      method: 'Cash',
      amount: total,
    });
    const detail = {
      ...sale,
      cashier: facts.cashier,
      items: lines,
      payments: [{ method: 'Cash', amount: total }],
    };
    journal.append('audit_logs', {
      shop_id: shopId,
      user_id: userId,
      entity_type: 'sales',
      entity_id: String(facts.sale_id),
      action: 'create',
      new_value: detail,
    });
    journal.append('outbox_events', {
      shop_id: shopId,
      event_type: 'sale.created',
      payload: {
        event: 'sale.created',
        shop_id: shopId,
        data: { sale_id: facts.sale_id, total_amount: total },
      },
    });
    journal.notify(
      shopId,
      { roles: ['Owner', 'Supervisor'] },
      {
        title: 'New sale',
        message: `${saleNumber}: UGX ${total}`,
        type: 'sale.created',
        link: `/sales/${facts.sale_id}`,
      },
    );
    const write = journal.take();
    if (write) await client.query(statement(write.sql, write.bindings));
    await client.query('COMMIT');
    return facts.sale_id;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const work = async (): Promise<void> => {
    if (req.method === 'GET' && url.pathname === '/lookup')
      return sendRaw(res, `{"data":${await lookup(url)}}`);
    if (req.method === 'POST' && url.pathname === '/checkout') {
      return send(res, 201, {
        data: {
          id: await checkout(await body(req), req.headers['idempotency-key']?.toString() ?? randomUUID()),
        },
      });
    }
    send(res, 404, {});
  };
  work().catch((error: unknown) => send(res, 500, { error: String(error) }));
}).listen(Number(portText), '127.0.0.1', () => console.log('plain baseline ready'));
