// The Redis client of the rate limits, when REDIS is set (as for Directus's own cache and bus): a
// connection string such as redis://127.0.0.1:6379. Without an offline queue, a call fails at once
// while Redis is down, and the limiters fall back to counting in memory (rate-limits.ts).
import { Redis } from 'ioredis';

interface Logger {
  warn: (msg: string) => void;
}

export function connectRedis(url: unknown, logger: Logger): Redis | null {
  if (typeof url !== 'string' || url.trim() === '') return null;
  const client = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  let warned = false;
  client.on('error', (error: Error) => {
    if (warned) return;
    warned = true;
    logger.warn(`rate limits: Redis unreachable (${error.message}); counting in memory meanwhile`);
  });
  client.on('ready', () => {
    warned = false;
  });
  return client;
}
