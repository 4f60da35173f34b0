// How a cell's value reads in each format. Every exporter goes through these, so that a CSV, a
// spreadsheet, a PDF and the JSON of the same table agree to the shilling and to the minute.
import { minorDigits as currencyMinorDigits } from '../../domain/money.ts';
import type { Cell, Column, ColumnType, ExportMeta } from './table.ts';

// Intl formatters are costly to build (tens of microseconds): a million-row export builds each once.
const digitsByCurrency = new Map<string, number>();

/** domain/money.ts's minorDigits, remembered per currency. */
function minorDigits(currency: string): number {
  let digits = digitsByCurrency.get(currency);
  if (digits === undefined) {
    digits = currencyMinorDigits(currency);
    digitsByCurrency.set(currency, digits);
  }
  return digits;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "UGX 1,250,000": domain/money.ts's formatMoney, with its formatter built once per currency. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  let format = moneyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    moneyFormats.set(currency, format);
  }
  return format.format(amount / 10 ** digits).replace(/\u00a0/g, ' ');
}

const wallClocks = new Map<string, Intl.DateTimeFormat>();

/** One formatter per timezone: building an Intl formatter per row would dominate a large export. */
function wallClock(timezone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClocks.set(timezone, format);
  }
  return format;
}

function toInstant(value: Date | string | number): Date {
  return value instanceof Date ? value : new Date(value);
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeOf(ms: number, timezone: string): WallTime {
  const parts = wallClock(timezone).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value ?? 0);
  return {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
  };
}

/** Zone offsets change only on quarter hours: one lookup per zone and quarter hour. */
const QUARTER_HOUR = 15 * 60 * 1000;
const offsets = new Map<string, Map<number, number>>();

function offsetAt(ms: number, timezone: string): number {
  let byQuarter = offsets.get(timezone);
  if (!byQuarter || byQuarter.size > 100_000) {
    byQuarter = new Map();
    offsets.set(timezone, byQuarter);
  }
  const quarter = Math.floor(ms / QUARTER_HOUR);
  let offset = byQuarter.get(quarter);
  if (offset === undefined) {
    const start = quarter * QUARTER_HOUR;
    const t = wallTimeOf(start, timezone);
    offset = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second) - start;
    byQuarter.set(quarter, offset);
  }
  return offset;
}

/** The shop's wall-clock time of an instant. */
export function wallTime(value: Date | string | number, timezone: string): WallTime {
  const ms = toInstant(value).getTime();
  const local = new Date(ms + offsetAt(ms, timezone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:mm` in the shop's timezone (a sale at 20:30 UTC reads 23:30 in Kampala). */
export function localDateTime(value: Date | string | number, timezone: string): string {
  const t = wallTime(value, timezone);
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

/** The shop's local calendar day of an instant, `YYYY-MM-DD`. */
export function localDate(value: Date | string | number, timezone: string): string {
  return localDateTime(value, timezone).slice(0, 10);
}

/**
 * A spreadsheet date for the shop's wall-clock time. Excel dates have no timezone, and exceljs writes
 * a Date's UTC fields, so the Date carries the local fields as if they were UTC.
 */
export function spreadsheetDateTime(value: Date | string | number, timezone: string): Date {
  const t = wallTime(value, timezone);
  return new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
}

/** A `YYYY-MM-DD` day as a spreadsheet date (midnight, no timezone). */
export function spreadsheetDate(day: string): Date {
  const [year = 0, month = 1, date = 1] = day.slice(0, 10).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

/**
 * An amount in minor units as a major-unit decimal string, exactly (no float): 1250000 UGX is
 * "1250000", 1250 USD cents is "12.50", -5 USD cents is "-0.05".
 */
export function moneyMajorText(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  if (digits === 0) return String(amount);
  const sign = amount < 0 ? '-' : '';
  const units = String(Math.abs(amount)).padStart(digits + 1, '0');
  return `${sign}${units.slice(0, -digits)}.${units.slice(-digits)}`;
}

/** An amount in minor units as a major-unit number, for spreadsheet cells. */
export function moneyMajorNumber(amount: number, currency: string): number {
  return Number(moneyMajorText(amount, currency));
}

/** The spreadsheet number format of a currency: `"UGX" #,##0`, `"USD" #,##0.00`. */
export function moneyNumberFormat(currency: string): string {
  const digits = minorDigits(currency);
  const body = digits > 0 ? `#,##0.${'0'.repeat(digits)}` : '#,##0';
  return `"${currency}" ${body}`;
}

/** Basis points as a percentage text: 1250 is "12.5". */
export function percentText(bp: number): string {
  return String(bp / 100);
}

function asNumber(value: Cell): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  return Number(value);
}

function asBoolean(value: Cell): boolean {
  if (typeof value === 'string') return value === 'true' || value === 't' || value === '1';
  return Boolean(value);
}

/** A day cell as `YYYY-MM-DD`: strings are already shop days; a Date is read in the shop's zone. */
function dayText(value: Cell, timezone: string): string {
  if (value instanceof Date) return localDate(value, timezone);
  return String(value).slice(0, 10);
}

/** The plain text of a cell for CSV: machine-readable, no thousands separators, no currency code. */
export function csvText(value: Cell, type: ColumnType, currency: string, timezone: string): string {
  if (value === null) return '';
  switch (type) {
    case 'money':
      return moneyMajorText(asNumber(value), currency);
    case 'integer':
    case 'number':
      return String(asNumber(value));
    case 'basis_points':
      return percentText(asNumber(value));
    case 'date':
      return dayText(value, timezone);
    case 'datetime':
      return typeof value === 'boolean' ? '' : localDateTime(value, timezone);
    case 'boolean':
      return asBoolean(value) ? 'true' : 'false';
    case 'text':
      return value instanceof Date ? value.toISOString() : String(value);
  }
}

const grouped = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

/** The text of a cell for people (PDF): amounts with their currency, grouped numbers, Yes/No. */
export function displayText(value: Cell, type: ColumnType, currency: string, timezone: string): string {
  if (value === null) return '';
  switch (type) {
    case 'money':
      return formatMoney(asNumber(value), currency);
    case 'integer':
    case 'number':
      return grouped.format(asNumber(value));
    case 'basis_points':
      return `${grouped.format(asNumber(value) / 100)}%`;
    case 'boolean':
      return asBoolean(value) ? 'Yes' : 'No';
    default:
      return csvText(value, type, currency, timezone);
  }
}

/** A cell as the JSON export gives it: amounts in minor units, instants in ISO UTC, like the API. */
export function jsonValue(value: Cell, type: ColumnType): string | number | boolean | null {
  if (value === null) return null;
  switch (type) {
    case 'money':
    case 'integer':
    case 'number':
    case 'basis_points':
      return asNumber(value);
    case 'boolean':
      return asBoolean(value);
    case 'datetime':
      return typeof value === 'boolean' ? null : toInstant(value).toISOString();
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    case 'text':
      return value instanceof Date ? value.toISOString() : value;
  }
}

/** A typed spreadsheet cell value: numbers as numbers, days and instants as dates. */
export function spreadsheetValue(
  value: Cell,
  type: ColumnType,
  currency: string,
  timezone: string,
): string | number | boolean | Date | null {
  if (value === null) return null;
  switch (type) {
    case 'money':
      return moneyMajorNumber(asNumber(value), currency);
    case 'integer':
    case 'number':
      return asNumber(value);
    case 'basis_points':
      return asNumber(value) / 10_000;
    case 'boolean':
      return asBoolean(value);
    case 'date':
      return spreadsheetDate(dayText(value, timezone));
    case 'datetime':
      return typeof value === 'boolean' ? null : spreadsheetDateTime(value, timezone);
    case 'text':
      return value instanceof Date ? value.toISOString() : value;
  }
}

/** The period as printed: "2026-03-01 to 2026-03-31", or "All dates". */
export function periodText(meta: Pick<ExportMeta, 'period'>): string {
  return meta.period ? `${meta.period.from} to ${meta.period.to}` : 'All dates';
}

/** Column widths in characters when the column gives none. */
const DEFAULT_WIDTHS: Record<ColumnType, number> = {
  text: 20,
  integer: 8,
  number: 10,
  money: 16,
  basis_points: 8,
  date: 12,
  datetime: 17,
  boolean: 6,
};

/** A column's width in characters: its own, or its type's, and never narrower than its label. */
export function columnWidth(column: Column): number {
  return column.width ?? Math.max(DEFAULT_WIDTHS[column.type], Math.min(column.label.length + 2, 24));
}
