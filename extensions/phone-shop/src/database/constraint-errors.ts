// PostgreSQL enforces the invariants (CHECK constraints, composite same-shop keys); Directus turns only
// some database errors into clear ones and answers 500 for a CHECK violation. This turns each into a
// 400 that names the field and the rule, and drops the tenant column from composite key messages
// ("shop_id, imei_serial" -> "imei_serial"). Pure: it gets the error, returns a replacement or null.
import {
  AppendOnlyError,
  ConstraintViolationError,
  CustomerErasedError,
  DuplicateValueError,
  ValueOutOfRangeError,
} from '../errors.ts';

interface PgError {
  code?: string;
  constraint?: string;
  table?: string;
  detail?: string;
}

/** The columns of a unique or foreign key violation's detail, less the tenant column. */
function columnsOf(detail: string | undefined): string {
  const columns = /^Key \(([^)]+)\)/.exec(detail ?? '')?.[1] ?? '';
  return columns.replace(TENANT_PREFIX, '') || 'value';
}

interface DirectusLikeError {
  name?: string;
  code?: string;
  extensions?: Record<string, unknown>;
  message?: string;
}

const TENANT_PREFIX = /^shop_id, |^shop, /;

/** Rules of named table constraints, in words. */
const RULES: Record<string, { field: string; rule: string }> = {
  sales_amounts_balance: {
    field: 'final_amount',
    rule: 'must equal total_amount - discount_amount + tax_amount',
  },
  sales_kind_sign: { field: 'total_amount', rule: 'must be positive for a sale and negative for a reversal' },
  sale_items_total_balance: {
    field: 'total_price',
    rule: 'must equal quantity × unit_price - discount_amount',
  },
  sale_items_one_source: { field: 'product_id', rule: 'a line is a product or a device, not both' },
  daily_closures_total_balance: {
    field: 'total_collected',
    rule: 'must equal the sum of the counted amounts',
  },
  daily_closures_variance_balance: {
    field: 'variance',
    rule: 'must equal total_collected - expected_amount',
  },
  customers_phone_unless_erased: { field: 'phone', rule: 'is required (only an erased customer has none)' },
  commission_rules_percentage_range: {
    field: 'value',
    rule: 'a percentage is at most 10000 basis points (100%)',
  },
};

export function fieldOfCheck(constraint: string, table: string): { field: string; rule: string } {
  const known = RULES[constraint];
  if (known) return known;
  const prefix = `${table}_`;
  if (constraint.startsWith(prefix) && constraint.endsWith('_check')) {
    return {
      field: constraint.slice(prefix.length, -'_check'.length),
      rule: 'has a value that is not allowed',
    };
  }
  return { field: constraint, rule: 'breaks a rule of the data model' };
}

/** A clearer error for a database constraint violation, or null to leave the error as it is. */
export function clarifyDatabaseError(error: unknown): Error | null {
  if (error === null || typeof error !== 'object') return null;
  const pg = error as PgError;
  // Raised by the triggers of migration 0014: something new refers to an erased customer, or their
  // row is being filled in again.
  if (pg.code === '23514' && pg.constraint === 'customer_erased') {
    return new CustomerErasedError({
      customer: pg.detail ?? '',
      reason:
        'nothing new can be attached to them (sell or register without a customer, or as a new customer)',
    });
  }
  if (pg.code === '23514' && pg.constraint === 'customer_erased_record') {
    return new CustomerErasedError({
      customer: pg.detail ?? '',
      reason: 'their personal data cannot be entered again (register them as a new customer)',
    });
  }
  // A sum beyond its column (a stock level, a customer's lifetime total): refused, never a 500.
  if (pg.code === '22003') {
    return new ValueOutOfRangeError({ reason: (error as { message?: string }).message ?? 'out of range' });
  }
  if (pg.code === '23514' && pg.constraint && pg.table) {
    const { field, rule } = fieldOfCheck(pg.constraint, pg.table);
    return new ConstraintViolationError({ collection: pg.table, field, rule });
  }
  if (pg.code === '23000' && /append-only/.test((error as { message?: string }).message ?? '')) {
    return new AppendOnlyError({
      collection: /(\w+) is append-only/.exec((error as { message: string }).message)?.[1] ?? 'this table',
    });
  }
  if (pg.code === '23505' && pg.table) {
    return new DuplicateValueError({ collection: pg.table, field: columnsOf(pg.detail) });
  }
  if (pg.code === '23503' && pg.table) {
    return new ConstraintViolationError({
      collection: pg.table,
      field: columnsOf(pg.detail),
      rule: 'refers to something that is not in your shop',
    });
  }
  const directus = error as DirectusLikeError;
  const field = directus.extensions?.['field'];
  if (directus.name === 'DirectusError' && typeof field === 'string' && TENANT_PREFIX.test(field)) {
    const own = field.replace(TENANT_PREFIX, '');
    directus.extensions = { ...directus.extensions, field: own };
    directus.message = (directus.message ?? '').replace(field, own);
    return error as Error;
  }
  return null;
}
