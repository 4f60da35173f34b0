// A value of the wrong type reaches PostgreSQL as a cast error that Directus answers with a 500 and no
// field. This checks every primitive value of a payload against the field's type first and names
// the field. Nested relational values (objects, arrays) are left to the service that writes them.
import { InvalidFieldTypeError } from '../errors.ts';

export interface FieldType {
  type: string;
}

const INTEGER = new Set(['integer', 'bigInteger']);
const NUMBER = new Set(['float', 'decimal']);
const TEXT = new Set(['string', 'text', 'uuid', 'hash', 'csv']);
const TEMPORAL = new Set(['date', 'dateTime', 'timestamp', 'time']);

function expectedOf(type: string): string | null {
  if (INTEGER.has(type)) return 'a whole number';
  if (NUMBER.has(type)) return 'a number';
  if (type === 'boolean') return 'true or false';
  if (TEXT.has(type)) return 'text';
  if (TEMPORAL.has(type)) return 'a date or time';
  return null;
}

function fits(type: string, value: unknown): boolean {
  if (INTEGER.has(type)) {
    if (typeof value === 'number') return Number.isSafeInteger(value);
    return typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim());
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

/** Throws naming the first field whose primitive value does not fit its type. */
export function checkPayloadTypes(
  collection: string,
  payload: Record<string, unknown>,
  fields: Record<string, FieldType>,
): void {
  for (const [name, value] of Object.entries(payload)) {
    const field = fields[name];
    if (!field || value === null || value === undefined || typeof value === 'object') continue;
    const expected = expectedOf(field.type);
    if (expected && !fits(field.type, value)) {
      throw new InvalidFieldTypeError({ collection, field: name, expected });
    }
  }
}
