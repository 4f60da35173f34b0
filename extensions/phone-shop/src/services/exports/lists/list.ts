// What a list export is made of: its columns (each with the SQL that reads it, and whether only
// Owners see it), its filters, its query, and the figures totalled under it. `defineList` turns that
// into a Table for a caller: the caller's shop only, Owner-only columns left out for other roles, days
// in the shop's timezone, rows streamed through a cursor.
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Resource } from '../../../../../../snapshots/access/matrix.ts';
import type { ActionContext } from '../../context.ts';
import type { ShopProfile } from '../../shop.ts';
import { cursorRows } from '../cursor.ts';
import {
  EXPORT_FORMATS,
  isoInstantSql,
  type Cell,
  type Column,
  type ColumnType,
  type Row,
  type Table,
} from '../table.ts';

export interface ListColumn extends Column {
  /** The SQL expression of the value (written here, never from input). */
  sql: string;
  /** Cost prices, purchase prices, margins: left out for every role but Owner. */
  ownerOnly?: boolean;
}

export interface SummarySpec {
  label: string;
  type: ColumnType;
  /** `count` of the rows, or the sum of a column (left out with the column). */
  of: 'count' | { sum: string };
}

const day = z.iso.date('must be a date YYYY-MM-DD');

/** The query parameters every list takes. */
export const baseFilters = z.object({
  format: z.enum(EXPORT_FORMATS, `must be one of ${EXPORT_FORMATS.join(', ')}`).default('csv'),
  from: day.optional(),
  to: day.optional(),
});
export type BaseFilters = z.output<typeof baseFilters>;

/** `from` after `to` is a mistake worth naming. */
export function checkPeriod(
  filters: { from?: string | undefined; to?: string | undefined },
  ctx: z.RefinementCtx,
): void {
  if (filters.from && filters.to && filters.from > filters.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (${filters.from})` });
}

export interface ListQuery<F> {
  ctx: ActionContext;
  filters: F;
  shop: ShopProfile;
  /** The caller's knex (ctx.knex), to start the query with. */
  knex: Knex;
}

export interface ListSpec<F extends BaseFilters> {
  name: string;
  title: string;
  /** The matrix resource whose `read` the caller needs. */
  resource: Resource;
  schema: z.ZodType<F>;
  columns: readonly ListColumn[];
  summary: readonly SummarySpec[];
  /** FROM, joins and WHERE: always the caller's shop. Columns and order are added by defineList. */
  from: (q: ListQuery<F>) => Knex.QueryBuilder;
  /** ORDER BY expressions, oldest first, with a unique tie-breaker. */
  orderBy: readonly string[];
}

export interface ListRequest {
  format: BaseFilters['format'];
  from: string | undefined;
  to: string | undefined;
  /** Builds the table for the caller: its columns, its rows (lazy), its summary. */
  table: (ctx: ActionContext, shop: ShopProfile) => Table;
}

export interface ExportList {
  name: string;
  title: string;
  resource: Resource;
  /** Validates the query string (a ZodError names the field). */
  parse: (query: unknown) => ListRequest;
}

/** The columns a role sees. */
export function visibleColumns(columns: readonly ListColumn[], role: ActionContext['role']): ListColumn[] {
  return columns.filter((c) => !c.ownerOnly || role === 'Owner');
}

function asNumber(value: Cell): number {
  return typeof value === 'number' ? value : Number(value ?? 0);
}

/** Counts and sums the rows as they pass: the summary is complete when the rows are. */
async function* tallied(
  rows: AsyncIterable<Row>,
  specs: readonly SummarySpec[],
  summary: { value: Cell }[],
): AsyncGenerator<Row, void, undefined> {
  const totals = specs.map(() => 0);
  for await (const row of rows) {
    specs.forEach((spec, i) => {
      totals[i] = (totals[i] ?? 0) + (spec.of === 'count' ? 1 : asNumber(row[spec.of.sum] ?? 0));
    });
    yield row;
  }
  summary.forEach((item, i) => {
    item.value = totals[i] ?? 0;
  });
}

export function defineList<F extends BaseFilters>(spec: ListSpec<F>): ExportList {
  return {
    name: spec.name,
    title: spec.title,
    resource: spec.resource,
    parse: (query) => {
      const filters = spec.schema.parse(query);
      return {
        format: filters.format,
        from: filters.from,
        to: filters.to,
        table: (ctx, shop) => {
          const columns = visibleColumns(spec.columns, ctx.role);
          const keys = new Set(columns.map((c) => c.key));
          const query = spec
            .from({ ctx, filters, shop, knex: ctx.knex })
            .select(
              columns.map((c) =>
                ctx.knex.raw(`${c.type === 'datetime' ? isoInstantSql(c.sql) : c.sql} as ??`, [c.key]),
              ),
            );
          for (const order of spec.orderBy) void query.orderByRaw(order);
          const specs = spec.summary.filter((s) => s.of === 'count' || keys.has(s.of.sum));
          const summary = specs.map((s) => ({ label: s.label, type: s.type, value: null as Cell }));
          return {
            columns: columns.map(({ sql: _sql, ownerOnly: _ownerOnly, ...column }) => column),
            rows: tallied(cursorRows(ctx.knex, query), specs, summary),
            summary,
          };
        },
      };
    },
  };
}

/** A timestamp column within shop-local days: from the local midnight of `from` to the one after `to`. */
export function withinDays(
  knex: Knex,
  query: Knex.QueryBuilder,
  column: string,
  filters: { from?: string | undefined; to?: string | undefined },
  timezone: string,
): void {
  if (filters.from)
    void query.andWhere(
      column,
      '>=',
      knex.raw('(?::date)::timestamp AT TIME ZONE ?', [filters.from, timezone]),
    );
  if (filters.to)
    void query.andWhere(
      column,
      '<',
      knex.raw('((?::date) + 1)::timestamp AT TIME ZONE ?', [filters.to, timezone]),
    );
}

/** A date column (already a shop day) within the days. */
export function withinDates(
  query: Knex.QueryBuilder,
  column: string,
  filters: { from?: string | undefined; to?: string | undefined },
): void {
  if (filters.from) void query.andWhere(column, '>=', filters.from);
  if (filters.to) void query.andWhere(column, '<=', filters.to);
}

/** A user's display name from a joined directus_users alias. */
export const personName = (alias: string): string =>
  `nullif(trim(concat(${alias}.first_name, ' ', ${alias}.last_name)), '')`;

/** A day column as text, so no driver turns it into a Date at some midnight. */
export const dayText = (column: string): string => `to_char(${column}, 'YYYY-MM-DD')`;
