// The next number of a per-shop series for the shop's current local year.
//
// Repairs are numbered inside their action's transaction: the counter row stays locked until the
// repair commits, and numbers never skip. Sales are the hot path of a busy counter: sixteen tills of
// one shop would queue on that row lock through every commit (bench/RESULTS.md). A sale takes its
// number last, once everything that can refuse it has passed, in one autocommit statement on a small
// pool of its own (`counters`, whose connections commit without waiting for the disk): WAL is written
// in order, so the sale's own durable commit, which comes after it, makes the counter durable too. A
// number is never given twice; it is skipped only when a checkout fails after taking it (a lost
// connection, a failed commit), and then that gap is recorded here with its cause, outside the failed
// transaction. A gap nobody could record (the server stopped in between) is found by the hourly sweep
// (sales/number-gaps.ts). docs/decisions.md, "Numbering".
import type { Knex } from 'knex';
import { isDirectusError } from '@directus/errors';
import { clarifyDatabaseError } from '../database/constraint-errors.ts';
import { prepared } from '../database/prepared.ts';
import type { ActionContext } from './context.ts';

// taken_at (migration 0012) tells the sweep which numbers are old enough to be judged.
export const NEXT_NUMBER = `INSERT INTO shop_counters (shop_id, series, period, value)
     VALUES (?, ?, extract(year FROM now() AT TIME ZONE ?)::integer, 1)
     ON CONFLICT (shop_id, series, period) DO UPDATE SET value = shop_counters.value + 1, taken_at = now()
     RETURNING period, value`;

export type Series = 'sale' | 'repair' | 'purchase_order';

/** A number taken outside an action's transaction, remembered until the action has committed. */
export interface TakenNumber {
  series: Series;
  year: number;
  value: number;
  /** The number as printed: KPH-2026-000123. */
  number: string;
}

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
 * statement on the counters' own connections, which commit asynchronously. The action remembers it
 * (`ctx.taken`), so that the /api edge records it as a gap if the action fails after all.
 */
export async function takeNumber(
  ctx: ActionContext,
  series: Series,
  timezone: string,
  code: string,
): Promise<TakenNumber> {
  const { year, value } = await increment(ctx.counters, ctx.shopId, series, timezone);
  const taken = { series, year, value, number: saleNumber(code, year, value) };
  (ctx.taken ??= []).push(taken);
  return taken;
}

export function saleNumber(code: string, year: number, value: number): string {
  return `${code}-${year}-${String(value).padStart(6, '0')}`;
}

/** What the sweep records for a number nobody recorded (sales/number-gaps.ts). */
export const NOT_SAVED = {
  code: 'NOT_SAVED',
  cause: 'not saved: the server stopped before the sale was stored',
} as const;

/** The error code and message a gap is recorded with: the clear one where there is one. */
export function causeOf(error: unknown): { code: string; cause: string } {
  const clear = clarifyDatabaseError(error) ?? error;
  if (isDirectusError(clear)) return { code: clear.code, cause: clear.message };
  if (clear instanceof Error) {
    const code = (clear as { code?: unknown }).code;
    return { code: typeof code === 'string' && code ? code : 'INTERNAL_ERROR', cause: clear.message };
  }
  return { code: 'INTERNAL_ERROR', cause: String(clear) };
}

/**
 * Records the numbers a failed action took as gaps, with the failure's cause, on the counters' pool
 * (outside the failed transaction, which is gone). A gap the sweep recorded first gets this cause.
 */
export async function recordGaps(
  counters: Knex,
  ctx: Pick<ActionContext, 'shopId' | 'userId' | 'taken'>,
  error: unknown,
): Promise<void> {
  const taken = ctx.taken ?? [];
  if (taken.length === 0) return;
  const { code, cause } = causeOf(error);
  await counters('number_gaps')
    .insert(
      taken.map((t) => ({
        shop_id: ctx.shopId,
        series: t.series,
        year: t.year,
        number: t.value,
        sale_number: t.number,
        cause_code: code.slice(0, 50),
        cause: cause.slice(0, 2000),
        user_id: ctx.userId,
      })),
    )
    .onConflict(['shop_id', 'series', 'year', 'number'])
    .merge(['cause_code', 'cause', 'user_id', 'recorded_at'])
    .where('number_gaps.cause_code', NOT_SAVED.code);
}
