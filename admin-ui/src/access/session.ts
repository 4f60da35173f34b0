// Who is signed in: the account, its shop role and its shop (currency, timezone), read once from
// /users/me after the login and kept in localStorage so that a reload on a weak connection paints
// the app at once. Rights come from the same permission matrix module as the backend.
import { readMe } from '@directus/sdk';
import { can as matrixCan, type Resource, type ShopRole } from '../../../snapshots/access/matrix.ts';
import { shopRoleOf } from '../../../snapshots/access/roles.ts';
import { directus, sdk } from '../api/client.ts';

export interface Shop {
  id: number;
  name: string;
  code: string;
  currency: string;
  timezone: string;
  country: string;
}

export interface Identity {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  fullName: string;
  language: string | null;
  role: ShopRole;
  shop: Shop;
}

const IDENTITY_KEY = 'phone-shop.identity';

/** The profile's two-factor section, where an account the shop requires it of is sent. */
export const TWO_FACTOR_SECTION = '/profile#two-factor';
let current: Identity | null = null;

interface MeRow {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  language: string | null;
  role: string | null;
  shop: {
    id: number;
    shop_name: string;
    code: string | null;
    currency: string | null;
    timezone: string | null;
    country: string | null;
  } | null;
}

export class NotAShopAccount extends Error {
  constructor() {
    super('This account does not belong to a shop (the platform admin uses Directus Studio at /admin).');
  }
}

export async function loadIdentity(): Promise<Identity> {
  const me = (await sdk(() =>
    directus.request(
      readMe({
        fields: [
          'id',
          'email',
          'first_name',
          'last_name',
          'language',
          'role',
          'shop.id',
          'shop.shop_name',
          'shop.code',
          'shop.currency',
          'shop.timezone',
          'shop.country',
        ],
      }),
    ),
  )) as unknown as MeRow;
  const role = shopRoleOf(me.role);
  if (!role || !me.shop) throw new NotAShopAccount();
  const firstName = me.first_name ?? '';
  const lastName = me.last_name ?? '';
  current = {
    id: me.id,
    email: me.email ?? '',
    firstName,
    lastName,
    fullName: `${firstName} ${lastName}`.trim() || (me.email ?? ''),
    language: me.language,
    role,
    shop: {
      id: me.shop.id,
      name: me.shop.shop_name,
      code: me.shop.code ?? '',
      currency: me.shop.currency ?? 'UGX',
      timezone: me.shop.timezone ?? 'Africa/Kampala',
      country: me.shop.country ?? 'UG',
    },
  };
  localStorage.setItem(IDENTITY_KEY, JSON.stringify(current));
  return current;
}

export function identity(): Identity | null {
  if (current) return current;
  const raw = localStorage.getItem(IDENTITY_KEY);
  current = raw ? (JSON.parse(raw) as Identity) : null;
  return current;
}

const LOGIN_NOTICE_KEY = 'phone-shop.login-notice';

/** A notice (an i18n key) for the sign-in page, when the page that knows it will be gone by then. */
export function leaveLoginNotice(key: string): void {
  sessionStorage.setItem(LOGIN_NOTICE_KEY, key);
}

/** The notice left for the sign-in page, once. */
export function takeLoginNotice(): string | null {
  const key = sessionStorage.getItem(LOGIN_NOTICE_KEY);
  sessionStorage.removeItem(LOGIN_NOTICE_KEY);
  return key;
}

export function forgetIdentity(): void {
  current = null;
  localStorage.removeItem(IDENTITY_KEY);
}

/** react-admin resource names (URLs) and the matrix resource that governs each. */
const RESOURCE_OF: Record<string, Resource> = {
  sales: 'sales',
  pos: 'sales',
  repairs: 'repairs',
  devices: 'devices',
  products: 'products',
  'purchase-orders': 'products',
  customers: 'customers',
  closures: 'closures',
  staff: 'staff',
  expenses: 'expenses',
  'audit-logs': 'audit_logs',
  reports: 'reports',
  settings: 'settings',
};

/** react-admin's generic actions expressed as the matrix's verbs. */
const ACTION_OF: Record<string, string> = {
  list: 'read',
  show: 'read',
  create: 'create',
  edit: 'update',
  delete: 'delete',
};

/**
 * Resources whose actions are other rights of their matrix resource than the generic mapping, as
 * their /api routes check them: purchase orders are read and received by whoever adjusts stock,
 * created, cancelled and printed (at cost) by whoever creates products, and never edited or deleted.
 */
const RIGHTS_OF: Record<string, Record<string, string>> = {
  'purchase-orders': {
    list: 'adjust_stock',
    show: 'adjust_stock',
    receive: 'adjust_stock',
    create: 'create',
    cancel: 'create',
    pdf: 'create',
  },
};

/**
 * Whether a role may do `action` on a react-admin resource. Pages that everyone has (dashboard,
 * profile) are always allowed; reports need either report right; settings and audit logs follow
 * their single matrix right; the point of sale is the right to create sales.
 */
export function roleCan(role: ShopRole, resource: string, action: string): boolean {
  if (resource === 'dashboard' || resource === 'profile') return true;
  const base = resource.split('.')[0] ?? resource;
  const matrixResource = RESOURCE_OF[base];
  if (!matrixResource) return false;
  const rights = RIGHTS_OF[base];
  if (rights) {
    const right = rights[action];
    return right ? matrixCan(role, matrixResource, right) : false;
  }
  if (matrixResource === 'reports') {
    if (action === 'export') return matrixCan(role, 'reports', 'export');
    return matrixCan(role, 'reports', 'view_all') || matrixCan(role, 'reports', 'view_limited');
  }
  if (matrixResource === 'settings') return matrixCan(role, 'settings', 'update');
  if (matrixResource === 'audit_logs')
    return action === 'list' || action === 'show' || action === 'read'
      ? matrixCan(role, 'audit_logs', 'read')
      : false;
  if (base === 'pos') return matrixCan(role, 'sales', 'create');
  // A customer's personal data leaves the shop only with the rights the server's export checks:
  // reading customers, exporting, and the audit trail that records the export (Owners today).
  if (base === 'customers' && action === 'export_data')
    return (
      matrixCan(role, 'customers', 'read') &&
      matrixCan(role, 'reports', 'export') &&
      matrixCan(role, 'audit_logs', 'read')
    );
  if (base === 'customers' && action === 'erase') return matrixCan(role, 'customers', 'delete');
  if (action === 'export')
    return matrixCan(role, 'reports', 'export') && matrixCan(role, matrixResource, 'read');
  return matrixCan(role, matrixResource, ACTION_OF[action] ?? action);
}

export function can(resource: string, action: string): boolean {
  const me = identity();
  return me ? roleCan(me.role, resource, action) : false;
}
