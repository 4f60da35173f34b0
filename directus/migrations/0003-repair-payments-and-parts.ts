// Repairs take money and parts: payments on delivery (so repair revenue lands in the day's closure,
// per method) and parts taken from stock (each deducting it through the ledger).
import type { Knex } from 'knex';
import { PAYMENT_METHODS } from '../../snapshots/enums.ts';

const methods = PAYMENT_METHODS.map((m) => `'${m}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE repairs ADD COLUMN delivered_at timestamptz;

CREATE TABLE repair_payments (
  id serial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  repair_id integer NOT NULL REFERENCES repairs(id) ON DELETE CASCADE,
  method varchar(50) NOT NULL CHECK (method IN (${methods})),
  amount integer NOT NULL CHECK (amount <> 0),
  reference varchar(100),
  created_by uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT repair_payments_shop_id_id_key UNIQUE (shop_id, id),
  CONSTRAINT repair_payments_repair_id_same_shop FOREIGN KEY (shop_id, repair_id) REFERENCES repairs(shop_id, id) ON DELETE CASCADE
);
CREATE INDEX repair_payments_day_idx ON repair_payments (shop_id, created_at);

CREATE TABLE repair_parts (
  id serial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  repair_id integer NOT NULL REFERENCES repairs(id) ON DELETE CASCADE,
  product_id integer REFERENCES products(id) ON DELETE SET NULL,
  item_name varchar(200) NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_cost integer NOT NULL CHECK (unit_cost >= 0),
  created_by uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT repair_parts_shop_id_id_key UNIQUE (shop_id, id),
  CONSTRAINT repair_parts_repair_id_same_shop FOREIGN KEY (shop_id, repair_id) REFERENCES repairs(shop_id, id) ON DELETE CASCADE,
  CONSTRAINT repair_parts_product_id_same_shop FOREIGN KEY (shop_id, product_id) REFERENCES products(shop_id, id) ON DELETE SET NULL (product_id)
);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(
    'DROP TABLE IF EXISTS repair_parts, repair_payments; ALTER TABLE repairs DROP COLUMN IF EXISTS delivered_at;',
  );
}
