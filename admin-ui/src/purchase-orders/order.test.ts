import { describe, expect, it } from 'vitest';
import {
  canSend,
  checkDelivery,
  defaultDelivery,
  newOrderBody,
  orderActions,
  outstanding,
  receivableLines,
  type PurchaseOrder,
  type PurchaseOrderLine,
} from './order.ts';

const line = (
  id: number,
  productId: number | null,
  quantity: number,
  received: number,
): PurchaseOrderLine => ({
  id,
  product_id: productId,
  name: `Item ${String(id)}`,
  sku: null,
  quantity,
  received_quantity: received,
});

const order = (status: PurchaseOrder['status'], lines: PurchaseOrderLine[]) => ({ status, lines });

describe('outstanding quantities', () => {
  it('is what was ordered less what came, never below 0, and none for a deleted product', () => {
    expect(outstanding(line(1, 10, 6, 0))).toBe(6);
    expect(outstanding(line(2, 11, 6, 2))).toBe(4);
    expect(outstanding(line(3, 12, 6, 6))).toBe(0);
    expect(outstanding(line(4, null, 6, 0))).toBe(0);
  });

  it('lists only the lines a delivery can still bring', () => {
    const lines = [line(1, 10, 6, 6), line(2, 11, 5, 1), line(3, null, 2, 0)];
    expect(receivableLines({ lines }).map((l) => l.id)).toEqual([2]);
  });
});

describe('the actions an order offers', () => {
  const all = () => true;
  const supervisor = (action: string) => action === 'receive';

  it('receives and cancels an open order, by right', () => {
    const open = order('Ordered', [line(1, 10, 6, 0)]);
    expect(orderActions(open, all)).toEqual({ receive: true, cancel: true, pdf: true });
    expect(orderActions(open, supervisor)).toEqual({ receive: true, cancel: false, pdf: false });
    const partly = order('Partially Received', [line(1, 10, 6, 2)]);
    expect(orderActions(partly, all)).toEqual({ receive: true, cancel: true, pdf: true });
  });

  it('neither receives nor cancels a received or cancelled order; the PDF stays', () => {
    for (const status of ['Received', 'Cancelled'] as const)
      expect(orderActions(order(status, [line(1, 10, 6, 2)]), all)).toEqual({
        receive: false,
        cancel: false,
        pdf: true,
      });
  });

  it('does not receive an open order whose only outstanding line lost its product', () => {
    expect(orderActions(order('Partially Received', [line(1, null, 6, 2)]), all).receive).toBe(false);
  });
});

describe('the receive form', () => {
  const lines = [line(1, 10, 6, 0), line(2, 11, 5, 3), line(3, 12, 4, 4)];

  it('starts with everything still to come', () => {
    expect(defaultDelivery({ lines })).toEqual({ 10: '6', 11: '2' });
    const check = checkDelivery({ lines }, defaultDelivery({ lines }));
    expect(check).toEqual({
      errors: {},
      lines: [
        { product_id: 10, quantity: 6 },
        { product_id: 11, quantity: 2 },
      ],
      nothing: false,
    });
    expect(canSend(check)).toBe(true);
  });

  it('sends only the lines above 0', () => {
    expect(checkDelivery({ lines }, { 10: '2', 11: '0' }).lines).toEqual([{ product_id: 10, quantity: 2 }]);
  });

  it('refuses more than is outstanding, negatives, fractions and blanks, with the line maximum', () => {
    const check = checkDelivery({ lines }, { 10: '7', 11: '-1' });
    expect(check.errors).toEqual({ 10: { max: 6 }, 11: { max: 2 } });
    expect(canSend(check)).toBe(false);
    expect(checkDelivery({ lines }, { 10: '1.5', 11: '' }).errors).toEqual({
      10: { max: 6 },
      11: { max: 2 },
    });
    expect(checkDelivery({ lines }, { 10: 'two', 11: ' 2 ' }).errors).toEqual({ 10: { max: 6 } });
  });

  it('accepts the outstanding quantity exactly and refuses a delivery of nothing', () => {
    expect(checkDelivery({ lines }, { 10: '6', 11: '2' }).errors).toEqual({});
    const none = checkDelivery({ lines }, { 10: '0', 11: '0' });
    expect(none).toMatchObject({ errors: {}, lines: [], nothing: true });
    expect(canSend(none)).toBe(false);
  });
});

describe('a new order from the reorder page', () => {
  it('sends the chosen lines above 0 and no empty supplier or notes', () => {
    expect(
      newOrderBody({
        supplier: '  ',
        notes: '',
        days: 30,
        chosen: new Set([1, 2, 3]),
        quantities: { 1: 4, 2: 0, 3: 2, 4: 9 },
      }),
    ).toEqual({
      supplier: null,
      notes: null,
      days: 30,
      lines: [
        { product_id: 1, quantity: 4 },
        { product_id: 3, quantity: 2 },
      ],
    });
    expect(
      newOrderBody({
        supplier: ' Kikuubo Wholesale ',
        notes: 'Call first',
        days: 60,
        chosen: [5],
        quantities: {},
      }),
    ).toEqual({ supplier: 'Kikuubo Wholesale', notes: 'Call first', days: 60, lines: [] });
  });
});
