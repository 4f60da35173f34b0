import { describe, expect, it } from 'vitest';
import { checkPayloadTypes } from './payload-types.ts';

const fields = {
  selling_price: { type: 'bigInteger' },
  quantity: { type: 'integer' },
  name: { type: 'string' },
  is_active: { type: 'boolean' },
  expense_date: { type: 'date' },
  customer_id: { type: 'integer' },
};
const relations = new Set(['customer_id']);

describe('payload types', () => {
  it('accepts values of the right type, numeric strings and nested relational objects', () => {
    expect(() =>
      checkPayloadTypes(
        'products',
        {
          selling_price: '1500',
          quantity: 3,
          name: 'Cable',
          is_active: true,
          expense_date: '2026-11-23',
          customer_id: { name: 'x' },
        },
        fields,
        relations,
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

  it('checks each integer column against its range', () => {
    expect(() => checkPayloadTypes('products', { quantity: 2_147_483_647 }, fields)).not.toThrow();
    expect(() => checkPayloadTypes('products', { quantity: 2_147_483_648 }, fields)).toThrow(
      /"quantity".*from -2147483648 to 2147483647/,
    );
    expect(() =>
      checkPayloadTypes('products', { selling_price: 9_007_199_254_740_991 }, fields),
    ).not.toThrow();
    expect(() => checkPayloadTypes('products', { selling_price: '-9007199254740991' }, fields)).not.toThrow();
    expect(() => checkPayloadTypes('products', { selling_price: 9_007_199_254_740_992 }, fields)).toThrow(
      /"selling_price".*to 9007199254740991/,
    );
    expect(() => checkPayloadTypes('products', { selling_price: '99999999999999999' }, fields)).toThrow(
      /selling_price/,
    );
  });

  it('refuses a boolean, an array or a plain object where an integer is expected', () => {
    expect(() => checkPayloadTypes('devices', { customer_id: true }, fields, relations)).toThrow(
      /"customer_id"/,
    );
    expect(() => checkPayloadTypes('devices', { customer_id: [1] }, fields, relations)).toThrow(
      /"customer_id"/,
    );
    expect(() => checkPayloadTypes('products', { quantity: { n: 1 } }, fields, relations)).toThrow(
      /"quantity"/,
    );
    expect(() => checkPayloadTypes('products', { quantity: [1] }, fields, relations)).toThrow(/"quantity"/);
  });

  it('ignores unknown fields and nulls (the database and permissions judge those)', () => {
    expect(() => checkPayloadTypes('products', { unknown: 'x', name: null }, fields)).not.toThrow();
  });
});
