import { describe, expect, it } from 'vitest';
import { budgetsFromEnv, createLimiter, DEFAULT_BUDGETS, firstRefusal, isExpensive } from './rate-limits.ts';

describe('rate limit budgets', () => {
  it('are the spec’s 100 a minute per user with a burst, and can be raised from the environment', () => {
    expect(DEFAULT_BUDGETS.user).toMatchObject({ points: 100, seconds: 60, burst: 200 });
    const budgets = budgetsFromEnv({
      RATE_LIMIT_USER_POINTS: '1000',
      RATE_LIMIT_RESET_EMAIL_POINTS: '7',
      RATE_LIMIT_ANONYMOUS_BURST: 'x',
    });
    expect(budgets.user.points).toBe(1000);
    expect(budgets.resetEmail.points).toBe(7);
    expect(budgets.anonymous.burst).toBe(DEFAULT_BUDGETS.anonymous.burst);
  });

  it('let a key spend its window and its burst, then refuse it with the seconds to wait', async () => {
    const limiter = createLimiter(
      `unit-${String(Date.now())}`,
      { points: 3, seconds: 60, burst: 2, burstSeconds: 300 },
      null,
    );
    const verdicts = [];
    for (let i = 0; i < 6; i++) verdicts.push(await limiter.take('user-1'));
    expect(verdicts.slice(0, 5).every((v) => v.allowed)).toBe(true);
    const refused = firstRefusal(verdicts);
    expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
    expect((await limiter.take('user-2')).allowed).toBe(true);
  });

  it('count exports and reports over more than three months as expensive', () => {
    expect(isExpensive('GET', '/api/exports/sales', { format: 'csv' })).toBe(true);
    expect(isExpensive('GET', '/items/sales', { export: 'csv' })).toBe(true);
    expect(
      isExpensive('GET', '/api/reports/sales/daily-summary', { from: '2026-01-01', to: '2026-12-01' }),
    ).toBe(true);
    expect(
      isExpensive('GET', '/api/reports/sales/daily-summary', { from: '2026-11-01', to: '2026-11-30' }),
    ).toBe(false);
    expect(
      isExpensive('GET', '/api/reports/sales/daily-summary', {
        from: '2026-11-01',
        to: '2026-11-30',
        format: 'pdf',
      }),
    ).toBe(true);
    expect(isExpensive('POST', '/api/sales', {})).toBe(false);
  });
});
