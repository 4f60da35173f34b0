// /api/reports and /api/dashboard: every report of the spec as JSON in the envelope, or as a file
// (?format=pdf|xlsx|csv|json); the role dashboards; advanced metrics and the revenue forecast.
import type { Router } from 'express';
import { z } from 'zod';
import { localDate } from '../../domain/closure.ts';
import type { LogoLoader } from '../../services/receipts/receipt.ts';
import { exportMeta } from '../../services/exports/meta.ts';
import { sendExport } from '../../services/exports/send.ts';
import { EXPORT_FORMATS } from '../../services/exports/table.ts';
import { dashboard } from '../../services/reports/dashboard.service.ts';
import { availableReports, reportInput, runReport } from '../../services/reports/index.ts';
import { advancedMetrics, revenueForecast } from '../../services/reports/metrics.ts';
import { sendOk } from './envelope.ts';
import { route, runRead, type Edge } from './http.ts';

const periodSchema = z.object({
  from: z.iso.date('use YYYY-MM-DD').optional(),
  to: z.iso.date('use YYYY-MM-DD').optional(),
});
const reportQuery = periodSchema.extend({ format: z.enum(EXPORT_FORMATS).optional() });
const forecastQuery = z.object({
  horizon: z.coerce.number().int().min(1).max(90).default(14),
  history_days: z.coerce.number().int().min(28).max(1096).default(182),
});

export function registerReports(router: Router, edge: Edge, loadLogo: LogoLoader): void {
  router.get(
    '/dashboard',
    route(edge, async (req, res) => {
      const { from, to } = periodSchema.parse(req.query);
      sendOk(res, await runRead(edge, req, (ctx) => dashboard(ctx, from, to)));
    }),
  );

  router.get(
    '/reports',
    route(edge, async (req, res) => {
      sendOk(res, await runRead(edge, req, (ctx) => Promise.resolve(availableReports(ctx))));
    }),
  );

  router.get(
    '/reports/metrics',
    route(edge, async (req, res) => {
      const { from, to } = periodSchema.parse(req.query);
      sendOk(
        res,
        await runRead(edge, req, async (ctx) => advancedMetrics((await reportInput(ctx, from, to)).input)),
      );
    }),
  );

  router.get(
    '/reports/forecast',
    route(edge, async (req, res) => {
      const { horizon, history_days } = forecastQuery.parse(req.query);
      sendOk(
        res,
        await runRead(edge, req, async (ctx) => {
          const { input, shop } = await reportInput(ctx, undefined, undefined);
          return revenueForecast(input, horizon, history_days, localDate(shop.timezone));
        }),
      );
    }),
  );

  router.get(
    '/reports/:section/:name',
    route(edge, async (req, res) => {
      const { from, to, format } = reportQuery.parse(req.query);
      const name = `${String(req.params['section'])}/${String(req.params['name'])}`;
      await runRead(edge, req, async (ctx) => {
        const { result } = await runReport(ctx, name, from, to);
        if (!format) {
          sendOk(res, result);
          return;
        }
        const meta = await exportMeta(ctx, { title: result.title, period: result.period, format }, loadLogo);
        const period = result.period ? `-${result.period.from}-to-${result.period.to}` : '';
        await sendExport(
          res,
          format,
          meta,
          {
            columns: result.columns,
            rows: result.rows,
            ...(result.summary ? { summary: result.summary } : {}),
          },
          `${name.replace('/', '-')}${period}`,
          edge.logger,
        );
      });
    }),
  );
}
