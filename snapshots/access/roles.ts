// Fixed ids for the roles and policies, so that every environment, the tests and the front end agree
// on them and applying the access rules twice changes nothing.
import type { ShopRole } from './matrix.ts';

export const ROLE_IDS = {
  Owner: '5b0f6a2e-0c1d-4e7a-9a51-0d7c3b1e0a01',
  Supervisor: '5b0f6a2e-0c1d-4e7a-9a51-0d7c3b1e0a02',
  Staff: '5b0f6a2e-0c1d-4e7a-9a51-0d7c3b1e0a03',
} as const satisfies Record<ShopRole, string>;

export const POLICY_IDS = {
  Owner: '7c1e5d3a-2b4f-4c6d-8e9f-1a2b3c4d5e01',
  Supervisor: '7c1e5d3a-2b4f-4c6d-8e9f-1a2b3c4d5e02',
  Staff: '7c1e5d3a-2b4f-4c6d-8e9f-1a2b3c4d5e03',
} as const satisfies Record<ShopRole, string>;

/** Shop roles are never administrators; only Owners use Directus Studio (app access). */
export const ROLE_DEFINITIONS: Record<ShopRole, { icon: string; description: string; appAccess: boolean }> = {
  Owner: {
    icon: 'storefront',
    description: 'Runs one shop: every right of the matrix, in Studio too.',
    appAccess: true,
  },
  Supervisor: {
    icon: 'supervisor_account',
    description: 'Runs the counter and the repairs desk.',
    appAccess: false,
  },
  Staff: { icon: 'person', description: 'Sells, registers repairs and counts the drawer.', appAccess: false },
};

export function shopRoleOf(roleId: string | null | undefined): ShopRole | null {
  for (const [name, id] of Object.entries(ROLE_IDS) as [ShopRole, string][]) if (id === roleId) return name;
  return null;
}
