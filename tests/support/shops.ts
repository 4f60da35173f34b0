// A new shop of its own for a test that must count everything in it: an Owner signed up by the
// platform admin, and a Supervisor and a Staff member the Owner adds through /api/staff.
import { randomUUID } from 'node:crypto';
import { login, sessionWithToken, type Session } from '../../directus/admin-client.ts';
import { ROLE_IDS } from '../../snapshots/access/roles.ts';
import { as, baseUrl, db } from './context.ts';

export interface TestShop {
  id: number;
  owner: Session;
  supervisor: Session;
  staff: Session;
  userIds: { owner: string; supervisor: string; staff: string };
}

export async function freshShop(name: string, code: string, timezone = 'Africa/Kampala'): Promise<TestShop> {
  const suffix = randomUUID().slice(0, 8);
  const slug = `${name.toLowerCase().replace(/[^a-z]+/g, '-')}-${suffix}`;
  const [shop] = (await db()('shops')
    .insert({
      shop_name: name,
      slug,
      code,
      owner_name: 'Test Owner',
      phone: '+256414000000',
      email: `${slug}@example.com`,
      subscription_plan: 'professional',
      timezone,
    })
    .returning('id')) as [{ id: number }];
  const password = `pw-${suffix}-long`;
  const email = (role: string): string => `${role}-${suffix}@${code.toLowerCase()}.example.com`;
  await (
    await as('admin')
  ).call('POST', '/users', {
    email: email('owner'),
    password,
    first_name: 'Olivia',
    last_name: 'Owner',
    role: ROLE_IDS.Owner,
    shop: shop.id,
    status: 'active',
  });
  const signIn = async (role: string): Promise<Session> =>
    sessionWithToken(baseUrl(), await login(baseUrl(), email(role), password));
  const owner = await signIn('owner');
  for (const [role, first] of [
    ['Supervisor', 'Sam'],
    ['Staff', 'Stella'],
  ] as const) {
    await owner.call('POST', '/api/staff', {
      email: email(role.toLowerCase()),
      password,
      first_name: first,
      last_name: role,
      role,
    });
  }
  const ids = (await db()('directus_users').where({ shop: shop.id }).select('id', 'email')) as {
    id: string;
    email: string;
  }[];
  const idOf = (role: string): string => ids.find((u) => u.email === email(role))?.id ?? '';
  return {
    id: shop.id,
    owner,
    supervisor: await signIn('supervisor'),
    staff: await signIn('staff'),
    userIds: { owner: idOf('owner'), supervisor: idOf('supervisor'), staff: idOf('staff') },
  };
}
