// Webhooks through the real /api (spec: API SPECIFICATIONS › Webhook Support): only the Owner manages
// them, the secret is shown once, every event type of the catalogue leaves with the catalogue's shape
// and a Standard Webhooks signature, a shop never receives or touches another shop's, failures are
// retried and logged, a webhook failing for too long is disabled and its Owner told, and integrators
// can page through the shop's events. (Crashes, replicas and slow receivers: webhooks-reliability.)
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CATALOGUE, isEventType } from '../../extensions/phone-shop/src/events/catalogue.ts';
import { as, closeDb, db, shopIds, type Session } from '../support/context.ts';
import { freshImei, freshPhone } from '../support/fixtures.ts';

interface Envelope<T = Record<string, unknown>> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}

interface WebhookView {
  id: number;
  url: string;
  events: string[];
  is_active: boolean;
  secret?: string;
  secret_hint: string;
  previous_secret_expires_at: string | null;
  disabled_reason: string | null;
  health: { last_success_at: string | null; failure_streak: number; pending: number; dead: number };
}

interface Attempt {
  id: number;
  delivery_id: number;
  event_id: string;
  event_type: string;
  attempt: number;
  status: string;
  response_status: number | null;
  error: string | null;
  delivery_status: string;
}

interface Received {
  headers: Record<string, string>;
  body: string;
  json: { id: string; event: string; shop_id: number; api_version: string; data: Record<string, unknown> };
}

/** A local receiver: answers each request with the next status of `statuses` (the last one repeats). */
class Receiver {
  readonly received: Received[] = [];
  statuses: number[] = [200];
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      this.received.push({
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)])),
        body,
        json: JSON.parse(body) as Received['json'],
      });
      const status = this.statuses.length > 1 ? (this.statuses.shift() ?? 200) : (this.statuses[0] ?? 200);
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${String(status)}`);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${String((this.server.address() as AddressInfo).port)}/hook`;
  }

  of(event: string): Received[] {
    return this.received.filter((r) => r.json.event === event);
  }

  async waitFor(what: string, test: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline)
        throw new Error(`the receiver did not get ${what} within ${String(timeoutMs)} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

let shops: { kampala: number; entebbe: number };
let owner: Session;
const receivers: Receiver[] = [];

async function receiver(): Promise<{ receiver: Receiver; url: string }> {
  const r = new Receiver();
  receivers.push(r);
  return { receiver: r, url: await r.start() };
}

async function createWebhook(session: Session, body: Record<string, unknown>): Promise<WebhookView> {
  const response = await session.request<Envelope<WebhookView>>('POST', '/api/webhooks', body);
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

async function product(shopId: number, stock: number, minStock = 0): Promise<number> {
  const [row] = (await db()('products')
    .insert({
      shop_id: shopId,
      name: `Webhook cable ${randomUUID().slice(0, 8)}`,
      category: 'Chargers & Cables',
      selling_price: 10_000,
      cost_price: 4_000,
      stock_quantity: stock,
      min_stock_level: minStock,
    })
    .returning('id')) as [{ id: number }];
  return row.id;
}

async function sell(session: Session, productId: number): Promise<{ id: number; sale_number: string }> {
  const response = await session.request<Envelope<{ id: number; sale_number: string }>>(
    'POST',
    '/api/sales',
    {
      items: [{ product_id: productId, quantity: 1 }],
      payments: [{ method: 'Cash', amount: 10_000 }],
    },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.data;
}

beforeAll(async () => {
  shops = await shopIds();
  owner = await as('kampalaOwner');
});

/** The receivers' URLs: their webhooks go after this file, so that no later event waits for them. */
const created: string[] = [];

afterAll(async () => {
  if (created.length > 0) await db()('webhooks').whereIn('url', created).delete();
  await Promise.all(receivers.map((r) => r.close()));
  await closeDb();
});

describe('managing webhooks', () => {
  it('the Owner creates one, sees its secret once, and then only a hint of it', async () => {
    const { url } = await receiver();
    created.push(url);
    const webhook = await createWebhook(owner, { url, events: ['sale.created'], description: 'Accounting' });
    expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhook.secret_hint).toBe(`whsec_…${webhook.secret?.slice(-4) ?? ''}`);

    const listed = (await owner.request<Envelope<WebhookView[]>>('GET', '/api/webhooks')).body.data;
    const mine = listed.find((w) => w.id === webhook.id);
    expect(mine).toMatchObject({ url, events: ['sale.created'], is_active: true });
    expect(JSON.stringify(listed)).not.toContain(webhook.secret);
    const items = await owner.request<{ data: Record<string, unknown> }>(
      'GET',
      `/items/webhooks/${webhook.id}`,
    );
    expect(items.status).toBe(200);
    expect(items.body.data).not.toHaveProperty('secret');
    expect(items.body.data).not.toHaveProperty('previous_secret');

    const trail = (await db()('audit_logs')
      .where({ entity_type: 'webhooks', entity_id: String(webhook.id), action: 'create' })
      .first()) as { new_value: unknown; shop_id: number } | undefined;
    expect(trail?.shop_id).toBe(shops.kampala);
    expect(JSON.stringify(trail?.new_value)).toContain(url);
    expect(JSON.stringify(trail?.new_value)).not.toContain('whsec_');
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await db()('webhooks').count({ n: '*' }).first();
    const cases: [Record<string, unknown>, string][] = [
      [{ events: ['sale.created'] }, 'url'],
      [{ url: 'ftp://example.com/in', events: ['sale.created'] }, 'url'],
      [{ url: 'https://user:pw@example.com/in', events: ['sale.created'] }, 'url'],
      [{ url: 'not an address', events: ['sale.created'] }, 'url'],
      [{ url: 'http://127.0.0.1:9/hook', events: [] }, 'events'],
      [{ url: 'http://127.0.0.1:9/hook', events: ['sale.exploded'] }, 'events[0]'],
      [{ url: 'http://127.0.0.1:9/hook', events: ['webhook.test'] }, 'events[0]'],
      [{ url: 'http://127.0.0.1:9/hook', events: 'sale.created' }, 'events'],
    ];
    for (const [body, field] of cases) {
      const response = await owner.request<Envelope>('POST', '/api/webhooks', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(response.body.error?.details ?? {}), JSON.stringify(response.body)).toEqual([field]);
    }
    expect(await db()('webhooks').count({ n: '*' }).first()).toEqual(before);
  });

  it('is for the Owner only: Supervisors and Staff are refused everywhere, /items writes too', async () => {
    const { url } = await receiver();
    created.push(url);
    const webhook = await createWebhook(owner, { url, events: ['*'] });
    for (const account of ['kampalaSupervisor', 'kampalaStaff'] as const) {
      const session = await as(account);
      const calls: [string, string, unknown?][] = [
        ['GET', '/api/webhooks'],
        ['POST', '/api/webhooks', { url, events: ['*'] }],
        ['PUT', `/api/webhooks/${webhook.id}`, { is_active: false }],
        ['DELETE', `/api/webhooks/${webhook.id}`],
        ['POST', `/api/webhooks/${webhook.id}/test`],
        ['POST', `/api/webhooks/${webhook.id}/rotate-secret`],
        ['GET', `/api/webhooks/${webhook.id}/logs`],
        ['GET', '/api/events'],
      ];
      for (const [method, path, body] of calls) {
        const response = await session.request<Envelope>(method, path, body);
        expect(response.status, `${account} ${method} ${path}`).toBe(403);
      }
    }
    const direct = await owner.request('POST', '/items/webhooks', {
      url,
      events: ['*'],
      secret: 'x'.repeat(40),
    });
    expect(direct.status).toBe(403);
    const patch = await owner.request('PATCH', `/items/webhooks/${webhook.id}`, { url: 'http://10.0.0.1/x' });
    expect(patch.status).toBe(403);
    expect(((await db()('webhooks').where('id', webhook.id).first()) as { url: string }).url).toBe(url);
  });

  it('edits, disables, enables and deletes, each audited', async () => {
    const { url } = await receiver();
    created.push(url);
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    const edited = await owner.request<Envelope<WebhookView>>('PUT', `/api/webhooks/${webhook.id}`, {
      events: ['sale.created', 'sale.updated', 'sale.created'],
      is_active: false,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.data).toMatchObject({ events: ['sale.created', 'sale.updated'], is_active: false });
    const enabled = await owner.request<Envelope<WebhookView>>('PUT', `/api/webhooks/${webhook.id}`, {
      is_active: true,
    });
    expect(enabled.body.data.is_active).toBe(true);
    const removed = await owner.request<Envelope>('DELETE', `/api/webhooks/${webhook.id}`);
    expect(removed.status).toBe(200);
    expect(await db()('webhooks').where('id', webhook.id).first()).toBeUndefined();
    const actions = (await db()('audit_logs')
      .where({ entity_type: 'webhooks', entity_id: String(webhook.id) })
      .orderBy('id')
      .pluck('action')) as string[];
    expect(actions).toEqual(['create', 'update', 'update', 'delete']);
  });
});

describe('delivering events', () => {
  it('a sale reaches the receiver as sale.created, signed, with the whole sale, within moments', async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    const p = await product(shops.kampala, 10);
    const sale = await sell(await as('kampalaStaff'), p);
    await r.waitFor('the sale', () => r.of('sale.created').some((x) => x.json.data['sale_id'] === sale.id));
    const delivery = r.of('sale.created').find((x) => x.json.data['sale_id'] === sale.id);
    if (!delivery || !webhook.secret) throw new Error('no delivery');
    expect(new Webhook(webhook.secret).verify(delivery.body, delivery.headers)).toEqual(delivery.json);
    expect(delivery.headers['webhook-id']).toBe(delivery.json.id);
    expect(delivery.json).toMatchObject({
      event: 'sale.created',
      shop_id: shops.kampala,
      api_version: '2026-12-01',
    });
    const data = EVENT_CATALOGUE['sale.created'].data.parse(delivery.json.data);
    expect(data).toMatchObject({
      sale_number: sale.sale_number,
      total_amount: 10_000,
      payments_by_method: { Cash: 10_000 },
      lines: [{ product_id: p, quantity: 1, total_price: 10_000 }],
    });
    expect(data.staff.name).toBeTruthy();
    expect(JSON.stringify(delivery.json.data)).not.toMatch(/unit_cost|margin/);
  });

  it("a shop never receives another shop's events", async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    await createWebhook(owner, { url, events: ['*'] });
    const entebbeSale = await sell(await as('entebbeStaff'), await product(shops.entebbe, 5));
    const kampalaSale = await sell(await as('kampalaStaff'), await product(shops.kampala, 5));
    await r.waitFor('the Kampala sale', () =>
      r.received.some((x) => x.json.data['sale_id'] === kampalaSale.id),
    );
    expect(r.received.every((x) => x.json.shop_id === shops.kampala)).toBe(true);
    expect(r.received.some((x) => x.json.data['sale_id'] === entebbeSale.id)).toBe(false);
  });

  it('every event type of the catalogue leaves with the shape the catalogue gives it', async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    await createWebhook(owner, { url, events: ['*'] });
    const staff = await as('kampalaStaff');
    const supervisor = await as('kampalaSupervisor');
    // A sale that takes stock to its minimum (stock.low_alert), approved, then locked (sale.updated).
    const p = await product(shops.kampala, 3, 2);
    const sale = await sell(staff, p);
    expect((await owner.request('POST', `/api/sales/${sale.id}/approve`)).status).toBe(200);
    expect((await owner.request('POST', `/api/sales/${sale.id}/lock`)).status).toBe(200);
    // A repair that goes all the way to Completed.
    const repair = await staff.request<Envelope<{ id: number }>>('POST', '/api/repairs', {
      customer: { name: 'Webhook Customer', phone: freshPhone() },
      device: { brand: 'Tecno', model: 'Camon 30', imei_serial: freshImei() },
      issue_description: 'Screen cracked',
      repair_type: 'Screen replacement',
      estimated_cost: 100_000,
    });
    expect(repair.status, JSON.stringify(repair.body)).toBe(201);
    for (const status of ['Diagnosed', 'In Progress', 'Quality Check', 'Completed']) {
      const moved = await supervisor.request('POST', `/api/repairs/${repair.body.data.id}/status`, {
        status,
      });
      expect(moved.status, `${status}: ${JSON.stringify(moved.body)}`).toBe(200);
    }
    // A day's closure (a day of its own, long ago, that no other test closes).
    const closure = await staff.request('POST', '/api/closures', {
      closure_date: '2023-05-17',
      cash_amount: 0,
      mtn_amount: 0,
      airtel_amount: 0,
      card_amount: 0,
      bank_transfer: 0,
      other_amount: 0,
    });
    expect(closure.status, JSON.stringify(closure.body)).toBe(201);
    const expected = [
      'closure.submitted',
      'sale.created',
      'stock.low_alert',
      'sale.approved',
      'sale.updated',
      'repair.status_changed',
      'repair.completed',
    ];
    await r.waitFor(expected.join(', '), () => expected.every((type) => r.of(type).length > 0));
    for (const delivery of r.received) {
      const type = delivery.json.event;
      if (!isEventType(type)) throw new Error(`unknown event type ${type}`);
      expect(() => EVENT_CATALOGUE[type].data.parse(delivery.json.data), type).not.toThrow();
    }
    expect(r.of('sale.updated').find((x) => x.json.data['sale_id'] === sale.id)?.json.data['change']).toBe(
      'locked',
    );

    // And every event any test of the suite made so far has its type's shape.
    const stored = (await db()('outbox_events').select('event_type', 'payload')) as {
      event_type: string;
      payload: { data: unknown };
    }[];
    for (const event of stored) {
      if (!isEventType(event.event_type) || JSON.stringify(event.payload) === '{}') continue;
      const parsed = EVENT_CATALOGUE[event.event_type].data.safeParse(event.payload.data);
      expect(parsed.success, `${event.event_type}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });

  it('retries a failing receiver with the same id and signature, and logs every attempt', async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    r.statuses = [500, 500, 200];
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    const sale = await sell(await as('kampalaStaff'), await product(shops.kampala, 5));
    const mine = (): Received[] => r.of('sale.created').filter((x) => x.json.data['sale_id'] === sale.id);
    await r.waitFor('three attempts', () => mine().length === 3);
    expect(new Set(mine().map((x) => x.json.id)).size).toBe(1);
    for (const x of mine())
      expect(() => new Webhook(webhook.secret ?? '').verify(x.body, x.headers)).not.toThrow();

    let log: Attempt[] = [];
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      log = (await owner.request<Envelope<{ items: Attempt[] }>>('GET', `/api/webhooks/${webhook.id}/logs`))
        .body.data.items;
      if (log.length === 3) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(log.map((a) => [a.attempt, a.status, a.response_status])).toEqual([
      [3, 'delivered', 200],
      [2, 'failed', 500],
      [1, 'failed', 500],
    ]);
    expect(log.every((a) => a.delivery_status === 'delivered' && a.event_id === mine()[0]?.json.id)).toBe(
      true,
    );
    expect(log[1]?.error).toBe('the receiver answered 500');
    const health = (await owner.request<Envelope<WebhookView>>('GET', `/api/webhooks/${webhook.id}`)).body
      .data.health;
    expect(health).toMatchObject({ failure_streak: 0, pending: 0, dead: 0 });
    expect(health.last_success_at).not.toBeNull();
  });

  it('the test send and a redelivery of a dead delivery, on request', async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    r.statuses = [503];
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    const tested = await owner.request<Envelope<Attempt>>('POST', `/api/webhooks/${webhook.id}/test`);
    expect(tested.status).toBe(200);
    // A test event is not retried: it is dead at once, and can be sent again by hand.
    expect(tested.body.data).toMatchObject({
      event_type: 'webhook.test',
      status: 'failed',
      response_status: 503,
      delivery_status: 'dead',
    });
    r.statuses = [200];
    const retried = await owner.request<Envelope<{ status: string }>>(
      'POST',
      `/api/webhook-deliveries/${tested.body.data.delivery_id}/retry`,
    );
    expect(retried.status).toBe(200);
    expect(retried.body.data.status).toBe('pending');
    await r.waitFor('the redelivery', () => r.of('webhook.test').length === 2);
    const [first, second] = r.of('webhook.test');
    expect(second?.json.id).toBe(first?.json.id);
    const audit: unknown = await db()('audit_logs')
      .where({
        entity_type: 'webhook_deliveries',
        entity_id: String(tested.body.data.delivery_id),
        action: 'retry',
      })
      .first();
    expect(audit).toBeDefined();
  });

  it('a rotated secret signs beside the new one for 24 hours', async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    const rotated = await owner.request<Envelope<WebhookView>>(
      'POST',
      `/api/webhooks/${webhook.id}/rotate-secret`,
    );
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.secret ?? '';
    expect(fresh).not.toBe(webhook.secret);
    const expires = Date.parse(rotated.body.data.previous_secret_expires_at ?? '');
    expect(Math.abs(expires - Date.now() - 24 * 3_600_000)).toBeLessThan(60_000);
    await owner.request('POST', `/api/webhooks/${webhook.id}/test`);
    const [delivery] = r.of('webhook.test');
    if (!delivery) throw new Error('no test delivery');
    expect(delivery.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() => new Webhook(fresh).verify(delivery.body, delivery.headers)).not.toThrow();
    expect(() => new Webhook(webhook.secret ?? '').verify(delivery.body, delivery.headers)).not.toThrow();
  });

  it('a webhook failing every attempt for three days is disabled, and its Owner told why', async () => {
    const { receiver: r, url } = await receiver();
    created.push(url);
    r.statuses = [500];
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    // Three days of failures, compressed: the webhook's streak began three days ago.
    await db()('webhooks')
      .where('id', webhook.id)
      .update({ failing_since: new Date(Date.now() - 3 * 86_400_000 - 60_000), failure_streak: 40 });
    await sell(await as('kampalaStaff'), await product(shops.kampala, 5));
    const deadline = Date.now() + 10_000;
    let row = { is_active: true } as { is_active: boolean; disabled_reason: string | null };
    while (row.is_active && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
      row = (await db()('webhooks').where('id', webhook.id).first()) as typeof row;
    }
    expect(row.is_active).toBe(false);
    expect(row.disabled_reason).toContain('the receiver answered 500');
    const note = (await db()('notifications')
      .where({ shop_id: shops.kampala, type: 'webhook.disabled' })
      .orderBy('id', 'desc')
      .first()) as { message: string; link: string } | undefined;
    expect(note?.message).toContain(url);
    expect(note?.link).toBe(`/settings/webhooks/${String(webhook.id)}`);
    const view = (await owner.request<Envelope<WebhookView>>('GET', `/api/webhooks/${webhook.id}`)).body.data;
    expect(view.health.pending).toBe(0);
    const dead = (await db()('webhook_deliveries').where('webhook_id', webhook.id).first('id', 'status')) as {
      id: number;
      status: string;
    };
    expect(dead.status).toBe('dead');
    const retry = await owner.request<Envelope>('POST', `/api/webhook-deliveries/${String(dead.id)}/retry`);
    expect(retry.status).toBe(400);
    expect(Object.keys(retry.body.error?.details ?? {})).toEqual(['webhook']);
  });
});

describe('isolation', () => {
  it("shop A cannot read, change, test, rotate or retry shop B's webhooks or deliveries", async () => {
    const { url } = await receiver();
    created.push(url);
    const webhook = await createWebhook(owner, { url, events: ['sale.created'] });
    await owner.request('POST', `/api/webhooks/${webhook.id}/test`);
    const delivery = (await db()('webhook_deliveries').where('webhook_id', webhook.id).first()) as {
      id: number;
    };
    const entebbe = await as('entebbeOwner');
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/webhooks/${webhook.id}`],
      ['PUT', `/api/webhooks/${webhook.id}`, { url: 'http://127.0.0.1:9/stolen' }],
      ['DELETE', `/api/webhooks/${webhook.id}`],
      ['POST', `/api/webhooks/${webhook.id}/test`],
      ['POST', `/api/webhooks/${webhook.id}/rotate-secret`],
      ['GET', `/api/webhooks/${webhook.id}/logs`],
      ['POST', `/api/webhook-deliveries/${delivery.id}/retry`],
    ];
    for (const [method, path, body] of calls) {
      const response = await entebbe.request<Envelope>(method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const listed = (await entebbe.request<Envelope<WebhookView[]>>('GET', '/api/webhooks')).body.data;
    expect(listed.some((w) => w.id === webhook.id)).toBe(false);
    const events = (
      await entebbe.request<Envelope<{ items: Received['json'][] }>>('GET', '/api/events?limit=200')
    ).body.data.items;
    expect(events.every((e) => e.shop_id === shops.entebbe)).toBe(true);
    for (const collection of ['webhooks', 'webhook_deliveries', 'webhook_attempts']) {
      const read = await entebbe.request<{ data: { shop_id: number }[] }>(
        'GET',
        `/items/${collection}?limit=-1`,
      );
      expect(read.status, collection).toBe(200);
      expect(
        read.body.data.every((row) => row.shop_id === shops.entebbe),
        collection,
      ).toBe(true);
    }
    expect(((await db()('webhooks').where('id', webhook.id).first()) as { url: string }).url).toBe(url);
  });
});

describe('the event feed', () => {
  it('pages the shop’s events newest first, by type and time, for an integrator catching up', async () => {
    const p = await product(shops.kampala, 10);
    const since = new Date().toISOString();
    const sales = [];
    for (let i = 0; i < 3; i += 1) sales.push(await sell(await as('kampalaStaff'), p));
    const seen: Received['json'][] = [];
    let cursor: string | null = null;
    do {
      const query: URLSearchParams = new URLSearchParams({
        type: 'sale.created',
        since,
        limit: '2',
        ...(cursor ? { cursor } : {}),
      });
      const page: {
        status: number;
        body: Envelope<{ items: Received['json'][]; next_cursor: string | null }>;
      } = await owner.request('GET', `/api/events?${query.toString()}`);
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      seen.push(...page.body.data.items);
      cursor = page.body.data.next_cursor;
    } while (cursor !== null);
    expect(seen.map((e) => e.data['sale_id'])).toEqual(sales.map((s) => s.id).reverse());
    expect(seen.every((e) => /^evt_\d+$/.test(e.id) && e.event === 'sale.created')).toBe(true);
    const bad = await owner.request<Envelope>('GET', '/api/events?since=yesterday&type=sale.exploded');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error?.details ?? {}).sort()).toEqual(['since', 'type']);
  });

  it('the dashboard counts the events still waiting, failing and dead', async () => {
    const dashboard = await owner.request<Envelope<Record<string, Record<string, unknown>>>>(
      'GET',
      '/api/dashboard',
    );
    expect(dashboard.status).toBe(200);
    const health = JSON.stringify(dashboard.body.data);
    const dead = (await db()('outbox_events')
      .where({ shop_id: shops.kampala, status: 'dead' })
      .count({ n: '*' })
      .first()) as {
      n: number;
    };
    expect(health).toContain(`"outbox_dead":${String(dead.n)}`);
  });
});

describe('the platform admin', () => {
  it('sees the dead letters of every shop, which shop accounts cannot', async () => {
    const admin = await as('admin');
    const letters = await admin.request<Envelope<{ items: { shop_id: number; event_id: string }[] }>>(
      'GET',
      '/api/platform/dead-letters?limit=200',
    );
    expect(letters.status).toBe(200);
    const dead = (await db()('webhook_deliveries').where('status', 'dead').count({ n: '*' }).first()) as {
      n: number;
    };
    expect(letters.body.data.items.length).toBe(Math.min(dead.n, 200));
    expect((await owner.request('GET', '/api/platform/dead-letters')).status).toBe(403);
    const bookmarks = await admin.call<{ filter: unknown }[]>(
      'GET',
      '/presets?filter[bookmark][_eq]=Dead%20letters&filter[collection][_eq]=webhook_deliveries',
    );
    expect(bookmarks.map((b) => b.filter)).toEqual([{ status: { _eq: 'dead' } }]);
  });
});
