// Gaps in the sale numbers (numbering.ts): the numbers a failed checkout recorded with its cause, and
// those the sweep finds missing once nobody can still store them (the process stopped between
// taking a number and committing its sale). The Owner lists them (the matrix's audit_logs.read).
import type { Knex } from 'knex';
import type { ActionContext } from '../context.ts';
import { NOT_SAVED } from '../numbering.ts';
import { requireRight } from '../rights.ts';
import { loadShop } from '../shop.ts';

/** How long a number may be in flight: a checkout takes it at its very end, seconds before its commit. */
export const IN_FLIGHT_MINUTES = 5;

export interface NumberGap {
  series: string;
  year: number;
  number: number;
  sale_number: string;
  cause_code: string;
  cause: string;
  user_id: string | null;
  user_name: string | null;
  recorded_at: string;
}

export interface GapFilters {
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** The shop's gaps, newest first; `from`/`to` are days of the shop's timezone, both included. */
export async function listNumberGaps(
  ctx: ActionContext,
  filters: GapFilters,
): Promise<{ data: NumberGap[]; total: number }> {
  requireRight(ctx, 'audit_logs', 'read');
  const { timezone } = await loadShop(ctx.knex, ctx.shopId);
  const query = ctx
    .knex('number_gaps as g')
    .where('g.shop_id', ctx.shopId)
    // A number the sweep judged lost but whose sale did come in is no gap.
    .whereNotExists(
      ctx.knex('sales as s').whereRaw('s.shop_id = g.shop_id AND s.sale_number = g.sale_number'),
    );
  if (filters.from)
    void query.andWhere(
      'g.recorded_at',
      '>=',
      ctx.knex.raw('(?::date)::timestamp AT TIME ZONE ?', [filters.from, timezone]),
    );
  if (filters.to)
    void query.andWhere(
      'g.recorded_at',
      '<',
      ctx.knex.raw('((?::date) + 1)::timestamp AT TIME ZONE ?', [filters.to, timezone]),
    );
  const [{ total }] = (await query.clone().count({ total: '*' })) as [{ total: number | string }];
  const data = (await query
    .leftJoin('directus_users as u', 'u.id', 'g.user_id')
    .select(
      'g.series',
      'g.year',
      'g.number',
      'g.sale_number',
      'g.cause_code',
      'g.cause',
      'g.user_id',
      ctx.knex.raw("nullif(trim(concat(u.first_name, ' ', u.last_name)), '') AS user_name"),
      'g.recorded_at',
    )
    .orderBy('g.recorded_at', 'desc')
    .orderBy('g.id', 'desc')
    .limit(filters.limit)
    .offset(filters.offset)) as NumberGap[];
  return { data, total: Number(total) };
}

// Every sale counter that has not moved for IN_FLIGHT_MINUTES has its numbers above checked_through
// judged: each one with no sale (nor a sale deleted since, which the audit log remembers) is a gap
// nobody recorded. The counter then remembers how far it was checked, so each number is judged once.
// A counter that keeps moving (a shop selling without a pause of five minutes) waits for a later sweep.
const SWEEP = `WITH due AS MATERIALIZED (
    SELECT c.shop_id, c.series, c.period, c.checked_through, c.value, s.code
      FROM shop_counters c JOIN shops s ON s.id = c.shop_id
     WHERE c.series = 'sale' AND c.checked_through < c.value
       AND c.taken_at < now() - make_interval(mins => ?)
  ), candidates AS (
    SELECT d.shop_id, d.series, d.period, n,
           d.code || '-' || d.period || '-' || lpad(n::text, greatest(6, length(n::text)), '0') AS sale_number
      FROM due d, generate_series(d.checked_through + 1, d.value) AS n
  ), gaps AS (
    INSERT INTO number_gaps (shop_id, series, year, number, sale_number, cause_code, cause)
    SELECT c.shop_id, c.series, c.period, c.n, c.sale_number, ?, ?
      FROM candidates c
     WHERE NOT EXISTS (SELECT 1 FROM sales x WHERE x.shop_id = c.shop_id AND x.sale_number = c.sale_number)
       AND NOT EXISTS (SELECT 1 FROM audit_logs a
                        WHERE a.shop_id = c.shop_id AND a.entity_type = 'sales' AND a.action = 'delete'
                          AND a.old_value->>'sale_number' = c.sale_number)
    ON CONFLICT (shop_id, series, year, number) DO NOTHING
    RETURNING 1
  ), checked AS (
    UPDATE shop_counters c SET checked_through = d.value
      FROM due d
     WHERE c.shop_id = d.shop_id AND c.series = d.series AND c.period = d.period AND c.checked_through < d.value
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM gaps) AS gaps, (SELECT count(*) FROM checked) AS counters`;

/** Records the numbers nobody recorded that no checkout can still store; returns how many. */
export async function sweepNumberGaps(knex: Knex, inFlightMinutes = IN_FLIGHT_MINUTES): Promise<number> {
  const { rows } = await knex.raw<{ rows: { gaps: number | string }[] }>(SWEEP, [
    inFlightMinutes,
    NOT_SAVED.code,
    NOT_SAVED.cause,
  ]);
  return Number(rows[0]?.gaps ?? 0);
}
