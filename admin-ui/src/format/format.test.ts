// Amounts formatted by hand read exactly as Intl's English currency format with the code would.
import { describe, expect, it } from 'vitest';
import { formatMoney, minorDigits } from './format.ts';

const intl = (amount: number, currency: string): string => {
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  return new Intl.NumberFormat('en', {
    style: 'currency',
    currency,
    currencyDisplay: 'code',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  })
    .format(amount / 10 ** (digits ?? 0))
    .replace(/\u00a0/g, ' ');
};

describe('formatMoney', () => {
  const currencies = ['UGX', 'KES', 'TZS', 'RWF', 'USD', 'EUR', 'GBP', 'JPY', 'BHD', 'XOF', 'NGN', 'ZAR'];
  const amounts = [
    0, 1, 9, 10, 99, 100, 999, 1000, 1250, 123_456, 1_250_000, 987_654_321, -1, -1250, -1_250_000,
  ];

  it.each(currencies)('writes %s as Intl does', (currency) => {
    expect(minorDigits(currency)).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits,
    );
    for (const amount of amounts)
      expect(formatMoney(amount, currency), String(amount)).toBe(intl(amount, currency));
  });

  it('writes the shop currency with no decimals for UGX', () => {
    expect(formatMoney(1_250_000, 'UGX')).toBe('UGX 1,250,000');
    expect(formatMoney(1250, 'USD')).toBe('USD 12.50');
    expect(formatMoney(null)).toBe('—');
  });
});
