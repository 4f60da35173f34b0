// The delivery engine's settings, from the environment (docs/operations.md, Webhooks).
import os from 'node:os';
import { durationMs } from '../security/duration.ts';

export interface DeliveryConfig {
  /** Lets webhooks use http:// and private, loopback and link-local addresses (development, tests). */
  allowPrivate: boolean;
  /** The waits after the 1st, 2nd, ... failed attempt; the last one repeats. */
  retryDelaysMs: readonly number[];
  /** A delivery still failing this long after its event is dead; a webhook failing this long is disabled. */
  giveUpAfterMs: number;
  /** A receiver has this long to answer 2xx. */
  timeoutMs: number;
  /** How long a claim lasts: longer than an attempt can take, so a live engine never loses one. */
  leaseMs: number;
  /** Attempts in flight in this process, in all, and to one endpoint. */
  concurrency: number;
  perEndpoint: number;
  /** The slow poll that backs LISTEN/NOTIFY up and picks retries when they fall due. */
  pollMs: number;
  /** Deliveries behind (due for over 10 s: a backlog) started per second, at most, per process. */
  backlogRate: number;
  /** Events fanned out, and deliveries claimed, per statement. */
  batch: number;
  /** Delivered events and attempt logs older than this are pruned. */
  retentionMs: number;
  /** Off: the server delivers nothing (another process does, or a test drives the engine). */
  enabled: boolean;
  /** Names this process in the attempt log. */
  instance: string;
}

const DEFAULT_RETRY_DELAYS = '1m,5m,30m,2h,8h,24h';

type Env = Record<string, unknown>;

const text = (env: Env, key: string, fallback: string): string => {
  const value = env[key];
  if (typeof value === 'string') return value === '' ? fallback : value;
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : fallback;
};

const flag = (env: Env, key: string, fallback: boolean): boolean => {
  const value = text(env, key, String(fallback)).toLowerCase();
  return value === 'true' || value === '1';
};

const positive = (env: Env, key: string, fallback: number): number => {
  const value = Number(text(env, key, String(fallback)));
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
};

export function deliveryConfig(env: Env): DeliveryConfig {
  const delays = text(env, 'WEBHOOKS_RETRY_DELAYS', DEFAULT_RETRY_DELAYS)
    .split(',')
    .map((d) => durationMs(d.trim(), -1))
    .filter((d) => d >= 0);
  const timeoutMs = durationMs(text(env, 'WEBHOOKS_TIMEOUT', '10s'), 10_000);
  return {
    allowPrivate: flag(env, 'WEBHOOKS_ALLOW_PRIVATE', false),
    retryDelaysMs: delays.length > 0 ? delays : [60_000],
    giveUpAfterMs: durationMs(text(env, 'WEBHOOKS_GIVE_UP_AFTER', '3d'), 3 * 86_400_000),
    timeoutMs,
    leaseMs: Math.max(durationMs(text(env, 'WEBHOOKS_LEASE', '60s'), 60_000), timeoutMs * 2),
    concurrency: positive(env, 'WEBHOOKS_CONCURRENCY', 64),
    perEndpoint: positive(env, 'WEBHOOKS_ENDPOINT_CONCURRENCY', 16),
    pollMs: durationMs(text(env, 'WEBHOOKS_POLL_INTERVAL', '5s'), 5000),
    backlogRate: positive(env, 'WEBHOOKS_BACKLOG_RATE', 250),
    batch: positive(env, 'WEBHOOKS_BATCH', 200),
    retentionMs: positive(env, 'OUTBOX_RETENTION_DAYS', 30) * 86_400_000,
    enabled: flag(env, 'WEBHOOKS_DELIVERY_ENABLED', true),
    instance: `${os.hostname()}:${String(process.pid)}`.slice(0, 100),
  };
}
