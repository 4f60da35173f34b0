// A value of the wrong type reaches PostgreSQL as a cast error that Directus answers with a 500 and no
// field, and a number beyond its column's range as VALUE_OUT_OF_RANGE naming the wrong field. This
// checks every value of a payload against the field's type and range first (domain/ranges.ts) and
// names the field. A relation's nested object (an m2o create or update, o2m lists) is left to the
// service that writes it; a boolean, an array or an object where a plain integer is expected is not.
import { InvalidFieldTypeError } from '../errors.ts';
import { INT32_MAX, INT32_MIN, MAX_MONEY } from '../domain/ranges.ts';

export interface FieldType {
  type: string;
}

const NUMBER = new Set(['float', 'decimal']);
const TEXT = new Set(['string', 'text', 'uuid', 'hash', 'csv']);
const TEMPORAL = new Set(['date', 'dateTime', 'timestamp', 'time']);

/** The whole numbers a column of an integer type holds (bigint: what a JS number holds exactly). */
const INTEGER_RANGES: Record<string, { min: number; max: number }> = {
  integer: { min: INT32_MIN, max: INT32_MAX },
  bigInteger: { min: -MAX_MONEY, max: MAX_MONEY },
};

function expectedOf(type: string): string | null {
  const range = INTEGER_RANGES[type];
  if (range) return `a whole number from ${range.min} to ${range.max}`;
  if (NUMBER.has(type)) return 'a number';
  if (type === 'boolean') return 'true or false';
  if (TEXT.has(type)) return 'text';
  if (TEMPORAL.has(type)) return 'a date or time';
  return null;
}

function fits(type: string, value: unknown): boolean {
  const range = INTEGER_RANGES[type];
  if (range) {
    const number =
      typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\s*-?\d{1,16}\s*$/.test(value)
          ? Number(value)
          : Number.NaN;
    return Number.isSafeInteger(number) && number >= range.min && number <= range.max;
  }
  if (NUMBER.has(type)) {
    if (typeof value === 'number') return Number.isFinite(value);
    return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));
  }
  if (type === 'boolean') return typeof value === 'boolean' || value === 'true' || value === 'false';
  if (TEXT.has(type)) return typeof value === 'string' || typeof value === 'number';
  if (TEMPORAL.has(type))
    return typeof value === 'string' && (type === 'time' || !Number.isNaN(Date.parse(value)));
  return true;
}

/**
 * Throws naming the first field whose value does not fit its type or range. `relations` are the
 * payload's many-to-one fields, whose value may also be the related row as an object (a nested write).
 */
export function checkPayloadTypes(
  collection: string,
  payload: Record<string, unknown>,
  fields: Record<string, FieldType>,
  relations: ReadonlySet<string> = new Set(),
): void {
  for (const [name, value] of Object.entries(payload)) {
    const field = fields[name];
    if (!field || value === null || value === undefined) continue;
    if (typeof value === 'object') {
      // An array or an object in a plain integer column (a boolean-like `[1]`) would be cast by
      // PostgreSQL or refused with a 500; a relation's object is a nested write.
      const plainInteger = field.type in INTEGER_RANGES && !(relations.has(name) && !Array.isArray(value));
      if (plainInteger)
        throw new InvalidFieldTypeError({ collection, field: name, expected: expectedOf(field.type) ?? '' });
      continue;
    }
    const expected = expectedOf(field.type);
    if (expected && !fits(field.type, value)) {
      throw new InvalidFieldTypeError({ collection, field: name, expected });
    }
  }
}
