// When a failed delivery is tried again: exponential backoff with jitter (by default 1 min, 5 min,
// 30 min, 2 h, 8 h, then daily), for at least WEBHOOKS_GIVE_UP_AFTER (3 days) after its event; then
// the delivery is dead.
import type { DeliveryConfig } from './config.ts';

export type NextStep = { dead: true } | { dead: false; at: Date };

/**
 * After the `attempts`-th failed attempt of a delivery created at `createdAt`. The jitter (±20%)
 * keeps a receiver that comes back from being hit by every delivery it missed at the same instant.
 */
export function afterFailure(
  attempts: number,
  createdAt: Date,
  now: Date,
  config: Pick<DeliveryConfig, 'retryDelaysMs' | 'giveUpAfterMs'>,
  random: () => number = Math.random,
): NextStep {
  if (now.getTime() - createdAt.getTime() >= config.giveUpAfterMs) return { dead: true };
  const delays = config.retryDelaysMs;
  const base = delays[Math.min(Math.max(attempts, 1), delays.length) - 1] ?? 60_000;
  const jittered = base * (0.8 + 0.4 * random());
  return { dead: false, at: new Date(now.getTime() + Math.round(jittered)) };
}
