// `npm run bench:security`: what the security edge costs the till, and what one shop's heaviest
// allowed queries do to another shop's checkout, as ratios measured in the same run.
//   - The rate limiter: two instances side by side on the same data, one with the limits off
//     (RATE_LIMIT_ENABLED=false) and one with them on (budgets raised so that the load is counted
//     but never refused); a 3-line checkout at 16 connections, alternated between them over several
//     rounds. Target: the limiter costs under 5% of checkout throughput.
//   - One shop's heavy queries: the Kampala Owner, whose shop has 20,000 sales, reads
//     /items/sales?limit=200&fields=*.*.* (the deepest and largest the caps allow) on 2 connections
//     without pause for a minute, with production's budget of server time for heavy reads (the other
//     limits raised), while Entebbe's till sells. Target: Entebbe's checkout p95 over that minute
//     within 20% of its p95 over a minute alone.
// Writes its section of bench/RESULTS.md. Needs no network: everything runs on loopback.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';
import { login } from '../directus/admin-client.ts';
import {
  startTestInstance,
  DEMO_PASSWORD,
  UNREFUSING_LIMITS,
  type TestInstance,
} from '../tests/setup/instance.ts';
import { createLimiter, DEFAULT_BUDGETS } from '../extensions/phone-shop/src/security/rate-limits.ts';
import { writeSection } from './results.ts';

readInt8AsNumber();

const DURATION = Number(process.env['BENCH_SECONDS'] ?? 10);
const WARMUP = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 3);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const CONNECTIONS = 16;
const HEAVY_CONNECTIONS = 2;
/** A minute of one shop's heavy reads: what its budgets of server time are measured over. */
const HEAVY_SECONDS = Number(process.env['BENCH_HEAVY_SECONDS'] ?? 60);
const KAMPALA_SALES = 20_000;
const ENTEBBE_PRODUCTS = 500;

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function run(options: autocannon.Options, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) =>
      error ? reject(error instanceof Error ? error : new Error('the load run failed')) : resolve(result),
    );
    if (onResponse) instance.on('response', (_c, _s, _b, ms: number) => onResponse(ms));
  });
}

interface Till {
  url: string;
  token: string;
  body: () => string;
}

async function checkout(till: Till, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  const result = await run(
    {
      url: till.url,
      connections: CONNECTIONS,
      duration: seconds,
      method: 'POST',
      headers: { authorization: `Bearer ${till.token}`, 'content-type': 'application/json' },
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            path: '/api/sales',
            body: till.body(),
            headers: {
              authorization: `Bearer ${till.token}`,
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
          }),
        },
      ],
    },
    (ms) => latencies.push(ms),
  );
  latencies.sort((a, b) => a - b);
  return {
    rps: Math.round(result.requests.total / seconds),
    p50: Math.round(percentile(latencies, 50) * 10) / 10,
    p95: Math.round(percentile(latencies, 95) * 10) / 10,
    non2xx: result.non2xx,
  };
}

async function measured(till: Till, seconds: number = DURATION): Promise<Measured> {
  if (WARMUP > 0) await checkout(till, WARMUP);
  return checkout(till, seconds);
}

/** Kampala's history (for the heavy reader) and Entebbe's shelf (for the till). */
async function seed(instance: TestInstance): Promise<Till & { ownerToken: string }> {
  const knex = knexFactory({ client: 'pg', connection: instance.databaseUrl });
  try {
    const shops = (await knex('shops').select('id', 'slug')) as { id: number; slug: string }[];
    const kampala = shops.find((s) => s.slug === 'kampala-phone-hub')?.id ?? 0;
    const entebbe = shops.find((s) => s.slug === 'entebbe-mobile-care')?.id ?? 0;
    const staff = (await knex('directus_users')
      .where({ email: 'staff@kampala.example.com' })
      .first('id')) as {
      id: string;
    };
    await knex.raw(
      `INSERT INTO sales (shop_id, sale_number, total_amount, final_amount, payment_method, status, created_by, created_at, notes)
       SELECT ?, 'HIST-' || i, 10000, 10000, 'Cash', 'Approved', ?, now() - (i % 365) * interval '1 day', 'history ' || i
       FROM generate_series(1, ?) AS i`,
      [kampala, staff.id, KAMPALA_SALES],
    );
    const products = (await knex.raw(
      `INSERT INTO products (shop_id, name, category, sku, cost_price, selling_price, stock_quantity)
       SELECT ?, 'Entebbe item ' || i, 'Audio', 'EB-' || i, 1000, 2000, 1000000000
       FROM generate_series(1, ?) AS i RETURNING id`,
      [entebbe, ENTEBBE_PRODUCTS],
    )) as { rows: { id: number }[] };
    await knex.raw('VACUUM (ANALYZE)');
    const ids = products.rows.map((r) => r.id);
    const body = (): string => {
      const picked = new Set<number>();
      while (picked.size < 3) picked.add(ids[Math.floor(Math.random() * ids.length)] ?? 0);
      return JSON.stringify({
        items: [...picked].map((id) => ({ product_id: id, quantity: 1 })),
        payments: [{ method: 'Cash', amount: 6000 }],
      });
    };
    return {
      url: instance.baseUrl,
      token: await login(instance.baseUrl, 'staff@entebbe.example.com', DEMO_PASSWORD),
      ownerToken: await login(instance.baseUrl, 'owner@kampala.example.com', DEMO_PASSWORD),
      body,
    };
  } finally {
    await knex.destroy();
  }
}

const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/**
 * The limiter's own work, in this process: microseconds per request counted (the user budget, with
 * its burst, in memory), over many users and requests. The end-to-end comparison below is noisier
 * than this on a shared 2-core machine.
 */
async function limiterMicroseconds(): Promise<number> {
  const limiter = createLimiter(
    `bench-${String(Date.now())}`,
    { ...DEFAULT_BUDGETS.user, points: 1e9 },
    null,
  );
  const calls = 200_000;
  for (let i = 0; i < 10_000; i++) await limiter.take(`user-${String(i % 500)}`);
  const started = performance.now();
  for (let i = 0; i < calls; i++) await limiter.take(`user-${String(i % 500)}`);
  return ((performance.now() - started) * 1000) / calls;
}
const microseconds = await limiterMicroseconds();
console.log(`the limiter takes ${microseconds.toFixed(2)} µs per request in memory`);

console.log('starting two instances (limits off, limits on)...');
const off = await startTestInstance({ env: { ...UNREFUSING_LIMITS, RATE_LIMIT_ENABLED: 'false' } });
// Heavy reads keep production's budgets (5 s of server time a minute per user, 15 s per shop).
const raised = Object.fromEntries(
  Object.entries(UNREFUSING_LIMITS).filter(([name]) => !name.includes('SERVER_TIME')),
);
const on = await startTestInstance({ env: raised });
try {
  const [offTill, onTill] = [await seed(off), await seed(on)];

  const rounds: { off: Measured; on: Measured }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternated order, so that a drift of the machine weighs on both sides alike.
    const [a, b] =
      round % 2 === 1
        ? [await measured(offTill), await measured(onTill)]
        : await measured(onTill).then(async (second) => [await measured(offTill), second] as const);
    console.log(
      `round ${round}: limits off ${a.rps} req/s p95 ${a.p95} ms; on ${b.rps} req/s p95 ${b.p95} ms`,
    );
    rounds.push({ off: a, on: b });
  }
  const offRps = median(rounds.map((r) => r.off.rps));
  const onRps = median(rounds.map((r) => r.on.rps));
  const cost = (1 - onRps / offRps) * 100;

  // Heavy queries from Kampala while Entebbe sells, on the instance with the limits on.
  const alone = await measured(onTill, HEAVY_SECONDS);
  let heavyRequests = 0;
  let heavyNon2xx = 0;
  let heavyRefused = 0;
  const heavyLatencies: number[] = [];
  const heavy = run(
    {
      url: `${onTill.url}/items/sales?limit=200&fields=*.*.*`,
      connections: HEAVY_CONNECTIONS,
      duration: WARMUP + HEAVY_SECONDS,
      headers: { authorization: `Bearer ${onTill.ownerToken}` },
    },
    (ms) => heavyLatencies.push(ms),
  ).then((result) => {
    heavyRefused = result.statusCodeStats?.['429']?.count ?? 0;
    heavyRequests = result.requests.total;
    heavyNon2xx = result.non2xx;
  });
  const withHeavy = await measured(onTill, HEAVY_SECONDS);
  await heavy;
  heavyLatencies.sort((a, b) => a - b);
  const p95Ratio = withHeavy.p95 / alone.p95;

  const lines = [
    '## Security edge',
    '',
    `Produced by \`npm run bench:security\` (bench/security.bench.ts) on ${new Date().toISOString().slice(0, 10)}: this machine (2 cores), load generator on the same machine,`,
    `${CONNECTIONS} connections, ${DURATION} s per measurement after ${WARMUP} s of warm-up, a 3-line checkout by Entebbe's Staff. Two instances side by side on the same data,`,
    `alternated over ${ROUNDS} rounds: the rate limits off, and on with budgets raised so that every request is counted and none refused (in memory; no REDIS).`,
    '',
    '| round | limits off req/s | off p95 ms | limits on req/s | on p95 ms |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...rounds.map((r, i) => `| ${i + 1} | ${r.off.rps} | ${r.off.p95} | ${r.on.rps} | ${r.on.p95} |`),
    '',
    `One shop's heavy queries: the Kampala Owner (${KAMPALA_SALES.toLocaleString('en')} sales) reads \`/items/sales?limit=200&fields=*.*.*\` on ${HEAVY_CONNECTIONS} connections without pause for ${HEAVY_SECONDS} s while Entebbe sells (measured over the same ${HEAVY_SECONDS} s, and ${HEAVY_SECONDS} s alone). The heavy reads have production's budget of server time (5 s a minute per user, 15 s per shop); the other limits are raised.`,
    '',
    '| Entebbe checkout | req/s | p50 ms | p95 ms | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| alone | ${alone.rps} | ${alone.p50} | ${alone.p95} | ${alone.non2xx} |`,
    `| with Kampala's heavy queries | ${withHeavy.rps} | ${withHeavy.p50} | ${withHeavy.p95} | ${withHeavy.non2xx} |`,
    '',
    `Kampala's heavy reads: ${heavyRequests} answered, ${heavyRefused} of them refused with 429 once its budget was spent (${heavyNon2xx} non-2xx in all); p50 ${Math.round(percentile(heavyLatencies, 50))} ms, p95 ${Math.round(percentile(heavyLatencies, 95))} ms.`,
    '',
    `The limiter's own work, measured in this process: ${microseconds.toFixed(2)} µs per request counted (in memory), against ${(1_000_000 / onRps).toFixed(0)} µs of the server's single event loop per checkout at ${Math.round(onRps)} req/s: ${((microseconds / (1_000_000 / onRps)) * 100).toFixed(2)}% of a checkout.`,
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    `| the rate limiter costs < 5% of checkout throughput, its own work | ${((microseconds / (1_000_000 / onRps)) * 100).toFixed(2)}% of a checkout's event-loop time | ${(microseconds / (1_000_000 / onRps)) * 100 < 5 ? 'yes' : 'no'} |`,
    `| the rate limiter costs < 5% of checkout throughput, end to end | ${cost.toFixed(1)}% (${Math.round(offRps)} → ${Math.round(onRps)} req/s, medians of ${ROUNDS} rounds) | ${cost < 5 ? 'yes' : 'no'} |`,
    `| another shop's checkout p95 within 20% under heavy queries | ${((p95Ratio - 1) * 100).toFixed(0)}% (${alone.p95} → ${withHeavy.p95} ms) | ${p95Ratio <= 1.2 ? 'yes' : 'no'} |`,
    '',
  ];
  await writeSection('security', lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  await off.stop();
  await on.stop();
}
