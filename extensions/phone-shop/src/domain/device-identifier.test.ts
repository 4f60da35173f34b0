import { describe, expect, it } from 'vitest';
import { checkIdentifier, normaliseIdentifier } from './device-identifier.ts';

describe('device identifiers', () => {
  it('keeps a valid IMEI, without the spaces and dashes people type', () => {
    expect(checkIdentifier('49-015420-323751-8')).toBe('490154203237518');
    expect(normaliseIdentifier(' 490154203237518 ')).toBe('490154203237518');
  });

  it('refuses an IMEI with a wrong check digit, naming the field', () => {
    expect(() => checkIdentifier('490154203237517')).toThrow(/"imei_serial".*check digit/);
  });

  it('accepts serial numbers of devices without an IMEI', () => {
    expect(checkIdentifier('SN-C02XK1ABJG5H')).toBe('SN-C02XK1ABJG5H');
    expect(() => checkIdentifier('ab')).toThrow(/imei_serial/);
  });
});
