// Financial reports: daily closure summary, cash flow, expense breakdown, profit and loss, tax.
import { dayBindings, daysCtes } from './days.ts';
import { inPeriod, PARTS, SPENT, USER_NAME } from './ledger.ts';
import { col, query, total, type ReportDefinition, type ReportInput } from './report.ts';

export interface ProfitAndLoss {
  net_sales: number;
  repair_revenue: number;
  revenue: number;
  cost_of_goods: number;
  parts_cost: number;
  gross_profit: number;
  expenses: number;
  net_profit: number;
  tax_collected: number;
}

/** The period's profit and loss (amounts before tax; tax collected is owed, not earned). */
export async function profitAndLoss(input: ReportInput): Promise<ProfitAndLoss> {
  const [row] = await query<Omit<ProfitAndLoss, 'revenue' | 'gross_profit' | 'net_profit'>>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')}, ${PARTS}, ${SPENT},
     sold AS (SELECT coalesce(sum(net), 0) AS net, coalesce(sum(tax), 0) AS tax, coalesce(sum(cost), 0) AS cost
                FROM sold_days)
     SELECT (SELECT net FROM sold)::float8 AS net_sales,
            (SELECT tax FROM sold)::float8 AS tax_collected,
            (SELECT cost FROM sold)::float8 AS cost_of_goods,
            (SELECT coalesce(sum(cost), 0) FROM parts)::float8 AS parts_cost,
            (SELECT coalesce(sum(amount), 0) FROM spent)::float8 AS expenses,
            (SELECT coalesce(sum(amount), 0) FROM repair_payments
              WHERE shop_id = :shop AND created_at >= ((:from)::date)::timestamp AT TIME ZONE :tz
                AND created_at < ((:to)::date + 1)::timestamp AT TIME ZONE :tz)::float8 AS repair_revenue`,
    await dayBindings(input),
  );
  const figures = row ?? {
    net_sales: 0,
    tax_collected: 0,
    cost_of_goods: 0,
    parts_cost: 0,
    expenses: 0,
    repair_revenue: 0,
  };
  const revenue = figures.net_sales + figures.repair_revenue;
  const grossProfit = revenue - figures.cost_of_goods - figures.parts_cost;
  return {
    ...figures,
    revenue,
    gross_profit: grossProfit,
    net_profit: grossProfit - figures.expenses,
  };
}

export const FINANCIAL_REPORTS: ReportDefinition[] = [
  {
    name: 'financial/closures',
    title: 'Daily closure summary',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string | null>>(
        input.ctx.knex,
        `SELECT to_char(c.closure_date, 'YYYY-MM-DD') AS closure_date, c.status,
                c.expected_amount::float8 AS expected, c.total_collected::float8 AS counted, c.variance::float8 AS variance,
                c.cash_amount::float8 AS cash, c.mtn_amount::float8 AS mtn, c.airtel_amount::float8 AS airtel,
                c.card_amount::float8 AS card, c.bank_transfer::float8 AS bank_transfer, c.other_amount::float8 AS other,
                ${USER_NAME} AS submitted_by
           FROM daily_closures c LEFT JOIN directus_users u ON u.id = c.submitted_by
          WHERE c.shop_id = :shop AND c.closure_date BETWEEN (:from)::date AND (:to)::date
          ORDER BY c.closure_date`,
        input.bindings,
      );
      return {
        columns: [
          col('closure_date', 'Day', 'date'),
          col('status', 'Status', 'text'),
          col('expected', 'Expected', 'money'),
          col('counted', 'Counted', 'money'),
          col('variance', 'Variance', 'money'),
          col('cash', 'Cash', 'money'),
          col('mtn', 'MTN Mobile Money', 'money'),
          col('airtel', 'Airtel Money', 'money'),
          col('card', 'Card', 'money'),
          col('bank_transfer', 'Bank transfer', 'money'),
          col('other', 'Other', 'money'),
          col('submitted_by', 'Submitted by', 'text'),
        ],
        rows,
        summary: [
          { label: 'Closures', type: 'integer', value: rows.length },
          { label: 'Expected', type: 'money', value: total(rows, 'expected') },
          { label: 'Counted', type: 'money', value: total(rows, 'counted') },
          { label: 'Variance', type: 'money', value: total(rows, 'variance') },
        ],
      };
    },
  },
  {
    name: 'financial/cash-flow',
    title: 'Cash flow statement',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${daysCtes('paid')}, ${SPENT},
         received AS (SELECT method, received AS sales_in, refunded AS refunds_out, 0 AS repairs_in FROM paid_days
                      UNION ALL
                      SELECT method, 0, 0, amount FROM repair_payments
                       WHERE shop_id = :shop AND ${inPeriod('created_at')}),
         money_in AS (SELECT method, sum(sales_in) AS sales_in, sum(refunds_out) AS refunds_out,
                             sum(repairs_in) AS repairs_in
                        FROM received GROUP BY method),
         money_out AS (SELECT method, sum(amount) AS expenses_out FROM spent GROUP BY method)
         SELECT coalesce(i.method, o.method) AS method, coalesce(i.sales_in, 0)::float8 AS sales_in,
                coalesce(i.repairs_in, 0)::float8 AS repairs_in, coalesce(i.refunds_out, 0)::float8 AS refunds_out,
                coalesce(o.expenses_out, 0)::float8 AS expenses_out,
                (coalesce(i.sales_in, 0) + coalesce(i.repairs_in, 0) - coalesce(i.refunds_out, 0) - coalesce(o.expenses_out, 0))::float8 AS net
           FROM money_in i FULL JOIN money_out o ON o.method = i.method
          ORDER BY net DESC, method`,
        await dayBindings(input),
      );
      return {
        columns: [
          col('method', 'Method', 'text'),
          col('sales_in', 'Sales received', 'money'),
          col('repairs_in', 'Repairs received', 'money'),
          col('refunds_out', 'Refunds paid', 'money'),
          col('expenses_out', 'Expenses paid', 'money'),
          col('net', 'Net cash flow', 'money'),
        ],
        rows,
        summary: [
          { label: 'Money in', type: 'money', value: total(rows, 'sales_in') + total(rows, 'repairs_in') },
          {
            label: 'Money out',
            type: 'money',
            value: total(rows, 'refunds_out') + total(rows, 'expenses_out'),
          },
          { label: 'Net cash flow', type: 'money', value: total(rows, 'net') },
        ],
      };
    },
  },
  {
    name: 'financial/expenses',
    title: 'Expense breakdown',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `SELECT category, count(*) FILTER (WHERE status = 'Approved')::integer AS approved_count,
                coalesce(sum(amount) FILTER (WHERE status = 'Approved'), 0)::float8 AS approved,
                coalesce(sum(amount) FILTER (WHERE status = 'Pending'), 0)::float8 AS pending,
                coalesce(sum(amount) FILTER (WHERE status = 'Rejected'), 0)::float8 AS rejected
           FROM expenses WHERE shop_id = :shop AND expense_date BETWEEN (:from)::date AND (:to)::date
          GROUP BY category ORDER BY approved DESC, category`,
        input.bindings,
      );
      const approved = total(rows, 'approved');
      return {
        columns: [
          col('category', 'Category', 'text'),
          col('approved_count', 'Approved expenses', 'integer'),
          col('approved', 'Approved', 'money'),
          col('pending', 'Pending', 'money'),
          col('rejected', 'Rejected', 'money'),
          col('share_bp', 'Share of approved', 'basis_points'),
        ],
        rows: rows.map((r) => ({
          ...r,
          share_bp: approved === 0 ? 0 : Math.round(((r['approved'] as number) * 10_000) / approved),
        })),
        summary: [
          { label: 'Approved', type: 'money', value: approved },
          { label: 'Pending', type: 'money', value: total(rows, 'pending') },
        ],
      };
    },
  },
  {
    name: 'financial/profit-loss',
    title: 'Profit and loss',
    access: 'all',
    periodic: true,
    run: async (input) => {
      const pl = await profitAndLoss(input);
      const lines: [string, string, number][] = [
        ['net_sales', 'Net sales (after discounts and returns, before tax)', pl.net_sales],
        ['repair_revenue', 'Repair revenue', pl.repair_revenue],
        ['revenue', 'Revenue', pl.revenue],
        ['cost_of_goods', 'Cost of goods sold', -pl.cost_of_goods],
        ['parts_cost', 'Repair parts', -pl.parts_cost],
        ['gross_profit', 'Gross profit', pl.gross_profit],
        ['expenses', 'Approved expenses', -pl.expenses],
        ['net_profit', 'Net profit', pl.net_profit],
        ['tax_collected', 'Tax collected (owed, not in profit)', pl.tax_collected],
      ];
      return {
        columns: [
          col('line', 'Line', 'text'),
          col('label', 'Item', 'text'),
          col('amount', 'Amount', 'money', true),
        ],
        rows: lines.map(([line, label, amount]) => ({ line, label, amount })),
        summary: [{ label: 'Net profit', type: 'money', value: pl.net_profit, ownerOnly: true }],
      };
    },
  },
  {
    name: 'financial/tax',
    title: 'Tax report',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${daysCtes('sold')}
         SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(taxed)::integer AS taxed_sales,
                sum(net)::float8 AS taxable, sum(tax)::float8 AS tax, sum(collected)::float8 AS gross_with_tax
           FROM sold_days GROUP BY day ORDER BY day`,
        await dayBindings(input),
      );
      return {
        columns: [
          col('day', 'Day', 'date'),
          col('taxed_sales', 'Taxed sales', 'integer'),
          col('taxable', 'Taxable amount', 'money'),
          col('tax', 'Tax', 'money'),
          col('gross_with_tax', 'Total with tax', 'money'),
        ],
        rows,
        summary: [
          { label: 'Taxable amount', type: 'money', value: total(rows, 'taxable') },
          { label: 'Tax', type: 'money', value: total(rows, 'tax') },
        ],
      };
    },
  },
];
