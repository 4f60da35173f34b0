// How the matrix reaches each Directus collection. For every collection and CRUD operation this says
// which matrix right grants it over the generic /items surface (null: nobody, `*`: every shop role),
// which rows a role sees, and which fields it never sees or writes. apply-access.ts turns it into
// Directus permissions, and the integration tests check the live API against the matrix through it.
import { can, SHOP_ROLES, type Resource, type ShopRole } from './matrix.ts';

export const CRUD = ['create', 'read', 'update', 'delete'] as const;
export type Crud = (typeof CRUD)[number];

export type Filter = Record<string, unknown>;

export interface CollectionRule {
  collection: string;
  /** The matrix resource whose rights govern this collection. */
  resource: Resource;
  /** The column that holds the shop: every row filter starts with it. */
  shopField: 'shop_id' | 'shop' | 'id';
  /**
   * The matrix action that grants each operation through /items. null: not through /items (the
   * operation exists only as an /api business action, or not at all); '*': every shop role.
   */
  ops: Record<Crud, string | null>;
  /** Extra row filter per role, on top of the shop filter, for read, update and delete. */
  scope?: Partial<Record<ShopRole, Filter>>;
  /** Fields only Owners read (cost prices, margins). */
  ownerOnlyFields?: readonly string[];
  /** Fields no shop role reads. */
  hiddenFields?: readonly string[];
  /** Fields no shop role writes through /items: set by the server or by /api business actions. */
  serverFields?: readonly string[];
  /** When set, the only fields a shop role may write through /items. */
  writableFields?: readonly string[];
  /** When set, the only fields a shop role may read. */
  readableFields?: Partial<Record<ShopRole, readonly string[]>>;
  /** Allowed values of fields on create and update (e.g. which roles an Owner may give). */
  validation?: Filter;
}

/** Columns the server sets on every tenant row; a client never writes them. */
export const SERVER_COLUMNS = ['id', 'shop_id', 'created_at', 'updated_at', 'created_by'] as const;

const me = '$CURRENT_USER';
const own = (field: string): Filter => ({ [field]: { _eq: me } });

const USER_PROFILE_FIELDS = [
  'id',
  'first_name',
  'last_name',
  'email',
  'phone',
  'role',
  'status',
  'shop',
  'location_id',
  'avatar',
  'language',
  'last_access',
] as const;

export const COLLECTION_RULES: readonly CollectionRule[] = [
  {
    collection: 'sales',
    resource: 'sales',
    shopField: 'shop_id',
    // Checkout, edits (which re-balance stock), approval, lock, reversal and deletion are /api actions.
    ops: { create: null, read: 'read', update: null, delete: null },
    scope: { Staff: own('created_by') },
  },
  {
    collection: 'sale_items',
    resource: 'sales',
    shopField: 'shop_id',
    ops: { create: null, read: 'read', update: null, delete: null },
    scope: { Staff: { sale_id: own('created_by') } },
    ownerOnlyFields: ['unit_cost'],
  },
  {
    collection: 'sale_payments',
    resource: 'sales',
    shopField: 'shop_id',
    ops: { create: null, read: 'read', update: null, delete: null },
    scope: { Staff: { sale_id: own('created_by') } },
  },
  {
    collection: 'repairs',
    resource: 'repairs',
    shopField: 'shop_id',
    // Registration (customer and device lookup, numbering) and status changes are /api actions.
    ops: { create: null, read: 'read', update: 'update', delete: 'delete' },
    scope: { Staff: { _or: [own('technician_id'), own('created_by')] } },
    ownerOnlyFields: ['parts_cost'],
    serverFields: [
      'repair_number',
      'status',
      'actual_completion',
      'warranty_expires_at',
      'is_editable',
      'technician_id',
    ],
  },
  {
    collection: 'repair_status_history',
    resource: 'repairs',
    shopField: 'shop_id',
    ops: { create: null, read: 'read', update: null, delete: null },
    scope: { Staff: { repair_id: { _or: [own('technician_id'), own('created_by')] } } },
  },
  {
    collection: 'devices',
    resource: 'devices',
    shopField: 'shop_id',
    ops: { create: 'create', read: 'read', update: 'update', delete: 'delete' },
    ownerOnlyFields: ['purchase_price'],
  },
  {
    collection: 'products',
    resource: 'products',
    shopField: 'shop_id',
    ops: { create: 'create', read: 'read', update: 'update', delete: 'delete' },
    ownerOnlyFields: ['cost_price'],
    // Stock changes only through sales and adjustments, each with a movement in the ledger.
    serverFields: ['stock_quantity'],
  },
  {
    collection: 'stock_movements',
    resource: 'products',
    shopField: 'shop_id',
    ops: { create: null, read: 'adjust_stock', update: null, delete: null },
  },
  {
    collection: 'customers',
    resource: 'customers',
    shopField: 'shop_id',
    ops: { create: 'create', read: 'read', update: 'update', delete: 'delete' },
    // Erasure is an /api action (POST /api/customers/:id/erase).
    serverFields: ['loyalty_points', 'total_purchases', 'erased_at', 'erased_by'],
  },
  {
    collection: 'loyalty_transactions',
    resource: 'customers',
    shopField: 'shop_id',
    ops: { create: null, read: 'read', update: null, delete: null },
  },
  {
    collection: 'daily_closures',
    resource: 'closures',
    shopField: 'shop_id',
    // Expected amounts and variance are computed by the server: create and edit are /api actions.
    ops: { create: null, read: 'read', update: null, delete: 'delete' },
    scope: { Staff: own('submitted_by') },
  },
  {
    collection: 'expenses',
    resource: 'expenses',
    shopField: 'shop_id',
    ops: { create: 'create', read: 'read', update: 'update', delete: 'delete' },
    serverFields: ['status', 'approved_by', 'approved_at', 'rejection_reason'],
  },
  {
    collection: 'audit_logs',
    resource: 'audit_logs',
    shopField: 'shop_id',
    ops: { create: null, read: 'read', update: null, delete: null },
  },
  {
    // Sale numbers taken but never stored, with their cause: part of the shop's trail (the Owner's),
    // read-only; written by the server alone (services/numbering.ts).
    collection: 'number_gaps',
    resource: 'audit_logs',
    shopField: 'shop_id',
    ops: { create: null, read: 'read', update: null, delete: null },
  },
  {
    collection: 'settings',
    resource: 'settings',
    shopField: 'shop_id',
    ops: { create: 'update', read: 'update', update: 'update', delete: 'update' },
  },
  {
    collection: 'locations',
    resource: 'settings',
    shopField: 'shop_id',
    ops: { create: 'update', read: '*', update: 'update', delete: 'update' },
  },
  {
    collection: 'webhooks',
    resource: 'settings',
    shopField: 'shop_id',
    // Created, changed, tested and deleted through /api/webhooks only: the URL is checked for where it
    // leads, the secret is made by the server and shown once, and every change is audited.
    ops: { create: null, read: 'update', update: null, delete: null },
    hiddenFields: ['secret', 'previous_secret'],
  },
  {
    collection: 'webhook_deliveries',
    resource: 'settings',
    shopField: 'shop_id',
    ops: { create: null, read: 'update', update: null, delete: null },
    // The shop's own webhooks' deliveries; those to the platform's automations are the platform's.
    scope: { Owner: { webhook_id: { _nnull: true } } },
    hiddenFields: ['lease_token'],
  },
  {
    collection: 'webhook_attempts',
    resource: 'settings',
    shopField: 'shop_id',
    ops: { create: null, read: 'update', update: null, delete: null },
    scope: { Owner: { webhook_id: { _nnull: true } } },
    hiddenFields: ['sent_by'],
  },
  {
    collection: 'commission_rules',
    resource: 'staff',
    shopField: 'shop_id',
    ops: { create: 'update', read: 'update', update: 'update', delete: 'update' },
  },
  {
    collection: 'notifications',
    resource: 'settings',
    shopField: 'shop_id',
    // Everyone reads and marks read their own notifications; the server writes them.
    ops: { create: null, read: '*', update: '*', delete: null },
    scope: { Owner: own('user_id'), Supervisor: own('user_id'), Staff: own('user_id') },
    writableFields: ['is_read'],
  },
  {
    collection: 'shops',
    resource: 'settings',
    shopField: 'id',
    // Every role reads its own shop's profile (name, currency, timezone for receipts and amounts);
    // the Owner edits it. Plan and status belong to the platform.
    ops: { create: null, read: '*', update: 'update', delete: null },
    serverFields: ['slug', 'code', 'subscription_plan', 'subscription_expires_at', 'is_active'],
  },
  {
    collection: 'directus_users',
    resource: 'staff',
    shopField: 'shop',
    ops: { create: 'create', read: 'read', update: 'update', delete: 'delete' },
    readableFields: {
      Owner: USER_PROFILE_FIELDS,
      Supervisor: USER_PROFILE_FIELDS,
    },
    writableFields: [
      'first_name',
      'last_name',
      'email',
      'password',
      'phone',
      'role',
      'status',
      'location_id',
      'avatar',
      'language',
    ],
  },
  {
    collection: 'directus_files',
    resource: 'settings',
    shopField: 'shop',
    // Logos, product pictures, device photos and expense receipts: read and uploaded by every role
    // of the shop (a cashier photographs a device at intake), changed and deleted by the Owner.
    ops: { create: '*', read: '*', update: 'update', delete: 'update' },
  },
];

export const TENANT_COLLECTIONS: readonly string[] = COLLECTION_RULES.filter(
  (r) => r.shopField === 'shop_id',
).map((r) => r.collection);

export function ruleFor(collection: string): CollectionRule | undefined {
  return COLLECTION_RULES.find((r) => r.collection === collection);
}

/** Whether a role may perform a CRUD operation on a collection through /items, by the matrix. */
export function allowsOverItems(rule: CollectionRule, role: ShopRole, op: Crud): boolean {
  const action = rule.ops[op];
  if (action === null) return false;
  if (action === '*') return true;
  return can(role, rule.resource, action);
}

export { SHOP_ROLES };
