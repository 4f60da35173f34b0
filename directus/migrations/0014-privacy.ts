// Privacy (docs/decisions.md, "Privacy"): a customer can be erased, and each shop purges old messages,
// logs and copies of deleted records after periods of its choosing.
//
// - customers.erased_at / erased_by: an erased customer is a shell that keeps the shop's books (sales,
//   repairs, loyalty) attached, with no personal data left; its phone is NULL, which only an erased
//   customer may have. It takes nothing new: no new sale, repair or device is attached to it, and its
//   purchases and points do not grow (a reversal still takes them back), in the database itself, so
//   that no path (/api, /items, a script) can miss it, and its personal fields stay empty. The refusals
//   are check_violations named `customer_erased` and `customer_erased_record`, which the API answers as
//   409 CUSTOMER_ERASED.
// - The append-only tables (audit trail, stock ledger, repair history) refuse changes as before, with
//   two narrow exceptions, each only inside a transaction that has switched it on with set_config(...,
//   true) (the privacy service does, nothing else): `phone_shop.privacy_scrub` lets an UPDATE change
//   the named free-text or value columns and nothing else (erasure scrubs a person's data out of them,
//   the retention purge drops the copies of deleted records), and `phone_shop.retention_purge` lets
//   the audit trail lose entries older than 365 days, the shortest period the retention setting
//   accepts for logs (services/privacy/retention.rules.ts).
// - Indexes for the hourly purge: Directus's activity by user and time, delivered or dead outbox
//   events by shop and time, and the audit trail's copies of deleted records.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
ALTER TABLE customers
  ADD COLUMN erased_at timestamptz,
  ADD COLUMN erased_by uuid REFERENCES directus_users(id) ON DELETE SET NULL,
  ALTER COLUMN phone DROP NOT NULL,
  ADD CONSTRAINT customers_phone_unless_erased CHECK (phone IS NOT NULL OR erased_at IS NOT NULL);

-- rule: customer_erased (something new refers to them) or customer_erased_record (their row is edited).
CREATE FUNCTION refuse_erased_customer(customer integer, rule text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'customer % was erased', customer USING
    ERRCODE = 'check_violation', CONSTRAINT = rule, DETAIL = customer::text;
END $$;

-- An erased customer's personal fields stay empty, and its purchases and points only go down.
CREATE FUNCTION customers_erased_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name IS DISTINCT FROM OLD.name OR NEW.phone IS DISTINCT FROM OLD.phone
     OR NEW.email IS DISTINCT FROM OLD.email OR NEW.address IS DISTINCT FROM OLD.address
     OR NEW.id_number IS DISTINCT FROM OLD.id_number OR NEW.date_of_birth IS DISTINCT FROM OLD.date_of_birth
     OR NEW.gender IS DISTINCT FROM OLD.gender OR NEW.notes IS DISTINCT FROM OLD.notes
     OR NEW.erased_at IS DISTINCT FROM OLD.erased_at THEN
    PERFORM refuse_erased_customer(OLD.id, 'customer_erased_record');
  END IF;
  IF NEW.total_purchases > OLD.total_purchases OR NEW.loyalty_points > OLD.loyalty_points THEN
    PERFORM refuse_erased_customer(OLD.id, 'customer_erased');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER customers_erased_guard BEFORE UPDATE ON customers FOR EACH ROW
  WHEN (OLD.erased_at IS NOT NULL)
  EXECUTE FUNCTION customers_erased_guard();

-- Nothing new refers to an erased customer (a reversal of its sale still does: it undoes one).
CREATE FUNCTION refuse_erased_customer_reference() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM customers WHERE id = NEW.customer_id AND erased_at IS NOT NULL) THEN
    PERFORM refuse_erased_customer(NEW.customer_id, 'customer_erased');
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER sales_erased_customer_insert BEFORE INSERT ON sales FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL AND NEW.kind = 'sale')
  EXECUTE FUNCTION refuse_erased_customer_reference();
CREATE TRIGGER sales_erased_customer_update BEFORE UPDATE OF customer_id ON sales FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL AND NEW.customer_id IS DISTINCT FROM OLD.customer_id AND NEW.kind = 'sale')
  EXECUTE FUNCTION refuse_erased_customer_reference();
CREATE TRIGGER repairs_erased_customer_insert BEFORE INSERT ON repairs FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL)
  EXECUTE FUNCTION refuse_erased_customer_reference();
CREATE TRIGGER repairs_erased_customer_update BEFORE UPDATE OF customer_id ON repairs FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL AND NEW.customer_id IS DISTINCT FROM OLD.customer_id)
  EXECUTE FUNCTION refuse_erased_customer_reference();
CREATE TRIGGER devices_erased_customer_insert BEFORE INSERT ON devices FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL)
  EXECUTE FUNCTION refuse_erased_customer_reference();
CREATE TRIGGER devices_erased_customer_update BEFORE UPDATE OF customer_id ON devices FOR EACH ROW
  WHEN (NEW.customer_id IS NOT NULL AND NEW.customer_id IS DISTINCT FROM OLD.customer_id)
  EXECUTE FUNCTION refuse_erased_customer_reference();

-- The append-only guard of 0001 (refuse_append_only_change), with the two exceptions above.
-- Arguments: the parent table and column (a row goes with its parent, as before), the columns a
-- privacy scrub may change, and the age in days beyond which the retention purge may delete a row
-- (none: never).
CREATE FUNCTION append_only_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_exists boolean;
  scrubbable text[] := TG_ARGV[2]::text[];
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('phone_shop.privacy_scrub', true) = 'on'
     AND (to_jsonb(OLD) - scrubbable) = (to_jsonb(NEW) - scrubbable) THEN
    RETURN NEW;
  END IF;
  IF TG_OP = 'DELETE' THEN
    IF TG_ARGV[3] <> 'none' AND current_setting('phone_shop.retention_purge', true) = 'on'
       AND (to_jsonb(OLD)->>'created_at')::timestamptz < now() - make_interval(days => TG_ARGV[3]::integer) THEN
      RETURN OLD;
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id = ($1).%I)', TG_ARGV[0], TG_ARGV[1])
      INTO parent_exists USING OLD;
    IF NOT parent_exists THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END $$;

DROP TRIGGER audit_logs_append_only ON audit_logs;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION append_only_guard('shops', 'shop_id', '{old_value,new_value}', '365');
DROP TRIGGER stock_movements_append_only ON stock_movements;
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION append_only_guard('products', 'product_id', '{notes}', 'none');
DROP TRIGGER repair_status_history_append_only ON repair_status_history;
CREATE TRIGGER repair_status_history_append_only BEFORE UPDATE OR DELETE ON repair_status_history
  FOR EACH ROW EXECUTE FUNCTION append_only_guard('repairs', 'repair_id', '{notes}', 'none');

CREATE INDEX directus_activity_user_timestamp_idx ON directus_activity ("user", "timestamp");
CREATE INDEX outbox_events_done_idx ON outbox_events (shop_id, created_at)
  WHERE status IN ('delivered', 'dead');
CREATE INDEX audit_logs_deleted_copies_idx ON audit_logs (shop_id, created_at)
  WHERE action = 'delete' AND old_value IS NOT NULL;
`);
}

// Fails while erased customers exist: their phone is gone and cannot be made NOT NULL again.
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP INDEX IF EXISTS audit_logs_deleted_copies_idx;
DROP INDEX IF EXISTS outbox_events_done_idx;
DROP INDEX IF EXISTS directus_activity_user_timestamp_idx;

DROP TRIGGER repair_status_history_append_only ON repair_status_history;
CREATE TRIGGER repair_status_history_append_only BEFORE UPDATE OR DELETE ON repair_status_history
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change('repairs', 'repair_id');
DROP TRIGGER stock_movements_append_only ON stock_movements;
CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change('products', 'product_id');
DROP TRIGGER audit_logs_append_only ON audit_logs;
CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
  FOR EACH ROW EXECUTE FUNCTION refuse_append_only_change('shops', 'shop_id');
DROP FUNCTION append_only_guard();

DROP TRIGGER devices_erased_customer_update ON devices;
DROP TRIGGER devices_erased_customer_insert ON devices;
DROP TRIGGER repairs_erased_customer_update ON repairs;
DROP TRIGGER repairs_erased_customer_insert ON repairs;
DROP TRIGGER sales_erased_customer_update ON sales;
DROP TRIGGER sales_erased_customer_insert ON sales;
DROP FUNCTION refuse_erased_customer_reference();
DROP TRIGGER customers_erased_guard ON customers;
DROP FUNCTION customers_erased_guard();
DROP FUNCTION refuse_erased_customer(integer, text);

ALTER TABLE customers
  DROP CONSTRAINT customers_phone_unless_erased,
  ALTER COLUMN phone SET NOT NULL,
  DROP COLUMN erased_by,
  DROP COLUMN erased_at;
`);
}
