// What the database can hold, for the checks that refuse a value before PostgreSQL does (docs/api.md,
// "Ranges"). Ids, quantities and points are PostgreSQL integers (32-bit); money is bigint (migration
// 0011), of which the platform takes what a JavaScript number holds exactly: the API answers JSON
// numbers, and an amount above Number.MAX_SAFE_INTEGER would come back rounded.

export const INT32_MIN = -2_147_483_648;
export const INT32_MAX = 2_147_483_647;

/** The largest amount the API accepts, in the currency's smallest unit: 9,007,199,254,740,991. */
export const MAX_MONEY = Number.MAX_SAFE_INTEGER;

/** Whether a value is a whole number a 32-bit integer column holds. */
export function isInt32(value: number): boolean {
  return Number.isInteger(value) && value >= INT32_MIN && value <= INT32_MAX;
}

/** Whether a value is an amount the platform stores (a safe integer, negative for refunds). */
export function isMoney(value: number): boolean {
  return Number.isSafeInteger(value);
}

/**
 * Whether an id can name a stored row: ids are serial integers, 1 to 2,147,483,647. A lookup of any
 * other id finds nothing, and answers as an id that is not there, without asking the database.
 */
export function isStoredId(id: number): boolean {
  return Number.isInteger(id) && id >= 1 && id <= INT32_MAX;
}
