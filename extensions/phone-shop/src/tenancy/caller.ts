// Who is calling, and which shop they belong to. A shop account is any non-admin user; its shop comes
// from directus_users.shop, which no shop account can change.
import type { Accountability } from '@directus/types';
import type { Knex } from 'knex';
import { shopRoleOf } from '../../../../snapshots/access/roles.ts';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';
import { NoShopError } from '../errors.ts';

export interface ShopCaller {
  userId: string;
  shopId: number;
  role: ShopRole | null;
}

const CACHE_TTL_MS = 30_000;
const cache = new Map<string, { shopId: number | null; expires: number }>();

/** True for a signed-in user that is not an administrator: the accounts tenant rules apply to. */
export function isShopAccount(
  accountability: Accountability | null | undefined,
): accountability is Accountability & {
  user: string;
} {
  return Boolean(accountability && !accountability.admin && accountability.user);
}

async function shopOfUser(knex: Knex, userId: string): Promise<number | null> {
  const hit = cache.get(userId);
  if (hit && hit.expires > Date.now()) return hit.shopId;
  const row = (await knex('directus_users').select('shop').where({ id: userId }).first()) as
    { shop: number | null } | undefined;
  const shopId = row?.shop ?? null;
  cache.set(userId, { shopId, expires: Date.now() + CACHE_TTL_MS });
  return shopId;
}

/** The shop of a shop account; refuses an account that has none. */
export async function requireShopCaller(
  knex: Knex,
  accountability: Accountability & { user: string },
): Promise<ShopCaller> {
  const shopId = await shopOfUser(knex, accountability.user);
  if (shopId === null) throw new NoShopError();
  return { userId: accountability.user, shopId, role: shopRoleOf(accountability.role) };
}
