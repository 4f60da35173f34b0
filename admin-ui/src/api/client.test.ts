// The client's reading of refusals: how long a 429 asks to wait, the figures of Directus's errors,
// and the refusals of the whole session that the app tells once (events, quiet notices).
import { describe, expect, it } from 'vitest';
import {
  announce,
  ApiError,
  isQuietMessage,
  isSessionWide,
  RATE_LIMITED,
  retryAfterSeconds,
  toApiError,
  TWO_FACTOR_REQUIRED,
  type RateLimit,
} from './client.ts';

describe('reading refusals', () => {
  it('takes the wait of a 429 from Retry-After (seconds or a date), else from the message', () => {
    const now = Date.parse('2026-12-04T09:00:00Z');
    expect(retryAfterSeconds('12', '', now)).toBe(12);
    expect(retryAfterSeconds('Fri, 04 Dec 2026 09:00:30 GMT', '', now)).toBe(30);
    expect(retryAfterSeconds(null, 'Too many requests from your account. Try again in 7 s.', now)).toBe(7);
    expect(retryAfterSeconds(null, 'Too many requests.', now)).toBeUndefined();
  });

  it("keeps Directus's error figures and the wait of a 429", () => {
    const locked = toApiError(
      { errors: [{ message: 'paused for 15 min', extensions: { code: 'SIGN_IN_LOCKED', minutes: 15 } }] },
      429,
      '900',
    );
    expect(locked).toMatchObject({ code: 'SIGN_IN_LOCKED', status: 429, retryAfter: 900 });
    expect(locked.context).toEqual({ minutes: 15 });
    const limited = toApiError(
      { success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests. Try again in 9 s.' } },
      429,
      null,
    );
    expect(limited.retryAfter).toBe(9);
    const refused = toApiError(
      {
        success: false,
        error: { code: 'VALIDATION_ERROR', message: 'x', details: { 'ip_allowlist[2]': ['bad'] } },
      },
      400,
    );
    expect(refused).toMatchObject({ field: 'ip_allowlist[2]', retryAfter: undefined });
  });
});

describe('refusals of the whole session', () => {
  it('are a 429, two-factor required and a refused session; not a wrong password', () => {
    expect(isSessionWide(new ApiError('RATE_LIMITED', 'x', 429))).toBe(true);
    expect(isSessionWide(new ApiError('TWO_FACTOR_REQUIRED', 'x', 403))).toBe(true);
    expect(isSessionWide(new ApiError('TOKEN_EXPIRED', 'x', 401))).toBe(true);
    expect(isSessionWide(new ApiError('INVALID_CREDENTIALS', 'x', 401))).toBe(false);
    expect(isSessionWide(new ApiError('WRONG_PASSWORD', 'x', 403))).toBe(false);
    expect(isSessionWide(new ApiError('SIGN_IN_LOCKED', 'x', 429))).toBe(false);
  });

  it('are announced once to the app, and their red notices quietened', () => {
    const heard: string[] = [];
    const waits: number[] = [];
    const onTwoFactor = () => heard.push('two-factor');
    const onLimit = (event: Event) => waits.push((event as CustomEvent<RateLimit>).detail.seconds);
    window.addEventListener(TWO_FACTOR_REQUIRED, onTwoFactor);
    window.addEventListener(RATE_LIMITED, onLimit);
    try {
      announce(new ApiError('TWO_FACTOR_REQUIRED', 'Turn it on first.', 403));
      announce(new ApiError('RATE_LIMITED', 'Try again in 12 s.', 429, { retryAfter: 12 }));
      announce(new ApiError('INSUFFICIENT_STOCK', 'Not enough stock', 409));
    } finally {
      window.removeEventListener(TWO_FACTOR_REQUIRED, onTwoFactor);
      window.removeEventListener(RATE_LIMITED, onLimit);
    }
    expect(heard).toEqual(['two-factor']);
    expect(waits).toEqual([12]);
    expect(isQuietMessage('Try again in 12 s.')).toBe(true);
    expect(isQuietMessage('Turn it on first.')).toBe(true);
    expect(isQuietMessage('Not enough stock')).toBe(false);
  });
});
