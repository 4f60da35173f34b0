// What every integration test needs: signed-in sessions for the demo accounts, an anonymous client,
// and a direct database handle to check what the API did (or did not) write.
import knexFactory, { type Knex } from 'knex';
import { inject } from 'vitest';
import { readInt8AsNumber } from '../../extensions/phone-shop/src/database/int8.ts';
import { login, sessionWithToken, type Session } from '../../directus/admin-client.ts';
import type { ShopRole } from '../../snapshots/access/matrix.ts';
import { ADMIN, DEMO_PASSWORD } from '../setup/instance.ts';

export const ACCOUNTS = {
  kampalaOwner: 'owner@kampala.example.com',
  kampalaSupervisor: 'supervisor@kampala.example.com',
  kampalaStaff: 'staff@kampala.example.com',
  entebbeOwner: 'owner@entebbe.example.com',
  entebbeStaff: 'staff@entebbe.example.com',
} as const;
export type Account = keyof typeof ACCOUNTS;

/** The Kampala account of each shop role: the matrix tests run as these. */
export const KAMPALA_BY_ROLE: Record<ShopRole, Account> = {
  Owner: 'kampalaOwner',
  Supervisor: 'kampalaSupervisor',
  Staff: 'kampalaStaff',
};

export const baseUrl = (): string => inject('baseUrl');

const sessions = new Map<string, Promise<Session>>();

export function as(account: Account | 'admin'): Promise<Session> {
  const email = account === 'admin' ? ADMIN.email : ACCOUNTS[account];
  const password = account === 'admin' ? ADMIN.password : DEMO_PASSWORD;
  let session = sessions.get(email);
  if (!session) {
    session = login(baseUrl(), email, password).then((token) => sessionWithToken(baseUrl(), token));
    sessions.set(email, session);
  }
  return session;
}

export function anonymous(): Session {
  return sessionWithToken(baseUrl(), null);
}

// Money is bigint: read it (and counts) as numbers, as the API answers them.
readInt8AsNumber();

let knex: Knex | undefined;
export function db(): Knex {
  knex ??= knexFactory({ client: 'pg', connection: inject('databaseUrl'), pool: { min: 0, max: 4 } });
  return knex;
}

export async function closeDb(): Promise<void> {
  await knex?.destroy();
  knex = undefined;
}

/** The user id of every demo account. */
export async function userIds(): Promise<Record<Account, string>> {
  const rows = (await db()('directus_users')
    .whereIn('email', Object.values(ACCOUNTS))
    .select('id', 'email')) as { id: string; email: string }[];
  const idOf = (email: string): string => rows.find((r) => r.email === email)?.id ?? '';
  return Object.fromEntries(
    Object.entries(ACCOUNTS).map(([account, email]) => [account, idOf(email)]),
  ) as Record<Account, string>;
}

export interface Shops {
  kampala: number;
  entebbe: number;
}

export async function shopIds(): Promise<Shops> {
  const rows: { id: number; slug: string }[] = await db()('shops').select('id', 'slug');
  const id = (slug: string): number => {
    const row = rows.find((r) => r.slug === slug);
    if (!row) throw new Error(`demo shop ${slug} missing`);
    return row.id;
  };
  return { kampala: id('kampala-phone-hub'), entebbe: id('entebbe-mobile-care') };
}

/** The id of some row of a collection in a shop (the demo data has rows of every kind in both). */
export async function rowOf(
  collection: string,
  shopId: number,
  shopField = 'shop_id',
): Promise<number | string> {
  const row = (await db()(collection).where(shopField, shopId).select('id').orderBy('id').first()) as
    { id: number | string } | undefined;
  if (!row) throw new Error(`no ${collection} row in shop ${shopId}`);
  return row.id;
}

export type { Session };
