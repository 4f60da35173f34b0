// The sign-in lockout's memory in PostgreSQL (shared by every replica): which counters are locked,
// what a failure or a success changes, who is told, and an Owner's unlock. The rules are in
// sign-in-rules.ts.
import type { Knex } from 'knex';
import { ROLE_IDS } from '../../../../snapshots/access/roles.ts';
import { SignInLockedError, WrongPasswordError } from '../errors.ts';
import { plainAddress } from './allowlist.ts';
import {
  afterFailure,
  isLocked,
  KNOWN_ADDRESS_DAYS,
  minutesLeft,
  normaliseEmail,
  SIGN_IN_RULES,
  type ThrottleScope,
  type ThrottleState,
} from './sign-in-rules.ts';

interface ThrottleRow {
  scope: ThrottleScope;
  failures: number;
  window_started_at: Date;
  lockouts: number;
  locked_until: Date | null;
  updated_at: Date;
}

/** The row key of each counter for an e-mail typed at an address. */
function keysOf(email: string, address: string): Record<ThrottleScope, { email: string; address: string }> {
  return {
    pair: { email, address },
    address: { email: '', address },
    account: { email, address: '' },
  };
}

const stateOf = (row: ThrottleRow): ThrottleState => ({
  failures: row.failures,
  windowStartedAt: row.window_started_at,
  lockouts: row.lockouts,
  lockedUntil: row.locked_until,
  updatedAt: row.updated_at,
});

/** Whether the account with this e-mail signed in from this address lately. */
async function isKnownAddress(database: Knex, email: string, address: string): Promise<boolean> {
  const row = (await database('sign_in_addresses as a')
    .join('directus_users as u', 'u.id', 'a.user_id')
    .whereRaw('lower(u.email) = ?', [email])
    .where('a.address', address)
    .where('a.last_success_at', '>', database.raw(`now() - interval '${KNOWN_ADDRESS_DAYS} days'`))
    .first('a.user_id')) as { user_id: string } | undefined;
  return row !== undefined;
}

export interface NewLock {
  scope: ThrottleScope;
  until: Date;
}

export type Reservation = { refusedUntil: Date } | { refusedUntil: null; newLocks: NewLock[] };

/**
 * Takes one attempt at signing in with this e-mail from this address, counted as a failure until
 * it turns out otherwise (releaseAttempt): so that attempts sent all at once are counted before
 * any of them is answered, and the sixth is refused however fast it follows the fifth. Refused
 * while the pair is locked, or while the address or the account is locked and the account never
 * signed in from this address.
 */
export async function reserveAttempt(database: Knex, email: string, address: string): Promise<Reservation> {
  const keys = keysOf(email, address);
  return database.transaction(async (trx) => {
    await trx('sign_in_throttle')
      .insert(Object.entries(keys).map(([scope, key]) => ({ scope, ...key })))
      .onConflict(['scope', 'email', 'address'])
      .ignore();
    const rows = (await trx('sign_in_throttle')
      .where((q) => {
        for (const [scope, key] of Object.entries(keys)) q.orWhere({ scope, ...key });
      })
      .orderBy('scope')
      .forUpdate()
      .select('*')) as ThrottleRow[];
    const now = new Date();
    const locked = rows.filter((row) => isLocked(stateOf(row), now));
    const pair = locked.find((row) => row.scope === 'pair');
    if (pair?.locked_until) return { refusedUntil: pair.locked_until };
    if (locked.length > 0 && !(await isKnownAddress(trx, email, address)))
      return { refusedUntil: new Date(Math.max(...locked.map((row) => row.locked_until?.getTime() ?? 0))) };
    const newLocks: NewLock[] = [];
    for (const row of rows) {
      // A row just inserted has no history.
      const before = row.failures === 0 && row.lockouts === 0 ? null : stateOf(row);
      const { state, locked: lockedNow } = afterFailure(SIGN_IN_RULES[row.scope], before, now);
      if (lockedNow && state.lockedUntil) newLocks.push({ scope: row.scope, until: state.lockedUntil });
      await trx('sign_in_throttle')
        .where({ scope: row.scope, ...keys[row.scope] })
        .update({
          failures: state.failures,
          window_started_at: state.windowStartedAt,
          lockouts: state.lockouts,
          locked_until: state.lockedUntil,
          updated_at: state.updatedAt,
        });
    }
    return { refusedUntil: null, newLocks };
  });
}

/**
 * What an attempt turned out to be. A success clears its pair and makes the address known to the
 * account; an attempt that was no wrong guess (the password was right and the code is asked next,
 * or the request was malformed) gives its count back; a failure stays counted.
 */
export async function releaseAttempt(
  database: Knex,
  email: string,
  address: string,
  outcome: 'success' | 'not-a-guess' | 'failure',
): Promise<void> {
  if (outcome === 'failure') return;
  const keys = keysOf(email, address);
  const scopes: ThrottleScope[] =
    outcome === 'success' ? ['address', 'account'] : ['pair', 'address', 'account'];
  await database('sign_in_throttle')
    .where((q) => {
      for (const scope of scopes) q.orWhere({ scope, ...keys[scope] });
    })
    .where((q) => {
      void q.whereNull('locked_until').orWhere('locked_until', '<=', database.fn.now());
    })
    .update({ failures: database.raw('greatest(failures - 1, 0)') });
  if (outcome !== 'success') return;
  await database('sign_in_throttle')
    .where({ scope: 'pair', ...keys.pair })
    .delete();
  await database.raw(
    `INSERT INTO sign_in_addresses (user_id, address, last_success_at)
     SELECT id, ?::inet, now() FROM directus_users WHERE lower(email) = ?
     ON CONFLICT (user_id, address) DO UPDATE SET last_success_at = excluded.last_success_at`,
    [address, email],
  );
}

/** An Owner's (or the platform's) unlock: every lock on this account's e-mail, from any address. */
export async function unlockAccount(database: Knex, email: string): Promise<number> {
  return database('sign_in_throttle')
    .whereIn('scope', ['pair', 'account'])
    .where({ email: email.toLowerCase() })
    .delete();
}

/** The end of the longest lock now on an account's e-mail, from any address, or null. */
export async function accountLockedUntil(database: Knex, email: string): Promise<Date | null> {
  const row = (await database('sign_in_throttle')
    .whereIn('scope', ['pair', 'account'])
    .where({ email: email.toLowerCase() })
    .where('locked_until', '>', database.fn.now())
    .max('locked_until as until')
    .first()) as { until: Date | null } | undefined;
  return row?.until ?? null;
}

/** Forgets counters that have been quiet for a day and are not locked (the hourly sweep). */
export async function purgeQuietCounters(database: Knex): Promise<number> {
  return database('sign_in_throttle')
    .where('updated_at', '<', database.raw(`now() - interval '1 day'`))
    .where((q) => {
      void q.whereNull('locked_until').orWhere('locked_until', '<', database.fn.now());
    })
    .delete();
}

/**
 * Tells the account's owner and its shop's Owners that sign-ins to it are paused, in the app (and
 * records it in the audit trail). Nothing when the e-mail has no shop account.
 */
export async function reportLock(
  database: Knex,
  email: string,
  address: string,
  lock: NewLock,
): Promise<void> {
  // An address's own lock is about no account in particular.
  if (lock.scope === 'address') return;
  const user = (await database('directus_users')
    .whereRaw('lower(email) = ?', [email])
    .whereNotNull('shop')
    .first('id', 'shop', 'first_name', 'last_name')) as
    { id: string; shop: number; first_name: string | null; last_name: string | null } | undefined;
  if (!user) return;
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || email;
  const shop = (await database('shops').where({ id: user.shop }).first('timezone')) as
    { timezone: string } | undefined;
  const until = lock.until.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: shop?.timezone ?? 'UTC',
  });
  const where = lock.scope === 'pair' ? `from ${address}` : 'from addresses it has not used before';
  const message =
    lock.scope === 'pair'
      ? `Several wrong passwords for ${name}'s account came from ${address}. Signing in to it from there is paused until ${until}. Sign-ins from the shop's usual places are not affected.`
      : `Many wrong passwords for ${name}'s account came from many addresses. Signing in to it ${where} is paused until ${until}; its usual places are not affected.`;
  await database.raw(
    `INSERT INTO notifications (shop_id, user_id, title, message, type, link)
     SELECT u.shop, u.id, ?, ?, 'security', ?
       FROM directus_users u
      WHERE u.shop = ? AND u.status = 'active' AND (u.id = ? OR u.role = ?)`,
    ['Sign-in paused', message, `/staff/${user.id}/show`, user.shop, user.id, ROLE_IDS.Owner],
  );
  await database('audit_logs').insert({
    shop_id: user.shop,
    user_id: user.id,
    entity_type: 'auth',
    entity_id: user.id,
    action: 'sign_in_locked',
    new_value: JSON.stringify({ scope: lock.scope, address, until: lock.until.toISOString() }),
    ip_address: address,
    user_agent: null,
  });
}

/**
 * A signed-in user confirming their password (before changing it, their e-mail or two-factor)
 * follows the sign-in rules: a locked (e-mail, address) pair is refused, and a wrong password
 * counts as a failed sign-in from that address.
 */
export async function confirmPassword(
  database: Knex,
  verify: (userId: string, password: string) => Promise<void>,
  userId: string,
  password: string,
  ip: string | null,
): Promise<void> {
  const user = (await database('directus_users').where({ id: userId }).first('email')) as
    { email: string | null } | undefined;
  const email = normaliseEmail(user?.email);
  const address = ip ? plainAddress(ip) : null;
  const reservation = email && address ? await reserveAttempt(database, email, address) : null;
  if (reservation?.refusedUntil)
    throw new SignInLockedError({ minutes: minutesLeft(reservation.refusedUntil, new Date()) });
  try {
    await verify(userId, password);
  } catch {
    if (email && address && reservation && 'newLocks' in reservation)
      for (const lock of reservation.newLocks) await reportLock(database, email, address, lock);
    throw new WrongPasswordError();
  }
  if (email && address) await releaseAttempt(database, email, address, 'success');
}
