// Customer reports: lifetime value, top customers, acquisition, purchase patterns. A customer's value
// is what they paid, net of reversals (docs/decisions.md, Customers).
import { isoInstantSql } from '../exports/table.ts';
import { dayBindings, daysCtes, lifetimeBindings, lifetimeCtes } from './days.ts';
import { inDays, localDay } from './ledger.ts';
import { col, query, total, type ReportDefinition, type ReportInput } from './report.ts';

/** The customers who paid the most in the period, net of reversals. */
export async function topCustomers(
  input: ReportInput,
  limit: number,
): Promise<Record<string, number | string | null>[]> {
  return query<Record<string, number | string | null>>(
    input.ctx.knex,
    `WITH ${daysCtes('customers')},
     per_customer AS (SELECT customer_id, sum(sales) AS purchases, sum(paid) AS paid
                        FROM customer_days GROUP BY customer_id HAVING sum(paid) > 0)
     SELECT c.id AS customer_id, c.name, c.phone, e.purchases::integer AS purchases, e.paid::float8 AS paid
       FROM per_customer e JOIN customers c ON c.shop_id = :shop AND c.id = e.customer_id
      ORDER BY paid DESC, c.name LIMIT :limit`,
    { ...(await dayBindings(input)), limit },
  );
}

export const CUSTOMER_REPORTS: ReportDefinition[] = [
  {
    name: 'customers/lifetime-value',
    title: 'Customer lifetime value',
    access: 'limited',
    periodic: false,
    run: async (input) => {
      const rows = await query<Record<string, number | string | Date | null>>(
        input.ctx.knex,
        `WITH ${lifetimeCtes()},
         bought AS (
           SELECT customer_id, sum(sales)::bigint AS purchases, sum(paid)::bigint AS paid,
                  min(first_at) AS first_purchase, max(last_at) AS last_purchase
             FROM lifetime_days GROUP BY customer_id),
         -- From the repairs of known customers (an index), each one's payments (another).
         repaired AS (SELECT r.customer_id, sum(p.amount) AS paid FROM repairs r
                        JOIN repair_payments p ON p.shop_id = r.shop_id AND p.repair_id = r.id
                       WHERE r.shop_id = :shop AND r.customer_id IS NOT NULL GROUP BY r.customer_id)
         SELECT c.id AS customer_id, c.name, c.phone, ${isoInstantSql('c.created_at')} AS customer_since,
                coalesce(b.purchases, 0)::integer AS purchases, coalesce(b.paid, 0)::float8 AS sales_value,
                coalesce(r.paid, 0)::float8 AS repairs_value,
                (coalesce(b.paid, 0) + coalesce(r.paid, 0))::float8 AS lifetime_value,
                CASE WHEN coalesce(b.purchases, 0) = 0 THEN 0 ELSE round(b.paid / b.purchases)::float8 END AS average_purchase,
                ${isoInstantSql('b.first_purchase')} AS first_purchase,
                ${isoInstantSql('b.last_purchase')} AS last_purchase, c.loyalty_points
           FROM customers c LEFT JOIN bought b ON b.customer_id = c.id LEFT JOIN repaired r ON r.customer_id = c.id
          WHERE c.shop_id = :shop
          ORDER BY lifetime_value DESC, c.name`,
        // Every sale the shop has made: its customers' totals and the days after them.
        await lifetimeBindings(input),
      );
      return {
        columns: [
          col('customer_id', 'Customer id', 'integer'),
          col('name', 'Customer', 'text'),
          col('phone', 'Phone', 'text'),
          col('customer_since', 'Customer since', 'datetime'),
          col('purchases', 'Purchases', 'integer'),
          col('sales_value', 'Sales paid', 'money'),
          col('repairs_value', 'Repairs paid', 'money'),
          col('lifetime_value', 'Lifetime value', 'money'),
          col('average_purchase', 'Average purchase', 'money'),
          col('first_purchase', 'First purchase', 'datetime'),
          col('last_purchase', 'Last purchase', 'datetime'),
          col('loyalty_points', 'Loyalty points', 'integer'),
        ],
        rows,
        summary: [
          { label: 'Customers', type: 'integer', value: rows.length },
          { label: 'Lifetime value', type: 'money', value: total(rows, 'lifetime_value') },
        ],
      };
    },
  },
  {
    name: 'customers/top',
    title: 'Top customers',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await topCustomers(input, 50);
      return {
        columns: [
          col('customer_id', 'Customer id', 'integer'),
          col('name', 'Customer', 'text'),
          col('phone', 'Phone', 'text'),
          col('purchases', 'Purchases', 'integer'),
          col('paid', 'Paid', 'money'),
        ],
        rows,
      };
    },
  },
  {
    name: 'customers/acquisition',
    title: 'Customer acquisition',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${lifetimeCtes()},
         first_sale AS (SELECT customer_id, min(first_at) AS at FROM lifetime_days
                         WHERE first_at IS NOT NULL GROUP BY customer_id),
         registered AS (SELECT ${localDay('created_at')} AS day, count(*) AS n FROM customers
                         WHERE shop_id = :shop AND ${inDays('created_at', ':period_from', ':period_to')} GROUP BY 1),
         first_buyers AS (SELECT ${localDay('at')} AS day, count(*) AS n FROM first_sale
                           WHERE ${inDays('at', ':period_from', ':period_to')} GROUP BY 1)
         SELECT to_char(coalesce(r.day, f.day), 'YYYY-MM-DD') AS day, coalesce(r.n, 0)::integer AS new_customers,
                coalesce(f.n, 0)::integer AS first_purchases
           FROM registered r FULL JOIN first_buyers f ON f.day = r.day ORDER BY 1`,
        // A customer's first purchase is looked for among every sale (their totals); the period filters.
        {
          ...(await lifetimeBindings(input)),
          period_from: input.bindings.from,
          period_to: input.bindings.to,
        },
      );
      return {
        columns: [
          col('day', 'Day', 'date'),
          col('new_customers', 'New customers', 'integer'),
          col('first_purchases', 'First purchases', 'integer'),
        ],
        rows,
        summary: [
          { label: 'New customers', type: 'integer', value: total(rows, 'new_customers') },
          { label: 'First purchases', type: 'integer', value: total(rows, 'first_purchases') },
        ],
      };
    },
  },
  {
    name: 'customers/purchase-patterns',
    title: 'Purchase patterns',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      // When customers buy: weekday and hour of the shop's timezone (ISO weekday, 1 = Monday).
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${daysCtes('sold')}
         SELECT extract(isodow FROM day)::integer AS weekday, to_char(day, 'Dy') AS weekday_name,
                hour::integer AS hour, sum(sales)::integer AS sales, sum(sales_net)::float8 AS net,
                sum(known_sales)::integer AS known_customer_sales
           FROM sold_days WHERE sales > 0
          GROUP BY 1, 2, 3 ORDER BY 1, 3`,
        await dayBindings(input),
      );
      const repeat = await query<{ customers: number; repeat_customers: number }>(
        input.ctx.knex,
        `WITH ${daysCtes('customers')},
         per_customer AS (SELECT customer_id, sum(sales) AS n FROM customer_days
                           GROUP BY customer_id HAVING sum(sales) > 0)
         SELECT count(*)::integer AS customers, count(*) FILTER (WHERE n > 1)::integer AS repeat_customers FROM per_customer`,
        await dayBindings(input),
      );
      return {
        columns: [
          col('weekday', 'Weekday (1 = Monday)', 'integer'),
          col('weekday_name', 'Weekday', 'text'),
          col('hour', 'Hour', 'integer'),
          col('sales', 'Sales', 'integer'),
          col('net', 'Net sales', 'money'),
          col('known_customer_sales', 'Sales to known customers', 'integer'),
        ],
        rows,
        summary: [
          { label: 'Customers who bought', type: 'integer', value: repeat[0]?.customers ?? 0 },
          { label: 'Customers who came back', type: 'integer', value: repeat[0]?.repeat_customers ?? 0 },
        ],
      };
    },
  },
];
