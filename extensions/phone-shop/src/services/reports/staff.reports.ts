// Staff reports: performance with its score, sales per staff member, commissions, attendance.
import { computeCommissions } from '../staff/staff.service.ts';
import { dayBindings, daysCtes } from './days.ts';
import { inPeriod, localDay, USER_NAME } from './ledger.ts';
import { col, query, type ReportDefinition, type ReportInput } from './report.ts';
import { staffSales } from './sales.reports.ts';
import { performanceScores, type PerformanceFigures } from '../../domain/performance-score.ts';

/** Each active or recently active member's figures for the period, with the performance score. */
export async function staffPerformanceRows(
  input: ReportInput,
): Promise<(PerformanceFigures & { score: number })[]> {
  const figures = await query<PerformanceFigures>(
    input.ctx.knex,
    `WITH ${daysCtes('sold')},
     sold AS (SELECT seller AS user_id, sum(sales) AS sales, sum(net) AS net FROM sold_days GROUP BY seller),
     repaired AS (SELECT technician_id AS user_id, count(*) AS completed,
                         count(*) FILTER (WHERE estimated_completion IS NOT NULL
                                            AND ${localDay('actual_completion')} <= estimated_completion) AS on_time,
                         avg(extract(epoch FROM actual_completion - created_at)) / 3600 AS hours
                    FROM repairs WHERE shop_id = :shop AND actual_completion IS NOT NULL AND ${inPeriod('actual_completion')}
                   GROUP BY technician_id)
     SELECT u.id AS user_id, ${USER_NAME} AS name, u.status,
            coalesce(s.sales, 0)::integer AS sales, coalesce(s.net, 0)::float8 AS net_sales,
            coalesce(r.completed, 0)::integer AS repairs_completed, coalesce(r.on_time, 0)::integer AS repairs_on_time,
            round(r.hours::numeric, 1)::float8 AS average_repair_hours
       FROM directus_users u LEFT JOIN sold s ON s.user_id = u.id LEFT JOIN repaired r ON r.user_id = u.id
      WHERE u.shop = :shop AND (u.status = 'active' OR s.user_id IS NOT NULL OR r.user_id IS NOT NULL)
      ORDER BY name`,
    await dayBindings(input),
  );
  const scores = performanceScores(figures);
  return figures
    .map((f, i) => ({ ...f, score: scores[i] ?? 0 }))
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

export const STAFF_REPORTS: ReportDefinition[] = [
  {
    name: 'staff/performance',
    title: 'Staff performance',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await staffPerformanceRows(input);
      return {
        columns: [
          col('user_id', 'User id', 'text'),
          col('name', 'Staff member', 'text'),
          col('status', 'Account', 'text'),
          col('sales', 'Sales', 'integer'),
          col('net_sales', 'Net sales', 'money'),
          col('repairs_completed', 'Repairs completed', 'integer'),
          col('repairs_on_time', 'Repairs on time', 'integer'),
          col('average_repair_hours', 'Average repair hours', 'number'),
          col('score', 'Performance score', 'integer'),
        ],
        rows: rows as unknown as Record<string, number | string | null>[],
      };
    },
  },
  {
    name: 'staff/sales',
    title: 'Sales per staff member',
    access: 'limited',
    periodic: true,
    run: staffSales,
  },
  {
    name: 'staff/commissions',
    title: 'Commission calculations',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      // The month of the period's last day. Supervisors see their own line only (docs/decisions.md).
      const report = await computeCommissions(input.ctx, input.period.to.slice(0, 7));
      const lines = input.seesCosts
        ? report.lines
        : report.lines.filter((l) => l.user_id === input.ctx.userId);
      return {
        columns: [
          col('user_id', 'User id', 'text'),
          col('name', 'Staff member', 'text'),
          col('sales_count', 'Sales', 'integer'),
          col('sales_amount', 'Sales amount', 'money'),
          col('sales_commission', 'Sales commission', 'money'),
          col('repairs_count', 'Repairs', 'integer'),
          col('repairs_amount', 'Repairs amount', 'money'),
          col('repairs_commission', 'Repairs commission', 'money'),
          col('total', 'Commission', 'money'),
        ],
        rows: lines as unknown as Record<string, number | string>[],
        summary: [
          { label: 'Month', type: 'text', value: report.month },
          { label: 'Commission', type: 'money', value: lines.reduce((sum, l) => sum + l.total, 0) },
        ],
      };
    },
  },
  {
    name: 'staff/attendance',
    title: 'Attendance',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      // From the audit trail: a day's first and last recorded activity and its sign-ins.
      const rows = await query<Record<string, number | string | Date | null>>(
        input.ctx.knex,
        `SELECT to_char(${localDay('a.created_at')}, 'YYYY-MM-DD') AS day, a.user_id, ${USER_NAME} AS name,
                min(a.created_at) AS first_seen, max(a.created_at) AS last_seen,
                count(*) FILTER (WHERE a.action = 'login')::integer AS logins,
                count(*) FILTER (WHERE a.action = 'login_failed')::integer AS failed_logins,
                count(*) FILTER (WHERE a.entity_type <> 'auth')::integer AS actions
           FROM audit_logs a JOIN directus_users u ON u.id = a.user_id
          WHERE a.shop_id = :shop AND ${inPeriod('a.created_at')}
          GROUP BY 1, a.user_id, u.first_name, u.last_name, u.email
          ORDER BY 1, name`,
        input.bindings,
      );
      return {
        columns: [
          col('day', 'Day', 'date'),
          col('user_id', 'User id', 'text'),
          col('name', 'Staff member', 'text'),
          col('first_seen', 'First seen', 'datetime'),
          col('last_seen', 'Last seen', 'datetime'),
          col('logins', 'Sign-ins', 'integer'),
          col('failed_logins', 'Failed sign-ins', 'integer'),
          col('actions', 'Recorded actions', 'integer'),
        ],
        rows,
        summary: [{ label: 'Days worked (person-days)', type: 'integer', value: rows.length }],
      };
    },
  },
];
