// Integers beyond their column's range in an /items (or GraphQL, websocket) query or key: PostgreSQL
// refuses to compare an integer column with 99999999999 and Directus answers 500. No row can hold
// such a value, so a comparison with it has a plain meaning, and the filter says that instead: `_eq`
// matches nothing, `_neq` every row with a value, a list keeps its values in range, a bound beyond the
// range is no bound or nothing at all. A lookup by an id out of range then finds nothing and answers
// as for any id that is not there (Directus: 403 FORBIDDEN). A value that is not a whole number where
// one is expected is refused with 400 INVALID_QUERY naming the field. Pure: schema in, filter out.
import { InvalidQueryError } from '@directus/errors';
import { INT32_MAX, INT32_MIN } from '../domain/ranges.ts';

export interface SchemaLike {
  collections: Record<string, { primary: string; fields: Record<string, { type: string }> } | undefined>;
  relations: readonly {
    collection: string;
    field: string;
    related_collection: string | null;
    meta?: { one_field?: string | null } | null;
  }[];
}

type Filter = Record<string, unknown>;

const INT8_MAX = 9_223_372_036_854_775_807n;
const RANGES: Record<string, { min: bigint; max: bigint }> = {
  integer: { min: BigInt(INT32_MIN), max: BigInt(INT32_MAX) },
  bigInteger: { min: -INT8_MAX - 1n, max: INT8_MAX },
};

/** Matches no row: a column is never both null and not null. */
const NOTHING: Filter = { _null: true, _nnull: true };
/** Matches every row with a value. */
const ANY_VALUE: Filter = { _nnull: true };

/** A whole number given as a number or as digits (query strings), or null. */
function wholeNumber(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : null;
  if (typeof value === 'string' && /^\s*-?\d{1,30}\s*$/.test(value)) return BigInt(value.trim());
  return null;
}

/** Where a value lies against a column type's range: below it, within it, or above it. */
function place(type: string, field: string, value: unknown): -1 | 0 | 1 {
  const range = RANGES[type];
  // A dynamic variable ($CURRENT_USER.shop, $NOW) is Directus's to resolve.
  if (!range || (typeof value === 'string' && value.startsWith('$'))) return 0;
  const number = wholeNumber(value);
  if (number === null)
    throw new InvalidQueryError({
      reason: `"${field}" holds whole numbers: ${JSON.stringify(value)} is not one`,
    });
  return number < range.min ? -1 : number > range.max ? 1 : 0;
}

const listOf = (value: unknown): unknown[] =>
  Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [value];

/** The operators of one integer field with each value beyond the range replaced by its meaning. */
function boundOperators(type: string, field: string, ops: Filter): Filter {
  const bounded: Filter = {};
  const add = (meaning: Filter): void => void Object.assign(bounded, meaning);
  for (const [op, value] of Object.entries(ops)) {
    if (value === null || value === undefined) {
      bounded[op] = value;
      continue;
    }
    switch (op) {
      case '_eq':
      case '_neq': {
        const where = place(type, field, value);
        if (where === 0) bounded[op] = value;
        else add(op === '_eq' ? NOTHING : ANY_VALUE);
        break;
      }
      case '_gt':
      case '_gte':
      case '_lt':
      case '_lte': {
        const where = place(type, field, value);
        const upward = op === '_gt' || op === '_gte';
        if (where === 0) bounded[op] = value;
        // Above the range: nothing is greater, everything is less; below it, the other way round.
        else add((where === 1) === upward ? NOTHING : ANY_VALUE);
        break;
      }
      case '_in':
      case '_nin': {
        const values = listOf(value);
        const kept = values.filter((v) => place(type, field, v) === 0);
        if (kept.length > 0) bounded[op] = Array.isArray(value) ? kept : kept.join(',');
        else add(op === '_in' ? NOTHING : ANY_VALUE);
        break;
      }
      case '_between':
      case '_nbetween': {
        const [low, high] = listOf(value);
        const lowAt = place(type, field, low);
        const highAt = place(type, field, high);
        if (lowAt === 0 && highAt === 0) bounded[op] = value;
        else if (lowAt === 1 || highAt === -1) add(op === '_between' ? NOTHING : ANY_VALUE);
        else {
          // One end beyond the range: the other end alone bounds the column.
          const range = RANGES[type] as { min: bigint; max: bigint };
          const ends = [lowAt === -1 ? String(range.min) : low, highAt === 1 ? String(range.max) : high];
          bounded[op] = Array.isArray(value) ? ends : ends.join(',');
        }
        break;
      }
      default:
        bounded[op] = value;
    }
  }
  return bounded;
}

const isObject = (value: unknown): value is Filter =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** The collection a relational field of `collection` leads to (many-to-one or one-to-many). */
function relatedOf(schema: SchemaLike, collection: string, field: string): string | null {
  for (const r of schema.relations) {
    if (r.collection === collection && r.field === field) return r.related_collection;
    if (r.related_collection === collection && r.meta?.one_field === field) return r.collection;
  }
  return null;
}

/** The filter with every comparison of an integer column to a value beyond its range made plain. */
export function boundFilter(schema: SchemaLike, collection: string, filter: unknown): unknown {
  if (!isObject(filter)) return filter;
  const fields = schema.collections[collection]?.fields ?? {};
  const bounded: Filter = {};
  for (const [key, value] of Object.entries(filter)) {
    if ((key === '_and' || key === '_or') && Array.isArray(value)) {
      bounded[key] = value.map((part) => boundFilter(schema, collection, part));
      continue;
    }
    if (!isObject(value)) {
      bounded[key] = value;
      continue;
    }
    const related = relatedOf(schema, collection, key);
    const operators = Object.keys(value).some((k) => k.startsWith('_'));
    if (!operators) {
      // A filter on the related row's fields.
      bounded[key] = related ? boundFilter(schema, related, value) : value;
      continue;
    }
    const quantified: Filter = {};
    for (const [op, inner] of Object.entries(value)) {
      quantified[op] =
        (op === '_some' || op === '_none') && related ? boundFilter(schema, related, inner) : inner;
    }
    const type = fields[key]?.type;
    bounded[key] = type && RANGES[type] ? boundOperators(type, key, quantified) : quantified;
  }
  return bounded;
}

/** Whether a key of `collection` (from a path or a list of keys) is beyond its primary key's range. */
export function keyOutOfRange(schema: SchemaLike, collection: string, key: unknown): boolean {
  const info = schema.collections[collection];
  const type = info?.fields[info.primary]?.type;
  if (!type || !RANGES[type]) return false;
  const number = wholeNumber(key);
  return number !== null && place(type, info.primary, number.toString()) !== 0;
}
