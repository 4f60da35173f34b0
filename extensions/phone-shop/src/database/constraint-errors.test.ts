import { describe, expect, it } from 'vitest';
import { clarifyDatabaseError, fieldOfCheck } from './constraint-errors.ts';

describe('database constraint errors', () => {
  it('names the column of a column CHECK', () => {
    expect(fieldOfCheck('products_stock_quantity_check', 'products').field).toBe('stock_quantity');
  });

  it('explains a named table rule', () => {
    expect(fieldOfCheck('sales_amounts_balance', 'sales')).toEqual({
      field: 'final_amount',
      rule: 'must equal total_amount - discount_amount + tax_amount',
    });
  });

  it('turns a CHECK violation into a 400 naming the field', () => {
    const error = clarifyDatabaseError({
      code: '23514',
      constraint: 'devices_status_check',
      table: 'devices',
    }) as Error & {
      status: number;
      extensions: Record<string, unknown>;
    };
    expect(error.status).toBe(400);
    expect(error.extensions).toMatchObject({ field: 'status', collection: 'devices' });
    expect(error.message).toContain('"status"');
  });

  it('drops the tenant column from composite unique and foreign key errors', () => {
    const original = {
      name: 'DirectusError',
      message: 'Value for field "shop_id, imei_serial" in collection "devices" has to be unique.',
      extensions: { field: 'shop_id, imei_serial', collection: 'devices' },
    };
    const clarified = clarifyDatabaseError(original) as unknown as typeof original;
    expect(clarified.extensions.field).toBe('imei_serial');
    expect(clarified.message).toBe('Value for field "imei_serial" in collection "devices" has to be unique.');
  });

  it('leaves other errors alone', () => {
    expect(clarifyDatabaseError(new Error('boom'))).toBeNull();
    expect(clarifyDatabaseError({ code: '23505' })).toBeNull();
  });
});
