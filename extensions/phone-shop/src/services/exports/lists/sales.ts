// Sales, oldest first: one row per sale or reversal record, with the customer and the cashier. Owners
// also get the cost of what was sold and the margin; a reversal carries its sale's, negated.
import { z } from 'zod';
import { SALE_PAYMENT_METHODS, SALE_STATUSES } from '../../../../../../snapshots/enums.ts';
import { queryId } from '../../../endpoints/api/schemas.ts';
import { baseFilters, checkPeriod, defineList, personName, withinDays } from './list.ts';

const schema = baseFilters
  .extend({
    status: z.enum(SALE_STATUSES).optional(),
    payment_method: z.enum(SALE_PAYMENT_METHODS).optional(),
    staff_id: z.uuid('must be a user id (UUID)').optional(),
    customer_id: queryId.optional(),
    kind: z.enum(['sale', 'reversal']).optional(),
  })
  .superRefine(checkPeriod);

// The cost of a sale's lines, joined for Owners only (the only ones who see it); a reversal has no
// lines of its own and takes back its sale's cost.
const COST_JOIN = `left join lateral (
  select coalesce(sum(si.unit_cost * si.quantity), 0)
    * (case when s.kind = 'reversal' then -1 else 1 end) as total
  from sale_items si
  where si.shop_id = s.shop_id and si.sale_id = coalesce(s.reversal_of, s.id)
) as cost on true`;
const COST = 'cost.total';

export const salesList = defineList({
  name: 'sales',
  title: 'Sales',
  resource: 'sales',
  schema,
  columns: [
    { key: 'sale_number', width: 21, label: 'Sale number', type: 'text', sql: 's.sale_number' },
    { key: 'created_at', label: 'Date', type: 'datetime', sql: 's.created_at' },
    { key: 'kind', width: 9, label: 'Kind', type: 'text', sql: 's.kind' },
    { key: 'status', width: 10, label: 'Status', type: 'text', sql: 's.status' },
    { key: 'customer', width: 20, label: 'Customer', type: 'text', sql: 'c.name' },
    { key: 'cashier', width: 16, label: 'Cashier', type: 'text', sql: personName('u') },
    { key: 'payment_method', width: 16, label: 'Payment method', type: 'text', sql: 's.payment_method' },
    { key: 'total_amount', label: 'Total', type: 'money', sql: 's.total_amount' },
    { key: 'discount_amount', label: 'Discount', type: 'money', sql: 's.discount_amount' },
    { key: 'tax_amount', label: 'Tax', type: 'money', sql: 's.tax_amount' },
    { key: 'final_amount', label: 'Amount paid', type: 'money', sql: 's.final_amount' },
    { key: 'cost_total', label: 'Cost', type: 'money', sql: COST, ownerOnly: true },
    {
      key: 'margin',
      label: 'Margin',
      type: 'money',
      sql: `(s.final_amount - s.tax_amount - ${COST})`,
      ownerOnly: true,
    },
  ],
  summary: [
    { label: 'Sales and reversals', type: 'integer', of: 'count' },
    { label: 'Total paid', type: 'money', of: { sum: 'final_amount' } },
    { label: 'Total discounts', type: 'money', of: { sum: 'discount_amount' } },
    { label: 'Total tax', type: 'money', of: { sum: 'tax_amount' } },
    { label: 'Total margin', type: 'money', of: { sum: 'margin' } },
  ],
  from: ({ ctx, filters, shop, knex }) => {
    const query = knex('sales as s')
      .leftJoin('customers as c', function join() {
        this.on('c.id', '=', 's.customer_id').andOn('c.shop_id', '=', 's.shop_id');
      })
      .leftJoin('directus_users as u', 'u.id', 's.created_by')
      .where('s.shop_id', ctx.shopId);
    if (ctx.role === 'Owner') void query.joinRaw(COST_JOIN);
    // Staff read only their own sales (they have no export right today; this keeps it so if given).
    if (ctx.role === 'Staff') void query.andWhere('s.created_by', ctx.userId);
    withinDays(knex, query, 's.created_at', filters, shop.timezone);
    if (filters.status) void query.andWhere('s.status', filters.status);
    if (filters.kind) void query.andWhere('s.kind', filters.kind);
    if (filters.staff_id) void query.andWhere('s.created_by', filters.staff_id);
    if (filters.customer_id !== undefined) void query.andWhere('s.customer_id', filters.customer_id);
    if (filters.payment_method) {
      // A method also finds the split sales that include it (as GET /api/sales does).
      const method = filters.payment_method;
      void query.andWhere((q) => {
        void q
          .where('s.payment_method', method)
          .orWhereExists(
            knex('sale_payments as p')
              .whereRaw('p.sale_id = s.id and p.shop_id = s.shop_id')
              .andWhere('p.method', method),
          );
      });
    }
    return query;
  },
  orderBy: ['s.created_at', 's.id'],
});
