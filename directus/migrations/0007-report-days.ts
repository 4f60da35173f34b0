// Reports over long periods read days, not every sale (docs/decisions.md, Reports: "Aggregated
// days"). The closed days of a shop (before today in its timezone) are aggregated on their first read
// into the report_* tables below and registered in report_days; today is always read live from the
// sales themselves. Nothing here runs on the checkout: a sale of today changes no aggregate.
//
// A change to a closed day's sales forgets that day (deletes its report_days row), in the same
// transaction, through the triggers below: edits, deletions, a sale reversed (its status), a product,
// device, customer or user deleted (their references set to NULL), sales inserted with a past time,
// a change of the shop's timezone. The next read recomputes the forgotten days. Rows that cannot
// change a closed day (a checkout, an approval) fire no trigger function at all (the WHEN clauses).
//
// A fill holds pg_advisory_xact_lock(70701, shop) while it computes and registers days; a trigger
// takes the same lock shared before it forgets, so a day computed from a snapshot without a
// concurrent change is always forgotten after that change commits (services/reports/days.ts).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
CREATE TABLE report_days (
  shop_id integer NOT NULL REFERENCES shops(id) ON DELETE CASCADE,
  day date NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (shop_id, day)
);
COMMENT ON TABLE report_days IS 'Closed days whose report_* rows are up to date; read and written by the server only.';

-- The report_* tables below hold the facts of the registered days. They have no foreign key: a year
-- of a busy shop is a million rows written at once, and the key's check cost a quarter of that
-- write; a deleted shop's facts go with it through shops_report_days_delete.

-- Sales and reversals per day, hour (of the shop''s timezone) and seller (a reversal counts against
-- the seller of the sale it reverses). Amounts as services/reports/ledger.ts decides them.
CREATE TABLE report_sales (
  shop_id integer NOT NULL,
  day date NOT NULL,
  hour smallint NOT NULL,
  seller uuid,
  sales integer NOT NULL,
  reversals integer NOT NULL,
  gross bigint NOT NULL,
  discounts bigint NOT NULL,
  returns bigint NOT NULL,
  net bigint NOT NULL,
  tax bigint NOT NULL,
  collected bigint NOT NULL,
  taxed integer NOT NULL,
  sales_net bigint NOT NULL,
  known_sales integer NOT NULL,
  cost bigint NOT NULL
);
CREATE INDEX report_sales_day_idx ON report_sales (shop_id, day);

-- Sale lines per day and product (lines without a product: devices apart from custom items); a
-- reversal brings its sale's lines back negated. unreversed: units of sales not reversed (reorder).
CREATE TABLE report_lines (
  shop_id integer NOT NULL,
  day date NOT NULL,
  product_id integer,
  is_device boolean NOT NULL,
  quantity bigint NOT NULL,
  revenue bigint NOT NULL,
  cost bigint NOT NULL,
  unreversed bigint NOT NULL
);
CREATE INDEX report_lines_day_idx ON report_lines (shop_id, day);

-- Sale payments per day of their sale and method (a reversal's refunds negative).
CREATE TABLE report_payments (
  shop_id integer NOT NULL,
  day date NOT NULL,
  method varchar(50) NOT NULL,
  payments integer NOT NULL,
  received bigint NOT NULL,
  refunded bigint NOT NULL,
  net bigint NOT NULL
);
CREATE INDEX report_payments_day_idx ON report_payments (shop_id, day);

-- Sales and reversals of known customers per day; first_at and last_at: their first and last sale.
CREATE TABLE report_customers (
  shop_id integer NOT NULL,
  day date NOT NULL,
  customer_id integer NOT NULL,
  sales integer NOT NULL,
  paid bigint NOT NULL,
  first_at timestamptz,
  last_at timestamptz
);
CREATE INDEX report_customers_day_idx ON report_customers (shop_id, day);

-- Stock movements per day (the movement history counts them, and shows the latest).
CREATE TABLE report_movements (
  shop_id integer NOT NULL,
  day date NOT NULL,
  movements integer NOT NULL
);
CREATE INDEX report_movements_day_idx ON report_movements (shop_id, day);

-- Forgets the closed days among p_days (before today in the shop's timezone); today is read live.
CREATE FUNCTION report_days_forget(p_shop integer, p_days date[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  closed date[];
BEGIN
  SELECT array_agg(DISTINCT d) INTO closed
    FROM unnest(p_days) AS d, shops s
   WHERE s.id = p_shop AND d < (now() AT TIME ZONE s.timezone)::date;
  IF closed IS NULL THEN
    RETURN;
  END IF;
  -- Waits for a fill of this shop to commit: the fill's days are then forgotten too.
  PERFORM pg_advisory_xact_lock_shared(70701, p_shop);
  DELETE FROM report_days WHERE shop_id = p_shop AND day = ANY (closed);
END $$;

-- Forgets the days of some sales of a shop and, with_reversals, of their reversals (whose seller and
-- lines are the sale's).
CREATE FUNCTION report_days_forget_sales(p_shop integer, p_sales integer[], with_reversals boolean)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  days date[];
BEGIN
  SELECT array_agg(DISTINCT (x.created_at AT TIME ZONE s.timezone)::date) INTO days
    FROM shops s,
         LATERAL (SELECT created_at FROM sales WHERE shop_id = p_shop AND id = ANY (p_sales)
                  UNION ALL
                  SELECT created_at FROM sales WHERE with_reversals AND shop_id = p_shop AND reversal_of = ANY (p_sales)) x
   WHERE s.id = p_shop;
  IF days IS NOT NULL THEN
    PERFORM report_days_forget(p_shop, days);
  END IF;
END $$;

CREATE FUNCTION report_days_sale_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tz text;
BEGIN
  SELECT timezone INTO tz FROM shops WHERE id = NEW.shop_id;
  IF TG_OP = 'INSERT' THEN
    PERFORM report_days_forget(NEW.shop_id, ARRAY[(NEW.created_at AT TIME ZONE tz)::date]);
  ELSE
    PERFORM report_days_forget(NEW.shop_id, ARRAY[(OLD.created_at AT TIME ZONE tz)::date,
                                                  (NEW.created_at AT TIME ZONE tz)::date]);
    PERFORM report_days_forget_sales(NEW.shop_id, ARRAY[NEW.id], true);
  END IF;
  RETURN NULL;
END $$;

-- Rows of a statement's old rows (transition table "gone"), per shop: their sales' days.
CREATE FUNCTION report_days_rows_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  IF TG_TABLE_NAME = 'sales' OR TG_TABLE_NAME = 'stock_movements' THEN
    FOR r IN SELECT g.shop_id, array_agg(DISTINCT (g.created_at AT TIME ZONE s.timezone)::date) AS days
               FROM gone g JOIN shops s ON s.id = g.shop_id GROUP BY g.shop_id LOOP
      PERFORM report_days_forget(r.shop_id, r.days);
    END LOOP;
  ELSE
    FOR r IN SELECT g.shop_id, array_agg(DISTINCT g.sale_id) AS sales FROM gone g GROUP BY g.shop_id LOOP
      PERFORM report_days_forget_sales(r.shop_id, r.sales, TG_TABLE_NAME = 'sale_items');
    END LOOP;
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION report_days_line_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_days_forget_sales(OLD.shop_id, ARRAY[OLD.sale_id, NEW.sale_id], TG_TABLE_NAME = 'sale_items');
  IF NEW.shop_id <> OLD.shop_id THEN
    PERFORM report_days_forget_sales(NEW.shop_id, ARRAY[NEW.sale_id], TG_TABLE_NAME = 'sale_items');
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION report_days_timezone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(70701, NEW.id);
  DELETE FROM report_days WHERE shop_id = NEW.id;
  RETURN NULL;
END $$;

CREATE FUNCTION report_days_shop_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM report_sales WHERE shop_id = OLD.id;
  DELETE FROM report_lines WHERE shop_id = OLD.id;
  DELETE FROM report_payments WHERE shop_id = OLD.id;
  DELETE FROM report_customers WHERE shop_id = OLD.id;
  DELETE FROM report_movements WHERE shop_id = OLD.id;
  RETURN NULL;
END $$;

-- A checkout writes its sale with the transaction's own time: only a sale written with an earlier
-- time (an import, a correction) can land on a closed day.
CREATE TRIGGER sales_report_days_insert AFTER INSERT ON sales FOR EACH ROW
  WHEN (NEW.created_at < now() - interval '1 second')
  EXECUTE FUNCTION report_days_sale_changed();
-- What the reports read of a sale; approvals, locks, notes and the like fire nothing.
CREATE TRIGGER sales_report_days_update AFTER UPDATE ON sales FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.shop_id <> NEW.shop_id
        OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.reversal_of IS DISTINCT FROM NEW.reversal_of
        OR OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.created_by IS DISTINCT FROM NEW.created_by
        OR OLD.total_amount <> NEW.total_amount OR OLD.discount_amount <> NEW.discount_amount
        OR OLD.tax_amount <> NEW.tax_amount OR OLD.final_amount <> NEW.final_amount
        OR (OLD.status = 'Reversed') IS DISTINCT FROM (NEW.status = 'Reversed'))
  EXECUTE FUNCTION report_days_sale_changed();
CREATE TRIGGER sales_report_days_delete AFTER DELETE ON sales REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_rows_deleted();

CREATE TRIGGER sale_items_report_days_update AFTER UPDATE ON sale_items FOR EACH ROW
  WHEN (OLD.sale_id <> NEW.sale_id OR OLD.shop_id <> NEW.shop_id
        OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.device_id IS DISTINCT FROM NEW.device_id
        OR OLD.quantity <> NEW.quantity OR OLD.unit_cost <> NEW.unit_cost OR OLD.total_price <> NEW.total_price)
  EXECUTE FUNCTION report_days_line_changed();
CREATE TRIGGER sale_items_report_days_delete AFTER DELETE ON sale_items REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_rows_deleted();

CREATE TRIGGER sale_payments_report_days_update AFTER UPDATE ON sale_payments FOR EACH ROW
  WHEN (OLD.sale_id <> NEW.sale_id OR OLD.shop_id <> NEW.shop_id OR OLD.method <> NEW.method
        OR OLD.amount <> NEW.amount)
  EXECUTE FUNCTION report_days_line_changed();
CREATE TRIGGER sale_payments_report_days_delete AFTER DELETE ON sale_payments REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_rows_deleted();

-- The stock ledger is append-only: its rows go only with their product.
CREATE TRIGGER stock_movements_report_days_delete AFTER DELETE ON stock_movements REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION report_days_rows_deleted();

CREATE TRIGGER shops_report_days_timezone AFTER UPDATE ON shops FOR EACH ROW
  WHEN (OLD.timezone IS DISTINCT FROM NEW.timezone)
  EXECUTE FUNCTION report_days_timezone_changed();
CREATE TRIGGER shops_report_days_delete AFTER DELETE ON shops FOR EACH ROW
  EXECUTE FUNCTION report_days_shop_deleted();
`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
DROP TRIGGER IF EXISTS shops_report_days_delete ON shops;
DROP TRIGGER IF EXISTS shops_report_days_timezone ON shops;
DROP TRIGGER IF EXISTS stock_movements_report_days_delete ON stock_movements;
DROP TRIGGER IF EXISTS sale_payments_report_days_delete ON sale_payments;
DROP TRIGGER IF EXISTS sale_payments_report_days_update ON sale_payments;
DROP TRIGGER IF EXISTS sale_items_report_days_delete ON sale_items;
DROP TRIGGER IF EXISTS sale_items_report_days_update ON sale_items;
DROP TRIGGER IF EXISTS sales_report_days_delete ON sales;
DROP TRIGGER IF EXISTS sales_report_days_update ON sales;
DROP TRIGGER IF EXISTS sales_report_days_insert ON sales;
DROP FUNCTION IF EXISTS report_days_shop_deleted(), report_days_timezone_changed(), report_days_line_changed(), report_days_rows_deleted(),
  report_days_sale_changed(), report_days_forget_sales(integer, integer[], boolean), report_days_forget(integer, date[]);
DROP TABLE IF EXISTS report_movements, report_customers, report_payments, report_lines, report_sales, report_days;
`);
}
