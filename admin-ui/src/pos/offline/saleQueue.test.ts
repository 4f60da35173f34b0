// The offline queue: sales kept with their keys, sent once each, refusals kept for the cashier.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { checkoutBody, emptyCart, cartReducer, type Cart } from '../cart.ts';
import type { RecordedSale } from '../types.ts';
import { isTransient, memoryStorage, SaleQueue, type SendSale } from './saleQueue.ts';

const owner = { userId: 'u-staff', shopId: 1 };
const other = { userId: 'u-other', shopId: 1 };

function cartOf(key: string, price = 75_000): Cart {
  const cart = cartReducer(emptyCart(key), {
    type: 'addProduct',
    product: { id: 16, name: 'Bluetooth earbuds', selling_price: price, stock_quantity: 3 },
  });
  return cartReducer(cart, { type: 'setPayment', index: 0, payment: { amount: price } });
}

function entry(key: string, who = owner) {
  const cart = cartOf(key);
  return { ...who, key, cart, body: checkoutBody(cart), total: 75_000, change: 0, currency: 'UGX' };
}

/** A fake server: records each key once, replays it after, refuses what `refuse` says. */
function server(refuse: (key: string) => ApiError | null = () => null) {
  const recorded = new Map<string, RecordedSale>();
  const calls: string[] = [];
  let offline = false;
  const send: SendSale = (body, key) => {
    calls.push(key);
    if (offline) return Promise.reject(new ApiError('NETWORK', 'The server cannot be reached', 0));
    const refusal = refuse(key);
    if (refusal) return Promise.reject(refusal);
    const existing = recorded.get(key);
    if (existing) return Promise.resolve(existing);
    const sale = {
      id: recorded.size + 1,
      sale_number: `KPH-2026-${String(recorded.size + 1).padStart(6, '0')}`,
      final_amount: body.payments.reduce((sum, p) => sum + p.amount, 0),
    } as RecordedSale;
    recorded.set(key, sale);
    return Promise.resolve(sale);
  };
  return {
    send,
    recorded,
    calls,
    setOffline(value: boolean) {
      offline = value;
    },
  };
}

describe('the offline sale queue', () => {
  it('keeps a sale with its key and sends it once the connection is back', async () => {
    const queue = new SaleQueue(memoryStorage());
    const api = server();
    queue.enqueue(entry('key-a'));
    expect(queue.pendingCount(owner)).toBe(1);

    api.setOffline(true);
    const first = await queue.flush(api.send, owner);
    expect(first).toMatchObject({ sent: [], refused: [], stopped: true });
    expect(queue.state().sales).toMatchObject([{ key: 'key-a', status: 'pending', attempts: 1 }]);

    api.setOffline(false);
    const second = await queue.flush(api.send, owner);
    expect(second.sent.map((s) => s.sale.sale_number)).toEqual(['KPH-2026-000001']);
    expect(queue.state().sales).toEqual([]);
    expect(queue.state().sent[0]).toMatchObject({ key: 'key-a', sale: { sale_number: 'KPH-2026-000001' } });
    expect(api.calls).toEqual(['key-a', 'key-a']);
    expect(api.recorded.size).toBe(1);
  });

  it('sends every attempt of a sale with the same key, so a lost answer never records it twice', async () => {
    const storage = memoryStorage();
    const api = server();
    new SaleQueue(storage).enqueue(entry('key-b'));
    // The first tab sent it, the server recorded it, the answer was lost with the tab.
    const first = storage.state.sales[0];
    if (!first) throw new Error('not queued');
    await api.send(first.body, 'key-b');
    storage.save({ ...storage.state, sales: storage.state.sales.map((s) => ({ ...s, status: 'sending' })) });

    const reopened = new SaleQueue(storage);
    expect(reopened.state().sales[0]?.status).toBe('pending');
    const result = await reopened.flush(api.send, owner);
    expect(result.sent[0]?.sale.sale_number).toBe('KPH-2026-000001');
    expect(api.recorded.size).toBe(1);
  });

  it('queues a cart once however often it is queued', () => {
    const queue = new SaleQueue(memoryStorage());
    queue.enqueue(entry('key-c'));
    queue.enqueue(entry('key-c'));
    expect(queue.state().sales).toHaveLength(1);
  });

  it('keeps a refused sale with the reason for the cashier and sends the others', async () => {
    const queue = new SaleQueue(memoryStorage());
    const stock = new ApiError('INSUFFICIENT_STOCK', 'Not enough stock', 409, {
      context: { product: 'Bluetooth earbuds', available: 0, requested: 1 },
    });
    const api = server((key) => (key === 'key-d' ? stock : null));
    queue.enqueue(entry('key-d'));
    queue.enqueue(entry('key-e'));

    const result = await queue.flush(api.send, owner);
    expect(result.refused.map((s) => s.key)).toEqual(['key-d']);
    expect(result.sent.map((s) => s.key)).toEqual(['key-e']);
    expect(queue.state().sales).toMatchObject([
      {
        key: 'key-d',
        status: 'refused',
        error: { code: 'INSUFFICIENT_STOCK', status: 409, context: { available: 0 } },
      },
    ]);
    expect(queue.pendingCount(owner)).toBe(0);

    // Not sent again on its own: the cashier decides.
    await queue.flush(api.send, owner);
    expect(api.calls.filter((k) => k === 'key-d')).toHaveLength(1);
  });

  it('retries a refused sale when the cashier asks, and forgets it only when discarded', async () => {
    let refuse = true;
    const api = server(() => (refuse ? new ApiError('DEVICE_NOT_AVAILABLE', 'Sold', 409) : null));
    const queue = new SaleQueue(memoryStorage());
    queue.enqueue(entry('key-f'));
    queue.enqueue(entry('key-g'));
    await queue.flush(api.send, owner);
    expect(queue.state().sales.map((s) => s.status)).toEqual(['refused', 'refused']);

    refuse = false;
    queue.retry('key-f');
    const result = await queue.flush(api.send, owner);
    expect(result.sent.map((s) => s.key)).toEqual(['key-f']);

    queue.discard('key-g');
    expect(queue.state().sales).toEqual([]);
    expect(api.recorded.size).toBe(1);
  });

  it('stops at a lost connection and keeps the order of the rest', async () => {
    const api = server();
    const queue = new SaleQueue(memoryStorage());
    queue.enqueue(entry('key-1'));
    queue.enqueue(entry('key-2'));
    api.setOffline(true);
    await queue.flush(api.send, owner);
    expect(api.calls).toEqual(['key-1']);
    api.setOffline(false);
    const result = await queue.flush(api.send, owner);
    expect(result.sent.map((s) => s.key)).toEqual(['key-1', 'key-2']);
  });

  it("sends only the signed-in cashier's sales", async () => {
    const api = server();
    const queue = new SaleQueue(memoryStorage());
    queue.enqueue(entry('mine'));
    queue.enqueue(entry('theirs', other));
    const result = await queue.flush(api.send, owner);
    expect(result.sent.map((s) => s.key)).toEqual(['mine']);
    expect(queue.state().sales.map((s) => s.key)).toEqual(['theirs']);
    expect(queue.pendingCount(owner)).toBe(0);
    expect(queue.pendingCount(other)).toBe(1);
  });

  it('runs one round at a time', async () => {
    const api = server();
    const queue = new SaleQueue(memoryStorage());
    queue.enqueue(entry('key-h'));
    const [a, b] = await Promise.all([queue.flush(api.send, owner), queue.flush(api.send, owner)]);
    expect(a).toBe(b);
    expect(api.calls).toEqual(['key-h']);
  });

  it('keeps a sale the server was too busy for (429), waits as long as it asked, then sends it once', async () => {
    let clock = Date.parse('2026-12-04T09:00:00Z');
    const queue = new SaleQueue(memoryStorage(), () => new Date(clock));
    const api = server();
    let busy = true;
    const send: SendSale = (body, key) => {
      if (!busy) return api.send(body, key);
      api.calls.push(key);
      return Promise.reject(
        new ApiError('RATE_LIMITED', 'Too many requests from your account. Try again in 30 s.', 429, {
          retryAfter: 30,
        }),
      );
    };
    queue.enqueue(entry('key-busy'));
    const first = await queue.flush(send, owner);
    expect(first).toMatchObject({ sent: [], refused: [], stopped: true });
    expect(queue.state().sales).toMatchObject([{ key: 'key-busy', status: 'pending', error: null }]);
    expect(queue.state().waitUntil).toBe('2026-12-04T09:00:30.000Z');

    // Asked to wait 30 s: a round 10 s later sends nothing, even though the server is free again.
    busy = false;
    clock += 10_000;
    expect(await queue.flush(send, owner)).toMatchObject({ sent: [], stopped: true });
    expect(api.calls).toEqual(['key-busy']);

    clock += 21_000;
    const later = await queue.flush(send, owner);
    expect(later.sent.map((s) => s.key)).toEqual(['key-busy']);
    expect(queue.state().sales).toEqual([]);
    expect(api.calls).toEqual(['key-busy', 'key-busy']);
    expect(api.recorded.size).toBe(1);
    // Sent and answered: another round has nothing to send.
    await queue.flush(send, owner);
    expect(api.calls).toHaveLength(2);
  });

  it('tells a refusal from a failure that says nothing about the sale', () => {
    expect(isTransient(new ApiError('NETWORK', 'x', 0))).toBe(true);
    expect(isTransient(new ApiError('INTERNAL_ERROR', 'x', 500))).toBe(true);
    expect(isTransient(new ApiError('TOKEN_EXPIRED', 'x', 401))).toBe(true);
    expect(isTransient(new ApiError('RATE_LIMITED', 'x', 429))).toBe(true);
    expect(isTransient(new ApiError('TWO_FACTOR_REQUIRED', 'x', 403))).toBe(true);
    expect(isTransient(new ApiError('ADDRESS_NOT_ALLOWED', 'x', 403))).toBe(true);
    expect(isTransient(new ApiError('FORBIDDEN', 'x', 403))).toBe(false);
    expect(isTransient(new ApiError('INSUFFICIENT_STOCK', 'x', 409))).toBe(false);
    expect(isTransient(new ApiError('IDEMPOTENCY_KEY_REUSED', 'x', 409))).toBe(false);
    expect(isTransient(new ApiError('VALIDATION_ERROR', 'x', 400))).toBe(false);
  });
});
