// Applies access as code: the shop roles, their policies and permissions (snapshots/access), and the
// security settings, through the REST API as the platform admin. Idempotent: it compares what
// Directus holds with what the rules derive and changes only the difference, so a second run
// reports no change.
import { isDeepStrictEqual } from 'node:util';
import { SHOP_ROLES } from '../snapshots/access/matrix.ts';
import { desiredPermissions, type PermissionRow } from '../snapshots/access/policies.ts';
import { POLICY_IDS, ROLE_DEFINITIONS, ROLE_IDS } from '../snapshots/access/roles.ts';
import { COLLECTION_RULES } from '../snapshots/access/rules.ts';
import type { Session } from './admin-client.ts';

export interface AccessChanges {
  created: number;
  updated: number;
  deleted: number;
  summary: string;
}

/**
 * Security settings of the spec: a password policy. Directus's own lockout is off: it suspends an
 * account for good after a number of failures by anyone, anywhere (a stranger's kill switch), and
 * answered the last attempt with tokens while suspending it. The extension's lockout replaces it:
 * temporary, per e-mail and address (extensions/phone-shop/src/security/sign-in-rules.ts).
 */
export const SECURITY_SETTINGS = {
  project_name: 'Phone Shop Platform',
  auth_login_attempts: null,
  // At least 10 characters with a letter and a digit.
  auth_password_policy: '/^(?=.*[A-Za-z])(?=.*\\d).{10,}$/',
  public_registration: false,
} as const;

interface StoredPermission extends PermissionRow {
  id: number;
}

function normalise(row: PermissionRow): PermissionRow {
  return {
    policy: row.policy,
    collection: row.collection,
    action: row.action,
    permissions: row.permissions ?? null,
    validation: row.validation ?? null,
    presets: row.presets ?? null,
    fields: [...row.fields].sort(),
  };
}

async function columnsByCollection(admin: Session): Promise<Map<string, string[]>> {
  const fields = await admin.call<{ collection: string; field: string; type: string }[]>('GET', '/fields');
  const columns = new Map<string, string[]>();
  for (const f of fields) {
    if (f.type === 'alias') continue;
    columns.set(f.collection, [...(columns.get(f.collection) ?? []), f.field]);
  }
  for (const rule of COLLECTION_RULES) {
    if (!columns.has(rule.collection))
      throw new Error(`collection ${rule.collection} is missing from the schema`);
  }
  return columns;
}

/**
 * Studio bookmarks for everyone: the platform admin's dead letters across shops (a shop's Owner sees
 * the same bookmark over their own shop's rows only).
 */
const BOOKMARKS = [
  {
    bookmark: 'Dead letters',
    collection: 'webhook_deliveries',
    user: null,
    role: null,
    icon: 'report',
    color: '#E35169',
    layout: 'tabular',
    layout_query: {
      tabular: {
        fields: [
          'shop_id',
          'subscriber',
          'webhook_id',
          'event_type',
          'attempts',
          'last_status_code',
          'last_error',
          'updated_at',
        ],
        sort: ['-updated_at'],
        limit: 100,
      },
    },
    filter: { status: { _eq: 'dead' } },
  },
] as const;

export async function applyAccess(admin: Session): Promise<AccessChanges> {
  let created = 0;
  let updated = 0;
  let deleted = 0;

  for (const role of SHOP_ROLES) {
    const definition = ROLE_DEFINITIONS[role];
    const policy = {
      name: `Shop ${role}`,
      icon: definition.icon,
      description: definition.description,
      admin_access: false,
      app_access: definition.appAccess,
      enforce_tfa: false,
    };
    const existingPolicy = await admin.request<{ data: Record<string, unknown> }>(
      'GET',
      `/policies/${POLICY_IDS[role]}`,
    );
    if (existingPolicy.status !== 200) {
      await admin.call('POST', '/policies', { id: POLICY_IDS[role], ...policy });
      created++;
    } else if (Object.entries(policy).some(([k, v]) => existingPolicy.body.data[k] !== v)) {
      await admin.call('PATCH', `/policies/${POLICY_IDS[role]}`, policy);
      updated++;
    }

    const roleRow = { name: role, icon: definition.icon, description: definition.description };
    const existingRole = await admin.request<{ data: Record<string, unknown> }>(
      'GET',
      `/roles/${ROLE_IDS[role]}`,
    );
    if (existingRole.status !== 200) {
      await admin.call('POST', '/roles', { id: ROLE_IDS[role], ...roleRow });
      created++;
    } else if (Object.entries(roleRow).some(([k, v]) => existingRole.body.data[k] !== v)) {
      await admin.call('PATCH', `/roles/${ROLE_IDS[role]}`, roleRow);
      updated++;
    }

    // The role's only policy is its own: nothing else grants a shop role rights.
    const links = await admin.call<{ id: string; policy: string }[]>(
      'GET',
      `/access?filter[role][_eq]=${ROLE_IDS[role]}&fields=id,policy&limit=-1`,
    );
    if (!links.some((l) => l.policy === POLICY_IDS[role])) {
      await admin.call('POST', '/access', { role: ROLE_IDS[role], policy: POLICY_IDS[role] });
      created++;
    }
    for (const link of links.filter((l) => l.policy !== POLICY_IDS[role])) {
      await admin.call('DELETE', `/access/${link.id}`);
      deleted++;
    }
  }

  const columns = await columnsByCollection(admin);
  const desired = desiredPermissions((c) => columns.get(c) ?? []).map(normalise);
  const policyIds = Object.values(POLICY_IDS).join(',');
  const stored = await admin.call<StoredPermission[]>(
    'GET',
    `/permissions?filter[policy][_in]=${policyIds}&limit=-1&fields=id,policy,collection,action,permissions,validation,presets,fields`,
  );
  const key = (r: PermissionRow): string => `${r.policy}|${r.collection}|${r.action}`;
  const storedByKey = new Map(stored.map((r) => [key(r), r]));
  const desiredKeys = new Set(desired.map(key));

  const toCreate = desired.filter((r) => !storedByKey.has(key(r)));
  if (toCreate.length > 0) await admin.call('POST', '/permissions', toCreate);
  created += toCreate.length;
  for (const row of desired) {
    const existing = storedByKey.get(key(row));
    if (existing && !isDeepStrictEqual(normalise(existing), row)) {
      await admin.call('PATCH', `/permissions/${existing.id}`, row);
      updated++;
    }
  }
  const toDelete = stored.filter((r) => !desiredKeys.has(key(r))).map((r) => r.id);
  if (toDelete.length > 0) await admin.call('DELETE', '/permissions', toDelete);
  deleted += toDelete.length;

  const settings = await admin.call<Record<string, unknown>>('GET', '/settings');
  const settingChanges = Object.fromEntries(
    Object.entries(SECURITY_SETTINGS).filter(([k, v]) => settings[k] !== v),
  );
  if (Object.keys(settingChanges).length > 0) {
    await admin.call('PATCH', '/settings', settingChanges);
    updated++;
  }

  for (const bookmark of BOOKMARKS) {
    const found = await admin.call<{ id: number }[]>(
      'GET',
      `/presets?filter[bookmark][_eq]=${encodeURIComponent(bookmark.bookmark)}&filter[collection][_eq]=${bookmark.collection}&filter[user][_null]=true&filter[role][_null]=true&fields=id`,
    );
    if (found.length === 0) {
      await admin.call('POST', '/presets', bookmark);
      created++;
    }
  }

  const total = created + updated + deleted;
  return {
    created,
    updated,
    deleted,
    summary: total === 0 ? 'up to date' : `${created} created, ${updated} updated, ${deleted} deleted`,
  };
}
