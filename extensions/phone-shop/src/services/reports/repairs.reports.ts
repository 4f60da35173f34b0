// Repair reports: by status, by type, technician performance, average repair time, repair revenue.
// A repair belongs to the period in which it was received; its completion to the period in which it
// was completed (actual_completion); its revenue to the days its payments were taken.
import { inPeriod, localDay, PARTS, USER_NAME } from './ledger.ts';
import { col, query, total, type ReportDefinition } from './report.ts';

/** Hours from receiving a repair to completing it, averaged, one decimal. */
const AVERAGE_HOURS = `round((avg(extract(epoch FROM actual_completion - created_at)) / 3600)::numeric, 1)::float8`;

export const REPAIR_REPORTS: ReportDefinition[] = [
  {
    name: 'repairs/by-status',
    title: 'Repairs by status',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `SELECT status, count(*)::integer AS repairs,
                coalesce(sum(coalesce(actual_cost, estimated_cost, 0)), 0)::float8 AS value
           FROM repairs WHERE shop_id = :shop AND ${inPeriod('created_at')}
          GROUP BY status
          ORDER BY array_position(ARRAY['Pending','Diagnosed','Parts Ordered','In Progress','Quality Check','Completed','Delivered','Cancelled']::varchar[], status)`,
        input.bindings,
      );
      return {
        columns: [
          col('status', 'Status', 'text'),
          col('repairs', 'Repairs', 'integer'),
          col('value', 'Value (actual or estimated)', 'money'),
        ],
        rows,
        summary: [{ label: 'Repairs received', type: 'integer', value: total(rows, 'repairs') }],
      };
    },
  },
  {
    name: 'repairs/by-type',
    title: 'Repairs by type',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string | null>>(
        input.ctx.knex,
        `WITH paid AS (SELECT repair_id, sum(amount) AS amount FROM repair_payments WHERE shop_id = :shop GROUP BY repair_id)
         SELECT r.repair_type, count(*)::integer AS repairs,
                count(*) FILTER (WHERE r.actual_completion IS NOT NULL)::integer AS completed,
                count(*) FILTER (WHERE r.status = 'Cancelled')::integer AS cancelled,
                coalesce(sum(paid.amount), 0)::float8 AS revenue,
                ${AVERAGE_HOURS.replaceAll('actual_completion', 'r.actual_completion').replaceAll('created_at', 'r.created_at')} AS average_hours
           FROM repairs r LEFT JOIN paid ON paid.repair_id = r.id
          WHERE r.shop_id = :shop AND ${inPeriod('r.created_at')}
          GROUP BY r.repair_type ORDER BY repairs DESC, r.repair_type`,
        input.bindings,
      );
      return {
        columns: [
          col('repair_type', 'Repair type', 'text'),
          col('repairs', 'Received', 'integer'),
          col('completed', 'Completed', 'integer'),
          col('cancelled', 'Cancelled', 'integer'),
          col('revenue', 'Paid', 'money'),
          col('average_hours', 'Average hours to complete', 'number'),
        ],
        rows,
        summary: [{ label: 'Repairs received', type: 'integer', value: total(rows, 'repairs') }],
      };
    },
  },
  {
    name: 'repairs/technicians',
    title: 'Technician performance',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string | null>>(
        input.ctx.knex,
        `SELECT r.technician_id AS user_id, ${USER_NAME} AS name,
                count(*) FILTER (WHERE ${inPeriod('r.actual_completion')})::integer AS completed,
                count(*) FILTER (WHERE ${inPeriod('r.actual_completion')} AND r.estimated_completion IS NOT NULL
                                   AND ${localDay('r.actual_completion')} <= r.estimated_completion)::integer AS on_time,
                count(*) FILTER (WHERE r.status NOT IN ('Completed', 'Delivered', 'Cancelled'))::integer AS open,
                round((avg(extract(epoch FROM r.actual_completion - r.created_at))
                       FILTER (WHERE ${inPeriod('r.actual_completion')}) / 3600)::numeric, 1)::float8 AS average_hours,
                coalesce(sum(coalesce(r.actual_cost, r.estimated_cost, 0)) FILTER (WHERE ${inPeriod('r.actual_completion')}), 0)::float8 AS value
           FROM repairs r JOIN directus_users u ON u.id = r.technician_id
          WHERE r.shop_id = :shop
          GROUP BY r.technician_id, u.first_name, u.last_name, u.email
         HAVING count(*) FILTER (WHERE ${inPeriod('r.actual_completion')}) > 0
             OR count(*) FILTER (WHERE r.status NOT IN ('Completed', 'Delivered', 'Cancelled')) > 0
          ORDER BY completed DESC, name`,
        input.bindings,
      );
      return {
        columns: [
          col('user_id', 'User id', 'text'),
          col('name', 'Technician', 'text'),
          col('completed', 'Completed', 'integer'),
          col('on_time', 'Completed on time', 'integer'),
          col('open', 'Open now', 'integer'),
          col('average_hours', 'Average hours to complete', 'number'),
          col('value', 'Value completed', 'money'),
        ],
        rows,
        summary: [{ label: 'Completed', type: 'integer', value: total(rows, 'completed') }],
      };
    },
  },
  {
    name: 'repairs/average-time',
    title: 'Average repair time',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string | null>>(
        input.ctx.knex,
        `SELECT repair_type, priority, count(*)::integer AS completed, ${AVERAGE_HOURS} AS average_hours,
                round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM actual_completion - created_at)) / 3600)::numeric, 1)::float8 AS median_hours
           FROM repairs
          WHERE shop_id = :shop AND actual_completion IS NOT NULL AND ${inPeriod('actual_completion')}
          GROUP BY repair_type, priority ORDER BY repair_type, priority`,
        input.bindings,
      );
      const overall = await query<{ completed: number; average_hours: number | null }>(
        input.ctx.knex,
        `SELECT count(*)::integer AS completed, ${AVERAGE_HOURS} AS average_hours
           FROM repairs WHERE shop_id = :shop AND actual_completion IS NOT NULL AND ${inPeriod('actual_completion')}`,
        input.bindings,
      );
      return {
        columns: [
          col('repair_type', 'Repair type', 'text'),
          col('priority', 'Priority', 'text'),
          col('completed', 'Completed', 'integer'),
          col('average_hours', 'Average hours', 'number'),
          col('median_hours', 'Median hours', 'number'),
        ],
        rows,
        summary: [
          { label: 'Completed', type: 'integer', value: overall[0]?.completed ?? 0 },
          { label: 'Average hours', type: 'number', value: overall[0]?.average_hours ?? null },
        ],
      };
    },
  },
  {
    name: 'repairs/revenue',
    title: 'Repair revenue',
    access: 'limited',
    periodic: true,
    run: async (input) => {
      const rows = await query<Record<string, number | string>>(
        input.ctx.knex,
        `WITH ${PARTS},
         paid AS (SELECT ${localDay('created_at')} AS day, count(DISTINCT repair_id) AS repairs, sum(amount) AS amount
                    FROM repair_payments WHERE shop_id = :shop AND ${inPeriod('created_at')} GROUP BY 1),
         used AS (SELECT day, sum(cost) AS cost FROM parts GROUP BY day)
         SELECT to_char(coalesce(paid.day, used.day), 'YYYY-MM-DD') AS day, coalesce(paid.repairs, 0)::integer AS repairs_paid,
                coalesce(paid.amount, 0)::float8 AS revenue, coalesce(used.cost, 0)::float8 AS parts_cost,
                (coalesce(paid.amount, 0) - coalesce(used.cost, 0))::float8 AS profit
           FROM paid FULL JOIN used ON used.day = paid.day
          ORDER BY 1`,
        input.bindings,
      );
      return {
        columns: [
          col('day', 'Day', 'date'),
          col('repairs_paid', 'Repairs paid', 'integer'),
          col('revenue', 'Revenue', 'money'),
          col('parts_cost', 'Parts cost', 'money', true),
          col('profit', 'Profit after parts', 'money', true),
        ],
        rows,
        summary: [
          { label: 'Revenue', type: 'money', value: total(rows, 'revenue') },
          { label: 'Parts cost', type: 'money', value: total(rows, 'parts_cost'), ownerOnly: true },
        ],
      };
    },
  },
];
