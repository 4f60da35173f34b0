import { describe, expect, it } from 'vitest';
import { forTheCustomer, STAFF_TEXT } from './export.rules.ts';

describe('a copy shown to the customer', () => {
  it('names no member of the staff and shows no cost, wherever they appear', () => {
    expect(
      forTheCustomer({
        id: 39,
        created_by: '5c2565be-6fc9-489e-98aa-bbd327d3bae2',
        cashier: 'Stella Staff',
        approved_by: null,
        margin: 8_000,
        customer: { id: 14, name: 'Zawadi' },
        items: [{ item_name: 'Cable', unit_price: 10_000, unit_cost: 6_000, changed_by: 'abc' }],
        notes: 'created_by nobody',
      }),
    ).toEqual({
      id: 39,
      created_by: STAFF_TEXT,
      cashier: STAFF_TEXT,
      approved_by: null,
      customer: { id: 14, name: 'Zawadi' },
      items: [{ item_name: 'Cable', unit_price: 10_000, changed_by: STAFF_TEXT }],
      notes: 'created_by nobody',
    });
  });

  it('leaves plain values alone', () => {
    expect(forTheCustomer('Stella')).toBe('Stella');
    expect(forTheCustomer(null)).toBeNull();
    expect(forTheCustomer(12)).toBe(12);
  });
});
