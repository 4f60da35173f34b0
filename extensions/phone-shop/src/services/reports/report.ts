// What a report is: a named query over one shop and one period that answers typed columns and rows
// (the same Table every export renders). Rights follow the matrix: `reports.view_all` (Owners) sees
// every report and column; `reports.view_limited` (Supervisors) sees the limited set, without cost
// prices, margins or profit (docs/decisions.md, Reports); Staff see only their own dashboard.
import type { Knex } from 'knex';
import { can } from '../../../../../snapshots/access/matrix.ts';
import type { Period } from '../../domain/report-period.ts';
import { ActionForbiddenError } from '../../errors.ts';
import type { ActionContext } from '../context.ts';
import type { Cell, Column, ColumnType, Row } from '../exports/table.ts';

export interface ReportColumn extends Column {
  /** Cost prices, margins and profit: Owners only. */
  ownerOnly?: boolean;
}

export interface ReportInput {
  ctx: ActionContext;
  period: Period;
  timezone: string;
  currency: string;
  /** Named SQL bindings every report query starts from. */
  bindings: { shop: number; tz: string; from: string; to: string };
  /** Whether the caller sees cost prices, margins and profit. */
  seesCosts: boolean;
}

export interface ReportOutput {
  columns: readonly ReportColumn[];
  rows: Row[];
  summary?: { label: string; type: ColumnType; value: Cell; ownerOnly?: boolean }[];
}

export interface ReportDefinition {
  /** `<section>/<name>`, the path under /api/reports. */
  name: string;
  title: string;
  /** `limited`: Supervisors and Owners; `all`: Owners only. */
  access: 'limited' | 'all';
  /** Whether the period (from, to) applies; a snapshot report (stock levels) ignores it. */
  periodic: boolean;
  run: (input: ReportInput) => Promise<ReportOutput>;
}

/** The same report input over another period (previous periods, dashboard windows). */
export const withPeriod = (input: ReportInput, period: Period): ReportInput => ({
  ...input,
  period,
  bindings: { ...input.bindings, from: period.from, to: period.to },
});

/** May the caller open this report? Owners see all; Supervisors the limited set; Staff none. */
export function requireReportAccess(
  ctx: ActionContext,
  report: Pick<ReportDefinition, 'access' | 'title'>,
): void {
  const allowed =
    can(ctx.role, 'reports', 'view_all') ||
    (report.access === 'limited' && can(ctx.role, 'reports', 'view_limited'));
  if (!allowed)
    throw new ActionForbiddenError({
      role: ctx.role,
      action: 'view',
      resource: `the report "${report.title}"`,
    });
}

/** Leaves out what the caller may not see: Owner-only columns, their values and summary lines. */
export function visibleTo(output: ReportOutput, seesCosts: boolean): ReportOutput {
  if (seesCosts) return output;
  const hidden = new Set(output.columns.filter((c) => c.ownerOnly).map((c) => c.key));
  return {
    columns: output.columns.filter((c) => !c.ownerOnly),
    rows: output.rows.map((row) =>
      Object.fromEntries(Object.entries(row).filter(([key]) => !hidden.has(key))),
    ),
    ...(output.summary ? { summary: output.summary.filter((s) => !s.ownerOnly) } : {}),
  };
}

/** Runs a raw query with the report's named bindings and returns its rows. */
export async function query<T>(
  knex: Knex,
  sql: string,
  bindings: Record<string, string | number | boolean | null | readonly string[]>,
): Promise<T[]> {
  const result = (await knex.raw(sql, bindings as Knex.ValueDict)) as { rows: T[] };
  return result.rows;
}

export const col = (key: string, label: string, type: ColumnType, ownerOnly = false): ReportColumn =>
  ownerOnly ? { key, label, type, ownerOnly } : { key, label, type };

/** The sum of a numeric column of rows. */
export const total = (rows: readonly Row[], key: string): number =>
  rows.reduce((sum, r) => sum + (typeof r[key] === 'number' ? r[key] : 0), 0);
