import { describe, expect, it } from 'vitest';
import { MAX_MONEY } from './ranges.ts';
import { computeTotals, paymentMethodOf, type SaleLineInput, type SaleSettings } from './sale-totals.ts';

const ALL = ['Cash', 'MTN Mobile Money', 'Airtel Money', 'Card', 'Bank Transfer', 'Other'];
const settings: SaleSettings = {
  paymentMethods: ALL,
  taxRateBp: 0,
  staffDiscountLimitBp: 1_000,
  amountPerPoint: 1_000,
  pointValue: 10,
};
const line = (unitPrice: number, quantity = 1, discount = 0): SaleLineInput => ({
  name: 'Item',
  unitPrice,
  unitCost: 0,
  quantity,
  discount,
  productId: 1,
  deviceId: null,
});

describe('sale totals', () => {
  it('adds lines, discounts and points earned (1 per 1,000)', () => {
    const totals = computeTotals([line(520_000), line(10_000, 3, 5_000)], 5_000, 0, settings);
    expect(totals.totalAmount).toBe(550_000);
    expect(totals.discountAmount).toBe(10_000);
    expect(totals.finalAmount).toBe(540_000);
    expect(totals.lines.map((l) => l.total)).toEqual([520_000, 25_000]);
    expect(totals.pointsEarned).toBe(540);
    expect(totals.discountShareBp).toBe(182);
  });

  it('adds tax on the discounted total when the shop charges it on top', () => {
    const totals = computeTotals([line(100_000)], 10_000, 0, { ...settings, taxRateBp: 1_800 });
    expect(totals.taxAmount).toBe(16_200);
    expect(totals.finalAmount).toBe(106_200);
  });

  it('turns redeemed points into a discount that does not count against the staff limit', () => {
    const totals = computeTotals([line(50_000)], 0, 100, settings);
    expect(totals.redemptionValue).toBe(1_000);
    expect(totals.finalAmount).toBe(49_000);
    expect(totals.discountShareBp).toBe(0);
  });

  it('refuses empty sales, oversized line discounts and discounts above the total, naming the field', () => {
    expect(() => computeTotals([], 0, 0, settings)).toThrow(/items/);
    expect(() => computeTotals([line(1_000, 1, 2_000)], 0, 0, settings)).toThrow(
      /items\[0\]\.discount_amount/,
    );
    expect(() => computeTotals([line(1_000)], 1_500, 0, settings)).toThrow(/discount_amount/);
  });

  it('requires payments to add up to the amount due and names a split', () => {
    expect(paymentMethodOf([{ method: 'Cash', amount: 10_000 }], 10_000, ALL)).toBe('Cash');
    expect(
      paymentMethodOf(
        [
          { method: 'Cash', amount: 4_000 },
          { method: 'MTN Mobile Money', amount: 6_000 },
        ],
        10_000,
        ALL,
      ),
    ).toBe('Split');
    expect(() => paymentMethodOf([{ method: 'Cash', amount: 9_000 }], 10_000, ALL)).toThrow(/payments/);
    expect(() => paymentMethodOf([{ method: 'Card', amount: 10_000 }], 10_000, ['Cash'])).toThrow(
      /payments\[0\]\.method/,
    );
  });

  it('takes amounts up to MAX_MONEY and refuses a sale whose sums go beyond it, naming the field', () => {
    const big = computeTotals([line(MAX_MONEY - 1), line(1)], 0, 0, settings);
    expect(big.totalAmount).toBe(MAX_MONEY);
    expect(big.finalAmount).toBe(MAX_MONEY);
    const nearMax = Array.from({ length: 30 }, () => line(MAX_MONEY - 30));
    expect(() => computeTotals(nearMax, 0, 0, settings)).toThrow(/"items": the total of the lines is above/);
    expect(() => computeTotals([line(MAX_MONEY, 2)], 0, 0, settings)).toThrow(/"items\[0\]": unit price/);
    expect(() => computeTotals([{ ...line(1, 2), unitCost: MAX_MONEY }], 0, 0, settings)).toThrow(
      /"items\[0\]": the cost of the line/,
    );
    expect(() => computeTotals([line(MAX_MONEY)], 0, 0, { ...settings, taxRateBp: 1_800 })).toThrow(
      /"items": the amount due with tax is above/,
    );
  });
});
