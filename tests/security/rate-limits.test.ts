// Rate limits with the budgets of production: 100 requests a minute per user plus a burst of 200,
// which a till's busiest sale never meets; anonymous calls per address; expensive calls apart.
// Answers 429 with Retry-After, in the envelope on /api and in Directus's format elsewhere. With
// REDIS_URL set, two replicas' limiters share their counters.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { createLimiters, DEFAULT_BUDGETS } from '../../extensions/phone-shop/src/security/rate-limits.ts';
import { db, shopIds } from '../support/context.ts';
import { codeOf, from, newMember, tokensOf } from './support.ts';

/** Sends `count` requests one after another (as a till does), answering their statuses. */
async function burst(count: number, send: () => Promise<{ status: number }>): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push((await send()).status);
  return statuses;
}

async function products(count: number): Promise<{ id: number; name: string }[]> {
  const { kampala } = await shopIds();
  const rows = Array.from({ length: count }, (_, i) => ({
    shop_id: kampala,
    name: `Rate ${String(i).padStart(2, '0')} ${randomUUID().slice(0, 6)}`,
    category: 'Chargers & Cables',
    selling_price: 5_000,
    cost_price: 2_000,
    stock_quantity: 50,
  }));
  return (await db()('products').insert(rows).returning(['id', 'name'])) as { id: number; name: string }[];
}

describe('rate limits', () => {
  it('lets a till sell a 30-line sale searched keystroke by keystroke without a refusal', async () => {
    const cashier = await newMember('Staff', 'rate-till');
    const till = from('127.0.40.1');
    const { access_token } = await tokensOf(till, cashier);
    const lines = await products(30);
    const statuses: number[] = [];
    // The app searches 200 ms after each keystroke from the second letter: for each line, a name of 8
    // letters typed gives up to 7 searches; then the line is added. Sent here as fast as possible.
    for (const line of lines) {
      const typed = line.name.slice(0, 9);
      for (let n = 2; n <= typed.length; n++) {
        const q = encodeURIComponent(typed.slice(0, n));
        statuses.push(
          (await till.request('GET', `/api/products/lookup?q=${q}`, { token: access_token })).status,
        );
      }
    }
    const sale = await till.request('POST', '/api/sales', {
      token: access_token,
      body: {
        items: lines.map((l) => ({ product_id: l.id, quantity: 1 })),
        payments: [{ method: 'Cash', amount: 30 * 5_000 }],
      },
      headers: { 'idempotency-key': randomUUID() },
    });
    statuses.push(sale.status);
    expect(statuses.length).toBeGreaterThanOrEqual(240);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    expect(sale.status).toBe(201);
  });

  it('holds one user to 100 a minute plus a burst of 200, with Retry-After; others are not affected', async () => {
    const member = await newMember('Staff', 'rate-user');
    const neighbour = await newMember('Staff', 'rate-neighbour');
    const till = from('127.0.41.1');
    const mine = await tokensOf(till, member);
    const theirs = await tokensOf(till, neighbour);
    const { points, burst: extra } = DEFAULT_BUDGETS.user;
    const allowed = points + (extra ?? 0);
    const statuses = await burst(allowed, () =>
      till.request('GET', '/users/me?fields=id', { token: mine.access_token }),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // The budget is spent (the sign-in itself was anonymous: it counted against the address).
    const refused = await till.request('GET', '/items/products?limit=1', { token: mine.access_token });
    expect(refused.status).toBe(429);
    expect(codeOf(refused.body)).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const onApi = await till.request('GET', '/api/sales?limit=1', { token: mine.access_token });
    expect(onApi.status).toBe(429);
    expect(onApi.body).toMatchObject({ success: false, error: { code: 'RATE_LIMITED' } });
    // The neighbour at the same address has their own budget.
    expect((await till.request('GET', '/users/me?fields=id', { token: theirs.access_token })).status).toBe(
      200,
    );
  });

  it('holds anonymous calls to 60 a minute plus a burst of 60 per address; signed-in users there go on', async () => {
    const member = await newMember('Staff', 'rate-anonymous');
    const place = from('127.0.42.1');
    const { access_token } = await tokensOf(place, member); // 1 anonymous call
    const { points, burst: extra } = DEFAULT_BUDGETS.anonymous;
    const statuses = await burst(points + (extra ?? 0), () =>
      place.request('GET', '/items/products?limit=1'),
    );
    expect(statuses.filter((s) => s === 429).length).toBe(1);
    expect(statuses.at(-1)).toBe(429);
    expect((await place.request('GET', '/items/products?limit=1', { token: access_token })).status).toBe(200);
    expect((await from('127.0.42.2').request('GET', '/items/products?limit=1')).status).not.toBe(429);
  });

  it('holds expensive calls (exports, long reports) to 20 every 10 minutes per user', async () => {
    const owner = await newMember('Owner', 'rate-export');
    const office = from('127.0.43.1');
    const { access_token } = await tokensOf(office, owner);
    const exports = await burst(DEFAULT_BUDGETS.expensive.points, () =>
      office.request('GET', '/api/exports/products?format=csv', { token: access_token }),
    );
    expect(exports.filter((s) => s !== 200)).toEqual([]);
    const yearly = await office.request(
      'GET',
      '/api/reports/sales/daily-summary?from=2026-01-01&to=2026-12-01',
      {
        token: access_token,
      },
    );
    expect(yearly.status).toBe(429);
    // A report over a week is no expensive call.
    expect(
      (
        await office.request('GET', '/api/reports/sales/daily-summary?from=2026-11-01&to=2026-11-07', {
          token: access_token,
        })
      ).status,
    ).toBe(200);
  });
});

describe('heavy reads', () => {
  it('get a share of the server per user: past it they wait, and the till’s requests go on', async () => {
    const owner = await newMember('Owner', 'rate-heavy');
    const office = from('127.0.44.1');
    const { access_token: token } = await tokensOf(office, owner);
    let refused: Awaited<ReturnType<typeof office.request>> | null = null;
    let sent = 0;
    while (!refused && sent < 250) {
      const answer = await office.request('GET', '/items/sales?limit=200&fields=*.*.*', { token });
      sent++;
      if (answer.status === 429) refused = answer;
      else expect(answer.status).toBe(200);
    }
    expect(refused, `no refusal after ${String(sent)} heavy reads`).not.toBeNull();
    expect(codeOf(refused?.body)).toBe('RATE_LIMITED');
    expect(JSON.stringify(refused?.body)).toMatch(/heavy reads/i);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    // The same account's plain reads, lookups and checkouts are not heavy reads.
    expect((await office.request('GET', '/items/products?limit=5&fields=id,name', { token })).status).toBe(
      200,
    );
    expect((await office.request('GET', '/api/products/lookup?q=ca', { token })).status).toBe(200);
  });
});

describe.runIf(process.env['REDIS_URL'])('rate limits in Redis', () => {
  it('shares the counters of two replicas', async () => {
    const url = process.env['REDIS_URL'] ?? '';
    const [first, second] = [new Redis(url), new Redis(url)];
    try {
      const budgets = { ...DEFAULT_BUDGETS, user: { points: 10, seconds: 60 } };
      const [a, b] = [createLimiters(budgets, first), createLimiters(budgets, second)];
      const key = `test-${randomUUID()}`;
      for (let i = 0; i < 5; i++) {
        expect((await a.user.take(key)).allowed).toBe(true);
        expect((await b.user.take(key)).allowed).toBe(true);
      }
      expect((await a.user.take(key)).allowed).toBe(false);
      expect((await b.user.take(key)).allowed).toBe(false);
    } finally {
      first.disconnect();
      second.disconnect();
    }
  });
});
