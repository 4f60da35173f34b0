// The audit trail, oldest first: who did what to which record, from where, with the values before and
// after (as JSON text). Owners only (the matrix's audit_logs read).
import { z } from 'zod';
import { baseFilters, checkPeriod, defineList, withinDays } from './list.ts';

const schema = baseFilters
  .extend({
    staff_id: z.uuid('must be a user id (UUID)').optional(),
    entity_type: z.string().trim().min(1).max(50).optional(),
    action: z.string().trim().min(1).max(50).optional(),
  })
  .superRefine(checkPeriod);

export const auditLogsList = defineList({
  name: 'audit-logs',
  title: 'Audit log',
  resource: 'audit_logs',
  schema,
  columns: [
    { key: 'created_at', label: 'When', type: 'datetime', sql: 'l.created_at' },
    { key: 'user', width: 24, label: 'User', type: 'text', sql: 'u.email' },
    { key: 'action', width: 10, label: 'Action', type: 'text', sql: 'l.action' },
    { key: 'entity_type', width: 14, label: 'Record type', type: 'text', sql: 'l.entity_type' },
    { key: 'entity_id', width: 10, label: 'Record', type: 'text', sql: 'l.entity_id' },
    { key: 'ip_address', width: 15, label: 'IP address', type: 'text', sql: 'l.ip_address' },
    { key: 'user_agent', width: 24, label: 'User agent', type: 'text', sql: 'l.user_agent' },
    { key: 'old_value', width: 40, label: 'Before', type: 'text', sql: 'l.old_value::text' },
    { key: 'new_value', width: 40, label: 'After', type: 'text', sql: 'l.new_value::text' },
  ],
  summary: [{ label: 'Entries', type: 'integer', of: 'count' }],
  from: ({ ctx, filters, shop, knex }) => {
    const query = knex('audit_logs as l')
      .leftJoin('directus_users as u', 'u.id', 'l.user_id')
      .where('l.shop_id', ctx.shopId);
    withinDays(knex, query, 'l.created_at', filters, shop.timezone);
    if (filters.staff_id) void query.andWhere('l.user_id', filters.staff_id);
    if (filters.entity_type) void query.andWhere('l.entity_type', filters.entity_type);
    if (filters.action) void query.andWhere('l.action', filters.action);
    return query;
  },
  orderBy: ['l.created_at', 'l.id'],
});
