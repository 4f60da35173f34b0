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

/** The start of the period's first day, as an instant. */
export const PERIOD_START = `((:from)::date)::timestamp AT TIME ZONE :tz`;
/** The start of the day after the period's last day. */
export const PERIOD_END = `((:to)::date + 1)::timestamp AT TIME ZONE :tz`;

/** `column` (a timestamptz) falls within the period. */
export const inPeriod = (column: string): string =>
  `${column} >= ${PERIOD_START} AND ${column} < ${PERIOD_END}`;

/** The day of the shop's timezone on which an instant falls. */
export const localDay = (column: string): string => `(${column} AT TIME ZONE :tz)::date`;

/**
 * `entries`: the period's sales and reversals, one row each, with their day, seller and amounts
 * (reversals negative). `net` is after discounts and before tax.
 */
export const ENTRIES = `entries AS (
  SELECT s.id, s.kind, coalesce(s.reversal_of, s.id) AS source_id, s.created_at,
         ${localDay('s.created_at')} AS day, coalesce(o.created_by, s.created_by) AS seller,
         s.customer_id, s.status, s.total_amount, s.discount_amount, s.tax_amount, s.final_amount,
         s.total_amount - s.discount_amount AS net
    FROM sales s
    LEFT JOIN sales o ON o.shop_id = s.shop_id AND o.id = s.reversal_of
   WHERE s.shop_id = :shop AND ${inPeriod('s.created_at')})`;

/**
 * `lines`: the items of the period's entries; a reversal brings back its sale's lines negated.
 * Needs ENTRIES before it.
 */
export const LINES = `lines AS (
  SELECT e.day, e.seller, e.kind, i.product_id, i.device_id, i.item_name,
         (CASE WHEN e.kind = 'sale' THEN 1 ELSE -1 END) * i.quantity AS quantity,
         (CASE WHEN e.kind = 'sale' THEN 1 ELSE -1 END) * i.total_price AS revenue,
         (CASE WHEN e.kind = 'sale' THEN 1 ELSE -1 END) * i.quantity * i.unit_cost AS cost
    FROM entries e
    JOIN sale_items i ON i.shop_id = :shop AND i.sale_id = e.source_id)`;

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
