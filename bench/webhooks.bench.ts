// `npm run bench:webhooks`: the outgoing-webhook delivery engine (extensions/phone-shop/src/delivery)
// under load, as ratios against baselines measured in the same run. One instance (embedded
// PostgreSQL + Directus) with production's delivery settings (10 s timeout, 60 s lease, 5 s poll,
// concurrency 64 and 16 per endpoint, batches of 200) except that receivers may be on 127.0.0.1.
// The receivers are no-op node:http servers in this process (200, empty body) that note when each
// event arrives and verify the Standard Webhooks signature of every 50th request.
//   1. Dispatch: 20,000 sale.created events (the payload of a real checkout) written by one SQL
//      INSERT ... generate_series for a shop with one webhook; time from the INSERT's return (its
//      commit) until the receiver has every event. Baseline: a plain Node loop in a child process
//      (pg + undici with keep-alive, 16 requests in flight like the engine's per-endpoint limit) that
//      SELECTs the same kind of rows in batches of 200, posts the same envelope signed by the same
//      Signer, and marks them done in batches. Alternated rounds, medians.
//      Targets: ≥ 1,000 events/s, and ≥ 50% of the plain loop.
//   2. Latency: real checkouts (POST /api/sales, 1 line) at a steady 100 a second, one webhook;
//      latency = arrival at the receiver − the event's payload timestamp (taken inside the checkout's
//      transaction, before its commit: an upper bound), and also − the checkout's answer (after the
//      commit: a lower bound). Target: p95 < 500 ms.
//   3. Checkout throughput with every sale delivered to two webhooks: autocannon, 16 connections,
//      3-line checkout, rounds alternated between the two webhooks enabled and disabled
//      (PUT /api/webhooks/:id {is_active}), medians; between rounds the engine catches up.
//      Target: ≥ 90% of the throughput with them disabled.
//   4. Backlog: 100,000 events of one webhook waiting (written while no server ran, fanned out by
//      the engine's own statement, the webhook then disabled as if its receiver had been down), the
//      server started again, another shop's till measured alone (3-line checkouts at a steady 100 a
//      second, then saturated at 16 connections), then the webhook enabled again and the same while
//      the backlog drains. The server's RSS (VmRSS) is sampled throughout.
//      Targets: RSS grows < 100 MB during the drain; the till's checkout p95 during the drain close
//      to its p95 alone (reported; within 20% is counted as kept, as in bench:security).
// Knobs: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (3), BENCH_ROUNDS (5), BENCH_DISPATCH_EVENTS
// (20000), BENCH_LATENCY_SECONDS (30), BENCH_BACKLOG (100000); about 7 minutes with them. Writes its
// section of bench/RESULTS.md. Needs no network: everything runs on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import knexFactory from 'knex';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import { Agent, request } from 'undici';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';
import { envelopeOf } from '../extensions/phone-shop/src/delivery/engine.ts';
import { Signer } from '../extensions/phone-shop/src/delivery/signing.ts';
import { fanOut, type ClaimedDelivery } from '../extensions/phone-shop/src/delivery/store.ts';
import { webhookSubscriber } from '../extensions/phone-shop/src/delivery/subscribers.ts';
import { login } from '../directus/admin-client.ts';
import {
  startTestInstance,
  DEMO_PASSWORD,
  UNREFUSING_LIMITS,
  type TestInstance,
} from '../tests/setup/instance.ts';
import { writeSection } from './results.ts';

readInt8AsNumber();

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const WARMUP = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 3);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const DISPATCH_EVENTS = Number(process.env['BENCH_DISPATCH_EVENTS'] ?? 20_000);
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 30);
const BACKLOG = Number(process.env['BENCH_BACKLOG'] ?? 100_000);
const LATENCY_RATE = 100;
const CONNECTIONS = 16;
/** The till of scenario 4 at a steady rate (a busy shop), besides the saturating 16 connections. */
const TILL_RATE = 100;
/** The engine's defaults (delivery/config.ts), which the plain loop matches. */
const PER_ENDPOINT = 16;
const BATCH = 200;
const PRODUCTS = 500;

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const median = (values: number[]): number =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const round1 = (n: number): number => Math.round(n * 10) / 10;

/** Checks `test` every `everyMs` (a query of the database every 200 ms, not to load it meanwhile). */
async function waitUntil(
  what: string,
  test: () => boolean | Promise<boolean>,
  timeoutMs: number,
  everyMs = 20,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let report = Date.now() + 15_000;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${await state()})`);
    if (Date.now() > report) {
      report = Date.now() + 15_000;
      console.log(`  still waiting for ${what} (${await state()})`);
    }
    await sleep(everyMs);
  }
}

/** What the receivers and the database hold, for the messages of a long wait. */
let state: () => Promise<string> = () => Promise.resolve('');

// ---------------------------------------------------------------------------------------------
// The plain baseline of scenario 1, run as a child process: `node bench/webhooks.bench.ts --plain <db>`.
// Reads jobs (one JSON line each) on stdin and answers a line when a job is done.
if (process.argv[2] === '--plain') {
  await plainLoop(process.argv[3] ?? '');
  process.exit(0);
}

interface PlainJob {
  shop: number;
  from: number;
  to: number;
  url: string;
  secret: string;
}

async function plainLoop(databaseUrl: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 3 });
  const agent = new Agent({ connections: PER_ENDPOINT, keepAliveTimeout: 30_000 });
  const signer = new Signer();
  await pool.query('SELECT 1');
  console.log('ready');
  for await (const line of createInterface({ input: process.stdin })) {
    const job = JSON.parse(line) as PlainJob;
    let after = job.from - 1;
    let exhausted = false;
    let reading: Promise<void> | null = null;
    const queue: { id: number; payload: ClaimedDelivery['payload'] }[] = [];
    const done: number[] = [];
    const marking: Promise<unknown>[] = [];
    const read = async (): Promise<void> => {
      const { rows } = await pool.query<{ id: number; payload: ClaimedDelivery['payload'] }>(
        'SELECT id, payload FROM outbox_events WHERE shop_id = $1 AND id > $2 AND id <= $3 ORDER BY id LIMIT $4',
        [job.shop, after, job.to, BATCH],
      );
      if (rows.length < BATCH) exhausted = true;
      const last = rows.at(-1);
      if (last) after = last.id;
      queue.push(...rows);
    };
    const mark = (): void => {
      const ids = done.splice(0, done.length);
      if (ids.length > 0)
        marking.push(
          pool.query(
            "UPDATE outbox_events SET status = 'delivered', dispatched_at = now(), attempts = attempts + 1 WHERE id = ANY($1)",
            [ids],
          ),
        );
    };
    const worker = async (): Promise<void> => {
      for (;;) {
        if (queue.length < BATCH / 2 && !exhausted && !reading)
          reading = read().finally(() => (reading = null));
        const row = queue.shift();
        if (!row) {
          if (exhausted && !reading) return;
          await reading;
          continue;
        }
        const envelope = envelopeOf({ outbox_event_id: row.id, payload: row.payload });
        const body = JSON.stringify(envelope);
        const response = await request(job.url, {
          method: 'POST',
          dispatcher: agent,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'PhoneShop-Webhooks/1.0',
            ...signer.headers(envelope.id, new Date(), body, [job.secret]),
          },
          body,
        });
        await response.body.dump();
        if (response.statusCode >= 200 && response.statusCode < 300) done.push(row.id);
        if (done.length >= 100) mark();
      }
    };
    await Promise.all(Array.from({ length: PER_ENDPOINT }, worker));
    mark();
    await Promise.all(marking);
    console.log('done');
  }
  await agent.close();
  await pool.end();
}

// ---------------------------------------------------------------------------------------------
// The receivers: one no-op server, a path per webhook.

interface Arrival {
  saleId: number;
  timestamp: number;
  at: number;
}

class Receiver {
  readonly ids = new Map<string, Set<string>>();
  requests = 0;
  firstAt = 0;
  lastNewAt = 0;
  verified = 0;
  badSignatures = 0;
  arrivals: Arrival[] | null = null;
  readonly verifiers = new Map<string, Webhook>();
  private readonly server = http.createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      this.requests += 1;
      if (this.firstAt === 0) this.firstAt = at;
      // The envelope starts with its id: {"id":"evt_123",...
      const id = body.startsWith('{"id":"')
        ? body.slice(7, body.indexOf('"', 7))
        : (JSON.parse(body) as { id: string }).id;
      let seen = this.ids.get(path);
      if (!seen) this.ids.set(path, (seen = new Set()));
      if (!seen.has(id)) {
        seen.add(id);
        this.lastNewAt = at;
      }
      if (this.arrivals) {
        const json = JSON.parse(body) as { timestamp: string; data: { sale_id: number } };
        this.arrivals.push({ saleId: json.data.sale_id, timestamp: Date.parse(json.timestamp), at });
      }
      const verifier = this.verifiers.get(path);
      if (verifier && this.requests % 50 === 0) {
        try {
          verifier.verify(body, {
            'webhook-id': String(req.headers['webhook-id']),
            'webhook-timestamp': String(req.headers['webhook-timestamp']),
            'webhook-signature': String(req.headers['webhook-signature']),
          });
          this.verified += 1;
        } catch {
          this.badSignatures += 1;
        }
      }
      res.writeHead(200).end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}`;
  }

  reset(withArrivals = false): void {
    this.ids.clear();
    this.requests = 0;
    this.firstAt = 0;
    this.lastNewAt = 0;
    this.arrivals = withArrivals ? [] : null;
  }

  distinct(path: string): number {
    return this.ids.get(path)?.size ?? 0;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// ---------------------------------------------------------------------------------------------
// Load on the till.

interface Measured {
  rps: number;
  p50: number;
  p95: number;
  non2xx: number;
}

interface Till {
  url: string;
  token: string;
  /** A checkout's body: `lines` random products of the shelf, paid in cash. */
  body: (lines?: number) => string;
}

function checkout(till: Till, seconds: number): Promise<Measured> {
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const run = autocannon(
      {
        url: till.url,
        connections: CONNECTIONS,
        duration: seconds,
        method: 'POST',
        requests: [
          {
            setupRequest: (req) => ({
              ...req,
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
      (error: unknown, result) => {
        if (error) return reject(error instanceof Error ? error : new Error('the load run failed'));
        latencies.sort((a, b) => a - b);
        resolve({
          rps: Math.round(result.requests.total / seconds),
          p50: round1(percentile(latencies, 50)),
          p95: round1(percentile(latencies, 95)),
          non2xx: result.non2xx,
        });
      },
    );
    run.on('response', (_c, _s, _b, ms: number) => latencies.push(ms));
  });
}

async function measured(till: Till, seconds: number = SECONDS): Promise<Measured> {
  if (WARMUP > 0) await checkout(till, WARMUP);
  return checkout(till, seconds);
}

function rssMb(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

// ---------------------------------------------------------------------------------------------
// The run.

const started = Date.now();
const loadAtStart = os.loadavg()[0] ?? 0;
console.log('starting the instance...');
const instance: TestInstance = await startTestInstance({
  env: {
    ...UNREFUSING_LIMITS,
    // Production's delivery settings (TEST_DELIVERY shortens them for the tests); receivers on
    // 127.0.0.1 stay allowed (WEBHOOKS_ALLOW_PRIVATE).
    WEBHOOKS_TIMEOUT: '10s',
    WEBHOOKS_POLL_INTERVAL: '5s',
    WEBHOOKS_LEASE: '60s',
    WEBHOOKS_RETRY_DELAYS: '1m,5m,30m,2h,8h,24h',
  },
});
const db = new pg.Pool({ connectionString: instance.databaseUrl, max: 4 });
const receiver = new Receiver();
const receiverUrl = await receiver.start();
let plain: ChildProcess | null = null;
let directusPid = instance.serverPid;
try {
  // ---- Data: shelves of two shops, the webhooks, a real sale.created payload as the template.
  const shops = (await db.query<{ id: number; slug: string }>('SELECT id, slug FROM shops')).rows;
  const kampala = shops.find((s) => s.slug === 'kampala-phone-hub')?.id ?? 0;
  const entebbe = shops.find((s) => s.slug === 'entebbe-mobile-care')?.id ?? 0;
  const shelf = async (shop: number): Promise<() => string> => {
    const ids = (
      await db.query<{ id: number }>(
        `INSERT INTO products (shop_id, name, category, sku, cost_price, selling_price, stock_quantity)
         SELECT $1, 'Bench item ' || i, 'Audio', $3 || i, 1000, 2000, 1000000000
           FROM generate_series(1, $2) AS i RETURNING id`,
        [shop, PRODUCTS, `WB-${String(shop)}-`],
      )
    ).rows.map((r) => r.id);
    return (lines = 3) => {
      const picked = new Set<number>();
      while (picked.size < lines) picked.add(ids[Math.floor(Math.random() * ids.length)] ?? 0);
      return JSON.stringify({
        items: [...picked].map((id) => ({ product_id: id, quantity: 1 })),
        payments: [{ method: 'Cash', amount: 2000 * lines }],
      });
    };
  };
  const kampalaBody = await shelf(kampala);
  const entebbeBody = await shelf(entebbe);
  await db.query('VACUUM (ANALYZE)');

  const logins = async (base: string): Promise<{ kampala: Till; entebbe: Till; owner: string }> => ({
    kampala: {
      url: base,
      token: await login(base, 'staff@kampala.example.com', DEMO_PASSWORD),
      body: kampalaBody,
    },
    entebbe: {
      url: base,
      token: await login(base, 'staff@entebbe.example.com', DEMO_PASSWORD),
      body: entebbeBody,
    },
    owner: await login(base, 'owner@kampala.example.com', DEMO_PASSWORD),
  });
  let tills = await logins(instance.baseUrl);

  const api = async <T>(
    base: string,
    token: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${String(response.status)} ${text}`);
    return (JSON.parse(text) as { data: T }).data;
  };
  const sell = (till: Till, lines = 1): Promise<{ id: number }> =>
    api(till.url, till.token, 'POST', '/api/sales', JSON.parse(till.body(lines)));

  /**
   * 3-line checkouts sent at a steady `rate` a second, one every 1/rate s (autocannon's overallRate
   * sends them in bursts, which its latencies then show), each timed; the first WARMUP s not counted.
   */
  const paced = async (till: Till, rate: number, seconds: number = SECONDS): Promise<Measured> => {
    const latencies: number[] = [];
    let failed = 0;
    const start = Date.now();
    const sent: Promise<void>[] = [];
    for (let i = 0; i < (WARMUP + seconds) * rate; i++) {
      const due = start + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      const counted = i >= WARMUP * rate;
      const at = performance.now();
      sent.push(
        sell(till, 3).then(
          () => {
            if (counted) latencies.push(performance.now() - at);
          },
          () => {
            if (counted) failed += 1;
          },
        ),
      );
    }
    await Promise.all(sent);
    latencies.sort((a, b) => a - b);
    return {
      rps: Math.round(latencies.length / seconds),
      p50: round1(percentile(latencies, 50)),
      p95: round1(percentile(latencies, 95)),
      non2xx: failed,
    };
  };

  // One real checkout: its sale.created payload is the template of the events written by SQL.
  await sell(tills.kampala, 3);
  const template = (
    await db.query<{ payload: unknown }>(
      `SELECT payload FROM outbox_events WHERE shop_id = $1 AND event_type = 'sale.created' ORDER BY id DESC LIMIT 1`,
      [kampala],
    )
  ).rows[0]?.payload;
  if (!template) throw new Error('the checkout wrote no sale.created event');
  const templateBytes = JSON.stringify(template).length;

  const hook = async (path: string): Promise<{ id: number; secret: string; path: string }> => {
    const made = await api<{ id: number; secret: string }>(
      instance.baseUrl,
      tills.owner,
      'POST',
      '/api/webhooks',
      {
        url: `${receiverUrl}${path}`,
        events: ['sale.created'],
      },
    );
    receiver.verifiers.set(path, new Webhook(made.secret));
    return { ...made, path };
  };
  const w1 = await hook('/w1');
  const w2 = await hook('/w2');
  let base = instance.baseUrl;
  const activate = async (hooks: { id: number }[], active: boolean): Promise<void> => {
    for (const h of hooks)
      await api(base, tills.owner, 'PUT', `/api/webhooks/${String(h.id)}`, { is_active: active });
  };
  await activate([w2], false);

  /** Writes `n` sale.created events of a shop in one statement; answers their ids and when it returned. */
  const insertEvents = async (shop: number, n: number): Promise<{ from: number; to: number; at: number }> => {
    const row = (
      await db.query<{ from: number; to: number }>(
        `WITH made AS (
           INSERT INTO outbox_events (shop_id, event_type, payload)
           SELECT $1, 'sale.created',
                  jsonb_set(jsonb_set($2::jsonb, '{shop_id}', to_jsonb($1::integer)), '{timestamp}',
                            to_jsonb(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
             FROM generate_series(1, $3)
           RETURNING id)
         SELECT min(id) AS "from", max(id) AS "to" FROM made`,
        [shop, JSON.stringify(template), n],
      )
    ).rows[0];
    if (!row) throw new Error('no events written');
    return { ...row, at: Date.now() };
  };
  const count = async (sql: string, values: unknown[] = []): Promise<number> =>
    (await db.query<{ n: number }>(sql, values)).rows[0]?.n ?? 0;
  const waiting = (): Promise<number> =>
    count(
      `SELECT (SELECT count(*) FROM webhook_deliveries WHERE status IN ('pending', 'failed'))
            + (SELECT count(*) FROM outbox_events WHERE fanned_out_at IS NULL) AS n`,
    );
  state = async () =>
    `received ${String(receiver.requests)}; ${JSON.stringify(
      (
        await db.query(
          `SELECT (SELECT count(*) FROM outbox_events WHERE fanned_out_at IS NULL) AS not_fanned_out,
                  (SELECT json_object_agg(status, n) FROM (SELECT status, count(*) AS n FROM webhook_deliveries GROUP BY 1) s) AS deliveries`,
        )
      ).rows[0],
    )}`;
  const settle = async (timeoutMs = 600_000): Promise<void> => {
    await waitUntil('the engine to record every result', async () => (await waiting()) === 0, timeoutMs, 200);
    await db.query('VACUUM (ANALYZE) outbox_events, webhook_deliveries, webhook_attempts, webhooks');
  };

  // ---- 1. Dispatch throughput: the engine against the plain loop.
  const plainChild = spawn(process.execPath, [import.meta.filename, '--plain', instance.databaseUrl], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  plain = plainChild;
  const plainLines = createInterface({ input: plainChild.stdout });
  const nextLine = (): Promise<string> => new Promise((resolve) => plainLines.once('line', resolve));
  if ((await nextLine()) !== 'ready') throw new Error('the plain loop did not start');

  interface DispatchRound {
    seconds: number;
    rate: number;
    firstMs: number;
  }
  const engineRound = async (n: number): Promise<DispatchRound> => {
    receiver.reset();
    const { at } = await insertEvents(kampala, n);
    await waitUntil(`${String(n)} events at the receiver`, () => receiver.distinct('/w1') >= n, 600_000);
    const seconds = (receiver.lastNewAt - at) / 1000;
    const result = { seconds, rate: Math.round(n / seconds), firstMs: receiver.firstAt - at };
    await settle();
    return result;
  };
  const plainRound = async (n: number): Promise<DispatchRound> => {
    // The same rows, of a shop without webhooks: the engine marks them delivered as it fans them
    // out (no deliveries); that is over before the plain loop starts.
    const { from, to } = await insertEvents(entebbe, n);
    await settle();
    receiver.reset();
    const finished = nextLine();
    const at = Date.now();
    plainChild.stdin.write(
      `${JSON.stringify({ shop: entebbe, from, to, url: `${receiverUrl}/w1`, secret: w1.secret } satisfies PlainJob)}\n`,
    );
    await waitUntil(
      `${String(n)} plain events at the receiver`,
      () => receiver.distinct('/w1') >= n,
      600_000,
    );
    const seconds = (receiver.lastNewAt - at) / 1000;
    await finished;
    await settle();
    return { seconds, rate: Math.round(n / seconds), firstMs: receiver.firstAt - at };
  };
  console.log('1. dispatch: warming up...');
  await engineRound(Math.min(2000, DISPATCH_EVENTS));
  await plainRound(Math.min(2000, DISPATCH_EVENTS));
  const dispatch: { engine: DispatchRound; plain: DispatchRound }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let engine: DispatchRound;
    let plainResult: DispatchRound;
    if (round % 2 === 1) {
      engine = await engineRound(DISPATCH_EVENTS);
      plainResult = await plainRound(DISPATCH_EVENTS);
    } else {
      plainResult = await plainRound(DISPATCH_EVENTS);
      engine = await engineRound(DISPATCH_EVENTS);
    }
    console.log(
      `round ${String(round)}: engine ${String(engine.rate)} events/s (${engine.seconds.toFixed(1)} s, first after ${String(engine.firstMs)} ms); plain ${String(plainResult.rate)} events/s (${plainResult.seconds.toFixed(1)} s)`,
    );
    dispatch.push({ engine, plain: plainResult });
  }
  plainChild.stdin.end();
  const engineRate = median(dispatch.map((r) => r.engine.rate));
  const plainRate = median(dispatch.map((r) => r.plain.rate));

  // ---- 2. Commit-to-delivery latency at a steady 100 checkouts a second.
  console.log(`2. latency: ${String(LATENCY_RATE)} checkouts/s for ${String(WARMUP + LATENCY_SECONDS)} s...`);
  receiver.reset(true);
  const answered = new Map<number, number>();
  const checkoutMs: number[] = [];
  let checkoutErrors = 0;
  const sales: Promise<void>[] = [];
  const latencyStart = Date.now();
  const measuredFrom = latencyStart + WARMUP * 1000;
  const total = (WARMUP + LATENCY_SECONDS) * LATENCY_RATE;
  for (let i = 0; i < total; i++) {
    const due = latencyStart + (i * 1000) / LATENCY_RATE;
    if (due > Date.now()) await sleep(due - Date.now());
    const sent = Date.now();
    sales.push(
      sell(tills.kampala).then(
        (sale) => {
          const at = Date.now();
          answered.set(sale.id, at);
          if (sent >= measuredFrom) checkoutMs.push(at - sent);
        },
        () => void (checkoutErrors += 1),
      ),
    );
  }
  await Promise.all(sales);
  await waitUntil('every sale at the receiver', () => receiver.distinct('/w1') >= answered.size, 60_000);
  const arrivals = (receiver.arrivals ?? []).filter((a) => a.timestamp >= measuredFrom);
  const fromPayload = arrivals.map((a) => a.at - a.timestamp).sort((a, b) => a - b);
  const fromAnswer = arrivals
    .flatMap((a) => {
      const at = answered.get(a.saleId);
      return at === undefined ? [] : [a.at - at];
    })
    .sort((a, b) => a - b);
  checkoutMs.sort((a, b) => a - b);
  const latency = {
    events: fromPayload.length,
    p50: percentile(fromPayload, 50),
    p95: percentile(fromPayload, 95),
    p99: percentile(fromPayload, 99),
    max: fromPayload.at(-1) ?? 0,
    answerP50: percentile(fromAnswer, 50),
    answerP95: percentile(fromAnswer, 95),
    checkoutP95: percentile(checkoutMs, 95),
    errors: checkoutErrors,
  };
  console.log(
    `  ${String(latency.events)} events: p50 ${String(latency.p50)} ms, p95 ${String(latency.p95)} ms, p99 ${String(latency.p99)} ms, max ${String(latency.max)} ms (from the answer: p95 ${String(latency.answerP95)} ms)`,
  );
  receiver.reset();
  await settle();

  // ---- 3. Checkout throughput with two webhooks enabled and disabled.
  console.log('3. checkout with two webhooks enabled and disabled...');
  interface OnRound extends Measured {
    behind: number;
    catchUpSeconds: number;
  }
  const enabledRound = async (): Promise<OnRound> => {
    await activate([w1, w2], true);
    const result = await measured(tills.kampala);
    const behind = await waiting();
    const t = Date.now();
    await settle();
    await activate([w1, w2], false);
    return { ...result, behind, catchUpSeconds: round1((Date.now() - t) / 1000) };
  };
  const disabledRound = async (): Promise<Measured> => {
    const result = await measured(tills.kampala);
    await settle();
    return result;
  };
  await activate([w1], false);
  const throughput: { on: OnRound; off: Measured }[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    let on: OnRound;
    let off: Measured;
    if (round % 2 === 1) {
      off = await disabledRound();
      on = await enabledRound();
    } else {
      on = await enabledRound();
      off = await disabledRound();
    }
    console.log(
      `round ${String(round)}: disabled ${String(off.rps)} req/s p95 ${String(off.p95)} ms; enabled ${String(on.rps)} req/s p95 ${String(on.p95)} ms, ${String(on.behind)} deliveries behind at the end (${String(on.catchUpSeconds)} s to catch up)`,
    );
    throughput.push({ on, off });
  }
  const offRps = median(throughput.map((r) => r.off.rps));
  const onRps = median(throughput.map((r) => r.on.rps));
  const delivered3 = receiver.requests;

  // ---- 4. A backlog of 100,000 events drains while another shop's till sells.
  console.log(`4. backlog: ${String(BACKLOG)} events written with the server down...`);
  await activate([w1], true);
  await instance.server.stop();
  const backlogStart = Date.now();
  await insertEvents(kampala, BACKLOG);
  {
    // Fanned out by the engine's own statement (as the server would have while its receiver was
    // down), then the webhook disabled: nothing is claimed until it is enabled again.
    const knex = knexFactory({ client: 'pg', connection: instance.databaseUrl });
    try {
      while ((await fanOut(knex, [webhookSubscriber], 10_000)) === 10_000);
    } finally {
      await knex.destroy();
    }
  }
  await db.query('UPDATE webhooks SET is_active = false WHERE id = $1', [w1.id]);
  const backlogDeliveries = await count(
    "SELECT count(*) AS n FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'pending'",
    [w1.id],
  );
  await db.query('VACUUM (ANALYZE)');
  const backlogSetupSeconds = round1((Date.now() - backlogStart) / 1000);
  const server = await instance.startReplica();
  base = server.url;
  directusPid = server.process.pid;
  tills = await logins(base);
  const samples: { at: number; mb: number; phase: string }[] = [];
  let phase = 'alone';
  const sampler = setInterval(() => samples.push({ at: Date.now(), mb: rssMb(directusPid), phase }), 200);
  console.log('  the till alone...');
  const aloneSteady = await paced(tills.entebbe, TILL_RATE);
  const aloneFull = await measured(tills.entebbe);
  const before = samples.filter((s) => s.phase === 'alone');
  const baselineRss = median(before.slice(-10).map((s) => s.mb));
  const aloneRssPeak = Math.max(...before.map((s) => s.mb));
  receiver.reset();
  phase = 'drain';
  const enabledAt = Date.now();
  await activate([w1], true);
  console.log('  the webhook enabled again: the till during the drain...');
  const drainSteady = await paced(tills.entebbe, TILL_RATE);
  const behindAfterSteady = await waiting();
  const drainFull = await measured(tills.entebbe);
  const behindAfterFull = await waiting();
  await waitUntil(
    'the backlog at the receiver',
    () => receiver.distinct('/w1') >= backlogDeliveries,
    1_800_000,
  );
  const drainSeconds = (receiver.lastNewAt - receiver.firstAt) / 1000;
  const firstAfterMs = receiver.firstAt - enabledAt;
  await waitUntil('the engine to record the backlog', async () => (await waiting()) === 0, 600_000, 200);
  phase = 'after';
  await sleep(1000);
  clearInterval(sampler);
  const drainPeak = Math.max(...samples.filter((s) => s.phase === 'drain').map((s) => s.mb));
  const afterRss = samples.at(-1)?.mb ?? 0;
  const growth = drainPeak - baselineRss;
  const duplicates = receiver.requests - receiver.distinct('/w1');
  const steadyRatio = drainSteady.p95 / aloneSteady.p95;
  const fullRatio = drainFull.p95 / aloneFull.p95;
  console.log(
    `  drained ${String(backlogDeliveries)} in ${drainSeconds.toFixed(1)} s; RSS ${baselineRss.toFixed(0)} → peak ${drainPeak.toFixed(0)} MB; till p95 at ${String(TILL_RATE)}/s ${String(aloneSteady.p95)} → ${String(drainSteady.p95)} ms, saturated ${String(aloneFull.p95)} → ${String(drainFull.p95)} ms`,
  );

  const runMinutes = (Date.now() - started) / 60_000;
  const yes = (ok: boolean): string => (ok ? 'yes' : 'no');
  const pct = (a: number, b: number): string => `${((a / b) * 100).toFixed(0)}%`;
  const lines = [
    '## Webhook delivery',
    '',
    `Produced by \`npm run bench:webhooks\` (bench/webhooks.bench.ts) on ${new Date().toISOString().slice(0, 10)} in ${runMinutes.toFixed(1)} min: this machine (2 cores, shared: load average ${loadAtStart.toFixed(1)} when the run began, ${(os.loadavg()[0] ?? 0).toFixed(1)} when it ended), Directus, PostgreSQL, the receivers and the load generator on the same machine.`,
    `Production's delivery settings (timeout 10 s, lease 60 s, poll 5 s, ${String(PER_ENDPOINT)} attempts in flight per endpoint, batches of ${String(BATCH)}); no-op receivers on loopback (200, empty body; every 50th signature verified: ${String(receiver.verified)} verified, ${String(receiver.badSignatures)} bad).`,
    `Events written by SQL carry the payload of a real checkout's sale.created (${String(templateBytes)} bytes).`,
    '',
    `### 1. Dispatch of ${DISPATCH_EVENTS.toLocaleString('en')} events to one webhook`,
    '',
    `From the return of the INSERT that wrote them (one statement, one commit) until the receiver had every one. Plain: a Node loop in a child process (pg + undici, keep-alive, ${String(PER_ENDPOINT)} in flight) reading the rows in batches of ${String(BATCH)}, posting the same envelope signed by the same Signer, marking them delivered in batches of 100. Alternated over ${String(ROUNDS)} rounds after a warm-up round each.`,
    '',
    '| round | engine events/s | engine s | engine first arrival ms | plain events/s | plain s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...dispatch.map(
      (r, i) =>
        `| ${String(i + 1)} | ${String(r.engine.rate)} | ${r.engine.seconds.toFixed(1)} | ${String(r.engine.firstMs)} | ${String(r.plain.rate)} | ${r.plain.seconds.toFixed(1)} |`,
    ),
    '',
    `### 2. Commit-to-delivery latency at ${String(LATENCY_RATE)} checkouts a second`,
    '',
    `Real checkouts (POST /api/sales, 1 line, Kampala's Staff) sent at a steady ${String(LATENCY_RATE)} a second for ${String(LATENCY_SECONDS)} s after ${String(WARMUP)} s of warm-up, one webhook. ${String(latency.events)} events measured; from the payload's timestamp (taken in the checkout's transaction before its commit): p50 ${String(latency.p50)} ms, p95 ${String(latency.p95)} ms, p99 ${String(latency.p99)} ms, max ${String(latency.max)} ms. From the checkout's answer (after its commit): p50 ${String(latency.answerP50)} ms, p95 ${String(latency.answerP95)} ms. The checkouts' own p95: ${String(latency.checkoutP95)} ms (${String(latency.errors)} failed).`,
    '',
    '### 3. Checkout throughput, every sale delivered to two webhooks',
    '',
    `autocannon, ${String(CONNECTIONS)} connections, a 3-line checkout by Kampala's Staff, ${String(SECONDS)} s after ${String(WARMUP)} s of warm-up; the shop's two webhooks (sale.created) enabled or disabled by PUT /api/webhooks/:id, alternated over ${String(ROUNDS)} rounds. "Behind" is the deliveries not yet delivered when the load stopped; the engine caught up before the next round. (Disabled, the engine still fans each event out, to nobody.) ${String(delivered3)} deliveries received in all.`,
    '',
    '| round | disabled req/s | disabled p95 ms | enabled req/s | enabled p95 ms | behind at the end | catch-up s |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...throughput.map(
      (r, i) =>
        `| ${String(i + 1)} | ${String(r.off.rps)} | ${String(r.off.p95)} | ${String(r.on.rps)} | ${String(r.on.p95)} | ${String(r.on.behind)} | ${String(r.on.catchUpSeconds)} |`,
    ),
    '',
    `### 4. A backlog of ${BACKLOG.toLocaleString('en')} events`,
    '',
    `With the server stopped, ${BACKLOG.toLocaleString('en')} events of Kampala written by one INSERT and fanned out by the engine's own statement (delivery/store.ts \`fanOut\`) into ${backlogDeliveries.toLocaleString('en')} pending deliveries of its webhook, which was then disabled by SQL (as a receiver down for a day leaves them, all due at once: the worst case); ${String(backlogSetupSeconds)} s. The server started again; Entebbe's till (no webhooks) measured alone, at a steady ${String(TILL_RATE)} checkouts a second (one every ${String(1000 / TILL_RATE)} ms, 3 lines) and saturated (autocannon, ${String(CONNECTIONS)} connections), each ${String(SECONDS)} s after ${String(WARMUP)} s of warm-up; then the webhook enabled again (PUT) and the same two measurements during the drain (${String(behindAfterSteady)} and ${String(behindAfterFull)} deliveries still waiting when they ended). The first delivery left ${String(firstAfterMs)} ms after the PUT (the engine's poll); the backlog took ${drainSeconds.toFixed(1)} s from first to last arrival (${String(Math.round(backlogDeliveries / drainSeconds))} events/s, with the till's load for the first ${String(2 * (WARMUP + SECONDS))} s), ${String(duplicates)} delivered twice.`,
    '',
    '| Entebbe checkout | req/s | p50 ms | p95 ms | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: |',
    `| ${String(TILL_RATE)}/s, alone | ${String(aloneSteady.rps)} | ${String(aloneSteady.p50)} | ${String(aloneSteady.p95)} | ${String(aloneSteady.non2xx)} |`,
    `| ${String(TILL_RATE)}/s, during the drain | ${String(drainSteady.rps)} | ${String(drainSteady.p50)} | ${String(drainSteady.p95)} | ${String(drainSteady.non2xx)} |`,
    `| saturated, alone | ${String(aloneFull.rps)} | ${String(aloneFull.p50)} | ${String(aloneFull.p95)} | ${String(aloneFull.non2xx)} |`,
    `| saturated, during the drain | ${String(drainFull.rps)} | ${String(drainFull.p50)} | ${String(drainFull.p95)} | ${String(drainFull.non2xx)} |`,
    '',
    `The server's RSS (VmRSS, sampled every 200 ms): ${baselineRss.toFixed(0)} MB before the drain (median of its last 2 s; peak ${aloneRssPeak.toFixed(0)} MB while the till ran alone), peak ${drainPeak.toFixed(0)} MB during the drain, ${afterRss.toFixed(0)} MB after it.`,
    '',
    '| target | measured | met |',
    '| --- | --- | --- |',
    `| dispatch ≥ 1,000 events/s | ${String(engineRate)} events/s (median of ${String(ROUNDS)}) | ${yes(engineRate >= 1000)} |`,
    `| dispatch ≥ 50% of the plain loop | ${pct(engineRate, plainRate)} (${String(engineRate)} vs ${String(plainRate)} events/s) | ${yes(engineRate >= 0.5 * plainRate)} |`,
    `| commit-to-delivery p95 < 500 ms at ${String(LATENCY_RATE)}/s | ${String(latency.p95)} ms | ${yes(latency.p95 < 500)} |`,
    `| checkout with two webhooks ≥ 90% of without | ${pct(onRps, offRps)} (${String(offRps)} → ${String(onRps)} req/s, medians) | ${yes(onRps >= 0.9 * offRps)} |`,
    `| backlog drain grows RSS < 100 MB | +${growth.toFixed(0)} MB (${baselineRss.toFixed(0)} → ${drainPeak.toFixed(0)} MB) | ${yes(growth < 100)} |`,
    `| till p95 kept during the drain (${String(TILL_RATE)}/s) | ${((steadyRatio - 1) * 100).toFixed(0)}% (${String(aloneSteady.p95)} → ${String(drainSteady.p95)} ms) | ${yes(steadyRatio <= 1.2)} |`,
    `| till p95 kept during the drain (saturated) | ${((fullRatio - 1) * 100).toFixed(0)}% (${String(aloneFull.p95)} → ${String(drainFull.p95)} ms) | ${yes(fullRatio <= 1.2)} |`,
    '',
  ];
  await writeSection('webhooks', lines.join('\n'));
  console.log(lines.join('\n'));
} finally {
  plain?.kill('SIGTERM');
  await receiver.close();
  await db.end();
  await instance.stop();
}
