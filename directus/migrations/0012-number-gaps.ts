// Gaps in the sale numbers are recorded with their cause (docs/decisions.md, "Numbering"). A sale
// takes its number outside its transaction, once everything that could refuse it has passed; should
// the checkout still fail (a lost connection, a failed commit), the /api edge records the number it
// skipped here. A number nobody could record (the server stopped between taking it and storing the
// sale) is found by the hourly sweep: the counter remembers when it last moved (taken_at) and how far
// its numbers were checked against the stored sales (checked_through).
//
// The numbers skipped before this migration are recorded once, here, as of unknown cause; a sale
// deleted since (the audit log keeps its number) is no gap.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE number_gaps (
  id serial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  series varchar(20) NOT NULL,
  year integer NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  sale_number varchar(50) NOT NULL,
  cause_code varchar(50) NOT NULL,
  cause text NOT NULL,
  user_id uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT number_gaps_number_key UNIQUE (shop_id, series, year, number)
);
CREATE INDEX number_gaps_shop_recorded_idx ON number_gaps (shop_id, recorded_at DESC);
COMMENT ON TABLE number_gaps IS 'Sale numbers taken but never stored, with the cause; written by the server only.';

ALTER TABLE shop_counters
  ADD COLUMN taken_at timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN checked_through integer NOT NULL DEFAULT 0 CHECK (checked_through >= 0);

WITH stored AS (
  SELECT shop_id, m[1]::integer AS year, m[2]::integer AS number
    FROM (SELECT shop_id, regexp_match(sale_number, '-([0-9]{4})-([0-9]{1,9})$') AS m FROM sales WHERE kind = 'sale') s
   WHERE m IS NOT NULL
  UNION
  SELECT shop_id, m[1]::integer, m[2]::integer
    FROM (SELECT shop_id, regexp_match(old_value->>'sale_number', '-([0-9]{4})-([0-9]{1,9})$') AS m
            FROM audit_logs WHERE entity_type = 'sales' AND action = 'delete') d
   WHERE m IS NOT NULL
)
INSERT INTO number_gaps (shop_id, series, year, number, sale_number, cause_code, cause, recorded_at)
SELECT c.shop_id, c.series, c.period, n,
       s.code || '-' || c.period || '-' || lpad(n::text, greatest(6, length(n::text)), '0'),
       'UNKNOWN', 'skipped before gaps were recorded (migration 0012): the cause is not known', now()
  FROM shop_counters c JOIN shops s ON s.id = c.shop_id, generate_series(1, c.value) AS n
 WHERE c.series = 'sale'
   AND NOT EXISTS (SELECT 1 FROM stored x WHERE x.shop_id = c.shop_id AND x.year = c.period AND x.number = n);
UPDATE shop_counters SET checked_through = value WHERE series = 'sale';
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE shop_counters DROP COLUMN IF EXISTS checked_through, DROP COLUMN IF EXISTS taken_at;
DROP TABLE IF EXISTS number_gaps;
`);
}
