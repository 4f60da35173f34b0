// The catalogue, by category and name, with stock levels. Owners also get the cost price and the
// stock's value at cost. `from`/`to` are the days products were added.
import { z } from 'zod';
import { baseFilters, checkPeriod, defineList, withinDays } from './list.ts';

const flag = z.enum(['true', 'false'], 'must be true or false').transform((v) => v === 'true');

const schema = baseFilters
  .extend({
    category: z.string().trim().min(1).max(100).optional(),
    is_active: flag.optional(),
    low_stock: flag.optional(),
  })
  .superRefine(checkPeriod);

export const productsList = defineList({
  name: 'products',
  title: 'Products',
  resource: 'products',
  schema,
  columns: [
    { key: 'id', width: 7, label: 'ID', type: 'integer', sql: 'p.id' },
    { key: 'name', width: 28, label: 'Name', type: 'text', sql: 'p.name' },
    { key: 'category', width: 16, label: 'Category', type: 'text', sql: 'p.category' },
    { key: 'sku', width: 12, label: 'SKU', type: 'text', sql: 'p.sku' },
    { key: 'barcode', width: 14, label: 'Barcode', type: 'text', sql: 'p.barcode' },
    { key: 'cost_price', label: 'Cost price', type: 'money', sql: 'p.cost_price', ownerOnly: true },
    { key: 'selling_price', label: 'Selling price', type: 'money', sql: 'p.selling_price' },
    { key: 'stock_quantity', label: 'In stock', type: 'integer', sql: 'p.stock_quantity' },
    { key: 'min_stock_level', label: 'Minimum stock', type: 'integer', sql: 'p.min_stock_level' },
    {
      key: 'stock_value',
      label: 'Stock value (selling)',
      type: 'money',
      sql: 'p.stock_quantity * p.selling_price',
    },
    {
      key: 'stock_cost',
      label: 'Stock value (cost)',
      type: 'money',
      sql: 'p.stock_quantity * p.cost_price',
      ownerOnly: true,
    },
    { key: 'is_active', width: 7, label: 'Active', type: 'boolean', sql: 'p.is_active' },
    { key: 'created_at', label: 'Added', type: 'datetime', sql: 'p.created_at' },
  ],
  summary: [
    { label: 'Products', type: 'integer', of: 'count' },
    { label: 'Units in stock', type: 'integer', of: { sum: 'stock_quantity' } },
    { label: 'Stock value (selling)', type: 'money', of: { sum: 'stock_value' } },
    { label: 'Stock value (cost)', type: 'money', of: { sum: 'stock_cost' } },
  ],
  from: ({ ctx, filters, shop, knex }) => {
    const query = knex('products as p').where('p.shop_id', ctx.shopId);
    withinDays(knex, query, 'p.created_at', filters, shop.timezone);
    if (filters.category) void query.andWhere('p.category', filters.category);
    if (filters.is_active !== undefined) void query.andWhere('p.is_active', filters.is_active);
    if (filters.low_stock === true) void query.andWhereRaw('p.stock_quantity <= p.min_stock_level');
    if (filters.low_stock === false) void query.andWhereRaw('p.stock_quantity > p.min_stock_level');
    return query;
  },
  orderBy: ['p.category', 'lower(p.name)', 'p.id'],
});
