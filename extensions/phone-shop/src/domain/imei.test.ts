import { describe, expect, it } from 'vitest';
import { imeiFromBody, isValidImei, luhnCheckDigit, looksLikeImei } from './imei.ts';

describe('IMEI check digit', () => {
  it('accepts the 3GPP example IMEI and refuses it with a wrong last digit', () => {
    expect(isValidImei('490154203237518')).toBe(true);
    expect(isValidImei('490154203237517')).toBe(false);
  });

  it('computes the Luhn digit of a body', () => {
    expect(luhnCheckDigit('49015420323751')).toBe(8);
    expect(imeiFromBody('35693803564380')).toMatch(/^35693803564380\d$/);
    expect(isValidImei(imeiFromBody('35693803564380'))).toBe(true);
  });

  it('refuses anything that is not 15 digits', () => {
    expect(isValidImei('49015420323751')).toBe(false);
    expect(isValidImei('4901542032375180')).toBe(false);
    expect(isValidImei('49015420323751a')).toBe(false);
    expect(looksLikeImei('SN-ABC12345')).toBe(false);
  });
});
