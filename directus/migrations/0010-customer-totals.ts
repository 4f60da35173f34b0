// Customers' lifetime value reads every day of a shop's history; summing a busy shop's 300,000
// per-day customer rows (report_customers, migration 0007) on every read cost most of a second. Their
// sums per customer are kept too (docs/decisions.md, Reports: "Customer totals"), through a day:
// report_customer_totals holds, per customer, the sum of the report_customers rows of the registered
// days up to report_totals.through; a read adds the days after it. Nothing here is written on a
// checkout or by a trigger: the totals are checked against the registry instead.
//
// report_days gets a generation, taken from a sequence when a day is registered (under the shop's
// fill lock, services/reports/days.ts). The totals record how many days up to `through` were
// registered and the next generation when they were summed: they are current while the registry still
// holds that many days up to `through`, none of them registered since. A day forgotten (a change to
// its sales) lowers the count; a day registered again has a later generation.
//
// Also: the indexes that let lifetime value find a shop's repairs of known customers and their
// payments without reading every repair payment of the shop (and that a deleted repair's payments
// are found by).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE SEQUENCE report_days_generation;
ALTER TABLE report_days ADD COLUMN generation bigint NOT NULL DEFAULT nextval('report_days_generation');

CREATE TABLE report_totals (
  shop_id integer PRIMARY KEY REFERENCES shops(id) ON DELETE CASCADE,
  through date NOT NULL,
  days integer NOT NULL,
  generation bigint NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE report_totals IS 'Per shop, the day through which report_customer_totals sums the registered days; read and written by the server only.';

CREATE TABLE report_customer_totals (
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  customer_id integer NOT NULL,
  sales integer NOT NULL,
  paid bigint NOT NULL,
  first_at timestamptz,
  last_at timestamptz,
  PRIMARY KEY (shop_id, customer_id)
);

CREATE INDEX repair_payments_repair_idx ON repair_payments (shop_id, repair_id);
CREATE INDEX repairs_customer_idx ON repairs (shop_id, customer_id) WHERE customer_id IS NOT NULL;
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP INDEX IF EXISTS repairs_customer_idx;
DROP INDEX IF EXISTS repair_payments_repair_idx;
DROP TABLE IF EXISTS report_customer_totals, report_totals;
ALTER TABLE report_days DROP COLUMN IF EXISTS generation;
DROP SEQUENCE IF EXISTS report_days_generation;
`);
}
