// Demo data, seeded once: two shops with their users, the preloaded catalogue in stock, customers,
// devices with valid IMEIs, two weeks of sales (split payments included), repairs at every stage,
// expenses and a closed day. Users go through the API (passwords are hashed by Directus); the rest is
// written in one transaction that keeps every ledger consistent (stock = initial - sold, with a
// movement per change; customer totals and loyalty points match their sales).
import knexFactory, { type Knex } from 'knex';
import { imeiFromBody } from '../extensions/phone-shop/src/domain/imei.ts';
import { readInt8AsNumber } from '../extensions/phone-shop/src/database/int8.ts';
import { ROLE_IDS } from '../snapshots/access/roles.ts';
import type { ShopRole } from '../snapshots/access/matrix.ts';
import { CATALOGUE, ean13 } from '../snapshots/seed/catalogue.ts';
import type { Session } from './admin-client.ts';

interface DemoUser {
  email: string;
  role: ShopRole;
  firstName: string;
  lastName: string;
  phone: string;
}

interface DemoShop {
  slug: string;
  code: string;
  name: string;
  ownerName: string;
  phone: string;
  email: string;
  address: string;
  plan: 'trial' | 'starter' | 'professional' | 'enterprise';
  location: string;
  users: DemoUser[];
  customers: [string, string][];
  salesCount: number;
}

export const DEMO_SHOPS: readonly DemoShop[] = [
  {
    slug: 'kampala-phone-hub',
    code: 'KPH',
    name: 'Kampala Phone Hub',
    ownerName: 'Sarah Namubiru',
    phone: '+256414123456',
    email: 'hello@kampala.example.com',
    address: 'Plot 12 Kampala Road, Kampala',
    plan: 'professional',
    location: 'Kampala Road branch',
    users: [
      {
        email: 'owner@kampala.example.com',
        role: 'Owner',
        firstName: 'Sarah',
        lastName: 'Namubiru',
        phone: '+256772100001',
      },
      {
        email: 'supervisor@kampala.example.com',
        role: 'Supervisor',
        firstName: 'David',
        lastName: 'Okello',
        phone: '+256772100002',
      },
      {
        email: 'staff@kampala.example.com',
        role: 'Staff',
        firstName: 'Grace',
        lastName: 'Nakato',
        phone: '+256772100003',
      },
    ],
    customers: [
      ['Brian Ssemwogerere', '+256772345678'],
      ['Patience Nabirye', '+256701234567'],
      ['Moses Kato', '+256752987654'],
      ['Sharon Atim', '+256782112233'],
      ['Ivan Mukasa', '+256703445566'],
      ['Joan Nambi', '+256774998877'],
      ['Robert Opio', '+256756223344'],
      ['Mercy Akello', '+256789001122'],
    ],
    salesCount: 24,
  },
  {
    slug: 'entebbe-mobile-care',
    code: 'EMC',
    name: 'Entebbe Mobile Care',
    ownerName: 'Joseph Mugisha',
    phone: '+256414654321',
    email: 'hello@entebbe.example.com',
    address: 'Kampala Road, Entebbe Municipality',
    plan: 'starter',
    location: 'Entebbe town',
    users: [
      {
        email: 'owner@entebbe.example.com',
        role: 'Owner',
        firstName: 'Joseph',
        lastName: 'Mugisha',
        phone: '+256772200001',
      },
      {
        email: 'staff@entebbe.example.com',
        role: 'Staff',
        firstName: 'Esther',
        lastName: 'Achieng',
        phone: '+256772200002',
      },
    ],
    customers: [
      ['Peter Wasswa', '+256772556677'],
      ['Ruth Namutebi', '+256701778899'],
      ['Samuel Ochieng', '+256752334455'],
      ['Florence Adong', '+256782667788'],
      ['Henry Lubega', '+256703889900'],
    ],
    salesCount: 14,
  },
];

export const DEMO_LOGINS = DEMO_SHOPS.flatMap((s) =>
  s.users.map((u) => ({ shop: s.name, role: u.role, email: u.email })),
);

const SEEDED_KEY = 'demo.seeded';

/** A small deterministic generator, so that every fresh instance has the same demo data. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KAMPALA_OFFSET_HOURS = 3;

/** A UTC instant for a local Kampala time `daysAgo` days before today. */
function kampalaTime(daysAgo: number, hour: number, minute: number): Date {
  const now = new Date();
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo);
  return new Date(day + ((hour - KAMPALA_OFFSET_HOURS) * 60 + minute) * 60_000);
}

const SHOP_SETTINGS: Record<string, string> = {
  'tax.rate_bp': '0',
  'tax.prices_include_tax': 'true',
  'loyalty.amount_per_point': '1000',
  'discount.staff_limit_bp': '1000',
  'closure.variance_threshold': '10000',
  'receipt.footer': 'Thank you for your business! Goods once sold are not returnable without a receipt.',
};

const DEVICE_MODELS: [string, string, string, number][] = [
  ['Tecno', 'Spark 20', '128GB', 520_000],
  ['Samsung', 'Galaxy A15', '128GB', 690_000],
  ['Infinix', 'Hot 40i', '128GB', 480_000],
  ['Apple', 'iPhone 11', '64GB', 1_200_000],
  ['Xiaomi', 'Redmi 13C', '128GB', 499_000],
];

const REPAIR_CASES: [string, string, number][] = [
  ['Cracked screen after a fall', 'Screen replacement', 180_000],
  ['Battery drains within hours', 'Battery replacement', 90_000],
  ['Does not charge', 'Charging port repair', 60_000],
  ['Phone got wet, no display', 'Water damage', 150_000],
  ['Forgot pattern lock', 'Software', 40_000],
  ['Speaker very low', 'Speaker replacement', 50_000],
];
const REPAIR_PATH = [
  'Pending',
  'Diagnosed',
  'Parts Ordered',
  'In Progress',
  'Quality Check',
  'Completed',
  'Delivered',
];

async function createUsers(
  admin: Session,
  shopId: number,
  locationId: number,
  shop: DemoShop,
  password: string,
): Promise<Map<ShopRole, string>> {
  const ids = new Map<ShopRole, string>();
  for (const u of shop.users) {
    const created = await admin.call<{ id: string }>('POST', '/users', {
      email: u.email,
      password,
      first_name: u.firstName,
      last_name: u.lastName,
      role: ROLE_IDS[u.role],
      status: 'active',
      shop: shopId,
      phone: u.phone,
      location_id: locationId,
      language: 'en-US',
    });
    ids.set(u.role, created.id);
  }
  return ids;
}

async function seedShopData(
  trx: Knex.Transaction,
  shopId: number,
  shop: DemoShop,
  users: Map<ShopRole, string>,
  rand: () => number,
): Promise<void> {
  const owner = users.get('Owner') ?? null;
  const cashiers = [...users.values()];
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

  await trx('settings').insert(
    Object.entries(SHOP_SETTINGS).map(([setting_key, setting_value]) => ({
      shop_id: shopId,
      setting_key,
      setting_value,
    })),
  );

  // Products from the catalogue, with their opening stock in the ledger.
  const stock = new Map<number, number>();
  const products: { id: number; name: string; selling_price: number; cost_price: number }[] = [];
  for (const [i, item] of CATALOGUE.entries()) {
    const opening = item.category === 'Phones' ? 8 + Math.floor(rand() * 10) : 25 + Math.floor(rand() * 40);
    const [row] = (await trx('products')
      .insert({
        shop_id: shopId,
        name: item.name,
        category: item.category,
        sku: item.sku,
        barcode: ean13(`6${String(shopId).padStart(2, '0')}${String(i + 1).padStart(9, '0')}`),
        cost_price: item.costPrice,
        selling_price: item.sellingPrice,
        stock_quantity: opening,
        min_stock_level: item.minStockLevel,
        is_preloaded: true,
        created_by: owner,
        created_at: kampalaTime(30, 9, 0),
      })
      .returning(['id', 'name', 'selling_price', 'cost_price'])) as [
      { id: number; name: string; selling_price: number; cost_price: number },
    ];
    products.push(row);
    stock.set(row.id, opening);
    await trx('stock_movements').insert({
      shop_id: shopId,
      product_id: row.id,
      movement_type: 'initial',
      quantity: opening,
      stock_after: opening,
      reference_type: 'seed',
      notes: 'Opening stock',
      created_by: owner,
      created_at: kampalaTime(30, 9, 0),
    });
  }

  const customers: { id: number }[] = await trx('customers')
    .insert(
      shop.customers.map(([name, phone], i) => ({
        shop_id: shopId,
        name,
        phone,
        created_by: owner,
        created_at: kampalaTime(28 - i, 10, 0),
      })),
    )
    .returning(['id']);

  // Devices: some in stock, some sold to customers, some in for repair.
  const devices: { id: number; brand: string; model: string; imei: string; customer: number | null }[] = [];
  for (let i = 0; i < 10; i++) {
    const [brand, model, storage, price] = pick(DEVICE_MODELS);
    const imei = imeiFromBody(
      `35${String(shopId).padStart(2, '0')}${String(1_000_000_000 + i * 7919).slice(-10)}`,
    );
    const status = i < 5 ? 'In Stock' : i < 8 ? 'Sold' : 'In Repair';
    const customer = status === 'In Stock' ? null : (customers[i % customers.length]?.id ?? null);
    const [row] = (await trx('devices')
      .insert({
        shop_id: shopId,
        customer_id: customer,
        brand,
        model,
        imei_serial: imei,
        storage,
        color: pick(['Black', 'Blue', 'Silver', 'Green']),
        purchase_price: Math.round((price * 0.82) / 1000) * 1000,
        selling_price: price,
        condition: i % 3 === 0 ? 'Used' : 'New',
        status,
        created_by: owner,
      })
      .returning(['id'])) as [{ id: number }];
    devices.push({ id: row.id, brand, model, imei, customer });
  }

  // Two weeks of sales, each balanced: lines, payments, stock and loyalty all agree.
  const year = new Date().getUTCFullYear();
  const totals = new Map<number, { spent: number; points: number }>();
  for (let n = 1; n <= shop.salesCount; n++) {
    const daysAgo = Math.floor(((shop.salesCount - n) / shop.salesCount) * 14);
    const createdAt = kampalaTime(daysAgo, 9 + Math.floor(rand() * 11), Math.floor(rand() * 60));
    const lines = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(products)))];
    const items = lines.map((p) => {
      const quantity = p.selling_price > 200_000 ? 1 : 1 + Math.floor(rand() * 3);
      const discount = rand() < 0.2 ? Math.round((p.selling_price * quantity * 0.05) / 1000) * 1000 : 0;
      return { product: p, quantity, discount, total: p.selling_price * quantity - discount };
    });
    const total = items.reduce((s, i) => s + i.product.selling_price * i.quantity, 0);
    const discount = items.reduce((s, i) => s + i.discount, 0);
    const final = total - discount;
    const customer = rand() < 0.6 ? pick(customers).id : null;
    const split = final > 100_000 && rand() < 0.25;
    const method = split ? 'Split' : pick(['Cash', 'Cash', 'MTN Mobile Money', 'Airtel Money', 'Card']);
    const points = customer ? Math.floor(final / 1000) : 0;
    const [sale] = (await trx('sales')
      .insert({
        shop_id: shopId,
        sale_number: `${shop.code}-${year}-${String(n).padStart(6, '0')}`,
        customer_id: customer,
        total_amount: total,
        discount_amount: discount,
        tax_amount: 0,
        final_amount: final,
        payment_method: method,
        status: daysAgo > 7 ? 'Approved' : 'Submitted',
        approved_by: daysAgo > 7 ? owner : null,
        approved_at: daysAgo > 7 ? createdAt : null,
        loyalty_points_earned: points,
        created_by: pick(cashiers),
        created_at: createdAt,
      })
      .returning(['id'])) as [{ id: number }];
    await trx('sale_items').insert(
      items.map((i) => ({
        shop_id: shopId,
        sale_id: sale.id,
        product_id: i.product.id,
        item_name: i.product.name,
        quantity: i.quantity,
        unit_price: i.product.selling_price,
        unit_cost: i.product.cost_price,
        discount_amount: i.discount,
        total_price: i.total,
        created_at: createdAt,
      })),
    );
    const cash = split ? Math.round(final / 2000) * 1000 : final;
    await trx('sale_payments').insert(
      split
        ? [
            { shop_id: shopId, sale_id: sale.id, method: 'Cash', amount: cash, created_at: createdAt },
            {
              shop_id: shopId,
              sale_id: sale.id,
              method: 'MTN Mobile Money',
              amount: final - cash,
              reference: `MP${createdAt.getTime()}`,
              created_at: createdAt,
            },
          ]
        : [{ shop_id: shopId, sale_id: sale.id, method, amount: final, created_at: createdAt }],
    );
    for (const i of [...items].sort((a, b) => a.product.id - b.product.id)) {
      const after = (stock.get(i.product.id) ?? 0) - i.quantity;
      stock.set(i.product.id, after);
      await trx('products').where({ id: i.product.id }).update({ stock_quantity: after });
      await trx('stock_movements').insert({
        shop_id: shopId,
        product_id: i.product.id,
        movement_type: 'sale',
        quantity: -i.quantity,
        stock_after: after,
        reference_type: 'sale',
        reference_id: sale.id,
        created_by: owner,
        created_at: createdAt,
      });
    }
    if (customer) {
      const t = totals.get(customer) ?? { spent: 0, points: 0 };
      totals.set(customer, { spent: t.spent + final, points: t.points + points });
      if (points > 0) {
        await trx('loyalty_transactions').insert({
          shop_id: shopId,
          customer_id: customer,
          points,
          transaction_type: 'earn',
          reference_type: 'sale',
          reference_id: sale.id,
          created_at: createdAt,
        });
      }
    }
  }
  for (const [customer, t] of totals) {
    await trx('customers')
      .where({ id: customer })
      .update({ total_purchases: t.spent, loyalty_points: t.points });
  }

  // Repairs at every stage, with their history.
  const technician = users.get('Supervisor') ?? owner;
  const staff = users.get('Staff') ?? owner;
  for (let i = 0; i < 6; i++) {
    const [issue, type, estimate] = REPAIR_CASES[i % REPAIR_CASES.length] as [string, string, number];
    const device = devices[5 + (i % 5)] ?? devices[0];
    const reached = Math.min(i + 1, REPAIR_PATH.length - 1) + (i === 5 ? 1 : 0);
    const status = REPAIR_PATH[Math.min(reached, REPAIR_PATH.length - 1)] as string;
    const opened = kampalaTime(12 - i * 2, 10, 15);
    const done = ['Completed', 'Delivered'].includes(status);
    const [repair] = (await trx('repairs')
      .insert({
        shop_id: shopId,
        repair_number: `${shop.code}-R-${year}-${String(i + 1).padStart(5, '0')}`,
        device_id: device?.id ?? null,
        customer_id: device?.customer ?? null,
        device_brand: device?.brand ?? 'Tecno',
        device_model: device?.model ?? 'Spark 20',
        imei_serial: device?.imei ?? null,
        issue_description: issue,
        repair_type: type,
        estimated_cost: estimate,
        actual_cost: done ? estimate : null,
        parts_cost: done ? Math.round(estimate * 0.5) : 0,
        labor_cost: done ? estimate - Math.round(estimate * 0.5) : 0,
        status,
        priority: i === 3 ? 'High' : 'Normal',
        technician_id: i === 0 ? null : technician,
        estimated_completion: new Date(opened.getTime() + 3 * 86_400_000).toISOString().slice(0, 10),
        actual_completion: done ? new Date(opened.getTime() + 2 * 86_400_000) : null,
        warranty_period: 30,
        warranty_expires_at:
          status === 'Delivered'
            ? new Date(opened.getTime() + 32 * 86_400_000).toISOString().slice(0, 10)
            : null,
        is_editable: status !== 'Delivered',
        created_by: staff,
        created_at: opened,
      })
      .returning(['id'])) as [{ id: number }];
    const path = REPAIR_PATH.slice(0, REPAIR_PATH.indexOf(status) + 1);
    await trx('repair_status_history').insert(
      path.map((to, step) => ({
        shop_id: shopId,
        repair_id: repair.id,
        old_status: step === 0 ? null : path[step - 1],
        new_status: to,
        notes: step === 0 ? 'Registered at the counter' : null,
        changed_by: step === 0 ? staff : technician,
        changed_at: new Date(opened.getTime() + step * 6 * 3_600_000),
      })),
    );
  }

  await trx('expenses').insert([
    {
      shop_id: shopId,
      category: 'Rent',
      description: 'Shop rent for the month',
      amount: 1_500_000,
      payment_method: 'Bank Transfer',
      expense_date: kampalaTime(10, 12, 0).toISOString().slice(0, 10),
      status: 'Approved',
      approved_by: owner,
      approved_at: kampalaTime(10, 13, 0),
      created_by: owner,
    },
    {
      shop_id: shopId,
      category: 'Utilities',
      description: 'Yaka electricity token',
      amount: 50_000,
      payment_method: 'Cash',
      expense_date: kampalaTime(3, 9, 0).toISOString().slice(0, 10),
      status: 'Approved',
      approved_by: owner,
      approved_at: kampalaTime(3, 10, 0),
      created_by: staff,
    },
    {
      shop_id: shopId,
      category: 'Transport',
      description: 'Boda boda to collect stock',
      amount: 15_000,
      payment_method: 'Cash',
      expense_date: kampalaTime(1, 11, 0).toISOString().slice(0, 10),
      status: 'Pending',
      created_by: staff,
    },
  ]);

  // The numbering continues after the seeded sales and repairs.
  await trx('shop_counters').insert([
    { shop_id: shopId, series: 'sale', period: year, value: shop.salesCount },
    { shop_id: shopId, series: 'repair', period: year, value: 6 },
  ]);
  await trx('settings').insert({
    shop_id: shopId,
    setting_key: SEEDED_KEY,
    setting_value: new Date().toISOString(),
  });
}

/** Seeds the demo shops unless they are there already. Returns whether it seeded. */
export async function seedDemo(admin: Session, databaseUrl: string, password: string): Promise<boolean> {
  readInt8AsNumber();
  const knex = knexFactory({ client: 'pg', connection: databaseUrl });
  try {
    const marker: unknown = await knex('settings').where({ setting_key: SEEDED_KEY }).first();
    if (marker) return false;
    if (
      await knex('shops')
        .whereIn(
          'slug',
          DEMO_SHOPS.map((s) => s.slug),
        )
        .first()
    ) {
      throw new Error(
        'The demo shops exist but were not fully seeded: remove the data folder (.data) and start again.',
      );
    }
    for (const [index, shop] of DEMO_SHOPS.entries()) {
      const [created] = (await knex('shops')
        .insert({
          shop_name: shop.name,
          slug: shop.slug,
          code: shop.code,
          owner_name: shop.ownerName,
          phone: shop.phone,
          email: shop.email,
          address: shop.address,
          subscription_plan: shop.plan,
          subscription_expires_at: new Date(Date.now() + 30 * 86_400_000),
          timezone: 'Africa/Kampala',
          currency: 'UGX',
          country: 'UG',
        })
        .returning(['id'])) as [{ id: number }];
      const [location] = (await knex('locations')
        .insert({ shop_id: created.id, name: shop.location, address: shop.address, phone: shop.phone })
        .returning(['id'])) as [{ id: number }];
      const users = await createUsers(admin, created.id, location.id, shop, password);
      await knex('locations')
        .where({ id: location.id })
        .update({ manager_id: users.get('Owner') });
      await knex.transaction((trx) => seedShopData(trx, created.id, shop, users, random(1000 + index)));
    }
    return true;
  } finally {
    await knex.destroy();
  }
}
