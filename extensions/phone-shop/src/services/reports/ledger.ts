// Where money and stock land in the reports: the accounting rules of docs/decisions.md (Reports) as
// SQL fragments, in one place. Every fragment uses the named bindings :shop, :tz, :from and :to.
//   - A sale counts on the day of its creation in the shop's timezone, whatever its approval status
//     (as in the daily closure). A reversal counts on its own day, negatively, and against the seller
//     of the sale it reverses.
//   - Gross sales are before discounts; discounts include line discounts, sale discounts and redeemed
//     loyalty points; net sales are after discounts and before tax; tax is reported apart.
//   - Per product, revenue is the line total after its line discount (sale-wide discounts are not
//     spread over lines); a reversal returns the original lines.
//   - Cost of goods is the unit cost recorded on each line at the time of sale; repairs add the cost
//     of their parts on the day a part is taken.
//   - Money received is the payments: per method for split payments, on the sale's day; repair
//     payments on their own day. Expenses count when approved, on their expense date.

/** The start of a day given as an SQL date expression (a binding such as `:from`), as an instant. */
export const dayStart = (day: string): string => `((${day})::date)::timestamp AT TIME ZONE :tz`;
/** The start of the day after a day given as an SQL date expression. */
export const dayEnd = (day: string): string => `((${day})::date + 1)::timestamp AT TIME ZONE :tz`;

/** The start of the period's first day, as an instant. */
export const PERIOD_START = dayStart(':from');
/** The start of the day after the period's last day. */
export const PERIOD_END = dayEnd(':to');

/** `column` (a timestamptz) falls within the days `first` to `last` (SQL date expressions). */
export const inDays = (column: string, first: string, last: string): string =>
  `${column} >= ${dayStart(first)} AND ${column} < ${dayEnd(last)}`;

/** `column` (a timestamptz) falls within the period. */
export const inPeriod = (column: string): string => inDays(column, ':from', ':to');

/** The day of the shop's timezone on which an instant falls. */
export const localDay = (column: string): string => `(${column} AT TIME ZONE :tz)::date`;

/**
 * `name`: the sales and reversals of the days `first` to `last`, one row each, with their day and
 * hour, seller and amounts (reversals negative). `net` is after discounts and before tax.
 */
export const entriesOf = (name: string, first: string, last: string): string => `${name} AS (
  SELECT s.id, s.kind, coalesce(s.reversal_of, s.id) AS source_id, s.created_at,
         ${localDay('s.created_at')} AS day, extract(hour FROM s.created_at AT TIME ZONE :tz)::integer AS hour,
         coalesce(o.created_by, s.created_by) AS seller,
         s.customer_id, s.status, s.total_amount, s.discount_amount, s.tax_amount, s.final_amount,
         s.total_amount - s.discount_amount AS net
    FROM sales s
    LEFT JOIN sales o ON o.shop_id = s.shop_id AND o.id = s.reversal_of
   WHERE s.shop_id = :shop AND ${inDays('s.created_at', first, last)})`;

/**
 * `name`: the items of the entries of the CTE `entries`; a reversal brings back its sale's lines
 * negated. `entry_id` is the sale or reversal the line counts for.
 */
export const linesOf = (name: string, entries: string): string => `${name} AS (
  SELECT e.id AS entry_id, e.day, e.seller, e.kind, e.status, i.product_id, i.device_id, i.item_name,
         (CASE WHEN e.kind = 'sale' THEN 1 ELSE -1 END) * i.quantity AS quantity,
         (CASE WHEN e.kind = 'sale' THEN 1 ELSE -1 END) * i.total_price AS revenue,
         (CASE WHEN e.kind = 'sale' THEN 1 ELSE -1 END) * i.quantity * i.unit_cost AS cost
    FROM ${entries} e
    JOIN sale_items i ON i.shop_id = :shop AND i.sale_id = e.source_id)`;

/** `entries`: the period's sales and reversals (entriesOf). */
export const ENTRIES = entriesOf('entries', ':from', ':to');

/** `lines`: the items of the period's entries (linesOf). Needs ENTRIES before it. */
export const LINES = linesOf('lines', 'entries');

/** `received`: money in, per day and method, from sales (reversals negative) and repairs. */
export const RECEIVED = `received AS (
  SELECT ${localDay('s.created_at')} AS day, p.method, 'sales' AS source, p.amount
    FROM sale_payments p
    JOIN sales s ON s.shop_id = p.shop_id AND s.id = p.sale_id
   WHERE p.shop_id = :shop AND ${inPeriod('s.created_at')}
  UNION ALL
  SELECT ${localDay('r.created_at')}, r.method, 'repairs', r.amount
    FROM repair_payments r
   WHERE r.shop_id = :shop AND ${inPeriod('r.created_at')})`;

/** `spent`: approved expenses of the period, on their expense date. */
export const SPENT = `spent AS (
  SELECT expense_date AS day, category, payment_method AS method, amount
    FROM expenses
   WHERE shop_id = :shop AND status = 'Approved' AND expense_date BETWEEN (:from)::date AND (:to)::date)`;

/** `parts`: repair parts taken in the period, at cost, on the day taken. */
export const PARTS = `parts AS (
  SELECT ${localDay('created_at')} AS day, quantity * unit_cost AS cost
    FROM repair_parts
   WHERE shop_id = :shop AND ${inPeriod('created_at')})`;

/** The display name of a user joined as `u`. */
export const USER_NAME = `coalesce(nullif(trim(concat(u.first_name, ' ', u.last_name)), ''), u.email)`;
