// Per-shop numbering (sale and repair numbers such as KPH-2026-000123): one counter row per shop,
// series and year, incremented inside the transaction that uses the number, so numbers are unique
// per shop and never reused.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE shop_counters (
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  series varchar(20) NOT NULL,
  period integer NOT NULL,
  value integer NOT NULL CHECK (value > 0),
  PRIMARY KEY (shop_id, series, period)
);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS shop_counters');
}
