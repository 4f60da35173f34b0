// The delivery engine's promises, proven against the real stack (Directus processes, PostgreSQL, local
// receivers): a Directus killed with SIGKILL in the middle of 1,000 events loses none of them once it
// is restarted (at least once: a duplicate carries the same id); two replicas on one database share
// 1,000 events without ever attempting one twice; a failing receiver gets the event again with the same
// id and every attempt is logged; a receiver that hangs holds only its own deliveries; a receiver that
// was down gets everything it missed; a webhook deleted amid its deliveries goes cleanly; redirects are
// not followed; a huge answer is not a problem.
//
// These tests kill and start Directus processes, so they run on an instance of their own (its own
// embedded PostgreSQL), never the suite's shared one. Webhooks here run with tests/setup/instance.ts's
// TEST_DELIVERY settings: a 2 s timeout, retries after 300 ms, a 5 s lease.
import os from 'node:os';
import knexFactory, { type Knex } from 'knex';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionWithToken, type Session } from '../../directus/admin-client.ts';
import type { RunningServer } from '../../directus/instance.ts';
import { readInt8AsNumber } from '../../extensions/phone-shop/src/database/int8.ts';
import { DEMO_PASSWORD, startTestInstance, type TestInstance } from '../setup/instance.ts';
import { ACCOUNTS } from '../support/context.ts';
import { eventOf, Receiver, until, type ReceivedRequest } from '../support/receiver.ts';

interface Envelope<T> {
  success: boolean;
  data: T;
}

interface CreatedWebhook {
  id: number;
  secret: string;
}

interface Attempt {
  id: number;
  delivery_id: number;
  event_id: string;
  event_type: string;
  attempt: number;
  status: 'delivered' | 'failed';
  response_status: number | null;
  response_body: string | null;
  error: string | null;
  delivery_status: string;
}

interface AttemptRow {
  outbox_event_id: number;
  attempt: number;
  status: 'delivered' | 'failed';
  error: string | null;
  sent_by: string;
}

// Money and ids are bigint: read them as numbers, as the API answers them.
readInt8AsNumber();

let instance: TestInstance;
let knex: Knex;
/** The Directus processes running now (a test kills one and starts others). */
let live: RunningServer[] = [];
let ownerToken: string;
let kampala: number;
/** The payload of a real sale.created event, the template of the events written in SQL. */
let saleEvent: { event: string; shop_id: number; timestamp: string; data: Record<string, unknown> };
/** Made up sale ids of the events written in SQL, far above the real ones. */
let nextSaleId = 10_000_000;

/** The Kampala Owner's session on a Directus that is running. */
function owner(): Session {
  const server = live[0];
  if (!server) throw new Error('no Directus is running');
  return sessionWithToken(server.url, ownerToken);
}

/** "host:pid", as the engine of a process signs its attempts (webhook_attempts.sent_by). */
const sentBy = (server: RunningServer): string => `${os.hostname()}:${String(server.process.pid)}`;

const receivers: Receiver[] = [];
const webhooks: number[] = [];

async function receiver(): Promise<Receiver> {
  const r = new Receiver();
  receivers.push(r);
  await r.start();
  return r;
}

/** A webhook of the Kampala shop to `url`, for sale.created, made by its Owner through the API. */
async function createWebhook(url: string): Promise<CreatedWebhook> {
  const response = await owner().request<Envelope<CreatedWebhook>>('POST', '/api/webhooks', {
    url,
    events: ['sale.created'],
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  webhooks.push(response.body.data.id);
  return response.body.data;
}

/**
 * `count` sale.created events of the Kampala shop, shaped like the real one (a sale id and number of
 * their own each). They are written in SQL, in one statement, for speed: their delivery is what is
 * under test, and the statement fires the outbox's NOTIFY at commit as a checkout does.
 */
async function writeSaleEvents(count: number): Promise<string[]> {
  const first = nextSaleId;
  nextSaleId += count;
  const result = (await knex.raw(
    `INSERT INTO outbox_events (shop_id, event_type, payload)
     SELECT ?, 'sale.created',
            jsonb_set(jsonb_set(jsonb_set(?::jsonb,
              '{data,sale_id}', to_jsonb(? + n)),
              '{data,sale_number}', to_jsonb('REL-S-' || (? + n)::text)),
              '{timestamp}', to_jsonb(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
       FROM generate_series(0, ? - 1) AS n
     RETURNING id`,
    [kampala, JSON.stringify(saleEvent), first, first, count],
  )) as { rows: { id: number }[] };
  return result.rows.map((row) => `evt_${String(row.id)}`);
}

const outboxIds = (eventIds: readonly string[]): number[] => eventIds.map((id) => Number(id.slice(4)));

/** Every request verifies with the webhook's secret, and its `webhook-id` is its body's id. */
function expectSigned(requests: readonly ReceivedRequest[], secret: string): void {
  const signer = new Webhook(secret);
  for (const request of requests) {
    expect(() => signer.verify(request.body, request.headers), request.id).not.toThrow();
    expect(eventOf(request).id).toBe(request.id);
  }
}

async function deliveryStatuses(webhookId: number): Promise<Record<string, number>> {
  const rows = (await knex('webhook_deliveries')
    .where('webhook_id', webhookId)
    .groupBy('status')
    .select('status')
    .count({ n: '*' })) as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

async function attemptsOf(webhookId: number): Promise<AttemptRow[]> {
  return (await knex('webhook_attempts')
    .where('webhook_id', webhookId)
    .orderBy('id')
    .select('outbox_event_id', 'attempt', 'status', 'error', 'sent_by')) as AttemptRow[];
}

async function logOf(webhookId: number): Promise<Attempt[]> {
  const response = await owner().request<Envelope<{ items: Attempt[] }>>(
    'GET',
    `/api/webhooks/${String(webhookId)}/logs?limit=200`,
  );
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body.data.items;
}

/** A sale at the Kampala till through the API (of a cable made for it); returns the sale's id. */
async function checkout(): Promise<number> {
  const [product] = (await knex('products')
    .insert({
      shop_id: kampala,
      name: 'Reliability cable',
      category: 'Chargers & Cables',
      selling_price: 10_000,
      cost_price: 4_000,
      stock_quantity: 10,
      min_stock_level: 0,
    })
    .returning('id')) as [{ id: number }];
  const url = owner().baseUrl;
  const staff = sessionWithToken(url, await login(url, ACCOUNTS.kampalaStaff, DEMO_PASSWORD));
  const sale = await staff.call<{ id: number }>('POST', '/api/sales', {
    items: [{ product_id: product.id, quantity: 1 }],
    payments: [{ method: 'Cash', amount: 10_000 }],
  });
  return sale.id;
}

/** The ids written that never arrived, and those that arrived without being written. */
function missingAndExtra(r: Receiver, ids: readonly string[]): { missing: string[]; extra: string[] } {
  const received = r.ids();
  const written = new Set(ids);
  return {
    missing: ids.filter((id) => !received.has(id)),
    extra: [...received].filter((id) => !written.has(id)),
  };
}

function exited(server: RunningServer): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Ids received fewer or more times than once, with how many times. */
function notExactlyOnce(r: Receiver, ids: readonly string[]): [string, number][] {
  return ids.map((id): [string, number] => [id, r.of(id).length]).filter(([, n]) => n !== 1);
}

beforeAll(async () => {
  // An instance of its own: with TEST_DATABASE_URL set, startTestInstance would empty the database
  // the suite's shared instance runs on.
  const sharedDatabase = process.env['TEST_DATABASE_URL'];
  delete process.env['TEST_DATABASE_URL'];
  try {
    instance = await startTestInstance();
  } finally {
    if (sharedDatabase !== undefined) process.env['TEST_DATABASE_URL'] = sharedDatabase;
  }
  live = [instance.server];
  knex = knexFactory({ client: 'pg', connection: instance.databaseUrl, pool: { min: 0, max: 4 } });
  kampala = ((await knex('shops').where('slug', 'kampala-phone-hub').first('id')) as { id: number }).id;
  ownerToken = await login(instance.baseUrl, ACCOUNTS.kampalaOwner, DEMO_PASSWORD);

  // One real checkout, whose sale.created event is the template of the events written in SQL.
  const saleId = await checkout();
  const stored = (await knex('outbox_events')
    .where({ shop_id: kampala, event_type: 'sale.created' })
    .whereRaw(`(payload -> 'data' ->> 'sale_id')::bigint = ?`, [saleId])
    .first('payload')) as { payload: typeof saleEvent } | undefined;
  if (!stored) throw new Error(`the checkout of sale ${String(saleId)} wrote no sale.created event`);
  saleEvent = stored.payload;
});

// Each test's webhooks are deleted after it, so that no later event is delivered to them.
afterEach(async () => {
  if (webhooks.length > 0) await knex('webhooks').whereIn('id', webhooks.splice(0)).delete();
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

afterAll(async () => {
  await knex.destroy();
  await instance.stop();
});

describe('at least once, across crashes and replicas', () => {
  it('a Directus killed with SIGKILL mid-dispatch loses none of 1,000 events once restarted; duplicates keep their id', async () => {
    // Setup: a receiver that takes 5-20 ms to answer, so that many deliveries are in flight, and
    // that kills the server with the 300th request, before answering it.
    const r = await receiver();
    r.answer = () => ({ status: 200, delayMs: 5 + Math.random() * 15 });
    const webhook = await createWebhook(r.url);
    const victim = live[0];
    if (!victim) throw new Error('no Directus to kill');
    let openAtKill: string[] = [];
    r.onArrival = () => {
      if (r.requests.length !== 300) return;
      openAtKill = r.open().map((request) => request.id);
      victim.process.kill('SIGKILL');
    };

    // Action: 1,000 events; the kill; the server started again on the same database.
    const ids = await writeSaleEvents(1000);
    await until('the 300th delivery (the kill)', () => r.requests.length >= 300, 30_000);
    await exited(victim);
    live = live.filter((server) => server !== victim);
    const restarted = await instance.startReplica();
    live.unshift(restarted);
    await until(
      'every one of the 1,000 events at the receiver after the restart',
      () => ids.every((id) => r.of(id).length > 0),
      60_000,
      () => `${String(r.ids().size)} distinct ids received`,
    );

    // Assert: every event arrived, nothing else did; each request is signed, its header id its body's.
    expect(victim.process.signalCode).toBe('SIGKILL');
    expect(missingAndExtra(r, ids)).toEqual({ missing: [], extra: [] });
    expectSigned(r.requests, webhook.secret);
    // The kill landed mid-dispatch: the requests it left unanswered came again, with the same id and
    // the same body.
    expect(openAtKill.length).toBeGreaterThan(0);
    for (const id of openAtKill) expect(r.of(id).length, id).toBeGreaterThanOrEqual(2);
    for (const id of ids) expect(new Set(r.of(id).map((x) => x.body)).size, id).toBe(1);
    // And the database agrees: every delivery and every event delivered, by both processes.
    await until(
      'every delivery recorded as delivered',
      async () => (await deliveryStatuses(webhook.id))['delivered'] === 1000,
      15_000,
    );
    expect(await deliveryStatuses(webhook.id)).toEqual({ delivered: 1000 });
    const events = (await knex('outbox_events')
      .whereIn('id', outboxIds(ids))
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as { status: string; n: number }[];
    expect(events).toEqual([{ status: 'delivered', n: 1000 }]);
    const senders = new Set((await attemptsOf(webhook.id)).map((a) => a.sent_by));
    expect(senders).toEqual(new Set([sentBy(victim), sentBy(restarted)]));
  }, 180_000);

  it('two replicas on one database deliver 1,000 events, each exactly once, never twice at the same time', async () => {
    // Setup: two Directus processes; a receiver that takes 5-15 ms to answer.
    while (live.length < 2) live.push(await instance.startReplica());
    const r = await receiver();
    r.answer = () => ({ status: 200, delayMs: 5 + Math.random() * 10 });
    const webhook = await createWebhook(r.url);

    // Action
    const ids = await writeSaleEvents(1000);
    await until(
      'the 1,000 events at the receiver',
      () => ids.every((id) => r.of(id).length > 0),
      60_000,
      () => `${String(r.ids().size)} distinct ids received`,
    );

    // Assert: no request of an event arrived while another of the same event was still open; in fact,
    // nothing having crashed, each arrived exactly once.
    const overlapping = ids.filter((id) =>
      r
        .of(id)
        .some((later, i, all) =>
          all.slice(0, i).some((earlier) => earlier.endedAt === null || earlier.endedAt > later.arrivedAt),
        ),
    );
    expect(overlapping).toEqual([]);
    expect(notExactlyOnce(r, ids)).toEqual([]);
    expectSigned(r.requests, webhook.secret);
    // Both processes made attempts, one each per event.
    await until(
      'the 1,000 attempts in the log',
      async () => (await deliveryStatuses(webhook.id))['delivered'] === 1000,
      15_000,
    );
    const attempts = await attemptsOf(webhook.id);
    expect(attempts).toHaveLength(1000);
    expect(attempts.every((a) => a.attempt === 1 && a.status === 'delivered')).toBe(true);
    const [first, second] = live;
    if (!first || !second) throw new Error('two replicas expected');
    expect(new Set(attempts.map((a) => a.sent_by))).toEqual(new Set([sentBy(first), sentBy(second)]));
  }, 180_000);
});

describe('webhooks changed while they deliver', () => {
  it("a webhook deleted amid its deliveries is deleted, and another webhook's results are all written", async () => {
    // Setup: two webhooks of the shop to receivers that take 5-15 ms to answer.
    const doomed = await receiver();
    const kept = await receiver();
    for (const r of [doomed, kept]) r.answer = () => ({ status: 200, delayMs: 5 + Math.random() * 10 });
    const deleted = await createWebhook(doomed.url);
    const other = await createWebhook(kept.url);

    // Action: 600 events; the first webhook deleted by its Owner once 100 of them reached it, while
    // the engine is writing the results of both.
    const ids = await writeSaleEvents(600);
    await until('100 events at the first receiver', () => doomed.requests.length >= 100, 30_000);
    const removal = await owner().request<Envelope<{ id: number }>>(
      'DELETE',
      `/api/webhooks/${String(deleted.id)}`,
    );
    await until(
      'the 600 events at the other receiver',
      () => ids.every((id) => kept.of(id).length > 0),
      60_000,
      () => `${String(kept.ids().size)} distinct ids received`,
    );

    // Assert: the delete answered 200 and took the webhook's deliveries and log with it; the other
    // webhook got every event once, each result written (a result lost would be sent again when its
    // lease ran out); every event ends delivered.
    expect(removal.status, JSON.stringify(removal.body)).toBe(200);
    expect(await knex('webhooks').where('id', deleted.id).first('id')).toBeUndefined();
    expect(await deliveryStatuses(deleted.id)).toEqual({});
    expect(await attemptsOf(deleted.id)).toEqual([]);
    await until(
      "the other webhook's 600 deliveries recorded as delivered",
      async () => (await deliveryStatuses(other.id))['delivered'] === 600,
      15_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // past the 5 s lease: no resend
    expect(notExactlyOnce(kept, ids)).toEqual([]);
    expect(await deliveryStatuses(other.id)).toEqual({ delivered: 600 });
    expect(await attemptsOf(other.id)).toHaveLength(600);
    const events = (await knex('outbox_events')
      .whereIn('id', outboxIds(ids))
      .groupBy('status')
      .select('status')
      .count({ n: '*' })) as { status: string; n: number }[];
    expect(events).toEqual([{ status: 'delivered', n: 600 }]);
  }, 120_000);

  it('a webhook given a new address amid its deliveries sends the rest there, none of them after to the old one', async () => {
    // Setup: a receiver that takes 20-30 ms to answer, so that the engine holds many deliveries of
    // it ahead of their turn; and the one it moves to.
    const before = await receiver();
    const after = await receiver();
    before.answer = () => ({ status: 200, delayMs: 20 + Math.random() * 10 });
    const webhook = await createWebhook(before.url);

    // Action: 400 events; once 50 reached the first receiver, the Owner changes the address.
    const ids = await writeSaleEvents(400);
    await until('50 events at the first receiver', () => before.requests.length >= 50, 30_000);
    const moved = await owner().request('PUT', `/api/webhooks/${String(webhook.id)}`, { url: after.url });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const movedAt = performance.now();
    await until(
      'every event at one receiver or the other',
      () => ids.every((id) => before.of(id).length + after.of(id).length > 0),
      60_000,
      () => `${String(before.ids().size)} + ${String(after.ids().size)} distinct ids received`,
    );

    // Assert: after the change, the old address got at most the attempts already in flight (16 per
    // endpoint) and then nothing; the new one got the rest, each event once in all, signed.
    await until(
      'the 400 deliveries recorded as delivered',
      async () => (await deliveryStatuses(webhook.id))['delivered'] === 400,
      15_000,
    );
    const late = before.requests.filter((x) => x.arrivedAt > movedAt + 200);
    expect(late.map((x) => x.id)).toEqual([]);
    expect(after.ids().size).toBeGreaterThan(200);
    const both = ids.filter((id) => before.of(id).length + after.of(id).length !== 1);
    expect(both).toEqual([]);
    expectSigned([...before.requests, ...after.requests], webhook.secret);
  }, 120_000);
});

describe('failing receivers', () => {
  it('a receiver answering 500 twice then 200 gets the event three times, same id, signed; the log shows each attempt', async () => {
    // Setup: a receiver that fails the first two requests of each event.
    const r = await receiver();
    r.answer = (request) => ({ status: r.of(request.id).length <= 2 ? 500 : 200 });
    const webhook = await createWebhook(r.url);

    // Action
    const saleId = await checkout();
    await until('three requests', () => r.requests.length >= 3, 15_000);

    // Assert: three requests of one event, the sale's, each signed.
    expect(r.requests).toHaveLength(3);
    expect(new Set(r.requests.map((x) => x.id)).size).toBe(1);
    expect(eventOf(r.requests[0] as ReceivedRequest)).toMatchObject({
      event: 'sale.created',
      data: { sale_id: saleId },
    });
    expectSigned(r.requests, webhook.secret);
    let log: Attempt[] = [];
    await until(
      'the three attempts in the log',
      async () => (log = await logOf(webhook.id)).length === 3 && log[0]?.status === 'delivered',
      10_000,
    );
    expect(log.map((a) => [a.attempt, a.status, a.response_status, a.error])).toEqual([
      [3, 'delivered', 200, null],
      [2, 'failed', 500, 'the receiver answered 500'],
      [1, 'failed', 500, 'the receiver answered 500'],
    ]);
    expect(log.every((a) => a.event_id === r.requests[0]?.id && a.delivery_status === 'delivered')).toBe(
      true,
    );
  });

  it('a receiver that hangs holds only its own deliveries: another webhook of the shop gets all 50 events meanwhile', async () => {
    // Setup: two webhooks of the shop, one to a receiver that never answers, one to a quick one.
    const hanging = await receiver();
    hanging.answer = () => 'hang';
    const quick = await receiver();
    const slow = await createWebhook(hanging.url);
    const fast = await createWebhook(quick.url);

    // Action
    const ids = await writeSaleEvents(50);
    await until(
      'the 50 events at the quick receiver',
      () => ids.every((id) => quick.of(id).length > 0),
      15_000,
    );
    const quickDone = performance.now();

    // Assert: the quick receiver had every event before the hanging one's first request was even cut
    // off (the engine waits 2 s for an answer): it never waited behind it. The hanging one still holds
    // requests, and none of its deliveries is done.
    expect(hanging.requests.length).toBeGreaterThan(0);
    expect(
      hanging.requests.filter((x) => x.endedAt !== null && x.endedAt < quickDone).map((x) => x.id),
    ).toEqual([]);
    expect(hanging.open().length).toBeGreaterThan(0);
    expect((await deliveryStatuses(slow.id))['delivered']).toBeUndefined();
    expect(notExactlyOnce(quick, ids)).toEqual([]);
    expectSigned(quick.requests, fast.secret);
    // Then the hanging requests are cut off at the timeout, failed, and tried again.
    await until(
      'attempts to the hanging receiver cut off by the timeout',
      async () => (await attemptsOf(slow.id)).length >= 10,
      15_000,
    );
    const slowAttempts = await attemptsOf(slow.id);
    expect(slowAttempts.every((a) => a.status === 'failed' && a.error === 'no answer within 2 s')).toBe(true);
    expect((await deliveryStatuses(slow.id))['delivered']).toBeUndefined();
    const fastAttempts = await attemptsOf(fast.id);
    expect(fastAttempts).toHaveLength(50);
    expect(fastAttempts.every((a) => a.attempt === 1 && a.status === 'delivered')).toBe(true);
  });

  it('a receiver that was down gets every event it missed once it listens again', async () => {
    // Setup: a receiver's port, with nothing listening on it.
    const r = await receiver();
    const port = r.port;
    await r.stop();
    const webhook = await createWebhook(r.url);

    // Action: 20 events while it is down, each refused and retried; then it listens again.
    const ids = await writeSaleEvents(20);
    const events = outboxIds(ids);
    const refusedTwice = async (): Promise<boolean> => {
      const refused = (await attemptsOf(webhook.id)).filter((a) => a.error === 'connection refused');
      return events.every((id) => refused.filter((a) => a.outbox_event_id === id).length >= 2);
    };
    await until('every event refused twice', refusedTwice, 20_000);
    await r.start(port);
    await until('the 20 events at the receiver', () => ids.every((id) => r.of(id).length > 0), 15_000);

    // Assert: every event arrived, signed; each delivery failed with the refusal, then succeeded.
    expect(missingAndExtra(r, ids)).toEqual({ missing: [], extra: [] });
    expectSigned(r.requests, webhook.secret);
    await until(
      'the 20 deliveries recorded as delivered',
      async () => (await deliveryStatuses(webhook.id))['delivered'] === 20,
      10_000,
    );
    const attempts = await attemptsOf(webhook.id);
    for (const id of events) {
      const mine = attempts.filter((a) => a.outbox_event_id === id);
      expect(mine.map((a) => a.status).slice(-1), String(id)).toEqual(['delivered']);
      expect(
        mine.slice(0, -1).every((a) => a.status === 'failed' && a.error === 'connection refused'),
        String(id),
      ).toBe(true);
      expect(mine.map((a) => a.attempt)).toEqual(mine.map((_, i) => i + 1));
    }
  });

  it('a redirect is not followed: its target gets nothing and the attempt fails saying so', async () => {
    // Setup: a receiver that redirects every request to another one.
    const target = await receiver();
    const redirecting = await receiver();
    redirecting.answer = () => ({ status: 302, headers: { location: target.url } });
    const webhook = await createWebhook(redirecting.url);

    // Action
    const [id] = await writeSaleEvents(1);
    let log: Attempt[] = [];
    await until(
      'the first attempt in the log',
      async () => (log = await logOf(webhook.id)).length > 0,
      10_000,
    );

    // Assert
    expect(redirecting.of(id ?? '').length).toBeGreaterThan(0);
    expect(target.requests).toEqual([]);
    expect(log.at(-1)).toMatchObject({
      event_id: id,
      attempt: 1,
      status: 'failed',
      response_status: 302,
      error: `redirects are not followed (302 to ${target.url})`,
    });
  });

  it('an answer over 1 MB is not a problem: the attempt succeeds and the log keeps its first KB', async () => {
    // Setup: a receiver that answers 200 with 1.5 MB.
    const r = await receiver();
    r.answer = () => ({ status: 200, body: Buffer.alloc(1_500_000, 'a') });
    const webhook = await createWebhook(r.url);

    // Action
    const ids = await writeSaleEvents(3);
    await until('the 3 events at the receiver', () => ids.every((id) => r.of(id).length > 0), 10_000);
    let log: Attempt[] = [];
    await until('3 attempts in the log', async () => (log = await logOf(webhook.id)).length === 3, 10_000);

    // Assert: each event delivered at its first attempt, its answer's first KB kept.
    expect(notExactlyOnce(r, ids)).toEqual([]);
    expect([...log.map((a) => a.event_id)].sort()).toEqual([...ids].sort());
    for (const attempt of log) {
      expect(attempt).toMatchObject({ attempt: 1, status: 'delivered', response_status: 200, error: null });
      expect(attempt.response_body).toBe('a'.repeat(1024));
    }
  });
});
