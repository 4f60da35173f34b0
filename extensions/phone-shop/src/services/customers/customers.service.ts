// A customer's history: purchases (with lifetime value), devices owned, and loyalty points
// management for Owners and Supervisors.
import { isStoredId } from '../../domain/ranges.ts';
import { InvalidFieldError, NotFoundError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { requireRight } from '../rights.ts';

async function customer(
  ctx: ActionContext,
  customerId: number,
): Promise<{
  id: number;
  name: string;
  phone: string;
  loyalty_points: number;
  total_purchases: number;
  created_at: string;
}> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(customerId)) throw new NotFoundError({ entity: 'Customer', id: String(customerId) });
  const row = (await ctx
    .knex('customers')
    .select('id', 'name', 'phone', 'loyalty_points', 'total_purchases', 'created_at')
    .where({ id: customerId, shop_id: ctx.shopId })
    .first()) as
    | {
        id: number;
        name: string;
        phone: string;
        loyalty_points: number;
        total_purchases: number;
        created_at: string;
      }
    | undefined;
  if (!row) throw new NotFoundError({ entity: 'Customer', id: String(customerId) });
  return row;
}

export async function customerPurchases(
  ctx: ActionContext,
  customerId: number,
): Promise<Record<string, unknown>> {
  requireRight(ctx, 'customers', 'read');
  const who = await customer(ctx, customerId);
  const sales = (await ctx
    .knex('sales')
    .select('id', 'sale_number', 'kind', 'status', 'final_amount', 'payment_method', 'created_at')
    .where({ shop_id: ctx.shopId, customer_id: customerId })
    .orderBy('created_at', 'desc')) as {
    kind: string;
    status: string;
    final_amount: number;
    created_at: string;
  }[];
  // Purchases that stand: not reversed, not rejected (a reversal's negative amount already nets
  // the reversed sale out of the lifetime value).
  const purchases = sales.filter(
    (s) => s.kind === 'sale' && s.status !== 'Reversed' && s.status !== 'Rejected',
  );
  // Lifetime value: what the customer paid, net of reversals (which carry negative amounts).
  const lifetimeValue = sales.reduce((sum, s) => sum + s.final_amount, 0);
  return {
    customer: who,
    lifetime_value: lifetimeValue,
    purchase_count: purchases.length,
    average_purchase: purchases.length ? Math.round(lifetimeValue / purchases.length) : 0,
    first_purchase_at: purchases.at(-1)?.created_at ?? null,
    last_purchase_at: purchases[0]?.created_at ?? null,
    sales,
  };
}

export async function customerDevices(ctx: ActionContext, customerId: number): Promise<unknown[]> {
  requireRight(ctx, 'customers', 'read');
  await customer(ctx, customerId);
  return ctx
    .knex('devices')
    .select(
      'id',
      'brand',
      'model',
      'imei_serial',
      'color',
      'storage',
      'condition',
      'status',
      'warranty_expires_at',
      'created_at',
    )
    .where({ shop_id: ctx.shopId, customer_id: customerId })
    .orderBy('created_at', 'desc');
}

/** Gives or takes loyalty points by hand (Owners and Supervisors: the matrix's customers update). */
export async function adjustLoyalty(
  ctx: ActionContext,
  customerId: number,
  points: number,
  reason: string,
): Promise<{ loyalty_points: number }> {
  requireRight(ctx, 'customers', 'update');
  const before = await customer(ctx, customerId);
  if (before.loyalty_points + points < 0) {
    throw new InvalidFieldError({
      field: 'points',
      reason: `the customer has only ${before.loyalty_points} points`,
    });
  }
  const [after] = (await ctx
    .knex('customers')
    .where({ id: customerId, shop_id: ctx.shopId })
    .update({ loyalty_points: ctx.knex.raw('loyalty_points + ?', [points]), updated_at: new Date() })
    .returning('loyalty_points')) as [{ loyalty_points: number }];
  await ctx.knex('loyalty_transactions').insert({
    shop_id: ctx.shopId,
    customer_id: customerId,
    points,
    transaction_type: 'adjust',
    reference_type: 'manual',
    notes: reason,
    created_by: ctx.userId,
  });
  audit(ctx, {
    entityType: 'customers',
    entityId: customerId,
    action: 'adjust_loyalty',
    oldValue: { loyalty_points: before.loyalty_points },
    newValue: { loyalty_points: after.loyalty_points, reason },
  });
  return after;
}
