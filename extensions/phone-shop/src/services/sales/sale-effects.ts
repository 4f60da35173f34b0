// What a sale does to the rest of the shop, and how it is undone: stock out, devices sold to the
// customer, the customer's totals and loyalty points. Checkout applies the effects; editing,
// deleting and reversing a sale undo them (or apply the difference) through the same functions.
import { DeviceNotAvailableError, InvalidSaleError } from '../../errors.ts';
import type { ActionContext } from '../context.ts';
import {
  moveStock,
  netChanges,
  recordMovements,
  type Moved,
  type StockChange,
  type StockReference,
} from '../stock.ts';

export interface SaleLineRow {
  product_id: number | null;
  device_id: number | null;
  quantity: number;
}

export interface SaleEffects {
  lines: readonly SaleLineRow[];
  customerId: number | null;
  finalAmount: number;
  pointsEarned: number;
  pointsRedeemed: number;
}

export const NO_EFFECTS: SaleEffects = {
  lines: [],
  customerId: null,
  finalAmount: 0,
  pointsEarned: 0,
  pointsRedeemed: 0,
};

function stockOf(lines: readonly SaleLineRow[], sign: 1 | -1): StockChange[] {
  return lines
    .filter((l): l is SaleLineRow & { product_id: number } => l.product_id !== null)
    .map((l) => ({ productId: l.product_id, quantity: sign * l.quantity }));
}

function devicesOf(lines: readonly SaleLineRow[]): Set<number> {
  return new Set(lines.map((l) => l.device_id).filter((d): d is number => d !== null));
}

/** The net stock change, per product, of going from the lines of `before` to those of `after`. */
export function stockChanges(before: readonly SaleLineRow[], after: readonly SaleLineRow[]): StockChange[] {
  return netChanges([...stockOf(before, -1), ...stockOf(after, 1)]);
}

/**
 * Moves the shop from the effects of `before` to those of `after` (NO_EFFECTS for a new or a
 * removed sale): stock by the net difference per product, devices, customer totals and points.
 * `moved` is that stock change when the caller already made it (the checkout, in its first read).
 */
export async function changeEffects(
  ctx: ActionContext,
  saleId: number,
  before: SaleEffects,
  after: SaleEffects,
  ref: Omit<StockReference, 'referenceId' | 'referenceType'>,
  moved?: readonly Moved[],
): Promise<void> {
  moved ??= await moveStock(ctx, stockChanges(before.lines, after.lines));
  recordMovements(ctx, moved, { ...ref, referenceType: 'sale', referenceId: saleId });

  const sold = devicesOf(after.lines);
  const released = [...devicesOf(before.lines)].filter((d) => !sold.has(d));
  const newlySold = [...sold].filter((d) => !devicesOf(before.lines).has(d));
  if (released.length > 0) {
    await ctx
      .knex('devices')
      .where({ shop_id: ctx.shopId })
      .whereIn('id', released)
      .update({ status: 'In Stock', customer_id: null, updated_at: new Date() });
  }
  if (newlySold.length > 0) {
    const updated: { id: number }[] = await ctx
      .knex('devices')
      .where({ shop_id: ctx.shopId, status: 'In Stock' })
      .whereIn('id', newlySold)
      .update({ status: 'Sold', customer_id: after.customerId, updated_at: new Date() })
      .returning('id');
    if (updated.length !== newlySold.length) {
      const missing = newlySold.find((d) => !updated.some((u) => u.id === d)) ?? 0;
      const device = (await ctx
        .knex('devices')
        .select('status')
        .where({ id: missing, shop_id: ctx.shopId })
        .first()) as { status: string } | undefined;
      throw new DeviceNotAvailableError({ device_id: missing, status: device?.status ?? 'unknown' });
    }
  }
  if (after.customerId !== null && sold.size > 0) {
    await ctx
      .knex('devices')
      .where({ shop_id: ctx.shopId })
      .whereIn('id', [...sold])
      .update({ customer_id: after.customerId });
  }

  await changeCustomer(ctx, saleId, before, -1);
  await changeCustomer(ctx, saleId, after, 1);
}

async function changeCustomer(
  ctx: ActionContext,
  saleId: number,
  effects: SaleEffects,
  sign: 1 | -1,
): Promise<void> {
  if (effects.customerId === null) return;
  const points = sign * (effects.pointsEarned - effects.pointsRedeemed);
  const redeemed = sign === 1 ? effects.pointsRedeemed : 0;
  // One statement checks the balance and changes it under the row's lock. Undoing a sale takes back
  // the points it earned, but never more than the customer still has.
  const { rows } = await ctx.knex.raw<{ rows: { id: number }[] }>(
    `UPDATE customers
        SET total_purchases = total_purchases + ?, loyalty_points = greatest(0, loyalty_points + ?), updated_at = now()
      WHERE id = ? AND shop_id = ? AND loyalty_points >= ?
      RETURNING id`,
    [sign * effects.finalAmount, points, effects.customerId, ctx.shopId, redeemed],
  );
  if (rows.length === 0) {
    const customer = (await ctx
      .knex('customers')
      .select('loyalty_points')
      .where({ id: effects.customerId, shop_id: ctx.shopId })
      .first()) as { loyalty_points: number } | undefined;
    if (!customer)
      throw new InvalidSaleError({ field: 'customer_id', reason: 'is not a customer of your shop' });
    throw new InvalidSaleError({
      field: 'redeem_points',
      reason: `the customer has ${customer.loyalty_points} points`,
    });
  }
  ctx.journal.append(
    'loyalty_transactions',
    ...[
      { points: sign * effects.pointsEarned, type: sign === 1 ? 'earn' : 'adjust' },
      { points: -sign * effects.pointsRedeemed, type: sign === 1 ? 'redeem' : 'adjust' },
    ]
      .filter((r) => r.points !== 0)
      .map((r) => ({
        shop_id: ctx.shopId,
        customer_id: effects.customerId,
        points: r.points,
        transaction_type: r.type,
        reference_type: 'sale',
        reference_id: saleId,
        created_by: ctx.userId,
      })),
  );
}
