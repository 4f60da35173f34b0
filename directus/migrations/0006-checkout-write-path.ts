// The checkout's writes, made cheaper for the database (bench/RESULTS.md, docs/decisions.md):
//
// - The point of sale prepares its statements once per connection (database/prepared.ts in the
//   extension). With the default plan cache mode PostgreSQL plans a prepared statement afresh for its
//   first five runs and then keeps planning it every time when it guesses that a plan for the exact
//   values would be cheaper, which it did for the checkout's reads at random. Those statements are
//   written so that one plan fits every value (no LIKE on a parameter), so they are always planned
//   once. Only prepared statements are affected: Directus sends none.
// - Every tenant table got a unique (shop_id, id) key so that other tables can reference its rows
//   within the same shop. The ledgers and logs that nothing references only paid for that index on
//   every insert: a checkout writes about a dozen such rows.
import type { Knex } from 'knex';

/** Tenant tables whose (shop_id, id) key no foreign key uses. */
const UNREFERENCED = [
  'sale_items',
  'sale_payments',
  'stock_movements',
  'audit_logs',
  'notifications',
  'loyalty_transactions',
  'outbox_events',
  'idempotency_keys',
] as const;

const setPlanCacheMode = (value: string): string => `
DO $$ BEGIN
  EXECUTE format('ALTER DATABASE %I SET plan_cache_mode = ${value}', current_database());
END $$;`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(setPlanCacheMode('force_generic_plan'));
  for (const table of UNREFERENCED) {
    await knex.raw(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_shop_id_id_key`);
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(setPlanCacheMode('auto'));
  for (const table of UNREFERENCED) {
    await knex.raw(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_shop_id_id_key UNIQUE (shop_id, id)`);
  }
}
