// Request budgets (docs/security.md, "Rate limits"), counted with rate-limiter-flexible: in Redis when
// REDIS is set, so that every replica shares them (with a per-replica memory limiter as insurance
// while Redis is unreachable), and in memory otherwise.
//
// - Signed-in users: the spec's 100 requests per minute, plus a burst of 200 that refills every
//   5 minutes. The till's busiest minute (a 30-line sale with a search per keystroke, about 250
//   requests) stays inside 300, and a flood above it is held to about 140 a minute.
// - Anonymous calls (sign-in, refresh, password reset, anything without a token) per address: 60 a
//   minute plus a burst of 60 every 5 minutes. The shop's tills share one public address, but they
//   are signed in and counted per user; static files (the app, Studio) are not counted.
// - Expensive calls (exports, reports over more than 3 months) per user: 20 every 10 minutes.
// - Password reset requests: 5 per address and 3 per e-mail an hour, whether or not the e-mail has
//   an account.
// - Heavy reads (related fields, GraphQL, exports): 5 s of the server's time a minute per user, 15 s
//   per shop (server-time.ts).
import {
  BurstyRateLimiter,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { IRateLimiterOptions, RateLimiterAbstract } from 'rate-limiter-flexible';

export interface Budget {
  /** Requests per window. */
  points: number;
  /** Window, in seconds. */
  seconds: number;
  /** Extra requests allowed once the window's are spent, refilled every `burstSeconds`. */
  burst?: number;
  burstSeconds?: number;
}

export type LimitName =
  'user' | 'anonymous' | 'expensive' | 'resetAddress' | 'resetEmail' | 'serverTime' | 'shopServerTime';

export const DEFAULT_BUDGETS: Record<LimitName, Budget> = {
  user: { points: 100, seconds: 60, burst: 200, burstSeconds: 300 },
  anonymous: { points: 60, seconds: 60, burst: 60, burstSeconds: 300 },
  expensive: { points: 20, seconds: 600 },
  resetAddress: { points: 5, seconds: 3600 },
  resetEmail: { points: 3, seconds: 3600 },
  // Milliseconds of heavy reads a user, and all the users of a shop, may have a minute (server-time.ts).
  serverTime: { points: 5_000, seconds: 60 },
  shopServerTime: { points: 15_000, seconds: 60 },
};

/** Environment overrides, e.g. RATE_LIMIT_USER_POINTS=1000 for a load test. */
export function budgetsFromEnv(env: Record<string, unknown>): Record<LimitName, Budget> {
  const read = (name: string): number | undefined => {
    const value = env[name];
    const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
    return Number.isInteger(number) && number > 0 ? number : undefined;
  };
  const budgets = { ...DEFAULT_BUDGETS };
  for (const name of Object.keys(budgets) as LimitName[]) {
    const key = name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();
    const base = budgets[name];
    const points = read(`RATE_LIMIT_${key}_POINTS`);
    const burst = read(`RATE_LIMIT_${key}_BURST`);
    budgets[name] = { ...base, ...(points ? { points } : {}), ...(burst && base.burst ? { burst } : {}) };
  }
  return budgets;
}

export type Verdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** The first refusal among some verdicts, or null when every one allows. */
export function firstRefusal(verdicts: readonly Verdict[]): { retryAfterSeconds: number } | null {
  for (const verdict of verdicts) if (!verdict.allowed) return verdict;
  return null;
}

export interface Limiter {
  take(key: string, points?: number): Promise<Verdict>;
  /** Gives the key its whole budget back (a successful sign-in, an Owner's unlock). */
  reset(key: string): Promise<void>;
}

/** The Redis client the limiters share: ioredis's, without an offline queue (a call fails fast). */
export interface RedisLike {
  status?: string;
}

function limiterOf(
  prefix: string,
  points: number,
  seconds: number,
  redis: RedisLike | null,
): RateLimiterAbstract {
  const options: IRateLimiterOptions = { keyPrefix: `phone-shop:${prefix}`, points, duration: seconds };
  if (!redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: redis,
    // Redis down: each replica counts on its own until it is back, rather than letting all through.
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

export function createLimiter(name: string, budget: Budget, redis: RedisLike | null): Limiter {
  const main = limiterOf(name, budget.points, budget.seconds, redis);
  const limiter =
    budget.burst && budget.burstSeconds
      ? new BurstyRateLimiter(main, limiterOf(`${name}:burst`, budget.burst, budget.burstSeconds, redis))
      : main;
  return {
    take: async (key, points = 1) => {
      try {
        await limiter.consume(key, points);
        return { allowed: true };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes)
          return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        throw rejection;
      }
    },
    reset: async (key) => {
      await main.delete(key);
    },
  };
}

export type Limiters = Record<LimitName, Limiter>;

export function createLimiters(budgets: Record<LimitName, Budget>, redis: RedisLike | null): Limiters {
  return Object.fromEntries(
    (Object.keys(budgets) as LimitName[]).map((name) => [name, createLimiter(name, budgets[name], redis)]),
  ) as Limiters;
}

/** Days a report's range covers above which it counts as an expensive call. */
export const EXPENSIVE_REPORT_DAYS = 92;

/** Whether a request is an expensive call: an export, or a report over a long range. */
export function isExpensive(method: string, path: string, query: Record<string, unknown>): boolean {
  if (method !== 'GET' && method !== 'POST') return false;
  if (path.startsWith('/api/exports') || path.startsWith('/utils/export')) return true;
  if ('export' in query && path.startsWith('/items/')) return true;
  if (!path.startsWith('/api/reports')) return false;
  if (typeof query['format'] === 'string' && query['format'] !== 'json') return true;
  const from = typeof query['from'] === 'string' ? Date.parse(query['from']) : NaN;
  const to = typeof query['to'] === 'string' ? Date.parse(query['to']) : Date.now();
  if (Number.isNaN(from)) return false;
  return (to - from) / 86_400_000 > EXPENSIVE_REPORT_DAYS;
}
