// The fuzz pass over every /api write action (and the generic customer, expense and product writes):
// more than 10,000 payloads generated from the actions' zod schemas and mutated (fuzz/generate.ts),
// sent one after another as a shop of its own (so that nothing it does reaches the demo shops the
// other tests use). Expected: no answer of 5xx, and no row written by a refused request (a
// fingerprint of every table, rows and their last writing transaction, is the same before and
// after). Runs in the integration project, whose rate limits never refuse: a limited fuzz would
// test the limiter, which tests/security/rate-limits.test.ts does.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionWithToken, type Session } from '../../directus/admin-client.ts';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { shopSecuritySchema } from '../../extensions/phone-shop/src/endpoints/api/account.routes.ts';
import {
  correctionSchema,
  createSchema as closureSchema,
} from '../../extensions/phone-shop/src/endpoints/api/closures.routes.ts';
import {
  budgetSchema,
  createSchema as expenseSchema,
} from '../../extensions/phone-shop/src/endpoints/api/expenses.routes.ts';
import { adjustSchema } from '../../extensions/phone-shop/src/endpoints/api/inventory.routes.ts';
import { retentionSchema } from '../../extensions/phone-shop/src/endpoints/api/privacy.routes.ts';
import {
  orderSchema,
  receiveSchema,
} from '../../extensions/phone-shop/src/endpoints/api/purchase-orders.routes.ts';
import { loyaltySchema } from '../../extensions/phone-shop/src/endpoints/api/registry.routes.ts';
import {
  registerSchema,
  statusSchema,
} from '../../extensions/phone-shop/src/endpoints/api/repairs.routes.ts';
import { reasonSchema, saleSchema } from '../../extensions/phone-shop/src/endpoints/api/sales.routes.ts';
import { changesSchema, newStaffSchema } from '../../extensions/phone-shop/src/endpoints/api/staff.routes.ts';
import { as, baseUrl, db, shopIds } from '../support/context.ts';
import { freshImei } from '../support/fixtures.ts';
import { jsonSchemaOf, payloadsOf, sample, seeded, type Json } from './fuzz/generate.ts';

const SEED = 20261204;
const TOTAL = 10_200;
const PASSWORD = 'fuzz-password-123';

interface Action {
  name: string;
  method: string;
  /** The path, with the id given (a real one of the fuzz shop, or a mutated one). */
  path: (id: string) => string;
  as: 'owner' | 'staff';
  /** Where no zod schema exists (generic /items writes), the base body's own shape is mutated. */
  schema: z.ZodType | null;
  base: () => Json;
  /** The real id the path takes, when it takes one. */
  id?: () => string;
}

let shopId = 0;
let owner: Session;
let staff: Session;
const made: Record<string, number | string> = {};
const foreign: Record<string, number> = {};

async function fuzzShop(): Promise<void> {
  const [shop] = (await db()('shops')
    .insert({
      shop_name: 'Fuzz Phone Shop',
      slug: `fuzz-${randomUUID().slice(0, 6)}`,
      code: `FZ${String.fromCharCode(65 + Math.floor(Math.random() * 26), 65 + Math.floor(Math.random() * 26))}`,
      owner_name: 'Fuzz Owner',
      phone: '+256772000999',
      email: `fuzz-${randomUUID().slice(0, 6)}@example.com`,
      subscription_plan: 'enterprise',
      timezone: 'Africa/Kampala',
    })
    .returning('id')) as [{ id: number }];
  shopId = shop.id;
  const admin = await as('admin');
  const sessions: Session[] = [];
  for (const role of ['Owner', 'Staff'] as const) {
    const email = `fuzz-${role.toLowerCase()}-${randomUUID().slice(0, 6)}@example.com`;
    await admin.call('POST', '/users', {
      email,
      password: PASSWORD,
      first_name: `Fuzz ${role}`,
      role: ROLE_IDS[role],
      shop: shopId,
      status: 'active',
    });
    sessions.push(sessionWithToken(baseUrl(), await login(baseUrl(), email, PASSWORD)));
  }
  [owner, staff] = sessions as [Session, Session];

  const products = (await db()('products')
    .insert(
      Array.from({ length: 4 }, (_, i) => ({
        shop_id: shopId,
        name: `Fuzz cable ${String(i)}`,
        category: 'Chargers & Cables',
        selling_price: 5_000,
        cost_price: 2_000,
        stock_quantity: 1_000_000,
      })),
    )
    .returning('id')) as { id: number }[];
  made['product'] = products[0]?.id ?? 0;
  const [customer] = (await db()('customers')
    .insert({ shop_id: shopId, name: 'Fuzz customer', phone: '+256772000998', loyalty_points: 1_000 })
    .returning('id')) as [{ id: number }];
  made['customer'] = customer.id;
  const sale = await owner.call<{ id: number }>('POST', '/api/sales', {
    items: [{ product_id: made['product'], quantity: 1 }],
    payments: [{ method: 'Cash', amount: 5_000 }],
  });
  made['sale'] = sale.id;
  const repair = await owner.call<{ id: number }>('POST', '/api/repairs', {
    customer_id: made['customer'],
    device: { brand: 'Tecno', model: 'Spark 20', imei_serial: freshImei() },
    issue_description: 'Cracked screen',
    repair_type: 'Screen',
  });
  made['repair'] = repair.id;
  const closure = await owner.call<{ id: number }>('POST', '/api/closures', { closure_date: '2026-01-02' });
  made['closure'] = closure.id;
  const order = await owner.call<{ id: number }>('POST', '/api/products/purchase-orders', {
    lines: [{ product_id: made['product'], quantity: 5 }],
  });
  made['order'] = order.id;
  const member = await owner.call<{ id: string }>('POST', '/api/staff', {
    email: `fuzz-member-${randomUUID().slice(0, 6)}@example.com`,
    password: PASSWORD,
    first_name: 'Member',
    role: 'Staff',
  });
  made['member'] = member.id;

  const { kampala } = await shopIds();
  for (const table of ['products', 'customers', 'sales', 'devices', 'repairs', 'locations']) {
    const row = (await db()(table).where({ shop_id: kampala }).first('id')) as { id: number } | undefined;
    if (row) foreign[table] = row.id;
  }
}

const ACTIONS: Action[] = [
  {
    name: 'checkout',
    method: 'POST',
    path: () => '/api/sales',
    as: 'staff',
    schema: saleSchema,
    base: () => ({
      items: [{ product_id: made['product'] ?? 0, quantity: 1 }],
      payments: [{ method: 'Cash', amount: 5_000 }],
    }),
  },
  {
    name: 'sale edit',
    method: 'PUT',
    path: (id) => `/api/sales/${id}`,
    id: () => String(made['sale']),
    as: 'owner',
    schema: saleSchema,
    base: () => ({
      items: [{ product_id: made['product'] ?? 0, quantity: 1 }],
      payments: [{ method: 'Cash', amount: 5_000 }],
    }),
  },
  {
    name: 'sale reversal',
    method: 'POST',
    path: (id) => `/api/sales/${id}/reverse`,
    id: () => String(made['sale']),
    as: 'owner',
    schema: reasonSchema,
    base: () => ({ reason: 'Customer returned it' }),
  },
  {
    name: 'repair intake',
    method: 'POST',
    path: () => '/api/repairs',
    as: 'staff',
    schema: registerSchema,
    base: () => ({
      customer_id: made['customer'] ?? 0,
      device: { brand: 'Tecno', model: 'Camon', imei_serial: freshImei() },
      issue_description: 'Does not charge',
      repair_type: 'Charging port',
    }),
  },
  {
    name: 'repair status',
    method: 'POST',
    path: (id) => `/api/repairs/${id}/status`,
    id: () => String(made['repair']),
    as: 'owner',
    schema: statusSchema,
    base: () => ({ status: 'Diagnosed' }),
  },
  {
    name: 'closure',
    method: 'POST',
    path: () => '/api/closures',
    as: 'staff',
    schema: closureSchema,
    base: () => ({ closure_date: '2026-02-03', cash_amount: 10_000 }),
  },
  {
    name: 'closure correction',
    method: 'PUT',
    path: (id) => `/api/closures/${id}`,
    id: () => String(made['closure']),
    as: 'owner',
    schema: correctionSchema,
    base: () => ({ cash_amount: 1_000 }),
  },
  {
    name: 'expense',
    method: 'POST',
    path: () => '/api/expenses',
    as: 'owner',
    schema: expenseSchema,
    base: () => ({
      category: 'Transport',
      description: 'Boda',
      amount: 5_000,
      payment_method: 'Cash',
      expense_date: '2026-11-20',
    }),
  },
  {
    name: 'budget',
    method: 'PUT',
    path: () => '/api/expenses/budgets',
    as: 'owner',
    schema: budgetSchema,
    base: () => ({ category: 'Transport', amount: 100_000 }),
  },
  {
    name: 'stock adjustment',
    method: 'POST',
    path: (id) => `/api/products/${id}/adjust`,
    id: () => String(made['product']),
    as: 'owner',
    schema: adjustSchema,
    base: () => ({ quantity: 1, reason: 'Counted again' }),
  },
  {
    name: 'purchase order',
    method: 'POST',
    path: () => '/api/products/purchase-orders',
    as: 'owner',
    schema: orderSchema,
    base: () => ({ lines: [{ product_id: made['product'] ?? 0, quantity: 2 }] }),
  },
  {
    name: 'purchase order receipt',
    method: 'POST',
    path: (id) => `/api/purchase-orders/${id}/receive`,
    id: () => String(made['order']),
    as: 'owner',
    schema: receiveSchema,
    base: () => ({ lines: [{ product_id: made['product'] ?? 0, quantity: 1 }] }),
  },
  {
    name: 'loyalty adjustment',
    method: 'POST',
    path: (id) => `/api/customers/${id}/loyalty`,
    id: () => String(made['customer']),
    as: 'owner',
    schema: loyaltySchema,
    base: () => ({ points: 5, reason: 'Goodwill' }),
  },
  {
    name: 'new staff',
    method: 'POST',
    path: () => '/api/staff',
    as: 'owner',
    schema: newStaffSchema,
    base: () => ({
      email: `fuzz-new-${randomUUID().slice(0, 8)}@example.com`,
      password: PASSWORD,
      first_name: 'New',
      role: 'Staff',
    }),
  },
  {
    name: 'staff change',
    method: 'PUT',
    path: (id) => `/api/staff/${id}`,
    id: () => String(made['member']),
    as: 'owner',
    schema: changesSchema,
    base: () => ({ first_name: 'Changed' }),
  },
  {
    name: 'shop security',
    method: 'PUT',
    path: () => '/api/shop/security',
    as: 'owner',
    schema: shopSecuritySchema,
    base: () => ({ require_two_factor: [], ip_allowlist: [] }),
  },
  {
    name: 'retention',
    method: 'PUT',
    path: () => '/api/shop/retention',
    as: 'owner',
    schema: retentionSchema,
    base: () => ({ messages_days: 90, logs_days: 730, deleted_records_days: 90 }),
  },
  {
    name: 'customer (/items)',
    method: 'POST',
    path: () => '/items/customers',
    as: 'staff',
    schema: null,
    base: () => ({
      name: 'Fuzz new customer',
      phone: '+256772000997',
      email: 'fuzz@example.com',
      notes: 'n',
    }),
  },
  {
    name: 'product edit (/items)',
    method: 'PATCH',
    path: (id) => `/items/products/${id}`,
    id: () => String(made['product']),
    as: 'owner',
    schema: null,
    base: () => ({ name: 'Fuzz cable renamed', selling_price: 6_000, min_stock_level: 2 }),
  },
];

/** Path ids tried besides the real one. */
const ODD_PATH_IDS = [
  '0',
  '-1',
  'abc',
  '1.5',
  '2147483648',
  '99999999999',
  '9007199254740993',
  '%00',
  '1%20OR%201=1',
  '..%2F..',
];

/** A fingerprint of every table a request could write: its rows and the last transaction that wrote one. */
async function tablesToWatch(): Promise<string[]> {
  const rows = (await db()('information_schema.tables')
    .where({ table_schema: 'public', table_type: 'BASE TABLE' })
    .whereNotIn('table_name', [
      'sign_in_throttle',
      'sign_in_addresses',
      'directus_sessions',
      'phone_shop_migrations',
    ])
    .whereNot('table_name', 'like', 'report\\_%')
    .select('table_name')) as { table_name: string }[];
  return rows.map((r) => r.table_name).sort();
}

/**
 * Tables the delivery engine updates on its own, after a request's commit (an event's fan-out and
 * state): a request writes them by inserting, which their count and last id show; their rows'
 * later updates are the engine's, not the request's (it gathers 50 ms of commits before it runs).
 */
const ENGINE_UPDATED = new Set(['outbox_events', 'webhook_deliveries']);

function fingerprintSql(tables: string[]): string {
  return tables
    .map((t) =>
      ENGINE_UPDATED.has(t)
        ? `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(max(id), 0)::text AS f FROM "${t}"`
        : `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(max(xmin::text::bigint), 0)::text AS f FROM "${t}"`,
    )
    .join(' UNION ALL ');
}

async function fingerprint(sql: string): Promise<Map<string, string>> {
  const result = (await db().raw(sql)) as { rows: { t: string; f: string }[] };
  return new Map(result.rows.map((r) => [r.t, r.f]));
}

/** Waits until nothing more is being written (an accepted /items write audits after its answer). */
async function settled(sql: string): Promise<Map<string, string>> {
  let last = await fingerprint(sql);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const next = await fingerprint(sql);
    if ([...next].every(([t, f]) => last.get(t) === f)) return next;
    last = next;
  }
  return last;
}

beforeAll(async () => {
  await fuzzShop();
}, 240_000);

afterAll(async () => {
  // The fuzz shop's accounts stop; its rows stay (audit entries are append-only).
  await db()('directus_users').where({ shop: shopId }).update({ status: 'suspended' });
});

describe('fuzz pass over the write actions', () => {
  it(
    'answers every generated payload without a 5xx, and a refused one writes nothing',
    async () => {
      const random = seeded(SEED);
      const sql = fingerprintSql(await tablesToWatch());
      const foreignIds = Object.values(foreign);
      const perAction = Math.ceil(TOTAL / ACTIONS.length);
      const counts = { sent: 0, accepted: 0, refused: 0, serverErrors: 0 };
      const failures: string[] = [];
      let before = await settled(sql);
      for (const action of ACTIONS) {
        const base = action.base();
        const schema = action.schema ? jsonSchemaOf(action.schema) : { type: 'object' };
        const payloads = payloadsOf(
          action.schema ? sample(schema, base as Record<string, Json>) : base,
          schema,
          foreignIds,
          perAction,
          random,
        );
        const realId = action.id?.() ?? '';
        const pathIds = action.id ? [...ODD_PATH_IDS, ...foreignIds.map(String)] : [];
        for (const [i, payload] of payloads.entries()) {
          const pathId =
            pathIds.length > 0 && i % 17 === 5
              ? (pathIds[((i / 17) % pathIds.length) | 0] ?? realId)
              : realId;
          const session = action.as === 'owner' ? owner : staff;
          const answer = await session.request(action.method, action.path(pathId), payload.body, {
            'idempotency-key': randomUUID(),
          });
          counts.sent++;
          const label = `${action.name} ${action.path(pathId)} [${payload.label}] -> ${String(answer.status)}`;
          if (answer.status >= 500) {
            counts.serverErrors++;
            failures.push(`${label} ${JSON.stringify(answer.body).slice(0, 200)}`);
          }
          if (answer.status < 400) {
            counts.accepted++;
            before = await settled(sql);
            continue;
          }
          counts.refused++;
          const after = await fingerprint(sql);
          const changed = [...after].filter(([t, f]) => before.get(t) !== f).map(([t]) => t);
          if (changed.length > 0) {
            // A late write of an earlier accepted request? Look again once things settle.
            const again = await settled(sql);
            failures.push(`${label} wrote ${changed.join(', ')}`);
            before = again;
          } else before = after;
        }
      }
      console.log(
        `fuzz: ${String(counts.sent)} payloads (seed ${String(SEED)}), ${String(counts.accepted)} accepted, ${String(counts.refused)} refused, ${String(counts.serverErrors)} answers of 5xx, ${String(failures.length - counts.serverErrors)} refused requests that wrote`,
      );
      expect(counts.sent).toBeGreaterThanOrEqual(10_000);
      expect(failures).toEqual([]);
      expect(counts.serverErrors).toBe(0);
    },
    30 * 60_000,
  );
});
