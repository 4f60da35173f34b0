import { describe, expect, it } from 'vitest';
import { INT32_MAX, INT32_MIN, isInt32, isMoney, isStoredId, MAX_MONEY } from './ranges.ts';

describe('ranges', () => {
  it('knows the 32-bit integer range', () => {
    expect(isInt32(INT32_MAX)).toBe(true);
    expect(isInt32(INT32_MIN)).toBe(true);
    expect(isInt32(INT32_MAX + 1)).toBe(false);
    expect(isInt32(INT32_MIN - 1)).toBe(false);
    expect(isInt32(1.5)).toBe(false);
  });

  it('takes amounts up to Number.MAX_SAFE_INTEGER, either sign', () => {
    expect(MAX_MONEY).toBe(9_007_199_254_740_991);
    expect(isMoney(MAX_MONEY)).toBe(true);
    expect(isMoney(-MAX_MONEY)).toBe(true);
    expect(isMoney(MAX_MONEY + 1)).toBe(false);
    expect(isMoney(10.5)).toBe(false);
  });

  it('says which ids can name a stored row', () => {
    expect(isStoredId(1)).toBe(true);
    expect(isStoredId(INT32_MAX)).toBe(true);
    expect(isStoredId(INT32_MAX + 1)).toBe(false);
    expect(isStoredId(99_999_999_999)).toBe(false);
    expect(isStoredId(0)).toBe(false);
    expect(isStoredId(-1)).toBe(false);
  });
});
