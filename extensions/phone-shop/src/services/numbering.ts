// The next number of a per-shop series for the shop's current local year.
//
// Repairs are numbered inside their action's transaction: the counter row stays locked until the
// repair commits, and numbers never skip. Sales are the hot path of a busy counter: sixteen tills of
// one shop would queue on that row lock through every commit (bench/RESULTS.md). A sale takes its
// number last, once stock and payments are settled, in one autocommit statement on a small pool of
// its own (`counters`, whose connections commit without waiting for the disk): WAL is written in order, so
// the sale's own durable commit, which comes after it, makes the counter durable too. A number is
// skipped only when a checkout fails after taking it; none is ever given twice (docs/decisions.md).
import type { Knex } from 'knex';
import { prepared } from '../database/prepared.ts';
import type { ActionContext } from './context.ts';

export const NEXT_NUMBER = `INSERT INTO shop_counters (shop_id, series, period, value)
     VALUES (?, ?, extract(year FROM now() AT TIME ZONE ?)::integer, 1)
     ON CONFLICT (shop_id, series, period) DO UPDATE SET value = shop_counters.value + 1
     RETURNING period, value`;

type Series = 'sale' | 'repair' | 'purchase_order';

async function increment(
  knex: Knex,
  shopId: number,
  series: Series,
  timezone: string,
): Promise<{ year: number; value: number }> {
  const rows = (await prepared(knex, NEXT_NUMBER, [shopId, series, timezone])) as {
    period: number;
    value: number;
  }[];
  const row = rows[0];
  if (!row) throw new Error('numbering failed');
  return { year: row.period, value: row.value };
}

/** The next number inside the action's transaction: gapless, the row locked until commit. */
export function nextNumber(
  ctx: ActionContext,
  series: Series,
  timezone: string,
): Promise<{ year: number; value: number }> {
  return increment(ctx.knex, ctx.shopId, series, timezone);
}

/**
 * The next number taken at once, outside the action's transaction (see above): one autocommit
 * statement on the counters' own connections, which commit asynchronously.
 */
export function takeNumber(
  ctx: ActionContext,
  series: Series,
  timezone: string,
): Promise<{ year: number; value: number }> {
  return increment(ctx.counters, ctx.shopId, series, timezone);
}

export function saleNumber(code: string, year: number, value: number): string {
  return `${code}-${year}-${String(value).padStart(6, '0')}`;
}
