// Sales made without a connection, kept on the phone until the server has them. Each keeps the
// Idempotency-Key its cart had, so however often it is sent (a lost answer, two tabs, a retry after
// a reload) the server records it once: a replay answers the original sale. A sale the server
// refuses (not enough stock, a device sold meanwhile...) stays here, marked, until the cashier
// retries it, takes it back into the till or discards it: it is never dropped silently.
// Pure logic over a storage (localStorage in the app, memory in saleQueue.test.ts).
import { ApiError } from '../../api/client.ts';
import type { Cart, CheckoutBody } from '../cart.ts';
import type { RecordedSale } from '../types.ts';

export interface Owner {
  userId: string;
  shopId: number;
}

export interface QueuedSale extends Owner {
  /** The Idempotency-Key sent with every attempt. */
  key: string;
  body: CheckoutBody;
  /** The cart as it was, to take the sale back into the till. */
  cart: Cart;
  total: number;
  change: number;
  currency: string;
  queuedAt: string;
  status: 'pending' | 'sending' | 'refused';
  attempts: number;
  lastTriedAt: string | null;
  error: {
    code: string;
    message: string;
    status: number;
    context?: Record<string, unknown> | undefined;
  } | null;
}

export interface SentSale extends Owner {
  key: string;
  queuedAt: string;
  sentAt: string;
  sale: RecordedSale;
}

export interface QueueState {
  sales: QueuedSale[];
  /** The last sales the queue delivered (newest first), to show their numbers and receipts. */
  sent: SentSale[];
  /** The server asked to slow down (429 with Retry-After): nothing is sent before this instant. */
  waitUntil?: string | null;
}

export interface QueueStorage {
  load(): QueueState;
  save(state: QueueState): void;
}

/** Sends one checkout with its key: POST /api/sales in the app. */
export type SendSale = (body: CheckoutBody, key: string) => Promise<RecordedSale>;

export interface FlushResult {
  sent: SentSale[];
  refused: QueuedSale[];
  /** The connection (or the session) failed: what is left waits for the next attempt. */
  stopped: boolean;
}

const SENT_KEPT = 10;

/**
 * Whether a failure says nothing about the sale itself: no connection, a server error, an expired
 * session, too many requests (429: refused before the sale was read), an account that must first
 * turn on two-factor or is on another network. The sale is sent again later with the same key;
 * anything else is the server's refusal.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  return (
    error.code === 'NETWORK' ||
    // Refusals of the account, not of the sale: two-factor to turn on first, another network.
    error.code === 'TWO_FACTOR_REQUIRED' ||
    error.code === 'ADDRESS_NOT_ALLOWED' ||
    error.status === 0 ||
    error.status === 401 ||
    error.status === 408 ||
    error.status === 429 ||
    error.status >= 500
  );
}

const empty = (): QueueState => ({ sales: [], sent: [] });

export function memoryStorage(initial: QueueState = empty()): QueueStorage & { state: QueueState } {
  const box = { state: structuredClone(initial) };
  return {
    get state() {
      return box.state;
    },
    load: () => structuredClone(box.state),
    save: (state) => {
      box.state = structuredClone(state);
    },
  };
}

export function localStorageStorage(key = 'phone-shop.sale-queue'): QueueStorage {
  return {
    load() {
      try {
        const raw = localStorage.getItem(key);
        const state = raw ? (JSON.parse(raw) as Partial<QueueState>) : {};
        return { sales: state.sales ?? [], sent: state.sent ?? [], waitUntil: state.waitUntil ?? null };
      } catch {
        return empty();
      }
    },
    save(state) {
      // A full storage must not lose a sale: the write throws and the cashier is told.
      localStorage.setItem(key, JSON.stringify(state));
    },
  };
}

export class SaleQueue {
  private readonly listeners = new Set<() => void>();
  private flushing: Promise<FlushResult> | null = null;
  private snapshot: QueueState;
  private readonly storage: QueueStorage;
  private readonly now: () => Date;

  constructor(storage: QueueStorage, now: () => Date = () => new Date()) {
    this.storage = storage;
    this.now = now;
    this.snapshot = this.read();
  }

  /** The state as stored; a sale left "sending" by a closed tab is pending again. */
  private read(): QueueState {
    const state = this.storage.load();
    return {
      sales: state.sales.map((s) => (s.status === 'sending' ? { ...s, status: 'pending' as const } : s)),
      sent: state.sent,
      waitUntil: state.waitUntil ?? null,
    };
  }

  private write(state: QueueState): void {
    this.storage.save(state);
    this.snapshot = state;
    for (const listener of this.listeners) listener();
  }

  private update(change: (state: QueueState) => QueueState): void {
    this.write(change(this.storage.load()));
  }

  /** The current state (the same object until something changes: React's useSyncExternalStore). */
  state(): QueueState {
    return this.snapshot;
  }

  /** Another tab changed the stored queue. */
  reload(): void {
    this.snapshot = this.read();
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps a sale to send later, under its cart's key (once: the same key twice is one sale). */
  enqueue(
    entry: Pick<QueuedSale, 'key' | 'body' | 'cart' | 'total' | 'change' | 'currency'> & Owner,
  ): QueuedSale {
    const queued: QueuedSale = {
      ...entry,
      queuedAt: this.now().toISOString(),
      status: 'pending',
      attempts: 0,
      lastTriedAt: null,
      error: null,
    };
    this.update((state) =>
      state.sales.some((s) => s.key === entry.key) ? state : { ...state, sales: [...state.sales, queued] },
    );
    return queued;
  }

  /** The cashier gives up on a refused sale (after taking it back into the till, or not). */
  discard(key: string): void {
    this.update((state) => ({ ...state, sales: state.sales.filter((s) => s.key !== key) }));
  }

  /** A refused sale to try again as it is (stock was added meanwhile, say). */
  retry(key: string): void {
    this.update((state) => ({
      ...state,
      sales: state.sales.map((s) => (s.key === key ? { ...s, status: 'pending' as const, error: null } : s)),
    }));
  }

  pendingCount(owner?: Owner): number {
    return this.snapshot.sales.filter((s) => s.status !== 'refused' && (!owner || owns(owner, s))).length;
  }

  /**
   * Sends the owner's pending sales, oldest first, each with its key. A transient failure stops the
   * round (the rest waits); a refusal marks that sale and the round goes on. One round at a time.
   */
  flush(send: SendSale, owner: Owner): Promise<FlushResult> {
    this.flushing ??= this.round(send, owner).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private mark(key: string, change: Partial<QueuedSale>): void {
    this.update((state) => ({
      ...state,
      sales: state.sales.map((s) => (s.key === key ? { ...s, ...change } : s)),
    }));
  }

  private async round(send: SendSale, owner: Owner): Promise<FlushResult> {
    const result: FlushResult = { sent: [], refused: [], stopped: false };
    // The server said when to come back (Retry-After): until then, nothing goes out.
    const waitUntil = this.storage.load().waitUntil;
    if (waitUntil && Date.parse(waitUntil) > this.now().getTime()) return { ...result, stopped: true };
    const waiting = this.read().sales.filter((s) => s.status === 'pending' && owns(owner, s));
    for (const sale of waiting) {
      // Discarded, sent or refused in another tab meanwhile. (One that another tab is sending is
      // sent here too: the key makes the second a replay.)
      const current = this.storage.load().sales.find((s) => s.key === sale.key);
      if (!current || current.status === 'refused') continue;
      const triedAt = this.now().toISOString();
      this.mark(sale.key, { status: 'sending', attempts: current.attempts + 1, lastTriedAt: triedAt });
      try {
        const recorded = await send(sale.body, sale.key);
        const delivered: SentSale = {
          key: sale.key,
          userId: sale.userId,
          shopId: sale.shopId,
          queuedAt: sale.queuedAt,
          sentAt: this.now().toISOString(),
          sale: recorded,
        };
        this.update((state) => ({
          ...state,
          sales: state.sales.filter((s) => s.key !== sale.key),
          sent: [delivered, ...state.sent.filter((s) => s.key !== sale.key)].slice(0, SENT_KEPT),
        }));
        result.sent.push(delivered);
      } catch (error) {
        if (isTransient(error)) {
          this.mark(sale.key, { status: 'pending' });
          const retryAfter = error instanceof ApiError && error.status === 429 ? error.retryAfter : undefined;
          if (retryAfter)
            this.update((state) => ({
              ...state,
              waitUntil: new Date(this.now().getTime() + retryAfter * 1000).toISOString(),
            }));
          result.stopped = true;
          break;
        }
        const refusal = error as ApiError;
        const refused: Partial<QueuedSale> = {
          status: 'refused',
          error: {
            code: refusal.code,
            message: refusal.message,
            status: refusal.status,
            context: refusal.context,
          },
        };
        this.mark(sale.key, refused);
        result.refused.push({ ...current, ...refused } as QueuedSale);
      }
    }
    return result;
  }
}

export function owns(owner: Owner, sale: Owner): boolean {
  return sale.userId === owner.userId && sale.shopId === owner.shopId;
}
