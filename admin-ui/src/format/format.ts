// Amounts are integers in the currency's smallest unit (UGX has none); dates and times are shown in
// the shop's timezone, whatever the phone's own setting.
import { identity } from '../access/session.ts';

// Intl is slow to start (the first formatter loads its locale data: a few hundred milliseconds on a
// cheap phone, on the till's first render), so amounts are formatted by hand, as Intl's English
// currency format with the code writes them ("UGX 1,250,000", "-USD 12.50"; format.test.ts compares
// the two). Date formatters are built once per locale, options and timezone, then reused.
const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/** ISO 4217 minor units of the currencies that do not have two. */
const MINOR_UNITS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export function minorDigits(currency: string): number {
  return MINOR_UNITS[currency] ?? 2;
}

function dateFormatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let formatter = dateFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options);
    dateFormatters.set(key, formatter);
  }
  return formatter;
}

export function shopCurrency(): string {
  return identity()?.shop.currency ?? 'UGX';
}

export function shopTimezone(): string {
  return identity()?.shop.timezone ?? 'Africa/Kampala';
}

const grouped = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** "UGX 1,250,000" for 1250000 in UGX; "USD 12.50" for 1250 in USD (amounts in minor units). */
export function formatMoney(amount: number | null | undefined, currency = shopCurrency()): string {
  if (amount === null || amount === undefined || !Number.isFinite(amount)) return '—';
  const digits = minorDigits(currency);
  const minor = Math.round(Math.abs(amount));
  const scale = 10 ** digits;
  const whole = grouped(String(Math.floor(minor / scale)));
  const fraction = digits > 0 ? `.${String(minor % scale).padStart(digits, '0')}` : '';
  return `${amount < 0 && minor > 0 ? '-' : ''}${currency} ${whole}${fraction}`;
}

export function formatDateTime(value: string | null | undefined, locale = 'en'): string {
  if (!value) return '—';
  return dateFormatter(locale, {
    timeZone: shopTimezone(),
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value));
}

export function formatDate(value: string | null | undefined, locale = 'en'): string {
  if (!value) return '—';
  // A plain date (YYYY-MM-DD) is a local day already: no timezone shift.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return dateFormatter(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  return dateFormatter(locale, { timeZone: shopTimezone(), dateStyle: 'medium' }).format(new Date(value));
}

/** Today's date (YYYY-MM-DD) in the shop's timezone: the day a closure counts. */
export function shopToday(now = new Date(), timeZone = shopTimezone()): string {
  return dateFormatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A day N days before a YYYY-MM-DD date. */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
