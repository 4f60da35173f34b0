// Staff management through /api (Owner only): users of the Owner's shop within the plan's limit,
// suspension that stops a token at once, password resets, activity, performance and commissions
// that reverse with reversed sales.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, sessionWithToken, type Session } from '../../directus/admin-client.ts';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { as, baseUrl, closeDb, db, shopIds } from '../support/context.ts';
import { todayInKampala } from '../support/fixtures.ts';
import { signedInSocket, type SocketMessage } from '../support/websocket.ts';

afterAll(closeDb);

interface Envelope<T> {
  success: boolean;
  data: T;
  error?: { code: string; message: string; details?: Record<string, string[]> };
}
interface Member {
  id: string;
  email: string;
  role: string | null;
  status: string;
}

let kampala: number;
beforeAll(async () => {
  kampala = (await shopIds()).kampala;
});

const uniqueEmail = (): string => `staff-${randomUUID().slice(0, 8)}@kampala.example.com`;

async function hire(owner: Session, role = 'Staff'): Promise<{ member: Member; password: string }> {
  const password = `pw-${randomUUID().slice(0, 8)}-1`;
  const response = await owner.request<Envelope<Member>>('POST', '/api/staff', {
    email: uniqueEmail(),
    password,
    first_name: 'New',
    last_name: 'Hire',
    role,
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return { member: response.body.data, password };
}

describe('staff management', () => {
  it('an Owner creates a user of its own shop with a shop role, who can then sign in', async () => {
    const owner = await as('kampalaOwner');
    const { member, password } = await hire(owner);
    expect(member).toMatchObject({ role: 'Staff', status: 'active' });
    expect(await db()('directus_users').where({ id: member.id }).first()).toMatchObject({
      shop: kampala,
      role: ROLE_IDS.Staff,
    });
    expect(await login(baseUrl(), member.email, password)).toBeTruthy();
  });

  it('refuses a role outside the shop roles, and staff management by a Supervisor or Staff', async () => {
    const owner = await as('kampalaOwner');
    const admin = await owner.request<Envelope<unknown>>('POST', '/api/staff', {
      email: uniqueEmail(),
      password: 'a-password-123',
      first_name: 'X',
      role: 'Administrator',
    });
    expect(admin.status).toBe(400);
    expect(Object.keys(admin.body.error?.details ?? {})).toEqual(['role']);
    expect(
      (
        await (
          await as('kampalaSupervisor')
        ).request('POST', '/api/staff', {
          email: uniqueEmail(),
          password: 'a-password-123',
          first_name: 'X',
          role: 'Staff',
        })
      ).status,
    ).toBe(403);
    expect((await (await as('kampalaSupervisor')).request('GET', '/api/staff')).status).toBe(200);
    expect((await (await as('kampalaStaff')).request('GET', '/api/staff')).status).toBe(403);
  });

  it('enforces the plan’s user limit (trial: 2 active users)', async () => {
    const suffix = randomUUID().slice(0, 6);
    const [shop] = (await db()('shops')
      .insert({
        shop_name: 'Mbale Mobiles',
        slug: `mbale-${suffix}`,
        code: 'MBM',
        owner_name: 'Test',
        phone: '+256454000000',
        email: `mbale-${suffix}@example.com`,
        subscription_plan: 'trial',
      })
      .returning('id')) as [{ id: number }];
    const email = `owner-${suffix}@mbale.example.com`;
    await (
      await as('admin')
    ).call('POST', '/users', {
      email,
      password: 'mbale-password-1',
      role: ROLE_IDS.Owner,
      shop: shop.id,
      status: 'active',
    });
    const owner = sessionWithToken(baseUrl(), await login(baseUrl(), email, 'mbale-password-1'));
    const second = await owner.request<Envelope<Member>>('POST', '/api/staff', {
      email: `a-${suffix}@mbale.example.com`,
      password: 'a-password-123',
      first_name: 'A',
      role: 'Staff',
    });
    expect(second.status).toBe(201);
    const third = await owner.request<Envelope<unknown>>('POST', '/api/staff', {
      email: `b-${suffix}@mbale.example.com`,
      password: 'a-password-123',
      first_name: 'B',
      role: 'Staff',
    });
    expect(third.status).toBe(409);
    expect(third.body.error?.code).toBe('PLAN_LIMIT');
    expect(await db()('directus_users').where({ shop: shop.id }).count({ n: '*' }).first()).toEqual({
      n: 2,
    });
  });

  it('a suspended user’s token stops working at once; after activation they sign in again', async () => {
    const owner = await as('kampalaOwner');
    const { member, password } = await hire(owner);
    const session = sessionWithToken(baseUrl(), await login(baseUrl(), member.email, password));
    expect((await session.request('GET', '/items/products?limit=1')).status).toBe(200);
    const suspended = await owner.request<Envelope<Member>>('POST', `/api/staff/${member.id}/suspend`);
    expect(suspended.body.data.status).toBe('suspended');
    const refused = await session.request<{ errors: { extensions: { code: string } }[] }>(
      'GET',
      '/items/products?limit=1',
    );
    expect(refused.status).toBe(401);
    expect(refused.body.errors[0]?.extensions.code).toBe('ACCOUNT_SUSPENDED');
    expect((await session.request('POST', '/api/sales', { items: [], payments: [] })).status).toBe(401);
    await expect(login(baseUrl(), member.email, password)).rejects.toThrow();
    await owner.request('POST', `/api/staff/${member.id}/activate`);
    // A suspension ends every session and token for good (docs/security.md): a new sign-in works.
    const stale = await session.request<{ errors: { extensions: { code: string } }[] }>(
      'GET',
      '/items/products?limit=1',
    );
    expect(stale.body.errors[0]?.extensions.code).toBe('TOKEN_EXPIRED');
    const again = sessionWithToken(baseUrl(), await login(baseUrl(), member.email, password));
    expect((await again.request('GET', '/items/products?limit=1')).status).toBe(200);
  });

  it('a suspended user’s open websocket is refused at its next message', async () => {
    const owner = await as('kampalaOwner');
    const { member, password } = await hire(owner);
    const socket = await signedInSocket(
      sessionWithToken(baseUrl(), await login(baseUrl(), member.email, password)),
    );
    try {
      const answered = (m: SocketMessage): boolean => m.type === 'subscription' || m.status === 'error';
      expect(
        (await socket.ask({ type: 'subscribe', collection: 'notifications', uid: 'before' }, answered)).type,
      ).toBe('subscription');
      expect((await owner.request('POST', `/api/staff/${member.id}/suspend`)).status).toBe(200);
      const refused = await socket.ask(
        { type: 'subscribe', collection: 'notifications', uid: 'after' },
        answered,
      );
      expect(refused.status).toBe('error');
      expect(refused.error?.code).toBe('ACCOUNT_SUSPENDED');
    } finally {
      socket.close();
    }
  });

  it('an Owner cannot suspend itself', async () => {
    const owner = await as('kampalaOwner');
    const me = (await owner.call<{ id: string }>('GET', '/users/me?fields=id')).id;
    const response = await owner.request<Envelope<unknown>>('POST', `/api/staff/${me}/suspend`);
    expect(response.status).toBe(403);
    expect(await db()('directus_users').where({ id: me }).first()).toMatchObject({ status: 'active' });
  });

  it('resets a password: the old one stops working, the new one works', async () => {
    const owner = await as('kampalaOwner');
    const { member, password } = await hire(owner);
    const reset = await owner.request('POST', `/api/staff/${member.id}/reset-password`, {
      password: 'brand-new-password-7',
    });
    expect(reset.status).toBe(200);
    await expect(login(baseUrl(), member.email, password)).rejects.toThrow();
    expect(await login(baseUrl(), member.email, 'brand-new-password-7')).toBeTruthy();
  });

  it('an Entebbe owner cannot manage a Kampala user', async () => {
    const { member } = await hire(await as('kampalaOwner'));
    const entebbe = await as('entebbeOwner');
    expect((await entebbe.request('GET', `/api/staff/${member.id}`)).status).toBe(404);
    expect((await entebbe.request('POST', `/api/staff/${member.id}/suspend`)).status).toBe(404);
    expect(await db()('directus_users').where({ id: member.id }).first()).toMatchObject({ status: 'active' });
  });
});

describe('activity, performance and commissions', () => {
  it('shows a user’s activity (logins included) and performance', async () => {
    const owner = await as('kampalaOwner');
    const { member, password } = await hire(owner);
    const seller = sessionWithToken(baseUrl(), await login(baseUrl(), member.email, password));
    const [product] = (await db()('products')
      .insert({
        shop_id: kampala,
        name: `Perf item ${randomUUID().slice(0, 6)}`,
        category: 'Audio',
        selling_price: 30_000,
        stock_quantity: 10,
      })
      .returning('id')) as [{ id: number }];
    for (let i = 0; i < 2; i++) {
      expect(
        (
          await seller.request('POST', '/api/sales', {
            items: [{ product_id: product.id, quantity: 1 }],
            payments: [{ method: 'Cash', amount: 30_000 }],
          })
        ).status,
      ).toBe(201);
    }
    const activity = await owner.request<Envelope<{ action: string }[]>>(
      'GET',
      `/api/staff/${member.id}/activity`,
    );
    expect(activity.body.data.map((a) => a.action)).toEqual(expect.arrayContaining(['login', 'create']));
    const today = todayInKampala();
    const performance = await owner.request<Envelope<{ sales_count: number; sales_value: number }>>(
      'GET',
      `/api/staff/${member.id}/performance?from=${today}&to=${today}`,
    );
    expect(performance.body.data).toMatchObject({ sales_count: 2, sales_value: 60_000 });
    expect(
      (
        await (
          await as('kampalaSupervisor')
        ).request('GET', `/api/staff/${member.id}/performance?from=${today}&to=${today}`)
      ).status,
    ).toBe(403);
  });

  it('computes the month’s commission from the rules and takes it back on a reversed sale', async () => {
    const owner = await as('kampalaOwner');
    const { member, password } = await hire(owner);
    await owner.call('POST', '/items/commission_rules', {
      user_id: member.id,
      type: 'percentage',
      value: 500,
      applies_to: 'sales',
    });
    const seller = sessionWithToken(baseUrl(), await login(baseUrl(), member.email, password));
    const [product] = (await db()('products')
      .insert({
        shop_id: kampala,
        name: `Commission item ${randomUUID().slice(0, 6)}`,
        category: 'Phones',
        selling_price: 400_000,
        stock_quantity: 5,
      })
      .returning('id')) as [{ id: number }];
    const sales: number[] = [];
    for (let i = 0; i < 2; i++) {
      const sale = await seller.request<Envelope<{ id: number }>>('POST', '/api/sales', {
        items: [{ product_id: product.id, quantity: 1 }],
        payments: [{ method: 'Cash', amount: 400_000 }],
      });
      sales.push(sale.body.data.id);
    }
    const month = new Date(Date.now() + 3 * 3_600_000).toISOString().slice(0, 7);
    const line = async (): Promise<{ sales_amount: number; sales_commission: number } | undefined> =>
      (
        await owner.request<
          Envelope<{ lines: { user_id: string; sales_amount: number; sales_commission: number }[] }>
        >('GET', `/api/staff/commissions?month=${month}`)
      ).body.data.lines.find((l) => l.user_id === member.id);
    expect(await line()).toMatchObject({ sales_amount: 800_000, sales_commission: 40_000 });
    expect(
      (await owner.request('POST', `/api/sales/${sales[0]}/reverse`, { reason: 'Returned faulty' })).status,
    ).toBe(201);
    expect(await line()).toMatchObject({ sales_amount: 400_000, sales_commission: 20_000 });
  });
});
