import { describe, expect, it } from 'vitest';
import { checkPayloadTypes } from './payload-types.ts';

const fields = {
  selling_price: { type: 'integer' },
  name: { type: 'string' },
  is_active: { type: 'boolean' },
  expense_date: { type: 'date' },
  customer_id: { type: 'integer' },
};

describe('payload types', () => {
  it('accepts values of the right type, numeric strings and nested relational objects', () => {
    expect(() =>
      checkPayloadTypes(
        'products',
        {
          selling_price: '1500',
          name: 'Cable',
          is_active: true,
          expense_date: '2026-11-23',
          customer_id: { name: 'x' },
        },
        fields,
      ),
    ).not.toThrow();
  });

  it('names the field whose value has the wrong type', () => {
    expect(() => checkPayloadTypes('products', { selling_price: 'cheap' }, fields)).toThrow(
      /"selling_price".*whole number/,
    );
    expect(() => checkPayloadTypes('products', { selling_price: 12.5 }, fields)).toThrow(/selling_price/);
    expect(() => checkPayloadTypes('products', { is_active: 'yes' }, fields)).toThrow(/is_active/);
    expect(() => checkPayloadTypes('expenses', { expense_date: 'last tuesday' }, fields)).toThrow(
      /expense_date/,
    );
  });

  it('ignores unknown fields and nulls (the database and permissions judge those)', () => {
    expect(() => checkPayloadTypes('products', { unknown: 'x', name: null }, fields)).not.toThrow();
  });
});
