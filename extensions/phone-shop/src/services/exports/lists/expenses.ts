// Expenses by their day, with who recorded and who decided. `from`/`to` are expense days.
import { z } from 'zod';
import { EXPENSE_STATUSES, PAYMENT_METHODS } from '../../../../../../snapshots/enums.ts';
import { baseFilters, checkPeriod, dayText, defineList, personName, withinDates } from './list.ts';

const schema = baseFilters
  .extend({
    status: z.enum(EXPENSE_STATUSES).optional(),
    payment_method: z.enum(PAYMENT_METHODS).optional(),
    category: z.string().trim().min(1).max(100).optional(),
    staff_id: z.uuid('must be a user id (UUID)').optional(),
  })
  .superRefine(checkPeriod);

export const expensesList = defineList({
  name: 'expenses',
  title: 'Expenses',
  resource: 'expenses',
  schema,
  columns: [
    { key: 'expense_date', label: 'Date', type: 'date', sql: dayText('e.expense_date') },
    { key: 'category', width: 16, label: 'Category', type: 'text', sql: 'e.category' },
    { key: 'description', width: 30, label: 'Description', type: 'text', sql: 'e.description' },
    { key: 'amount', label: 'Amount', type: 'money', sql: 'e.amount' },
    { key: 'payment_method', width: 16, label: 'Payment method', type: 'text', sql: 'e.payment_method' },
    { key: 'status', width: 10, label: 'Status', type: 'text', sql: 'e.status' },
    { key: 'recorded_by', width: 16, label: 'Recorded by', type: 'text', sql: personName('u') },
    { key: 'approved_by', width: 16, label: 'Decided by', type: 'text', sql: personName('a') },
    { key: 'approved_at', label: 'Decided at', type: 'datetime', sql: 'e.approved_at' },
    {
      key: 'rejection_reason',
      width: 24,
      label: 'Rejection reason',
      type: 'text',
      sql: 'e.rejection_reason',
    },
  ],
  summary: [
    { label: 'Expenses', type: 'integer', of: 'count' },
    { label: 'Total', type: 'money', of: { sum: 'amount' } },
  ],
  from: ({ ctx, filters, knex }) => {
    const query = knex('expenses as e')
      .leftJoin('directus_users as u', 'u.id', 'e.created_by')
      .leftJoin('directus_users as a', 'a.id', 'e.approved_by')
      .where('e.shop_id', ctx.shopId);
    withinDates(query, 'e.expense_date', filters);
    if (filters.status) void query.andWhere('e.status', filters.status);
    if (filters.payment_method) void query.andWhere('e.payment_method', filters.payment_method);
    if (filters.category) void query.andWhere('e.category', filters.category);
    if (filters.staff_id) void query.andWhere('e.created_by', filters.staff_id);
    return query;
  },
  orderBy: ['e.expense_date', 'e.id'],
});
