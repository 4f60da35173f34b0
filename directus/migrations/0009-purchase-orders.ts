// Purchase orders are kept: an Owner orders from a supplier (from the reorder recommendations or
// chosen quantities, at cost), and deliveries are received against the order, each one bringing its
// stock in through the ledger (movement type `purchase`), until all of it came in or the rest is
// cancelled. The lines keep the product's name and SKU as ordered.
import type { Knex } from 'knex';
import { PURCHASE_ORDER_STATUSES } from '../../snapshots/enums.ts';

const statuses = PURCHASE_ORDER_STATUSES.map((s) => `'${s}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE purchase_orders (
  id serial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  reference varchar(50) NOT NULL,
  supplier varchar(200),
  status varchar(30) NOT NULL DEFAULT 'Ordered' CHECK (status IN (${statuses})),
  notes text,
  total_cost integer NOT NULL CHECK (total_cost >= 0),
  created_by uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  received_at timestamptz,
  cancelled_by uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  cancelled_at timestamptz,
  updated_at timestamptz,
  CONSTRAINT purchase_orders_shop_id_id_key UNIQUE (shop_id, id),
  CONSTRAINT purchase_orders_shop_reference_key UNIQUE (shop_id, reference)
);
CREATE INDEX purchase_orders_shop_created_idx ON purchase_orders (shop_id, created_at DESC);

CREATE TABLE purchase_order_lines (
  id serial PRIMARY KEY,
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  purchase_order_id integer NOT NULL REFERENCES purchase_orders(id) ON DELETE CASCADE,
  product_id integer REFERENCES products(id) ON DELETE SET NULL,
  product_name varchar(200) NOT NULL,
  sku varchar(100),
  quantity integer NOT NULL CHECK (quantity > 0),
  received_quantity integer NOT NULL DEFAULT 0,
  unit_cost integer NOT NULL CHECK (unit_cost >= 0),
  CONSTRAINT purchase_order_lines_received_range CHECK (received_quantity >= 0 AND received_quantity <= quantity),
  CONSTRAINT purchase_order_lines_one_per_product UNIQUE (purchase_order_id, product_id),
  CONSTRAINT purchase_order_lines_order_same_shop FOREIGN KEY (shop_id, purchase_order_id)
    REFERENCES purchase_orders(shop_id, id) ON DELETE CASCADE,
  CONSTRAINT purchase_order_lines_product_same_shop FOREIGN KEY (shop_id, product_id)
    REFERENCES products(shop_id, id) ON DELETE SET NULL (product_id)
);
CREATE INDEX purchase_order_lines_order_idx ON purchase_order_lines (shop_id, purchase_order_id);
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE IF EXISTS purchase_order_lines, purchase_orders');
}
