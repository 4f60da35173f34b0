import { describe, expect, it } from 'vitest';
import { createLimiter } from './rate-limits.ts';
import { isHeavyRead, ServerTimeBudget } from './server-time.ts';

describe('the server-time budget of heavy reads', () => {
  it('knows a heavy read: related fields, GraphQL, exports; not the till’s lookups and checkouts', () => {
    expect(isHeavyRead('GET', '/items/sales', { fields: ['*', 'customer_id.name'] })).toBe(true);
    expect(isHeavyRead('GET', '/items/sales', { fields: '*.*.*' })).toBe(true);
    expect(isHeavyRead('POST', '/graphql', {})).toBe(true);
    expect(isHeavyRead('GET', '/api/exports/sales', { format: 'csv' })).toBe(true);
    expect(isHeavyRead('GET', '/items/products', { fields: ['id', 'name'], limit: '1000' })).toBe(false);
    expect(isHeavyRead('GET', '/api/products/lookup', { q: 'tec' })).toBe(false);
    expect(isHeavyRead('POST', '/api/sales', {})).toBe(false);
  });

  it('lets a user’s heavy reads wait once their milliseconds pass the budget, and only that user’s', async () => {
    const budget = new ServerTimeBudget(
      createLimiter(`unit-time-${String(Date.now())}`, { points: 1_000, seconds: 60 }, null),
    );
    const now = Date.now();
    await budget.charge('a', 600, now);
    expect(budget.waitSeconds('a', now)).toBe(0);
    await budget.charge('a', 600, now);
    const wait = budget.waitSeconds('a', now);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(budget.waitSeconds('b', now)).toBe(0);
    expect(budget.waitSeconds('a', now + 61_000)).toBe(0);
  });
});
