// The whole data model of the spec's DATABASE SCHEMA, plus locations, sale payments, commission rules,
// loyalty, webhooks, the outbox and idempotency keys. PostgreSQL enforces what must never break:
// enumerations, money as integers, stock >= 0, per-shop uniqueness, and composite foreign keys
// (shop_id, x_id) -> x(shop_id, id) so that no row can reference another shop's row. The single-column
// foreign keys beside them exist for Directus, whose schema reader ignores composite keys.
import type { Knex } from 'knex';
import {
  CLOSURE_STATUSES,
  DEVICE_CONDITIONS,
  DEVICE_STATUSES,
  EXPENSE_STATUSES,
  MOVEMENT_TYPES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
  REPAIR_PRIORITIES,
  REPAIR_STATUSES,
  SALE_PAYMENT_METHODS,
  SALE_STATUSES,
  SUBSCRIPTION_PLANS,
} from '../../snapshots/enums.ts';

const list = (values: readonly string[]): string =>
  values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ');

/** Columns and constraints every tenant table shares. */
const tenant = (table: string): string => `
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  CONSTRAINT ${table}_shop_id_id_key UNIQUE (shop_id, id)`;

/** A reference to another tenant table that must belong to the same shop. */
const sameShop = (
  table: string,
  column: string,
  target: string,
  onDelete: 'CASCADE' | 'SET NULL',
): string => {
  const action = onDelete === 'SET NULL' ? `SET NULL (${column})` : 'CASCADE';
  return `CONSTRAINT ${table}_${column}_same_shop FOREIGN KEY (shop_id, ${column}) REFERENCES ${target}(shop_id, id) ON DELETE ${action}`;
};

/** A reference to a user who must belong to the same shop (technicians, managers, recipients). */
const sameShopUser = (table: string, column: string, onDelete: 'CASCADE' | 'SET NULL'): string => {
  const action = onDelete === 'SET NULL' ? `SET NULL (${column})` : 'CASCADE';
  return `CONSTRAINT ${table}_${column}_same_shop FOREIGN KEY (shop_id, ${column}) REFERENCES directus_users(shop, id) ON DELETE ${action}`;
};

const user = (column: string): string => `${column} uuid REFERENCES directus_users(id) ON DELETE SET NULL`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE shops (
  id serial PRIMARY KEY,
  shop_name varchar(200) NOT NULL CHECK (btrim(shop_name) <> ''),
  slug varchar(100) NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  code varchar(6) NOT NULL UNIQUE CHECK (code ~ '^[A-Z]{2,6}$'),
  owner_name varchar(200) NOT NULL,
  phone varchar(20) NOT NULL,
  email varchar(120) NOT NULL UNIQUE,
  address text,
  logo uuid REFERENCES directus_files(id) ON DELETE SET NULL,
  logo_url varchar(500),
  subscription_plan varchar(50) NOT NULL DEFAULT 'trial' CHECK (subscription_plan IN (${list(SUBSCRIPTION_PLANS)})),
  subscription_expires_at timestamptz,
  is_active boolean NOT NULL DEFAULT true,
  timezone varchar(50) NOT NULL DEFAULT 'UTC',
  currency char(3) NOT NULL DEFAULT 'UGX' CHECK (currency ~ '^[A-Z]{3}$'),
  country char(2) NOT NULL DEFAULT 'UG' CHECK (country ~ '^[A-Z]{2}$'),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
);

-- Shop users are Directus users with a shop. Directus already has a free-text "location" column,
-- so the branch is location_id.
ALTER TABLE directus_users
  ADD COLUMN shop integer REFERENCES shops(id) ON DELETE CASCADE,
  ADD COLUMN phone varchar(20),
  ADD COLUMN location_id integer,
  ADD CONSTRAINT directus_users_shop_id_key UNIQUE (shop, id);
CREATE INDEX directus_users_shop_idx ON directus_users (shop);

-- Files (logos, expense receipts) belong to a shop too.
ALTER TABLE directus_files ADD COLUMN shop integer REFERENCES shops(id) ON DELETE CASCADE;
CREATE INDEX directus_files_shop_idx ON directus_files (shop);

CREATE TABLE locations (
  id serial PRIMARY KEY,
  ${tenant('locations')},
  name varchar(200) NOT NULL,
  address text,
  phone varchar(20),
  manager_id uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  ${sameShopUser('locations', 'manager_id', 'SET NULL')}
);

ALTER TABLE directus_users
  ADD CONSTRAINT directus_users_location_id_fkey FOREIGN KEY (location_id) REFERENCES locations(id) ON DELETE SET NULL,
  ADD CONSTRAINT directus_users_location_id_same_shop FOREIGN KEY (shop, location_id) REFERENCES locations(shop_id, id) ON DELETE SET NULL (location_id);

CREATE TABLE products (
  id serial PRIMARY KEY,
  ${tenant('products')},
  name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
  category varchar(100) NOT NULL,
  sku varchar(100),
  barcode varchar(100),
  description text,
  cost_price integer NOT NULL DEFAULT 0 CHECK (cost_price >= 0),
  selling_price integer NOT NULL CHECK (selling_price >= 0),
  stock_quantity integer NOT NULL DEFAULT 0 CHECK (stock_quantity >= 0),
  min_stock_level integer NOT NULL DEFAULT 5 CHECK (min_stock_level >= 0),
  is_preloaded boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT products_shop_sku_key UNIQUE (shop_id, sku),
  CONSTRAINT products_shop_barcode_key UNIQUE (shop_id, barcode)
);
CREATE INDEX products_name_prefix_idx ON products (shop_id, lower(name) text_pattern_ops);
CREATE INDEX products_name_trgm_idx ON products USING gin (lower(name) gin_trgm_ops);
CREATE INDEX products_category_idx ON products (shop_id, category);

CREATE TABLE customers (
  id serial PRIMARY KEY,
  ${tenant('customers')},
  name varchar(200) NOT NULL CHECK (btrim(name) <> ''),
  phone varchar(20) NOT NULL CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
  email varchar(120),
  address text,
  id_number varchar(50),
  date_of_birth date,
  gender varchar(10) CHECK (gender IN ('Male', 'Female', 'Other')),
  notes text,
  loyalty_points integer NOT NULL DEFAULT 0 CHECK (loyalty_points >= 0),
  total_purchases integer NOT NULL DEFAULT 0,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT customers_shop_phone_key UNIQUE (shop_id, phone)
);
CREATE INDEX customers_name_idx ON customers (shop_id, lower(name) text_pattern_ops);

CREATE TABLE devices (
  id serial PRIMARY KEY,
  ${tenant('devices')},
  customer_id integer REFERENCES customers(id) ON DELETE SET NULL,
  brand varchar(100) NOT NULL,
  model varchar(200) NOT NULL,
  imei_serial varchar(100) NOT NULL CHECK (imei_serial ~ '^[A-Za-z0-9-]{4,100}$'),
  color varchar(50),
  storage varchar(50),
  purchase_price integer CHECK (purchase_price >= 0),
  selling_price integer CHECK (selling_price >= 0),
  condition varchar(50) NOT NULL DEFAULT 'New' CHECK (condition IN (${list(DEVICE_CONDITIONS)})),
  status varchar(50) NOT NULL DEFAULT 'In Stock' CHECK (status IN (${list(DEVICE_STATUSES)})),
  warranty_expires_at date,
  notes text,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT devices_shop_imei_serial_key UNIQUE (shop_id, imei_serial),
  ${sameShop('devices', 'customer_id', 'customers', 'SET NULL')}
);
CREATE INDEX devices_customer_idx ON devices (shop_id, customer_id);

CREATE TABLE sales (
  id serial PRIMARY KEY,
  ${tenant('sales')},
  sale_number varchar(50) NOT NULL,
  kind varchar(10) NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'reversal')),
  reversal_of integer REFERENCES sales(id) ON DELETE CASCADE,
  reversal_reason text,
  customer_id integer REFERENCES customers(id) ON DELETE SET NULL,
  location_id integer REFERENCES locations(id) ON DELETE SET NULL,
  total_amount integer NOT NULL,
  discount_amount integer NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
  tax_amount integer NOT NULL DEFAULT 0,
  final_amount integer NOT NULL,
  payment_method varchar(50) NOT NULL CHECK (payment_method IN (${list(SALE_PAYMENT_METHODS)})),
  payment_status varchar(50) NOT NULL DEFAULT 'Paid' CHECK (payment_status IN (${list(PAYMENT_STATUSES)})),
  status varchar(50) NOT NULL DEFAULT 'Submitted' CHECK (status IN (${list(SALE_STATUSES)})),
  notes text,
  loyalty_points_earned integer NOT NULL DEFAULT 0 CHECK (loyalty_points_earned >= 0),
  loyalty_points_redeemed integer NOT NULL DEFAULT 0 CHECK (loyalty_points_redeemed >= 0),
  ${user('created_by')},
  ${user('approved_by')},
  approved_at timestamptz,
  ${user('locked_by')},
  locked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT sales_shop_sale_number_key UNIQUE (shop_id, sale_number),
  -- A sale is reversed at most once.
  CONSTRAINT sales_shop_reversal_of_key UNIQUE (shop_id, reversal_of),
  CONSTRAINT sales_amounts_balance CHECK (final_amount = total_amount - discount_amount + tax_amount),
  CONSTRAINT sales_kind_sign CHECK (
    (kind = 'sale' AND reversal_of IS NULL AND total_amount >= 0 AND tax_amount >= 0 AND final_amount >= 0)
    OR (kind = 'reversal' AND reversal_of IS NOT NULL AND total_amount <= 0 AND tax_amount <= 0 AND final_amount <= 0)),
  ${sameShop('sales', 'customer_id', 'customers', 'SET NULL')},
  ${sameShop('sales', 'location_id', 'locations', 'SET NULL')},
  ${sameShop('sales', 'reversal_of', 'sales', 'CASCADE')}
);
CREATE INDEX sales_shop_created_idx ON sales (shop_id, created_at DESC);
CREATE INDEX sales_shop_staff_idx ON sales (shop_id, created_by, created_at DESC);
CREATE INDEX sales_customer_idx ON sales (shop_id, customer_id);

CREATE TABLE sale_items (
  id serial PRIMARY KEY,
  ${tenant('sale_items')},
  sale_id integer NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
  product_id integer REFERENCES products(id) ON DELETE SET NULL,
  device_id integer REFERENCES devices(id) ON DELETE SET NULL,
  item_name varchar(200) NOT NULL,
  quantity integer NOT NULL CHECK (quantity > 0),
  unit_price integer NOT NULL CHECK (unit_price >= 0),
  unit_cost integer NOT NULL DEFAULT 0 CHECK (unit_cost >= 0),
  discount_amount integer NOT NULL DEFAULT 0 CHECK (discount_amount >= 0),
  total_price integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sale_items_total_balance CHECK (total_price = quantity * unit_price - discount_amount AND total_price >= 0),
  CONSTRAINT sale_items_one_source CHECK (product_id IS NULL OR device_id IS NULL),
  ${sameShop('sale_items', 'sale_id', 'sales', 'CASCADE')},
  ${sameShop('sale_items', 'product_id', 'products', 'SET NULL')},
  ${sameShop('sale_items', 'device_id', 'devices', 'SET NULL')}
);
CREATE INDEX sale_items_sale_idx ON sale_items (shop_id, sale_id);
CREATE INDEX sale_items_product_idx ON sale_items (shop_id, product_id);

CREATE TABLE sale_payments (
  id serial PRIMARY KEY,
  ${tenant('sale_payments')},
  sale_id integer NOT NULL REFERENCES sales(id) ON DELETE CASCADE,
  method varchar(50) NOT NULL CHECK (method IN (${list(PAYMENT_METHODS)})),
  amount integer NOT NULL CHECK (amount <> 0),
  reference varchar(100),
  created_at timestamptz NOT NULL DEFAULT now(),
  ${sameShop('sale_payments', 'sale_id', 'sales', 'CASCADE')}
);
CREATE INDEX sale_payments_sale_idx ON sale_payments (shop_id, sale_id);

CREATE TABLE repairs (
  id serial PRIMARY KEY,
  ${tenant('repairs')},
  repair_number varchar(50) NOT NULL,
  device_id integer REFERENCES devices(id) ON DELETE SET NULL,
  customer_id integer REFERENCES customers(id) ON DELETE SET NULL,
  location_id integer REFERENCES locations(id) ON DELETE SET NULL,
  device_brand varchar(100) NOT NULL,
  device_model varchar(200) NOT NULL,
  imei_serial varchar(100),
  issue_description text NOT NULL CHECK (btrim(issue_description) <> ''),
  repair_type varchar(100) NOT NULL,
  estimated_cost integer CHECK (estimated_cost >= 0),
  actual_cost integer CHECK (actual_cost >= 0),
  parts_cost integer NOT NULL DEFAULT 0 CHECK (parts_cost >= 0),
  labor_cost integer NOT NULL DEFAULT 0 CHECK (labor_cost >= 0),
  status varchar(50) NOT NULL DEFAULT 'Pending' CHECK (status IN (${list(REPAIR_STATUSES)})),
  priority varchar(20) NOT NULL DEFAULT 'Normal' CHECK (priority IN (${list(REPAIR_PRIORITIES)})),
  technician_id uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  estimated_completion date,
  actual_completion timestamptz,
  warranty_period integer NOT NULL DEFAULT 30 CHECK (warranty_period >= 0),
  warranty_expires_at date,
  notes text,
  is_editable boolean NOT NULL DEFAULT true,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT repairs_shop_repair_number_key UNIQUE (shop_id, repair_number),
  ${sameShop('repairs', 'device_id', 'devices', 'SET NULL')},
  ${sameShop('repairs', 'customer_id', 'customers', 'SET NULL')},
  ${sameShop('repairs', 'location_id', 'locations', 'SET NULL')},
  ${sameShopUser('repairs', 'technician_id', 'SET NULL')}
);
CREATE INDEX repairs_shop_status_idx ON repairs (shop_id, status);
CREATE INDEX repairs_technician_idx ON repairs (shop_id, technician_id);
CREATE INDEX repairs_imei_idx ON repairs (shop_id, imei_serial);

CREATE TABLE repair_status_history (
  id serial PRIMARY KEY,
  ${tenant('repair_status_history')},
  repair_id integer NOT NULL REFERENCES repairs(id) ON DELETE CASCADE,
  old_status varchar(50) CHECK (old_status IN (${list(REPAIR_STATUSES)})),
  new_status varchar(50) NOT NULL CHECK (new_status IN (${list(REPAIR_STATUSES)})),
  notes text,
  ${user('changed_by')},
  changed_at timestamptz NOT NULL DEFAULT now(),
  ${sameShop('repair_status_history', 'repair_id', 'repairs', 'CASCADE')}
);
CREATE INDEX repair_status_history_repair_idx ON repair_status_history (shop_id, repair_id, changed_at);

CREATE TABLE daily_closures (
  id serial PRIMARY KEY,
  ${tenant('daily_closures')},
  closure_date date NOT NULL,
  location_id integer REFERENCES locations(id) ON DELETE SET NULL,
  cash_amount integer NOT NULL DEFAULT 0 CHECK (cash_amount >= 0),
  mtn_amount integer NOT NULL DEFAULT 0 CHECK (mtn_amount >= 0),
  airtel_amount integer NOT NULL DEFAULT 0 CHECK (airtel_amount >= 0),
  card_amount integer NOT NULL DEFAULT 0 CHECK (card_amount >= 0),
  bank_transfer integer NOT NULL DEFAULT 0 CHECK (bank_transfer >= 0),
  other_amount integer NOT NULL DEFAULT 0 CHECK (other_amount >= 0),
  total_collected integer NOT NULL,
  expected_amount integer NOT NULL,
  variance integer NOT NULL,
  status varchar(50) NOT NULL DEFAULT 'Submitted' CHECK (status IN (${list(CLOSURE_STATUSES)})),
  notes text,
  ${user('submitted_by')},
  ${user('reviewed_by')},
  reviewed_at timestamptz,
  ${user('approved_by')},
  approved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT daily_closures_shop_date_key UNIQUE (shop_id, closure_date),
  CONSTRAINT daily_closures_total_balance CHECK (
    total_collected = cash_amount + mtn_amount + airtel_amount + card_amount + bank_transfer + other_amount),
  CONSTRAINT daily_closures_variance_balance CHECK (variance = total_collected - expected_amount),
  ${sameShop('daily_closures', 'location_id', 'locations', 'SET NULL')}
);

CREATE TABLE expenses (
  id serial PRIMARY KEY,
  ${tenant('expenses')},
  category varchar(100) NOT NULL,
  description text NOT NULL CHECK (btrim(description) <> ''),
  amount integer NOT NULL CHECK (amount > 0),
  payment_method varchar(50) NOT NULL CHECK (payment_method IN (${list(PAYMENT_METHODS)})),
  receipt uuid REFERENCES directus_files(id) ON DELETE SET NULL,
  receipt_url varchar(500),
  expense_date date NOT NULL,
  status varchar(50) NOT NULL DEFAULT 'Pending' CHECK (status IN (${list(EXPENSE_STATUSES)})),
  ${user('created_by')},
  ${user('approved_by')},
  approved_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
);
CREATE INDEX expenses_shop_date_idx ON expenses (shop_id, expense_date);

CREATE TABLE audit_logs (
  id bigserial PRIMARY KEY,
  ${tenant('audit_logs')},
  user_id uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  entity_type varchar(50) NOT NULL,
  entity_id varchar(64) NOT NULL,
  action varchar(50) NOT NULL,
  old_value jsonb,
  new_value jsonb,
  ip_address varchar(50),
  user_agent text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_logs_shop_created_idx ON audit_logs (shop_id, created_at DESC);
CREATE INDEX audit_logs_entity_idx ON audit_logs (shop_id, entity_type, entity_id);

CREATE TABLE stock_movements (
  id bigserial PRIMARY KEY,
  ${tenant('stock_movements')},
  product_id integer NOT NULL REFERENCES products(id) ON DELETE CASCADE,
  movement_type varchar(50) NOT NULL CHECK (movement_type IN (${list(MOVEMENT_TYPES)})),
  quantity integer NOT NULL CHECK (quantity <> 0),
  stock_after integer NOT NULL CHECK (stock_after >= 0),
  reference_type varchar(50),
  reference_id integer,
  notes text,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  ${sameShop('stock_movements', 'product_id', 'products', 'CASCADE')}
);
CREATE INDEX stock_movements_product_idx ON stock_movements (shop_id, product_id, created_at DESC);

CREATE TABLE notifications (
  id serial PRIMARY KEY,
  ${tenant('notifications')},
  user_id uuid NOT NULL REFERENCES directus_users(id) ON DELETE CASCADE,
  title varchar(200) NOT NULL,
  message text NOT NULL,
  type varchar(50) NOT NULL,
  is_read boolean NOT NULL DEFAULT false,
  link varchar(500),
  created_at timestamptz NOT NULL DEFAULT now(),
  ${sameShopUser('notifications', 'user_id', 'CASCADE')}
);
CREATE INDEX notifications_user_idx ON notifications (shop_id, user_id, is_read, created_at DESC);

CREATE TABLE settings (
  id serial PRIMARY KEY,
  ${tenant('settings')},
  setting_key varchar(100) NOT NULL CHECK (setting_key ~ '^[a-z][a-z0-9_.]*$'),
  setting_value text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz,
  CONSTRAINT settings_shop_key_key UNIQUE (shop_id, setting_key)
);

CREATE TABLE commission_rules (
  id serial PRIMARY KEY,
  ${tenant('commission_rules')},
  user_id uuid REFERENCES directus_users(id) ON DELETE CASCADE,
  type varchar(20) NOT NULL CHECK (type IN ('percentage', 'fixed')),
  -- percentage in basis points (500 = 5%), fixed in the currency's smallest unit: never a float.
  value integer NOT NULL CHECK (value >= 0),
  applies_to varchar(20) NOT NULL CHECK (applies_to IN ('sales', 'repairs')),
  -- tiers: the rule applies from this amount of monthly sales/repairs upwards
  min_amount integer NOT NULL DEFAULT 0 CHECK (min_amount >= 0),
  is_active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT commission_rules_percentage_range CHECK (type <> 'percentage' OR value <= 10000),
  ${sameShopUser('commission_rules', 'user_id', 'CASCADE')}
);

CREATE TABLE loyalty_transactions (
  id serial PRIMARY KEY,
  ${tenant('loyalty_transactions')},
  customer_id integer NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  points integer NOT NULL CHECK (points <> 0),
  transaction_type varchar(20) NOT NULL CHECK (transaction_type IN ('earn', 'redeem', 'adjust', 'expire')),
  reference_type varchar(20),
  reference_id integer,
  notes text,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  ${sameShop('loyalty_transactions', 'customer_id', 'customers', 'CASCADE')}
);
CREATE INDEX loyalty_transactions_customer_idx ON loyalty_transactions (shop_id, customer_id);

CREATE TABLE webhooks (
  id serial PRIMARY KEY,
  ${tenant('webhooks')},
  url varchar(500) NOT NULL CHECK (url ~ '^https{0,1}://'),
  events jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(events) = 'array'),
  secret varchar(128) NOT NULL CHECK (length(secret) >= 16),
  description text,
  is_active boolean NOT NULL DEFAULT true,
  ${user('created_by')},
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz
);

CREATE TABLE outbox_events (
  id bigserial PRIMARY KEY,
  ${tenant('outbox_events')},
  event_type varchar(100) NOT NULL,
  payload jsonb NOT NULL,
  status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'dead')),
  attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  dispatched_at timestamptz
);
CREATE INDEX outbox_events_due_idx ON outbox_events (next_attempt_at) WHERE status IN ('pending', 'failed');

CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  ${tenant('webhook_deliveries')},
  webhook_id integer NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  outbox_event_id bigint REFERENCES outbox_events(id) ON DELETE SET NULL,
  event_type varchar(100) NOT NULL,
  status varchar(20) NOT NULL CHECK (status IN ('delivered', 'failed')),
  attempt integer NOT NULL CHECK (attempt > 0),
  response_status integer,
  response_body text,
  error text,
  duration_ms integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  ${sameShop('webhook_deliveries', 'webhook_id', 'webhooks', 'CASCADE')}
);
CREATE INDEX webhook_deliveries_webhook_idx ON webhook_deliveries (shop_id, webhook_id, created_at DESC);

CREATE TABLE idempotency_keys (
  id bigserial PRIMARY KEY,
  ${tenant('idempotency_keys')},
  key uuid NOT NULL,
  user_id uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  scope varchar(100) NOT NULL,
  request_hash char(64) NOT NULL,
  response_status integer,
  response_body jsonb,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT idempotency_keys_shop_key_key UNIQUE (shop_id, key)
);

-- The audit trail, the stock ledger and the repair history are append-only. Their rows go only with
-- the row they belong to (the cascade runs after that row is deleted, so it is no longer visible).
CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_exists boolean;
BEGIN
  IF TG_OP = 'DELETE' THEN
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = ($1).%I)', TG_ARGV[0], TG_ARGV[1])
      INTO parent_exists USING OLD;
    IF NOT parent_exists THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change('shops', 'shop_id');
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change('products', 'product_id');
CREATE TRIGGER repair_status_history_append_only BEFORE UPDATE OR DELETE ON repair_status_history
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change('repairs', 'repair_id');
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TABLE IF EXISTS idempotency_keys, webhook_deliveries, outbox_events, webhooks, loyalty_transactions,
  commission_rules, settings, notifications, stock_movements, audit_logs, expenses, daily_closures,
  repair_status_history, repairs, sale_payments, sale_items, sales, devices, customers, products CASCADE;
DROP FUNCTION IF EXISTS refuse_append_only_change();
ALTER TABLE directus_users DROP CONSTRAINT IF EXISTS directus_users_location_id_same_shop,
  DROP CONSTRAINT IF EXISTS directus_users_location_id_fkey;
DROP TABLE IF EXISTS locations CASCADE;
ALTER TABLE directus_files DROP COLUMN IF EXISTS shop;
ALTER TABLE directus_users DROP CONSTRAINT IF EXISTS directus_users_shop_id_key,
  DROP COLUMN IF EXISTS location_id, DROP COLUMN IF EXISTS phone, DROP COLUMN IF EXISTS shop;
DROP TABLE IF EXISTS shops CASCADE;
`);
}
