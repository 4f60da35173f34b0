import { describe, expect, it } from 'vitest';
import {
  afterFailure,
  isLocked,
  lockLength,
  MAX_LOCK_MINUTES,
  minutesLeft,
  normaliseEmail,
  SIGN_IN_RULES,
  type ThrottleState,
} from './sign-in-rules.ts';

const MINUTE = 60_000;
const at = (minutes: number): Date => new Date(Date.UTC(2026, 11, 4, 8, 0) + minutes * MINUTE);

/** The counter after failures at the given minutes. */
function failAt(
  minutes: number[],
  start: ThrottleState | null = null,
): { state: ThrottleState | null; locks: number[] } {
  let state = start;
  const locks: number[] = [];
  for (const m of minutes) {
    const next = afterFailure(SIGN_IN_RULES.pair, state, at(m));
    state = next.state;
    if (next.locked) locks.push(m);
  }
  return { state, locks };
}

describe('sign-in lock rules', () => {
  it('locks a pair at its fifth failure within 15 minutes, for 15 minutes', () => {
    const { state, locks } = failAt([0, 1, 2, 3, 4]);
    expect(locks).toEqual([4]);
    expect(state?.lockedUntil).toEqual(at(19));
    expect(isLocked(state, at(18))).toBe(true);
    expect(isLocked(state, at(19))).toBe(false);
  });

  it('forgets failures older than the window', () => {
    expect(failAt([0, 1, 2, 3, 20]).locks).toEqual([]);
  });

  it('doubles a repeated lock within a day, up to a day, and starts again after a quiet day', () => {
    expect([1, 2, 3, 4].map((n) => lockLength(SIGN_IN_RULES.pair, n) / MINUTE)).toEqual([15, 30, 60, 120]);
    expect(lockLength(SIGN_IN_RULES.pair, 20) / MINUTE).toBe(MAX_LOCK_MINUTES);
    const first = failAt([0, 1, 2, 3, 4]);
    const second = failAt([20, 21, 22, 23, 24], first.state);
    expect(second.state?.lockedUntil).toEqual(at(24 + 30));
    const afterADay = failAt(
      [24 * 60 + 100, 24 * 60 + 101, 24 * 60 + 102, 24 * 60 + 103, 24 * 60 + 104],
      second.state,
    );
    expect(afterADay.state?.lockedUntil).toEqual(at(24 * 60 + 104 + 15));
  });

  it('never counts a failure while locked (those attempts are refused before they are tried)', () => {
    const { state } = failAt([0, 1, 2, 3, 4]);
    const during = afterFailure(SIGN_IN_RULES.pair, state, at(5));
    expect(during.locked).toBe(false);
    expect(during.state.lockedUntil).toEqual(state?.lockedUntil);
  });

  it('tells whole minutes left, at least one', () => {
    expect(minutesLeft(at(15), at(0))).toBe(15);
    expect(minutesLeft(new Date(at(0).getTime() + 1000), at(0))).toBe(1);
  });

  it('compares e-mails trimmed and lower-cased, and ignores what cannot be one', () => {
    expect(normaliseEmail('  Owner@Kampala.Example.COM ')).toBe('owner@kampala.example.com');
    expect(normaliseEmail('no-at-sign')).toBeNull();
    expect(normaliseEmail(42)).toBeNull();
    expect(normaliseEmail(`${'a'.repeat(260)}@x.com`)).toBeNull();
  });
});
