// Stock can never go negative (ARCHITECTURE decision 6): one conditional UPDATE per product, in
// product-id order, in the caller's transaction, with a ledger row for every change. A product taken
// to or below its minimum alerts the Owners and Supervisors once per crossing.
import { InsufficientStockError, NotFoundError } from '../errors.ts';
import type { ActionContext } from './context.ts';
import { notifyRoles } from './notifications.ts';
import { enqueueEvent } from './outbox.ts';

/** A change of stock: a positive quantity leaves the shop, a negative one comes back. */
export interface StockChange {
  productId: number;
  quantity: number;
}

export interface StockReference {
  movementType: string;
  referenceType: string;
  referenceId: number | null;
  notes?: string | null;
}

interface Moved {
  id: number;
  name: string;
  stock_quantity: number;
  min_stock_level: number;
}

/** Sums changes per product and drops those that cancel out, in product-id order. */
export function netChanges(changes: readonly StockChange[]): StockChange[] {
  const net = new Map<number, number>();
  for (const c of changes) net.set(c.productId, (net.get(c.productId) ?? 0) + c.quantity);
  return [...net.entries()]
    .filter(([, quantity]) => quantity !== 0)
    .sort(([a], [b]) => a - b)
    .map(([productId, quantity]) => ({ productId, quantity }));
}

/** Applies the changes; returns the movements to record once the reference exists. */
export async function moveStock(
  ctx: ActionContext,
  changes: readonly StockChange[],
): Promise<(StockChange & Moved)[]> {
  const moved: (StockChange & Moved)[] = [];
  for (const change of netChanges(changes)) {
    const out = change.quantity;
    const result = await ctx.knex.raw<{ rows: Moved[] }>(
      `UPDATE products SET stock_quantity = stock_quantity - ?, updated_at = now()
       WHERE id = ? AND shop_id = ? AND stock_quantity >= ?
       RETURNING id, name, stock_quantity, min_stock_level`,
      [out, change.productId, ctx.shopId, out],
    );
    const row = result.rows[0];
    if (!row) {
      const product = (await ctx
        .knex('products')
        .select('name', 'stock_quantity')
        .where({ id: change.productId, shop_id: ctx.shopId })
        .first()) as { name: string; stock_quantity: number } | undefined;
      if (!product) throw new NotFoundError({ entity: 'Product', id: String(change.productId) });
      throw new InsufficientStockError({
        product_id: change.productId,
        product: product.name,
        available: product.stock_quantity,
        requested: out,
      });
    }
    moved.push({ ...change, ...row });
  }
  return moved;
}

/** Writes the ledger rows and raises low-stock alerts for products that just crossed their minimum. */
export async function recordMovements(
  ctx: ActionContext,
  moved: readonly (StockChange & Moved)[],
  ref: StockReference,
): Promise<void> {
  if (moved.length === 0) return;
  await ctx.knex('stock_movements').insert(
    moved.map((m) => ({
      shop_id: ctx.shopId,
      product_id: m.productId,
      movement_type: ref.movementType,
      quantity: -m.quantity,
      stock_after: m.stock_quantity,
      reference_type: ref.referenceType,
      reference_id: ref.referenceId,
      notes: ref.notes ?? null,
      created_by: ctx.userId,
    })),
  );
  for (const m of moved) {
    const before = m.stock_quantity + m.quantity;
    if (before > m.min_stock_level && m.stock_quantity <= m.min_stock_level) {
      await notifyRoles(ctx, ['Owner', 'Supervisor'], {
        title: 'Low stock',
        message: `${m.name} is running low: ${m.stock_quantity} left (minimum ${m.min_stock_level}).`,
        type: 'stock.low_alert',
        link: `/products/${m.id}`,
      });
      await enqueueEvent(ctx, 'stock.low_alert', {
        product_id: m.id,
        name: m.name,
        stock_quantity: m.stock_quantity,
        min_stock_level: m.min_stock_level,
      });
    }
  }
}
