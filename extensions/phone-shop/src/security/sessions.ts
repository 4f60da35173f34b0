// A user's sessions are Directus's refresh tokens (directus_sessions). A session is named by the
// SHA-256 of its token, so that neither the list nor its links ever carry a usable token; the app
// hashes the refresh token it holds to find its own. Ending a session deletes its refresh token;
// ending all of them also moves the user's `tokens_valid_after`, so that access tokens already
// handed out stop at their next request (account-gate.ts) instead of living out their 15 minutes.
import type { Knex } from 'knex';

export interface SessionView {
  id: string;
  ip: string | null;
  user_agent: string | null;
  origin: string | null;
  /** When the session was last used to sign in or refresh (a refresh moves its expiry). */
  last_used_at: string;
  expires_at: string;
}

/** The session id column: the token's SHA-256, in hex. */
const ID = "encode(sha256(convert_to(token, 'UTF8')), 'hex')";

/** The sessions of a user that can still be refreshed, newest first. */
export async function listSessions(knex: Knex, userId: string, refreshTtlMs: number): Promise<SessionView[]> {
  const rows = (await knex('directus_sessions')
    .where({ user: userId })
    .whereNull('share')
    .where('expires', '>', knex.fn.now())
    .orderBy('expires', 'desc')
    .select(knex.raw(`${ID} AS id`), 'ip', 'user_agent', 'origin', 'expires')) as {
    id: string;
    ip: string | null;
    user_agent: string | null;
    origin: string | null;
    expires: Date;
  }[];
  return rows.map((row) => ({
    id: row.id,
    ip: row.ip,
    user_agent: row.user_agent,
    origin: row.origin,
    last_used_at: new Date(row.expires.getTime() - refreshTtlMs).toISOString(),
    expires_at: row.expires.toISOString(),
  }));
}

/** Ends one session of the user; answers whether there was one with that id. */
export async function endSession(knex: Knex, userId: string, sessionId: string): Promise<boolean> {
  const deleted = await knex('directus_sessions')
    .where({ user: userId })
    .whereRaw(`${ID} = ?`, [sessionId.toLowerCase()])
    .delete();
  return deleted > 0;
}

/** Ends every session of the users but one (kept by id, if given); answers how many ended. */
export async function endSessions(
  knex: Knex,
  userIds: readonly string[],
  keep: string | null = null,
): Promise<number> {
  const query = knex('directus_sessions').whereIn('user', userIds);
  if (keep) query.whereRaw(`${ID} <> ?`, [keep.toLowerCase()]);
  return query.delete();
}

/**
 * Refuses, from now on, every access token the users were given before this instant. Tokens carry
 * the millisecond they were made (`issued_at_ms`, hooks/security), so the one a user gets by
 * signing in again right after a password change works, and one made just before does not.
 */
export async function revokeAccessTokens(knex: Knex, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  await knex('directus_users').whereIn('id', userIds).update({ tokens_valid_after: new Date() });
}

/** Signs the users out everywhere: every session and every access token. */
export async function signOutEverywhere(knex: Knex, userIds: readonly string[]): Promise<number> {
  const ended = await endSessions(knex, userIds);
  await revokeAccessTokens(knex, userIds);
  return ended;
}
