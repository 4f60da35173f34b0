import { describe, expect, it } from 'vitest';
import { desiredPermissions } from './policies.ts';
import { POLICY_IDS } from './roles.ts';
import { COLLECTION_RULES, TENANT_COLLECTIONS } from './rules.ts';

const COLUMNS: Record<string, string[]> = {
  products: [
    'id',
    'shop_id',
    'name',
    'cost_price',
    'selling_price',
    'stock_quantity',
    'created_by',
    'created_at',
  ],
  devices: ['id', 'shop_id', 'imei_serial', 'purchase_price', 'selling_price', 'created_by'],
  sale_items: ['id', 'shop_id', 'sale_id', 'unit_price', 'unit_cost'],
};
const rows = desiredPermissions((collection) => COLUMNS[collection] ?? ['id', 'shop_id', 'notes']);
const ownerPolicy = POLICY_IDS.Owner;

describe('permissions derived from the matrix', () => {
  it('never lets a shop role write the shop column on update', () => {
    for (const row of rows.filter((r) => r.action === 'update')) {
      expect(row.fields, row.collection).not.toContain('shop_id');
      expect(row.fields, row.collection).not.toContain('shop');
    }
  });

  it('limits every tenant row filter and create validation to the caller’s shop', () => {
    for (const row of rows.filter((r) => TENANT_COLLECTIONS.includes(r.collection))) {
      const text = JSON.stringify(row.action === 'create' ? row.validation : row.permissions);
      expect(text, `${row.collection} ${row.action}`).toContain('"shop_id":{"_eq":"$CURRENT_USER.shop"}');
    }
  });

  it('shows cost prices to Owners only', () => {
    for (const [collection, field] of [
      ['products', 'cost_price'],
      ['devices', 'purchase_price'],
      ['sale_items', 'unit_cost'],
    ] as const) {
      for (const row of rows.filter((r) => r.collection === collection && r.action === 'read')) {
        expect(row.fields.includes(field), `${collection} for ${row.policy}`).toBe(
          row.policy === ownerPolicy,
        );
      }
    }
  });

  it('grants nothing on Directus internals that would bypass the rules', () => {
    const internals = [
      'directus_revisions',
      'directus_access',
      'directus_policies',
      'directus_permissions',
      'directus_flows',
      'directus_settings',
    ];
    expect(rows.filter((r) => internals.includes(r.collection))).toEqual([]);
  });

  it('covers every collection rule for the Owner', () => {
    const covered = new Set(rows.filter((r) => r.policy === ownerPolicy).map((r) => r.collection));
    for (const rule of COLLECTION_RULES) expect(covered.has(rule.collection), rule.collection).toBe(true);
  });
});
