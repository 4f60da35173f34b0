// Inventory reports: current stock levels, low stock, movement history, product performance and
// reorder recommendations. Stock levels are a snapshot of now; the others cover the period.
import { isoInstantSql } from '../exports/table.ts';
import { reorderRecommendations } from '../inventory/inventory.service.ts';
import { dayBindings, daysCtes } from './days.ts';
import { inDays, USER_NAME } from './ledger.ts';
import { col, query, total, type ReportDefinition } from './report.ts';

/** The movement history shows the period's latest movements; a product's full ledger is on /api/stock-movements. */
const MOVEMENTS_SHOWN = 5_000;

export const INVENTORY_REPORTS: ReportDefinition[] = [
  {
    name: 'inventory/stock-levels',
    title: 'Current stock levels',
    access: 'limited',
    periodic: false,
    run: async (input) => {
      const rows = await query<Record<string, number | string | boolean | null>>(
        input.ctx.knex,
        `SELECT id AS product_id, name, category, sku, barcode, stock_quantity, min_stock_level,
                stock_quantity <= min_stock_level AS low,
                cost_price::float8 AS cost_price, (stock_quantity::bigint * cost_price)::float8 AS value_at_cost,
                selling_price::float8 AS selling_price, (stock_quantity::bigint * selling_price)::float8 AS value_at_price
           FROM products WHERE shop_id = :shop AND is_active
          ORDER BY category, name`,
        input.bindings,
      );
      return {
        columns: [
          col('product_id', 'Product id', 'integer'),
          col('name', 'Product', 'text'),
          col('category', 'Category', 'text'),
          col('sku', 'SKU', 'text'),
          col('barcode', 'Barcode', 'text'),
          col('stock_quantity', 'In stock', 'integer'),
          col('min_stock_level', 'Minimum', 'integer'),
          col('low', 'Low', 'boolean'),
          col('cost_price', 'Unit cost', 'money', true),
          col('value_at_cost', 'Value at cost', 'money', true),
          col('selling_price', 'Price', 'money'),
          col('value_at_price', 'Value at price', 'money'),
        ],
        rows,
        summary: [
          { label: 'Units in stock', type: 'integer', value: total(rows, 'stock_quantity') },
          { label: 'Value at cost', type: 'money', value: total(rows, 'value_at_cost'), ownerOnly: true },
          { label: 'Value at price', type: 'money', value: total(rows, 'value_at_price') },
        ],
      };
    },
  },
  {
    name: 'inventory/low-stock',
    title: 'Low stock items',
    access: 'limited',
    periodic: false,
    run: async (input) => {
      const rows = await query<Record<string, number | string | null>>(
        input.ctx.knex,
        `SELECT id AS product_id, name, category, sku, stock_quantity, min_stock_level,
                min_stock_level - stock_quantity AS shortfall
           FROM products WHERE shop_id = :shop AND is_active AND stock_quantity <= min_stock_level
          ORDER BY stock_quantity - min_stock_level, name`,
        input.bindings,
      );
      return {
        columns: [
          col('product_id', 'Product id', 'integer'),
          col('name', 'Product', 'text'),
          col('category', 'Category', 'text'),
          col('sku', 'SKU', 'text'),
          col('stock_quantity', 'In stock', 'integer'),
          col('min_stock_level', 'Minimum', 'integer'),
          col('shortfall', 'Below minimum by', 'integer'),
        ],
        rows,
        summary: [{ label: 'Products low', type: 'integer', value: rows.length }],
      };
    },
  },
  {
    name: 'inventory/movements',
    title: 'Stock movement history',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      // The count from the days; the days that hold the latest movements, from the same counts, so
      // that only those days' movements are read and sorted.
      const bindings = await dayBindings(input);
      const [span] = await query<{ movements: number; since: string }>(
        input.ctx.knex,
        `WITH ${daysCtes('moved')},
         per_day AS (SELECT day, sum(movements) AS n FROM moved_days GROUP BY day),
         upto AS (SELECT day, sum(n) OVER (ORDER BY day DESC) AS n FROM per_day)
         SELECT (SELECT coalesce(sum(n), 0) FROM per_day)::integer AS movements,
                to_char(coalesce((SELECT max(day) FROM upto WHERE n >= :shown), (:from)::date), 'YYYY-MM-DD') AS since`,
        { ...bindings, shown: MOVEMENTS_SHOWN },
      );
      const rows = await query<Record<string, number | string | Date | null>>(
        input.ctx.knex,
        `SELECT ${isoInstantSql('m.created_at')} AS created_at, m.product_id, p.name, m.movement_type, m.quantity, m.stock_after,
                m.reference_type, m.reference_id, m.notes, ${USER_NAME} AS by_user
           FROM stock_movements m
           JOIN products p ON p.shop_id = m.shop_id AND p.id = m.product_id
           LEFT JOIN directus_users u ON u.id = m.created_by
          WHERE m.shop_id = :shop AND ${inDays('m.created_at', ':since', ':to')}
          ORDER BY m.created_at DESC, m.id DESC
          LIMIT ${MOVEMENTS_SHOWN}`,
        { ...input.bindings, since: span?.since ?? input.bindings.from },
      );
      return {
        columns: [
          col('created_at', 'When', 'datetime'),
          col('product_id', 'Product id', 'integer'),
          col('name', 'Product', 'text'),
          col('movement_type', 'Movement', 'text'),
          col('quantity', 'Quantity', 'integer'),
          col('stock_after', 'Stock after', 'integer'),
          col('reference_type', 'Reference', 'text'),
          col('reference_id', 'Reference id', 'integer'),
          col('notes', 'Notes', 'text'),
          col('by_user', 'By', 'text'),
        ],
        rows,
        summary: [
          { label: 'Movements', type: 'integer', value: span?.movements ?? rows.length },
          { label: 'Latest shown', type: 'integer', value: rows.length },
        ],
      };
    },
  },
  {
    name: 'inventory/product-performance',
    title: 'Product performance',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string | null>>(
        input.ctx.knex,
        `WITH ${daysCtes('lines')},
         sold AS (SELECT product_id, sum(quantity) AS quantity, sum(revenue) AS revenue, sum(cost) AS cost
                    FROM line_days WHERE product_id IS NOT NULL GROUP BY product_id)
         SELECT p.id AS product_id, p.name, p.category, p.stock_quantity,
                coalesce(s.quantity, 0)::integer AS units_sold, coalesce(s.revenue, 0)::float8 AS revenue,
                (coalesce(s.revenue, 0) - coalesce(s.cost, 0))::float8 AS profit,
                round(coalesce(s.quantity, 0)::numeric / ((:to)::date - (:from)::date + 1), 2)::float8 AS units_per_day,
                CASE WHEN coalesce(s.quantity, 0) <= 0 THEN NULL
                     ELSE floor(p.stock_quantity * ((:to)::date - (:from)::date + 1)::numeric / s.quantity)::float8 END AS days_of_cover
           FROM products p LEFT JOIN sold s ON s.product_id = p.id
          WHERE p.shop_id = :shop AND (p.is_active OR s.quantity IS NOT NULL)
          ORDER BY revenue DESC, units_sold DESC, p.name`,
        await dayBindings(input),
      );
      return {
        columns: [
          col('product_id', 'Product id', 'integer'),
          col('name', 'Product', 'text'),
          col('category', 'Category', 'text'),
          col('stock_quantity', 'In stock', 'integer'),
          col('units_sold', 'Units sold', 'integer'),
          col('revenue', 'Revenue', 'money'),
          col('profit', 'Profit', 'money', true),
          col('units_per_day', 'Units per day', 'number'),
          col('days_of_cover', 'Days of cover', 'integer'),
        ],
        rows,
        summary: [
          { label: 'Units sold', type: 'integer', value: total(rows, 'units_sold') },
          { label: 'Revenue', type: 'money', value: total(rows, 'revenue') },
        ],
      };
    },
  },
  {
    name: 'inventory/reorder',
    title: 'Reorder recommendations',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const days = Math.max(
        1,
        Math.round((Date.parse(input.period.to) - Date.parse(input.period.from)) / 86_400_000) + 1,
      );
      const rows = (await reorderRecommendations(input.ctx, days, 7, 30)) as unknown as Record<
        string,
        number | string | null
      >[];
      return {
        columns: [
          col('product_id', 'Product id', 'integer'),
          col('name', 'Product', 'text'),
          col('sku', 'SKU', 'text'),
          col('stock_quantity', 'In stock', 'integer'),
          col('min_stock_level', 'Minimum', 'integer'),
          col('sold_in_period', 'Sold in period', 'integer'),
          col('daily_velocity', 'Units per day', 'number'),
          col('days_of_cover', 'Days of cover', 'integer'),
          col('recommended_quantity', 'Reorder', 'integer'),
          col('unit_cost', 'Unit cost', 'money', true),
        ],
        rows,
        summary: [{ label: 'Products to reorder', type: 'integer', value: rows.length }],
      };
    },
  },
];
