// Purchase orders: an Owner orders stock from a supplier, priced at cost, from the reorder
// recommendations or chosen quantities; a Supervisor or Owner receives each delivery against the
// order, which brings its stock in through the ledger, until all of it came in (Received) or the
// Owner cancels the rest. Unit costs and totals are the Owner's (the matrix keeps cost prices from
// other roles).
import { isMoney, isStoredId, MAX_MONEY } from '../../domain/ranges.ts';
import type { PurchaseOrderStatus } from '../../../../../snapshots/enums.ts';
import type { PurchaseOrder, PurchaseOrderLine } from '../../domain/purchase-order.ts';
import { InvalidFieldError, NotFoundError, PurchaseOrderStateError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { reorderRecommendations } from '../inventory/inventory.service.ts';
import { nextNumber } from '../numbering.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';
import { moveStock, recordMovements } from '../stock.ts';

export type { PurchaseOrder, PurchaseOrderLine };

export interface OrderInput {
  supplier: string | null;
  notes: string | null;
  /** Days of sales history for the recommendations, when no lines are given. */
  days: number;
  lines: { product_id: number; quantity: number }[] | null;
}

const seesCosts = (ctx: ActionContext): boolean => ctx.role === 'Owner';

interface OrderRow {
  id: number;
  reference: string;
  supplier: string | null;
  status: PurchaseOrderStatus;
  notes: string | null;
  total_cost: number;
  created_by: string | null;
  created_at: string;
  received_at: string | null;
  cancelled_at: string | null;
}

interface LineRow {
  id: number;
  product_id: number | null;
  product_name: string;
  sku: string | null;
  quantity: number;
  received_quantity: number;
  unit_cost: number;
}

const ORDER_COLUMNS = [
  'id',
  'reference',
  'supplier',
  'status',
  'notes',
  'total_cost',
  'created_by',
  'created_at',
  'received_at',
  'cancelled_at',
];

function toOrder(ctx: ActionContext, row: OrderRow, lines: readonly LineRow[]): PurchaseOrder {
  const { total_cost, ...order } = row;
  return {
    ...order,
    lines: lines.map((l) => ({
      id: l.id,
      product_id: l.product_id,
      name: l.product_name,
      sku: l.sku,
      quantity: l.quantity,
      received_quantity: l.received_quantity,
      ...(seesCosts(ctx) ? { unit_cost: l.unit_cost, total: l.unit_cost * l.quantity } : {}),
    })),
    ...(seesCosts(ctx) ? { total: total_cost } : {}),
  };
}

async function readLines(ctx: ActionContext, orderId: number): Promise<LineRow[]> {
  return (await ctx
    .knex('purchase_order_lines')
    .select('id', 'product_id', 'product_name', 'sku', 'quantity', 'received_quantity', 'unit_cost')
    .where({ shop_id: ctx.shopId, purchase_order_id: orderId })
    .orderBy('id')) as LineRow[];
}

async function readOrder(ctx: ActionContext, orderId: number, forUpdate = false): Promise<OrderRow> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(orderId)) throw new NotFoundError({ entity: 'Purchase order', id: String(orderId) });
  const query = ctx.knex('purchase_orders').select(ORDER_COLUMNS).where({ shop_id: ctx.shopId, id: orderId });
  if (forUpdate) void query.forUpdate();
  const row = (await query.first()) as OrderRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Purchase order', id: String(orderId) });
  return row;
}

/** Orders stock: the chosen quantities, or what the recommendations say, priced at today's cost. */
export async function createPurchaseOrder(ctx: ActionContext, input: OrderInput): Promise<PurchaseOrder> {
  requireRight(ctx, 'products', 'create');
  const wanted =
    input.lines ??
    (await reorderRecommendations(ctx, input.days, 7, 30)).map((r) => ({
      product_id: r.product_id,
      quantity: r.recommended_quantity,
    }));
  if (wanted.length === 0) {
    throw new InvalidFieldError({ field: 'lines', reason: 'nothing to order: no product needs restocking' });
  }
  const seen = new Set<number>();
  for (const line of wanted) {
    if (seen.has(line.product_id))
      throw new InvalidFieldError({ field: `lines.${line.product_id}`, reason: 'is listed twice' });
    seen.add(line.product_id);
  }
  const products = (await ctx
    .knex('products')
    .select('id', 'name', 'sku', 'cost_price')
    .where({ shop_id: ctx.shopId })
    .whereIn('id', [...seen])) as { id: number; name: string; sku: string | null; cost_price: number }[];
  const lines = wanted.map((line) => {
    const product = products.find((p) => p.id === line.product_id);
    if (!product)
      throw new InvalidFieldError({
        field: `lines.${line.product_id}`,
        reason: 'is not a product of your shop',
      });
    return {
      shop_id: ctx.shopId,
      product_id: product.id,
      product_name: product.name,
      sku: product.sku,
      quantity: line.quantity,
      unit_cost: product.cost_price,
    };
  });

  const totalCost = lines.reduce((sum, l) => sum + l.unit_cost * l.quantity, 0);
  if (!isMoney(totalCost))
    throw new InvalidFieldError({
      field: 'lines',
      reason: `the order's total cost is above the largest amount accepted (${MAX_MONEY})`,
    });
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const number = await nextNumber(ctx, 'purchase_order', shop.timezone);
  const [order] = (await ctx
    .knex('purchase_orders')
    .insert({
      shop_id: ctx.shopId,
      reference: `${shop.code}-PO-${number.year}-${String(number.value).padStart(5, '0')}`,
      supplier: input.supplier,
      notes: input.notes,
      total_cost: totalCost,
      created_by: ctx.userId,
    })
    .returning(ORDER_COLUMNS)) as [OrderRow];
  await ctx.knex('purchase_order_lines').insert(lines.map((l) => ({ ...l, purchase_order_id: order.id })));
  const created = toOrder(ctx, order, await readLines(ctx, order.id));
  audit(ctx, { entityType: 'purchase_orders', entityId: order.id, action: 'create', newValue: created });
  return created;
}

export interface OrderFilters {
  status?: PurchaseOrderStatus | undefined;
  limit: number;
  offset: number;
}

/** The shop's purchase orders, newest first, with their lines. */
export async function listPurchaseOrders(
  ctx: ActionContext,
  filters: OrderFilters,
): Promise<{ data: PurchaseOrder[]; total: number }> {
  requireRight(ctx, 'products', 'adjust_stock');
  const query = ctx.knex('purchase_orders').where({ shop_id: ctx.shopId });
  if (filters.status) void query.andWhere('status', filters.status);
  const [{ total }] = (await query.clone().count({ total: '*' })) as [{ total: string }];
  const orders = (await query
    .select(ORDER_COLUMNS)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)) as OrderRow[];
  const lines = (await ctx
    .knex('purchase_order_lines')
    .select(
      'purchase_order_id',
      'id',
      'product_id',
      'product_name',
      'sku',
      'quantity',
      'received_quantity',
      'unit_cost',
    )
    .where({ shop_id: ctx.shopId })
    .whereIn(
      'purchase_order_id',
      orders.map((o) => o.id),
    )
    .orderBy('id')) as (LineRow & { purchase_order_id: number })[];
  return {
    data: orders.map((o) =>
      toOrder(
        ctx,
        o,
        lines.filter((l) => l.purchase_order_id === o.id),
      ),
    ),
    total: Number(total),
  };
}

export async function getPurchaseOrder(ctx: ActionContext, orderId: number): Promise<PurchaseOrder> {
  requireRight(ctx, 'products', 'adjust_stock');
  return toOrder(ctx, await readOrder(ctx, orderId), await readLines(ctx, orderId));
}

const OPEN: readonly PurchaseOrderStatus[] = ['Ordered', 'Partially Received'];

/** The order, locked for the rest of the transaction, if it is still open; `doing` words the refusal. */
async function openOrder(ctx: ActionContext, orderId: number, doing: string): Promise<OrderRow> {
  const order = await readOrder(ctx, orderId, true);
  if (!OPEN.includes(order.status)) {
    throw new PurchaseOrderStateError({ reference: order.reference, reason: `is ${order.status}: ${doing}` });
  }
  return order;
}

async function updateOrder(
  ctx: ActionContext,
  orderId: number,
  changes: Record<string, unknown>,
): Promise<OrderRow> {
  const [updated] = (await ctx
    .knex('purchase_orders')
    .where({ shop_id: ctx.shopId, id: orderId })
    .update({ ...changes, updated_at: new Date() })
    .returning(ORDER_COLUMNS)) as [OrderRow];
  return updated;
}

/**
 * Receives a delivery: the given quantities per product, or everything still outstanding. Stock comes
 * in through the ledger (`purchase` movements referencing the order); the order is Received once
 * every line is complete.
 */
export async function receivePurchaseOrder(
  ctx: ActionContext,
  orderId: number,
  delivery: { product_id: number; quantity: number }[] | null,
  notes: string | null,
): Promise<PurchaseOrder> {
  requireRight(ctx, 'products', 'adjust_stock');
  const order = await openOrder(ctx, orderId, 'nothing more comes in');
  const lines = await readLines(ctx, orderId);
  const before = toOrder(ctx, order, lines);
  const received = new Map<number, number>();
  if (delivery) {
    for (const item of delivery) {
      const line = lines.find((l) => l.product_id === item.product_id);
      const field = `lines.${item.product_id}`;
      if (!line) throw new InvalidFieldError({ field, reason: 'is not on this purchase order' });
      if (received.has(item.product_id)) throw new InvalidFieldError({ field, reason: 'is listed twice' });
      const outstanding = line.quantity - line.received_quantity;
      if (item.quantity > outstanding) {
        throw new InvalidFieldError({
          field,
          reason: `only ${outstanding} of ${line.quantity} are still to come; record extra units with a stock adjustment`,
        });
      }
      received.set(item.product_id, item.quantity);
    }
  } else {
    for (const line of lines) {
      if (line.product_id !== null && line.received_quantity < line.quantity)
        received.set(line.product_id, line.quantity - line.received_quantity);
    }
  }
  if (received.size === 0) throw new InvalidFieldError({ field: 'lines', reason: 'nothing to receive' });

  const moved = await moveStock(
    ctx,
    [...received].map(([productId, quantity]) => ({ productId, quantity: -quantity })),
  );
  recordMovements(ctx, moved, {
    movementType: 'purchase',
    referenceType: 'purchase_order',
    referenceId: orderId,
    notes: notes ? `${order.reference}: ${notes}` : order.reference,
  });
  for (const [productId, quantity] of received) {
    await ctx
      .knex('purchase_order_lines')
      .where({ shop_id: ctx.shopId, purchase_order_id: orderId, product_id: productId })
      .increment('received_quantity', quantity);
  }
  const after = await readLines(ctx, orderId);
  const complete = after.every((l) => l.received_quantity === l.quantity || l.product_id === null);
  const updated = await updateOrder(ctx, orderId, {
    status: complete ? 'Received' : 'Partially Received',
    received_at: new Date(),
  });
  const result = toOrder(ctx, updated, after);
  audit(ctx, {
    entityType: 'purchase_orders',
    entityId: orderId,
    action: 'receive',
    oldValue: before,
    newValue: { ...result, received: Object.fromEntries(received), notes },
  });
  return result;
}

/** Cancels what has not come in yet (what came in stays in stock). */
export async function cancelPurchaseOrder(
  ctx: ActionContext,
  orderId: number,
  reason: string,
): Promise<PurchaseOrder> {
  requireRight(ctx, 'products', 'create');
  const order = await openOrder(ctx, orderId, 'it cannot be cancelled');
  const lines = await readLines(ctx, orderId);
  const updated = await updateOrder(ctx, orderId, {
    status: 'Cancelled',
    cancelled_by: ctx.userId,
    cancelled_at: new Date(),
    notes: order.notes ? `${order.notes}\nCancelled: ${reason}` : `Cancelled: ${reason}`,
  });
  const result = toOrder(ctx, updated, lines);
  audit(ctx, {
    entityType: 'purchase_orders',
    entityId: orderId,
    action: 'cancel',
    oldValue: toOrder(ctx, order, lines),
    newValue: { ...result, reason },
  });
  return result;
}
