// Signing in with two-factor authentication on: the app asks for the authenticator's code after the
// password, refuses a wrong one with a message, and lets the right one in. The account is a Staff
// user made for the test, with TOTP turned on through Directus's own endpoints; the codes come from
// the RFC 6238 implementation in tests/e2e/totp.ts.
import { describe, expect, it } from 'vitest';
import { login, sessionWithToken } from '../../directus/admin-client.ts';
import { as, baseUrl, db } from '../support/context.ts';
import { msLeftInStep, totp } from './totp.ts';
import { appUrl, browserSessions, PHONE, screenshot } from './pages.ts';

const PASSWORD = 'two-factor-pass-1';
let userId: string | undefined;
const session = browserSessions(PHONE, async () => {
  // Suspended, not deleted: a user who signed in has audit entries, which are append-only.
  if (userId) await (await as('kampalaOwner')).request('POST', `/api/staff/${userId}/suspend`);
});

/** A Staff account of the Kampala shop with TOTP on; answers its e-mail and secret. */
async function staffWithTwoFactor(): Promise<{ email: string; secret: string }> {
  const email = `two-factor-${String(Date.now())}@kampala.example.com`;
  const owner = await as('kampalaOwner');
  const created = await owner.call<{ id: string }>('POST', '/api/staff', {
    email,
    password: PASSWORD,
    first_name: 'Tendo',
    last_name: 'Twofactor',
    role: 'Staff',
  });
  userId = created.id;
  const user = sessionWithToken(baseUrl(), await login(baseUrl(), email, PASSWORD));
  const { secret } = await user.call<{ secret: string; otpauth_url: string }>(
    'POST',
    '/users/me/tfa/generate',
    { password: PASSWORD },
  );
  const enabled = await user.request('POST', '/users/me/tfa/enable', { secret, otp: totp(secret) });
  if (enabled.status !== 200) {
    // The extension's user guard (tenancy/guards.ts, checkUserChange) refuses `tfa_secret` from
    // every shop account, its own /users/me/tfa/enable included: reported to the backend. Until it
    // lets an account turn on its own two-factor, the secret Directus generated is stored as
    // enable would store it, so that the sign-in prompt is what this test checks.
    expect(enabled.body).toMatchObject({ errors: [{ extensions: { code: 'USER_CHANGE_FORBIDDEN' } }] });
    await db()('directus_users').where({ id: created.id }).update({ tfa_secret: secret });
  }
  return { email, secret };
}

describe('two-factor sign-in', () => {
  it('asks for the code after the password, refuses a wrong one and lets the right one in', async () => {
    const { email, secret } = await staffWithTwoFactor();
    const opened = await session();
    const { page, errors } = opened;

    await page.goto(appUrl('/login'));
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const code = page.locator('input[name=otp]');
    await code.waitFor({ timeout: 15_000 });
    await page.getByText('Enter the 6-digit code from your authenticator app').first().waitFor();
    await screenshot(page, 'two-factor-prompt-phone');

    const wrong = totp(secret) === '000000' ? '111111' : '000000';
    await code.fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('That code is not right; try the current one').waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/app/login');

    // A code about to expire would be refused by the time it arrives: wait for the next one.
    if (msLeftInStep() < 5000) await page.waitForTimeout(msLeftInStep() + 200);
    await code.fill(totp(secret));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/app/pos', { timeout: 30_000 });
    await page.getByTestId('pos').waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
  });
});
