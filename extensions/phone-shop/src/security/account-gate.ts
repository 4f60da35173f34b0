// What every request of a signed-in account passes before any route, over REST, GraphQL, files,
// exports and websockets alike, read in one primary-key lookup: the account is active, its access
// token is not older than its last password change or sign-out everywhere, its shop lets it work
// from this address, and it has two-factor authentication on if its shop requires it for its role.
import type { Knex } from 'knex';
import type { ShopRole } from '../../../../snapshots/access/matrix.ts';
import { prepared } from '../database/prepared.ts';
import { plainAddress } from './allowlist.ts';

const GATE = `SELECT u.status, u.shop,
       u.tfa_secret IS NOT NULL AS two_factor,
       (extract(epoch FROM u.tokens_valid_after) * 1000)::float8 AS tokens_valid_after,
       coalesce(s.require_two_factor, '[]') AS require_two_factor,
       CASE WHEN s.ip_allowlist IS NULL OR jsonb_array_length(s.ip_allowlist) = 0 THEN true
            ELSE coalesce((SELECT bool_or(?::inet <<= n::inet) FROM jsonb_array_elements_text(s.ip_allowlist) n), false)
       END AS address_allowed
  FROM directus_users u LEFT JOIN shop_security s ON s.shop_id = u.shop
 WHERE u.id = ?`;

export interface GateRow {
  status: string;
  shop: number | null;
  two_factor: boolean;
  /** Milliseconds since the epoch. */
  tokens_valid_after: number | null;
  require_two_factor: string[];
  address_allowed: boolean | null;
}

export type GateVerdict =
  'ok' | 'suspended' | 'token-revoked' | 'address-not-allowed' | 'two-factor-required';

/** Reads the gate's facts of one account, as seen from one address. */
export async function readGate(database: Knex, userId: string, ip: string | null): Promise<GateRow | null> {
  const address = ip ? plainAddress(ip) : null;
  const rows = (await prepared(database, GATE, [address, userId])) as GateRow[];
  return rows[0] ?? null;
}

/**
 * The paths an account that must turn on two-factor may still use: its profile and its security
 * (to turn it on), signing out, and what the app and Studio read to draw themselves.
 */
export function isTwoFactorSetupPath(method: string, path: string): boolean {
  if (path.startsWith('/auth/') || path.startsWith('/api/account')) return true;
  if (method !== 'GET') return false;
  return (
    path === '/users/me' ||
    path === '/api/health' ||
    path.startsWith('/server/') ||
    path === '/settings' ||
    path.startsWith('/extensions') ||
    path.startsWith('/translations') ||
    path === '/permissions/me' ||
    path.startsWith('/policies/me')
  );
}

/** The decision for one request; `issuedAt` is when its access token was made (ms), when known. */
export function judge(
  row: GateRow | null,
  facts: {
    role: ShopRole | null;
    issuedAt: number | null;
    method: string;
    path: string;
    shopAccount: boolean;
  },
): GateVerdict {
  if (!row || row.status !== 'active') return 'suspended';
  if (
    row.tokens_valid_after !== null &&
    facts.issuedAt !== null &&
    facts.issuedAt < Math.floor(row.tokens_valid_after)
  )
    return 'token-revoked';
  if (!facts.shopAccount) return 'ok';
  if (row.address_allowed === false) return 'address-not-allowed';
  if (
    facts.role !== null &&
    row.require_two_factor.includes(facts.role) &&
    !row.two_factor &&
    !isTwoFactorSetupPath(facts.method, facts.path)
  )
    return 'two-factor-required';
  return 'ok';
}

/** The claim with the millisecond an access token was made (added at sign-in and refresh). */
export const ISSUED_AT_MS = 'issued_at_ms';

/**
 * When a JWT was made, in ms: its `issued_at_ms`, or its `iat` (whole seconds) for a token made
 * before that claim existed. Not verified here: Directus verified the token before this runs.
 */
export function issuedAtOf(token: unknown): number | null {
  if (typeof token !== 'string') return null;
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const ms = claims[ISSUED_AT_MS];
    if (typeof ms === 'number') return ms;
    return typeof claims['iat'] === 'number' ? claims['iat'] * 1000 : null;
  } catch {
    return null;
  }
}
