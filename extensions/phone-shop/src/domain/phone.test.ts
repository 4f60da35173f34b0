import { describe, expect, it } from 'vitest';
import { toE164 } from './phone.ts';

describe('phone numbers', () => {
  it('reads local Ugandan numbers with the shop country as default', () => {
    expect(toE164('0772 123 456', 'UG')).toBe('+256772123456');
    expect(toE164('+256 701 234567', 'UG')).toBe('+256701234567');
    expect(toE164('0414123456', 'UG')).toBe('+256414123456');
  });

  it('refuses what is not a phone number', () => {
    expect(toE164('12', 'UG')).toBeNull();
    expect(toE164('call me', 'UG')).toBeNull();
  });
});
