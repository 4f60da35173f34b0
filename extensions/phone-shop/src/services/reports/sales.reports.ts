// Sales reports: daily summary, by product, by staff, by payment method, trends, profit analysis.
import { dayBindings, daysCtes } from './days.ts';
import { USER_NAME } from './ledger.ts';
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
    `WITH ${daysCtes('sold')}
     SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(sales)::integer AS sales, sum(reversals)::integer AS reversals,
            sum(gross)::float8 AS gross, sum(discounts)::float8 AS discounts, sum(returns)::float8 AS returns,
            sum(net)::float8 AS net, sum(tax)::float8 AS tax, sum(collected)::float8 AS collected,
            sum(cost)::float8 AS cost, (sum(net) - sum(cost))::float8 AS profit
       FROM sold_days GROUP BY day
      ORDER BY day`,
    await dayBindings(input),
  );
}

/** Units, revenue, cost and profit per product in the period, best revenue first. */
export async function productSales(
  input: Parameters<ReportDefinition['run']>[0],
): Promise<Record<string, number | string | null>[]> {
  // A line's product belongs to the shop (a same-shop foreign key): its name is always there.
  return query<Record<string, number | string | null>>(
    input.ctx.knex,
    `WITH ${daysCtes('lines')},
     sold AS (SELECT product_id, sum(quantity) AS quantity, sum(revenue) AS revenue, sum(cost) AS cost
                FROM line_days WHERE product_id IS NOT NULL GROUP BY product_id)
     SELECT l.product_id, p.name, p.category,
            l.quantity::integer AS quantity, l.revenue::float8 AS revenue,
            l.cost::float8 AS cost, (l.revenue - l.cost)::float8 AS profit
       FROM sold l LEFT JOIN products p ON p.shop_id = :shop AND p.id = l.product_id
      ORDER BY revenue DESC, name`,
    await dayBindings(input),
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
        `WITH ${daysCtes('paid')}
         SELECT method, sum(payments)::integer AS payments, sum(received)::float8 AS received,
                sum(refunded)::float8 AS refunded, sum(net)::float8 AS net
           FROM paid_days
          GROUP BY method ORDER BY net DESC, method`,
        await dayBindings(input),
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
        `WITH ${daysCtes('sold')},
         per_day AS (SELECT day, sum(sales)::bigint AS sales, sum(net)::bigint AS net
                       FROM sold_days GROUP BY day)
         SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(p.sales, 0)::integer AS sales,
                coalesce(p.net, 0)::float8 AS net,
                CASE WHEN coalesce(p.sales, 0) = 0 THEN 0 ELSE round(p.net / p.sales)::float8 END AS average_sale,
                round(avg(coalesce(p.net, 0)) OVER (ORDER BY d.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW))::float8
                  AS net_7_day_average
           FROM generate_series((:from)::date, (:to)::date, interval '1 day') AS d(day)
           LEFT JOIN per_day p ON p.day = d.day::date
          ORDER BY d.day`,
        await dayBindings(input),
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
        `WITH ${daysCtes('lines')},
         sold AS (SELECT product_id, is_device, sum(quantity) AS quantity, sum(revenue) AS revenue,
                         sum(cost) AS cost
                    FROM line_days GROUP BY product_id, is_device)
         SELECT coalesce(p.category, CASE WHEN l.is_device THEN 'Devices' ELSE 'Custom items' END) AS category,
                sum(l.quantity)::integer AS quantity, sum(l.revenue)::float8 AS revenue, sum(l.cost)::float8 AS cost,
                (sum(l.revenue) - sum(l.cost))::float8 AS profit,
                CASE WHEN sum(l.revenue) = 0 THEN 0
                     ELSE round((sum(l.revenue) - sum(l.cost)) * 10000.0 / sum(l.revenue))::integer END AS margin_bp
           FROM sold l LEFT JOIN products p ON p.shop_id = :shop AND p.id = l.product_id
          GROUP BY 1 ORDER BY profit DESC, category`,
        await dayBindings(input),
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
    `WITH ${daysCtes('sold')},
     per_seller AS (SELECT seller, sum(sales)::bigint AS sales, sum(reversals)::bigint AS reversals,
                           sum(net)::bigint AS net, sum(collected)::bigint AS collected,
                           sum(discounts)::bigint AS discounts
                      FROM sold_days GROUP BY seller)
     SELECT e.seller AS user_id, ${USER_NAME} AS name, e.sales::integer AS sales, e.reversals::integer AS reversals,
            e.net::float8 AS net, e.collected::float8 AS collected, e.discounts::float8 AS discounts,
            CASE WHEN e.sales = 0 THEN 0 ELSE round(e.net / e.sales)::float8 END AS average_sale
       FROM per_seller e LEFT JOIN directus_users u ON u.id = e.seller
      ORDER BY net DESC, name`,
    await dayBindings(input),
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
