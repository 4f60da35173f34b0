// The totals of a sale, computed by the server from its lines and the shop's settings; nothing the
// client says about prices or totals is trusted (custom items aside, whose price the cashier types).
import { InvalidSaleError } from '../errors.ts';
import { applyRate, shareBp } from './money.ts';
import { MAX_MONEY } from './ranges.ts';

const ABOVE_MAX = `is above the largest amount accepted (${MAX_MONEY})`;

/** Refuses an amount the sale computed beyond MAX_MONEY, naming the field it comes from. */
function checkAmount(amount: number, field: string, what: string): number {
  if (amount > MAX_MONEY) throw new InvalidSaleError({ field, reason: `${what} ${ABOVE_MAX}` });
  return amount;
}

export interface SaleLineInput {
  name: string;
  unitPrice: number;
  unitCost: number;
  quantity: number;
  discount: number;
  productId: number | null;
  deviceId: number | null;
}

export interface SaleSettings {
  /** Tax added on top of the discounted total, in basis points (0: prices include tax or no tax). */
  taxRateBp: number;
  /** The largest total discount Staff may give, in basis points of the gross total. */
  staffDiscountLimitBp: number;
  /** One loyalty point per this many minor units spent (0: no points). */
  amountPerPoint: number;
  /** What one point is worth when redeemed, in minor units. */
  pointValue: number;
  /** The payment methods the shop accepts. */
  paymentMethods: readonly string[];
}

export interface SaleTotals {
  lines: (SaleLineInput & { total: number })[];
  totalAmount: number;
  discountAmount: number;
  redemptionValue: number;
  taxAmount: number;
  finalAmount: number;
  /** Line and sale discounts (not loyalty redemption) as a share of the gross total. */
  discountShareBp: number;
  pointsEarned: number;
}

export function computeTotals(
  lines: readonly SaleLineInput[],
  saleDiscount: number,
  redeemPoints: number,
  settings: SaleSettings,
): SaleTotals {
  if (lines.length === 0)
    throw new InvalidSaleError({ field: 'items', reason: 'a sale needs at least one item' });
  // Every amount is checked as it is computed: a sum beyond MAX_MONEY is not exact in a number, and
  // would not be stored as it was shown (domain/ranges.ts).
  const priced = lines.map((line, i) => {
    const gross = checkAmount(line.unitPrice * line.quantity, `items[${i}]`, 'unit price × quantity');
    checkAmount(line.unitCost * line.quantity, `items[${i}]`, 'the cost of the line (unit cost × quantity)');
    if (line.discount > gross) {
      throw new InvalidSaleError({
        field: `items[${i}].discount_amount`,
        reason: 'the discount is larger than the line',
      });
    }
    return { ...line, total: gross - line.discount };
  });
  const totalAmount = checkAmount(
    priced.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0),
    'items',
    'the total of the lines',
  );
  const lineDiscounts = priced.reduce((sum, l) => sum + l.discount, 0);
  const redemptionValue = redeemPoints * settings.pointValue;
  const discountAmount = lineDiscounts + saleDiscount + redemptionValue;
  if (discountAmount > totalAmount) {
    throw new InvalidSaleError({
      field: 'discount_amount',
      reason: 'discounts and redeemed points exceed the total',
    });
  }
  const taxAmount = applyRate(totalAmount - discountAmount, settings.taxRateBp);
  const finalAmount = checkAmount(
    totalAmount - discountAmount + taxAmount,
    'items',
    'the amount due with tax',
  );
  return {
    lines: priced,
    totalAmount,
    discountAmount,
    redemptionValue,
    taxAmount,
    finalAmount,
    discountShareBp: shareBp(lineDiscounts + saleDiscount, totalAmount),
    pointsEarned: settings.amountPerPoint > 0 ? Math.floor(finalAmount / settings.amountPerPoint) : 0,
  };
}

export interface PaymentInput {
  method: string;
  amount: number;
}

/** Payments must add up to the amount due exactly; more than one method makes a split payment. */
export function paymentMethodOf(
  payments: readonly PaymentInput[],
  finalAmount: number,
  accepted: readonly string[],
): string {
  payments.forEach((p, i) => {
    if (!accepted.includes(p.method)) {
      throw new InvalidSaleError({
        field: `payments[${i}].method`,
        reason: `the shop does not accept ${p.method}`,
      });
    }
  });
  const paid = payments.reduce((sum, p) => sum + p.amount, 0);
  if (paid !== finalAmount) {
    throw new InvalidSaleError({
      field: 'payments',
      reason: `payments add up to ${paid}, the sale is ${finalAmount}`,
    });
  }
  const methods = new Set(payments.filter((p) => p.amount !== 0).map((p) => p.method));
  if (methods.size === 0) return 'Cash';
  return methods.size === 1 ? (payments[0]?.method ?? 'Cash') : 'Split';
}
