// The checkout: one transaction that prices the lines from the shop's own products and devices,
// checks discounts against the caller's rights, takes the payments, numbers the sale, deducts the
// stock (never below zero), sells the devices, credits the customer, and writes the audit log, the
// outbox event and the notifications. Either all of it happens or nothing does.
import { randomUUID } from 'node:crypto';
import { can } from '../../../../../snapshots/access/matrix.ts';
import { formatMoney } from '../../domain/money.ts';
import type { PaymentMethod } from '../../../../../snapshots/enums.ts';
import {
  computeTotals,
  paymentMethodOf,
  type SaleLineInput,
  type SaleTotals,
} from '../../domain/sale-totals.ts';
import { DiscountNeedsApprovalError, InvalidSaleError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { saleNumber, takeNumber } from '../numbering.ts';
import { notifyRoles } from '../notifications.ts';
import { enqueueEvent } from '../outbox.ts';
import { loadSettings, loadShop, saleSettings } from '../shop.ts';
import { changeEffects, NO_EFFECTS, type SaleEffects } from './sale-effects.ts';
import { getSale, type SaleDetail } from './sale-queries.ts';

export interface CheckoutItem {
  product_id?: number | undefined;
  device_id?: number | undefined;
  /** Custom items (not in the catalogue) carry their own name and price. */
  name?: string | undefined;
  unit_price?: number | undefined;
  quantity: number;
  discount_amount: number;
}

export interface CheckoutInput {
  customer_id: number | null;
  items: CheckoutItem[];
  discount_amount: number;
  redeem_points: number;
  payments: { method: PaymentMethod; amount: number; reference?: string | undefined }[];
  notes: string | null;
  location_id: number | null;
}

interface ProductRow {
  id: number;
  name: string;
  selling_price: number;
  cost_price: number;
  is_active: boolean;
}
interface DeviceRow {
  id: number;
  brand: string;
  model: string;
  imei_serial: string;
  selling_price: number | null;
  purchase_price: number | null;
  status: string;
}

/** Prices each line from the shop's own catalogue; refuses anything that is not the shop's. */
export async function priceLines(
  ctx: ActionContext,
  items: readonly CheckoutItem[],
): Promise<SaleLineInput[]> {
  const productIds = [
    ...new Set(items.map((i) => i.product_id).filter((id): id is number => id !== undefined)),
  ];
  const deviceIds = [
    ...new Set(items.map((i) => i.device_id).filter((id): id is number => id !== undefined)),
  ];
  const products = new Map(
    (
      (await ctx
        .knex('products')
        .select('id', 'name', 'selling_price', 'cost_price', 'is_active')
        .where({ shop_id: ctx.shopId })
        .whereIn('id', productIds)) as ProductRow[]
    ).map((p) => [p.id, p]),
  );
  const devices = new Map(
    (
      (await ctx
        .knex('devices')
        .select('id', 'brand', 'model', 'imei_serial', 'selling_price', 'purchase_price', 'status')
        .where({ shop_id: ctx.shopId })
        .whereIn('id', deviceIds)) as DeviceRow[]
    ).map((d) => [d.id, d]),
  );
  if (
    deviceIds.length !== new Set(items.filter((i) => i.device_id !== undefined).map((i) => i.device_id)).size
  ) {
    throw new InvalidSaleError({ field: 'items', reason: 'a device can be sold only once in a sale' });
  }

  return items.map((item, i): SaleLineInput => {
    const field = `items[${i}]`;
    const base = { quantity: item.quantity, discount: item.discount_amount };
    if (item.product_id !== undefined) {
      const product = products.get(item.product_id);
      if (!product)
        throw new InvalidSaleError({ field: `${field}.product_id`, reason: 'is not a product of your shop' });
      if (!product.is_active)
        throw new InvalidSaleError({ field: `${field}.product_id`, reason: 'is no longer sold' });
      return {
        ...base,
        name: product.name,
        unitPrice: product.selling_price,
        unitCost: product.cost_price,
        productId: product.id,
        deviceId: null,
      };
    }
    if (item.device_id !== undefined) {
      const device = devices.get(item.device_id);
      if (!device)
        throw new InvalidSaleError({ field: `${field}.device_id`, reason: 'is not a device of your shop' });
      if (item.quantity !== 1)
        throw new InvalidSaleError({ field: `${field}.quantity`, reason: 'a device is sold one at a time' });
      if (device.selling_price === null) {
        throw new InvalidSaleError({ field: `${field}.device_id`, reason: 'has no selling price yet' });
      }
      return {
        ...base,
        name: `${device.brand} ${device.model} (${device.imei_serial})`,
        unitPrice: device.selling_price,
        unitCost: device.purchase_price ?? 0,
        productId: null,
        deviceId: device.id,
      };
    }
    if (item.name === undefined || item.unit_price === undefined) {
      throw new InvalidSaleError({
        field,
        reason: 'needs a product_id, a device_id, or a name and unit_price',
      });
    }
    return {
      ...base,
      name: item.name,
      unitPrice: item.unit_price,
      unitCost: 0,
      productId: null,
      deviceId: null,
    };
  });
}

/** Refuses a discount above the shop's staff limit unless the caller may edit sales (Supervisor, Owner). */
export function checkDiscountRight(ctx: ActionContext, totals: SaleTotals, limitBp: number): void {
  if (totals.discountShareBp > limitBp && !can(ctx.role, 'sales', 'update')) {
    throw new DiscountNeedsApprovalError({ limit_bp: limitBp, requested_bp: totals.discountShareBp });
  }
}

export function effectsOf(
  lines: SaleTotals['lines'],
  customerId: number | null,
  totals: SaleTotals,
  redeemed: number,
): SaleEffects {
  return {
    lines: lines.map((l) => ({ product_id: l.productId, device_id: l.deviceId, quantity: l.quantity })),
    customerId,
    finalAmount: totals.finalAmount,
    pointsEarned: customerId === null ? 0 : totals.pointsEarned,
    pointsRedeemed: redeemed,
  };
}

export async function checkout(ctx: ActionContext, input: CheckoutInput): Promise<SaleDetail> {
  if (input.redeem_points > 0 && input.customer_id === null) {
    throw new InvalidSaleError({ field: 'redeem_points', reason: 'points are redeemed by a customer' });
  }
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const settings = saleSettings(await loadSettings(ctx.knex, ctx.shopId));
  const lines = await priceLines(ctx, input.items);
  const totals = computeTotals(lines, input.discount_amount, input.redeem_points, settings);
  checkDiscountRight(ctx, totals, settings.staffDiscountLimitBp);
  const paymentMethod = paymentMethodOf(input.payments, totals.finalAmount, settings.paymentMethods);

  // The sale is numbered last, once everything that can refuse it has passed (numbering.ts).
  const [sale] = (await ctx
    .knex('sales')
    .insert({
      shop_id: ctx.shopId,
      sale_number: `PENDING-${randomUUID()}`,
      location_id: input.location_id,
      ...saleColumns(input, totals, paymentMethod),
      created_by: ctx.userId,
    })
    .returning(['id'])) as [{ id: number }];

  await writeLinesAndPayments(ctx, sale.id, totals.lines, input.payments);
  await changeEffects(
    ctx,
    sale.id,
    NO_EFFECTS,
    effectsOf(totals.lines, input.customer_id, totals, input.redeem_points),
    {
      movementType: 'sale',
    },
  );

  const pending = await getSale(ctx, sale.id);
  const number = await takeNumber(ctx, 'sale', shop.timezone);
  const saleNumberText = saleNumber(shop.code, number.year, number.value);
  await ctx.knex('sales').where({ id: sale.id }).update({ sale_number: saleNumberText });
  const detail = { ...pending, sale_number: saleNumberText };
  await audit(ctx, { entityType: 'sales', entityId: sale.id, action: 'create', newValue: detail });
  await enqueueEvent(ctx, 'sale.created', {
    sale_id: sale.id,
    sale_number: saleNumberText,
    total_amount: totals.finalAmount,
    payment_method: paymentMethod,
    created_by: detail.cashier,
  });
  await notifyRoles(ctx, ['Owner', 'Supervisor'], {
    title: 'New sale',
    message: `${saleNumberText} by ${detail.cashier ?? 'a cashier'}: ${formatMoney(totals.finalAmount, shop.currency)}`,
    type: 'sale.created',
    link: `/sales/${sale.id}`,
  });
  return detail;
}

/** Writes a sale's priced lines and its payments (zero amounts left out). */
export async function writeLinesAndPayments(
  ctx: ActionContext,
  saleId: number,
  lines: SaleTotals['lines'],
  payments: CheckoutInput['payments'],
): Promise<void> {
  await ctx.knex('sale_items').insert(
    lines.map((l) => ({
      shop_id: ctx.shopId,
      sale_id: saleId,
      product_id: l.productId,
      device_id: l.deviceId,
      item_name: l.name,
      quantity: l.quantity,
      unit_price: l.unitPrice,
      unit_cost: l.unitCost,
      discount_amount: l.discount,
      total_price: l.total,
    })),
  );
  const paid = payments.filter((p) => p.amount !== 0);
  if (paid.length > 0) {
    await ctx.knex('sale_payments').insert(
      paid.map((p) => ({
        shop_id: ctx.shopId,
        sale_id: saleId,
        method: p.method,
        amount: p.amount,
        reference: p.reference ?? null,
      })),
    );
  }
}

/** The columns of a sale that its input and computed totals decide (checkout and edit alike). */
export function saleColumns(
  input: CheckoutInput,
  totals: SaleTotals,
  paymentMethod: string,
): Record<string, unknown> {
  return {
    customer_id: input.customer_id,
    total_amount: totals.totalAmount,
    discount_amount: totals.discountAmount,
    tax_amount: totals.taxAmount,
    final_amount: totals.finalAmount,
    payment_method: paymentMethod,
    notes: input.notes,
    loyalty_points_earned: input.customer_id === null ? 0 : totals.pointsEarned,
    loyalty_points_redeemed: input.redeem_points,
  };
}
