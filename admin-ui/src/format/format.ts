// Amounts are integers in the currency's smallest unit (UGX has none); dates and times are shown in
// the shop's timezone, whatever the phone's own setting.
import { identity } from '../access/session.ts';

const formatters = new Map<string, Intl.NumberFormat>();

function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0
  );
}

export function shopCurrency(): string {
  return identity()?.shop.currency ?? 'UGX';
}

export function shopTimezone(): string {
  return identity()?.shop.timezone ?? 'Africa/Kampala';
}

/** "UGX 1,250,000" for 1250000 in UGX; "USD 12.50" for 1250 in USD. */
export function formatMoney(
  amount: number | null | undefined,
  currency = shopCurrency(),
  locale = 'en',
): string {
  if (amount === null || amount === undefined || Number.isNaN(amount)) return '—';
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    const digits = minorDigits(currency);
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(key, formatter);
  }
  return formatter.format(amount / 10 ** minorDigits(currency)).replace(/\u00a0/g, ' ');
}

export function formatDateTime(value: string | null | undefined, locale = 'en'): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale, {
    timeZone: shopTimezone(),
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value));
}

export function formatDate(value: string | null | undefined, locale = 'en'): string {
  if (!value) return '—';
  // A plain date (YYYY-MM-DD) is a local day already: no timezone shift.
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'medium' }).format(
      new Date(`${value}T00:00:00Z`),
    );
  }
  return new Intl.DateTimeFormat(locale, { timeZone: shopTimezone(), dateStyle: 'medium' }).format(
    new Date(value),
  );
}

/** Today's date (YYYY-MM-DD) in the shop's timezone: the day a closure counts. */
export function shopToday(now = new Date(), timeZone = shopTimezone()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A day N days before a YYYY-MM-DD date. */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}
