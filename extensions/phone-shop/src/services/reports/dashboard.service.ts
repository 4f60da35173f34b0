// One call per role dashboard, with every widget of the spec's list for that role and the previous
// period to compare with. Staff: their own day. Supervisor: the team's day and what waits for them.
// Owner: the business over a period (30 days by default) against the period before.
import { can } from '../../../../../snapshots/access/matrix.ts';
import { PLAN_LIMITS } from '../../../../../snapshots/plans.ts';
import { addDays, changeBp, previousPeriod } from '../../domain/report-period.ts';
import type { ActionContext } from '../context.ts';
import { dayBindings, daysCtes } from './days.ts';
import { inPeriod, SPENT, USER_NAME } from './ledger.ts';
import { topCustomers } from './customers.reports.ts';
import { profitAndLoss } from './financial.reports.ts';
import { reportInput } from './index.ts';
import { inventoryTurnover, repairCompletion } from './metrics.ts';
import { query, withPeriod, type ReportInput } from './report.ts';
import { productSales } from './sales.reports.ts';
import { staffPerformanceRows } from './staff.reports.ts';

const OPEN_REPAIR = `status NOT IN ('Completed', 'Delivered', 'Cancelled')`;

/** A figure now and in the previous period, with the change in basis points. */
const compare = (
  value: number,
  previous: number,
): { value: number; previous: number; change_bp: number | null } => ({
  value,
  previous,
  change_bp: changeBp(value, previous),
});

/** Net sales and count of a period, optionally of one seller only. */
async function salesFigures(
  input: ReportInput,
  seller: string | null,
): Promise<{ count: number; net: number; collected: number }> {
  const [row] = await query<{ count: number; net: number; collected: number }>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')}
     SELECT coalesce(sum(sales), 0)::integer AS count, coalesce(sum(net), 0)::float8 AS net,
            coalesce(sum(collected), 0)::float8 AS collected
       FROM sold_days WHERE (:seller)::uuid IS NULL OR seller = (:seller)::uuid`,
    { ...(await dayBindings(input)), seller },
  );
  return row ?? { count: 0, net: 0, collected: 0 };
}

/** Revenue (net sales and repair payments) of a period. */
async function revenue(input: ReportInput): Promise<number> {
  const [row] = await query<{ revenue: number }>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')}
     SELECT ((SELECT coalesce(sum(net), 0) FROM sold_days)
           + (SELECT coalesce(sum(amount), 0) FROM repair_payments WHERE shop_id = :shop AND ${inPeriod('created_at')}))::float8 AS revenue`,
    await dayBindings(input),
  );
  return row?.revenue ?? 0;
}

async function staffDashboard(input: ReportInput, today: string): Promise<Record<string, unknown>> {
  const { ctx } = input;
  const day = withPeriod(input, { from: today, to: today });
  const yesterday = withPeriod(input, { from: addDays(today, -1), to: addDays(today, -1) });
  const [mine, mineBefore, repairs] = await Promise.all([
    salesFigures(day, ctx.userId),
    salesFigures(yesterday, ctx.userId),
    query<Record<string, unknown>>(
      ctx.knex,
      `SELECT id, repair_number, device_brand, device_model, status, priority, estimated_completion
         FROM repairs WHERE shop_id = :shop AND technician_id = :user AND ${OPEN_REPAIR}
        ORDER BY (priority = 'Urgent') DESC, estimated_completion NULLS LAST, id LIMIT 20`,
      { shop: ctx.shopId, user: ctx.userId },
    ),
  ]);
  return {
    today_sales: { count: compare(mine.count, mineBefore.count), value: compare(mine.net, mineBefore.net) },
    pending_repairs: { count: repairs.length, repairs },
    quick_actions: quickActions(ctx),
  };
}

/** The shortcuts a role may use, from the permission matrix. */
function quickActions(ctx: ActionContext): string[] {
  const actions: [string, boolean][] = [
    ['new_sale', can(ctx.role, 'sales', 'create')],
    ['new_repair', can(ctx.role, 'repairs', 'create')],
    ['new_customer', can(ctx.role, 'customers', 'create')],
    ['add_device', can(ctx.role, 'devices', 'create')],
    ['daily_closure', can(ctx.role, 'closures', 'create')],
    ['new_expense', can(ctx.role, 'expenses', 'create')],
    ['adjust_stock', can(ctx.role, 'products', 'adjust_stock')],
  ];
  return actions.filter(([, allowed]) => allowed).map(([name]) => name);
}

async function supervisorDashboard(input: ReportInput, today: string): Promise<Record<string, unknown>> {
  const { ctx } = input;
  const day = withPeriod(input, { from: today, to: today });
  const yesterday = withPeriod(input, { from: addDays(today, -1), to: addDays(today, -1) });
  const [now, before, team, approvals, lowStock, repairs] = await Promise.all([
    revenue(day),
    revenue(yesterday),
    query<Record<string, unknown>>(
      ctx.knex,
      `WITH ${daysCtes('sold')},
       per_seller AS (SELECT seller, sum(sales) AS sales, sum(net) AS net FROM sold_days GROUP BY seller)
       SELECT u.id AS user_id, ${USER_NAME} AS name, coalesce(e.sales, 0)::integer AS sales,
              coalesce(e.net, 0)::float8 AS net
         FROM directus_users u LEFT JOIN per_seller e ON e.seller = u.id
        WHERE u.shop = :shop AND u.status = 'active'
        ORDER BY net DESC, name`,
      await dayBindings(day),
    ),
    query<{ sales: number; closures: number; expenses: number }>(
      ctx.knex,
      `SELECT (SELECT count(*) FROM sales WHERE shop_id = :shop AND kind = 'sale' AND status = 'Submitted')::integer AS sales,
              (SELECT count(*) FROM daily_closures WHERE shop_id = :shop AND status = 'Submitted')::integer AS closures,
              (SELECT count(*) FROM expenses WHERE shop_id = :shop AND status = 'Pending')::integer AS expenses`,
      { shop: ctx.shopId },
    ),
    query<Record<string, unknown>>(
      ctx.knex,
      `SELECT id, name, stock_quantity, min_stock_level FROM products
        WHERE shop_id = :shop AND is_active AND stock_quantity <= min_stock_level
        ORDER BY stock_quantity - min_stock_level, name`,
      { shop: ctx.shopId },
    ),
    query<{ status: string; count: number }>(
      ctx.knex,
      `SELECT status, count(*)::integer AS count FROM repairs WHERE shop_id = :shop AND ${OPEN_REPAIR} GROUP BY status`,
      { shop: ctx.shopId },
    ),
  ]);
  return {
    today_revenue: compare(now, before),
    team_performance: team,
    pending_approvals: approvals[0] ?? { sales: 0, closures: 0, expenses: 0 },
    inventory_alerts: { count: lowStock.length, products: lowStock.slice(0, 10) },
    repair_status: Object.fromEntries(repairs.map((r) => [r.status, r.count])),
    quick_actions: quickActions(ctx),
  };
}

async function ownerDashboard(input: ReportInput, today: string): Promise<Record<string, unknown>> {
  const { ctx } = input;
  const period = input.period;
  const before = withPeriod(input, previousPeriod(period));
  const windows = {
    daily: { from: today, to: today },
    weekly: { from: addDays(today, -6), to: today },
    monthly: { from: addDays(today, -29), to: today },
  };
  const revenueWindows = Object.fromEntries(
    await Promise.all(
      Object.entries(windows).map(async ([name, window]) => {
        const [now, then] = await Promise.all([
          revenue(withPeriod(input, window)),
          revenue(withPeriod(input, previousPeriod(window))),
        ]);
        return [name, compare(now, then)] as const;
      }),
    ),
  );
  const [pl, plBefore, products, customers, staff, cashFlow, repairs, repairsBefore, turnover, health] =
    await Promise.all([
      profitAndLoss(input),
      profitAndLoss(before),
      productSales(input).then((rows) => rows.slice(0, 5)),
      topCustomers(input, 5),
      staffPerformanceRows(input),
      dailyCashFlow(input),
      repairCompletion(input),
      repairCompletion(before),
      inventoryTurnover(input),
      systemHealth(ctx),
    ]);
  const margin = (p: { revenue: number; gross_profit: number }): number =>
    p.revenue === 0 ? 0 : Math.round((p.gross_profit * 10_000) / p.revenue);
  return {
    revenue: revenueWindows,
    profit_margin: {
      gross_margin_bp: compare(margin(pl), margin(plBefore)),
      gross_profit: compare(pl.gross_profit, plBefore.gross_profit),
      net_profit: compare(pl.net_profit, plBefore.net_profit),
    },
    top_products: products,
    top_customers: customers,
    staff_performance: staff,
    cash_flow: cashFlow,
    repair_completion: { ...repairs, previous: repairsBefore },
    inventory_turnover: turnover,
    system_health: health,
  };
}

/** Money in (sale payments, refunds negative, and repair payments) and out (approved expenses) per day. */
async function dailyCashFlow(input: ReportInput): Promise<Record<string, unknown>[]> {
  return query<Record<string, unknown>>(
    input.ctx.knex,
    `WITH ${daysCtes('paid')}, ${SPENT},
     received AS (SELECT day, net AS amount FROM paid_days
                  UNION ALL
                  SELECT (created_at AT TIME ZONE :tz)::date, amount FROM repair_payments
                   WHERE shop_id = :shop AND ${inPeriod('created_at')}),
     money_in AS (SELECT day, sum(amount) AS amount FROM received GROUP BY day),
     money_out AS (SELECT day, sum(amount) AS amount FROM spent GROUP BY day)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(i.amount, 0)::float8 AS money_in,
            coalesce(o.amount, 0)::float8 AS money_out, (coalesce(i.amount, 0) - coalesce(o.amount, 0))::float8 AS net
       FROM generate_series((:from)::date, (:to)::date, interval '1 day') AS d(day)
       LEFT JOIN money_in i ON i.day = d.day::date LEFT JOIN money_out o ON o.day = d.day::date
      ORDER BY d.day`,
    await dayBindings(input),
  );
}

/** What an Owner needs to know is working: events flowing, closures done, the subscription. */
async function systemHealth(ctx: ActionContext): Promise<Record<string, unknown>> {
  const [row] = await query<{
    outbox_pending: number;
    outbox_failed: number;
    outbox_dead: number;
    oldest_pending_seconds: number | null;
    last_closure_date: string | null;
    last_closure_status: string | null;
    active_users: number;
    subscription_plan: keyof typeof PLAN_LIMITS;
    subscription_expires_at: Date | null;
  }>(
    ctx.knex,
    `SELECT (SELECT count(*) FROM outbox_events WHERE shop_id = :shop AND status = 'pending')::integer AS outbox_pending,
            (SELECT count(*) FROM outbox_events WHERE shop_id = :shop AND status = 'failed')::integer AS outbox_failed,
            (SELECT count(*) FROM outbox_events WHERE shop_id = :shop AND status = 'dead')::integer AS outbox_dead,
            (SELECT extract(epoch FROM now() - min(created_at))::integer FROM outbox_events
              WHERE shop_id = :shop AND status IN ('pending', 'failed')) AS oldest_pending_seconds,
            c.closure_date::text AS last_closure_date, c.status AS last_closure_status,
            (SELECT count(*) FROM directus_users WHERE shop = :shop AND status = 'active')::integer AS active_users,
            s.subscription_plan, s.subscription_expires_at
       FROM shops s
       LEFT JOIN LATERAL (SELECT closure_date, status FROM daily_closures WHERE shop_id = s.id
                           ORDER BY closure_date DESC LIMIT 1) c ON true
      WHERE s.id = :shop`,
    { shop: ctx.shopId },
  );
  if (!row) return {};
  const limit = PLAN_LIMITS[row.subscription_plan].maxUsers;
  return { ...row, max_users: limit < 0 ? null : limit };
}

/** The caller's dashboard: the widgets of their role. */
export async function dashboard(
  ctx: ActionContext,
  from: string | undefined,
  to: string | undefined,
): Promise<Record<string, unknown>> {
  const { input, shop } = await reportInput(ctx, from, to);
  const today = input.period.to;
  const widgets =
    ctx.role === 'Owner'
      ? await ownerDashboard(input, today)
      : ctx.role === 'Supervisor'
        ? await supervisorDashboard(input, today)
        : await staffDashboard(input, today);
  return {
    role: ctx.role,
    period: ctx.role === 'Owner' ? input.period : { from: today, to: today },
    previous_period:
      ctx.role === 'Owner'
        ? previousPeriod(input.period)
        : { from: addDays(today, -1), to: addDays(today, -1) },
    timezone: shop.timezone,
    currency: shop.currency,
    widgets,
  };
}
