// One's own account (every signed-in shop account): changing one's password or e-mail, which needs
// the current password; two-factor authentication with recovery codes; one's sessions. Each action
// is audited; none is possible through a bare PATCH /users/me (the user guard refuses it).
import { authenticator } from 'otplib';
import { InvalidCodeError, NotFoundError, TwoFactorStateError } from '../../errors.ts';
import {
  generateRecoveryCodes,
  hashRecoveryCode,
  normaliseRecoveryCode,
} from '../../security/recovery-codes.ts';
import { withSanction } from '../../security/sanction.ts';
import {
  endSession,
  endSessions,
  listSessions,
  revokeAccessTokens,
  type SessionView,
} from '../../security/sessions.ts';
import { audit } from '../audit.ts';
import type { ActionContext } from '../context.ts';
import type { UsersWriter } from '../staff/staff.service.ts';

/** What the account actions need from Directus. */
export interface AccountDeps {
  /** Throws WrongPasswordError unless the password is the user's. */
  verifyPassword: (userId: string, password: string) => Promise<void>;
  /** Directus's UsersService in the action's transaction, with the caller's own rights. */
  users: UsersWriter;
  refreshTtlMs: number;
}

export interface AccountSecurity {
  email: string;
  two_factor: { enabled: boolean; required: boolean; recovery_codes_left: number };
  sessions: number;
}

interface UserRow {
  email: string;
  tfa_secret: string | null;
}

async function userRow(ctx: ActionContext): Promise<UserRow> {
  const row = (await ctx.knex('directus_users').where({ id: ctx.userId }).first('email', 'tfa_secret')) as
    UserRow | undefined;
  if (!row) throw new NotFoundError({ entity: 'Account', id: ctx.userId });
  return row;
}

async function requiredByShop(ctx: ActionContext): Promise<boolean> {
  const row = (await ctx.knex('shop_security').where({ shop_id: ctx.shopId }).first('require_two_factor')) as
    { require_two_factor: string[] } | undefined;
  return row?.require_two_factor.includes(ctx.role) ?? false;
}

export async function accountSecurity(ctx: ActionContext, refreshTtlMs: number): Promise<AccountSecurity> {
  const user = await userRow(ctx);
  const [left] = (await ctx
    .knex('two_factor_recovery_codes')
    .where({ user_id: ctx.userId })
    .whereNull('used_at')
    .count({ n: '*' })) as [{ n: string | number }];
  return {
    email: user.email,
    two_factor: {
      enabled: user.tfa_secret !== null,
      required: await requiredByShop(ctx),
      recovery_codes_left: Number(left.n),
    },
    sessions: (await listSessions(ctx.knex, ctx.userId, refreshTtlMs)).length,
  };
}

/**
 * Changes one's own password after checking the current one. Every session ends and every access
 * token given before stops working, this device's included: the app signs in again with the new
 * password.
 */
export async function changePassword(
  ctx: ActionContext,
  deps: AccountDeps,
  current: string,
  next: string,
): Promise<{ sessions_ended: number }> {
  await deps.verifyPassword(ctx.userId, current);
  // Directus hashes it, checks the password policy, and ends the user's sessions.
  await withSanction(['credentials'], () => deps.users.updateOne(ctx.userId, { password: next }));
  const ended = await endSessions(ctx.knex, [ctx.userId]);
  await revokeAccessTokens(ctx.knex, [ctx.userId]);
  audit(ctx, { entityType: 'directus_users', entityId: ctx.userId, action: 'password_change' });
  return { sessions_ended: ended };
}

/** Changes one's own e-mail (the sign-in name) after checking the password; sessions end as above. */
export async function changeEmail(
  ctx: ActionContext,
  deps: AccountDeps,
  current: string,
  email: string,
): Promise<{ email: string }> {
  await deps.verifyPassword(ctx.userId, current);
  const before = await userRow(ctx);
  await withSanction(['credentials'], () => deps.users.updateOne(ctx.userId, { email }));
  await endSessions(ctx.knex, [ctx.userId]);
  await revokeAccessTokens(ctx.knex, [ctx.userId]);
  audit(ctx, {
    entityType: 'directus_users',
    entityId: ctx.userId,
    action: 'email_change',
    oldValue: { email: before.email },
    newValue: { email },
  });
  return { email };
}

export function mySessions(ctx: ActionContext, refreshTtlMs: number): Promise<SessionView[]> {
  return listSessions(ctx.knex, ctx.userId, refreshTtlMs);
}

export async function endMySession(ctx: ActionContext, sessionId: string): Promise<void> {
  if (!(await endSession(ctx.knex, ctx.userId, sessionId)))
    throw new NotFoundError({ entity: 'Session', id: sessionId });
  audit(ctx, { entityType: 'directus_users', entityId: ctx.userId, action: 'session_end' });
}

/** Ends every session but the caller's own (named by id); access tokens of the others expire in 15 min. */
export async function endMyOtherSessions(
  ctx: ActionContext,
  keep: string,
): Promise<{ sessions_ended: number }> {
  const ended = await endSessions(ctx.knex, [ctx.userId], keep);
  audit(ctx, {
    entityType: 'directus_users',
    entityId: ctx.userId,
    action: 'sessions_end_others',
    newValue: { sessions_ended: ended },
  });
  return { sessions_ended: ended };
}

/** A new authenticator secret, after the password: nothing is stored until a code confirms it. */
export async function setupTwoFactor(
  ctx: ActionContext,
  deps: AccountDeps,
  password: string,
  issuer: string,
): Promise<{ secret: string; otpauth_url: string }> {
  await deps.verifyPassword(ctx.userId, password);
  const user = await userRow(ctx);
  if (user.tfa_secret !== null) throw new TwoFactorStateError({ reason: 'is already on for your account' });
  const secret = authenticator.generateSecret();
  return { secret, otpauth_url: authenticator.keyuri(user.email, issuer, secret) };
}

async function storeRecoveryCodes(ctx: ActionContext): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await ctx.knex('two_factor_recovery_codes').where({ user_id: ctx.userId }).delete();
  await ctx.knex('two_factor_recovery_codes').insert(
    codes.map((code) => ({
      user_id: ctx.userId,
      code_hash: hashRecoveryCode(normaliseRecoveryCode(code) ?? ''),
    })),
  );
  return codes;
}

/** Turns two-factor on with the secret of setupTwoFactor and a code from it; answers the recovery codes, once. */
export async function enableTwoFactor(
  ctx: ActionContext,
  secret: string,
  otp: string,
): Promise<{ recovery_codes: string[] }> {
  const user = await userRow(ctx);
  if (user.tfa_secret !== null) throw new TwoFactorStateError({ reason: 'is already on for your account' });
  if (!authenticator.check(otp, secret)) throw new InvalidCodeError({ field: 'otp' });
  await ctx.knex('directus_users').where({ id: ctx.userId }).update({ tfa_secret: secret });
  const codes = await storeRecoveryCodes(ctx);
  audit(ctx, { entityType: 'directus_users', entityId: ctx.userId, action: 'two_factor_on' });
  return { recovery_codes: codes };
}

/** Checks a code from the authenticator, or uses up a recovery code. */
async function checkCode(ctx: ActionContext, secret: string, code: string): Promise<void> {
  if (/^\d{6}$/.test(code.trim())) {
    if (authenticator.check(code.trim(), secret)) return;
    throw new InvalidCodeError({ field: 'code' });
  }
  const normalised = normaliseRecoveryCode(code);
  const used = normalised
    ? await ctx
        .knex('two_factor_recovery_codes')
        .where({ user_id: ctx.userId, code_hash: hashRecoveryCode(normalised) })
        .whereNull('used_at')
        .update({ used_at: ctx.knex.fn.now() })
    : 0;
  if (used === 0) throw new InvalidCodeError({ field: 'code' });
}

/** Turns two-factor off with a code (or a recovery code), unless the shop requires it for the role. */
export async function disableTwoFactor(ctx: ActionContext, code: string): Promise<void> {
  const user = await userRow(ctx);
  if (user.tfa_secret === null) throw new TwoFactorStateError({ reason: 'is not on for your account' });
  if (await requiredByShop(ctx))
    throw new TwoFactorStateError({
      reason: `is required by your shop for ${ctx.role}s and cannot be turned off`,
    });
  await checkCode(ctx, user.tfa_secret, code);
  await ctx.knex('directus_users').where({ id: ctx.userId }).update({ tfa_secret: null });
  await ctx.knex('two_factor_recovery_codes').where({ user_id: ctx.userId }).delete();
  audit(ctx, { entityType: 'directus_users', entityId: ctx.userId, action: 'two_factor_off' });
}

/** New recovery codes (the old ones stop working), after a code from the authenticator. */
export async function renewRecoveryCodes(
  ctx: ActionContext,
  code: string,
): Promise<{ recovery_codes: string[] }> {
  const user = await userRow(ctx);
  if (user.tfa_secret === null) throw new TwoFactorStateError({ reason: 'is not on for your account' });
  await checkCode(ctx, user.tfa_secret, code);
  const codes = await storeRecoveryCodes(ctx);
  audit(ctx, { entityType: 'directus_users', entityId: ctx.userId, action: 'recovery_codes_new' });
  return { recovery_codes: codes };
}
