// The device registry, oldest first. Owners also get the purchase price. `from`/`to` are the days
// devices were registered.
import { z } from 'zod';
import { DEVICE_CONDITIONS, DEVICE_STATUSES } from '../../../../../../snapshots/enums.ts';
import { queryId } from '../../../endpoints/api/schemas.ts';
import { baseFilters, checkPeriod, dayText, defineList, withinDays } from './list.ts';

const schema = baseFilters
  .extend({
    status: z.enum(DEVICE_STATUSES).optional(),
    condition: z.enum(DEVICE_CONDITIONS).optional(),
    customer_id: queryId.optional(),
  })
  .superRefine(checkPeriod);

export const devicesList = defineList({
  name: 'devices',
  title: 'Devices',
  resource: 'devices',
  schema,
  columns: [
    { key: 'imei_serial', width: 17, label: 'IMEI / serial', type: 'text', sql: 'd.imei_serial' },
    { key: 'brand', width: 12, label: 'Brand', type: 'text', sql: 'd.brand' },
    { key: 'model', width: 18, label: 'Model', type: 'text', sql: 'd.model' },
    { key: 'color', width: 10, label: 'Colour', type: 'text', sql: 'd.color' },
    { key: 'storage', width: 9, label: 'Storage', type: 'text', sql: 'd.storage' },
    { key: 'condition', width: 11, label: 'Condition', type: 'text', sql: 'd.condition' },
    { key: 'status', width: 10, label: 'Status', type: 'text', sql: 'd.status' },
    {
      key: 'purchase_price',
      label: 'Purchase price',
      type: 'money',
      sql: 'd.purchase_price',
      ownerOnly: true,
    },
    { key: 'selling_price', label: 'Selling price', type: 'money', sql: 'd.selling_price' },
    { key: 'customer', width: 20, label: 'Customer', type: 'text', sql: 'c.name' },
    {
      key: 'warranty_expires_at',
      label: 'Warranty until',
      type: 'date',
      sql: dayText('d.warranty_expires_at'),
    },
    { key: 'created_at', label: 'Registered', type: 'datetime', sql: 'd.created_at' },
  ],
  summary: [
    { label: 'Devices', type: 'integer', of: 'count' },
    { label: 'Total purchase price', type: 'money', of: { sum: 'purchase_price' } },
  ],
  from: ({ ctx, filters, shop, knex }) => {
    const query = knex('devices as d')
      .leftJoin('customers as c', function join() {
        this.on('c.id', '=', 'd.customer_id').andOn('c.shop_id', '=', 'd.shop_id');
      })
      .where('d.shop_id', ctx.shopId);
    withinDays(knex, query, 'd.created_at', filters, shop.timezone);
    if (filters.status) void query.andWhere('d.status', filters.status);
    if (filters.condition) void query.andWhere('d.condition', filters.condition);
    if (filters.customer_id !== undefined) void query.andWhere('d.customer_id', filters.customer_id);
    return query;
  },
  orderBy: ['d.created_at', 'd.id'],
});
