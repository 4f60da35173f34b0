// What the server says about the whole session, whatever the page, told once by the app rather than
// by each request (api/client.ts announces them):
// - the session was ended elsewhere (a password change, an Owner's "sign out everywhere", a
//   suspension): back to the sign-in page, with a calm notice;
// - the shop requires two-factor authentication for the role and it is off: to the profile's
//   two-factor section, where the page explains it (only the account pages work until it is on);
// - too many requests: a calm notice of how long to wait, never a red error, never a sign-out.
import { useEffect, useRef } from 'react';
import { useLogout, useNotify, useTranslate } from 'react-admin';
import { useLocation, useNavigate } from 'react-router-dom';
import {
  clearSession,
  hasStoredSession,
  RATE_LIMITED,
  SESSION_EXPIRED,
  TWO_FACTOR_REQUIRED,
  type RateLimit,
} from '../api/client.ts';
import { forgetIdentity, TWO_FACTOR_SECTION } from './session.ts';

/** A rate-limit notice is told once for a burst of refused requests. */
const RATE_NOTICE_EVERY_MS = 5_000;

export interface SessionHandlers {
  /** The server refused the session: its tokens are already forgotten on this phone. */
  onEnded: () => void;
  onTwoFactorRequired: () => void;
}

/** Listens to the session-wide events; the rate-limit notice is the same everywhere. */
export function useSessionEvents(handlers: SessionHandlers): void {
  const notify = useNotify();
  const translate = useTranslate();
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });
  useEffect(() => {
    let lastNotice = 0;
    const ended = () => {
      // Told once: the first event forgets the session, the ones of requests still in flight find none.
      if (!hasStoredSession()) return;
      clearSession();
      forgetIdentity();
      latest.current.onEnded();
    };
    const twoFactor = () => latest.current.onTwoFactorRequired();
    const slowDown = (event: Event) => {
      const { seconds } = (event as CustomEvent<RateLimit>).detail;
      if (Date.now() - lastNotice < RATE_NOTICE_EVERY_MS) return;
      lastNotice = Date.now();
      notify(translate('app.rate_limited', { seconds: Math.max(1, seconds) }), {
        type: 'info',
        autoHideDuration: Math.min(15_000, Math.max(4_000, seconds * 1000)),
      });
    };
    window.addEventListener(SESSION_EXPIRED, ended);
    window.addEventListener(TWO_FACTOR_REQUIRED, twoFactor);
    window.addEventListener(RATE_LIMITED, slowDown);
    return () => {
      window.removeEventListener(SESSION_EXPIRED, ended);
      window.removeEventListener(TWO_FACTOR_REQUIRED, twoFactor);
      window.removeEventListener(RATE_LIMITED, slowDown);
    };
  }, [notify, translate]);
}

/** The back office's handling (inside react-admin's layout). */
export function SessionEvents() {
  const notify = useNotify();
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  useSessionEvents({
    onEnded: () => {
      // react-admin's own sign-in address: naming '/login' here makes its logout loop.
      void logout();
      notify('app.session.ended', { type: 'info', autoHideDuration: 10_000 });
    },
    onTwoFactorRequired: () => {
      if (pathname !== '/profile') void navigate(TWO_FACTOR_SECTION);
    },
  });
  return null;
}
