import { describe, expect, it } from 'vitest';
import {
  cartReducer,
  checkoutBody,
  discountBp,
  emptyCart,
  fillRemaining,
  newKey,
  settle,
  totals,
  type Cart,
  type CartAction,
} from './cart.ts';

const phone = { id: 1, name: 'Tecno Spark 20 128GB', selling_price: 520_000, stock_quantity: 5 };
const earbuds = { id: 16, name: 'Bluetooth earbuds', selling_price: 75_000, stock_quantity: 24 };

const run = (...actions: CartAction[]): Cart => actions.reduce(cartReducer, emptyCart('key-1'));

describe('cart lines', () => {
  it('adds a product once and counts repeats as quantity', () => {
    const cart = run(
      { type: 'addProduct', product: phone },
      { type: 'addProduct', product: earbuds },
      { type: 'addProduct', product: earbuds },
    );
    expect(cart.lines.map((l) => [l.name, l.quantity])).toEqual([
      ['Tecno Spark 20 128GB', 1],
      ['Bluetooth earbuds', 2],
    ]);
    expect(cart.lines[0]?.stock).toBe(5);
  });

  it('sells a device once, at quantity 1', () => {
    const device = { id: 4, brand: 'Samsung', model: 'Galaxy A15', selling_price: 690_000 };
    const cart = run({ type: 'addDevice', device }, { type: 'addDevice', device });
    expect(cart.lines).toHaveLength(1);
    const next = cartReducer(cart, { type: 'setQuantity', key: 'd4', quantity: 3 });
    expect(next.lines[0]?.quantity).toBe(1);
  });

  it('changes quantities, removes a line at 0, and keeps discounts within the line', () => {
    let cart = run(
      { type: 'addProduct', product: earbuds },
      { type: 'setQuantity', key: 'p16', quantity: 3 },
      { type: 'setLineDiscount', key: 'p16', discount: 200_000 },
    );
    expect(cart.lines[0]?.discount).toBe(200_000);
    cart = cartReducer(cart, { type: 'setQuantity', key: 'p16', quantity: 2 });
    expect(cart.lines[0]?.discount).toBe(150_000);
    cart = cartReducer(cart, { type: 'setLineDiscount', key: 'p16', discount: 999_999 });
    expect(cart.lines[0]?.discount).toBe(150_000);
    cart = cartReducer(cart, { type: 'setQuantity', key: 'p16', quantity: 0 });
    expect(cart.lines).toEqual([]);
  });

  it('refuses negative and fractional amounts', () => {
    const cart = run(
      { type: 'addCustom', name: ' Screen protector fitting ', unitPrice: -5 },
      { type: 'setSaleDiscount', discount: 12.6 },
    );
    expect(cart.lines[0]).toMatchObject({ name: 'Screen protector fitting', unitPrice: 0 });
    expect(cart.saleDiscount).toBe(13);
  });
});

describe('totals', () => {
  it('adds lines, line and sale discounts, and tax rounded half away from zero', () => {
    const cart = run(
      { type: 'addProduct', product: phone },
      { type: 'addProduct', product: earbuds },
      { type: 'addProduct', product: earbuds },
      { type: 'setLineDiscount', key: 'p16', discount: 5_000 },
      { type: 'setSaleDiscount', discount: 10_000 },
    );
    expect(totals(cart)).toEqual({
      subtotal: 670_000,
      lineDiscounts: 5_000,
      discount: 15_000,
      tax: 0,
      total: 655_000,
      itemCount: 3,
    });
    // 18% VAT on 655,000 = 117,900.
    expect(totals(cart, 1800)).toMatchObject({ tax: 117_900, total: 772_900 });
    // 0.05% of 655,000 = 327.5, rounded up.
    expect(totals(cart, 5).tax).toBe(328);
  });

  it('never discounts below zero', () => {
    const cart = run(
      { type: 'addProduct', product: earbuds },
      { type: 'setSaleDiscount', discount: 900_000 },
    );
    expect(totals(cart)).toMatchObject({ discount: 75_000, total: 0 });
  });

  it('reports the discount share in basis points', () => {
    const cart = run({ type: 'addProduct', product: earbuds }, { type: 'setSaleDiscount', discount: 7_500 });
    expect(discountBp(totals(cart))).toBe(1000);
  });
});

describe('payments', () => {
  it('gives change for cash and sends only what is due', () => {
    const s = settle([{ method: 'Cash', amount: 700_000, reference: '' }], 665_000);
    expect(s).toMatchObject({ paid: 700_000, remaining: 0, change: 35_000, ready: true });
    expect(s.payments).toEqual([{ method: 'Cash', amount: 665_000, reference: '' }]);
  });

  it('splits cash and MTN Mobile Money, taking change from the cash', () => {
    const s = settle(
      [
        { method: 'MTN Mobile Money', amount: 490_000, reference: 'MP241123.1015.A56789' },
        { method: 'Cash', amount: 250_000, reference: '' },
      ],
      690_000,
    );
    expect(s).toMatchObject({ change: 50_000, ready: true });
    expect(s.payments.map((p) => [p.method, p.amount])).toEqual([
      ['MTN Mobile Money', 490_000],
      ['Cash', 200_000],
    ]);
  });

  it('is not ready while something remains or mobile money exceeds the total', () => {
    expect(settle([{ method: 'Cash', amount: 100_000, reference: '' }], 150_000)).toMatchObject({
      remaining: 50_000,
      ready: false,
    });
    expect(settle([{ method: 'Airtel Money', amount: 200_000, reference: '' }], 150_000)).toMatchObject({
      change: 0,
      ready: false,
    });
  });

  it('fills the last payment with what remains', () => {
    let cart = run(
      { type: 'addProduct', product: phone },
      { type: 'setPayment', index: 0, payment: { method: 'Airtel Money', amount: 20_000 } },
      { type: 'addPayment', method: 'Cash' },
    );
    cart = fillRemaining(cart);
    expect(cart.payments.map((p) => p.amount)).toEqual([20_000, 500_000]);
    expect(settle(cart.payments, totals(cart).total).ready).toBe(true);
  });

  it('keeps at least one payment and at most six', () => {
    let cart = run({ type: 'removePayment', index: 0 });
    expect(cart.payments).toHaveLength(1);
    for (let i = 0; i < 8; i += 1) cart = cartReducer(cart, { type: 'addPayment', method: 'Cash' });
    expect(cart.payments).toHaveLength(6);
  });
});

describe('checkout body', () => {
  it('is the body POST /api/sales expects', () => {
    const cart = run(
      { type: 'addProduct', product: phone },
      { type: 'addProduct', product: earbuds },
      { type: 'addProduct', product: earbuds },
      { type: 'setLineDiscount', key: 'p16', discount: 5_000 },
      { type: 'addCustom', name: 'Screen protector fitting', unitPrice: 5_000 },
      { type: 'setCustomer', customer: { id: 3, name: 'Moses Kato', phone: '+256752987654' } },
      { type: 'setSaleDiscount', discount: 2_000 },
      { type: 'setPayment', index: 0, payment: { amount: 700_000 } },
    );
    expect(checkoutBody(cart)).toEqual({
      items: [
        { product_id: 1, quantity: 1, discount_amount: 0 },
        { product_id: 16, quantity: 2, discount_amount: 5_000 },
        { name: 'Screen protector fitting', unit_price: 5_000, quantity: 1, discount_amount: 0 },
      ],
      payments: [{ method: 'Cash', amount: 668_000 }],
      customer_id: 3,
      discount_amount: 2_000,
      notes: null,
    });
  });

  it('keeps the idempotency key across changes and renews it when cleared', () => {
    const cart = run({ type: 'addProduct', product: phone }, { type: 'setQuantity', key: 'p1', quantity: 2 });
    expect(cart.idempotencyKey).toBe('key-1');
    expect(cartReducer(cart, { type: 'clear' }).idempotencyKey).not.toBe('key-1');
    expect(newKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
