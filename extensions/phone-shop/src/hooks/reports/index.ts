// Sale lines and payments added to an existing sale through /items (only the platform admin may, in
// Studio or over the generic API) change that sale's day: the day's aggregate is forgotten in the
// same transaction, as the database's triggers do for every update and deletion
// (directus/migrations/0007, services/reports/days.ts). The point of sale writes through /api and
// never reaches this hook; its sales are today's, which no aggregate holds.
//
// The closed days no report has read yet are aggregated in the background, once at start-up and then
// every hour (at minute 7), so that the first report over a long period finds them ready. One sweep
// runs at a time in this process; sweeps of several processes are safe together (a day is computed
// under its shop's lock and only if still missing). The same sweep records the sale numbers nobody
// could record as skipped (services/sales/number-gaps.ts): each is recorded once, whoever finds it.
import { defineHook } from '@directus/extensions-sdk';
import { aggregateClosedDays, forgetDaysOfSale } from '../../services/reports/days.ts';
import { sweepNumberGaps } from '../../services/sales/number-gaps.ts';

export default defineHook(({ filter, init, schedule }, { database, logger }) => {
  let sweeping = false;
  const sweep = async (): Promise<void> => {
    if (sweeping) return;
    sweeping = true;
    try {
      const days = await aggregateClosedDays(database);
      if (days > 0) logger.info(`report days: ${String(days)} closed days aggregated`);
    } catch (error) {
      logger.error(error, 'report days: the background aggregation failed');
    }
    try {
      const gaps = await sweepNumberGaps(database);
      if (gaps > 0) logger.warn(`numbering: ${String(gaps)} sale numbers were taken but never stored`);
    } catch (error) {
      logger.error(error, 'numbering: the sweep for unrecorded gaps failed');
    } finally {
      sweeping = false;
    }
  };
  init('app.after', () => {
    void sweep();
  });
  schedule('7 * * * *', sweep);

  for (const collection of ['sale_items', 'sale_payments'] as const) {
    filter(`${collection}.items.create`, async (payload, _meta, context) => {
      const saleId = (payload as Record<string, unknown>)['sale_id'];
      if (typeof saleId === 'number' || typeof saleId === 'string')
        await forgetDaysOfSale(context.database, Number(saleId), collection === 'sale_items');
      return payload;
    });
  }
});
