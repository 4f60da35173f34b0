// The generated history of a shop for the reports benchmark: sales with two lines, their payments
// and stock movements, a reversal every 200 sales, repairs with payments, approved expenses, spread
// over three years of the shop's local days, written by PostgreSQL itself (generate_series).
import type { Knex } from 'knex';

export const DAYS = 3 * 365;

/** Sales (two lines, one payment, stock movements), reversals, repairs and expenses of one shop. */
export async function generateShop(knex: Knex, shopId: number, userId: string, sales: number): Promise<void> {
  const big = sales >= 100_000;
  const b = {
    shop: shopId,
    user: userId,
    sales,
    days: DAYS,
    products: big ? 2_000 : 200,
    customers: big ? 20_000 : 500,
  };
  await knex.raw(
    `INSERT INTO products (shop_id, name, category, sku, barcode, cost_price, selling_price, stock_quantity, min_stock_level)
     SELECT :shop, 'Bench product ' || lpad(i::text, 5, '0'), (ARRAY['Phones','Audio','Power','Protection'])[1 + i % 4],
            'RB-' || :shop || '-' || i, 'RB' || :shop || '-' || i, 1000 + (i % 300) * 100, 2000 + (i % 300) * 150, 100000000, 5
       FROM generate_series(1, :products) AS i`,
    b,
  );
  await knex.raw(
    `INSERT INTO customers (shop_id, name, phone, created_at)
     SELECT :shop, 'Customer ' || i, '+2567' || lpad((:shop * 100000 + i)::text, 8, '0'),
            now() - ((i % :days) || ' days')::interval
       FROM generate_series(1, :customers) AS i`,
    b,
  );
  // Sale i: products i and 7i of the shop's catalogue, 8:00-21:59 local, spread over three years.
  await knex.raw(
    `WITH catalogue AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(selling_price ORDER BY id) AS prices,
                               array_agg(cost_price ORDER BY id) AS costs
                          FROM products WHERE shop_id = :shop),
          customers_of AS (SELECT array_agg(id ORDER BY id) AS ids FROM customers WHERE shop_id = :shop),
          plan AS (SELECT i, 1 + i % :products AS a, 1 + (i * 7) % :products AS b,
                          date_trunc('day', now() AT TIME ZONE 'Africa/Kampala') - ((i % :days) || ' days')::interval
                            + ((8 + i % 14) || ' hours')::interval + ((i % 60) || ' minutes')::interval AS local_at
                     FROM generate_series(1, :sales) AS i),
          made AS (
            INSERT INTO sales (shop_id, sale_number, total_amount, discount_amount, tax_amount, final_amount,
                               payment_method, status, created_by, customer_id, created_at)
            SELECT :shop, 'RB-' || plan.i, c.prices[plan.a] + c.prices[plan.b], (plan.i % 10) * 100, 0,
                   c.prices[plan.a] + c.prices[plan.b] - (plan.i % 10) * 100,
                   (ARRAY['Cash','MTN Mobile Money','Airtel Money','Card'])[1 + plan.i % 4], 'Approved', :user,
                   CASE WHEN plan.i % 3 = 0 THEN cu.ids[1 + plan.i % :customers] END,
                   plan.local_at AT TIME ZONE 'Africa/Kampala'
              FROM plan, catalogue c, customers_of cu
            RETURNING id, sale_number, total_amount, final_amount, payment_method, created_at),
          lines AS (
            INSERT INTO sale_items (shop_id, sale_id, product_id, item_name, quantity, unit_price, unit_cost, total_price, created_at)
            SELECT :shop, m.id, c.ids[x.p], 'Bench product', 1, c.prices[x.p], c.costs[x.p], c.prices[x.p], m.created_at
              FROM made m, catalogue c,
                   LATERAL (SELECT 1 + substr(m.sale_number, 4)::integer % :products AS p
                            UNION ALL SELECT 1 + (substr(m.sale_number, 4)::integer * 7) % :products) x
            RETURNING sale_id, product_id, created_at),
          moved AS (
            INSERT INTO stock_movements (shop_id, product_id, movement_type, quantity, stock_after, reference_type, reference_id, created_by, created_at)
            SELECT :shop, product_id, 'sale', -1, 99999999, 'sale', sale_id, :user, created_at FROM lines)
     INSERT INTO sale_payments (shop_id, sale_id, method, amount, created_at)
     SELECT :shop, id, payment_method, final_amount, created_at FROM made`,
    b,
  );
  // Every 200th sale is reversed the next day.
  await knex.raw(
    `WITH reversed AS (
       UPDATE sales SET status = 'Reversed', payment_status = 'Refunded'
        WHERE shop_id = :shop AND sale_number LIKE 'RB-%' AND substr(sale_number, 4)::integer % 200 = 0
       RETURNING id, sale_number, total_amount, discount_amount, final_amount, payment_method, created_at),
     made AS (
       INSERT INTO sales (shop_id, sale_number, kind, reversal_of, reversal_reason, total_amount, discount_amount,
                          tax_amount, final_amount, payment_method, payment_status, status, created_by, created_at)
       SELECT :shop, sale_number || '-R', 'reversal', id, 'returned', -(final_amount), 0, 0, -final_amount,
              payment_method, 'Refunded', 'Locked', :user, created_at + interval '1 day'
         FROM reversed
       RETURNING id, payment_method, final_amount, created_at)
     INSERT INTO sale_payments (shop_id, sale_id, method, amount, created_at)
     SELECT :shop, id, payment_method, final_amount, created_at FROM made`,
    b,
  );
  await knex.raw(
    `WITH made AS (
       INSERT INTO repairs (shop_id, repair_number, device_brand, device_model, issue_description, repair_type,
                            estimated_cost, actual_cost, status, technician_id, estimated_completion,
                            actual_completion, delivered_at, created_by, created_at)
       SELECT :shop, 'RBR-' || i, 'Tecno', 'Spark', 'Screen', (ARRAY['Screen','Battery','Charging port','Software'])[1 + i % 4],
              30000, 30000 + (i % 5) * 1000, CASE WHEN i % 10 = 0 THEN 'In Progress' ELSE 'Delivered' END, (:tech)::uuid,
              (now() - ((i % :days) || ' days')::interval + interval '3 days')::date,
              CASE WHEN i % 10 = 0 THEN NULL ELSE now() - ((i % :days) || ' days')::interval + interval '2 days' END,
              CASE WHEN i % 10 = 0 THEN NULL ELSE now() - ((i % :days) || ' days')::interval + interval '2 days' END,
              :user, now() - ((i % :days) || ' days')::interval
         FROM generate_series(1, :repairs) AS i
       RETURNING id, actual_cost, delivered_at)
     INSERT INTO repair_payments (shop_id, repair_id, method, amount, created_at)
     SELECT :shop, id, 'Cash', actual_cost, delivered_at FROM made WHERE delivered_at IS NOT NULL`,
    // Only the benchmarked shop's users work in it: the other shops' repairs have no technician.
    { ...b, repairs: Math.max(10, Math.round(sales / 20)), tech: big ? userId : null },
  );
  await knex.raw(
    `INSERT INTO expenses (shop_id, category, description, amount, payment_method, expense_date, status, created_by, approved_by)
     SELECT :shop, (ARRAY['Rent','Transport','Utilities','Salaries'])[1 + i % 4], 'Bench expense', 5000 + (i % 20) * 1000,
            'Cash', (now() - ((i % :days) || ' days')::interval)::date, 'Approved', :user, :user
       FROM generate_series(1, :expenses) AS i`,
    { ...b, expenses: Math.max(10, Math.round(sales / 100)) },
  );
}
