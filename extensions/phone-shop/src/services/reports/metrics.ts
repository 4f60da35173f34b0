// Advanced metrics: average transaction value, inventory turnover, repair completion time, the staff
// performance score, seasonal trends and the revenue forecast with its backtest (docs/decisions.md).
import { backtest, weekdayAverageForecast, FORECAST_WEEKS } from '../../domain/forecast.ts';
import { addDays, changeBp, daysOf, periodLength, previousPeriod } from '../../domain/report-period.ts';
import { InvalidFieldError } from '../../errors.ts';
import { dayBindings, daysCtes } from './days.ts';
import { inPeriod, PERIOD_END } from './ledger.ts';
import {
  col,
  query,
  requireReportAccess,
  withPeriod,
  type ReportDefinition,
  type ReportInput,
} from './report.ts';
import { staffPerformanceRows } from './staff.reports.ts';

/** Net sales and the number of sales of a period. */
async function salesOf(input: ReportInput): Promise<{ sales: number; net: number }> {
  const [row] = await query<{ sales: number; net: number }>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')}
     SELECT coalesce(sum(sales), 0)::integer AS sales, coalesce(sum(net), 0)::float8 AS net FROM sold_days`,
    await dayBindings(input),
  );
  return row ?? { sales: 0, net: 0 };
}

/** Cost of goods sold in the period over the average stock value at cost (start and end of period). */
export async function inventoryTurnover(input: ReportInput): Promise<{
  cost_of_goods: number;
  stock_value_start: number;
  stock_value_end: number;
  turnover: number | null;
  days_of_inventory: number | null;
}> {
  // Stock at the period's end is today's, less what moved after it; at its start, less what moved in it.
  // Values use today's cost prices.
  const [row] = await query<{ cost_of_goods: number; stock_value_start: number; stock_value_end: number }>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')},
     after_end AS (SELECT product_id, sum(quantity) AS q FROM stock_movements
                    WHERE shop_id = :shop AND created_at >= ${PERIOD_END} GROUP BY product_id),
     within AS (SELECT product_id, sum(quantity) AS q FROM stock_movements
                 WHERE shop_id = :shop AND ${inPeriod('created_at')} GROUP BY product_id)
     SELECT (SELECT coalesce(sum(cost), 0) FROM sold_days)::float8 AS cost_of_goods,
            coalesce(sum((p.stock_quantity - coalesce(a.q, 0))::numeric * p.cost_price), 0)::float8 AS stock_value_end,
            coalesce(sum((p.stock_quantity - coalesce(a.q, 0) - coalesce(w.q, 0))::numeric * p.cost_price), 0)::float8
              AS stock_value_start
       FROM products p LEFT JOIN after_end a ON a.product_id = p.id LEFT JOIN within w ON w.product_id = p.id
      WHERE p.shop_id = :shop`,
    await dayBindings(input),
  );
  const figures = row ?? { cost_of_goods: 0, stock_value_start: 0, stock_value_end: 0 };
  const average = (figures.stock_value_start + figures.stock_value_end) / 2;
  const turnover = average > 0 ? Math.round((figures.cost_of_goods / average) * 100) / 100 : null;
  return {
    ...figures,
    turnover,
    days_of_inventory: turnover && turnover > 0 ? Math.round(periodLength(input.period) / turnover) : null,
  };
}

/** Repairs received and completed in the period, the completion rate and time. */
export async function repairCompletion(input: ReportInput): Promise<{
  received: number;
  completed: number;
  completion_rate_bp: number | null;
  average_hours: number | null;
}> {
  const [row] = await query<{ received: number; completed: number; average_hours: number | null }>(
    input.ctx.knex,
    `SELECT count(*) FILTER (WHERE ${inPeriod('created_at')})::integer AS received,
            count(*) FILTER (WHERE actual_completion IS NOT NULL AND ${inPeriod('actual_completion')})::integer AS completed,
            round((avg(extract(epoch FROM actual_completion - created_at))
                   FILTER (WHERE actual_completion IS NOT NULL AND ${inPeriod('actual_completion')}) / 3600)::numeric, 1)::float8
              AS average_hours
       FROM repairs WHERE shop_id = :shop`,
    input.bindings,
  );
  const r = row ?? { received: 0, completed: 0, average_hours: null };
  return {
    ...r,
    completion_rate_bp: r.received === 0 ? null : Math.round((r.completed * 10_000) / r.received),
  };
}

/** Revenue per day (net sales plus repair payments), every day of the period, oldest first. */
export async function dailyRevenue(input: ReportInput): Promise<{ day: string; revenue: number }[]> {
  return query<{ day: string; revenue: number }>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')},
     sold AS (SELECT day, sum(net) AS amount FROM sold_days GROUP BY day),
     repaired AS (SELECT (created_at AT TIME ZONE :tz)::date AS day, sum(amount) AS amount
                    FROM repair_payments WHERE shop_id = :shop AND ${inPeriod('created_at')} GROUP BY 1)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, (coalesce(s.amount, 0) + coalesce(r.amount, 0))::float8 AS revenue
       FROM generate_series((:from)::date, (:to)::date, interval '1 day') AS d(day)
       LEFT JOIN sold s ON s.day = d.day::date LEFT JOIN repaired r ON r.day = d.day::date
      ORDER BY d.day`,
    await dayBindings(input),
  );
}

/** The advanced metrics of a period, each compared with the previous period of the same length. */
export async function advancedMetrics(input: ReportInput): Promise<Record<string, unknown>> {
  requireReportAccess(input.ctx, { access: 'limited', title: 'Advanced metrics' });
  const before = withPeriod(input, previousPeriod(input.period));
  const [now, then, repairs, repairsBefore, staff] = await Promise.all([
    salesOf(input),
    salesOf(before),
    repairCompletion(input),
    repairCompletion(before),
    staffPerformanceRows(input),
  ]);
  const average = (s: { sales: number; net: number }): number =>
    s.sales === 0 ? 0 : Math.round(s.net / s.sales);
  return {
    period: input.period,
    previous_period: before.period,
    average_transaction_value: {
      value: average(now),
      previous: average(then),
      change_bp: changeBp(average(now), average(then)),
    },
    repair_completion: { ...repairs, previous: repairsBefore },
    staff_performance: staff.map((s) => ({ user_id: s.user_id, name: s.name, score: s.score })),
    // Cost-based: Owners only.
    ...(input.seesCosts ? { inventory_turnover: await inventoryTurnover(input) } : {}),
  };
}

/** The revenue forecast of the next `horizon` days, backtested on the same history. */
export async function revenueForecast(
  input: ReportInput,
  horizon: number,
  historyDays: number,
  today: string,
): Promise<Record<string, unknown>> {
  requireReportAccess(input.ctx, { access: 'limited', title: 'Revenue forecast' });
  if (historyDays < FORECAST_WEEKS * 7)
    throw new InvalidFieldError({
      field: 'history_days',
      reason: `needs at least ${FORECAST_WEEKS * 7} days`,
    });
  // History ends yesterday: today is not over yet.
  const history = { from: addDays(today, -historyDays), to: addDays(today, -1) };
  const series = (await dailyRevenue(withPeriod(input, history))).map((d) => d.revenue);
  const forecast = weekdayAverageForecast(series, horizon);
  const days = daysOf({ from: today, to: addDays(today, horizon - 1) });
  return {
    method: `average of the same weekday over the last ${FORECAST_WEEKS} weeks`,
    baseline: 'naive: the next period repeats the last one',
    history,
    horizon,
    forecast: days.map((day, i) => ({ day, revenue: forecast[i] ?? 0 })),
    total: forecast.reduce((a, b) => a + b, 0),
    backtest: backtest(series, horizon),
  };
}

/** Seasonal trends: net sales by month of the year and by weekday over the period. */
export const SEASONAL_REPORT: ReportDefinition = {
  name: 'sales/seasonal',
  title: 'Seasonal trends',
  access: 'limited',
  periodic: true,
  run: async (input) => {
    const rows = await query<Record<string, number | string>>(
      input.ctx.knex,
      `WITH ${daysCtes('sold')},
       per_day AS (SELECT day, sum(sales) AS sales, sum(net) AS net FROM sold_days GROUP BY day)
       SELECT 'month' AS grouping, extract(month FROM day)::integer AS position, to_char(day, 'Mon') AS label,
              sum(sales)::integer AS sales, sum(net)::float8 AS net, count(*)::integer AS trading_days
         FROM per_day GROUP BY 1, 2, 3
       UNION ALL
       SELECT 'weekday', extract(isodow FROM day)::integer, to_char(day, 'Dy'),
              sum(sales)::integer, sum(net)::float8, count(*)::integer
         FROM per_day GROUP BY 1, 2, 3
       ORDER BY 1, 2`,
      await dayBindings(input),
    );
    return {
      columns: [
        col('grouping', 'By', 'text'),
        col('position', 'Position', 'integer'),
        col('label', 'Month or weekday', 'text'),
        col('sales', 'Sales', 'integer'),
        col('net', 'Net sales', 'money'),
        col('trading_days', 'Days with sales', 'integer'),
        col('net_per_trading_day', 'Net sales per day with sales', 'money'),
      ],
      rows: rows.map((r) => ({
        ...r,
        net_per_trading_day:
          (r['trading_days'] as number) > 0
            ? Math.round((r['net'] as number) / (r['trading_days'] as number))
            : 0,
      })),
    };
  },
};
