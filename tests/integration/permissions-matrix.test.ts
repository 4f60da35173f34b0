// The spec's tests/test_permissions.py, driven from the matrix module: for every collection, CRUD
// operation and shop role, one check that the live API allows or denies exactly as the matrix says
// (through the collection rules that say which matrix right governs each collection), and that what
// an allowed call reads or writes is exactly the caller's shop and scope, computed here from the
// database independently of the access rules.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOP_ROLES, type ShopRole } from '../../snapshots/access/matrix.ts';
import {
  allowsOverItems,
  COLLECTION_RULES,
  CRUD,
  type CollectionRule,
  type Crud,
} from '../../snapshots/access/rules.ts';
import { as, baseUrl, closeDb, db, KAMPALA_BY_ROLE, shopIds, type Session } from '../support/context.ts';
import { createPayload, insertRow, updatePayload } from '../support/fixtures.ts';

afterAll(closeDb);

const pathOf = (collection: string): string =>
  collection === 'directus_users'
    ? '/users'
    : collection === 'directus_files'
      ? '/files'
      : `/items/${collection}`;

let kampala: number;
const me = new Map<ShopRole, string>();

beforeAll(async () => {
  kampala = (await shopIds()).kampala;
  for (const role of SHOP_ROLES) {
    const session = await as(KAMPALA_BY_ROLE[role]);
    const user = await session.call<{ id: string }>('GET', '/users/me?fields=id');
    me.set(role, user.id);
  }
});

/** The ids a role must see in a collection, computed from the database, not from the rules. */
async function expectedReadableIds(collection: string, role: ShopRole, userId: string): Promise<string[]> {
  const knex = db();
  const shopColumn = collection === 'directus_users' || collection === 'directus_files' ? 'shop' : 'shop_id';
  let query = knex(collection).select('id');
  if (collection === 'shops') query = query.where('id', kampala);
  else query = query.where(shopColumn, kampala);
  if (role === 'Staff') {
    const ownRepairs = knex('repairs')
      .select('id')
      .where((q) => {
        void q.where('technician_id', userId).orWhere('created_by', userId);
      });
    const ownSales = knex('sales').select('id').where('created_by', userId);
    if (collection === 'sales') query = query.where('created_by', userId);
    if (collection === 'sale_items' || collection === 'sale_payments')
      query = query.whereIn('sale_id', ownSales);
    if (collection === 'repairs') query = query.whereIn('id', ownRepairs);
    if (collection === 'repair_status_history') query = query.whereIn('repair_id', ownRepairs);
    if (collection === 'daily_closures') query = query.where('submitted_by', userId);
    if (collection === 'directus_users') query = query.where('id', userId);
  }
  if (collection === 'notifications') query = query.where('user_id', userId);
  const rows = (await query) as { id: number | string }[];
  return rows.map((r) => String(r.id)).sort();
}

/** Rows a refused create could have written (the audit trail grows by itself, so only its test rows). */
async function countRows(collection: string): Promise<number> {
  const query = db()(collection);
  if (collection === 'audit_logs') void query.where({ entity_type: 'matrix-test' });
  const [row] = (await query.count({ n: '*' })) as [{ n: string }];
  return Number(row.n);
}

async function upload(session: Session): Promise<{ status: number; id?: string }> {
  const form = new FormData();
  // Uploads are judged by their content (security/uploads.ts): a minimal PDF is a document.
  form.append(
    'file',
    new Blob(['%PDF-1.4\n% matrix test file\n%%EOF\n'], { type: 'application/pdf' }),
    'matrix.pdf',
  );
  const response = await fetch(`${baseUrl()}/files`, {
    method: 'POST',
    headers: { authorization: `Bearer ${session.token}` },
    body: form,
  });
  const body = (await response.json()) as { data?: { id: string } };
  return { status: response.status, ...(body.data ? { id: body.data.id } : {}) };
}

/** What the matrix says for this role, collection and operation over /items. */
function expected(rule: CollectionRule, role: ShopRole, op: Crud): boolean {
  // Every account reads its own user record (its profile) whatever the matrix says about staff.
  if (rule.collection === 'directus_users' && op === 'read') return true;
  return allowsOverItems(rule, role, op);
}

describe.each(SHOP_ROLES)('as a Kampala %s', (role) => {
  for (const rule of COLLECTION_RULES) {
    for (const op of CRUD) {
      const allowed = expected(rule, role, op);
      it(`${allowed ? 'may' : 'may not'} ${op} ${rule.collection}`, async () => {
        const session = await as(KAMPALA_BY_ROLE[role]);
        const userId = me.get(role) ?? '';
        const path = pathOf(rule.collection);

        if (op === 'read') {
          const response = await session.request<{ data: { id: number | string }[] }>(
            'GET',
            `${path}?fields=id&limit=1`,
          );
          if (!allowed) return expect(response.status).toBe(403);
          expect(response.status).toBe(200);
          // Every readable row, page by page (a page holds at most QUERY_LIMIT_MAX rows).
          const seen: string[] = [];
          for (let page = 1; ; page++) {
            const rows = await session.call<{ id: number | string }[]>(
              'GET',
              `${path}?fields=id&sort=id&limit=1000&page=${page}`,
            );
            seen.push(...rows.map((r) => String(r.id)));
            if (rows.length < 1000) break;
          }
          expect(seen.sort()).toEqual(await expectedReadableIds(rule.collection, role, userId));
          return;
        }

        if (op === 'create') {
          if (rule.collection === 'directus_files') {
            const result = await upload(session);
            expect(result.status).toBe(allowed ? 200 : 403);
            const file = (await db()('directus_files')
              .where('id', result.id ?? '')
              .first()) as { shop: number } | undefined;
            if (allowed) expect(file?.shop).toBe(kampala);
            return;
          }
          const before = await countRows(rule.collection);
          const response = await session.request<{ data: Record<string, unknown> }>(
            'POST',
            path,
            createPayload(rule.collection),
          );
          if (!allowed) {
            expect(response.status).toBe(403);
            expect(await countRows(rule.collection)).toBe(before);
            return;
          }
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          const id = (response.body.data as { id: number | string }).id;
          const row = (await db()(rule.collection).where({ id }).first()) as Record<string, unknown>;
          expect(row[rule.shopField === 'shop' ? 'shop' : 'shop_id']).toBe(kampala);
          if ('created_by' in row) expect(row['created_by']).toBe(userId);
          return;
        }

        const target = await insertRow(rule.collection, kampala, userId);
        if (op === 'update') {
          const payload = updatePayload(rule.collection);
          const before = (await db()(rule.collection).where({ id: target }).first()) as Record<
            string,
            unknown
          >;
          const response = await session.request('PATCH', `${path}/${target}`, payload);
          const after = (await db()(rule.collection).where({ id: target }).first()) as Record<
            string,
            unknown
          >;
          if (!allowed) {
            expect(response.status).toBe(403);
            expect(after).toEqual(before);
            return;
          }
          expect(response.status, JSON.stringify(response.body)).toBe(200);
          for (const [field, value] of Object.entries(payload)) expect(after[field]).toEqual(value);
          return;
        }

        const response = await session.request('DELETE', `${path}/${target}`);
        const still: unknown = await db()(rule.collection).where({ id: target }).first();
        if (!allowed) {
          expect(response.status).toBe(403);
          expect(still).toBeDefined();
          return;
        }
        expect(response.status, JSON.stringify(response.body)).toBe(204);
        expect(still).toBeUndefined();
      });
    }
  }
});

describe('own profile', () => {
  it.each(SHOP_ROLES)(
    'a %s may edit its own name and phone, but not its role, status or shop',
    async (role) => {
      const session = await as(KAMPALA_BY_ROLE[role]);
      const original = (await db()('directus_users')
        .where({ id: me.get(role) })
        .first('last_name', 'phone')) as { last_name: string; phone: string };
      const ok = await session.request('PATCH', '/users/me', {
        last_name: `Checked ${role}`,
        phone: '+256772999999',
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const user = (await db()('directus_users')
        .where({ id: me.get(role) })
        .first()) as Record<string, unknown>;
      expect(user['last_name']).toBe(`Checked ${role}`);

      for (const change of [{ role: null }, { status: 'suspended' }, { shop: 2 }]) {
        const refused = await session.request('PATCH', '/users/me', change);
        expect(refused.status, JSON.stringify(change)).toBe(403);
      }
      const unchanged = (await db()('directus_users')
        .where({ id: me.get(role) })
        .first()) as Record<string, unknown>;
      expect(unchanged['status']).toBe('active');
      expect(unchanged['shop']).toBe(kampala);
      expect(unchanged['role']).toBe(user['role']);
      // Put the demo profile back: receipts and histories in other files show these names.
      expect((await session.request('PATCH', '/users/me', original)).status).toBe(200);
    },
  );
});
