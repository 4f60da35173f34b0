// `npm run bench`: the point of sale under load, as ratios against baselines measured in the same run.
// A shop with 50,000 products and 200,000 past sales; 16 connections; for each scenario requests/s,
// p50 and p95 latency (computed from every response), and the server's peak memory.
//   - checkout of a 3-line sale: /api/sales vs a plain node:http + pg server doing the same SQL;
//   - product lookup by barcode and by name prefix: /api/products/lookup vs the plain server, vs
//     Directus's generic GET /items/products with the same filter for the same user, and vs an
//     authenticated no-op endpoint (Directus's own per-request floor).
// Writes bench/RESULTS.md. Needs no network: everything runs on loopback.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';
import { login } from '../directus/admin-client.ts';
import { freePort, startTestInstance, DEMO_PASSWORD } from '../tests/setup/instance.ts';
import { writeSection } from './results.ts';

readInt8AsNumber();

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 10);
/** Seconds of load before each measurement, so that every scenario is measured warm (JIT, pools). */
const WARMUP = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 3);
const CONNECTIONS = 16;
/** Comma-separated substrings of scenario names: only those run, and RESULTS.md is left alone. */
const ONLY = process.env['BENCH_ONLY']?.split(',').filter(Boolean);
const PRODUCTS = 50_000;
const SALES = 200_000;

interface Scenario {
  name: string;
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  path: () => string;
  body?: () => string;
  pid: number | undefined;
}

interface Measured {
  name: string;
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  errors: number;
  non2xx: number;
  peakRssMb: number;
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function load(
  scenario: Scenario,
  seconds: number,
  onResponse?: (ms: number) => void,
): Promise<autocannon.Result> {
  return new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: scenario.url,
        connections: CONNECTIONS,
        duration: seconds,
        method: scenario.method,
        headers: scenario.headers,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: scenario.path(),
              ...(scenario.body
                ? { body: scenario.body(), headers: { ...scenario.headers, 'idempotency-key': randomUUID() } }
                : {}),
            }),
          },
        ],
      },
      (error: unknown, finished) =>
        error ? reject(error instanceof Error ? error : new Error('the load run failed')) : resolve(finished),
    );
    if (onResponse)
      run.on('response', (_client, _status, _bytes, responseTime: number) => onResponse(responseTime));
  });
}

async function measure(scenario: Scenario): Promise<Measured> {
  if (WARMUP > 0) await load(scenario, WARMUP);
  const latencies: number[] = [];
  let peak = rssMb(scenario.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(scenario.pid))), 200);
  const result = await load(scenario, DURATION, (ms) => latencies.push(ms));
  clearInterval(sampler);
  latencies.sort((a, b) => a - b);
  return {
    name: scenario.name,
    requests: result.requests.total,
    rps: Math.round(result.requests.total / DURATION),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p95: Math.round(percentile(latencies, 95) * 10) / 10,
    errors: result.errors,
    non2xx: result.non2xx,
    peakRssMb: Math.round(peak),
  };
}

async function seedBigShop(databaseUrl: string, shopId: number, userId: string): Promise<void> {
  const knex = knexFactory({ client: 'pg', connection: databaseUrl });
  try {
    await knex.raw(
      `INSERT INTO products (shop_id, name, category, sku, barcode, cost_price, selling_price, stock_quantity, min_stock_level)
       SELECT ?, (ARRAY['Tecno','Infinix','Samsung','itel','Xiaomi','Nokia','Oppo','Vivo'])[1 + i % 8] || ' item ' || lpad(i::text, 6, '0'),
              (ARRAY['Phones','Audio','Power','Protection'])[1 + i % 4], 'BENCH-' || i, 'B' || lpad(i::text, 12, '0'),
              1000 + i % 500, 2000 + i % 1000, 1000000000, 5
       FROM generate_series(1, ?) AS i`,
      [shopId, PRODUCTS],
    );
    await knex.raw(
      `WITH p AS (SELECT id, selling_price, row_number() OVER (ORDER BY id) AS n FROM products WHERE shop_id = ? AND sku LIKE 'BENCH-%'),
            s AS (INSERT INTO sales (shop_id, sale_number, total_amount, final_amount, payment_method, status, created_by, created_at)
                  SELECT ?, 'HIST-' || i, 0, 0, 'Cash', 'Approved', ?, now() - (i % 365) * interval '1 day' - (i % 600) * interval '1 minute'
                  FROM generate_series(1, ?) AS i RETURNING id)
       INSERT INTO sale_items (shop_id, sale_id, product_id, item_name, quantity, unit_price, total_price)
       SELECT ?, s.id, p.id, 'history', 1, 0, 0 FROM s JOIN p ON p.n = 1 + s.id % ?`,
      [shopId, shopId, userId, SALES, shopId, PRODUCTS],
    );
    // Vacuumed now, so that autovacuum does not pick the bulk-loaded tables up in the middle of a
    // measurement (it did, taking CPU from whichever scenario ran then).
    await knex.raw('VACUUM (ANALYZE)');
  } finally {
    await knex.destroy();
  }
}

const instance = await startTestInstance();
try {
  const knex = knexFactory({ client: 'pg', connection: instance.databaseUrl });
  const shop = (await knex('shops').where({ slug: 'kampala-phone-hub' }).first('id')) as { id: number };
  const staffUser = (await knex('directus_users')
    .where({ email: 'staff@kampala.example.com' })
    .first('id')) as { id: string };
  console.log(`seeding ${PRODUCTS} products and ${SALES} sales...`);
  await seedBigShop(instance.databaseUrl, shop.id, staffUser.id);
  const { firstId } = (await knex('products')
    .where({ shop_id: shop.id })
    .whereLike('sku', 'BENCH-%')
    .min({ firstId: 'id' })
    .first()) as { firstId: number };
  await knex.destroy();

  const plainPort = await freePort();
  const plain = spawn(
    process.execPath,
    [
      path.join(import.meta.dirname, 'plain-server.ts'),
      instance.databaseUrl,
      String(plainPort),
      String(shop.id),
      staffUser.id,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve) => plain.stdout.once('data', () => resolve()));
  const plainUrl = `http://127.0.0.1:${plainPort}`;

  const token = await login(instance.baseUrl, 'staff@kampala.example.com', DEMO_PASSWORD);
  const auth = { authorization: `Bearer ${token}` };
  const json = { 'content-type': 'application/json' };
  const randomProduct = (): number => 1 + Math.floor(Math.random() * PRODUCTS);
  const barcode = (): string => `B${String(randomProduct()).padStart(12, '0')}`;
  const prefixes = [
    'tecno item 01',
    'samsung item 02',
    'itel item 03',
    'xiaomi item 04',
    'nokia item 12',
    'oppo item 33',
  ];
  const prefix = (): string =>
    encodeURIComponent(prefixes[Math.floor(Math.random() * prefixes.length)] ?? 'tecno');
  // Bench product i (1..PRODUCTS) has id firstId + i - 1 and sells at 2000 + i % 1000, as a POS
  // would know from its lookup; the checkout pays exactly.
  const checkoutBody = (): string => {
    const picked = new Set<number>();
    while (picked.size < 3) picked.add(randomProduct());
    const items = [...picked].map((i) => ({ product_id: firstId + i - 1, quantity: 1 }));
    const total = [...picked].reduce((sum, i) => sum + 2000 + (i % 1000), 0);
    return JSON.stringify({ items, payments: [{ method: 'Cash', amount: total }] });
  };

  const directus = instance.serverPid;
  const scenarios: Scenario[] = [
    {
      name: 'plain: lookup by barcode',
      url: plainUrl,
      method: 'GET',
      headers: {},
      path: () => `/lookup?barcode=${barcode()}`,
      pid: plain.pid,
    },
    {
      name: 'plain: lookup by name prefix',
      url: plainUrl,
      method: 'GET',
      headers: {},
      path: () => `/lookup?q=${prefix()}`,
      pid: plain.pid,
    },
    {
      name: 'plain: checkout (3 lines)',
      url: plainUrl,
      method: 'POST',
      headers: json,
      path: () => '/checkout',
      body: checkoutBody,
      pid: plain.pid,
    },
    {
      name: 'directus: authenticated no-op (GET /api/health)',
      url: instance.baseUrl,
      method: 'GET',
      headers: auth,
      path: () => '/api/health',
      pid: directus,
    },
    {
      name: 'api: lookup by barcode',
      url: instance.baseUrl,
      method: 'GET',
      headers: auth,
      path: () => `/api/products/lookup?barcode=${barcode()}`,
      pid: directus,
    },
    {
      name: 'items: lookup by barcode (GET /items/products)',
      url: instance.baseUrl,
      method: 'GET',
      headers: auth,
      path: () => `/items/products?filter[barcode][_eq]=${barcode()}&limit=20`,
      pid: directus,
    },
    {
      name: 'api: lookup by name prefix',
      url: instance.baseUrl,
      method: 'GET',
      headers: auth,
      path: () => `/api/products/lookup?q=${prefix()}`,
      pid: directus,
    },
    {
      name: 'items: lookup by name prefix (GET /items/products)',
      url: instance.baseUrl,
      method: 'GET',
      headers: auth,
      path: () => `/items/products?filter[name][_istarts_with]=${prefix()}&sort=name&limit=20`,
      pid: directus,
    },
    {
      name: 'api: checkout (3 lines, POST /api/sales)',
      url: instance.baseUrl,
      method: 'POST',
      headers: { ...auth, ...json },
      path: () => '/api/sales',
      body: checkoutBody,
      pid: directus,
    },
  ];

  const results: Measured[] = [];
  for (const scenario of scenarios.filter((s) => !ONLY || ONLY.some((part) => s.name.includes(part)))) {
    console.log(`running ${scenario.name} for ${DURATION} s`);
    const measured = await measure(scenario);
    console.log(
      `  ${measured.rps} req/s, p50 ${measured.p50} ms, p95 ${measured.p95} ms, non-2xx ${measured.non2xx}, peak RSS ${measured.peakRssMb} MB`,
    );
    results.push(measured);
  }
  plain.kill('SIGTERM');
  if (!ONLY) await report(results);
} finally {
  await instance.stop();
}

async function report(results: Measured[]): Promise<void> {
  const get = (name: string): Measured => {
    const found = results.find((r) => r.name.startsWith(name));
    if (!found) throw new Error(`no result for ${name}`);
    return found;
  };
  const ratio = (a: number, b: number): string => `${((a / b) * 100).toFixed(0)}%`;
  const checks = [
    ['checkout p95 ≤ 100 ms', `${get('api: checkout').p95} ms`, get('api: checkout').p95 <= 100],
    [
      'checkout throughput ≥ 25% of plain',
      ratio(get('api: checkout').rps, get('plain: checkout').rps),
      get('api: checkout').rps >= 0.25 * get('plain: checkout').rps,
    ],
    [
      'barcode lookup p95 ≤ 50 ms',
      `${get('api: lookup by barcode').p95} ms`,
      get('api: lookup by barcode').p95 <= 50,
    ],
    ['name lookup p95 ≤ 50 ms', `${get('api: lookup by name').p95} ms`, get('api: lookup by name').p95 <= 50],
    [
      'barcode lookup ≥ 2× /items',
      `${(get('api: lookup by barcode').rps / get('items: lookup by barcode').rps).toFixed(2)}×`,
      get('api: lookup by barcode').rps >= 2 * get('items: lookup by barcode').rps,
    ],
    [
      'name lookup ≥ 2× /items',
      `${(get('api: lookup by name').rps / get('items: lookup by name').rps).toFixed(2)}×`,
      get('api: lookup by name').rps >= 2 * get('items: lookup by name').rps,
    ],
    [
      'barcode lookup ≥ 60% of the no-op floor',
      ratio(get('api: lookup by barcode').rps, get('directus: authenticated').rps),
      get('api: lookup by barcode').rps >= 0.6 * get('directus: authenticated').rps,
    ],
    [
      'name lookup ≥ 60% of the no-op floor',
      ratio(get('api: lookup by name').rps, get('directus: authenticated').rps),
      get('api: lookup by name').rps >= 0.6 * get('directus: authenticated').rps,
    ],
  ] as const;

  const lines = [
    '## Point of sale',
    '',
    `Produced by \`npm run bench\` (bench/pos.bench.ts) on ${new Date().toISOString().slice(0, 10)}: this machine (2 cores), load generator on the same machine,`,
    `${CONNECTIONS} connections, ${DURATION} s per scenario after ${WARMUP} s of warm-up, a shop with ${PRODUCTS.toLocaleString('en')} products and ${SALES.toLocaleString('en')} past sales, signed in as Staff.`,
    'p50 and p95 are computed from every response of the run. Ratios compare scenarios of the same run.',
    '',
    '| scenario | requests | req/s | p50 ms | p95 ms | non-2xx | server peak RSS MB |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      (r) => `| ${r.name} | ${r.requests} | ${r.rps} | ${r.p50} | ${r.p95} | ${r.non2xx} | ${r.peakRssMb} |`,
    ),
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    ...checks.map(([target, measured, met]) => `| ${target} | ${measured} | ${met ? 'yes' : 'no'} |`),
    '',
  ];
  await writeSection('pos', lines.join('\n'));
  console.log(lines.join('\n'));
}
