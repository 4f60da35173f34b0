// A customer's data export (the right of access): everything the shop holds about one person, as one
// JSON document or a readable PDF. It shows what erasure would scrub (personal-data.ts) and the
// records kept about them: their sales with lines and payments, their repairs with history, parts,
// payments and notes, their devices and loyalty movements, and the notifications, audit entries,
// outbox events and other rows of the shop that mention them. Cost prices and the staff's identities
// (user ids, addresses, browsers) are the shop's and its employees', not the customer's, and are left
// out (export.rules.ts). The export is audited: who exported whose data, when, in which format.
import type { Knex } from 'knex';
import { can } from '../../../../../snapshots/access/matrix.ts';
import { ActionForbiddenError, NotFoundError } from '../../errors.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import { loadShop } from '../shop.ts';
import { forTheCustomer } from './export.rules.ts';
import { findMentions, PERSONAL_TABLES, searchFor, type Search } from './personal-data.ts';

export type DataExportFormat = 'json' | 'pdf';

type Row = Record<string, unknown>;

export interface CustomerDataDocument {
  generated_at: string;
  shop: { name: string; timezone: string; currency: string };
  customer: Row;
  sales: (Row & { items: Row[]; payments: Row[] })[];
  repairs: (Row & { status_history: Row[]; parts: Row[]; payments: Row[] })[];
  devices: Row[];
  loyalty_transactions: Row[];
  notifications: Row[];
  audit_entries: Row[];
  events: Row[];
  /** Other rows of the shop whose free text mentions the person: table, row id, column, text. */
  mentions: { table: string; id: number | string; column: string; text: string }[];
}

/**
 * The document holds the customer (`customers.read`), is an export (`reports.export`) and holds audit
 * entries (`audit_logs.read`): by the matrix, the Owner's (docs/decisions.md, "Privacy").
 */
export function requireExportRight(ctx: ActionContext): void {
  if (
    !can(ctx.role, 'customers', 'read') ||
    !can(ctx.role, 'reports', 'export') ||
    !can(ctx.role, 'audit_logs', 'read')
  )
    throw new ActionForbiddenError({
      role: ctx.role,
      action: 'export',
      resource: "a customer's personal data",
    });
}

/** A day column as `YYYY-MM-DD` (the driver would make a Date at the server's midnight). */
const day = (knex: Knex, column: string): Knex.Raw =>
  knex.raw(`to_char(??, 'YYYY-MM-DD') AS ??`, [column, column]);

const CUSTOMER_COLUMNS = [
  'id',
  'name',
  'phone',
  'email',
  'address',
  'id_number',
  'gender',
  'notes',
  'loyalty_points',
  'total_purchases',
  'created_at',
  'updated_at',
  'erased_at',
] as const;

/** The customer of the caller's shop; another shop's customer answers exactly as a missing one. */
export async function customerOfShop(
  ctx: ActionContext,
  customerId: number,
  lock = false,
): Promise<
  Row & {
    id: number;
    name: string;
    phone: string | null;
    email: string | null;
    id_number: string | null;
    erased_at: Date | null;
  }
> {
  const query = ctx
    .knex('customers')
    .select([...CUSTOMER_COLUMNS, day(ctx.knex, 'date_of_birth')])
    .where({ id: customerId, shop_id: ctx.shopId });
  if (lock) void query.forUpdate();
  const row = (await query.first()) as
    | (Row & {
        id: number;
        name: string;
        phone: string | null;
        email: string | null;
        id_number: string | null;
        erased_at: Date | null;
      })
    | undefined;
  if (!row) throw new NotFoundError({ entity: 'Customer', id: String(customerId) });
  return row;
}

/** The rows of a child table of the shop that belong to some parents, grouped by parent. */
async function childrenOf(
  knex: Knex,
  shopId: number,
  table: string,
  parent: string,
  parents: readonly number[],
  columns: string[],
  order: { column: string }[] = [{ column: 'id' }],
): Promise<Map<unknown, Row[]>> {
  const rows = (await knex(table)
    .select(parent, ...columns)
    .where('shop_id', shopId)
    .whereIn(parent, parents)
    .orderBy(order)) as Row[];
  return byKey(rows, parent);
}

function byKey(rows: Row[], key: string): Map<unknown, Row[]> {
  const map = new Map<unknown, Row[]>();
  for (const row of rows) {
    const { [key]: owner, ...rest } = row;
    const list = map.get(owner) ?? [];
    list.push(rest);
    map.set(owner, list);
  }
  return map;
}

async function salesOf(
  knex: Knex,
  shopId: number,
  customerId: number,
): Promise<CustomerDataDocument['sales']> {
  const sales = (await knex('sales')
    .select(
      'id',
      'sale_number',
      'kind',
      'reversal_of',
      'reversal_reason',
      'status',
      'total_amount',
      'discount_amount',
      'tax_amount',
      'final_amount',
      'payment_method',
      'payment_status',
      'notes',
      'loyalty_points_earned',
      'loyalty_points_redeemed',
      'created_at',
      'approved_at',
      'locked_at',
    )
    .where({ shop_id: shopId, customer_id: customerId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])) as Row[];
  const ids = sales.map((s) => s['id'] as number);
  const [items, paymentsOf] = await Promise.all([
    knex('sale_items as i')
      .leftJoin('devices as d', 'd.id', 'i.device_id')
      .select(
        'i.sale_id',
        'i.item_name',
        'd.imei_serial',
        'i.quantity',
        'i.unit_price',
        'i.discount_amount',
        'i.total_price',
      )
      .where('i.shop_id', shopId)
      .whereIn('i.sale_id', ids)
      .orderBy('i.id') as Promise<Row[]>,
    childrenOf(knex, shopId, 'sale_payments', 'sale_id', ids, [
      'method',
      'amount',
      'reference',
      'created_at',
    ]),
  ]);
  const itemsOf = byKey(items, 'sale_id');
  return sales.map((s) => ({
    ...s,
    items: itemsOf.get(s['id']) ?? [],
    payments: paymentsOf.get(s['id']) ?? [],
  }));
}

async function repairsOf(
  knex: Knex,
  shopId: number,
  customerId: number,
): Promise<CustomerDataDocument['repairs']> {
  const repairs = (await knex('repairs')
    .select(
      'id',
      'repair_number',
      'status',
      'device_brand',
      'device_model',
      'imei_serial',
      'issue_description',
      'repair_type',
      'priority',
      'estimated_cost',
      'actual_cost',
      'labor_cost',
      day(knex, 'estimated_completion'),
      'actual_completion',
      'delivered_at',
      'warranty_period',
      day(knex, 'warranty_expires_at'),
      'notes',
      'created_at',
    )
    .where({ shop_id: shopId, customer_id: customerId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])) as Row[];
  const ids = repairs.map((r) => r['id'] as number);
  const [historyOf, partsOf, paymentsOf] = await Promise.all([
    childrenOf(
      knex,
      shopId,
      'repair_status_history',
      'repair_id',
      ids,
      ['old_status', 'new_status', 'notes', 'changed_at'],
      [{ column: 'changed_at' }, { column: 'id' }],
    ),
    childrenOf(knex, shopId, 'repair_parts', 'repair_id', ids, ['item_name', 'quantity', 'created_at']),
    childrenOf(knex, shopId, 'repair_payments', 'repair_id', ids, [
      'method',
      'amount',
      'reference',
      'created_at',
    ]),
  ]);
  return repairs.map((r) => ({
    ...r,
    status_history: historyOf.get(r['id']) ?? [],
    parts: partsOf.get(r['id']) ?? [],
    payments: paymentsOf.get(r['id']) ?? [],
  }));
}

/** Rows of a table linked to the person or mentioning them, with the columns asked for. */
async function linkedOrMentioning(
  knex: Knex,
  search: Search,
  table: string,
  columns: string[],
  orderBy: string,
): Promise<Row[]> {
  const spec = PERSONAL_TABLES.find((t) => t.table === table);
  if (!spec) throw new Error(`${table} is not a table of personal data`);
  const ids = new Set<number | string>();
  if (spec.linked) {
    const { rows } = await knex.raw<{ rows: { id: number | string }[] }>(
      `SELECT id FROM "${table}" WHERE shop_id = :shop AND (${spec.linked})`,
      search.bindings,
    );
    for (const row of rows) ids.add(row.id);
  }
  for (const row of await findMentions(knex, spec, search)) ids.add(row.id);
  if (ids.size === 0) return [];
  return (await knex(table)
    .select(columns)
    .where('shop_id', search.bindings.shop)
    .whereIn('id', [...ids])
    .orderBy([{ column: orderBy }, { column: 'id' }])) as Row[];
}

/** Everything held about one customer of the caller's shop, and the audit entry of its export. */
export async function customerDataExport(
  ctx: ActionContext,
  customerId: number,
  format: DataExportFormat,
): Promise<CustomerDataDocument> {
  requireExportRight(ctx);
  const customer = await customerOfShop(ctx, customerId);
  const { knex, shopId } = ctx;
  const [shop, search] = await Promise.all([loadShop(knex, shopId), searchFor(knex, shopId, customer)]);

  const sales = await salesOf(knex, shopId, customerId);
  const repairs = await repairsOf(knex, shopId, customerId);
  const devices = (await knex('devices')
    .select(
      'id',
      'brand',
      'model',
      'imei_serial',
      'color',
      'storage',
      'condition',
      'status',
      day(knex, 'warranty_expires_at'),
      'notes',
      'created_at',
    )
    .where({ shop_id: shopId, customer_id: customerId })
    .orderBy('id')) as Row[];
  const loyalty = (await knex('loyalty_transactions')
    .select('points', 'transaction_type', 'reference_type', 'reference_id', 'notes', 'created_at')
    .where({ shop_id: shopId, customer_id: customerId })
    .orderBy([{ column: 'created_at' }, { column: 'id' }])) as Row[];

  // A notification goes to each recipient: one copy of each is enough.
  const notificationRows = await linkedOrMentioning(
    knex,
    search,
    'notifications',
    ['title', 'message', 'type', 'created_at'],
    'created_at',
  );
  const seen = new Set<string>();
  const notifications = notificationRows.filter((n) => {
    const key = JSON.stringify([n['title'], n['message'], n['type'], String(n['created_at'])]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const auditEntries = await linkedOrMentioning(
    knex,
    search,
    'audit_logs',
    ['entity_type', 'entity_id', 'action', 'old_value', 'new_value', 'created_at'],
    'created_at',
  );
  const events = await linkedOrMentioning(
    knex,
    search,
    'outbox_events',
    ['event_type', 'status', 'payload', 'created_at'],
    'created_at',
  );

  // Rows of the other tables that mention them: their own rows are in the sections above.
  const mentions: CustomerDataDocument['mentions'] = [];
  for (const spec of PERSONAL_TABLES) {
    if (['notifications', 'audit_logs', 'outbox_events'].includes(spec.table) || !search.wide) continue;
    for (const row of await findMentions(knex, spec, search)) {
      if (row.linked) continue;
      for (const column of spec.columns) {
        const value = row.values[column.name];
        if (value === null || value === undefined) continue;
        const text = typeof value === 'string' ? value : JSON.stringify(forTheCustomer(value));
        search.wide.exact.lastIndex = 0;
        if (search.wide.exact.test(text))
          mentions.push({ table: spec.table, id: row.id, column: column.name, text });
      }
    }
  }

  audit(ctx, { entityType: 'customers', entityId: customerId, action: 'data_export', newValue: { format } });
  return {
    generated_at: new Date().toISOString(),
    shop: { name: shop.shop_name, timezone: shop.timezone, currency: shop.currency },
    customer,
    sales,
    repairs,
    devices,
    loyalty_transactions: loyalty,
    notifications,
    audit_entries: auditEntries.map((a) => ({
      ...a,
      old_value: forTheCustomer(a['old_value']),
      new_value: forTheCustomer(a['new_value']),
    })),
    events: events.map((e) => ({ ...e, payload: forTheCustomer(e['payload']) })),
    mentions,
  };
}
