// Sign-in with Directus (JSON mode: access token + one-use refresh token, refreshed by the SDK a
// minute before expiry), the two-factor code when the account has it on, and rights from the
// permission matrix through canAccess (react-admin hides menus and buttons and guards routes with it).
import type { AuthProvider, UserIdentity } from 'react-admin';
import { ApiError, clearSession, directus, fromSdkError, hasStoredSession } from '../api/client.ts';
import { forgetIdentity, identity, loadIdentity, roleCan } from '../access/session.ts';

export interface LoginParams {
  email: string;
  password: string;
  otp?: string;
}

/** Thrown when the account has two-factor authentication on and no (or a wrong) code was given. */
export class OtpRequired extends Error {
  readonly wrongCode: boolean;
  constructor(wrongCode: boolean) {
    super(wrongCode ? 'pos.auth.otp_wrong' : 'pos.auth.otp_required');
    this.wrongCode = wrongCode;
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
      return { redirectTo: me.role === 'Staff' ? '/pos' : '/' };
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
    const status = error instanceof ApiError ? error.status : 0;
    const code = error instanceof ApiError ? error.code : '';
    // An expired or revoked session (or a suspended account): back to the login page. A 403 is a
    // refusal of one action, shown as a message, not a logout.
    if (status === 401 && code !== 'INVALID_CREDENTIALS') {
      clearSession();
      forgetIdentity();
      return Promise.reject(new Error('ra.notification.logged_out'));
    }
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
