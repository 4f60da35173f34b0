// Money is an integer in the currency's smallest unit (UGX has none: ISO 4217 exponent 0). Rates are
// integers in basis points (1% = 100). Nothing here uses a float for an amount.

// Building an Intl.NumberFormat costs far more than formatting with one: one per currency.
const formatters = new Map<string, { digits: number; format: Intl.NumberFormat }>();

function formatterOf(currency: string): { digits: number; format: Intl.NumberFormat } {
  let found = formatters.get(currency);
  if (!found) {
    const digits =
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      0;
    const format = new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    found = { digits, format };
    formatters.set(currency, found);
  }
  return found;
}

/** The number of minor-unit digits of a currency (0 for UGX, 2 for USD). */
export function minorDigits(currency: string): number {
  return formatterOf(currency).digits;
}

/** "UGX 1,250,000" from 1250000 minor units of UGX. */
export function formatMoney(amount: number, currency: string): string {
  const { digits, format } = formatterOf(currency);
  return format.format(amount / 10 ** digits).replace(/\u00a0/g, ' ');
}

/**
 * amount × rate (basis points), rounded half away from zero, in integers only. An amount near the
 * largest one (domain/ranges.ts) times a rate is beyond what a number holds exactly: that product is
 * taken in BigInt.
 */
export function applyRate(amount: number, rateBp: number): number {
  const product = amount * rateBp;
  if (!Number.isSafeInteger(product))
    return Number(roundedQuotient(BigInt(amount) * BigInt(rateBp), 10_000n));
  const quotient = Math.trunc(product / 10_000);
  const remainder = Math.abs(product % 10_000);
  return remainder * 2 >= 10_000 ? quotient + Math.sign(product) : quotient;
}

/** numerator / divisor (divisor > 0), rounded half away from zero. */
function roundedQuotient(numerator: bigint, divisor: bigint): bigint {
  const quotient = numerator / divisor;
  const remainder = numerator % divisor;
  const twice = (remainder < 0n ? -remainder : remainder) * 2n;
  if (twice < divisor) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** The share of `part` in `whole`, in basis points, rounded up (so a limit is never exceeded by rounding). */
export function shareBp(part: number, whole: number): number {
  if (whole <= 0) return part > 0 ? 10_000 : 0;
  const scaled = part * 10_000;
  if (Number.isSafeInteger(scaled)) return Math.ceil(scaled / whole);
  // Ceiling of a quotient of whole numbers, exactly (part and whole are at most MAX_MONEY).
  const numerator = BigInt(part) * 10_000n;
  const divisor = BigInt(whole);
  const quotient = numerator / divisor;
  return Number(numerator % divisor > 0n ? quotient + 1n : quotient);
}
