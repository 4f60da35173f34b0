// Customers, oldest first, with their loyalty balance and what they have bought. `from`/`to` are the
// days they were registered.
import { z } from 'zod';
import { baseFilters, checkPeriod, dayText, defineList, withinDays } from './list.ts';

const schema = baseFilters
  .extend({ q: z.string().trim().min(1).max(100).optional() })
  .superRefine(checkPeriod);

export const customersList = defineList({
  name: 'customers',
  title: 'Customers',
  resource: 'customers',
  schema,
  columns: [
    { key: 'id', width: 7, label: 'ID', type: 'integer', sql: 'c.id' },
    { key: 'name', width: 22, label: 'Name', type: 'text', sql: 'c.name' },
    { key: 'phone', width: 15, label: 'Phone', type: 'text', sql: 'c.phone' },
    { key: 'email', width: 24, label: 'E-mail', type: 'text', sql: 'c.email' },
    { key: 'address', width: 22, label: 'Address', type: 'text', sql: 'c.address' },
    { key: 'gender', width: 8, label: 'Gender', type: 'text', sql: 'c.gender' },
    { key: 'date_of_birth', label: 'Date of birth', type: 'date', sql: dayText('c.date_of_birth') },
    { key: 'loyalty_points', label: 'Loyalty points', type: 'integer', sql: 'c.loyalty_points' },
    { key: 'total_purchases', label: 'Total purchases', type: 'money', sql: 'c.total_purchases' },
    { key: 'created_at', label: 'Registered', type: 'datetime', sql: 'c.created_at' },
    { key: 'notes', width: 24, label: 'Notes', type: 'text', sql: 'c.notes' },
  ],
  summary: [
    { label: 'Customers', type: 'integer', of: 'count' },
    { label: 'Total purchases', type: 'money', of: { sum: 'total_purchases' } },
    { label: 'Loyalty points held', type: 'integer', of: { sum: 'loyalty_points' } },
  ],
  from: ({ ctx, filters, shop, knex }) => {
    const query = knex('customers as c').where('c.shop_id', ctx.shopId);
    withinDays(knex, query, 'c.created_at', filters, shop.timezone);
    if (filters.q) {
      const like = `%${filters.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      void query.andWhere((w) => {
        void w.whereRaw('lower(c.name) like ?', [like]).orWhere('c.phone', 'like', like);
      });
    }
    return query;
  },
  orderBy: ['c.created_at', 'c.id'],
});
