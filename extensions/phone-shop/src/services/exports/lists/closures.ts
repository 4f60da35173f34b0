// Daily closures by day: what was counted per method, what was expected, the variance, and who
// submitted, reviewed and approved. `from`/`to` are closure days.
import { z } from 'zod';
import { CLOSURE_STATUSES } from '../../../../../../snapshots/enums.ts';
import { baseFilters, checkPeriod, dayText, defineList, personName, withinDates } from './list.ts';

const schema = baseFilters
  .extend({
    status: z.enum(CLOSURE_STATUSES).optional(),
    staff_id: z.uuid('must be a user id (UUID)').optional(),
  })
  .superRefine(checkPeriod);

const money = (key: string, label: string): { key: string; label: string; type: 'money'; sql: string } => ({
  key,
  label,
  type: 'money',
  sql: `dc.${key}`,
});

export const closuresList = defineList({
  name: 'closures',
  title: 'Daily closures',
  resource: 'closures',
  schema,
  columns: [
    { key: 'closure_date', label: 'Day', type: 'date', sql: dayText('dc.closure_date') },
    { key: 'status', width: 10, label: 'Status', type: 'text', sql: 'dc.status' },
    money('cash_amount', 'Cash'),
    money('mtn_amount', 'MTN Mobile Money'),
    money('airtel_amount', 'Airtel Money'),
    money('card_amount', 'Card'),
    money('bank_transfer', 'Bank transfer'),
    money('other_amount', 'Other'),
    money('total_collected', 'Counted'),
    money('expected_amount', 'Expected'),
    money('variance', 'Variance'),
    { key: 'submitted_by', width: 16, label: 'Submitted by', type: 'text', sql: personName('s') },
    { key: 'reviewed_by', width: 16, label: 'Reviewed by', type: 'text', sql: personName('r') },
    { key: 'approved_by', width: 16, label: 'Approved by', type: 'text', sql: personName('a') },
    { key: 'notes', width: 24, label: 'Notes', type: 'text', sql: 'dc.notes' },
  ],
  summary: [
    { label: 'Closures', type: 'integer', of: 'count' },
    { label: 'Total counted', type: 'money', of: { sum: 'total_collected' } },
    { label: 'Total expected', type: 'money', of: { sum: 'expected_amount' } },
    { label: 'Total variance', type: 'money', of: { sum: 'variance' } },
  ],
  from: ({ ctx, filters, knex }) => {
    const query = knex('daily_closures as dc')
      .leftJoin('directus_users as s', 's.id', 'dc.submitted_by')
      .leftJoin('directus_users as r', 'r.id', 'dc.reviewed_by')
      .leftJoin('directus_users as a', 'a.id', 'dc.approved_by')
      .where('dc.shop_id', ctx.shopId);
    // Staff read only the closures they submitted (no export right today).
    if (ctx.role === 'Staff') void query.andWhere('dc.submitted_by', ctx.userId);
    withinDates(query, 'dc.closure_date', filters);
    if (filters.status) void query.andWhere('dc.status', filters.status);
    if (filters.staff_id) void query.andWhere('dc.submitted_by', filters.staff_id);
    return query;
  },
  orderBy: ['dc.closure_date', 'dc.id'],
});
