// The reports of the spec, by name, and how one is run for a caller: the period resolved in the
// shop's timezone, the rights of the matrix checked, Owner-only columns left out for Supervisors.
import { localDate } from '../../domain/closure.ts';
import { resolvePeriod, type Period } from '../../domain/report-period.ts';
import { NotFoundError } from '../../errors.ts';
import type { ActionContext } from '../context.ts';
import { loadShop, type ShopProfile } from '../shop.ts';
import { CUSTOMER_REPORTS } from './customers.reports.ts';
import { FINANCIAL_REPORTS } from './financial.reports.ts';
import { INVENTORY_REPORTS } from './inventory.reports.ts';
import { REPAIR_REPORTS } from './repairs.reports.ts';
import {
  requireReportAccess,
  visibleTo,
  type ReportDefinition,
  type ReportInput,
  type ReportOutput,
} from './report.ts';
import { SALES_REPORTS } from './sales.reports.ts';
import { SEASONAL_REPORT } from './metrics.ts';
import { STAFF_REPORTS } from './staff.reports.ts';

export const REPORTS: readonly ReportDefinition[] = [
  ...SALES_REPORTS,
  SEASONAL_REPORT,
  ...REPAIR_REPORTS,
  ...INVENTORY_REPORTS,
  ...FINANCIAL_REPORTS,
  ...CUSTOMER_REPORTS,
  ...STAFF_REPORTS,
];

/** The reports the caller may open (none for Staff). */
export function availableReports(
  ctx: ActionContext,
): { name: string; title: string; periodic: boolean; owner_only: boolean }[] {
  return REPORTS.filter((r) => {
    try {
      requireReportAccess(ctx, r);
      return true;
    } catch {
      return false;
    }
  }).map((r) => ({ name: r.name, title: r.title, periodic: r.periodic, owner_only: r.access === 'all' }));
}

/** What every report query starts from: the shop, its timezone and currency, the period. */
export async function reportInput(
  ctx: ActionContext,
  from: string | undefined,
  to: string | undefined,
): Promise<{ input: ReportInput; shop: ShopProfile }> {
  const shop = await loadShop(ctx.knex, ctx.shopId);
  const period = resolvePeriod(from, to, localDate(shop.timezone));
  return {
    shop,
    input: {
      ctx,
      period,
      timezone: shop.timezone,
      currency: shop.currency,
      bindings: { shop: ctx.shopId, tz: shop.timezone, from: period.from, to: period.to },
      seesCosts: ctx.role === 'Owner',
    },
  };
}

export interface ReportResult extends ReportOutput {
  report: string;
  title: string;
  period: Period | null;
  timezone: string;
  currency: string;
}

export async function runReport(
  ctx: ActionContext,
  name: string,
  from: string | undefined,
  to: string | undefined,
): Promise<{ result: ReportResult; shop: ShopProfile }> {
  const report = REPORTS.find((r) => r.name === name);
  if (!report) throw new NotFoundError({ entity: 'report', id: name });
  requireReportAccess(ctx, report);
  const { input, shop } = await reportInput(ctx, from, to);
  const output = visibleTo(await report.run(input), input.seesCosts);
  return {
    shop,
    result: {
      report: report.name,
      title: report.title,
      period: report.periodic ? input.period : null,
      timezone: shop.timezone,
      currency: shop.currency,
      ...output,
    },
  };
}
