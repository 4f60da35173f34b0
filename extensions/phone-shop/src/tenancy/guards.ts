// The tenant guard, the second line behind the policies' row filters: on create the server sets the
// shop (and the author), a shop account can neither choose nor change a shop, and an Owner cannot
// change its own role or status, nor give a role outside the shop roles.
import { ROLE_IDS } from '../../../../snapshots/access/roles.ts';
import {
  CurrentPasswordRequiredError,
  ShopFieldForbiddenError,
  UserChangeForbiddenError,
} from '../errors.ts';
import { isSanctioned } from '../security/sanction.ts';
import type { ShopCaller } from './caller.ts';

type Payload = Record<string, unknown>;

const SHOP_ROLE_IDS = new Set<string>(Object.values(ROLE_IDS));

function sameValue(a: unknown, b: unknown): boolean {
  const primitive = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';
  return a === b || (primitive(a) && primitive(b) && String(a) === String(b));
}

/** Sets the shop (and author, where the collection has one) on a row a shop account creates. */
export function stampCreate(
  payload: Payload,
  caller: ShopCaller,
  shopField: string,
  authorField: string | null,
): Payload {
  const stamped = { ...payload };
  if (shopField in payload && payload[shopField] != null && !sameValue(payload[shopField], caller.shopId)) {
    throw new ShopFieldForbiddenError({ field: shopField });
  }
  stamped[shopField] = caller.shopId;
  if (authorField) {
    if (
      authorField in payload &&
      payload[authorField] != null &&
      !sameValue(payload[authorField], caller.userId)
    ) {
      throw new ShopFieldForbiddenError({ field: authorField });
    }
    stamped[authorField] = caller.userId;
  }
  return stamped;
}

/** Refuses any change of the shop column by a shop account. */
export function refuseShopChange(payload: Payload, shopField: string): void {
  if (shopField in payload) throw new ShopFieldForbiddenError({ field: shopField });
}

/**
 * Rules a shop account's user changes must follow on top of the policy: an Owner's user management,
 * and everyone's own profile. One's own password and e-mail change only through
 * /api/account/password and /api/account/email, which ask for the current password first (a
 * token left on a shared till is not enough to take the account (security/sanction.ts). Two-factor
 * is never set through Directus's users: /api/account/two-factor checks a code first and keeps the
 * recovery codes with it (services/account).
 */
export function checkUserChange(
  payload: Payload,
  keys: readonly (string | number)[],
  caller: ShopCaller,
): void {
  if ('role' in payload && !(typeof payload['role'] === 'string' && SHOP_ROLE_IDS.has(payload['role']))) {
    throw new UserChangeForbiddenError({ reason: 'role must be Owner, Supervisor or Staff' });
  }
  const touchesSelf = keys.some((key) => String(key) === caller.userId);
  if (touchesSelf && ('role' in payload || 'status' in payload)) {
    throw new UserChangeForbiddenError({ reason: 'you cannot change your own role or status' });
  }
  if (touchesSelf && !isSanctioned('credentials')) {
    if ('password' in payload) throw new CurrentPasswordRequiredError({ field: 'password' });
    if ('email' in payload) throw new CurrentPasswordRequiredError({ field: 'e-mail' });
  }
  for (const field of ['policies', 'token', 'provider', 'external_identifier', 'auth_data', 'tfa_secret']) {
    if (field in payload) {
      throw new UserChangeForbiddenError({ reason: `"${field}" cannot be set by a shop account` });
    }
  }
}
