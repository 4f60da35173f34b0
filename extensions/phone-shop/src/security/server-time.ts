// A user's share of the server for heavy reads. Directus answers every shop from one event loop: a
// read of many rows with their related rows holds it for seconds, and every other shop's till waits
// behind it (bench/RESULTS.md, "Security edge"). Requests are counted by the rate limits; heavy reads
// are also charged by the time they took, against a budget per user and one per shop
// (RATE_LIMIT_SERVER_TIME_POINTS and RATE_LIMIT_SHOP_SERVER_TIME_POINTS, milliseconds a minute: 5 s
// and 15 s). Once one is spent, the heavy reads it covers are refused until it refills; everything
// else (the till's lookups and checkouts, the app's pages) goes on. Each replica remembers the
// refusal it learnt; the counts themselves are shared in Redis.
import type { Limiter } from './rate-limits.ts';
import { isExpensive } from './rate-limits.ts';

/** Whether a request is a heavy read: a generic read with related fields, GraphQL, an export or a long report. */
export function isHeavyRead(method: string, path: string, query: Record<string, unknown>): boolean {
  if (path === '/graphql' || path.startsWith('/graphql/')) return true;
  if (isExpensive(method, path, query)) return true;
  if ((method !== 'GET' && method !== 'SEARCH') || !path.startsWith('/items/')) return false;
  const fields = query['fields'];
  const list = Array.isArray(fields) ? fields : typeof fields === 'string' ? fields.split(',') : [];
  return list.some((field) => typeof field === 'string' && field.includes('.'));
}

/** The users or shops (by key) whose heavy reads are refused, until when (ms), on this replica. */
export class ServerTimeBudget {
  private readonly blocked = new Map<string, number>();
  private readonly limiter: Limiter;

  constructor(limiter: Limiter) {
    this.limiter = limiter;
  }

  /** Seconds the key must wait before a heavy read, or 0 when it may run. */
  waitSeconds(key: string, now: number = Date.now()): number {
    const until = this.blocked.get(key);
    if (until === undefined) return 0;
    if (until <= now) {
      this.blocked.delete(key);
      return 0;
    }
    return Math.ceil((until - now) / 1000);
  }

  /** Charges a finished heavy read's milliseconds; past the budget, the key's heavy reads wait. */
  async charge(key: string, ms: number, now: number = Date.now()): Promise<void> {
    const verdict = await this.limiter.take(key, Math.max(1, Math.round(ms)));
    if (!verdict.allowed) this.blocked.set(key, now + verdict.retryAfterSeconds * 1000);
  }
}
