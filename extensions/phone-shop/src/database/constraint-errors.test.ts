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

  it('answers a reference to an erased customer with 409 CUSTOMER_ERASED', () => {
    const error = clarifyDatabaseError({
      code: '23514',
      constraint: 'customer_erased',
      detail: '42',
    }) as Error & { status: number; code: string };
    expect(error.status).toBe(409);
    expect(error.code).toBe('CUSTOMER_ERASED');
    expect(error.message).toMatch(/^Customer 42 was erased: nothing new can be attached/);
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

describe('raw database errors of the business services', () => {
  it('turns a unique violation into a 409 naming the column, without the tenant column', () => {
    const error = clarifyDatabaseError({
      code: '23505',
      table: 'customers',
      detail: 'Key (shop_id, phone)=(1, +256772345678) already exists.',
    }) as Error & { status: number; extensions: Record<string, unknown> };
    expect(error.status).toBe(409);
    expect(error.extensions).toMatchObject({ field: 'phone' });
  });

  it('turns a same-shop foreign key violation into a 400 naming the column', () => {
    const error = clarifyDatabaseError({
      code: '23503',
      table: 'sales',
      detail: 'Key (shop_id, customer_id)=(1, 9) is not present in table "customers".',
    }) as Error & { status: number; extensions: Record<string, unknown> };
    expect(error.status).toBe(400);
    expect(error.extensions).toMatchObject({ field: 'customer_id' });
  });
});

describe('append-only tables', () => {
  it('turns the trigger’s refusal into a 409 naming the table', () => {
    const error = clarifyDatabaseError({
      code: '23000',
      message: 'update "audit_logs" ... - audit_logs is append-only',
    }) as Error & {
      status: number;
      message: string;
    };
    expect(error.status).toBe(409);
    expect(error.message).toContain('audit_logs is append-only');
  });
});
