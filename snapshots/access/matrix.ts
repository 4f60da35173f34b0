// The spec's PERMISSIONS matrix, verbatim: the single source of truth for what each shop role may do.
// The Directus policies (rules.ts), the /api endpoints and the front end's menus are all derived from it.

export const SHOP_ROLES = ['Owner', 'Supervisor', 'Staff'] as const;
export type ShopRole = (typeof SHOP_ROLES)[number];

export const PERMISSIONS = {
  Owner: {
    sales: ['create', 'read', 'update', 'delete', 'approve', 'lock'],
    repairs: ['create', 'read', 'update', 'delete', 'assign', 'complete'],
    devices: ['create', 'read', 'update', 'delete'],
    products: ['create', 'read', 'update', 'delete', 'adjust_stock'],
    customers: ['create', 'read', 'update', 'delete'],
    closures: ['create', 'read', 'update', 'delete', 'approve'],
    staff: ['create', 'read', 'update', 'delete', 'suspend'],
    expenses: ['create', 'read', 'update', 'delete', 'approve'],
    reports: ['view_all', 'export'],
    audit_logs: ['read'],
    settings: ['update'],
  },
  Supervisor: {
    sales: ['create', 'read', 'update'],
    repairs: ['create', 'read', 'update', 'assign', 'complete'],
    devices: ['create', 'read', 'update'],
    products: ['read', 'adjust_stock'],
    customers: ['create', 'read', 'update'],
    closures: ['create', 'read', 'update', 'review'],
    staff: ['read'],
    expenses: ['create', 'read'],
    reports: ['view_limited', 'export'],
    audit_logs: [],
    settings: [],
  },
  Staff: {
    sales: ['create', 'read'],
    repairs: ['create', 'read'],
    devices: ['create', 'read'],
    products: ['read'],
    customers: ['create', 'read'],
    closures: ['create', 'read'],
    staff: [],
    expenses: [],
    reports: [],
    audit_logs: [],
    settings: [],
  },
} as const satisfies Record<ShopRole, Record<string, readonly string[]>>;

export type Resource = keyof (typeof PERMISSIONS)['Owner'];
export type Action<R extends Resource = Resource> = (typeof PERMISSIONS)[ShopRole][R][number];

export const RESOURCES = Object.keys(PERMISSIONS.Owner) as Resource[];

/** Whether a shop role may perform an action on a resource. */
export function can(role: ShopRole, resource: Resource, action: string): boolean {
  const allowed: readonly string[] = PERMISSIONS[role][resource];
  return allowed.includes(action);
}

export function isShopRole(value: unknown): value is ShopRole {
  return typeof value === 'string' && (SHOP_ROLES as readonly string[]).includes(value);
}
