// Aggregated days (docs/decisions.md, Reports): a report over a long period reads one row per day
// (per product, method, customer...) instead of every sale. The closed days of a shop are aggregated
// the first time a report reads them, into the report_* tables (directus/migrations/0007), and
// registered in report_days; the open days are read live from the sales, by the same SQL. The
// figures are those of ledger.ts either way: the aggregation groups the ledger's own entries and lines.
//
// Closed: before today in the shop's timezone, and ended before every transaction still running
// began. A checkout stamps its sale with its transaction's start, so a sale begun at 23:59:59 and
// committed after midnight is read live until it has committed. Nothing is written on the checkout:
// today is never aggregated. A change to a closed day's sales forgets the day in the database
// itself (the triggers of migration 0007; sale lines and payments created through /items by the
// platform admin: hooks/reports), and the next read computes it again.
//
// The reports of every day (lifetime value, acquisition) read, besides, each customer's totals through
// a day (migration 0010), checked against the registry on every read rather than kept by triggers.
import type { Knex } from 'knex';
import { addDays, periodLength } from '../../domain/report-period.ts';
import type { ActionContext } from '../context.ts';
import { dayEnd, dayStart, entriesOf, inDays, linesOf, localDay } from './ledger.ts';
import { query, withPeriod, type ReportInput } from './report.ts';

/** The advisory lock (with the shop id) under which days are computed; the triggers take it shared. */
export const REPORT_DAYS_LOCK = 70701;
/** At most this many days are computed in one transaction, so that a change waits at most that long. */
const FILL_DAYS = 92;

/**
 * The named bindings of a report query that reads days: `:from` to `:agg_to` are aggregated days,
 * `:live_from` to `:to` are read live (either range may be empty).
 */
export interface DayBindings {
  [name: string]: string | number;
  shop: number;
  tz: string;
  from: string;
  to: string;
  agg_to: string;
  live_from: string;
}

// ---------------------------------------------------------------------------------------------
// What a day holds, from an entries CTE (ledger.entriesOf) and its lines CTE (ledger.linesOf).

/** Per day, hour and seller: sales and reversals, their amounts, and the cost of their lines. */
const salesFacts = (entries: string, lines: string): string => `
  SELECT e.day, e.hour, e.seller,
         count(*) FILTER (WHERE e.kind = 'sale')::integer AS sales,
         count(*) FILTER (WHERE e.kind = 'reversal')::integer AS reversals,
         coalesce(sum(e.total_amount) FILTER (WHERE e.kind = 'sale'), 0)::bigint AS gross,
         coalesce(sum(e.discount_amount) FILTER (WHERE e.kind = 'sale'), 0)::bigint AS discounts,
         coalesce(sum(e.total_amount) FILTER (WHERE e.kind = 'reversal'), 0)::bigint AS returns,
         sum(e.net)::bigint AS net, sum(e.tax_amount)::bigint AS tax, sum(e.final_amount)::bigint AS collected,
         count(*) FILTER (WHERE e.tax_amount <> 0)::integer AS taxed,
         coalesce(sum(e.net) FILTER (WHERE e.kind = 'sale'), 0)::bigint AS sales_net,
         count(*) FILTER (WHERE e.kind = 'sale' AND e.customer_id IS NOT NULL)::integer AS known_sales,
         coalesce(sum(c.cost), 0)::bigint AS cost
    FROM ${entries} e
    LEFT JOIN (SELECT entry_id, sum(cost) AS cost FROM ${lines} GROUP BY entry_id) c ON c.entry_id = e.id
   GROUP BY e.day, e.hour, e.seller`;

/** Per day and product (lines without one: devices apart from custom items). */
const lineFacts = (lines: string): string => `
  SELECT l.day, l.product_id, (l.product_id IS NULL AND l.device_id IS NOT NULL) AS is_device,
         sum(l.quantity)::bigint AS quantity, sum(l.revenue)::bigint AS revenue, sum(l.cost)::bigint AS cost,
         coalesce(sum(l.quantity) FILTER (WHERE l.kind = 'sale' AND l.status <> 'Reversed'), 0)::bigint AS unreversed
    FROM ${lines} l
   GROUP BY 1, 2, 3`;

/** Per day of the sale and method: the sale payments (a reversal's refunds negative). */
const paymentFacts = (entries: string): string => `
  SELECT e.day, p.method,
         count(*) FILTER (WHERE p.amount > 0)::integer AS payments,
         coalesce(sum(p.amount) FILTER (WHERE p.amount > 0), 0)::bigint AS received,
         coalesce(-sum(p.amount) FILTER (WHERE p.amount < 0), 0)::bigint AS refunded,
         sum(p.amount)::bigint AS net
    FROM ${entries} e
    -- Each entry's own payments by their index, rather than every payment of the shop hashed.
    CROSS JOIN LATERAL (SELECT method, amount FROM sale_payments WHERE shop_id = :shop AND sale_id = e.id OFFSET 0) p
   GROUP BY e.day, p.method`;

/** Per day and known customer: their sales (the first and last), what their entries paid (reversals negative). */
const customerFacts = (entries: string): string => `
  SELECT e.day, e.customer_id, count(*) FILTER (WHERE e.kind = 'sale')::integer AS sales,
         sum(e.final_amount)::bigint AS paid,
         min(e.created_at) FILTER (WHERE e.kind = 'sale') AS first_at,
         max(e.created_at) FILTER (WHERE e.kind = 'sale') AS last_at
    FROM ${entries} e
   WHERE e.customer_id IS NOT NULL
   GROUP BY e.day, e.customer_id`;

/** Per day: the number of stock movements of the days `first` to `last`. */
const movementFacts = (first: string, last: string): string => `
  SELECT ${localDay('m.created_at')} AS day, count(*)::integer AS movements
    FROM stock_movements m
   WHERE m.shop_id = :shop AND ${inDays('m.created_at', first, last)}
   GROUP BY 1`;

const SALES_COLUMNS =
  'day, hour, seller, sales, reversals, gross, discounts, returns, net, tax, collected, taxed, sales_net, known_sales, cost';
const LINE_COLUMNS = 'day, product_id, is_device, quantity, revenue, cost, unreversed';
const PAYMENT_COLUMNS = 'day, method, payments, received, refunded, net';
const CUSTOMER_COLUMNS = 'day, customer_id, sales, paid, first_at, last_at';
const MOVEMENT_COLUMNS = 'day, movements';

// ---------------------------------------------------------------------------------------------
// Reading: CTEs over the aggregated days and the live ones, in the same shape.

export type DaySet = 'sold' | 'lines' | 'paid' | 'customers' | 'moved';

const stored = (table: string, columns: string): string =>
  `SELECT ${columns} FROM ${table} WHERE shop_id = :shop AND day BETWEEN (:from)::date AND (:agg_to)::date`;

/**
 * The CTEs (without WITH) of the period's days, each closed day from its aggregate and the open ones
 * live: `sold_days` (salesFacts), `line_days` (lineFacts), `paid_days` (paymentFacts),
 * `customer_days` (customerFacts), `moved_days` (movementFacts). Bindings: dayBindings().
 */
export function daysCtes(...sets: DaySet[]): string {
  const needs = new Set(sets);
  const ctes: string[] = [];
  if (needs.has('sold') || needs.has('lines') || needs.has('paid') || needs.has('customers'))
    ctes.push(entriesOf('live_entries', ':live_from', ':to'));
  if (needs.has('sold') || needs.has('lines')) ctes.push(linesOf('live_lines', 'live_entries'));
  if (needs.has('sold'))
    ctes.push(
      `sold_days AS (${stored('report_sales', SALES_COLUMNS)} UNION ALL ${salesFacts('live_entries', 'live_lines')})`,
    );
  if (needs.has('lines'))
    ctes.push(`line_days AS (${stored('report_lines', LINE_COLUMNS)} UNION ALL ${lineFacts('live_lines')})`);
  if (needs.has('paid'))
    ctes.push(
      `paid_days AS (${stored('report_payments', PAYMENT_COLUMNS)} UNION ALL ${paymentFacts('live_entries')})`,
    );
  if (needs.has('customers'))
    ctes.push(
      `customer_days AS (${stored('report_customers', CUSTOMER_COLUMNS)} UNION ALL ${customerFacts('live_entries')})`,
    );
  if (needs.has('moved'))
    ctes.push(
      `moved_days AS (${stored('report_movements', MOVEMENT_COLUMNS)} UNION ALL ${movementFacts(':live_from', ':to')})`,
    );
  return ctes.join(',\n');
}

// ---------------------------------------------------------------------------------------------
// Which days are aggregated, computing the missing ones.

/** The last closed day of the shop: before today, and ended before every running transaction began. */
async function lastClosedDay(knex: Knex, tz: string): Promise<string> {
  const [row] = await query<{ day: string }>(
    knex,
    `SELECT to_char((least(now(), (SELECT min(xact_start) FROM pg_stat_activity
                                    WHERE datname = current_database() AND pid <> pg_backend_pid()
                                      AND backend_type = 'client backend'))
                     AT TIME ZONE :tz)::date - 1, 'YYYY-MM-DD') AS day`,
    { tz },
  );
  if (!row) throw new Error('no answer for the last closed day');
  return row.day;
}

const MISSING = `SELECT to_char(d, 'YYYY-MM-DD') AS day
   FROM generate_series((:first)::date, (:last)::date, interval '1 day') AS d
  WHERE NOT EXISTS (SELECT 1 FROM report_days r WHERE r.shop_id = :shop AND r.day = d::date)
  ORDER BY d`;

async function missingDays(knex: Knex, shop: number, first: string, last: string): Promise<string[]> {
  return (await query<{ day: string }>(knex, MISSING, { shop, first, last })).map((r) => r.day);
}

/** Consecutive days in runs of at most FILL_DAYS. */
function runsOf(days: readonly string[]): { first: string; last: string }[] {
  const runs: { first: string; last: string; length: number }[] = [];
  for (const day of days) {
    const run = runs.at(-1);
    if (run && addDays(run.last, 1) === day && run.length < FILL_DAYS) {
      run.last = day;
      run.length += 1;
    } else runs.push({ first: day, last: day, length: 1 });
  }
  return runs.map(({ first, last }) => ({ first, last }));
}

/** Computes and registers the days `first` to `last` that are still missing once the lock is held. */
async function fill(knex: Knex, shop: number, tz: string, first: string, last: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [REPORT_DAYS_LOCK, shop]);
    // A quarter of a busy shop's lines, grouped in memory rather than on disk.
    await trx.raw(`SET LOCAL work_mem = '64MB'`);
    // Another read may have computed some of them while this one waited.
    const missing = await missingDays(trx, shop, first, last);
    const from = missing[0];
    const to = missing.at(-1);
    if (from === undefined || to === undefined) return;
    const bindings = { shop, tz, first: from, last: to };
    await query(
      trx,
      `WITH ${[
        'report_sales',
        'report_lines',
        'report_payments',
        'report_customers',
        'report_movements',
        'report_days',
      ]
        .map(
          (table, i) =>
            `d${i} AS (DELETE FROM ${table} WHERE shop_id = :shop AND day BETWEEN (:first)::date AND (:last)::date)`,
        )
        .join(', ')}
       SELECT 1`,
      bindings,
    );
    // One statement, one snapshot: every table holds the same sales. Rows go in day order, so that
    // a period's rows lie together on disk in the order of their index.
    await query(
      trx,
      `WITH ${entriesOf('entries', ':first', ':last')},
       ${linesOf('lines', 'entries')},
       s AS (INSERT INTO report_sales (shop_id, ${SALES_COLUMNS})
             SELECT :shop, ${SALES_COLUMNS} FROM (${salesFacts('entries', 'lines')}) f ORDER BY day),
       l AS (INSERT INTO report_lines (shop_id, ${LINE_COLUMNS})
             SELECT :shop, ${LINE_COLUMNS} FROM (${lineFacts('lines')}) f ORDER BY day),
       p AS (INSERT INTO report_payments (shop_id, ${PAYMENT_COLUMNS})
             SELECT :shop, ${PAYMENT_COLUMNS} FROM (${paymentFacts('entries')}) f ORDER BY day),
       c AS (INSERT INTO report_customers (shop_id, ${CUSTOMER_COLUMNS})
             SELECT :shop, ${CUSTOMER_COLUMNS} FROM (${customerFacts('entries')}) f ORDER BY day),
       m AS (INSERT INTO report_movements (shop_id, ${MOVEMENT_COLUMNS})
             SELECT :shop, ${MOVEMENT_COLUMNS} FROM (${movementFacts(':first', ':last')}) f ORDER BY day)
       INSERT INTO report_days (shop_id, day)
       SELECT :shop, d::date FROM generate_series((:first)::date, (:last)::date, interval '1 day') AS d`,
      bindings,
    );
  });
}

/** Makes sure the closed days from `first` to `last` are aggregated; answers the last one that is. */
async function aggregate(
  knex: Knex,
  shop: number,
  tz: string,
  first: string,
  last: string,
): Promise<string | null> {
  const closed = await lastClosedDay(knex, tz);
  const until = last < closed ? last : closed;
  if (until < first) return null;
  for (const run of runsOf(await missingDays(knex, shop, first, until)))
    await fill(knex, shop, tz, run.first, run.last);
  return until;
}

/**
 * Aggregates, for every shop, the closed days from its first sale that no report has read yet: run in
 * the background (hooks/reports: at start-up and every hour), so that the first report over a long
 * period finds its days ready. Days already aggregated cost one lookup each; a shop's days are
 * computed FILL_DAYS at a time, each run in its own short transaction. Answers how many days were missing.
 */
export async function aggregateClosedDays(knex: Knex): Promise<number> {
  const shops = await query<{ id: number; tz: string; first: string | null }>(
    knex,
    `SELECT s.id, s.timezone AS tz,
            to_char((f.first_sale AT TIME ZONE s.timezone)::date, 'YYYY-MM-DD') AS first
       FROM shops s, LATERAL (SELECT min(created_at) AS first_sale FROM sales WHERE shop_id = s.id) f
      ORDER BY s.id`,
    {},
  );
  let computed = 0;
  const closedIn = new Map<string, string>();
  for (const shop of shops) {
    if (shop.first === null) continue;
    const closed = closedIn.get(shop.tz) ?? (await lastClosedDay(knex, shop.tz));
    closedIn.set(shop.tz, closed);
    if (closed < shop.first) continue;
    for (const run of runsOf(await missingDays(knex, shop.id, shop.first, closed))) {
      await fill(knex, shop.id, shop.tz, run.first, run.last);
      computed += periodLength({ from: run.first, to: run.last });
    }
    await refreshCustomerTotals(knex, shop.id, closed);
  }
  return computed;
}

/**
 * The input over all the shop's days that have sales (and today): for the reports of every sale ever,
 * such as lifetime value (lifetimeBindings).
 */
async function allDays(input: ReportInput): Promise<ReportInput> {
  const [span] = await query<{ first: string | null; last: string }>(
    input.ctx.knex,
    `SELECT to_char((min(created_at) AT TIME ZONE :tz)::date, 'YYYY-MM-DD') AS first,
            to_char(greatest((max(created_at) AT TIME ZONE :tz)::date, (now() AT TIME ZONE :tz)::date), 'YYYY-MM-DD') AS last
       FROM sales WHERE shop_id = :shop`,
    input.bindings,
  );
  const last = span?.last ?? input.period.to;
  return withPeriod(input, { from: span?.first ?? last, to: last });
}

const memo = new WeakMap<ActionContext, Map<string, Promise<string | null>>>();

/**
 * The bindings of a report query over the input's period that reads days (daysCtes): the closed
 * days are aggregated first if they are not yet. Within one request, each period is checked once.
 */
export async function dayBindings(input: ReportInput): Promise<DayBindings> {
  const { ctx, bindings } = input;
  const key = `${bindings.from}|${bindings.to}`;
  const periods = memo.get(ctx) ?? new Map<string, Promise<string | null>>();
  memo.set(ctx, periods);
  let until = periods.get(key);
  if (!until) {
    // Inside a business action's transaction the days are read live: a fill commits on its own.
    until = ctx.knex.isTransaction
      ? Promise.resolve(null)
      : aggregate(ctx.knex, bindings.shop, bindings.tz, bindings.from, bindings.to);
    periods.set(key, until);
  }
  const aggTo = (await until) ?? addDays(bindings.from, -1);
  return { ...bindings, agg_to: aggTo, live_from: addDays(aggTo, 1) };
}

// ---------------------------------------------------------------------------------------------
// Customer totals (migration 0010): per customer, the sum of their days through a day, so that a
// report over every day (lifetime value) reads one row per customer and the days after it.

/**
 * Whether the report_totals row `t` is current: the registry still holds as many days up to its
 * `through` as when they were summed, and none registered since (a later generation).
 */
const totalsCurrent = (t: string): string => `
  (SELECT count(*) = ${t}.days AND coalesce(max(d.generation), 0) < ${t}.generation
     FROM report_days d WHERE d.shop_id = ${t}.shop_id AND d.day <= ${t}.through)`;

/**
 * Brings the shop's customer totals up to `through` (its aggregated days, which must not be today):
 * adds the days after the totals' own when they are current, sums every registered day again when
 * they are not. Under the shop's fill lock, so that no day is registered or forgotten meanwhile.
 */
export async function refreshCustomerTotals(knex: Knex, shop: number, through: string): Promise<void> {
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT pg_advisory_xact_lock(?, ?)', [REPORT_DAYS_LOCK, shop]);
    const [state] = await query<{ through: string; current: boolean }>(
      trx,
      `SELECT to_char(t.through, 'YYYY-MM-DD') AS through, ${totalsCurrent('t')} AS current
         FROM report_totals t WHERE t.shop_id = :shop`,
      { shop },
    );
    if (state?.current && state.through >= through) return;
    const since = state?.current ? state.through : null;
    if (since === null) await trx('report_customer_totals').where({ shop_id: shop }).delete();
    // Only registered days: a forgotten day's rows are stale until it is computed again.
    await query(
      trx,
      `INSERT INTO report_customer_totals AS t (shop_id, customer_id, sales, paid, first_at, last_at)
       SELECT :shop, c.customer_id, sum(c.sales), sum(c.paid), min(c.first_at), max(c.last_at)
         FROM report_customers c JOIN report_days d ON d.shop_id = c.shop_id AND d.day = c.day
        WHERE c.shop_id = :shop AND c.day > coalesce((:since)::date, '-infinity') AND c.day <= (:through)::date
        GROUP BY c.customer_id
       ON CONFLICT (shop_id, customer_id) DO UPDATE
          SET sales = t.sales + EXCLUDED.sales, paid = t.paid + EXCLUDED.paid,
              first_at = least(t.first_at, EXCLUDED.first_at), last_at = greatest(t.last_at, EXCLUDED.last_at)`,
      { shop, since, through },
    );
    await query(
      trx,
      `INSERT INTO report_totals (shop_id, through, days, generation)
       SELECT :shop, (:through)::date, count(*), nextval('report_days_generation')
         FROM report_days WHERE shop_id = :shop AND day <= (:through)::date
       ON CONFLICT (shop_id) DO UPDATE
          SET through = EXCLUDED.through, days = EXCLUDED.days, generation = EXCLUDED.generation, computed_at = now()`,
      { shop, through },
    );
  });
}

/**
 * The bindings of a report over every day of the shop (allDays) that reads lifetimeCtes: its closed
 * days aggregated, and its customer totals brought up to them, first.
 */
export async function lifetimeBindings(input: ReportInput): Promise<DayBindings> {
  const bindings = await dayBindings(await allDays(input));
  if (!input.ctx.knex.isTransaction && bindings.agg_to >= bindings.from)
    await refreshCustomerTotals(input.ctx.knex, bindings.shop, bindings.agg_to);
  return bindings;
}

/**
 * The CTEs (without WITH) of every day of the shop, with lifetimeBindings: `lifetime_days`, in the
 * shape of customer_days, the customer totals if current through a day this read has aggregated, and
 * the days after them; otherwise every day.
 */
export const lifetimeCtes = (): string => `${daysCtes('customers')},
  totals AS (SELECT t.through FROM report_totals t
              WHERE t.shop_id = :shop AND t.through <= (:agg_to)::date AND ${totalsCurrent('t')}),
  lifetime_days AS (
    SELECT customer_id, sales, paid, first_at, last_at FROM report_customer_totals
     WHERE shop_id = :shop AND EXISTS (SELECT 1 FROM totals)
    UNION ALL
    SELECT customer_id, sales, paid, first_at, last_at FROM customer_days
     WHERE day > coalesce((SELECT through FROM totals), '-infinity'))`;

/**
 * Units sold per product since `days` days ago (a rolling window from now, not whole days): the lines
 * of sales that were not reversed. Whole closed days of the window come from their aggregate, the
 * window's first partial day and the open days from the sales.
 */
export async function unitsSoldSince(ctx: ActionContext, days: number): Promise<Map<number, number>> {
  const [shop] = await query<{ tz: string; first: string; today: string }>(
    ctx.knex,
    `SELECT timezone AS tz,
            to_char(((now() - make_interval(days => :days)) AT TIME ZONE timezone)::date + 1, 'YYYY-MM-DD') AS first,
            to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS today
       FROM shops WHERE id = :shop`,
    { shop: ctx.shopId, days },
  );
  if (!shop) throw new Error(`shop ${ctx.shopId} is missing`);
  const aggTo = ctx.knex.isTransaction
    ? null
    : await aggregate(ctx.knex, ctx.shopId, shop.tz, shop.first, shop.today);
  // The window starts at this statement's now(), as a plain query over the sales would; should that
  // have passed midnight since `first` was taken, the first aggregated day is the next one.
  const rows = await query<{ product_id: number; sold: number }>(
    ctx.knex,
    `WITH w AS (SELECT now() - make_interval(days => :days) AS since),
     agg AS (SELECT greatest((:first)::date, ((SELECT since FROM w) AT TIME ZONE :tz)::date + 1) AS first,
                    (:agg_to)::date AS last),
     -- The aggregated days' span (none: from infinity), which the live part leaves out.
     span AS (SELECT CASE WHEN last >= first THEN ${dayStart('first')} ELSE 'infinity'::timestamptz END AS from_at,
                     CASE WHEN last >= first THEN ${dayEnd('last')} ELSE 'infinity'::timestamptz END AS to_at
                FROM agg),
     live AS (
       SELECT i.product_id, sum(i.quantity) AS sold
         FROM sales s JOIN sale_items i ON i.shop_id = s.shop_id AND i.sale_id = s.id
        WHERE s.shop_id = :shop AND s.kind = 'sale' AND s.status <> 'Reversed'
          AND ((s.created_at >= (SELECT since FROM w) AND s.created_at < (SELECT from_at FROM span))
               OR s.created_at >= greatest((SELECT since FROM w), (SELECT to_at FROM span)))
        GROUP BY i.product_id),
     stored AS (
       SELECT product_id, sum(unreversed) AS sold FROM report_lines
        WHERE shop_id = :shop AND product_id IS NOT NULL
          AND day BETWEEN (SELECT first FROM agg) AND (SELECT last FROM agg)
        GROUP BY product_id)
     SELECT product_id, sum(sold)::integer AS sold FROM (SELECT * FROM live UNION ALL SELECT * FROM stored) u
      WHERE product_id IS NOT NULL GROUP BY product_id`,
    { shop: ctx.shopId, tz: shop.tz, days, first: shop.first, agg_to: aggTo ?? addDays(shop.first, -1) },
  );
  return new Map(rows.map((r) => [r.product_id, r.sold]));
}

/**
 * Forgets the aggregated day of a sale (and, `withReversal`, of its reversal), in the caller's
 * transaction: for a write the triggers do not see (a line or payment created for an existing sale).
 */
export async function forgetDaysOfSale(knex: Knex, saleId: number, withReversal: boolean): Promise<void> {
  await knex.raw('SELECT report_days_forget_sales(shop_id, ARRAY[id], ?) FROM sales WHERE id = ?', [
    withReversal,
    saleId,
  ]);
}
