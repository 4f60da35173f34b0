import { describe, expect, it } from 'vitest';
import { boundFilter, keyOutOfRange, type SchemaLike } from './key-ranges.ts';

const schema: SchemaLike = {
  collections: {
    sales: {
      primary: 'id',
      fields: {
        id: { type: 'integer' },
        customer_id: { type: 'integer' },
        final_amount: { type: 'bigInteger' },
        notes: { type: 'text' },
      },
    },
    customers: { primary: 'id', fields: { id: { type: 'integer' }, name: { type: 'string' } } },
    audit_logs: { primary: 'id', fields: { id: { type: 'bigInteger' } } },
  },
  relations: [
    {
      collection: 'sales',
      field: 'customer_id',
      related_collection: 'customers',
      meta: { one_field: 'sales' },
    },
  ],
};
const NOTHING = { _null: true, _nnull: true };
const BIG = '99999999999';

describe('integers beyond their column in filters and keys', () => {
  it('leaves comparisons within the range as they are', () => {
    const filter = { id: { _eq: '5' }, customer_id: { _in: [1, 2] }, notes: { _contains: BIG } };
    expect(boundFilter(schema, 'sales', filter)).toEqual(filter);
  });

  it('makes _eq and _neq with a value beyond the range plain', () => {
    expect(boundFilter(schema, 'sales', { id: { _eq: BIG } })).toEqual({ id: NOTHING });
    expect(boundFilter(schema, 'sales', { id: { _neq: BIG } })).toEqual({ id: { _nnull: true } });
    expect(boundFilter(schema, 'sales', { final_amount: { _eq: BIG } })).toEqual({
      final_amount: { _eq: BIG },
    });
  });

  it('keeps the values in range of a list, and bounds beyond the range mean nothing or everything', () => {
    expect(boundFilter(schema, 'sales', { id: { _in: `1,${BIG}` } })).toEqual({ id: { _in: '1' } });
    expect(boundFilter(schema, 'sales', { id: { _in: [BIG] } })).toEqual({ id: NOTHING });
    expect(boundFilter(schema, 'sales', { id: { _nin: [BIG] } })).toEqual({ id: { _nnull: true } });
    expect(boundFilter(schema, 'sales', { id: { _gt: BIG } })).toEqual({ id: NOTHING });
    expect(boundFilter(schema, 'sales', { id: { _lte: BIG } })).toEqual({ id: { _nnull: true } });
    expect(boundFilter(schema, 'sales', { id: { _gte: `-${BIG}` } })).toEqual({ id: { _nnull: true } });
    expect(boundFilter(schema, 'sales', { id: { _between: [5, BIG] } })).toEqual({
      id: { _between: [5, '2147483647'] },
    });
    expect(boundFilter(schema, 'sales', { id: { _between: [BIG, BIG] } })).toEqual({ id: NOTHING });
  });

  it('follows _and, _or and relations', () => {
    expect(
      boundFilter(schema, 'sales', {
        _or: [{ customer_id: { id: { _eq: BIG } } }, { customer_id: { _eq: 3 } }],
      }),
    ).toEqual({ _or: [{ customer_id: { id: NOTHING } }, { customer_id: { _eq: 3 } }] });
    expect(boundFilter(schema, 'customers', { sales: { _some: { id: { _eq: BIG } } } })).toEqual({
      sales: { _some: { id: NOTHING } },
    });
  });

  it('refuses a value that is not a whole number, naming the field', () => {
    expect(() => boundFilter(schema, 'sales', { id: { _eq: '1.5' } })).toThrow(/"id" holds whole numbers/);
    expect(() => boundFilter(schema, 'sales', { final_amount: { _gt: 'abc' } })).toThrow(/final_amount/);
  });

  it('says which keys are beyond the primary key', () => {
    expect(keyOutOfRange(schema, 'sales', BIG)).toBe(true);
    expect(keyOutOfRange(schema, 'sales', 2_147_483_647)).toBe(false);
    expect(keyOutOfRange(schema, 'sales', 'abc')).toBe(false);
    expect(keyOutOfRange(schema, 'audit_logs', BIG)).toBe(false);
    expect(keyOutOfRange(schema, 'audit_logs', '99999999999999999999')).toBe(true);
  });
});
