// Stock can never go negative (ARCHITECTURE decision 6): one conditional UPDATE for all the products
// of a change, which locks them in product-id order, in the caller's transaction, with a ledger row
// for every change. A product taken to or below its minimum alerts the Owners and Supervisors once
// per crossing.
import { InsufficientStockError, NotFoundError } from '../errors.ts';
import { prepared } from '../database/prepared.ts';
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

export interface Moved extends StockChange {
  name: string;
  /** The stock after the change. */
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

// The rows are locked first, in id order, so that two checkouts of the same products never wait on
// each other in a cycle; the UPDATE then takes what is left only where enough is left. Under READ
// COMMITTED, a row another checkout changed meanwhile is re-read and its stock checked again.
// As WITH clauses, so that the checkout can fold them into its own first statement: `change` holds
// the changes (binding: changesJson), `locked` and `moved` follow from it (bindings: shop, shop).

/** The `change` clause; `condition` (SQL) can make the statement move nothing. */
export function changeCte(condition = 'true'): string {
  return `change AS (
    SELECT * FROM jsonb_to_recordset(?::jsonb) AS c(product_id integer, quantity integer) WHERE ${condition}
  )`;
}

export const MOVED_CTES = `
  locked AS MATERIALIZED (
    SELECT p.id FROM products p JOIN change c ON c.product_id = p.id
    WHERE p.shop_id = ? ORDER BY p.id FOR UPDATE OF p
  ), moved AS (
    UPDATE products p
       SET stock_quantity = p.stock_quantity - c.quantity, updated_at = now()
      FROM change c
     WHERE p.id = c.product_id AND p.shop_id = ? AND p.id IN (SELECT id FROM locked)
       AND p.stock_quantity >= c.quantity
    RETURNING p.id AS "productId", c.quantity, p.name, p.stock_quantity, p.min_stock_level
  )`;

export function changesJson(net: readonly StockChange[]): string {
  return JSON.stringify(net.map((c) => ({ product_id: c.productId, quantity: c.quantity })));
}

const MOVE = `WITH ${changeCte()}, ${MOVED_CTES} SELECT * FROM moved`;

/** Applies the changes, all or none; returns the movements to record once the reference exists. */
export async function moveStock(ctx: ActionContext, changes: readonly StockChange[]): Promise<Moved[]> {
  const net = netChanges(changes);
  if (net.length === 0) return [];
  const rows = (await prepared(ctx.knex, MOVE, [changesJson(net), ctx.shopId, ctx.shopId])) as Moved[];
  return checkMoved(ctx, net, rows);
}

/**
 * The movements of `net` as MOVED_CTES returned them, or the refusal of the first product that is
 * missing or short (the caller's transaction is then rolled back, undoing the others' changes).
 */
export async function checkMoved(
  ctx: ActionContext,
  net: readonly StockChange[],
  moved: readonly Moved[],
): Promise<Moved[]> {
  if (moved.length === net.length) return [...moved].sort((a, b) => a.productId - b.productId);
  const refused = net.find((c) => !moved.some((r) => r.productId === c.productId));
  if (!refused) throw new Error('stock change returned rows it was not asked for');
  const product = (await ctx
    .knex('products')
    .select('name', 'stock_quantity')
    .where({ id: refused.productId, shop_id: ctx.shopId })
    .first()) as { name: string; stock_quantity: number } | undefined;
  if (!product) throw new NotFoundError({ entity: 'Product', id: String(refused.productId) });
  throw new InsufficientStockError({
    product_id: refused.productId,
    product: product.name,
    available: product.stock_quantity,
    requested: refused.quantity,
  });
}

/** Appends the ledger rows and the low-stock alerts of products that just crossed their minimum. */
export function recordMovements(ctx: ActionContext, moved: readonly Moved[], ref: StockReference): void {
  ctx.journal.append(
    'stock_movements',
    ...moved.map((m) => ({
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
      notifyRoles(ctx, ['Owner', 'Supervisor'], {
        title: 'Low stock',
        message: `${m.name} is running low: ${m.stock_quantity} left (minimum ${m.min_stock_level}).`,
        type: 'stock.low_alert',
        link: `/products/${m.productId}`,
      });
      enqueueEvent(ctx, 'stock.low_alert', {
        product_id: m.productId,
        name: m.name,
        stock_quantity: m.stock_quantity,
        min_stock_level: m.min_stock_level,
      });
    }
  }
}
