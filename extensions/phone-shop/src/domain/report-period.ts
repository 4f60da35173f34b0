// A report's period: whole days of the shop's timezone, from and to included. The previous period is
// the same number of days just before it, which dashboards compare against.
import { InvalidFieldError } from '../errors.ts';

export interface Period {
  /** First day, YYYY-MM-DD, in the shop's timezone. */
  from: string;
  /** Last day, included. */
  to: string;
}

/** The longest period a report covers: three years of days. */
export const MAX_PERIOD_DAYS = 3 * 366;

const DAY_MS = 86_400_000;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function dayNumber(day: string, field: string): number {
  const time = ISO_DAY.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day)
    throw new InvalidFieldError({ field, reason: `${day} is not a day (use YYYY-MM-DD)` });
  return time / DAY_MS;
}

const dayOf = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** Adds whole days to a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return dayOf(dayNumber(day, 'day') + days);
}

/** The number of days of a period, both ends included. */
export function periodLength(period: Period): number {
  return dayNumber(period.to, 'to') - dayNumber(period.from, 'from') + 1;
}

/**
 * The period asked for, checked: `to` defaults to today and `from` to 29 days before `to` (30 days
 * in all); `from` after `to` or a period longer than MAX_PERIOD_DAYS is refused, naming the field.
 */
export function resolvePeriod(from: string | undefined, to: string | undefined, today: string): Period {
  const last = to ?? today;
  const first = from ?? addDays(last, -29);
  const length = dayNumber(last, 'to') - dayNumber(first, 'from') + 1;
  if (length < 1) throw new InvalidFieldError({ field: 'from', reason: `${first} is after ${last}` });
  if (length > MAX_PERIOD_DAYS)
    throw new InvalidFieldError({ field: 'from', reason: `a report covers at most ${MAX_PERIOD_DAYS} days` });
  return { from: first, to: last };
}

/** The same number of days just before the period. */
export function previousPeriod(period: Period): Period {
  const length = periodLength(period);
  return { from: addDays(period.from, -length), to: addDays(period.from, -1) };
}

/** Every day of the period, in order. */
export function daysOf(period: Period): string[] {
  const first = dayNumber(period.from, 'from');
  return Array.from({ length: periodLength(period) }, (_, i) => dayOf(first + i));
}

/** The change from `previous` to `current` in basis points; null when there is nothing to compare to. */
export function changeBp(current: number, previous: number): number | null {
  if (previous === 0) return null;
  return Math.round(((current - previous) * 10_000) / Math.abs(previous));
}
