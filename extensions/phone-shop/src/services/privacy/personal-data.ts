// Where a customer's personal data can be, in one place: the export shows what is found here and the
// erasure scrubs the same places. The customer row itself is the erasure's own (erasure.service.ts).
//
// A row is about the customer when it is linked to them: their sales (with lines and payments), their
// repairs (with history, parts and payments), their devices, their loyalty movements, the audit
// entries and outbox events of all of those. Any other row of the shop is searched by its free text
// (notes, messages, audit values, event payloads) for the person's identifiers (erasure.rules.ts).
// Their name is searched for outside the linked rows only when no other customer of the shop has the
// same name: a namesake's records are not theirs to export or to erase.
import type { Knex } from 'knex';
import { TENANT_COLLECTIONS } from '../../../../../snapshots/access/rules.ts';
import { personalPattern, type PersonalPattern, type Person } from './erasure.rules.ts';

export interface TextColumn {
  name: string;
  /** jsonb: read parsed, searched in its text, written back whole. */
  json?: true;
  /** varchar length: a scrubbed value never grows past it. */
  maxLength?: number;
}

export interface PersonalTable {
  table: string;
  columns: readonly TextColumn[];
  /**
   * The SQL condition (named bindings `:shop`, `:customer`, `:customerKey`) of the rows linked to the
   * customer, or null when no row of the table is theirs by link.
   */
  linked: string | null;
}

const SALES_OF = 'SELECT id FROM sales WHERE shop_id = :shop AND customer_id = :customer';
const REPAIRS_OF = 'SELECT id FROM repairs WHERE shop_id = :shop AND customer_id = :customer';
const DEVICES_OF = 'SELECT id FROM devices WHERE shop_id = :shop AND customer_id = :customer';
const keysOf = (ids: string): string => `SELECT id::text FROM (${ids}) AS ids`;

/** Audit entries of the customer and of their sales, repairs and devices. */
export const LINKED_AUDIT = `(entity_type = 'customers' AND entity_id = :customerKey)
  OR (entity_type = 'sales' AND entity_id IN (${keysOf(SALES_OF)}))
  OR (entity_type = 'repairs' AND entity_id IN (${keysOf(REPAIRS_OF)}))
  OR (entity_type = 'devices' AND entity_id IN (${keysOf(DEVICES_OF)}))`;

/** Outbox events of their sales and repairs (the repair events carry the customer's contact). */
export const LINKED_EVENTS = `(payload->'data'->>'sale_id') IN (${keysOf(SALES_OF)})
  OR (payload->'data'->>'repair_id') IN (${keysOf(REPAIRS_OF)})`;

/**
 * Every free-text column of the shop's tables in which staff, the server or an integration may have
 * written something about a person. Columns of fixed values (statuses, methods, numbers) are not
 * here: a person named "Cash" must not turn a payment method into "[erased]".
 */
export const PERSONAL_TABLES: readonly PersonalTable[] = [
  {
    table: 'sales',
    columns: [{ name: 'notes' }, { name: 'reversal_reason' }],
    linked: 'customer_id = :customer',
  },
  {
    table: 'sale_items',
    columns: [{ name: 'item_name', maxLength: 200 }],
    linked: `sale_id IN (${SALES_OF})`,
  },
  {
    table: 'sale_payments',
    columns: [{ name: 'reference', maxLength: 100 }],
    linked: `sale_id IN (${SALES_OF})`,
  },
  {
    table: 'repairs',
    columns: [{ name: 'issue_description' }, { name: 'notes' }],
    linked: 'customer_id = :customer',
  },
  { table: 'repair_status_history', columns: [{ name: 'notes' }], linked: `repair_id IN (${REPAIRS_OF})` },
  {
    table: 'repair_parts',
    columns: [{ name: 'item_name', maxLength: 200 }],
    linked: `repair_id IN (${REPAIRS_OF})`,
  },
  {
    table: 'repair_payments',
    columns: [{ name: 'reference', maxLength: 100 }],
    linked: `repair_id IN (${REPAIRS_OF})`,
  },
  { table: 'devices', columns: [{ name: 'notes' }], linked: 'customer_id = :customer' },
  { table: 'loyalty_transactions', columns: [{ name: 'notes' }], linked: 'customer_id = :customer' },
  { table: 'stock_movements', columns: [{ name: 'notes' }], linked: null },
  {
    table: 'notifications',
    columns: [{ name: 'title', maxLength: 200 }, { name: 'message' }],
    linked: null,
  },
  { table: 'daily_closures', columns: [{ name: 'notes' }, { name: 'rejection_reason' }], linked: null },
  { table: 'expenses', columns: [{ name: 'description' }, { name: 'rejection_reason' }], linked: null },
  { table: 'purchase_orders', columns: [{ name: 'notes' }], linked: null },
  {
    table: 'audit_logs',
    columns: [
      { name: 'old_value', json: true },
      { name: 'new_value', json: true },
    ],
    linked: LINKED_AUDIT,
  },
  {
    table: 'outbox_events',
    columns: [{ name: 'payload', json: true }, { name: 'last_error' }],
    linked: LINKED_EVENTS,
  },
  { table: 'webhook_deliveries', columns: [{ name: 'last_error' }], linked: null },
  { table: 'webhook_attempts', columns: [{ name: 'response_body' }, { name: 'error' }], linked: null },
  { table: 'idempotency_keys', columns: [{ name: 'response_body', json: true }], linked: null },
];

/** Collections whose Directus revisions (Studio and /items edits) are searched too. */
export const REVISED_COLLECTIONS: readonly string[] = TENANT_COLLECTIONS;

export interface Search {
  /** The bindings of the `linked` conditions. */
  bindings: { shop: number; customer: number; customerKey: string };
  /** Every identifier of the person: for the rows linked to them. */
  linked: PersonalPattern | null;
  /** The identifiers searched for in the rest of the shop (no name when a namesake exists). */
  wide: PersonalPattern | null;
}

/** What to look for, and where, for one customer of a shop. */
export async function searchFor(
  knex: Knex,
  shopId: number,
  customer: Person & { id: number },
): Promise<Search> {
  const namesake = (await knex('customers')
    .where({ shop_id: shopId })
    .whereNot({ id: customer.id })
    .whereRaw(
      "lower(regexp_replace(btrim(name), '\\s+', ' ', 'g')) = lower(regexp_replace(btrim(?), '\\s+', ' ', 'g'))",
      [customer.name],
    )
    .first('id')) as { id: number } | undefined;
  return {
    bindings: { shop: shopId, customer: customer.id, customerKey: String(customer.id) },
    linked: personalPattern(customer),
    wide: personalPattern(namesake ? { ...customer, name: '' } : customer),
  };
}

/** The SQL condition "one of these columns matches one of the candidate expressions". */
export function mentionCondition(columns: readonly TextColumn[]): string {
  return columns.map((c) => `"${c.name}"::text ~* ANY(CAST(:candidates AS text[]))`).join(' OR ');
}

export interface FoundRow {
  id: number | string;
  linked: boolean;
  values: Record<string, unknown>;
}

/**
 * The rows of a table that mention the person: those linked to them whose text matches any of their
 * identifiers, and the others whose text matches the wide identifiers.
 */
export async function findMentions(knex: Knex, spec: PersonalTable, search: Search): Promise<FoundRow[]> {
  const rows: FoundRow[] = [];
  const select = ['id', ...spec.columns.map((c) => c.name)].map((c) => `"${c}"`).join(', ');
  const mentions = mentionCondition(spec.columns);
  const run = async (condition: string, pattern: PersonalPattern, linked: boolean): Promise<void> => {
    const { rows: found } = await knex.raw<{ rows: Record<string, unknown>[] }>(
      `SELECT ${select} FROM "${spec.table}" WHERE shop_id = :shop AND (${condition}) AND (${mentions}) ORDER BY id`,
      { ...search.bindings, candidates: pattern.candidates },
    );
    // The candidates are a cheap superset: the exact expression decides.
    const mentionsPerson = (row: Record<string, unknown>): boolean =>
      spec.columns.some((c) => {
        const value = row[c.name];
        if (value === null || value === undefined) return false;
        pattern.exact.lastIndex = 0;
        return pattern.exact.test(typeof value === 'string' ? value : JSON.stringify(value));
      });
    for (const row of found)
      if (mentionsPerson(row)) rows.push({ id: row['id'] as number | string, linked, values: row });
  };
  if (spec.linked && search.linked) await run(spec.linked, search.linked, true);
  if (search.wide) {
    const notLinked = spec.linked ? `(${spec.linked}) IS NOT TRUE` : 'true';
    await run(notLinked, search.wide, false);
  }
  return rows;
}
