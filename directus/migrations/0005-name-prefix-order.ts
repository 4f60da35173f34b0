// Product lookup by name prefix answers the first names in order. The database's collation is
// C.UTF-8, whose order a text_pattern_ops index cannot give: PostgreSQL read every match and sorted
// it. An index on lower(name) in the "C" collation serves both the prefix match and the order, so a
// lookup stops at its first 20 rows (bench/RESULTS.md). Lowercased names sort the same in "C" for the
// ASCII names of a phone catalogue.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE INDEX products_name_c_idx ON products (shop_id, (lower(name) COLLATE "C"));
DROP INDEX IF EXISTS products_name_prefix_idx;
CREATE INDEX customers_name_c_idx ON customers (shop_id, (lower(name) COLLATE "C"));
DROP INDEX IF EXISTS customers_name_idx;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE INDEX products_name_prefix_idx ON products (shop_id, lower(name) text_pattern_ops);
DROP INDEX IF EXISTS products_name_c_idx;
CREATE INDEX customers_name_idx ON customers (shop_id, lower(name) text_pattern_ops);
DROP INDEX IF EXISTS customers_name_c_idx;
`);
}
