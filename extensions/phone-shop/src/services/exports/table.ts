// The shape every report and every list takes on its way out: typed columns and rows, whatever the
// format (PDF, XLSX, CSV, JSON). Reports and lists build a Table; the exporters only render it.

/** How a column's values are typed, rendered and formatted. */
export type ColumnType =
  /** Free text. */
  | 'text'
  /** A whole number (counts, quantities, points). */
  | 'integer'
  /** A decimal number (ratios, averages). */
  | 'number'
  /** An integer amount in the currency's smallest unit (UGX has none below the shilling). */
  | 'money'
  /** A share in basis points (10,000 = 100%). */
  | 'basis_points'
  /** A calendar day, `YYYY-MM-DD`, already a day of the shop's timezone. */
  | 'date'
  /** An instant, a `Date` or an ISO string in UTC; shown in the shop's timezone. */
  | 'datetime'
  | 'boolean';

export interface Column {
  /** The row property holding the value. */
  key: string;
  /** The heading shown to people (PDF, XLSX, CSV header). */
  label: string;
  type: ColumnType;
  /** Width in characters for page and sheet layout (PDF, XLSX); a default per type otherwise. */
  width?: number;
}

export type Cell = string | number | boolean | Date | null;
export type Row = Record<string, Cell>;

/**
 * The SQL of a `timestamptz` expression as the ISO text of its instant in UTC, to the millisecond:
 * what JSON makes of the Date node-postgres would parse it into. A report or list of many rows reads
 * its instants this way: answering the customers' lifetime value 8 times, Directus was busy for 4.3 s,
 * 2.0 s of it in `JSON.stringify` and in parsing Dates (docs/decisions.md, Exports).
 */
export const isoInstantSql = (expression: string): string =>
  `to_char((${expression}) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Who the document is for and what it covers; printed on PDFs, kept in XLSX and JSON. */
export interface ExportMeta {
  title: string;
  shop: {
    name: string;
    code: string;
    currency: string;
    timezone: string;
    address: string | null;
    phone: string | null;
    /** PNG or JPEG bytes of the shop's logo, when it has one. */
    logo: Buffer | null;
  };
  /** The days covered, in the shop's timezone, when the table is about a period. */
  period: { from: string; to: string } | null;
  generatedAt: Date;
}

export interface Table {
  columns: readonly Column[];
  /** Rows may stream from the database: exporters must not collect them all. */
  rows: AsyncIterable<Row> | Iterable<Row>;
  /**
   * Totals or key figures shown under the table (PDF, XLSX) and returned with it (JSON). Exporters
   * read it after the last row, so a table may fill in its values while its rows stream.
   */
  summary?: readonly { label: string; type: ColumnType; value: Cell }[];
}

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
