// Sale lines and payments added to an existing sale through /items (only the platform admin may, in
// Studio or over the generic API) change that sale's day: the day's aggregate is forgotten in the
// same transaction, as the database's triggers do for every update and deletion
// (directus/migrations/0007, services/reports/days.ts). The point of sale writes through /api and
// never reaches this hook; its sales are today's, which no aggregate holds.
import { defineHook } from '@directus/extensions-sdk';
import { forgetDaysOfSale } from '../../services/reports/days.ts';

export default defineHook(({ filter }) => {
  for (const collection of ['sale_items', 'sale_payments'] as const) {
    filter(`${collection}.items.create`, async (payload, _meta, context) => {
      const saleId = (payload as Record<string, unknown>)['sale_id'];
      if (typeof saleId === 'number' || typeof saleId === 'string')
        await forgetDaysOfSale(context.database, Number(saleId), collection === 'sale_items');
      return payload;
    });
  }
});
