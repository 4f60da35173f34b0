// What happens to a sale after the checkout: approval or rejection, the lock (final: nothing changes
// afterwards but a reversal), the reversal (a mirror record that restocks, once per sale), edits
// (lines re-priced, stock re-balanced by the difference) and deletion (effects undone).
import { isStoredId } from '../../domain/ranges.ts';
import { computeTotals, paymentMethodOf } from '../../domain/sale-totals.ts';
import { InvalidSaleError, NotFoundError, SaleStateError } from '../../errors.ts';
import { requireRight } from '../rights.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { enqueueEvent } from '../outbox.ts';
import { saleEventData } from './sale-events.ts';
import { loadSettings, saleSettings } from '../shop.ts';
import {
  checkDiscountRight,
  effectsOf,
  lineRows,
  loadCatalogue,
  paymentRows,
  priceLines,
  saleColumns,
  type CheckoutInput,
} from './checkout.service.ts';
import { changeEffects, NO_EFFECTS, type SaleEffects } from './sale-effects.ts';
import { getSale, type SaleDetail } from './sale-queries.ts';

interface SaleRow {
  id: number;
  sale_number: string;
  kind: string;
  status: string;
  customer_id: number | null;
  total_amount: number;
  discount_amount: number;
  tax_amount: number;
  final_amount: number;
  payment_method: string;
  loyalty_points_earned: number;
  loyalty_points_redeemed: number;
}

/** Locks the sale row for the rest of the transaction. */
async function lockSale(ctx: ActionContext, saleId: number): Promise<SaleRow> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(saleId)) throw new NotFoundError({ entity: 'Sale', id: String(saleId) });
  const sale = (await ctx.knex('sales').where({ id: saleId, shop_id: ctx.shopId }).forUpdate().first()) as
    SaleRow | undefined;
  if (!sale) throw new NotFoundError({ entity: 'Sale', id: String(saleId) });
  return sale;
}

function refuseFinal(sale: SaleRow, doing: string): void {
  if (sale.kind === 'reversal')
    throw new SaleStateError({
      sale: sale.sale_number,
      reason: `is a reversal record and cannot be ${doing}`,
    });
  if (sale.status === 'Locked')
    throw new SaleStateError({ sale: sale.sale_number, reason: `is locked and cannot be ${doing}` });
  if (sale.status === 'Reversed')
    throw new SaleStateError({ sale: sale.sale_number, reason: `was reversed and cannot be ${doing}` });
}

async function effectsOfStored(ctx: ActionContext, sale: SaleRow): Promise<SaleEffects> {
  const lines = (await ctx
    .knex('sale_items')
    .select('product_id', 'device_id', 'quantity')
    .where({ shop_id: ctx.shopId, sale_id: sale.id })) as SaleEffects['lines'];
  return {
    lines,
    customerId: sale.customer_id,
    finalAmount: sale.final_amount,
    pointsEarned: sale.loyalty_points_earned,
    pointsRedeemed: sale.loyalty_points_redeemed,
  };
}

async function setStatus(
  ctx: ActionContext,
  saleId: number,
  from: readonly string[],
  changes: Record<string, unknown>,
  action: string,
  event: 'sale.approved' | 'rejected' | 'locked' | null,
): Promise<SaleDetail> {
  const sale = await lockSale(ctx, saleId);
  if (sale.kind === 'reversal' || !from.includes(sale.status)) {
    throw new SaleStateError({ sale: sale.sale_number, reason: `is ${sale.status} and cannot be ${action}` });
  }
  const before = await getSale(ctx, saleId);
  await ctx
    .knex('sales')
    .where({ id: saleId, shop_id: ctx.shopId })
    .update({ ...changes, updated_at: new Date() });
  const after = await getSale(ctx, saleId);
  audit(ctx, { entityType: 'sales', entityId: saleId, action, oldValue: before, newValue: after });
  if (event === 'sale.approved')
    enqueueEvent(ctx, 'sale.approved', {
      ...saleEventData(after),
      approved_by: await userName(ctx, ctx.userId),
      approved_at: after.approved_at === null ? null : new Date(after.approved_at).toISOString(),
    });
  else if (event)
    enqueueEvent(ctx, 'sale.updated', {
      ...saleEventData(after),
      change: event,
      reversal_id: null,
      reason: null,
    });
  return after;
}

async function userName(ctx: ActionContext, userId: string): Promise<string | null> {
  const row = (await ctx
    .knex('directus_users')
    .first(ctx.knex.raw("nullif(trim(concat(first_name, ' ', last_name)), '') AS name"))
    .where('id', userId)) as { name: string | null } | undefined;
  return row?.name ?? null;
}

export function approveSale(ctx: ActionContext, saleId: number): Promise<SaleDetail> {
  requireRight(ctx, 'sales', 'approve');
  return setStatus(
    ctx,
    saleId,
    ['Submitted'],
    { status: 'Approved', approved_by: ctx.userId, approved_at: new Date() },
    'approved',
    'sale.approved',
  );
}

export function rejectSale(ctx: ActionContext, saleId: number, reason: string): Promise<SaleDetail> {
  requireRight(ctx, 'sales', 'approve');
  return setStatus(
    ctx,
    saleId,
    ['Submitted'],
    { status: 'Rejected', approved_by: ctx.userId, approved_at: new Date(), notes: reason },
    'rejected',
    'rejected',
  );
}

export function lockSaleForGood(ctx: ActionContext, saleId: number): Promise<SaleDetail> {
  requireRight(ctx, 'sales', 'lock');
  return setStatus(
    ctx,
    saleId,
    ['Submitted', 'Approved'],
    { status: 'Locked', locked_by: ctx.userId, locked_at: new Date() },
    'locked',
    'locked',
  );
}

/** A reversal record that mirrors the sale with negative amounts, restocks and undoes the customer effects. */
export async function reverseSale(ctx: ActionContext, saleId: number, reason: string): Promise<SaleDetail> {
  requireRight(ctx, 'sales', 'delete');
  const sale = await lockSale(ctx, saleId);
  if (sale.kind === 'reversal')
    throw new SaleStateError({ sale: sale.sale_number, reason: 'is itself a reversal' });
  if (sale.status === 'Reversed')
    throw new SaleStateError({ sale: sale.sale_number, reason: 'was already reversed' });
  const before = await getSale(ctx, saleId);
  const [reversal] = (await ctx
    .knex('sales')
    .insert({
      shop_id: ctx.shopId,
      sale_number: `${sale.sale_number}-R`,
      kind: 'reversal',
      reversal_of: sale.id,
      reversal_reason: reason,
      customer_id: sale.customer_id,
      // The reversal returns what was actually paid: the discounted net and its tax, negated.
      total_amount: -(sale.final_amount - sale.tax_amount),
      discount_amount: 0,
      tax_amount: -sale.tax_amount,
      final_amount: -sale.final_amount,
      payment_method: sale.payment_method,
      payment_status: 'Refunded',
      status: 'Locked',
      notes: reason,
      created_by: ctx.userId,
      locked_by: ctx.userId,
      locked_at: new Date(),
    })
    .returning(['id'])) as [{ id: number }];
  const payments = (await ctx
    .knex('sale_payments')
    .select('method', 'amount')
    .where({ shop_id: ctx.shopId, sale_id: sale.id })) as {
    method: string;
    amount: number;
  }[];
  if (payments.length > 0) {
    await ctx.knex('sale_payments').insert(
      payments.map((p) => ({
        shop_id: ctx.shopId,
        sale_id: reversal.id,
        method: p.method,
        amount: -p.amount,
        reference: `reversal of ${sale.sale_number}`,
      })),
    );
  }
  await changeEffects(ctx, sale.id, await effectsOfStored(ctx, sale), NO_EFFECTS, {
    movementType: 'reversal',
    notes: reason,
  });
  await ctx
    .knex('sales')
    .where({ id: sale.id })
    .update({ status: 'Reversed', payment_status: 'Refunded', updated_at: new Date() });
  const after = await getSale(ctx, saleId);
  audit(ctx, {
    entityType: 'sales',
    entityId: saleId,
    action: 'reverse',
    oldValue: before,
    newValue: { ...after, reversal_id: reversal.id, reason },
  });
  enqueueEvent(ctx, 'sale.updated', {
    ...saleEventData(after),
    change: 'reversed',
    reversal_id: reversal.id,
    reason,
  });
  return getSale(ctx, reversal.id);
}

export async function deleteSale(ctx: ActionContext, saleId: number): Promise<void> {
  requireRight(ctx, 'sales', 'delete');
  const sale = await lockSale(ctx, saleId);
  refuseFinal(sale, 'deleted');
  const before = await getSale(ctx, saleId);
  await changeEffects(ctx, sale.id, await effectsOfStored(ctx, sale), NO_EFFECTS, {
    movementType: 'sale_delete',
  });
  await ctx.knex('sales').where({ id: sale.id, shop_id: ctx.shopId }).delete();
  audit(ctx, { entityType: 'sales', entityId: saleId, action: 'delete', oldValue: before });
  enqueueEvent(ctx, 'sale.updated', {
    ...saleEventData(before),
    status: 'Deleted',
    change: 'deleted',
    reversal_id: null,
    reason: null,
  });
}

/** An edit replaces the lines, payments, customer and notes; stock moves by the difference only. */
export async function updateSale(
  ctx: ActionContext,
  saleId: number,
  input: CheckoutInput,
): Promise<SaleDetail> {
  requireRight(ctx, 'sales', 'update');
  const sale = await lockSale(ctx, saleId);
  refuseFinal(sale, 'edited');
  if (sale.status === 'Rejected')
    throw new SaleStateError({ sale: sale.sale_number, reason: 'was rejected and cannot be edited' });
  if (input.redeem_points > 0 && input.customer_id === null) {
    throw new InvalidSaleError({ field: 'redeem_points', reason: 'points are redeemed by a customer' });
  }
  const before = await getSale(ctx, saleId);
  const settings = saleSettings(await loadSettings(ctx.knex, ctx.shopId));
  const lines = priceLines(await loadCatalogue(ctx, input.items), input.items);
  const totals = computeTotals(lines, input.discount_amount, input.redeem_points, settings);
  checkDiscountRight(ctx, totals, settings.staffDiscountLimitBp);
  const paymentMethod = paymentMethodOf(input.payments, totals.finalAmount, settings.paymentMethods);
  const oldEffects = await effectsOfStored(ctx, sale);

  await ctx.knex('sale_items').where({ shop_id: ctx.shopId, sale_id: saleId }).delete();
  await ctx.knex('sale_payments').where({ shop_id: ctx.shopId, sale_id: saleId }).delete();
  await ctx
    .knex('sales')
    .where({ id: saleId, shop_id: ctx.shopId })
    .update({ ...saleColumns(input, totals, paymentMethod), updated_at: new Date() });
  await ctx.knex('sale_items').insert(lineRows(ctx, saleId, totals.lines));
  const payments = paymentRows(ctx, saleId, input.payments);
  if (payments.length > 0) await ctx.knex('sale_payments').insert(payments);
  await changeEffects(
    ctx,
    saleId,
    oldEffects,
    effectsOf(totals.lines, input.customer_id, totals, input.redeem_points),
    {
      movementType: 'sale_edit',
    },
  );
  const after = await getSale(ctx, saleId);
  audit(ctx, {
    entityType: 'sales',
    entityId: saleId,
    action: 'update',
    oldValue: before,
    newValue: after,
  });
  enqueueEvent(ctx, 'sale.updated', {
    ...saleEventData(after),
    change: 'edited',
    reversal_id: null,
    reason: null,
  });
  return after;
}
