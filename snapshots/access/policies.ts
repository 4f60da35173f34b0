// Turns the collection rules into Directus permission rows, one policy per shop role. Pure: the
// columns of each collection come from the caller (the live schema), so that a new column is covered
// by re-running apply-access, and the result can be compared with what Directus holds.
import { SHOP_ROLES, type ShopRole } from './matrix.ts';
import { POLICY_IDS, ROLE_IDS } from './roles.ts';
import {
  allowsOverItems,
  COLLECTION_RULES,
  CRUD,
  SERVER_COLUMNS,
  type CollectionRule,
  type Crud,
  type Filter,
} from './rules.ts';

export interface PermissionRow {
  policy: string;
  collection: string;
  action: Crud;
  permissions: Filter | null;
  validation: Filter | null;
  presets: Record<string, unknown> | null;
  fields: string[];
}

const MY_SHOP = '$CURRENT_USER.shop';
const ME = '$CURRENT_USER';

const and = (a: Filter, b: Filter | undefined): Filter => (b ? { _and: [a, b] } : a);
const without = (columns: readonly string[], excluded: readonly string[]): string[] =>
  columns.filter((c) => !excluded.includes(c)).sort();

function shopFilter(rule: CollectionRule): Filter {
  return { [rule.shopField]: { _eq: MY_SHOP } };
}

function readableFields(rule: CollectionRule, role: ShopRole, columns: readonly string[]): string[] {
  const explicit = rule.readableFields?.[role];
  if (explicit) return [...explicit].sort();
  const hidden = [...(rule.hiddenFields ?? []), ...(role === 'Owner' ? [] : (rule.ownerOnlyFields ?? []))];
  return without(columns, hidden);
}

function writableFields(rule: CollectionRule, columns: readonly string[]): string[] {
  if (rule.writableFields) return [...rule.writableFields].sort();
  return without(columns, [...SERVER_COLUMNS, ...(rule.serverFields ?? [])]);
}

const SHOP_ROLE_IDS = Object.values(ROLE_IDS);
const SELF_PROFILE_FIELDS = ['avatar', 'first_name', 'language', 'last_name', 'password', 'phone'];

/** directus_users: the matrix's "staff" rights, plus every account's own profile. */
function userPermissions(
  rule: CollectionRule,
  role: ShopRole,
  op: Crud,
): Omit<PermissionRow, 'policy'> | null {
  const base = { collection: rule.collection, action: op, presets: null, validation: null };
  const matrix = allowsOverItems(rule, role, op);
  const self: Filter = { id: { _eq: ME } };
  switch (op) {
    case 'read':
      return {
        ...base,
        permissions: matrix ? shopFilter(rule) : self,
        fields: [...(rule.readableFields?.[role] ?? rule.readableFields?.Owner ?? [])].sort(),
      };
    case 'update':
      return matrix
        ? {
            ...base,
            permissions: shopFilter(rule),
            validation: { role: { _in: SHOP_ROLE_IDS } },
            fields: writableFields(rule, []),
          }
        : { ...base, permissions: self, fields: SELF_PROFILE_FIELDS };
    case 'create':
      return matrix
        ? {
            ...base,
            permissions: null,
            validation: { _and: [shopFilter(rule), { role: { _in: SHOP_ROLE_IDS } }] },
            presets: { shop: MY_SHOP },
            fields: [...writableFields(rule, []), 'shop'].sort(),
          }
        : null;
    case 'delete':
      return matrix
        ? { ...base, permissions: { _and: [shopFilter(rule), { id: { _neq: ME } }] }, fields: ['*'] }
        : null;
  }
}

/** directus_files: uploads carry the shop through a preset and a validation rule. */
function filePermissions(rule: CollectionRule, op: Crud): Omit<PermissionRow, 'policy'> {
  const filter = shopFilter(rule);
  return {
    collection: rule.collection,
    action: op,
    permissions: op === 'create' ? null : filter,
    validation: op === 'create' || op === 'update' ? filter : null,
    presets: op === 'create' ? { shop: MY_SHOP } : null,
    fields: ['*'],
  };
}

function tenantPermissions(
  rule: CollectionRule,
  role: ShopRole,
  op: Crud,
  columns: readonly string[],
): Omit<PermissionRow, 'policy'> {
  const filter = shopFilter(rule);
  const scoped = and(filter, rule.scope?.[role]);
  const author = columns.includes('created_by') ? ['created_by'] : [];
  switch (op) {
    case 'read':
      return {
        collection: rule.collection,
        action: op,
        permissions: scoped,
        validation: null,
        presets: null,
        fields: readableFields(rule, role, columns),
      };
    case 'create':
      return {
        collection: rule.collection,
        action: op,
        permissions: null,
        validation: filter,
        presets: { [rule.shopField]: MY_SHOP },
        fields: [...writableFields(rule, columns), rule.shopField, ...author].sort(),
      };
    case 'update':
      return {
        collection: rule.collection,
        action: op,
        permissions: scoped,
        validation: rule.shopField === 'id' ? null : filter,
        presets: null,
        fields: writableFields(rule, columns),
      };
    case 'delete':
      return {
        collection: rule.collection,
        action: op,
        permissions: scoped,
        validation: null,
        presets: null,
        fields: ['*'],
      };
  }
}

/** Every permission row of the shop policies, given the columns of each collection. */
export function desiredPermissions(columnsOf: (collection: string) => readonly string[]): PermissionRow[] {
  const rows: PermissionRow[] = [];
  for (const role of SHOP_ROLES) {
    const policy = POLICY_IDS[role];
    for (const rule of COLLECTION_RULES) {
      for (const op of CRUD) {
        let row: Omit<PermissionRow, 'policy'> | null;
        if (rule.collection === 'directus_users') row = userPermissions(rule, role, op);
        else if (!allowsOverItems(rule, role, op)) row = null;
        else if (rule.collection === 'directus_files') row = filePermissions(rule, op);
        else row = tenantPermissions(rule, role, op, columnsOf(rule.collection));
        if (row) rows.push({ policy, ...row });
      }
    }
    // Every shop account reads the names of the shop roles (user lists, Studio).
    rows.push({
      policy,
      collection: 'directus_roles',
      action: 'read',
      permissions: { id: { _in: Object.values(ROLE_IDS) } },
      validation: null,
      presets: null,
      fields: ['description', 'icon', 'id', 'name'],
    });
  }
  return rows;
}
