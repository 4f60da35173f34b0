// Money is 64-bit (ARCHITECTURE decision 7, docs/decisions.md "Bad input"): every amount column turns
// from integer into bigint, keeping every row. A 32-bit column tops out at 2,147,483,647, one large
// sale in UGX: a sale, an estimate or a customer's lifetime total above it could not be stored. Loyalty
// points go with them (a shop may give a point per shilling). Ids, quantities, counts and the report
// tables' counts stay integer; the report tables' sums were bigint from the start (0007, 0010).
//
// PostgreSQL rewrites each table once (one ALTER TABLE per table) and rebuilds its CHECK constraints
// and indexes itself; it refuses to change the type of a column that a trigger's WHEN clause reads,
// so the triggers of migration 0007 that watch amounts are dropped and created again, unchanged.
import type { Knex } from 'knex';

/** Every column that holds an amount of money, or loyalty points, per table. */
export const MONEY_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  products: ['cost_price', 'selling_price'],
  customers: ['total_purchases', 'loyalty_points'],
  devices: ['purchase_price', 'selling_price'],
  sales: [
    'total_amount',
    'discount_amount',
    'tax_amount',
    'final_amount',
    'loyalty_points_earned',
    'loyalty_points_redeemed',
  ],
  sale_items: ['unit_price', 'unit_cost', 'discount_amount', 'total_price'],
  sale_payments: ['amount'],
  repairs: ['estimated_cost', 'actual_cost', 'parts_cost', 'labor_cost'],
  repair_payments: ['amount'],
  repair_parts: ['unit_cost'],
  daily_closures: [
    'cash_amount',
    'mtn_amount',
    'airtel_amount',
    'card_amount',
    'bank_transfer',
    'other_amount',
    'total_collected',
    'expected_amount',
    'variance',
    'expected_cash',
    'expected_mtn',
    'expected_airtel',
    'expected_card',
    'expected_bank_transfer',
    'expected_other',
    'cash_expenses',
  ],
  expenses: ['amount'],
  // A fixed commission is an amount, and a tier starts at an amount of monthly sales.
  commission_rules: ['value', 'min_amount'],
  loyalty_transactions: ['points'],
  purchase_orders: ['total_cost'],
  purchase_order_lines: ['unit_cost'],
};

// The triggers of 0007 whose WHEN clause reads an amount, as 0007 created them.
const TRIGGERS = `
CREATE TRIGGER sales_report_days_update AFTER UPDATE ON sales FOR EACH ROW
  WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.shop_id <> NEW.shop_id
        OR OLD.kind IS DISTINCT FROM NEW.kind OR OLD.reversal_of IS DISTINCT FROM NEW.reversal_of
        OR OLD.customer_id IS DISTINCT FROM NEW.customer_id OR OLD.created_by IS DISTINCT FROM NEW.created_by
        OR OLD.total_amount <> NEW.total_amount OR OLD.discount_amount <> NEW.discount_amount
        OR OLD.tax_amount <> NEW.tax_amount OR OLD.final_amount <> NEW.final_amount
        OR (OLD.status = 'Reversed') IS DISTINCT FROM (NEW.status = 'Reversed'))
  EXECUTE FUNCTION report_days_sale_changed();
CREATE TRIGGER sale_items_report_days_update AFTER UPDATE ON sale_items FOR EACH ROW
  WHEN (OLD.sale_id <> NEW.sale_id OR OLD.shop_id <> NEW.shop_id
        OR OLD.product_id IS DISTINCT FROM NEW.product_id OR OLD.device_id IS DISTINCT FROM NEW.device_id
        OR OLD.quantity <> NEW.quantity OR OLD.unit_cost <> NEW.unit_cost OR OLD.total_price <> NEW.total_price)
  EXECUTE FUNCTION report_days_line_changed();
CREATE TRIGGER sale_payments_report_days_update AFTER UPDATE ON sale_payments FOR EACH ROW
  WHEN (OLD.sale_id <> NEW.sale_id OR OLD.shop_id <> NEW.shop_id OR OLD.method <> NEW.method
        OR OLD.amount <> NEW.amount)
  EXECUTE FUNCTION report_days_line_changed();
`;

const DROP_TRIGGERS = `
DROP TRIGGER sales_report_days_update ON sales;
DROP TRIGGER sale_items_report_days_update ON sale_items;
DROP TRIGGER sale_payments_report_days_update ON sale_payments;
`;

function alterTypes(type: 'bigint' | 'integer'): string {
  return Object.entries(MONEY_COLUMNS)
    .map(
      ([table, columns]) =>
        `ALTER TABLE ${table} ${columns.map((c) => `ALTER COLUMN ${c} TYPE ${type}`).join(', ')};`,
    )
    .join('\n');
}

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`${DROP_TRIGGERS}\n${alterTypes('bigint')}\n${TRIGGERS}`);
}

/** Back to integer: refused by PostgreSQL (out of range) if an amount above 2,147,483,647 is stored. */
export async function down(knex: Knex): Promise<void> {
  await knex.raw(`${DROP_TRIGGERS}\n${alterTypes('integer')}\n${TRIGGERS}`);
}
