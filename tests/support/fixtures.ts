// Rows written straight into the test database, for tests that need a row to update or delete, and
// valid payloads for creating each collection through the API.
import { randomUUID } from 'node:crypto';
import { imeiFromBody } from '../../extensions/phone-shop/src/domain/imei.ts';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { db } from './context.ts';

let counter = 0;
const unique = (): string => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A fresh IMEI (valid check digit), unique per call. */
export function freshImei(): string {
  return imeiFromBody(
    `35${String(Date.now()).slice(-9)}${String(counter++ % 1000).padStart(3, '0')}`.slice(0, 14),
  );
}

export function freshPhone(): string {
  return `+2567${String(Date.now() + counter++).slice(-8)}`;
}

/**
 * Today in Kampala (UTC+3 all year), the demo and test shops' timezone: from 21:00 UTC it is already
 * tomorrow there, and a report of "today" is of the shop's day, not of UTC's.
 */
export const todayInKampala = (): string => new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 10);

async function insert(table: string, row: Record<string, unknown>): Promise<number | string> {
  const [created] = (await db()(table).insert(row).returning('id')) as [{ id: number | string }];
  return created.id;
}

async function first(table: string, where: Record<string, unknown>): Promise<number | string> {
  const row = (await db()(table).where(where).select('id').orderBy('id').first()) as
    { id: number | string } | undefined;
  if (!row) throw new Error(`no ${table} row for ${JSON.stringify(where)}`);
  return row.id;
}

/** Inserts a row of `collection` in a shop and returns its id. `userId` owns rows that are per user. */
export async function insertRow(
  collection: string,
  shopId: number,
  userId: string,
): Promise<number | string> {
  const shop_id = shopId;
  switch (collection) {
    case 'sales': {
      const id = await insert('sales', {
        shop_id,
        sale_number: `T-${unique()}`,
        total_amount: 10_000,
        final_amount: 10_000,
        payment_method: 'Cash',
        created_by: userId,
      });
      return id;
    }
    case 'sale_items':
      return insert('sale_items', {
        shop_id,
        sale_id: await insertRow('sales', shopId, userId),
        item_name: 'Test line',
        quantity: 1,
        unit_price: 10_000,
        total_price: 10_000,
      });
    case 'sale_payments':
      return insert('sale_payments', {
        shop_id,
        sale_id: await insertRow('sales', shopId, userId),
        method: 'Cash',
        amount: 10_000,
      });
    case 'repairs':
      return insert('repairs', {
        shop_id,
        repair_number: `R-${unique()}`,
        device_brand: 'Tecno',
        device_model: 'Spark 20',
        issue_description: 'Test repair',
        repair_type: 'Screen replacement',
        created_by: userId,
      });
    case 'repair_status_history':
      return insert('repair_status_history', {
        shop_id,
        repair_id: await insertRow('repairs', shopId, userId),
        new_status: 'Pending',
        changed_by: userId,
      });
    case 'devices':
      return insert('devices', { shop_id, brand: 'Tecno', model: 'Spark 20', imei_serial: freshImei() });
    case 'products':
      return insert('products', {
        shop_id,
        name: `Test product ${unique()}`,
        category: 'Test',
        selling_price: 1000,
      });
    case 'stock_movements': {
      const product = await insertRow('products', shopId, userId);
      return insert('stock_movements', {
        shop_id,
        product_id: product,
        movement_type: 'initial',
        quantity: 1,
        stock_after: 1,
      });
    }
    case 'customers':
      return insert('customers', { shop_id, name: 'Test customer', phone: freshPhone() });
    case 'loyalty_transactions':
      return insert('loyalty_transactions', {
        shop_id,
        customer_id: await insertRow('customers', shopId, userId),
        points: 5,
        transaction_type: 'adjust',
      });
    case 'daily_closures':
      return insert('daily_closures', {
        shop_id,
        closure_date: `20${String(10 + (counter++ % 89)).padStart(2, '0')}-01-${String(1 + (counter % 28)).padStart(2, '0')}`,
        total_collected: 0,
        expected_amount: 0,
        variance: 0,
        submitted_by: userId,
      });
    case 'expenses':
      return insert('expenses', {
        shop_id,
        category: 'Transport',
        description: 'Test expense',
        amount: 5000,
        payment_method: 'Cash',
        expense_date: '2026-01-15',
        created_by: userId,
      });
    case 'number_gaps':
      return insert('number_gaps', {
        shop_id,
        series: 'test',
        year: 2001,
        number: 1 + Math.floor(Math.random() * 2_000_000_000),
        sale_number: `T-2001-${unique()}`,
        cause_code: 'TEST',
        cause: 'a test gap',
      });
    case 'audit_logs':
      return insert('audit_logs', {
        shop_id,
        entity_type: 'test',
        entity_id: '1',
        action: 'create',
        user_id: userId,
      });
    case 'settings':
      return insert('settings', {
        shop_id,
        setting_key: `test.${unique().toLowerCase()}`,
        setting_value: '1',
      });
    case 'locations':
      return insert('locations', { shop_id, name: `Branch ${unique()}` });
    case 'webhooks':
      return insert('webhooks', {
        shop_id,
        url: 'http://127.0.0.1:9/hook',
        secret: 'a-test-secret-of-32-characters!!',
        events: '["sale.created"]',
      });
    case 'webhook_deliveries':
      return insert('webhook_deliveries', {
        shop_id,
        outbox_event_id: await insert('outbox_events', {
          shop_id,
          event_type: 'sale.created',
          payload: '{}',
          status: 'delivered',
          fanned_out_at: new Date(),
        }),
        subscriber: 'webhook',
        webhook_id: await insertRow('webhooks', shopId, userId),
        event_type: 'sale.created',
        status: 'delivered',
        attempts: 1,
      });
    case 'webhook_attempts': {
      const delivery = await insertRow('webhook_deliveries', shopId, userId);
      const row = (await db()('webhook_deliveries').where('id', delivery).first()) as {
        webhook_id: number;
        outbox_event_id: number;
      };
      return insert('webhook_attempts', {
        shop_id,
        delivery_id: delivery,
        webhook_id: row.webhook_id,
        outbox_event_id: row.outbox_event_id,
        event_type: 'sale.created',
        attempt: 1,
        status: 'delivered',
        response_status: 200,
        started_at: new Date(),
      });
    }
    case 'commission_rules':
      return insert('commission_rules', { shop_id, type: 'percentage', value: 200, applies_to: 'sales' });
    case 'notifications':
      return insert('notifications', {
        shop_id,
        user_id: userId,
        title: 'Test',
        message: 'Test notification',
        type: 'test',
      });
    case 'shops':
      return shopId;
    case 'directus_users':
      return insert('directus_users', {
        id: randomUUID(),
        email: `user-${unique()}@kampala.example.com`,
        first_name: 'Test',
        role: ROLE_IDS.Staff,
        status: 'active',
        shop: shopId,
      });
    case 'directus_files':
      return insert('directus_files', {
        id: randomUUID(),
        storage: 'local',
        filename_disk: `${unique()}.txt`,
        filename_download: 'test.txt',
        type: 'text/plain',
        filesize: 4,
        shop: shopId,
      });
    default:
      return first(collection, { shop_id: shopId });
  }
}

/** A valid create payload for collections that some role may create through /items. */
export function createPayload(collection: string): Record<string, unknown> {
  switch (collection) {
    case 'devices':
      return { brand: 'Samsung', model: 'Galaxy A15', imei_serial: freshImei() };
    case 'products':
      return {
        name: `New product ${unique()}`,
        category: 'Audio',
        selling_price: 25_000,
        cost_price: 12_000,
      };
    case 'customers':
      return { name: 'New customer', phone: freshPhone() };
    case 'expenses':
      return {
        category: 'Transport',
        description: 'Boda to the market',
        amount: 7000,
        payment_method: 'Cash',
        expense_date: '2026-11-20',
      };
    case 'settings':
      return { setting_key: `test.${unique().toLowerCase()}`, setting_value: 'x' };
    case 'locations':
      return { name: `Branch ${unique()}` };
    case 'webhooks':
      return {
        url: 'http://127.0.0.1:9/hook',
        secret: 'another-test-secret-of-32-chars!',
        events: ['sale.created'],
      };
    case 'commission_rules':
      return { type: 'fixed', value: 5000, applies_to: 'repairs' };
    case 'directus_users':
      return {
        email: `new-${unique()}@kampala.example.com`,
        password: 'a-good-password-1',
        first_name: 'New',
        role: ROLE_IDS.Staff,
      };
    case 'sales':
      return { sale_number: `X-${unique()}`, total_amount: 1000, final_amount: 1000, payment_method: 'Cash' };
    case 'repairs':
      return {
        repair_number: `X-${unique()}`,
        device_brand: 'Tecno',
        device_model: 'Spark',
        issue_description: 'x',
        repair_type: 'x',
      };
    case 'daily_closures':
      return { closure_date: '2001-01-01', total_collected: 0, expected_amount: 0, variance: 0 };
    case 'audit_logs':
      return { entity_type: 'matrix-test', entity_id: '1', action: 'create' };
    default:
      return { notes: 'x' };
  }
}

/** A harmless update for each collection: one writable field. */
export function updatePayload(collection: string): Record<string, unknown> {
  const byCollection: Record<string, Record<string, unknown>> = {
    sales: { notes: 'edited' },
    sale_items: { item_name: 'edited' },
    sale_payments: { reference: 'edited' },
    repairs: { notes: 'edited' },
    repair_status_history: { notes: 'edited' },
    devices: { notes: 'edited' },
    products: { description: 'edited' },
    stock_movements: { notes: 'edited' },
    customers: { notes: 'edited' },
    loyalty_transactions: { notes: 'edited' },
    daily_closures: { notes: 'edited' },
    expenses: { description: 'edited' },
    audit_logs: { action: 'edited' },
    number_gaps: { cause: 'edited' },
    settings: { setting_value: 'edited' },
    locations: { address: 'edited' },
    webhooks: { description: 'edited' },
    webhook_deliveries: { last_error: 'edited' },
    webhook_attempts: { error: 'edited' },
    commission_rules: { min_amount: 1000 },
    notifications: { is_read: true },
    shops: { address: 'Plot 12 Kampala Road, Kampala' },
    directus_users: { last_name: 'Edited' },
    directus_files: { title: 'edited' },
  };
  return byCollection[collection] ?? { notes: 'edited' };
}
