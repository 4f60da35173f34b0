// The plain baseline: node:http + pg doing the same SQL as the /api endpoints, with none of
// Directus (no auth, no permissions, no hooks). Started by pos.bench.ts as a child process.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import pg from 'pg';

const [databaseUrl, portText, shopText, userId] = process.argv.slice(2);
const shopId = Number(shopText);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 16 });
const COLUMNS = 'id, name, category, sku, barcode, selling_price, stock_quantity, min_stock_level, is_active';

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<{
  items: { product_id: number; quantity: number }[];
  payments: { method: string; amount: number }[];
}> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as never;
}

async function lookup(url: URL): Promise<unknown[]> {
  const barcode = url.searchParams.get('barcode');
  if (barcode) {
    return (
      await pool.query<Record<string, unknown>>(
        `SELECT ${COLUMNS} FROM products WHERE shop_id = $1 AND is_active AND (barcode = $2 OR sku = $2) LIMIT 20`,
        [shopId, barcode],
      )
    ).rows;
  }
  const q = (url.searchParams.get('q') ?? '').toLowerCase();
  return (
    await pool.query<Record<string, unknown>>(
      `SELECT ${COLUMNS} FROM products WHERE shop_id = $1 AND is_active AND lower(name) COLLATE "C" LIKE $2 ORDER BY lower(name) COLLATE "C" LIMIT 20`,
      [shopId, `${q}%`],
    )
  ).rows;
}

async function checkout(input: Awaited<ReturnType<typeof body>>, key: string): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      'INSERT INTO idempotency_keys (shop_id, key, user_id, scope, request_hash) VALUES ($1, $2, $3, $4, $5)',
      [shopId, key, userId, 'POST /api/sales', 'x'.repeat(64)],
    );
    const ids = input.items.map((i) => i.product_id);
    const products = (
      await client.query(
        'SELECT id, name, selling_price, cost_price FROM products WHERE shop_id = $1 AND id = ANY($2)',
        [shopId, ids],
      )
    ).rows as { id: number; name: string; selling_price: number; cost_price: number }[];
    await client.query('SELECT setting_key, setting_value FROM settings WHERE shop_id = $1', [shopId]);
    const total = input.items.reduce(
      (sum, i) => sum + (products.find((p) => p.id === i.product_id)?.selling_price ?? 0) * i.quantity,
      0,
    );
    const sale = (
      await client.query(
        `INSERT INTO sales (shop_id, sale_number, total_amount, final_amount, payment_method, created_by) VALUES ($1, $2, $3, $3, 'Cash', $4) RETURNING id`,
        [shopId, `PENDING-${randomUUID()}`, total, userId],
      )
    ).rows[0] as { id: number };
    for (const item of [...input.items].sort((a, b) => a.product_id - b.product_id)) {
      const product = products.find((p) => p.id === item.product_id);
      if (!product) throw new Error('unknown product');
      await client.query(
        'INSERT INTO sale_items (shop_id, sale_id, product_id, item_name, quantity, unit_price, unit_cost, total_price) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [
          shopId,
          sale.id,
          product.id,
          product.name,
          item.quantity,
          product.selling_price,
          product.cost_price,
          product.selling_price * item.quantity,
        ],
      );
      const moved = await client.query(
        'UPDATE products SET stock_quantity = stock_quantity - $1 WHERE id = $2 AND shop_id = $3 AND stock_quantity >= $1 RETURNING stock_quantity',
        [item.quantity, product.id, shopId],
      );
      if (moved.rowCount === 0) throw new Error('insufficient stock');
      await client.query(
        `INSERT INTO stock_movements (shop_id, product_id, movement_type, quantity, stock_after, reference_type, reference_id, created_by) VALUES ($1, $2, 'sale', $3, $4, 'sale', $5, $6)`,
        [
          shopId,
          product.id,
          -item.quantity,
          (moved.rows[0] as { stock_quantity: number }).stock_quantity,
          sale.id,
          userId,
        ],
      );
    }
    await client.query(
      `INSERT INTO sale_payments (shop_id, sale_id, method, amount) VALUES ($1, $2, 'Cash', $3)`,
      [shopId, sale.id, total],
    );
    // Numbered last, as the checkout does, so the counter row is held only at the end.
    const number = (
      await client.query(
        `INSERT INTO shop_counters (shop_id, series, period, value) VALUES ($1, 'bench', extract(year FROM now())::integer, 1)
       ON CONFLICT (shop_id, series, period) DO UPDATE SET value = shop_counters.value + 1 RETURNING value`,
        [shopId],
      )
    ).rows[0] as { value: number };
    await client.query('UPDATE sales SET sale_number = $1 WHERE id = $2', [`PLAIN-${number.value}`, sale.id]);
    await client.query(
      `INSERT INTO audit_logs (shop_id, user_id, entity_type, entity_id, action, new_value) VALUES ($1, $2, 'sales', $3, 'create', $4)`,
      [shopId, userId, String(sale.id), JSON.stringify({ total })],
    );
    await client.query(
      `INSERT INTO outbox_events (shop_id, event_type, payload) VALUES ($1, 'sale.created', $2)`,
      [shopId, JSON.stringify({ sale_id: sale.id })],
    );
    await client.query('UPDATE idempotency_keys SET response_status = 201 WHERE shop_id = $1 AND key = $2', [
      shopId,
      key,
    ]);
    await client.query('COMMIT');
    return sale.id;
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
      return send(res, 200, { data: await lookup(url) });
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
