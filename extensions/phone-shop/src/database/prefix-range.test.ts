import { describe, expect, it } from 'vitest';
import { prefixEnd } from './prefix-range.ts';

const inRange = (value: string, prefix: string): boolean => value >= prefix && value < prefixEnd(prefix);

describe('prefixEnd', () => {
  it('raises the last character', () => {
    expect(prefixEnd('tecno')).toBe('tecnp');
    expect(prefixEnd('a')).toBe('b');
    expect(prefixEnd('item 0')).toBe('item 1');
  });

  it('bounds exactly the strings that start with the prefix', () => {
    const names = ['tecn', 'tecno', 'tecno spark', 'tecnoz', 'tecnp', 'tecnp 1', 'tecm', 'samsung'];
    expect(names.filter((n) => inRange(n, 'tecno'))).toEqual(['tecno', 'tecno spark', 'tecnoz']);
  });

  it('keeps wildcard characters literal', () => {
    expect(['50% off', '50%', '50 off', '50x'].filter((n) => inRange(n, '50%'))).toEqual(['50% off', '50%']);
  });

  it('handles characters outside the basic plane and at the top of the range', () => {
    expect(prefixEnd('a😀')).toBe(`a${String.fromCodePoint(0x1f601)}`);
    expect(prefixEnd(`a${String.fromCodePoint(0x10ffff)}`)).toBe('b');
  });
});
