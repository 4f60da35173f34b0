// One's own account over the API (/api/account/*), and what follows a change of password or e-mail:
// every session has ended, this phone's too, so the app forgets it and opens the sign-in page.
import { useCallback, useEffect, useState } from 'react';
import { useLogout, useNotify } from 'react-admin';
import { api, ApiError, clearSession } from '../api/client.ts';
import { forgetIdentity } from '../access/session.ts';
import type { AccountSecurity } from './security.ts';

/** The account's security status, and a function that reads it again. */
export function useAccountSecurity(): {
  security: AccountSecurity | null;
  reload: () => void;
  error: unknown;
} {
  const [security, setSecurity] = useState<AccountSecurity | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    api<AccountSecurity>('/api/account/security').then(
      (answer) => {
        if (live) setSecurity(answer);
      },
      (failure: unknown) => {
        if (live) setError(failure);
      },
    );
    return () => {
      live = false;
    };
  }, [round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { security, reload, error };
}

/** After a change that ended every session: forget this phone's, sign in again, calmly told. */
export function useSignInAgain(): (message: string) => void {
  const logout = useLogout();
  const notify = useNotify();
  return useCallback(
    (message: string) => {
      clearSession();
      forgetIdentity();
      // react-admin's own sign-in address: naming '/login' here makes its logout loop.
      void logout();
      notify(message, { type: 'info', autoHideDuration: 12_000 });
    },
    [logout, notify],
  );
}

/** A refusal's message for one field of a form: the server's field, or the code's usual field. */
export function fieldOf(error: unknown, fallback: string): string | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'WRONG_PASSWORD' || error.code === 'SIGN_IN_LOCKED') return 'current_password';
  if (error.code === 'INVALID_CODE') return 'code';
  return error.field ?? fallback;
}
