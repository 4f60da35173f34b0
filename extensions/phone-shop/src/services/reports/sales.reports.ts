// Sales reports: daily summary, by product, by staff, by payment method, trends, profit analysis.
import { ENTRIES, LINES, RECEIVED, USER_NAME } from './ledger.ts';
import { col, query, total, type ReportDefinition } from './report.ts';

interface DayFigures {
  day: string;
  sales: number;
  reversals: number;
  gross: number;
  discounts: number;
  returns: number;
  net: number;
  tax: number;
  collected: number;
  cost: number;
  profit: number;
}

/** Sales, reversals and their amounts per day of the period, with cost and gross profit. */
async function figuresPerDay(input: Parameters<ReportDefinition['run']>[0]): Promise<DayFigures[]> {
  return query<DayFigures>(
    input.ctx.knex,
    `WITH ${ENTRIES}, ${LINES},
     per_day AS (
       SELECT day,
              count(*) FILTER (WHERE kind = 'sale')::integer AS sales,
              count(*) FILTER (WHERE kind = 'reversal')::integer AS reversals,
              coalesce(sum(total_amount) FILTER (WHERE kind = 'sale'), 0)::bigint AS gross,
              coalesce(sum(discount_amount) FILTER (WHERE kind = 'sale'), 0)::bigint AS discounts,
              coalesce(sum(total_amount) FILTER (WHERE kind = 'reversal'), 0)::bigint AS returns,
              sum(net)::bigint AS net, sum(tax_amount)::bigint AS tax, sum(final_amount)::bigint AS collected
         FROM entries GROUP BY day),
     cost_per_day AS (SELECT day, sum(cost)::bigint AS cost FROM lines GROUP BY day)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, d.sales, d.reversals, d.gross::float8 AS gross,
            d.discounts::float8 AS discounts, d.returns::float8 AS returns, d.net::float8 AS net,
            d.tax::float8 AS tax, d.collected::float8 AS collected,
            coalesce(c.cost, 0)::float8 AS cost, (d.net - coalesce(c.cost, 0))::float8 AS profit
       FROM per_day d LEFT JOIN cost_per_day c ON c.day = d.day
      ORDER BY d.day`,
    input.bindings,
  );
}

/** Units, revenue, cost and profit per product in the period, best revenue first. */
export function productSales(
  input: Parameters<ReportDefinition['run']>[0],
): Promise<Record<string, number | string | null>[]> {
  return query<Record<string, number | string | null>>(
    input.ctx.knex,
    `WITH ${ENTRIES}, ${LINES}
     SELECT l.product_id, coalesce(p.name, min(l.item_name)) AS name, p.category,
            sum(l.quantity)::integer AS quantity, sum(l.revenue)::float8 AS revenue,
            sum(l.cost)::float8 AS cost, (sum(l.revenue) - sum(l.cost))::float8 AS profit
       FROM lines l LEFT JOIN products p ON p.shop_id = :shop AND p.id = l.product_id
      WHERE l.product_id IS NOT NULL
      GROUP BY l.product_id, p.name, p.category
      ORDER BY revenue DESC, name`,
    input.bindings,
  );
}

export const SALES_REPORTS: ReportDefinition[] = [
  {
    name: 'sales/daily-summary',
    title: 'Daily sales summary',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await figuresPerDay(input);
      return {
        columns: [
          col('day', 'Day', 'date'),
          col('sales', 'Sales', 'integer'),
          col('reversals', 'Reversals', 'integer'),
          col('gross', 'Gross sales', 'money'),
          col('discounts', 'Discounts', 'money'),
          col('returns', 'Returns', 'money'),
          col('net', 'Net sales', 'money'),
          col('tax', 'Tax', 'money'),
          col('collected', 'Collected', 'money'),
          col('cost', 'Cost of goods', 'money', true),
          col('profit', 'Gross profit', 'money', true),
        ],
        rows: rows as unknown as Record<string, number | string>[],
        summary: [
          { label: 'Sales', type: 'integer', value: total(rows as never, 'sales') },
          { label: 'Net sales', type: 'money', value: total(rows as never, 'net') },
          { label: 'Tax', type: 'money', value: total(rows as never, 'tax') },
          { label: 'Collected', type: 'money', value: total(rows as never, 'collected') },
          { label: 'Gross profit', type: 'money', value: total(rows as never, 'profit'), ownerOnly: true },
        ],
      };
    },
  },
  {
    name: 'sales/by-product',
    title: 'Sales by product',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await productSales(input);
      return {
        columns: [
          col('product_id', 'Product id', 'integer'),
          col('name', 'Product', 'text'),
          col('category', 'Category', 'text'),
          col('quantity', 'Units sold', 'integer'),
          col('revenue', 'Revenue', 'money'),
          col('cost', 'Cost', 'money', true),
          col('profit', 'Profit', 'money', true),
        ],
        rows,
        summary: [
          { label: 'Units sold', type: 'integer', value: total(rows, 'quantity') },
          { label: 'Revenue', type: 'money', value: total(rows, 'revenue') },
          { label: 'Profit', type: 'money', value: total(rows, 'profit'), ownerOnly: true },
        ],
      };
    },
  },
  {
    name: 'sales/by-staff',
    title: 'Sales by staff',
    access: 'limited',
    periodic: true,
    run: async (input) => staffSales(input),
  },
  {
    name: 'sales/by-payment-method',
    title: 'Sales by payment method',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${RECEIVED}
         SELECT method, count(*) FILTER (WHERE amount > 0)::integer AS payments,
                coalesce(sum(amount) FILTER (WHERE amount > 0), 0)::float8 AS received,
                coalesce(-sum(amount) FILTER (WHERE amount < 0), 0)::float8 AS refunded,
                sum(amount)::float8 AS net
           FROM received WHERE source = 'sales'
          GROUP BY method ORDER BY net DESC, method`,
        input.bindings,
      );
      return {
        columns: [
          col('method', 'Payment method', 'text'),
          col('payments', 'Payments', 'integer'),
          col('received', 'Received', 'money'),
          col('refunded', 'Refunded', 'money'),
          col('net', 'Net', 'money'),
        ],
        rows,
        summary: [{ label: 'Net', type: 'money', value: total(rows, 'net') }],
      };
    },
  },
  {
    name: 'sales/trends',
    title: 'Sales trends',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      // Every day of the period, zero days included, so that a chart has no gaps.
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${ENTRIES},
         per_day AS (SELECT day, count(*) FILTER (WHERE kind = 'sale') AS sales, sum(net) AS net
                       FROM entries GROUP BY day)
         SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(p.sales, 0)::integer AS sales,
                coalesce(p.net, 0)::float8 AS net,
                CASE WHEN coalesce(p.sales, 0) = 0 THEN 0 ELSE round(p.net / p.sales)::float8 END AS average_sale,
                round(avg(coalesce(p.net, 0)) OVER (ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW))::float8
                  AS net_7_day_average
           FROM generate_series((:from)::date, (:to)::date, interval '1 day') AS d(day)
           LEFT JOIN per_day p ON p.day = d.day::date
          ORDER BY d.day`,
        input.bindings,
      );
      return {
        columns: [
          col('day', 'Day', 'date'),
          col('sales', 'Sales', 'integer'),
          col('net', 'Net sales', 'money'),
          col('average_sale', 'Average sale', 'money'),
          col('net_7_day_average', 'Net sales, 7-day average', 'money'),
        ],
        rows,
      };
    },
  },
  {
    name: 'sales/profit',
    title: 'Profit analysis',
    access: 'all',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${ENTRIES}, ${LINES}
         SELECT coalesce(p.category, CASE WHEN l.device_id IS NOT NULL THEN 'Devices' ELSE 'Custom items' END) AS category,
                sum(l.quantity)::integer AS quantity, sum(l.revenue)::float8 AS revenue, sum(l.cost)::float8 AS cost,
                (sum(l.revenue) - sum(l.cost))::float8 AS profit,
                CASE WHEN sum(l.revenue) = 0 THEN 0
                     ELSE round((sum(l.revenue) - sum(l.cost)) * 10000.0 / sum(l.revenue))::integer END AS margin_bp
           FROM lines l LEFT JOIN products p ON p.shop_id = :shop AND p.id = l.product_id
          GROUP BY 1 ORDER BY profit DESC, category`,
        input.bindings,
      );
      const revenue = total(rows, 'revenue');
      const profit = total(rows, 'profit');
      return {
        columns: [
          col('category', 'Category', 'text'),
          col('quantity', 'Units', 'integer'),
          col('revenue', 'Revenue', 'money'),
          col('cost', 'Cost', 'money', true),
          col('profit', 'Profit', 'money', true),
          col('margin_bp', 'Margin', 'basis_points', true),
        ],
        rows,
        summary: [
          { label: 'Revenue', type: 'money', value: revenue },
          { label: 'Profit', type: 'money', value: profit, ownerOnly: true },
          {
            label: 'Margin',
            type: 'basis_points',
            value: revenue === 0 ? 0 : Math.round((profit * 10_000) / revenue),
            ownerOnly: true,
          },
        ],
      };
    },
  },
];

/** Sales per staff member (reversals against the original seller); shared by the staff section. */
export async function staffSales(
  input: Parameters<ReportDefinition['run']>[0],
): Promise<Awaited<ReturnType<ReportDefinition['run']>>> {
  const rows = await query<Record<string, number | string | null>>(
    input.ctx.knex,
    `WITH ${ENTRIES}
     SELECT e.seller AS user_id, ${USER_NAME} AS name,
            count(*) FILTER (WHERE e.kind = 'sale')::integer AS sales,
            count(*) FILTER (WHERE e.kind = 'reversal')::integer AS reversals,
            sum(e.net)::float8 AS net, sum(e.final_amount)::float8 AS collected,
            coalesce(sum(e.discount_amount) FILTER (WHERE e.kind = 'sale'), 0)::float8 AS discounts,
            CASE WHEN count(*) FILTER (WHERE e.kind = 'sale') = 0 THEN 0
                 ELSE round(sum(e.net) / count(*) FILTER (WHERE e.kind = 'sale'))::float8 END AS average_sale
       FROM entries e LEFT JOIN directus_users u ON u.id = e.seller
      GROUP BY e.seller, u.first_name, u.last_name, u.email
      ORDER BY net DESC, name`,
    input.bindings,
  );
  return {
    columns: [
      col('user_id', 'User id', 'text'),
      col('name', 'Staff member', 'text'),
      col('sales', 'Sales', 'integer'),
      col('reversals', 'Reversals', 'integer'),
      col('discounts', 'Discounts given', 'money'),
      col('net', 'Net sales', 'money'),
      col('collected', 'Collected', 'money'),
      col('average_sale', 'Average sale', 'money'),
    ],
    rows,
    summary: [{ label: 'Net sales', type: 'money', value: total(rows, 'net') }],
  };
}
