// The pure parts of one's own security: a session's short device name, which session is this
// device's (the SHA-256 of the refresh token it holds, as the server names sessions), and the
// two-factor recovery codes as they are typed and saved.

/** One of the account's sessions (GET /api/account/sessions). */
export interface AccountSession {
  /** The SHA-256 (hex) of the session's refresh token. */
  id: string;
  ip: string | null;
  user_agent: string | null;
  origin: string | null;
  last_used_at: string;
  expires_at: string;
}

/** GET /api/account/security. */
export interface AccountSecurity {
  email: string;
  two_factor: { enabled: boolean; required: boolean; recovery_codes_left: number };
  sessions: number;
}

const BROWSERS: [RegExp, string][] = [
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/OPR\/|Opera/, 'Opera'],
  [/Edg(A|iOS)?\//, 'Edge'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/CriOS\/|Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: [RegExp, string][] = [
  [/iPhone/, 'iPhone'],
  [/iPad/, 'iPad'],
  [/Android/, 'Android'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'Mac'],
  [/Linux/, 'Linux'],
];

/**
 * A user agent as a person says it: "Chrome on Android", "Safari on iPhone". Anything else (a
 * script, curl) keeps its first word; none at all is null (the caller says "unknown device").
 */
export function deviceName(userAgent: string | null | undefined): string | null {
  const ua = userAgent?.trim();
  if (!ua) return null;
  const browser = BROWSERS.find(([pattern]) => pattern.test(ua))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(ua))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser ?? system) return (browser ?? system) as string;
  const first = ua.split(/[\s;(]/)[0] ?? ua;
  return first.length > 40 ? `${first.slice(0, 39)}…` : first;
}

/**
 * The SHA-256 of a text, in lower-case hex; null where Web Crypto is missing (a page served over
 * plain HTTP from another machine than localhost, where the installable app does not work either).
 */
export async function sha256Hex(text: string): Promise<string | null> {
  if (typeof crypto === 'undefined' || !('subtle' in crypto)) return null;
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The id of this device's session: the hash of the refresh token it holds, or null without one. */
export async function sessionIdOf(refreshToken: string | null): Promise<string | null> {
  return refreshToken ? sha256Hex(refreshToken) : null;
}

/** This device's session first, then the others as the server ordered them (last used first). */
export function withThisDevice<T extends { id: string }>(
  sessions: readonly T[],
  thisId: string | null,
): (T & { current: boolean })[] {
  const marked = sessions.map((s) => ({ ...s, current: thisId !== null && s.id === thisId.toLowerCase() }));
  return [...marked.filter((s) => s.current), ...marked.filter((s) => !s.current)];
}

/** The letters of a recovery code: no 0, 1, I or O, which look alike. */
const RECOVERY_ALPHABET = /[^ABCDEFGHJKLMNPQRSTUVWXYZ23456789]/g;

/**
 * A recovery code as it is typed, shaped as the server writes it: upper case, the look-alike-free
 * letters only, a dash after the fifth ("abcde fghjk" → "ABCDE-FGHJK"), at most ten letters.
 */
export function formatRecoveryCode(typed: string): string {
  const letters = typed.toUpperCase().replace(RECOVERY_ALPHABET, '').slice(0, 10);
  return letters.length > 5 ? `${letters.slice(0, 5)}-${letters.slice(5)}` : letters;
}

/** Whether a typed recovery code is complete (XXXXX-XXXXX). */
export function isRecoveryCode(value: string): boolean {
  return /^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/.test(value);
}

/** A code to turn two-factor off or renew the recovery codes: six digits, or a recovery code. */
export function normaliseCode(typed: string): string | null {
  const digits = typed.replace(/\s/g, '');
  if (/^\d{6}$/.test(digits)) return digits;
  const code = formatRecoveryCode(typed);
  return isRecoveryCode(code) ? code : null;
}

/** The text file of the recovery codes, to keep somewhere safe. */
export function recoveryCodesText(
  codes: readonly string[],
  about: { shop: string; email: string; createdAt: string },
): string {
  return [
    `Phone Shop (${about.shop}): two-factor recovery codes`,
    `Account: ${about.email}`,
    `Made: ${about.createdAt}`,
    '',
    'Each code signs you in once, in place of the 6-digit code, if you lose your phone.',
    'Making new codes cancels these.',
    '',
    ...codes.map((code, i) => `${String(i + 1).padStart(2, ' ')}. ${code}`),
    '',
  ].join('\n');
}

/** The key of the authenticator in groups of four, easier to type by hand. */
export function groupedKey(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
