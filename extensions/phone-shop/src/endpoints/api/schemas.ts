// The zod types every /api route shares for money and ids, bounded to what the database holds
// (domain/ranges.ts). Ids are never coerced: a boolean, an array or text where an id is expected is
// refused, naming the field (z.coerce read `true` and `[1]` as 1).
import { z } from 'zod';
import { INT32_MAX, MAX_MONEY } from '../../domain/ranges.ts';

const WHOLE_AMOUNT = 'must be a whole amount in the smallest unit';
const TOO_LARGE = `is above the largest amount accepted (${String(MAX_MONEY)})`;

/** An amount in the currency's smallest unit, 0 to MAX_MONEY. */
export const money = z
  .number(WHOLE_AMOUNT)
  .min(0, 'cannot be negative')
  .max(MAX_MONEY, TOO_LARGE)
  .refine(Number.isInteger, WHOLE_AMOUNT);

/** An amount that may be negative (a correction), -MAX_MONEY to MAX_MONEY. */
export const signedMoney = z
  .number(WHOLE_AMOUNT)
  .min(-MAX_MONEY, TOO_LARGE)
  .max(MAX_MONEY, TOO_LARGE)
  .refine(Number.isInteger, WHOLE_AMOUNT);

/** Loyalty points: whole numbers, as large as an amount (a point per smallest unit is allowed). */
export const points = z
  .number('must be a whole number of points')
  .min(-MAX_MONEY, 'is too many points')
  .max(MAX_MONEY, 'is too many points')
  .refine(Number.isInteger, 'must be a whole number of points');

// No row has id 0 (ids are serial, from 1): an id beyond the column's range names no row either, and
// is read as 0, so that it is refused or finds nothing exactly as an id that is not in the shop.
const NO_ROW = 0;
const toStored = (value: number): number => (value <= INT32_MAX ? value : NO_ROW);

/** An id in a JSON body: a positive whole number, never a boolean, text or an array. */
export const id = z
  .number('must be an id (a whole number)')
  .int('must be an id (a whole number)')
  .positive('must be an id (a whole number from 1)')
  .transform(toStored);

/** An id in a query string: digits only. */
export const queryId = z
  .string('must be an id (a whole number)')
  .regex(/^\d{1,15}$/, 'must be an id (a whole number)')
  .transform(Number)
  .pipe(z.number().positive('must be an id (a whole number from 1)'))
  .transform(toStored);

/**
 * The id in a path (/api/sales/:id): digits only. It is kept as it is, beyond the column's range too:
 * the service that looks it up answers 404 naming it, as for any id that is not in the shop
 * (isStoredId, domain/ranges.ts).
 */
export const pathId = z
  .string()
  .regex(/^\d{1,15}$/, 'must be an id (a whole number)')
  .transform(Number)
  .pipe(z.number().positive('must be an id (a whole number from 1)'));
