// Sign-in with Directus (JSON mode: access token + one-use refresh token, refreshed by the SDK a
// minute before expiry), the two-factor code (or a recovery code) when the account has it on, and
// rights from the permission matrix through canAccess (react-admin hides menus and buttons and
// guards routes with it). Session-wide refusals (a session ended elsewhere, two-factor required,
// too many requests) are the app's to tell (access/SessionEvents.tsx), never a sign-out here.
import type { AuthProvider, UserIdentity } from 'react-admin';
import {
  api,
  ApiError,
  clearSession,
  directus,
  fromSdkError,
  hasStoredSession,
  refusesSession,
  SESSION_EXPIRED,
} from '../api/client.ts';
import { forgetIdentity, identity, loadIdentity, roleCan, TWO_FACTOR_SECTION } from '../access/session.ts';

export interface LoginParams {
  email: string;
  password: string;
  otp?: string;
}

/**
 * Thrown when the account has two-factor authentication on and no (or a wrong) code was given. A
 * recovery code is sent as the code: the server takes either.
 */
export class OtpRequired extends Error {
  readonly wrongCode: boolean;
  constructor(wrongCode: boolean) {
    super(wrongCode ? 'pos.auth.otp_wrong' : 'pos.auth.otp_required');
    this.wrongCode = wrongCode;
  }
}

/**
 * Whether the shop requires two-factor authentication of this account and it is off: the app then
 * opens on the profile's two-factor section, the only pages that work until it is on.
 */
async function mustTurnOnTwoFactor(): Promise<boolean> {
  try {
    const security = await api<{ two_factor: { enabled: boolean; required: boolean } }>(
      '/api/account/security',
    );
    return security.two_factor.required && !security.two_factor.enabled;
  } catch {
    // Not known: the first refused request will say so (SessionEvents).
    return false;
  }
}

export const authProvider: AuthProvider = {
  async login({ email, password, otp }: LoginParams) {
    try {
      await directus.login(email, password, otp ? { otp } : {});
    } catch (error) {
      const failure = fromSdkError(error);
      if (failure.code === 'INVALID_OTP') throw new OtpRequired(Boolean(otp));
      throw failure;
    }
    try {
      const me = await loadIdentity();
      return {
        redirectTo: (await mustTurnOnTwoFactor()) ? TWO_FACTOR_SECTION : me.role === 'Staff' ? '/pos' : '/',
      };
    } catch (error) {
      await directus.logout().catch(() => undefined);
      clearSession();
      throw error;
    }
  },

  async logout() {
    if (hasStoredSession()) await directus.logout().catch(() => undefined);
    clearSession();
    forgetIdentity();
    return '/login';
  },

  async checkAuth() {
    if (!hasStoredSession()) throw new Error('ra.auth.auth_check_error');
    if (!identity()) await loadIdentity();
  },

  checkError(error: unknown) {
    // An expired or revoked session (or a suspended account): the app goes back to the login page
    // with a notice (SessionEvents). A 403 is a refusal of one action, shown as a message; two-factor
    // required and too many requests are told by the app once. None of them signs out here.
    if (error instanceof ApiError && refusesSession(error)) window.dispatchEvent(new Event(SESSION_EXPIRED));
    return Promise.resolve();
  },

  async getIdentity(): Promise<UserIdentity> {
    const me = identity() ?? (await loadIdentity());
    return { id: me.id, fullName: me.fullName, role: me.role, shop: me.shop.name };
  },

  getPermissions() {
    return Promise.resolve(identity()?.role ?? null);
  },

  canAccess({ resource, action }) {
    const me = identity();
    return Promise.resolve(me ? roleCan(me.role, resource, action) : false);
  },
};
