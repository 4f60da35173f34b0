// When failed sign-ins lock, and for how long (docs/security.md, "Sign-in"). Pure: the store
// (sign-in.ts) reads and writes the rows.
//
// Three counters, each keyed by what the caller typed, never by whether an account has it:
// - pair: one e-mail from one address. 5 failures in 15 min lock that pair for 15 min, doubling on
//   each repeat within a day, up to a day. A stranger locks only their own address out.
// - address: one address, any e-mail. 30 failures in 15 min lock the address, for accounts that
//   never signed in from it (spraying many e-mails from one place).
// - account: one e-mail, any address. 50 failures in an hour lock the account for addresses it
//   never signed in from (a guess spread over many addresses). Its owner, at a known address, goes
//   on signing in: nothing a stranger does locks an account out for good, or from its usual places.

export type ThrottleScope = 'pair' | 'address' | 'account';

export interface ThrottleRule {
  failures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export const SIGN_IN_RULES: Record<ThrottleScope, ThrottleRule> = {
  pair: { failures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { failures: 30, windowMinutes: 15, lockMinutes: 15 },
  account: { failures: 50, windowMinutes: 60, lockMinutes: 15 },
};

/** The longest a lock lasts, however often it repeats. */
export const MAX_LOCK_MINUTES = 24 * 60;

/** How long after its last change a counter forgets its earlier locks (the doubling starts again). */
export const LOCKOUT_MEMORY_HOURS = 24;

/** An address an account signed in from within this many days is known to it. */
export const KNOWN_ADDRESS_DAYS = 90;

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockouts: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

const MINUTE = 60_000;

/** The length of the n-th lock (n from 1): the base, doubled for each earlier one, capped. */
export function lockLength(rule: ThrottleRule, n: number): number {
  const minutes = rule.lockMinutes * 2 ** Math.max(0, n - 1);
  return Math.min(minutes, MAX_LOCK_MINUTES) * MINUTE;
}

export function isLocked(state: ThrottleState | null, now: Date): boolean {
  return state?.lockedUntil != null && state.lockedUntil.getTime() > now.getTime();
}

/** The counter after one more failure, and whether that failure locked it. */
export function afterFailure(
  rule: ThrottleRule,
  state: ThrottleState | null,
  now: Date,
): { state: ThrottleState; locked: boolean } {
  if (state && isLocked(state, now)) return { state: { ...state, updatedAt: now }, locked: false };
  const remembers =
    state !== null && now.getTime() - state.updatedAt.getTime() < LOCKOUT_MEMORY_HOURS * 60 * MINUTE;
  const lockouts = remembers ? state.lockouts : 0;
  const inWindow =
    state !== null &&
    now.getTime() >= state.windowStartedAt.getTime() &&
    now.getTime() - state.windowStartedAt.getTime() < rule.windowMinutes * MINUTE;
  const failures = inWindow ? state.failures + 1 : 1;
  const windowStartedAt = inWindow ? state.windowStartedAt : now;
  if (failures < rule.failures) {
    return {
      state: { failures, windowStartedAt, lockouts, lockedUntil: null, updatedAt: now },
      locked: false,
    };
  }
  const lockedUntil = new Date(now.getTime() + lockLength(rule, lockouts + 1));
  return {
    // The count starts again when the lock ends.
    state: { failures: 0, windowStartedAt: lockedUntil, lockouts: lockouts + 1, lockedUntil, updatedAt: now },
    locked: true,
  };
}

/** Whole minutes until a lock ends, at least 1 (what a refused caller is told). */
export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / MINUTE));
}

/** An e-mail as it is compared: trimmed and lower-cased, or null when it cannot be an e-mail. */
export function normaliseEmail(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const email = value.trim().toLowerCase();
  return email.length > 0 && email.length <= 254 && email.includes('@') ? email : null;
}
