// Stock outside of sales: manual adjustments with a reason, the low-stock list, the ledger, reorder
// recommendations from sales velocity (purchase orders use them), and the preloaded catalogue a new shop adds
// in one step. The POS lookup (barcode, name prefix) is here too: it is the hottest read of the shop.
import { isStoredId } from '../../domain/ranges.ts';
import { CATALOGUE } from '../../../../../snapshots/seed/catalogue.ts';
import { InvalidFieldError, NotFoundError } from '../../errors.ts';
import { audit } from '../audit.ts';
import { prefixEnd } from '../../database/prefix-range.ts';
import { prepared } from '../../database/prepared.ts';
import type { ActionContext } from '../context.ts';
import { unitsSoldSince } from '../reports/days.ts';
import { requireRight } from '../rights.ts';
import { moveStock, recordMovements } from '../stock.ts';

export interface ProductRow {
  id: number;
  name: string;
  category: string;
  sku: string | null;
  barcode: string | null;
  selling_price: number;
  cost_price?: number;
  stock_quantity: number;
  min_stock_level: number;
  is_active: boolean;
}

const PRODUCT_COLUMNS = [
  'id',
  'name',
  'category',
  'sku',
  'barcode',
  'selling_price',
  'stock_quantity',
  'min_stock_level',
  'is_active',
];
const columnsFor = (ctx: ActionContext): string[] =>
  ctx.role === 'Owner' ? [...PRODUCT_COLUMNS, 'cost_price'] : PRODUCT_COLUMNS;

async function product(ctx: ActionContext, productId: number): Promise<ProductRow> {
  // An id beyond the column's range is in no shop: answered as any id that is not there.
  if (!isStoredId(productId)) throw new NotFoundError({ entity: 'Product', id: String(productId) });
  const row = (await ctx
    .knex('products')
    .select(columnsFor(ctx))
    .where({ id: productId, shop_id: ctx.shopId })
    .first()) as ProductRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Product', id: String(productId) });
  return row;
}

/** Adds (positive) or removes (negative) stock by hand, with the reason in the ledger and the audit log. */
export async function adjustStock(
  ctx: ActionContext,
  productId: number,
  quantity: number,
  reason: string,
): Promise<ProductRow> {
  requireRight(ctx, 'products', 'adjust_stock');
  const before = await product(ctx, productId);
  const moved = await moveStock(ctx, [{ productId, quantity: -quantity }]);
  recordMovements(ctx, moved, {
    movementType: 'adjustment',
    referenceType: 'adjustment',
    referenceId: null,
    notes: reason,
  });
  const after = await product(ctx, productId);
  audit(ctx, {
    entityType: 'products',
    entityId: productId,
    action: 'adjust_stock',
    oldValue: { stock_quantity: before.stock_quantity },
    newValue: { stock_quantity: after.stock_quantity, change: quantity, reason },
  });
  return after;
}

/** Products at or below their minimum, lowest cover first. */
export async function lowStock(ctx: ActionContext): Promise<ProductRow[]> {
  requireRight(ctx, 'products', 'read');
  return (await ctx
    .knex('products')
    .select(columnsFor(ctx))
    .where({ shop_id: ctx.shopId, is_active: true })
    .whereRaw('stock_quantity <= min_stock_level')
    .orderByRaw('stock_quantity - min_stock_level, name')) as ProductRow[];
}

export interface MovementFilters {
  product_id?: number | undefined;
  movement_type?: string | undefined;
  limit: number;
  offset: number;
}

export async function stockMovements(ctx: ActionContext, filters: MovementFilters): Promise<unknown[]> {
  requireRight(ctx, 'products', 'adjust_stock');
  const query = ctx
    .knex('stock_movements as m')
    .join('products as p', 'p.id', 'm.product_id')
    .select(
      'm.id',
      'm.product_id',
      'p.name as product',
      'm.movement_type',
      'm.quantity',
      'm.stock_after',
      'm.reference_type',
      'm.reference_id',
      'm.notes',
      'm.created_by',
      'm.created_at',
    )
    .where('m.shop_id', ctx.shopId);
  if (filters.product_id !== undefined) void query.andWhere('m.product_id', filters.product_id);
  if (filters.movement_type) void query.andWhere('m.movement_type', filters.movement_type);
  return query.orderBy('m.id', 'desc').limit(filters.limit).offset(filters.offset);
}

export interface Recommendation {
  product_id: number;
  name: string;
  sku: string | null;
  stock_quantity: number;
  min_stock_level: number;
  sold_in_period: number;
  daily_velocity: number;
  days_of_cover: number | null;
  recommended_quantity: number;
  unit_cost?: number;
}

/**
 * What to reorder: the quantity that covers the lead time plus the target cover at the recent sales
 * rate, less what is on the shelf, and never less than what brings the product back to its minimum.
 */
export async function reorderRecommendations(
  ctx: ActionContext,
  days: number,
  leadDays: number,
  coverDays: number,
): Promise<Recommendation[]> {
  requireRight(ctx, 'products', 'read');
  // Units sold in the last `days` days (sales not reversed), from the reports' aggregated days and
  // the open days' sales: a year of a busy shop is read as days, not as every line sold.
  const sold = await unitsSoldSince(ctx, days);
  const rows = (await ctx.knex.raw(
    `SELECT id, name, sku, stock_quantity, min_stock_level, cost_price FROM products WHERE shop_id = ? AND is_active`,
    [ctx.shopId],
  )) as {
    rows: {
      id: number;
      name: string;
      sku: string | null;
      stock_quantity: number;
      min_stock_level: number;
      cost_price: number;
    }[];
  };
  return rows.rows
    .map((product) => ({ ...product, sold: sold.get(product.id) ?? 0 }))
    .map((r) => {
      const velocity = r.sold / days;
      const target = Math.ceil(velocity * (leadDays + coverDays));
      const recommended = Math.max(
        target - r.stock_quantity,
        r.min_stock_level - r.stock_quantity + (r.stock_quantity <= r.min_stock_level ? 1 : 0),
        0,
      );
      return {
        product_id: r.id,
        name: r.name,
        sku: r.sku,
        stock_quantity: r.stock_quantity,
        min_stock_level: r.min_stock_level,
        sold_in_period: r.sold,
        daily_velocity: Math.round(velocity * 100) / 100,
        days_of_cover: velocity > 0 ? Math.floor(r.stock_quantity / velocity) : null,
        recommended_quantity: recommended,
        ...(ctx.role === 'Owner' ? { unit_cost: r.cost_price } : {}),
      };
    })
    .filter((r) => r.recommended_quantity > 0)
    .sort(
      (a, b) => (a.days_of_cover ?? Infinity) - (b.days_of_cover ?? Infinity) || a.name.localeCompare(b.name),
    );
}

/** The preloaded catalogue as the caller may see it: cost prices for Owners only. */
export function catalogueFor(ctx: ActionContext): Record<string, unknown>[] {
  requireRight(ctx, 'products', 'read');
  return CATALOGUE.map((c) => ({
    sku: c.sku,
    name: c.name,
    category: c.category,
    selling_price: c.sellingPrice,
    min_stock_level: c.minStockLevel,
    ...(ctx.role === 'Owner' ? { cost_price: c.costPrice } : {}),
  }));
}

/** Adds the preloaded catalogue (or the chosen SKUs of it) to the shop; SKUs it already has are skipped. */
export async function addCatalogue(
  ctx: ActionContext,
  skus: readonly string[] | null,
): Promise<{ created: string[]; skipped: string[] }> {
  requireRight(ctx, 'products', 'create');
  const unknown = (skus ?? []).filter((sku) => !CATALOGUE.some((c) => c.sku === sku));
  if (unknown.length > 0)
    throw new InvalidFieldError({ field: 'skus', reason: `not in the catalogue: ${unknown.join(', ')}` });
  const items = CATALOGUE.filter((c) => skus === null || skus.includes(c.sku));
  const inserted = (await ctx
    .knex('products')
    .insert(
      items.map((c) => ({
        shop_id: ctx.shopId,
        name: c.name,
        category: c.category,
        sku: c.sku,
        cost_price: c.costPrice,
        selling_price: c.sellingPrice,
        stock_quantity: 0,
        min_stock_level: c.minStockLevel,
        is_preloaded: true,
        created_by: ctx.userId,
      })),
    )
    .onConflict(['shop_id', 'sku'])
    .ignore()
    .returning('sku')) as { sku: string }[];
  const created = inserted.map((r) => r.sku);
  audit(ctx, {
    entityType: 'products',
    entityId: 'catalogue',
    action: 'create',
    newValue: { skus: created },
  });
  return { created, skipped: items.map((c) => c.sku).filter((sku) => !created.includes(sku)) };
}

// The POS lookup's two statements, prepared once per connection (database/prepared.ts). The name
// prefix is a range on the "C"-collation index of lower(name) (migration 0005), which gives both the
// matches and their order and stops after `limit` rows; a range (unlike LIKE with a parameter) keeps
// that plan when PostgreSQL plans the statement once for every prefix. PostgreSQL answers the rows as
// one JSON text, which the edge sends as it is: the till's hottest read parses and serialises no row
// in Directus's single thread (the columns are integers, text and booleans, the same in JSON).
const COLUMNS = PRODUCT_COLUMNS.join(', ');
const asJson = (select: string, order: string): string =>
  `SELECT coalesce(json_agg(p ORDER BY ${order}), '[]')::text AS rows FROM (${select}) p`;
export const BY_BARCODE = asJson(
  `SELECT ${COLUMNS} FROM products WHERE shop_id = ? AND is_active AND (barcode = ? OR sku = ?) LIMIT ?`,
  'p.id',
);
export const BY_NAME_PREFIX = asJson(
  `SELECT ${COLUMNS} FROM products
    WHERE shop_id = ? AND is_active AND lower(name) COLLATE "C" >= ? AND lower(name) COLLATE "C" < ?
    ORDER BY lower(name) COLLATE "C" LIMIT ?`,
  'lower(p.name) COLLATE "C"',
);

/**
 * The POS lookup: an exact barcode or SKU, or a name prefix; active products only, cashier columns
 * only. Answers the JSON text of the array of products.
 */
export async function lookupProductsJson(
  ctx: ActionContext,
  by: { barcode?: string | undefined; q?: string | undefined },
  limit: number,
): Promise<string> {
  requireRight(ctx, 'products', 'read');
  const prefix = (by.q ?? '').toLowerCase();
  const [row] = (
    by.barcode
      ? await prepared(ctx.knex, BY_BARCODE, [ctx.shopId, by.barcode, by.barcode, limit])
      : await prepared(ctx.knex, BY_NAME_PREFIX, [ctx.shopId, prefix, prefixEnd(prefix), limit])
  ) as [{ rows: string }];
  return row.rows;
}
