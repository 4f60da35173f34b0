import { describe, expect, it } from 'vitest';
import { applyRate, formatMoney, minorDigits, shareBp } from './money.ts';

describe('money', () => {
  it('knows that UGX has no minor unit and USD has two', () => {
    expect(minorDigits('UGX')).toBe(0);
    expect(minorDigits('USD')).toBe(2);
  });

  it('formats amounts in the shop currency', () => {
    expect(formatMoney(1_250_000, 'UGX')).toBe('UGX 1,250,000');
    expect(formatMoney(0, 'UGX')).toBe('UGX 0');
    expect(formatMoney(-15_000, 'UGX')).toBe('-UGX 15,000');
    expect(formatMoney(123_456, 'USD')).toBe('USD 1,234.56');
  });

  it('applies a rate in basis points with half-up rounding, integers only', () => {
    expect(applyRate(1_000, 1_800)).toBe(180);
    expect(applyRate(1_005, 50)).toBe(5); // 5.025 -> 5
    expect(applyRate(1_010, 50)).toBe(5); // 5.05 -> 5
    expect(applyRate(1_030, 50)).toBe(5); // 5.15 -> 5
    expect(applyRate(3, 5_000)).toBe(2); // 1.5 -> 2
    expect(applyRate(-3, 5_000)).toBe(-2);
  });

  it('applies a rate exactly to amounts whose product is beyond a safe integer', () => {
    expect(applyRate(9_007_199_254_740_991, 1_800)).toBe(1_621_295_865_853_378); // ...378.38
    expect(applyRate(9_007_199_254_740_991, 5_000)).toBe(4_503_599_627_370_496); // ...495.5 -> up
    expect(applyRate(-9_007_199_254_740_991, 5_000)).toBe(-4_503_599_627_370_496);
    expect(applyRate(9_007_199_254_740_991, 10_000)).toBe(9_007_199_254_740_991);
  });

  it('computes shares in basis points, rounding up', () => {
    expect(shareBp(100, 1_000)).toBe(1_000);
    expect(shareBp(1, 3)).toBe(3_334);
    expect(shareBp(0, 0)).toBe(0);
    expect(shareBp(900_719_925_474_099, 9_007_199_254_740_991)).toBe(1_000);
    expect(shareBp(900_719_925_474_100, 9_007_199_254_740_991)).toBe(1_001);
  });
});
