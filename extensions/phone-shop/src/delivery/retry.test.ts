import { describe, expect, it } from 'vitest';
import { deliveryConfig } from './config.ts';
import { afterFailure } from './retry.ts';

const config = deliveryConfig({});
const minute = 60_000;
const start = new Date('2026-01-01T00:00:00Z');

describe('retries after a failed attempt', () => {
  it('back off 1 min, 5 min, 30 min, 2 h, 8 h, then daily, within 20% jitter', () => {
    const expected = [1, 5, 30, 120, 480, 1440, 1440, 1440].map((m) => m * minute);
    expected.forEach((base, i) => {
      const low = afterFailure(i + 1, start, start, config, () => 0);
      const high = afterFailure(i + 1, start, start, config, () => 1);
      expect(low).toEqual({ dead: false, at: new Date(start.getTime() + base * 0.8) });
      expect(high).toEqual({ dead: false, at: new Date(start.getTime() + base * 1.2) });
    });
  });

  it('go on for three days after the event, then the delivery is dead', () => {
    // The schedule itself: every wait at its longest still tries again before three days are over.
    let now = start;
    let attempts = 0;
    for (;;) {
      attempts += 1;
      const next = afterFailure(attempts, start, now, config, () => 1);
      if (next.dead) break;
      now = next.at;
    }
    expect(now.getTime() - start.getTime()).toBeGreaterThanOrEqual(3 * 1440 * minute);
    expect(attempts).toBeGreaterThanOrEqual(8);
    expect(afterFailure(1, start, new Date(start.getTime() + 3 * 1440 * minute), config)).toEqual({
      dead: true,
    });
  });

  it('read their schedule from the environment', () => {
    const fast = deliveryConfig({ WEBHOOKS_RETRY_DELAYS: '100ms, 2s', WEBHOOKS_GIVE_UP_AFTER: '10s' });
    expect(fast.retryDelaysMs).toEqual([100, 2000]);
    expect(fast.giveUpAfterMs).toBe(10_000);
    expect(afterFailure(5, start, start, fast, () => 0.5)).toEqual({
      dead: false,
      at: new Date(start.getTime() + 2000),
    });
  });
});
