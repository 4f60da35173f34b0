// Repairs, oldest first, with customer, technician, costs and dates. The parts' cost is at cost price,
// so only Owners get it. `from`/`to` are the days repairs were registered.
import { z } from 'zod';
import { REPAIR_PRIORITIES, REPAIR_STATUSES } from '../../../../../../snapshots/enums.ts';
import { baseFilters, checkPeriod, dayText, defineList, personName, withinDays } from './list.ts';

const schema = baseFilters
  .extend({
    status: z.enum(REPAIR_STATUSES).optional(),
    priority: z.enum(REPAIR_PRIORITIES).optional(),
    staff_id: z.uuid('must be a user id (UUID)').optional(),
  })
  .superRefine(checkPeriod);

export const repairsList = defineList({
  name: 'repairs',
  title: 'Repairs',
  resource: 'repairs',
  schema,
  columns: [
    { key: 'repair_number', width: 18, label: 'Repair number', type: 'text', sql: 'r.repair_number' },
    { key: 'created_at', label: 'Registered', type: 'datetime', sql: 'r.created_at' },
    { key: 'customer', width: 20, label: 'Customer', type: 'text', sql: 'c.name' },
    {
      key: 'device',
      width: 20,
      label: 'Device',
      type: 'text',
      sql: "concat_ws(' ', r.device_brand, r.device_model)",
    },
    { key: 'imei_serial', width: 17, label: 'IMEI / serial', type: 'text', sql: 'r.imei_serial' },
    { key: 'repair_type', width: 18, label: 'Repair', type: 'text', sql: 'r.repair_type' },
    { key: 'status', width: 13, label: 'Status', type: 'text', sql: 'r.status' },
    { key: 'priority', width: 9, label: 'Priority', type: 'text', sql: 'r.priority' },
    { key: 'technician', width: 16, label: 'Technician', type: 'text', sql: personName('t') },
    { key: 'estimated_cost', label: 'Estimate', type: 'money', sql: 'r.estimated_cost' },
    { key: 'labor_cost', label: 'Labour', type: 'money', sql: 'r.labor_cost' },
    { key: 'parts_cost', label: 'Parts (cost)', type: 'money', sql: 'r.parts_cost', ownerOnly: true },
    { key: 'actual_cost', label: 'Charged', type: 'money', sql: 'r.actual_cost' },
    {
      key: 'estimated_completion',
      label: 'Due',
      type: 'date',
      sql: dayText('r.estimated_completion'),
    },
    { key: 'actual_completion', label: 'Completed', type: 'datetime', sql: 'r.actual_completion' },
    { key: 'delivered_at', label: 'Delivered', type: 'datetime', sql: 'r.delivered_at' },
  ],
  summary: [
    { label: 'Repairs', type: 'integer', of: 'count' },
    { label: 'Total charged', type: 'money', of: { sum: 'actual_cost' } },
    { label: 'Total parts cost', type: 'money', of: { sum: 'parts_cost' } },
  ],
  from: ({ ctx, filters, shop, knex }) => {
    const query = knex('repairs as r')
      .leftJoin('customers as c', function join() {
        this.on('c.id', '=', 'r.customer_id').andOn('c.shop_id', '=', 'r.shop_id');
      })
      .leftJoin('directus_users as t', 't.id', 'r.technician_id')
      .where('r.shop_id', ctx.shopId);
    // Staff read only repairs they registered or are assigned (no export right today).
    if (ctx.role === 'Staff')
      void query.andWhere((w) => {
        void w.where('r.technician_id', ctx.userId).orWhere('r.created_by', ctx.userId);
      });
    withinDays(knex, query, 'r.created_at', filters, shop.timezone);
    if (filters.status) void query.andWhere('r.status', filters.status);
    if (filters.priority) void query.andWhere('r.priority', filters.priority);
    if (filters.staff_id) void query.andWhere('r.technician_id', filters.staff_id);
    return query;
  },
  orderBy: ['r.created_at', 'r.id'],
});
