// `npm run snapshot`: after a new migration, registers every new table and column with Directus
// (Studio metadata: icons, interfaces, choices, relations) and writes snapshots/schema.json, the
// reviewable record that `directus schema apply` replays on every instance. Runs against a started
// instance (`npm start` in another terminal); PORT, ADMIN_EMAIL and ADMIN_PASSWORD as for npm start.
import { writeFileSync } from 'node:fs';
import * as enums from '../snapshots/enums.ts';
import { adminSession, type Session } from '../directus/admin-client.ts';
import { configFromEnv } from '../directus/env.ts';
import { SNAPSHOT_FILE } from '../directus/instance.ts';

const ICONS: Record<string, string> = {
  shops: 'storefront',
  locations: 'location_on',
  products: 'inventory_2',
  customers: 'groups',
  devices: 'smartphone',
  sales: 'point_of_sale',
  sale_items: 'receipt_long',
  sale_payments: 'payments',
  repairs: 'build',
  repair_status_history: 'history',
  daily_closures: 'account_balance_wallet',
  expenses: 'request_quote',
  audit_logs: 'policy',
  stock_movements: 'swap_vert',
  notifications: 'notifications',
  settings: 'settings',
  commission_rules: 'percent',
  loyalty_transactions: 'loyalty',
  webhooks: 'webhook',
  webhook_deliveries: 'outbox',
  webhook_attempts: 'history',
  outbox_events: 'outbound',
  idempotency_keys: 'key',
  purchase_orders: 'local_shipping',
  purchase_order_lines: 'list_alt',
  number_gaps: 'format_list_numbered',
  shop_security: 'shield',
};

/** Kept out of Studio's navigation: the server's own bookkeeping and the reports' derived days. */
const HIDDEN =
  /^(outbox_events|idempotency_keys|shop_counters|report_.*|sign_in_throttle|sign_in_addresses|two_factor_recovery_codes)$/;

const TEMPLATES: Record<string, string> = {
  shops: '{{shop_name}}',
  locations: '{{name}}',
  products: '{{name}}',
  customers: '{{name}} ({{phone}})',
  devices: '{{brand}} {{model}} {{imei_serial}}',
  sales: '{{sale_number}}',
  repairs: '{{repair_number}} {{device_brand}} {{device_model}}',
  daily_closures: '{{closure_date}}',
  expenses: '{{category}}: {{description}}',
  number_gaps: '{{sale_number}}',
};

const CHOICES: Record<string, readonly string[]> = {
  'shops.subscription_plan': enums.SUBSCRIPTION_PLANS,
  'sales.payment_method': enums.SALE_PAYMENT_METHODS,
  'sales.payment_status': enums.PAYMENT_STATUSES,
  'sales.status': enums.SALE_STATUSES,
  'sale_payments.method': enums.PAYMENT_METHODS,
  'expenses.payment_method': enums.PAYMENT_METHODS,
  'expenses.status': enums.EXPENSE_STATUSES,
  'devices.condition': enums.DEVICE_CONDITIONS,
  'devices.status': enums.DEVICE_STATUSES,
  'repairs.status': enums.REPAIR_STATUSES,
  'repairs.priority': enums.REPAIR_PRIORITIES,
  'repair_status_history.old_status': enums.REPAIR_STATUSES,
  'repair_status_history.new_status': enums.REPAIR_STATUSES,
  'daily_closures.status': enums.CLOSURE_STATUSES,
  'stock_movements.movement_type': enums.MOVEMENT_TYPES,
  'customers.gender': ['Male', 'Female', 'Other'],
  'commission_rules.type': ['percentage', 'fixed'],
  'commission_rules.applies_to': ['sales', 'repairs'],
  'loyalty_transactions.transaction_type': ['earn', 'redeem', 'adjust', 'expire'],
  'purchase_orders.status': enums.PURCHASE_ORDER_STATUSES,
};

/** JSON lists of texts, edited as tags in Studio. */
const TAGS = new Set(['shop_security.ip_allowlist', 'shop_security.require_two_factor']);

const MONEY = /(_price|_cost|_amount|^amount|_collected|^variance|total_purchases|^value)$/;

interface Field {
  collection: string;
  field: string;
  type: string;
  meta: Record<string, unknown> | null;
  schema: { foreign_key_table: string | null; is_nullable: boolean } | null;
}

function fieldMeta(field: Field): Record<string, unknown> {
  const key = `${field.collection}.${field.field}`;
  const meta: Record<string, unknown> = {};
  const fk = field.schema?.foreign_key_table;
  if (field.field === 'id' || field.field === 'created_at' || field.field === 'updated_at')
    meta['readonly'] = true;
  if (field.field === 'shop_id' || field.field === 'shop')
    Object.assign(meta, { hidden: true, readonly: true });
  if (field.field === 'created_at') meta['special'] = ['date-created', 'cast-timestamp'];
  if (field.field === 'updated_at') meta['special'] = ['date-updated', 'cast-timestamp'];
  if (field.field === 'created_by') Object.assign(meta, { special: ['user-created'], readonly: true });
  if (CHOICES[key]) {
    meta['interface'] = 'select-dropdown';
    meta['options'] = { choices: CHOICES[key].map((v) => ({ text: v, value: v })) };
  } else if (fk && field.field !== 'shop_id' && field.field !== 'shop') {
    meta['interface'] = fk === 'directus_files' ? 'file-image' : 'select-dropdown-m2o';
    meta['special'] = fk === 'directus_files' ? ['file'] : ['m2o'];
    if (TEMPLATES[fk]) meta['options'] = { template: TEMPLATES[fk] };
  } else if ((field.type === 'integer' || field.type === 'bigInteger') && MONEY.test(field.field)) {
    meta['display'] = 'formatted-value';
    meta['display_options'] = { format: true };
    meta['note'] = 'In the currency’s smallest unit (UGX has no decimals).';
  } else if (field.type === 'boolean') {
    meta['interface'] = 'boolean';
    meta['special'] = ['cast-boolean'];
  } else if (field.type === 'json' && TAGS.has(key)) {
    // Lists of short texts: one tag each (a shop's allowed networks, the roles that need two-factor).
    meta['special'] = ['cast-json'];
    meta['interface'] = 'tags';
  } else if (field.type === 'json') {
    meta['special'] = ['cast-json'];
    meta['interface'] = 'input-code';
    meta['options'] = { language: 'json' };
  }
  if (meta['hidden'] !== true) meta['width'] = 'half';
  return meta;
}

async function register(admin: Session): Promise<void> {
  const collections = await admin.call<{ collection: string; meta: unknown }[]>('GET', '/collections');
  const known = new Set(collections.filter((c) => c.meta !== null).map((c) => c.collection));
  for (const c of collections) {
    if (c.collection.startsWith('directus_') || c.collection.startsWith('phone_shop_migrations')) continue;
    if (known.has(c.collection)) continue;
    await admin.call('PATCH', `/collections/${c.collection}`, {
      meta: {
        icon: ICONS[c.collection] ?? 'table_rows',
        display_template: TEMPLATES[c.collection] ?? null,
        hidden: HIDDEN.test(c.collection),
        accountability: 'all',
      },
    });
    console.log(`registered collection ${c.collection}`);
  }
  const fields = await admin.call<Field[]>('GET', '/fields');
  for (const field of fields) {
    if (field.meta !== null || field.type === 'alias') continue;
    const custom =
      !field.collection.startsWith('directus_') || ['shop', 'phone', 'location_id'].includes(field.field);
    if (!custom || field.collection.startsWith('phone_shop_migrations')) continue;
    await admin.call('PATCH', `/fields/${field.collection}/${field.field}`, { meta: fieldMeta(field) });
  }
}

const config = configFromEnv();
const admin = await adminSession(`http://127.0.0.1:${config.port}`, config.adminEmail, config.adminPassword);
await register(admin);
const snapshot = await admin.call<Record<string, unknown>>('GET', '/schema/snapshot');
writeFileSync(SNAPSHOT_FILE, `${JSON.stringify(snapshot, null, 2)}\n`);
console.log(`wrote ${SNAPSHOT_FILE}`);
