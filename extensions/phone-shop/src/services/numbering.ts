// The next number of a per-shop series for the shop's current local year.
import type { ActionContext } from './context.ts';

export async function nextNumber(
  ctx: ActionContext,
  series: 'sale' | 'repair',
  timezone: string,
): Promise<{ year: number; value: number }> {
  const result = await ctx.knex.raw<{ rows: { period: number; value: number }[] }>(
    `INSERT INTO shop_counters (shop_id, series, period, value)
     VALUES (?, ?, extract(year FROM now() AT TIME ZONE ?)::integer, 1)
     ON CONFLICT (shop_id, series, period) DO UPDATE SET value = shop_counters.value + 1
     RETURNING period, value`,
    [ctx.shopId, series, timezone],
  );
  const row = result.rows[0];
  if (!row) throw new Error('numbering failed');
  return { year: row.period, value: row.value };
}

export function saleNumber(code: string, year: number, value: number): string {
  return `${code}-${year}-${String(value).padStart(6, '0')}`;
}
