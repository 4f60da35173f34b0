import { describe, expect, it } from 'vitest';
import { InvalidSaleError } from '../errors.ts';
import { causeOf, saleNumber } from './numbering.ts';

describe('numbering', () => {
  it('prints a sale number with at least six digits', () => {
    expect(saleNumber('KPH', 2026, 123)).toBe('KPH-2026-000123');
    expect(saleNumber('KPH', 2026, 1_234_567)).toBe('KPH-2026-1234567');
  });

  it('records a gap with the clearest code and message of its cause', () => {
    expect(causeOf(Object.assign(new Error('refused by a trigger'), { code: 'P0001' }))).toEqual({
      code: 'P0001',
      cause: 'refused by a trigger',
    });
    expect(causeOf(new InvalidSaleError({ field: 'items', reason: 'is wrong' }))).toEqual({
      code: 'VALIDATION_ERROR',
      cause: 'Invalid "items": is wrong.',
    });
    // A CHECK violation reads as the platform's own error, naming the field.
    const check = Object.assign(new Error('new row violates check constraint'), {
      code: '23514',
      constraint: 'sale_payments_amount_check',
      table: 'sale_payments',
    });
    expect(causeOf(check).code).toBe('CONSTRAINT_VIOLATION');
    expect(causeOf(new Error('Connection terminated unexpectedly'))).toEqual({
      code: 'INTERNAL_ERROR',
      cause: 'Connection terminated unexpectedly',
    });
  });
});
