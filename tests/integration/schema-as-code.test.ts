// Schema and access as code: applying the migrations, the snapshot's metadata and the access rules
// to an up-to-date database changes nothing; the snapshot agrees with the migrated columns (a
// Directus schema diff finds nothing to change); the demo data is seeded once.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { applyAccess } from '../../directus/access.ts';
import { SNAPSHOT_FILE } from '../../directus/instance.ts';
import { applyMetadata } from '../../directus/metadata.ts';
import { migrateLatest } from '../../directus/migrate.ts';
import { seedDemo } from '../../directus/seed.ts';
import { as, closeDb, db } from '../support/context.ts';
import { DEMO_PASSWORD } from '../setup/instance.ts';

afterAll(closeDb);

describe('schema and access as code', () => {
  it('a second run of the migrations, the metadata and the access rules changes nothing', async () => {
    const databaseUrl = inject('databaseUrl');
    expect(await migrateLatest(databaseUrl)).toEqual([]);
    expect(await applyMetadata(databaseUrl, SNAPSHOT_FILE)).toBe(0);
    const changes = await applyAccess(await as('admin'));
    expect(changes).toMatchObject({ created: 0, updated: 0, deleted: 0 });
  });

  it('the snapshot describes exactly the migrated schema: Directus finds no difference', async () => {
    const admin = await as('admin');
    const snapshot: unknown = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8'));
    const diff = await admin.request('POST', '/schema/diff?force=true', snapshot);
    expect(diff.status, JSON.stringify(diff.body).slice(0, 2000)).toBe(204);
  });

  it('PostgreSQL holds the constraints the snapshot cannot carry', async () => {
    const constraints: { conname: string }[] = await db()('pg_constraint').select('conname');
    const names = constraints.map((c) => c.conname);
    expect(names).toEqual(
      expect.arrayContaining([
        'products_stock_quantity_check',
        'devices_shop_imei_serial_key',
        'daily_closures_shop_date_key',
        'sales_shop_sale_number_key',
        'repairs_shop_repair_number_key',
        'sale_items_product_id_same_shop',
        'devices_customer_id_same_shop',
        'repairs_technician_id_same_shop',
      ]),
    );
  });

  it('seeds the demo shops only once', async () => {
    const shopsBefore = await db()('shops').count({ n: '*' }).first();
    expect(await seedDemo(await as('admin'), inject('databaseUrl'), DEMO_PASSWORD)).toBe(false);
    expect(await db()('shops').count({ n: '*' }).first()).toEqual(shopsBefore);
  });

  it('the audit trail is append-only in the database itself', async () => {
    const shop: { id: number } = await db()('shops').first('id');
    const [row] = (await db()('audit_logs')
      .insert({ shop_id: shop.id, entity_type: 'test', entity_id: '1', action: 'create' })
      .returning('id')) as [{ id: number }];
    await expect(db()('audit_logs').where({ id: row.id }).update({ action: 'tampered' })).rejects.toThrow(
      /append-only/,
    );
    await expect(db()('audit_logs').where({ id: row.id }).delete()).rejects.toThrow(/append-only/);
  });
});
